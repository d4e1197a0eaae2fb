package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/chart"
	"github.com/salesperf/salesperf/forecast"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
	"github.com/salesperf/salesperf/segment"
)

type forecastDoc struct {
	jsonHeader
	Period        string          `json:"period"`        // the period forecast: the one holding as_of
	From          string          `json:"from"`          // its first day
	To            string          `json:"to"`            // its last day
	Probabilities string          `json:"probabilities"` // "learned" or "fixed"
	Stages        []fcStageJSON   `json:"stages"`
	Weighted      fcTotalJSON     `json:"weighted"`   // every open deal
	InPeriod      fcTotalJSON     `json:"in_period"`  // open deals expected to close in the period
	Categories    []categoryJSON  `json:"categories"` // deals of the period by forecast category
	MonteCarlo    *monteCarloJSON `json:"monte_carlo"`
}

type fcStageJSON struct {
	Pipeline    string     `json:"pipeline"`
	Stage       string     `json:"stage"`
	Probability string     `json:"probability"` // decimal string
	Source      string     `json:"source"`      // "learned", "fallback", "default"
	Deals       int64      `json:"deals"`
	Amount      *jsonMoney `json:"amount"`
	Weighted    *jsonMoney `json:"weighted"`
}

type fcTotalJSON struct {
	Deals    int64      `json:"deals"`
	Amount   *jsonMoney `json:"amount"`
	Weighted *jsonMoney `json:"weighted"`
}

type categoryJSON struct {
	Category         string     `json:"category"` // "pipeline", "best case", "commit", "closed", "omitted"
	Deals            int64      `json:"deals"`
	Amount           *jsonMoney `json:"amount"`
	CumulativeDeals  int64      `json:"cumulative_deals"`
	CumulativeAmount *jsonMoney `json:"cumulative_amount"`
}

type monteCarloJSON struct {
	Draws      int              `json:"draws"`
	Seed       uint64           `json:"seed"`
	P10        *jsonMoney       `json:"p10"`
	P50        *jsonMoney       `json:"p50"`
	P90        *jsonMoney       `json:"p90"`
	Mean       *jsonMoney       `json:"mean"`
	Closed     *jsonMoney       `json:"closed"` // won in the period so far
	Target     *jsonMoney       `json:"target"` // null without targets
	ProbTarget *jsonRate        `json:"prob_target"`
	LeftOut    map[string]int64 `json:"left_out"`
}

