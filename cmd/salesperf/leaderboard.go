package main

import (
	"fmt"
	"maps"
	"strconv"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/chart"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
	"github.com/salesperf/salesperf/segment"
)

type boardDoc struct {
	jsonHeader
	MinN     int64       `json:"min_n"`    // closed deals a row needs to be ranked
	Level    string      `json:"level"`    // confidence level of the intervals, "0.95"
	Interval string      `json:"interval"` // "Wilson"
	Team     jsonRate    `json:"team"`     // the pooled win rate
	Prior    prior       `json:"prior"`    // Beta(alpha, beta) the shrunk rates use
	Fallback bool        `json:"fallback"` // the prior's strength is the median closed deals
	Rows     []boardJSON `json:"rows"`
}

type prior struct {
	Alpha string `json:"alpha"` // 4 decimals
	Beta  string `json:"beta"`
}

// boardJSON is one leaderboard row.
type boardJSON struct {
	Rank       int        `json:"rank"` // by the shrunk rate; 0: not ranked (below min_n, or no closed deal)
	Key        string     `json:"key"`
	WinRate    jsonRate   `json:"win_rate"`
	Lo         *string    `json:"lo"` // the interval's bounds, 4 decimals; null without closed deals
	Hi         *string    `json:"hi"`
	Shrunk     *string    `json:"shrunk"`   // (won + alpha) / (closed + alpha + beta), 4 decimals
	RawRank    int        `json:"raw_rank"` // by the win rate itself
	WonAmount  *jsonMoney `json:"won_amount"`
	AmountRank int        `json:"amount_rank"` // by won amount
}

// leaderboard: per --by key (owner by default), the win rate of the deals
// closed in the span with its 95% Wilson interval and the rate shrunk
// toward the team's, ranked by the shrunk rate; and the won amount with
// its own rank.
func leaderboard(o *options, d *data) (*result, error) {
	s := spanOf(o, d)
	by := o.by
	if by == "" {
		by = "owner"
	}
	key, err := dealKey(by, d, s, segment.ByClosed)
	if err != nil {
		return nil, err
	}
	all := metrics.Refs(d.deals)
	rates := segment.By(all, key, metrics.Where(metrics.WinRate(), s.closed))
	wonBy := segment.By(all, key, metrics.Where(metrics.WonAmount(), s.closed))
	maps.DeleteFunc(rates, func(_ string, r metrics.Rate) bool { return r.Den == 0 }) // keys of deals not closed in the span
	b := segment.Leaderboard(rates, segment.BoardOptions[string]{MinN: o.minN})
	amounts, err := segment.RankAmounts(wonBy, segment.RankOptions[string, sp.Sum]{})
	if err != nil {
		return nil, err
	}
	amountRank := map[string]int{}
	for _, r := range amounts {
		amountRank[r.Key] = r.Rank
	}
	doc := boardDoc{jsonHeader: header("leaderboard", o, d, s), MinN: o.minN, Level: "0.95",
		Interval: b.Interval.String(), Team: rate(b.Team), Fallback: b.Fallback,
		Prior: prior{Alpha: strconv.FormatFloat(b.Prior.Alpha, 'f', 4, 64), Beta: strconv.FormatFloat(b.Prior.Beta, 'f', 4, 64)}}
	doc.By = by
	t := report.Table{
		Header: []string{"rank", by, "win rate", "95% interval", "shrunk", "raw rank", "won amount", "amount rank"},
		Left:   2,
	}
	lb := chart.Leaderboard{Title: "Win rate by " + by + ", deals closed in the span", Format: chart.Format{Percent: true, Decimals: 1},
		Max: 1, Reference: 0, ReferenceLabel: ""}
	if v, ok := b.Team.Value(); ok {
		lb.Reference, lb.ReferenceLabel = v, "team "+b.Team.String()
	}
	for _, r := range b.Rows {
		won := wonBy[r.Key]
		wonM, err := d.moneyOf(&won)
		if err != nil {
			return nil, err
		}
		j := boardJSON{Rank: r.ShrunkRank, Key: r.Key, WinRate: rate(r.Rate), RawRank: r.RateRank,
			WonAmount: money(wonM), AmountRank: amountRank[r.Key]}
		interval, shrunk := "–", "–"
		bar := chart.Bar{Name: show(r.Key), Rank: r.ShrunkRank, Has: r.OK}
		if r.OK {
			lo, hi, sh := f4(r.Lo), f4(r.Hi), f4(r.Shrunk)
			j.Lo, j.Hi, j.Shrunk = &lo, &hi, &sh
			interval = fmt.Sprintf("%.1f%% – %.1f%%", 100*r.Lo, 100*r.Hi)
			shrunk = fmt.Sprintf("%.1f%%", 100*r.Shrunk)
			v, _ := r.Rate.Value()
			bar.Value, bar.Lo, bar.Hi = v, r.Lo, r.Hi
		}
		t.Rows = append(t.Rows, []string{rank(r.ShrunkRank), show(r.Key), r.Rate.String(), interval, shrunk,
			rank(r.RateRank), wonM.Amount(), rank(amountRank[r.Key])})
		doc.Rows = append(doc.Rows, j)
		lb.Bars = append(lb.Bars, bar)
	}
	doc.Notes = []string{
		"cohort: deals closed (won or lost) in the span; win rate = won / (won + lost)",
		fmt.Sprintf("rank: by the shrunk rate (won + α) / (closed + α + β), prior Beta(α = %.2f, β = %.2f) estimated from every row; raw rank: by the win rate; fewer than %d closed deals: not ranked (–)", b.Prior.Alpha, b.Prior.Beta, o.minN),
		"team win rate " + b.Team.String() + "; ranks are standard competition ranks (1, 2, 2, 4)",
	}
	t.Notes = doc.Notes
	return &result{
		title:  "Leaderboard by " + by + ", " + s.label(),
		notes:  baseNotes(d, s),
		tables: []report.Table{t},
		charts: []chart.Chart{lb},
		doc:    doc,
	}, nil
}

func f4(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }

func rank(r int) string {
	if r == 0 {
		return "–"
	}
	return strconv.Itoa(r)
}
