// Command forecast answers "will we make the quarter?" for the sample
// organisation as of its now (2026-02-16 09:00, New York): the quarter is
// FY2027 Q1, 2026-02-01 to 2026-04-30.
//
//	go run ./examples/forecast
//
// It prints, amounts in USD (EUR amounts converted at the EUR→USD rate of
// the day each amount was set; records that fail validation left out):
//
//   - the pipeline forecast, per pipeline and in total: won so far in the
//     quarter, the weighted pipeline of the open deals expected to close in
//     the quarter with the fixed (the pipeline's default) and the learned
//     stage probabilities (forecast.LearnStage as of now, at least 20
//     closed deals a stage before a learned rate stands alone), each added
//     to the won so far;
//   - the forecast categories of New Business (the Renewal pipeline has
//     none), individually and cumulatively (commit column = commit +
//     closed);
//   - the Monte Carlo range of the quarter's revenue, both pipelines
//     simulated with their learned probabilities, timing and new-deal
//     models and combined: P10, P50, P90, the chance of reaching the
//     team's target and the mean split into closed, open and new. 10,000
//     draws, seed 1, the default period shock. The target is the sum of
//     the reps' quarterly won-amount targets for FY2027 Q1 if the sample
//     has them, else for the last quarter that has targets (the output
//     says which), EUR targets converted at the rate of the forecast day;
//   - the revenue series forecast: AutoETS on the monthly won revenue of
//     the 24 whole fiscal months before now, the next three months (the
//     quarter) with 80% intervals, beside the pipeline forecast;
//   - the ten open New Business deals most likely to be won, by the
//     Odoo-style naive Bayes trained on the deals closed by now, with
//     their rule-based points and grade (forecast.PointRules);
//   - the open leads (neither converted nor disqualified by now), best
//     first by rule points for what they did and where they came from,
//     with their grade;
//   - the backtest of the sample by quarter (see examples/backtest), with
//     2,000 Monte Carlo draws per origin to keep the run short.
package main

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/examples/internal/prep"
	"github.com/salesperf/salesperf/forecast"
	"github.com/salesperf/salesperf/internal/sampledata"
	"github.com/salesperf/salesperf/report"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "forecast:", err)
		os.Exit(1)
	}
}

const (
	currency      = "USD"
	seed          = 1
	backtestDraws = 2000
	minN          = 20
	newBusiness   = "New Business"
	renewalPipe   = "Renewal"
	mode          = sp.RoundHalfEven
)