// forecastCmd: the period holding the report's now (--period, a quarter
// by default): the weighted open pipeline by stage, the forecast
// categories, and a Monte Carlo simulation of the period's won revenue.
func forecastCmd(o *options, d *data) (*result, error) {
	if o.by != "" {
		return nil, usagef("forecast: --by is not supported")
	}
	g := o.grain
	if g == 0 {
		g = sp.Quarter
	}
	period := d.cal.PeriodOf(d.asOf, g)
	from, to := d.cal.Bounds(period)
	s := span{period: period, from: from, to: to, grain: g}
	probs, err := stageProbs(o, d)
	if err != nil {
		return nil, err
	}
	lookup := func(x *sp.Deal) (forecast.StageProbabilities, bool) {
		for i := range probs {
			if probs[i].Pipeline == x.Pipeline || (x.Pipeline == "" && probs[i].Default) {
				return probs[i], true
			}
		}
		return forecast.StageProbabilities{}, false
	}
	doc := forecastDoc{jsonHeader: header("forecast", o, d, s), Period: period.String(), From: period.Start.String(),
		To: period.End.AddDays(-1).String(), Probabilities: o.probs}
	open := metrics.Filter(metrics.Refs(d.deals), metrics.IsOpen)
	inPeriod := func(x *sp.Deal) bool { return !x.ExpectedClose.IsZero() && period.Contains(x.ExpectedClose) }

	// Weighted pipeline per pipeline and stage.
	t := report.Table{Title: "Weighted pipeline", Left: 2,
		Header: []string{"pipeline", "stage", "probability", "source", "open deals", "amount", "weighted"}}
	var all, inP forecast.Weighted
	for i := range probs {
		p := &probs[i]
		agg := forecast.WeightedPipeline(p, sp.RoundHalfEven)
		mine := metrics.Filter(open, func(x *sp.Deal) bool { q, ok := lookup(x); return ok && q.Pipeline == p.Pipeline })
		byStage := segment.Fold(mine, segment.Stage, agg)
		pipe, _ := d.pipelines.Lookup(p.Pipeline)
		for _, st := range pipe.Stages {
			if st.Kind != sp.OpenStage {
				continue
			}
			w := byStage[st.Name]
			if w == nil {
				w = new(forecast.Weighted)
			}
			amt, err := d.moneyOf(&w.Amount)
			if err != nil {
				return nil, err
			}
			wt, err := d.moneyOf(&w.Total)
			if err != nil {
				return nil, err
			}
			prob := p.Stages[st.Name]
			doc.Stages = append(doc.Stages, fcStageJSON{Pipeline: pipeName(p.Pipeline), Stage: st.Name, Probability: prob.String(),
				Source: p.Source[st.Name], Deals: w.Deals, Amount: money(amt), Weighted: money(wt)})
			t.Rows = append(t.Rows, []string{pipeName(p.Pipeline), st.Name, prob.String(), p.Source[st.Name], n(w.Deals), amt.Amount(), wt.Amount()})
			agg.Merge(&all, w)
		}
		// Open deals in a stage that is not an open stage of the pipeline
		// (a deal seen as of a past instant whose export has no stage
		// history shows its final won or lost stage) have no row: they
		// count in the total's left-out note.
		for _, k := range slices.Sorted(maps.Keys(byStage)) {
			if i := pipe.Index(k); i < 0 || pipe.Stages[i].Kind != sp.OpenStage {
				agg.Merge(&all, byStage[k])
			}
		}
		agg.Merge(&inP, ptr(agg.Fold(metrics.Filter(mine, inPeriod))))
	}
	for x := range open {
		if _, ok := lookup(x); !ok {
			if all.LeftOut == nil {
				all.LeftOut = forecast.LeftOut{}
			}
			all.LeftOut[forecast.LeftOtherPipeline]++
		}
	}
	tot := func(w *forecast.Weighted) (fcTotalJSON, error) {
		a, err := d.moneyOf(&w.Amount)
		if err != nil {
			return fcTotalJSON{}, err
		}
		wt, err := d.moneyOf(&w.Total)
		if err != nil {
			return fcTotalJSON{}, err
		}
		return fcTotalJSON{Deals: w.Deals, Amount: money(a), Weighted: money(wt)}, nil
	}
	if doc.Weighted, err = tot(&all); err != nil {
		return nil, err
	}
	if doc.InPeriod, err = tot(&inP); err != nil {
		return nil, err
	}
	t.Rows = append(t.Rows,
		[]string{"total", "", "", "", n(doc.Weighted.Deals), doc.Weighted.Amount.Amount, doc.Weighted.Weighted.Amount},
		[]string{"expected to close in " + period.String(), "", "", "", n(doc.InPeriod.Deals), doc.InPeriod.Amount.Amount, doc.InPeriod.Weighted.Amount})
	t.Notes = []string{"weighted = Σ amount × the stage's win probability, each deal rounded half to even; open deals as of the report's now"}
	if all.LeftOut.Total() > 0 {
		t.Notes = append(t.Notes, "open deals left out: "+all.LeftOut.String())
	}

	// Forecast categories of the period.
	cr := forecast.Categories().Compute(metrics.Filter(metrics.Refs(d.deals), func(x *sp.Deal) bool {
		return forecast.ForecastPeriod(d.cal, g)(x) == period
	}))
	ct := report.Table{Title: "Forecast categories, " + period.String(), Header: []string{"category", "deals", "amount", "cumulative deals", "cumulative amount"}}
	for _, c := range []struct {
		name       string
		ind, cumul forecast.CategoryTotal
	}{
		{"closed", cr.Individual.Closed, cr.Cumulative.Closed},
		{"commit", cr.Individual.Commit, cr.Cumulative.Commit},
		{"best case", cr.Individual.BestCase, cr.Cumulative.BestCase},
		{"pipeline", cr.Individual.Pipeline, cr.Cumulative.Pipeline},
		{"omitted", cr.Individual.Omitted, cr.Cumulative.Omitted},
	} {
		a, err := d.moneyOf(&c.ind.Amount)
		if err != nil {
			return nil, err
		}
		ca, err := d.moneyOf(&c.cumul.Amount)
		if err != nil {
			return nil, err
		}
		doc.Categories = append(doc.Categories, categoryJSON{Category: c.name, Deals: c.ind.Deals, Amount: money(a),
			CumulativeDeals: c.cumul.Deals, CumulativeAmount: money(ca)})
		ct.Rows = append(ct.Rows, []string{c.name, n(c.ind.Deals), a.Amount(), n(c.cumul.Deals), ca.Amount()})
	}
	ct.Notes = []string{"cohort: won and lost deals by close date, open deals by expected close date, in " + period.String()}
	if lo := cr.LeftOut.Total(); lo > 0 {
		ct.Notes = append(ct.Notes, fmt.Sprintf("left out: %s", cr.LeftOut))
	}

	res := &result{title: "Forecast " + period.String() + " (" + period.Start.String() + " – " + period.End.AddDays(-1).String() + ")",
		notes: baseNotes(d, s), tables: []report.Table{t, ct}}

	// Monte Carlo.
	mc := forecast.MonteCarlo{AsOf: d.asOf, From: from, To: to, Currency: d.currency, Seed: o.seed,
		Timing:   forecast.LearnTiming(d.deals, d.asOf, forecast.TimingOptions{}),
		NewDeals: forecast.LearnNewDeals(d.deals, d.asOf, d.currency, forecast.NewDealsOptions{}),
		Prob: func(x *sp.Deal) (float64, bool) {
			p, ok := lookup(x)
			if !ok {
				return 0, false
			}
			return p.Float(x)
		}}
	sim, err := mc.Simulate(d.deals)
	if sim == nil {
		return nil, fmt.Errorf("forecast: monte carlo: %w", err)
	}
	p10, p50, p90 := sim.Range()
	mean := sim.Mean()
	mj := &monteCarloJSON{Draws: sim.N(), Seed: o.seed, P10: money(p10), P50: money(p50), P90: money(p90),
		Mean: money(mean.Total), Closed: money(mean.Closed), LeftOut: sim.LeftOut()}
	mt := report.Table{Title: "Monte Carlo, won revenue of " + period.String(), Left: 1,
		Header: []string{"figure", "amount"},
		Rows: [][]string{{"won so far", mean.Closed.Amount()}, {"P10", p10.Amount()}, {"P50", p50.Amount()},
			{"P90", p90.Amount()}, {"mean", mean.Total.Amount()}}}
	fan := chart.Fan{Title: "Won revenue " + period.String() + " (" + string(d.currency) + ")", Labels: []string{period.String()},
		P10: []float64{toF(p10)}, P50: []float64{toF(p50)}, P90: []float64{toF(p90)}, Format: chart.Format{Compact: true}}
	if target, ok, err := d.target(period); err != nil {
		return nil, err
	} else if ok {
		pr, err := sim.ProbAtLeast(target)
		if err != nil {
			return nil, err
		}
		r := rate(pr)
		mj.Target, mj.ProbTarget = money(target), &r
		mt.Rows = append(mt.Rows, []string{"target (reps' quotas)", target.Amount()}, []string{"chance of reaching it", pr.String()})
		fan.Target = []float64{toF(target)}
	}
	mt.Notes = []string{fmt.Sprintf("%d draws, seed %d; open deals won with their stage probability, closing when the stage's survival timing says (deals older than the usual win get less); new deals from the last 90 days' creation rate", sim.N(), o.seed)}
	if lo := sim.LeftOut(); len(lo) > 0 {
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(lo)) {
			parts = append(parts, fmt.Sprintf("%s %d", k, lo[k]))
		}
		mt.Notes = append(mt.Notes, "deals left out of the simulation: "+strings.Join(parts, ", "))
	}
	doc.MonteCarlo = mj
	res.tables = append(res.tables, mt)
	res.charts = []chart.Chart{fan}
	doc.Notes = []string{
		"probabilities: " + o.probs + " (learned: won / closed deals that reached the stage, by the report's now, smoothed toward the default below 20 deals; fixed: the pipeline's own)",
	}
	res.doc = doc
	return res, nil
}

