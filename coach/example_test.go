package coach_test

import (
	"fmt"

	"github.com/salesperf/salesperf/coach"
	"github.com/salesperf/salesperf/metrics"
)

// Four reps' win rates (segment.By(deals, segment.Owner,
// metrics.WinRate()) gives this map): ann wins 60 of 100 closed deals,
// the others 30 of 100. Each is compared with all the others together,
// eve included: she is too small to test, not left out of the team. The
// default Lean spends four fifths of each test's error budget on
// weaknesses, so the three weaker reps' q-values are lower than the even
// two-sided tests' 0.08.
func ExampleFind() {
	win := map[string]metrics.Rate{
		"ann": {Num: 60, Den: 100},
		"bob": {Num: 30, Den: 100},
		"cy":  {Num: 30, Den: 100},
		"dee": {Num: 30, Den: 100},
		"eve": {Num: 4, Den: 12}, // too few closed deals to say anything
	}
	res := coach.Find([]coach.Metric{coach.Shares("win rate", coach.Higher, win)}, coach.Config{})
	for _, f := range res.Findings {
		fmt.Printf("%s: %s\n", f.Rep, f)
	}
	fmt.Printf("%d tests, %d skipped as too small\n", res.Tested, res.SkippedSmall)
	// Output:
	// bob: win rate: 30% vs team 40% (n = 100), q = 0.063
	// cy: win rate: 30% vs team 40% (n = 100), q = 0.063
	// dee: win rate: 30% vs team 40% (n = 100), q = 0.063
	// ann: win rate: 60% vs team 30% (n = 100), q < 0.001 — a strength
	// 4 tests, 1 skipped as too small
}

// Sales-cycle days of each rep's won deals, as the states of
// metrics.SalesCycle per rep (segment.Fold): longer is worse. The two
// strengths need stronger evidence than the weakness (the default Lean):
// q = 0.082, where even two-sided tests would give 0.033.
func ExampleDistributions() {
	days := func(v ...int64) *metrics.Histogram {
		var h metrics.Histogram
		for _, x := range v {
			h.Add(x)
		}
		return &h
	}
	cycle := coach.Distributions("cycle length", coach.Lower, "days", map[string]*metrics.Histogram{
		"ann": days(30, 35, 41, 44, 47, 52, 55, 58, 60, 62),
		"bob": days(70, 75, 75, 81, 90, 95, 102, 110, 120, 130),
		"cy":  days(28, 33, 40, 45, 48, 50, 53, 57, 61, 66),
	})
	res := coach.Find([]coach.Metric{cycle}, coach.Config{MinN: 10})
	for _, f := range res.Findings {
		fmt.Printf("%s: %s\n", f.Rep, f)
	}
	// Output:
	// bob: cycle length: median 92.5 days vs team 49 (n = 10), q < 0.001
	// cy: cycle length: median 49 days vs team 66 (n = 10), q = 0.082 — a strength
	// ann: cycle length: median 49.5 days vs team 68 (n = 10), q = 0.082 — a strength
}

// The same win rates judged by Beta posteriors: the team's rates spread
// more than chance, so the prior (estimated from all five reps) lets each
// rep's own deals speak. bob's, cy's and dee's 30% against the others'
// 40% each have a posterior probability of 0.043 of being in fact above
// the rest; the four findings' average, the q printed, is 0.032.
func ExampleFind_bayes() {
	win := map[string]metrics.Rate{
		"ann": {Num: 60, Den: 100},
		"bob": {Num: 30, Den: 100},
		"cy":  {Num: 30, Den: 100},
		"dee": {Num: 30, Den: 100},
		"eve": {Num: 4, Den: 12}, // too few to test, but part of the prior and of the team
	}
	res := coach.Find([]coach.Metric{coach.Shares("win rate", coach.Higher, win)}, coach.Config{Method: coach.Bayes})
	for _, f := range res.Findings {
		fmt.Printf("%s: %s (%s, P = %.2g)\n", f.Rep, f, f.Test, f.P)
	}
	// Output:
	// bob: win rate: 30% vs team 40% (n = 100), q = 0.032 (beta, P = 0.043)
	// cy: win rate: 30% vs team 40% (n = 100), q = 0.032 (beta, P = 0.043)
	// dee: win rate: 30% vs team 40% (n = 100), q = 0.032 (beta, P = 0.043)
	// ann: win rate: 60% vs team 30% (n = 100), q < 0.001 — a strength (beta, P = 2e-07)
}