func run(w io.Writer) error {
	s, err := sampledata.Load()
	if err != nil {
		return err
	}
	cal, now := s.Calendar, s.AsOf
	valid := prep.Valid(s)
	deals, err := prep.InCurrencyHistory(valid.Deals, s.Rates, currency)
	if err != nil {
		return err
	}
	q := cal.PeriodOf(now, sp.Quarter)
	from, to := cal.Bounds(q)
	fmt.Fprintf(w, "Forecast of %s (%s to %s) as of %s, amounts in %s\n",
		q, q.Start, q.End.AddDays(-1), now.Format("2006-01-02 15:04 MST"), currency)
	fmt.Fprintf(w, "records left out by validation: %d\n\n", rejected(valid.Report))

	// The pipeline forecast, per pipeline.
	pipe := report.Table{Title: "Pipeline forecast", Left: 1,
		Header: []string{"pipeline", "open in quarter", "won so far", "weighted fixed", "weighted learned", "forecast fixed", "forecast learned"}}
	var sims []*forecast.Simulation
	var totals [5]int64
	var openAll int64
	for _, name := range []string{newBusiness, renewalPipe} {
		p, ok := s.Dataset.Pipelines.Lookup(name)
		if !ok {
			return fmt.Errorf("no pipeline %q", name)
		}
		def := name == s.Dataset.Pipelines[0].Name
		own := ofPipeline(deals, name, def)
		fixed := forecast.FixedStage(p)
		fixed.Default = def
		learned := forecast.LearnStage(slices.Values(refs(own)), p, forecast.LearnConfig{AsOf: now, MinN: minN, Default: def})
		closed := wonIn(own, from, now)
		var expected []*sp.Deal
		open := forecast.OpenAt(own, now)
		for i := range open {
			if t := open[i].ExpectedClose.In(cal.Location); !open[i].ExpectedClose.IsZero() && !t.Before(from) && t.Before(to) {
				expected = append(expected, &open[i])
			}
		}
		wf := forecast.WeightedPipeline(&fixed, mode).Compute(slices.Values(expected))
		wl := forecast.WeightedPipeline(&learned, mode).Compute(slices.Values(expected))
		f, l := minor(wf.Total.Of(currency)), minor(wl.Total.Of(currency))
		row := [5]int64{int64(len(expected)), closed, f, l, 0}
		pipe.Rows = append(pipe.Rows, []string{name, fmt.Sprint(len(expected)), usd(closed), usd(f), usd(l), usd(closed + f), usd(closed + l)})
		for k := range row {
			totals[k] += row[k]
		}
		openAll += int64(len(open))
		if lo := wf.LeftOut.Total() + wl.LeftOut.Total(); lo > 0 {
			pipe.Notes = append(pipe.Notes, fmt.Sprintf("%s: left out %s (fixed), %s (learned)", name, wf.LeftOut, wl.LeftOut))
		}

		mc := forecast.MonteCarlo{AsOf: now, From: from, To: to, Currency: currency,
			Prob: learned.Float, Timing: forecast.LearnTiming(own, now, forecast.TimingOptions{}),
			NewDeals: forecast.LearnNewDeals(own, now, currency, forecast.NewDealsOptions{}),
			Seed:     seed, Segment: name}
		sim, err := mc.Simulate(own)
		if err != nil {
			pipe.Notes = append(pipe.Notes, fmt.Sprintf("%s Monte Carlo: deals left out: %v", name, sim.LeftOut()))
		}
		sims = append(sims, sim)
	}
	pipe.Rows = append(pipe.Rows, []string{"total", fmt.Sprint(totals[0]), usd(totals[1]), usd(totals[2]), usd(totals[3]),
		usd(totals[1] + totals[2]), usd(totals[1] + totals[3])})
	pipe.Notes = append(pipe.Notes,
		fmt.Sprintf("open deals: %d in all, of which the counted ones expect to close in the quarter (expected close date as of now).", openAll),
		fmt.Sprintf("learned probabilities: won / (won + lost that reached the stage) of the deals closed by now, smoothed toward the default below %d deals.", minN),
		"forecast = won so far + weighted pipeline.")
	if err := pipe.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w)

	// Categories, New Business.
	nb := ofPipeline(deals, newBusiness, true)
	key := forecast.ForecastPeriod(cal, sp.Quarter)
	var inQ []*sp.Deal
	views := forecast.PipelineAt(nb, now)
	for i := range views {
		if key(&views[i]) == q {
			inQ = append(inQ, &views[i])
		}
	}
	roll := forecast.Categories().Compute(slices.Values(inQ))
	cats := report.Table{Title: "Forecast categories, New Business (deals closed or expected to close in the quarter)", Left: 1,
		Header: []string{"category", "deals", "amount", "cumulative deals", "cumulative amount"}}
	for _, c := range []struct {
		name     string
		ind, cum forecast.CategoryTotal
	}{
		{"closed", roll.Individual.Closed, roll.Cumulative.Closed},
		{"commit", roll.Individual.Commit, roll.Cumulative.Commit},
		{"best case", roll.Individual.BestCase, roll.Cumulative.BestCase},
		{"pipeline", roll.Individual.Pipeline, roll.Cumulative.Pipeline},
		{"omitted", roll.Individual.Omitted, roll.Cumulative.Omitted},
	} {
		cats.Rows = append(cats.Rows, []string{c.name, fmt.Sprint(c.ind.Deals), usd(minor(c.ind.Amount.Of(currency))),
			fmt.Sprint(c.cum.Deals), usd(minor(c.cum.Amount.Of(currency)))})
	}
	cats.Notes = append(cats.Notes, "cumulative: closed; commit + closed; best case + commit + closed; pipeline + best case + commit + closed; omitted alone.")
	if len(roll.LeftOut) > 0 {
		cats.Notes = append(cats.Notes, "left out: "+roll.LeftOut.String())
	}
	if err := cats.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w)

	// Monte Carlo, both pipelines combined.
	sim, err := sims[0].Combine(sims[1])
	if err != nil {
		return err
	}
	target, targetNote, err := teamTarget(s, q, now)
	if err != nil {
		return err
	}
	p10, p50, p90 := sim.Range()
	hit, err := sim.ProbAtLeast(target)
	if err != nil {
		return err
	}
	mean := sim.Mean()
	hv, _ := hit.Value()
	mcT := report.Table{Title: fmt.Sprintf("Monte Carlo, both pipelines (%d draws, seed %d)", sim.N(), seed), Left: 1,
		Header: []string{"figure", "value"}}
	mcT.Rows = [][]string{
		{"P10", usd(minor(p10))}, {"P50", usd(minor(p50))}, {"P90", usd(minor(p90))},
		{"target", usd(minor(target))},
		{"P(revenue ≥ target)", fmt.Sprintf("%.1f%%", 100*hv)},
		{"mean", usd(minor(mean.Total))},
		{"  closed so far", usd(minor(mean.Closed))},
		{"  from open deals", usd(minor(mean.Open))},
		{"  from new deals", usd(minor(mean.New))},
	}
	closedN, openN := sim.Deals()
	mcT.Notes = append(mcT.Notes, targetNote,
		fmt.Sprintf("%d deals won so far, %d open deals simulated; timing: %s.", closedN, openN, counts(sim.Timing())))
	if lo := sim.LeftOut(); len(lo) > 0 {
		mcT.Notes = append(mcT.Notes, "left out: "+forecast.LeftOut(lo).String())
	}
	if err := mcT.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w)

	if err := seriesForecast(w, cal, deals, now, sim); err != nil {
		return err
	}
	if err := scoreOpen(w, s, valid, nb, now); err != nil {
		return err
	}
	if err := scoreLeads(w, valid, now); err != nil {
		return err
	}

	// The backtest, by quarter.
	p, _ := s.Dataset.Pipelines.Lookup(newBusiness)
	bf, _ := cal.Bounds(cal.PeriodOfDate(sp.Date{Year: 2024, Month: time.August, Day: 1}, sp.Quarter))
	bt := forecast.Backtest{Calendar: cal, Grain: sp.Quarter, From: bf, To: from,
		Pipeline: p, Default: true, Currency: currency, Rounding: mode,
		Close: forecast.CloseByExpected, Draws: backtestDraws, Seed: seed}
	res, err := bt.Run(nb)
	if err != nil {
		return err
	}
	return res.Table(fmt.Sprintf("Backtest, New Business, by quarter, %s to %s", res.Origins[0].Period, res.Origins[len(res.Origins)-1].Period)).WriteText(w)
}