// stageProbs returns the stage probabilities of each pipeline: fixed
// (the pipeline's) or learned by stage survival as of the report's now.
func stageProbs(o *options, d *data) ([]forecast.StageProbabilities, error) {
	var out []forecast.StageProbabilities
	for i := range d.pipelines {
		p := &d.pipelines[i]
		var sp forecast.StageProbabilities
		switch o.probs {
		case "fixed":
			sp = forecast.FixedStage(p)
			sp.Default = i == 0
		default:
			sp = forecast.LearnStage(metrics.Refs(d.deals), p, forecast.LearnConfig{AsOf: d.asOf, MinN: 20, Default: i == 0, Places: 4})
		}
		out = append(out, sp)
	}
	return out, nil
}

// target returns the sum of the reps' won-amount targets of the period in
// the report currency (converted at the report's now), and false when the
// data has none.
func (d *data) target(p sp.Period) (sp.Money, bool, error) {
	var sum sp.Sum
	found := false
	for _, t := range d.targets {
		if t.Level == sp.RepLevel && t.Metric == sp.TargetWonAmount && t.Period == p {
			sum.Add(t.Amount)
			found = true
		}
	}
	if !found {
		return sp.Money{}, false, nil
	}
	m, err := sum.Convert(d.rates, d.currency, d.asOf, sp.RoundHalfEven)
	if err != nil {
		return sp.Money{}, false, usagef("targets: %v", oneLine(err))
	}
	return m, true, nil
}

func ptr[T any](v T) *T { return &v }

// toF is an amount as a float64, for a chart's geometry only.
func toF(m sp.Money) float64 {
	f, _ := m.Decimal().Float64()
	return f
}
