// Command scoring compares win-probability models on the sample
// organisation's New Business deals, trained on the past and tested on
// the future: the base rate, Odoo's naive Bayes (the baseline CRMs ship)
// and an L2-regularised logistic regression with activity features.
//
//	go run ./examples/scoring
//
// The split is in time. The cutoff is the start of FY2026 Q3 (2025-08-01,
// New York). Training deals are those closed before the cutoff; test
// deals those closed on or after it. Deals are scored as of weekly
// snapshots (each Monday 09:00): every deal open at a snapshot is one
// prediction, seen as it stood then (stage from its history, activities
// logged by then). The logistic regression learns from the snapshots
// before the cutoff of the training deals; the naive Bayes learns, as Odoo
// does, from the training deals' final records (a lost deal at the stage
// it was lost at). Both are scored on the test deals' snapshots from the
// cutoff to the sample's now. The base rate predicts the training
// snapshots' won share for everyone.
//
// The table gives each model's AUC, Brier score, log loss, expected
// calibration error (10 bins), calibration slope and top-decile lift
// (see forecast.Evaluation), then the sampling noise of each figure: a
// bootstrap over test deals (all snapshots of a deal drawn together),
// 1,000 resamples, seeded. Records that fail validation are left out and
// counted.
package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/examples/internal/prep"
	"github.com/salesperf/salesperf/forecast"
	"github.com/salesperf/salesperf/internal/sampledata"
	"github.com/salesperf/salesperf/report"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "scoring:", err)
		os.Exit(1)
	}
}

const (
	pipelineName = "New Business"
	bootstraps   = 200
	seed         = 7
)

// model is one row of the comparison: a name and the probability it gives
// a test example.
type model struct {
	name string
	prob func(e *forecast.Example) (float64, bool)
}