// teamTarget is the sum of the reps' quarterly won-amount targets for q,
// or for the last quarter with such targets, in USD at the rate of now.
func teamTarget(s *sampledata.Sample, q sp.Period, now time.Time) (sp.Money, string, error) {
	byQ := map[sp.Period][]sp.Target{}
	var last sp.Period
	for _, t := range s.Dataset.Targets {
		if t.Level != sp.RepLevel || t.Metric != sp.TargetWonAmount || t.Period.Grain != sp.Quarter {
			continue
		}
		byQ[t.Period] = append(byQ[t.Period], t)
		if last == (sp.Period{}) || t.Period.Compare(last) > 0 {
			last = t.Period
		}
	}
	use, note := q, fmt.Sprintf("target: the reps' won-amount targets for %s", q)
	if len(byQ[q]) == 0 {
		use, note = last, fmt.Sprintf("target: the sample has no targets for %s; the reps' won-amount targets for %s, the last quarter with targets", q, last)
	}
	var sum int64
	for _, t := range byQ[use] {
		m := t.Amount
		if m.Currency() != currency {
			var err error
			if m, err = s.Rates.Convert(m, currency, now, mode); err != nil {
				return sp.Money{}, "", err
			}
		}
		sum += minor(m)
	}
	return sp.NewMoney(sum, currency), fmt.Sprintf("%s (%d reps), EUR converted at the rate of %s.", note, len(byQ[use]), now.Format("2006-01-02")), nil
}

