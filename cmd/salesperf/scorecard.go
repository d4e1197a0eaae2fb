package main

import (
	"maps"
	"slices"
	"strconv"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
	"github.com/salesperf/salesperf/segment"
)

// scoreRow is one row of the scorecard's JSON.
type scoreRow struct {
	Key         string     `json:"key"`
	Created     int64      `json:"created"`
	Open        int64      `json:"open"`
	Won         int64      `json:"won"`
	Lost        int64      `json:"lost"`
	WinRate     jsonRate   `json:"win_rate"`
	WonAmount   *jsonMoney `json:"won_amount"`
	AverageDeal *jsonMoney `json:"average_deal"`
	CycleDays   *jsonDays  `json:"cycle_days"`
}

type scoreDoc struct {
	jsonHeader
	Rows  []scoreRow `json:"rows"`
	Total scoreRow   `json:"total"`
}

// scorecard: per --by key (owner by default) and in total, the deals
// created in the span and how many of them are still open, and over the
// deals closed in the span: won, lost, win rate, won amount, average deal
// and cycle length.
func scorecard(o *options, d *data) (*result, error) {
	s := spanOf(o, d)
	by := o.by
	if by == "" {
		by = "owner"
	}
	keyCreated, err := dealKey(by, d, s, segment.ByCreated)
	if err != nil {
		return nil, err
	}
	keyClosed, err := dealKey(by, d, s, segment.ByClosed)
	if err != nil {
		return nil, err
	}
	tab := metrics.NewTable(
		metrics.Col("counts", metrics.Counts()),
		metrics.Col("win rate", metrics.WinRate()),
		metrics.Col("won", metrics.WonAmount()),
		metrics.Col("average", metrics.AverageDealSize()),
		metrics.Col("cycle", metrics.SalesCycle(d.cal.Location)),
	)
	created := metrics.Where(metrics.Counts(), s.created)
	closed := metrics.Where(tab.Aggregator(), s.closed)
	all := metrics.Refs(d.deals)
	byCreated := segment.By(all, keyCreated, created)
	byClosed := segment.By(all, keyClosed, closed)
	empty := closed.Compute(metrics.Refs([]sp.Deal(nil)))

	// A key with neither a deal created nor one closed in the span is not
	// a row (segment.By keeps the keys of the deals the filters left out).
	seen := map[string]bool{}
	for k, c := range byCreated {
		seen[k] = seen[k] || c.Deals > 0
	}
	for k, r := range byClosed {
		c := metrics.Value[metrics.DealCounts](r, "counts")
		seen[k] = seen[k] || c.Deals > 0
	}
	var keys []string
	for _, k := range slices.Sorted(maps.Keys(seen)) {
		if seen[k] {
			keys = append(keys, k)
		}
	}

	doc := scoreDoc{jsonHeader: header("scorecard", o, d, s)}
	doc.By = by
	t := report.Table{
		Header: []string{by, "created", "open", "won", "lost", "win rate", "won amount", "avg deal",
			"cycle mean", "median", "p90"},
	}
	if s.all && s.grain == 0 {
		t.Header[1] = "deals"
	}
	add := func(key string, c metrics.DealCounts, r metrics.Row) (scoreRow, error) {
		row, cells, err := scoreLine(d, key, c, r)
		if err != nil {
			return row, err
		}
		t.Rows = append(t.Rows, cells)
		return row, nil
	}
	for _, k := range keys {
		r, ok := byClosed[k]
		if !ok {
			r = empty
		}
		row, err := add(k, byCreated[k], r)
		if err != nil {
			return nil, err
		}
		doc.Rows = append(doc.Rows, row)
	}
	total, err := add("total", created.Compute(all), closed.Compute(all))
	if err != nil {
		return nil, err
	}
	doc.Total = total
	doc.Notes = []string{
		"created, open: deals created in the span (all deals for all data), and those of them still open",
		"won, lost, win rate, won amount, avg deal, cycle: deals closed in the span",
		"win rate = won / (won + lost); avg deal = won amount / won deals; cycle = days from created to closed, won deals",
	}
	if by == "manager" || by == "team" || by == "region" {
		doc.Notes = append(doc.Notes, "a deal counts for the "+by+" of its owner on the day it was created (created, open) or closed (the rest)")
	}
	t.Notes = doc.Notes
	return &result{
		title:  "Scorecard by " + by + ", " + s.label(),
		notes:  baseNotes(d, s),
		tables: []report.Table{t},
		doc:    doc,
	}, nil
}

// scoreLine is one scorecard row as JSON and as table cells.
func scoreLine(d *data, key string, c metrics.DealCounts, r metrics.Row) (scoreRow, []string, error) {
	counts := metrics.Value[metrics.DealCounts](r, "counts")
	wr := metrics.Value[metrics.Rate](r, "win rate")
	won := metrics.Value[sp.Sum](r, "won")
	avg := metrics.Value[metrics.Average](r, "average")
	cycle := metrics.Value[metrics.Summary](r, "cycle")
	wonM, err := d.moneyOf(&won)
	if err != nil {
		return scoreRow{}, nil, err
	}
	row := scoreRow{Key: key, Created: c.Deals, Open: c.Open, Won: counts.Won, Lost: counts.Lost,
		WinRate: rate(wr), WonAmount: money(wonM), CycleDays: days(cycle)}
	avgCell := "–"
	if v, ok, err := avg.Value(sp.RoundHalfEven); err != nil {
		return scoreRow{}, nil, err
	} else if ok {
		row.AverageDeal = money(v)
		avgCell = v.Amount()
	}
	mean, med, p90 := "–", "–", "–"
	if row.CycleDays != nil {
		mean, med, p90 = row.CycleDays.Mean, num(cycle.Median), num(cycle.P90)
	}
	cells := []string{show(key), n(c.Deals), n(c.Open), n(counts.Won), n(counts.Lost), wr.String(),
		wonM.Amount(), avgCell, mean, med, p90}
	return row, cells, nil
}

func n(x int64) string { return strconv.FormatInt(x, 10) }

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