func run(w io.Writer) error {
	s, err := sampledata.Load()
	if err != nil {
		return err
	}
	cal := s.Calendar
	valid := prep.Valid(s)
	p, ok := s.Dataset.Pipelines.Lookup(pipelineName)
	if !ok {
		return fmt.Errorf("no pipeline %q", pipelineName)
	}
	var deals []sp.Deal
	for _, d := range valid.Deals {
		if d.Pipeline == pipelineName {
			deals = append(deals, d)
		}
	}
	scoring := forecast.DealScoring{Pipeline: *p, Activities: forecast.IndexActivities(valid.Activities)}
	start, _ := cal.Bounds(cal.PeriodOfDate(sp.Date{Year: 2024, Month: time.February, Day: 1}, sp.Quarter))
	snaps := newSnapshots(&scoring, deals, mondays(cal, start, s.AsOf))

	main, err := experiment(cal, &scoring, snaps, deals, start, cutoffQuarter(cal, time.May), s.AsOf)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Win-probability models on %s deals, time split at %s (%s)\n", pipelineName, main.quarter, main.cutoff.Format("2006-01-02"))
	fmt.Fprintf(w, "guard: %d days (90th percentile of the training deals' cycles); L2 penalty %g, chosen by validation on the last 13 weeks of training snapshots\n", main.guard, main.lambda)
	fmt.Fprintf(w, "train: %d deals closed before the cutoff, %d weekly snapshots to %s (%d won); naive Bayes: %d closed records\n",
		main.trainDeals, main.trainSnaps, main.cutoff.AddDate(0, 0, -main.guard).Format("2006-01-02"), main.trainWon, main.nbRecords)
	fmt.Fprintf(w, "test:  %d deals closed on or after the cutoff, %d weekly snapshots from the cutoff to %s\n\n",
		main.testDeals, main.testSnaps, main.testEnd.Format("2006-01-02"))

	table := report.Table{
		Title:  "Test snapshots",
		Header: []string{"model", "n", "AUC", "Brier", "log loss", "ECE", "slope", "lift@10%"},
		Left:   1,
	}
	noise := report.Table{
		Title:  fmt.Sprintf("Sampling noise: bootstrap over test deals, %d resamples (sd; 5%%–95%%)", bootstraps),
		Header: []string{"model", "AUC", "Brier", "ECE", "ECE if calibrated (mean; 95%)"},
		Left:   1,
	}
	for _, r := range main.rows {
		ev := r.ev
		table.Rows = append(table.Rows, []string{r.name, fmt.Sprint(ev.N), ev.AUC.String(), ev.Brier.String(),
			ev.LogLoss.String(), fmt.Sprintf("%.5f", ev.ECE.Value), ev.Slope.String(), ev.Lift.String()})
		if r.unscored > 0 {
			table.Notes = append(table.Notes, fmt.Sprintf("%s: %d snapshots not scorable", r.name, r.unscored))
		}
		reps, err := forecast.Bootstrap(r.preds, bootstraps, seed)
		if err != nil {
			return err
		}
		row := []string{r.name}
		for _, f := range []func(*forecast.Evaluation) forecast.Figure{
			func(e *forecast.Evaluation) forecast.Figure { return e.AUC },
			func(e *forecast.Evaluation) forecast.Figure { return e.Brier },
			func(e *forecast.Evaluation) forecast.Figure { return e.ECE },
		} {
			_, sd, lo, hi, ok := forecast.FigureSpread(reps, f)
			cell := "–"
			if ok {
				cell = fmt.Sprintf("%.4f; %.4f–%.4f", sd, lo, hi)
			}
			row = append(row, cell)
		}
		null, err := forecast.CalibratedECE(r.preds, bootstraps, seed)
		if err != nil {
			return err
		}
		row = append(row, fmt.Sprintf("%.4f; %.4f", mean(null), null[len(null)*95/100]))
		noise.Rows = append(noise.Rows, row)
	}
	if err := table.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	if err := noise.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w)

	// The same design with the other cutoff, and the penalty fixed
	// instead of chosen: how much the figures move with the choices.
	sens := report.Table{
		Title:  "Sensitivity: logistic (L2) against naive Bayes by cutoff and penalty",
		Header: []string{"cutoff", "L2", "test deals", "NB AUC", "LR AUC", "NB Brier", "LR Brier", "NB ECE", "LR ECE", "LR slope"},
		Left:   1,
	}
	chosen := map[time.Month]float64{time.May: main.lambda}
	other, err := experiment(cal, &scoring, snaps, deals, start, cutoffQuarter(cal, time.August), s.AsOf)
	if err != nil {
		return err
	}
	chosen[time.August] = other.lambda
	for _, m := range []time.Month{time.May, time.August} {
		for _, l2 := range []float64{0.1, 1, 10, 100} {
			x, err := experimentL2(cal, &scoring, snaps, deals, start, cutoffQuarter(cal, m), s.AsOf, l2)
			if err != nil {
				return err
			}
			nb, lr := x.rows[1].ev, x.rows[2].ev
			name := fmt.Sprint(l2)
			if l2 == chosen[m] {
				name += " (chosen)"
			}
			sens.Rows = append(sens.Rows, []string{x.quarter.String(), name, fmt.Sprint(x.testDeals),
				nb.AUC.String(), lr.AUC.String(), nb.Brier.String(), lr.Brier.String(), nb.ECE.String(), lr.ECE.String(), lr.Slope.String()})
		}
	}
	if err := sens.WriteText(w); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nLeft out")
	for _, line := range prep.Lines(toInt(main.left)) {
		fmt.Fprintf(w, "  %s\n", line)
	}
	rejected := valid.Rejected("deal", "activity")
	total := 0
	for _, n := range rejected {
		total += n
	}
	fmt.Fprintf(w, "  failed validation: %d deals and activities\n", total)
	return nil
}

func cutoffQuarter(cal sp.Calendar, m time.Month) sp.Period {
	return cal.PeriodOfDate(sp.Date{Year: 2025, Month: m, Day: 1}, sp.Quarter)
}