// seriesForecast prints AutoETS on the monthly won revenue beside the
// pipeline forecast.
func seriesForecast(w io.Writer, cal sp.Calendar, deals []sp.Deal, now time.Time, sim *forecast.Simulation) error {
	cur := cal.PeriodOf(now, sp.Month)
	first := cur
	for range 24 {
		first = cal.Prev(first)
	}
	var months []sp.Period
	for p := first; p != cur; p = cal.Next(p) {
		months = append(months, p)
	}
	amounts := make([]sp.Money, len(months))
	for i, p := range months {
		s, e := cal.Bounds(p)
		amounts[i] = sp.NewMoney(wonIn(deals, s, e), currency)
	}
	series, err := forecast.SeriesOf(amounts, 12)
	if err != nil {
		return err
	}
	model, err := forecast.AutoETS(series, forecast.ETSConfig{})
	if err != nil {
		return err
	}
	fc := model.Forecast(3, 0.8)
	t := report.Table{Title: fmt.Sprintf("Revenue series forecast: %s on the monthly won revenue, %s to %s", fc.Method, months[0], months[len(months)-1]),
		Left: 1, Header: []string{"month", "forecast", "80% low", "80% high"}}
	p := cur
	var sum float64
	for i := range fc.Mean {
		t.Rows = append(t.Rows, []string{p.String(), whole(fc.Mean[i]), whole(fc.Intervals[0].Lower[i]), whole(fc.Intervals[0].Upper[i])})
		sum += fc.Mean[i]
		p = cal.Next(p)
	}
	_, p50, _ := sim.Range()
	mean := sim.Mean()
	t.Rows = append(t.Rows, []string{"quarter (series)", whole(sum), "", ""})
	t.Rows = append(t.Rows, []string{"quarter (pipeline Monte Carlo P50)", usd(minor(p50)), "", ""})
	t.Rows = append(t.Rows, []string{"quarter (pipeline Monte Carlo mean)", usd(minor(mean.Total)), "", ""})
	t.Notes = append(t.Notes,
		"the series model knows only past monthly totals (both pipelines, all currencies in USD); the pipeline forecast knows the deals open now.",
		"the intervals are per month; the quarter's series total has none here (the months' errors are correlated).")
	if err := t.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return nil
}

// scoreOpen prints the ten open New Business deals most likely to be won.
func scoreOpen(w io.Writer, s *sampledata.Sample, valid *prep.Data, nb []sp.Deal, now time.Time) error {
	p, _ := s.Dataset.Pipelines.Lookup(newBusiness)
	scoring := forecast.DealScoring{Pipeline: *p}
	examples, _ := scoring.Closed(nb)
	model := forecast.NaiveBayes{Stages: len(scoring.Stages())}
	used := 0
	for i := range examples {
		if model.Add(&examples[i]) {
			used++
		}
	}
	rules := forecast.PointRules{
		Actions:    map[string]float64{"demo": 30, "meeting held": 20, "proposal": 25, "call": 2, "email": 1},
		Attributes: map[string]map[string]float64{"Company size": {"1000+": 15, "200-999": 10}},
		HalfLife:   30 * 24 * time.Hour,
		Grades:     []forecast.Grade{{Name: "A", Min: 100}, {Name: "B", Min: 50}, {Name: "C", Min: 20}, {Name: "D", Min: math.Inf(-1)}},
	}
	type scored struct {
		d      *sp.Deal
		p      float64
		points forecast.Points
	}
	var list []scored
	unscored := 0
	open := forecast.OpenAt(nb, now)
	for i := range open {
		d := &open[i]
		e, _, ok := scoring.AsOf(d, now)
		if !ok {
			unscored++
			continue
		}
		pr, ok := model.Probability(&e)
		if !ok {
			unscored++
			continue
		}
		list = append(list, scored{d, pr, rules.Deal(d, valid.Activities, now)})
	}
	slices.SortFunc(list, func(a, b scored) int {
		if c := cmp.Compare(b.p, a.p); c != 0 {
			return c
		}
		return strings.Compare(a.d.ID, b.d.ID)
	})
	t := report.Table{Title: fmt.Sprintf("Open New Business deals most likely to be won (naive Bayes on %d closed deals; %d open deals scored)", used, len(list)),
		Left: 4, Header: []string{"deal", "owner", "stage", "expected close", "amount", "P(won)", "points", "grade"}}
	for _, x := range list[:min(10, len(list))] {
		t.Rows = append(t.Rows, []string{x.d.ID, x.d.Owner, x.d.Stage, x.d.ExpectedClose.String(), usd(minor(x.d.Amount)),
			fmt.Sprintf("%.1f%%", 100*x.p), fmt.Sprintf("%.1f", x.points.Total), x.points.Grade})
	}
	t.Notes = append(t.Notes,
		"fields: stage, owner, source, region, industry, product, Company size (forecast.DefaultDealFields), as of now.",
		"points: demo 30, meeting held 20, proposal 25, call 2, email 1, halved every 30 days; Company size 1000+ 15, 200-999 10; grades A ≥ 100, B ≥ 50, C ≥ 20, D.")
	if unscored > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("%d open deals not scorable", unscored))
	}
	if err := t.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return nil
}

