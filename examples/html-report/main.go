// Command html-report writes the quarterly report of the sample
// organisation as one self-contained HTML page — inline style, inline SVG
// charts, no script, nothing loaded from elsewhere — for the last complete
// fiscal quarter as of the sample's now:
//
//   - the scorecard: per rep, deals created, won, lost, win rate, won
//     amount, average deal and median sales cycle;
//   - the New Business stage funnel of the deals closed in the quarter;
//   - the reps' win rates with 95% Wilson intervals, and the team rate;
//   - won revenue per month over the four quarters ending with it, against
//     the sum of the reps' monthly won-amount targets;
//   - the USD ARR bridge of the quarter as a waterfall.
//
// Usage:
//
//	go run ./examples/html-report -o report.html
//
// Cohorts: "created" counts the deals created in the quarter; win rates,
// won amounts, cycles and the funnel are over the deals closed (won or
// lost) in it — for the funnel, so that every deal's path is complete and
// a drop-off is a loss, not a deal still open. Amounts are in USD: each
// deal's amount is converted at the EUR→USD rate of its close date (of
// its created date while open), each monthly target at the rate of the
// month's last day, rounded half to even to the cent. The ARR bridge is
// that of the USD subscriptions (the EUR ones are summarised in a note).
// Records that fail validation are left out and counted in a note.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/chart"
	"github.com/salesperf/salesperf/examples/internal/prep"
	"github.com/salesperf/salesperf/internal/sampledata"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
	"github.com/salesperf/salesperf/segment"
)

func main() {
	out := flag.String("o", "salesperf-report.html", "the HTML file to write")
	flag.Parse()
	if err := write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "html-report:", err)
		os.Exit(1)
	}
}