// row is one model's predictions on the test snapshots.
type row struct {
	name     string
	preds    []forecast.Scored
	unscored int
	ev       forecast.Evaluation
}

// result is one run of the design: sizes, choices and the rows.
type result struct {
	quarter                          sp.Period
	cutoff, testEnd                  time.Time
	guard                            int
	lambda                           float64
	trainDeals, trainSnaps, trainWon int
	nbRecords, testDeals, testSnaps  int
	rows                             []row
	left                             forecast.ScoreLeftOut
}

func experiment(cal sp.Calendar, sc *forecast.DealScoring, snaps *snapshots, deals []sp.Deal, start time.Time, q sp.Period, asOf time.Time) (*result, error) {
	return experimentL2(cal, sc, snaps, deals, start, q, asOf, 0)
}

// experimentL2 runs the design with the cutoff at the start of q; l2 = 0
// chooses the penalty by validation.
func experimentL2(cal sp.Calendar, sc *forecast.DealScoring, snaps *snapshots, deals []sp.Deal, start time.Time, q sp.Period, asOf time.Time, l2 float64) (*result, error) {
	cutoff, _ := cal.Bounds(q)
	x := &result{quarter: q, cutoff: cutoff}
	train, test := forecast.TimeSplit(deals, cutoff)
	x.trainDeals = len(train)
	x.guard = guardDays(train)
	x.testEnd = asOf.AddDate(0, 0, -x.guard)
	trainSnaps, left := snaps.of(train, start, cutoff.AddDate(0, 0, -x.guard))
	testSnaps, testLeft := snaps.of(test, cutoff, x.testEnd)
	closed, closedLeft := sc.Closed(train)
	x.left = forecast.ScoreLeftOut{}
	for _, l := range []forecast.ScoreLeftOut{left, testLeft, closedLeft} {
		for k, v := range l {
			x.left[k] += v
		}
	}
	x.trainSnaps, x.nbRecords, x.testSnaps = len(trainSnaps), len(closed), len(testSnaps)
	ids := map[string]bool{}
	for _, e := range testSnaps {
		ids[e.ID] = true
	}
	x.testDeals = len(ids)

	// The penalty, and a Platt recalibration, from the last 13 weeks of
	// training snapshots: fit on the deals closed before them (with the
	// same guard), validate on them, all inside the training data.
	trainEnd := cutoff.AddDate(0, 0, -x.guard)
	vstart := trainEnd.AddDate(0, 0, -7*13)
	inner, _ := forecast.TimeSplit(train, vstart)
	innerSnaps, _ := snaps.of(inner, start, vstart.AddDate(0, 0, -x.guard))
	validSnaps, _ := snaps.of(train, vstart, trainEnd)
	x.lambda = l2
	if l2 == 0 {
		best := 0.0
		for _, cand := range []float64{0.1, 1, 10, 100} {
			m, err := forecast.FitLogistic(innerSnaps, sc.NumberNames(), forecast.LogisticConfig{L2: cand})
			if err != nil {
				return nil, err
			}
			ev, err := forecast.Evaluate(predict(m.Probability, validSnaps).preds)
			if err != nil {
				return nil, err
			}
			if x.lambda == 0 || ev.LogLoss.Value < best {
				x.lambda, best = cand, ev.LogLoss.Value
			}
		}
	}
	lr, err := forecast.FitLogistic(trainSnaps, sc.NumberNames(), forecast.LogisticConfig{L2: x.lambda})
	if err != nil {
		return nil, err
	}
	innerLR, err := forecast.FitLogistic(innerSnaps, sc.NumberNames(), forecast.LogisticConfig{L2: x.lambda})
	if err != nil {
		return nil, err
	}
	platt := *lr
	if innerLR.Recalibrate(validSnaps) {
		platt.Calibrated, platt.CalA, platt.CalB = true, innerLR.CalA, innerLR.CalB
	}

	nb := forecast.NaiveBayes{Stages: len(sc.Stages())}
	for i := range closed {
		nb.Add(&closed[i])
	}
	for _, e := range trainSnaps {
		if e.Outcome == sp.Won {
			x.trainWon++
		}
	}
	base := float64(x.trainWon) / float64(len(trainSnaps))
	for _, m := range []struct {
		name string
		prob func(*forecast.Example) (float64, bool)
	}{
		{"base rate", func(*forecast.Example) (float64, bool) { return base, true }},
		{"Odoo naive Bayes", nb.Probability},
		{"logistic (L2)", lr.Probability},
		{"logistic + Platt", platt.Probability},
	} {
		r := predict(m.prob, testSnaps)
		r.name = m.name
		if r.ev, err = forecast.Evaluate(r.preds); err != nil {
			return nil, err
		}
		x.rows = append(x.rows, r)
	}
	return x, nil
}