// scoreLeads grades the open leads — neither converted nor disqualified
// as of now — by rule points: what they did (a demo request weighs more
// than a newsletter sign-up, and counts for less as it ages) and where
// they came from.
func scoreLeads(w io.Writer, valid *prep.Data, now time.Time) error {
	rules := forecast.PointRules{
		Actions: map[string]float64{"demo request": 40, "pricing page visit": 15, "webinar attended": 10,
			"content download": 5, "newsletter sign-up": 2},
		Attributes: map[string]map[string]float64{"source": {"Referral": 15, "Partner": 10, "Event": 5}},
		HalfLife:   30 * 24 * time.Hour,
		Grades:     []forecast.Grade{{Name: "A", Min: 50}, {Name: "B", Min: 25}, {Name: "C", Min: 10}, {Name: "D", Min: math.Inf(-1)}},
	}
	type scored struct {
		l      *sp.Lead
		points forecast.Points
	}
	var open []scored
	grades := map[string]int{}
	for i := range valid.Leads {
		l := &valid.Leads[i]
		if l.Created.After(now) || (l.IsConverted() && !l.Converted.After(now)) || (l.IsDisqualified() && !l.Disqualified.After(now)) {
			continue
		}
		p := rules.Lead(l, now)
		open = append(open, scored{l, p})
		grades[p.Grade]++
	}
	slices.SortStableFunc(open, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.points.Total, a.points.Total), cmp.Compare(a.l.ID, b.l.ID))
	})
	t := report.Table{Title: "\nOpen leads, best first (rule points as of now)", Left: 3,
		Header: []string{"lead", "source", "owner", "created", "actions", "points", "grade"}}
	for _, x := range open[:min(10, len(open))] {
		t.Rows = append(t.Rows, []string{x.l.ID, x.l.Source, x.l.Owner, x.l.Created.Format("2006-01-02"),
			strconv.Itoa(len(x.l.Actions)), strconv.FormatFloat(x.points.Total, 'f', 1, 64), x.points.Grade})
	}
	t.Notes = append(t.Notes, fmt.Sprintf("%d open leads: %d A, %d B, %d C, %d D", len(open), grades["A"], grades["B"], grades["C"], grades["D"]),
		"points: demo request 40, pricing page visit 15, webinar attended 10, content download 5, newsletter sign-up 2, halved every 30 days; source Referral 15, Partner 10, Event 5; grades A ≥ 50, B ≥ 25, C ≥ 10, D")
	if err := t.WriteText(w); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}

func counts(m map[string]int64) string {
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	})
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d %s", m[k], k))
	}
	return strings.Join(parts, ", ")
}

func ofPipeline(deals []sp.Deal, name string, def bool) []sp.Deal {
	var out []sp.Deal
	for _, d := range deals {
		if d.Pipeline == name || (d.Pipeline == "" && def) {
			out = append(out, d)
		}
	}
	return out
}

func refs(deals []sp.Deal) []*sp.Deal {
	out := make([]*sp.Deal, len(deals))
	for i := range deals {
		out[i] = &deals[i]
	}
	return out
}

// wonIn sums the amounts (USD minor units) of the deals won in [s, e).
func wonIn(deals []sp.Deal, s, e time.Time) int64 {
	var sum int64
	for i := range deals {
		d := &deals[i]
		if d.Status == sp.Won && !d.Closed.Before(s) && d.Closed.Before(e) && d.Amount.Currency() == currency {
			sum += minor(d.Amount)
		}
	}
	return sum
}

func minor(m sp.Money) int64 {
	v, _ := m.Minor()
	return v
}

// usd prints minor units as whole dollars, half to even.
func usd(cents int64) string {
	return group(sp.NewMoney(cents, currency).Decimal().RoundBank(0).StringFixed(0))
}

func whole(v float64) string {
	return group(fmt.Sprintf("%.0f", math.RoundToEven(v)))
}

// group puts thousands separators in an integer string.
func group(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// rejected returns the number of records validation left out, every
// kind of record together: the sum of r.Rejected.
func rejected(r sp.ValidationReport) int {
	n := 0
	for _, k := range r.Rejected {
		n += k
	}
	return n
}