func write(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := run(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

const (
	currency sp.Currency = "USD"
	minN                 = 10 // closed deals a rep needs to be ranked by win rate
)

// env is what every section reads.
type env struct {
	s          *sampledata.Sample
	cal        sp.Calendar
	q          sp.Period
	start, end time.Time
	valid      *prep.Data
	deals      []sp.Deal // valid, amounts in USD
}

func (e *env) closedInQ(d *sp.Deal) bool {
	return !d.Closed.IsZero() && !d.Closed.Before(e.start) && d.Closed.Before(e.end)
}

func (e *env) createdInQ(d *sp.Deal) bool {
	return !d.Created.Before(e.start) && d.Created.Before(e.end)
}

func run(w io.Writer) error {
	p, err := build()
	if err != nil {
		return err
	}
	return p.WriteHTML(w)
}

// build makes the page.
func build() (chart.Page, error) {
	s, err := sampledata.Load()
	if err != nil {
		return chart.Page{}, err
	}
	e := &env{s: s, cal: s.Calendar}
	e.q = e.cal.Prev(e.cal.PeriodOf(s.AsOf, sp.Quarter))
	e.start, e.end = e.cal.Bounds(e.q)
	e.valid = prep.Valid(s)
	if e.deals, err = prep.InCurrency(e.valid.Deals, s.Rates, currency); err != nil {
		return chart.Page{}, err
	}
	page := chart.Page{
		Title: "Sales report " + e.q.String(),
		Notes: []string{
			fmt.Sprintf("%s to %s, as of %s. Amounts in %s.", e.q.Start, e.q.End.AddDays(-1), s.AsOf.Format("2006-01-02 15:04 MST"), currency),
		},
	}
	// The charts first, then the tables in detail.
	var details []chart.Section
	for _, section := range []func(*env) ([]chart.Section, error){funnel, winRates, revenue, arr, scorecard} {
		secs, err := section(e)
		if err != nil {
			return chart.Page{}, err
		}
		page.Sections = append(page.Sections, secs[0])
		details = append(details, secs[1:]...)
	}
	page.Sections = append(page.Sections, details...)
	rejected := e.valid.Rejected()
	total := 0
	for _, n := range rejected {
		total += n
	}
	left := report.Table{Title: fmt.Sprintf("Left out: %d records failed validation", total), Header: []string{"record: field: reason", "records"}}
	for _, line := range prep.Lines(rejected) {
		i := len(line) - 1
		for line[i] != ' ' {
			i--
		}
		left.Rows = append(left.Rows, []string{line[:i-1], line[i+1:]})
	}
	page.Sections = append(page.Sections, chart.Section{Title: "Data quality", Tables: []report.Table{left}})
	return page, nil
}

// scorecard: per rep and for the team.
func scorecard(e *env) ([]chart.Section, error) {
	loc := e.cal.Location
	closed := metrics.NewTable(
		metrics.Col("counts", metrics.Counts()),
		metrics.Col("win rate", metrics.WinRate()),
		metrics.Col("won", metrics.WonAmount()),
		metrics.Col("average", metrics.AverageDealSize()),
		metrics.Col("cycle", metrics.SalesCycle(loc)),
	)
	closedIn := metrics.Where(closed.Aggregator(), e.closedInQ)
	created := metrics.Where(metrics.Count[*sp.Deal](), e.createdInQ)
	all := metrics.Refs(e.deals)
	c := segment.By(all, segment.Owner, created)
	r := segment.By(all, segment.Owner, closedIn)
	t := report.Table{
		Title:  "Scorecard " + e.q.String(),
		Header: []string{"rep", "created", "won", "lost", "win rate", "won amount", "average deal", "median cycle (days)"},
	}
	for _, rep := range e.s.Reps {
		row, err := scoreRow(rep, c[rep], r[rep], closed)
		if err != nil {
			return nil, err
		}
		t.Rows = append(t.Rows, row)
	}
	row, err := scoreRow("all", created.Compute(all), closedIn.Compute(all), closed)
	if err != nil {
		return nil, err
	}
	t.Rows = append(t.Rows, row)
	t.Notes = []string{
		"created: deals created in the quarter; the other columns: deals closed (won or lost) in it",
		"win rate = won / (won + lost); average deal = won amount / won deals; cycle = days from created to closed, won deals",
	}
	return []chart.Section{{Title: "Scorecard", Tables: []report.Table{t}}}, nil
}

func scoreRow(name string, created int64, r metrics.Row, tab *metrics.Table[*sp.Deal]) ([]string, error) {
	if r.Names == nil { // nothing closed: the empty row still has its columns
		r = tab.Aggregator().Compute(metrics.Refs([]sp.Deal(nil)))
	}
	counts := metrics.Value[metrics.DealCounts](r, "counts")
	rate := metrics.Value[metrics.Rate](r, "win rate")
	won := metrics.Value[sp.Sum](r, "won")
	avg := metrics.Value[metrics.Average](r, "average")
	cycle := metrics.Value[metrics.Summary](r, "cycle")
	avgText, cycleText := "–", "–"
	v, ok, err := avg.Value(sp.RoundHalfEven)
	if err != nil {
		return nil, err
	}
	if ok {
		avgText = v.Amount()
	}
	if cycle.N > 0 {
		cycleText = strconv.FormatFloat(cycle.Median, 'f', -1, 64)
	}
	return []string{name, n(created), n(counts.Won), n(counts.Lost), rate.String(), won.Of(currency).Amount(), avgText, cycleText}, nil
}

func n(v int64) string { return strconv.FormatInt(v, 10) }

// funnel: New Business, deals closed in the quarter.
func funnel(e *env) ([]chart.Section, error) {
	p, ok := e.s.Dataset.Pipelines.Lookup("New Business")
	if !ok {
		return nil, fmt.Errorf("no New Business pipeline")
	}
	deals := metrics.Filter(metrics.Refs(e.valid.Deals), e.closedInQ)
	r := metrics.Funnel(p, metrics.FunnelConfig{AsOf: e.s.AsOf, Location: e.cal.Location}).Compute(deals)
	f := chart.FunnelOf(r)
	f.Title = p.Name + ": deals closed in " + e.q.String()
	return []chart.Section{{
		Title: "Stage funnel",
		Notes: []string{
			"Each bar is the deals that reached the stage (a deal that skipped a stage reached it); between two bars, " +
				"the share that went on to the next stage and the deals lost there. Deals closed in the quarter: every path is complete.",
		},
		Charts: []chart.Chart{f},
	}}, nil
}

// winRates: reps ranked by win rate, deals closed in the quarter.
func winRates(e *env) ([]chart.Section, error) {
	winRate := metrics.Where(metrics.WinRate(), e.closedInQ)
	b := segment.Leaderboard(segment.By(metrics.Refs(e.deals), segment.Owner, winRate),
		segment.BoardOptions[string]{MinN: minN, All: e.s.Reps, RankBy: segment.RawRate})
	team, _ := b.Team.Value()
	l := chart.Leaderboard{
		Title:          "Win rate by rep, deals closed in " + e.q.String() + " (95% Wilson intervals)",
		Format:         chart.Format{Percent: true},
		Max:            1,
		Reference:      team,
		ReferenceLabel: "team " + pct(b.Team),
	}
	t := report.Table{
		Title:  "Win rates and shrunk rates",
		Header: []string{"rank", "rep", "win rate", "95% interval (" + b.Interval.String() + ")", "shrunk", "shrunk rank"},
		Left:   2,
	}
	for _, r := range b.Rows {
		bar := chart.Bar{Name: r.Key, Rank: r.RateRank, Has: r.OK}
		interval, shrunk := "–", "–"
		if r.OK {
			bar.Value, _ = r.Rate.Value()
			bar.Lo, bar.Hi = r.Lo, r.Hi
			bar.Text = r.Rate.String()
			interval = chart.Format{Percent: true, Decimals: 1}.Float(r.Lo) + " – " + chart.Format{Percent: true, Decimals: 1}.Float(r.Hi)
			shrunk = chart.Format{Percent: true, Decimals: 1}.Float(r.Shrunk)
		}
		l.Bars = append(l.Bars, bar)
		t.Rows = append(t.Rows, []string{rankText(r.RateRank), r.Key, r.Rate.String(), interval, shrunk, rankText(r.ShrunkRank)})
	}
	t.Notes = []string{
		fmt.Sprintf("fewer than %d closed deals: not ranked (–, pale bar)", minN),
		fmt.Sprintf("shrunk = (won + α) / (closed + α + β), prior Beta(α = %.2f, β = %.2f) estimated from the reps", b.Prior.Alpha, b.Prior.Beta),
	}
	return []chart.Section{{
		Title:  "Win rates",
		Notes:  []string{"win rate = won / (won + lost); the whisker is the 95% Wilson interval: the fewer deals, the wider it is."},
		Charts: []chart.Chart{l},
	}, {
		Title:  "Win rates in detail",
		Tables: []report.Table{t},
	}}, nil
}

func pct(r metrics.Rate) string {
	v, ok := r.Decimal(3, sp.RoundHalfEven)
	if !ok {
		return "–"
	}
	return v.Shift(2).StringFixed(1) + "%"
}

func rankText(r int) string {
	if r == 0 {
		return "–"
	}
	return strconv.Itoa(r)
}

// revenue: won revenue per month, the twelve months ending with the
// quarter, against the reps' monthly targets.
func revenue(e *env) ([]chart.Section, error) {
	last := e.cal.PeriodOfDate(e.q.End.AddDays(-1), sp.Month)
	months := []sp.Period{last}
	for len(months) < 12 {
		months = append([]sp.Period{e.cal.Prev(months[0])}, months...)
	}
	first := months[0]
	from, _ := e.cal.Bounds(first)
	wonIn := func(d *sp.Deal) bool { return d.Status == sp.Won && !d.Closed.Before(from) && d.Closed.Before(e.end) }
	byMonth := segment.By(metrics.Filter(metrics.Refs(e.deals), wonIn), segment.Period(e.cal, sp.Month, segment.ByClosed),
		metrics.Both(metrics.Count[*sp.Deal](), metrics.WonAmount()))
	target := map[sp.Period]*sp.Sum{}
	for _, tg := range e.s.Dataset.Targets {
		if tg.Level != sp.RepLevel || tg.Metric != sp.TargetWonAmount || tg.Period.Grain != sp.Month {
			continue
		}
		if tg.Period.Compare(first) < 0 || tg.Period.Compare(last) > 0 {
			continue
		}
		usd, err := e.s.Rates.Convert(tg.Amount, currency, tg.Period.End.AddDays(-1).In(e.cal.Location), sp.RoundHalfEven)
		if err != nil {
			return nil, err
		}
		if target[tg.Period] == nil {
			target[tg.Period] = &sp.Sum{}
		}
		target[tg.Period].Add(usd)
	}
	tr := chart.Trend{
		Title:      "Won revenue per month (USD), close date",
		Name:       "won",
		TargetName: "target (sum of the reps' monthly targets)",
		Format:     chart.Format{Compact: true, Prefix: "$"},
		Width:      960,
	}
	t := report.Table{Title: "Won revenue per month (USD)", Header: []string{"month", "won deals", "won amount", "target", "attainment"}}
	for _, m := range months {
		r := byMonth[m]
		won := r.B.Of(currency)
		var tg sp.Money
		if s := target[m]; s != nil {
			tg = s.Of(currency)
		}
		label := m.Start.In(e.cal.Location).Format("Jan 2006")
		tr.Labels = append(tr.Labels, label)
		tr.Values = append(tr.Values, float(won))
		tr.Target = append(tr.Target, float(tg))
		att := "–"
		if tg.Sign() > 0 {
			q := sp.RoundHalfEven.Quo(won.Decimal(), tg.Decimal(), 3)
			att = q.Shift(2).StringFixed(1) + "%"
		}
		t.Rows = append(t.Rows, []string{label + " (" + m.String() + ")", n(r.A), won.Amount(), tg.Amount(), att})
	}
	t.Notes = []string{"attainment = won amount / target, rounded half to even to 0.1%; targets converted at the rate of the month's last day"}
	return []chart.Section{
		{Title: "Revenue trend", Charts: []chart.Chart{tr}},
		{Title: "Won revenue by month", Tables: []report.Table{t}},
	}, nil
}

// float returns m as a float64, for drawing only.
func float(m sp.Money) float64 {
	v, err := strconv.ParseFloat(m.Amount(), 64)
	if err != nil {
		panic(err)
	}
	return v
}

// arr: the ARR bridge of the quarter.
func arr(e *env) ([]chart.Section, error) {
	bridges := metrics.ARRMovements(e.q.Start, e.q.End, sp.RoundHalfEven).Compute(metrics.Refs(e.valid.Subscriptions))
	sec := chart.Section{
		Title: "ARR bridge",
		Notes: []string{"opening + new + reactivation + expansion − contraction − churn = closing, exactly; ARR on " +
			e.q.Start.AddDays(-1).String() + " and on " + e.q.End.AddDays(-1).String() + "."},
	}
	for _, b := range bridges {
		if b.Currency != currency {
			sec.Notes = append(sec.Notes, "Not drawn: "+b.String())
			continue
		}
		wf := chart.ARRWaterfall(b, chart.Format{Compact: true, Prefix: "$"})
		wf.Title = "ARR bridge " + e.q.String() + " (USD subscriptions)"
		sec.Charts = append(sec.Charts, wf)
		nrr, _, _ := b.NRR().Decimal(3, sp.RoundHalfEven)
		grr, _, _ := b.GRR().Decimal(3, sp.RoundHalfEven)
		sec.Notes = append(sec.Notes, "USD: net revenue retention "+nrr.Shift(2).StringFixed(1)+"%, gross "+grr.Shift(2).StringFixed(1)+"%.")
	}
	return []chart.Section{sec}, nil
}