func predict(prob func(*forecast.Example) (float64, bool), examples []forecast.Example) row {
	var r row
	for i := range examples {
		e := &examples[i]
		p, ok := prob(e)
		if !ok {
			r.unscored++
			continue
		}
		r.preds = append(r.preds, forecast.Scored{ID: e.ID, P: p, Won: e.Outcome == sp.Won})
	}
	return r
}

// guardDays is the 90th percentile of the closed deals' cycles in whole
// days (R's type 1, the smallest cycle with at least 90% at or below it):
// snapshots end that long before the cutoff (train) and before now (test),
// so that most deals open at a snapshot have closed by then — otherwise
// the last snapshots keep only the quick closers, mostly losses.
func guardDays(deals []sp.Deal) int {
	var c []int
	for i := range deals {
		c = append(c, int(deals[i].Closed.Sub(deals[i].Created).Hours()/24))
	}
	if len(c) == 0 {
		return 0
	}
	slices.Sort(c)
	return c[(9*len(c)+9)/10-1]
}

// mondays returns 09:00 on every Monday in [from, to), in the calendar's
// location (the sample's weeks start on Monday).
func mondays(cal sp.Calendar, from, to time.Time) []time.Time {
	var out []time.Time
	for wk := range cal.Periods(from, to, sp.Week) {
		start, _ := cal.Bounds(wk)
		t := start.Add(9 * time.Hour)
		if !t.Before(from) && t.Before(to) {
			out = append(out, t)
		}
	}
	return out
}

func toInt(m forecast.ScoreLeftOut) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		out[k] = int(v)
	}
	return out
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// snapshots holds the examples of every deal at every Monday, computed
// once: each run of the design takes the deals and weeks it needs.
type snapshots struct {
	at    []time.Time
	byDay [][]forecast.Example
	left  []forecast.ScoreLeftOut
}

func newSnapshots(sc *forecast.DealScoring, deals []sp.Deal, at []time.Time) *snapshots {
	x := &snapshots{at: at}
	for _, t := range at {
		e, left := sc.Snapshots(deals, []time.Time{t})
		x.byDay = append(x.byDay, e)
		x.left = append(x.left, left)
	}
	return x
}

// of returns the examples of deals at the Mondays in [from, to), and what
// was left out at them, as DealScoring.Snapshots would.
func (x *snapshots) of(deals []sp.Deal, from, to time.Time) ([]forecast.Example, forecast.ScoreLeftOut) {
	in := map[string]bool{}
	for i := range deals {
		in[deals[i].ID] = true
	}
	var out []forecast.Example
	left := forecast.ScoreLeftOut{}
	for i, t := range x.at {
		if t.Before(from) || !t.Before(to) {
			continue
		}
		for _, e := range x.byDay[i] {
			if in[e.ID] {
				out = append(out, e)
			}
		}
		for k, v := range x.left[i] {
			left[k] += v
		}
	}
	return out, left
}
