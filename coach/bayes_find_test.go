package coach_test

import (
	"math"
	"testing"

	"github.com/salesperf/salesperf/coach"
	"github.com/salesperf/salesperf/metrics"
)

// TestFindBayes works one team by hand. Win rates: ann 10/100, five
// others 30/100 each.
//
// Prior (segment.EstimatePrior): k = 6, N = 600, μ = 160/600 = 0.266667,
// S = 100·(0.1 − μ)² + 5·100·(0.3 − μ)² = 2.77778 + 0.55556 = 3.33333,
// μ(1 − μ) = 0.195556, ρ = (3.33333/0.195556 − 5) / (600 − 60000/600 − 5)
// = 12.0455/495 = 0.0243343, α + β = (1 − ρ)/ρ = 40.094, α = 10.692,
// β = 29.403.
//
// ann: θ ~ Beta(20.692, 119.403), mean 0.14770, sd √(0.14770·0.85230/
// 141.095) = 0.029870. The rest: each Beta(40.692, 99.403), mean 0.29045,
// variance 0.29045·0.70955/141.095 = 0.0014607; T has mean 0.29045 and
// variance 5·100²·0.0014607/500² = 0.00029214 (sd 0.017092). Were θ
// normal, P(θ > T) would be Φ(−0.14275/√(0.029870² + 0.017092²)) =
// Φ(−4.148) = 1.7e−5; θ's right skew makes it larger: integrated the
// other way round from Find, over θ, ∫ Beta-density(t)·Φ((t − m)/s) dt on
// a grid of 400,000 points gives 1.08694e−4. ann is below.
//
// bob (and each of the four others alike): θ ~ Beta(40.692, 99.403), mean
// 0.29045, sd 0.038219; T pools ann's posterior and three of the others':
// mean (100·0.14770 + 4·100·0.29045)/500 = 0.26191, variance (100²·
// 0.00089220 + 4·100²·0.0014607)/500² = 0.00026940 (sd 0.016413).
// Normally P(θ < T) ≈ Φ(−0.02854/√(0.038219² + 0.016413²)) = Φ(−0.686) =
// 0.246; integrated over θ as for ann, 0.250146: above.
//
// Sorted P: ann's 1.08694e−4, then five ties at 0.250146: q = 1.08694e−4
// for ann and (1.08694e−4 + 5·0.250146)/6 = 0.208473 for the others. Only
// ann is flagged.
func TestFindBayes(t *testing.T) {
	win := map[string]metrics.Rate{"ann": {Num: 10, Den: 100}}
	for _, rep := range []string{"bob", "cy", "dee", "eve", "fay"} {
		win[rep] = metrics.Rate{Num: 30, Den: 100}
	}
	res := coach.Find([]coach.Metric{coach.Shares("win rate", coach.Higher, win)}, coach.Config{Method: coach.Bayes})
	if len(res.Findings) != 1 || res.Tested != 6 {
		t.Fatalf("Find = %+v, want ann's finding alone", res)
	}
	ann := res.Findings[0]
	if ann.Rep != "ann" || ann.Direction != coach.Below || ann.Test != coach.TestBeta || math.Abs(ann.P/1.08694e-4-1) > 1e-4 || ann.Q != ann.P {
		t.Errorf("ann: %#v, want below with P = q = 1.08694e−4", ann)
	}
	if got, want := ann.String(), "win rate: 10% vs team 30% (n = 100), q < 0.001"; got != want {
		t.Errorf("ann's finding reads %q, want %q", got, want)
	}
	for _, f := range res.All[1:] {
		if f.Direction != coach.Above || math.Abs(f.P-0.250146) > 1e-5 || math.Abs(f.Q-0.208473) > 1e-5 {
			t.Errorf("%s: %+v, want above with P = 0.250146, q = 0.208473", f.Rep, f)
		}
	}
}

// TestFindBayesEdges: what the Bayes method does with data that gives the
// prior nothing to go on, and with tiny samples.
func TestFindBayesEdges(t *testing.T) {
	bayes := func(rates map[string]metrics.Rate, minN int64) coach.Result {
		return coach.Find([]coach.Metric{coach.Shares("win rate", coach.Higher, rates)}, coach.Config{Method: coach.Bayes, MinN: minN})
	}
	t.Run("identical rates: the prior's variance is 0, the fallback, nothing flagged", func(t *testing.T) {
		res := bayes(map[string]metrics.Rate{"ann": {Num: 30, Den: 100}, "bob": {Num: 30, Den: 100}, "cy": {Num: 30, Den: 100}, "dee": {Num: 30, Den: 100}}, 0)
		if res.Tested != 4 || len(res.Findings) != 0 {
			t.Fatalf("Find = %+v", res)
		}
		for _, f := range res.All {
			if f.P != 1 || f.Q != 1 || f.Direction != 0 || f.Test != coach.TestBeta {
				t.Errorf("%s: %+v, want P = q = 1, level", f.Rep, f)
			}
		}
	})
	t.Run("rates closer than chance: the variance estimate is negative, the fallback", func(t *testing.T) {
		// μ = 0.3, S = 100·(0.01² + 0 + 0.01² + 0) = 0.02, S/(μ(1 − μ)) =
		// 0.0952 < k − 1 = 3: ρ < 0. ann's 31% is above the rest's 29.7%,
		// but P = 1: nothing is credible.
		res := bayes(map[string]metrics.Rate{"ann": {Num: 31, Den: 100}, "bob": {Num: 30, Den: 100}, "cy": {Num: 29, Den: 100}, "dee": {Num: 30, Den: 100}}, 0)
		if len(res.Findings) != 0 || res.All[0].P != 1 || res.All[0].Direction != coach.Above {
			t.Errorf("Find = %+v", res)
		}
	})
	t.Run("every deal lost: no prior, nothing flagged, no NaN", func(t *testing.T) {
		res := bayes(map[string]metrics.Rate{"ann": {Num: 0, Den: 50}, "bob": {Num: 0, Den: 40}}, 0)
		if res.Tested != 2 || len(res.Findings) != 0 || res.All[0].P != 1 {
			t.Errorf("Find = %+v", res)
		}
	})
	t.Run("rates as far apart as can be: Jeffreys' prior", func(t *testing.T) {
		// 0/50, 50/50, 0/50, 50/50: μ = ½, S = 200·¼ = 50, ρ = (50/¼ − 3)/
		// (200 − 10000/200 − 3) = 197/147 ≥ 1: the zero prior, replaced by
		// Beta(½, ½). ann's θ ~ Beta(½, 50½) against a rest at about ⅔: she
		// is below with P far under 0.001; bob above alike.
		res := bayes(map[string]metrics.Rate{"ann": {Num: 0, Den: 50}, "bob": {Num: 50, Den: 50}, "cy": {Num: 0, Den: 50}, "dee": {Num: 50, Den: 50}}, 0)
		if len(res.Findings) != 4 {
			t.Fatalf("Find = %+v, want four findings", res)
		}
		for _, f := range res.Findings {
			if f.P > 1e-3 || math.IsNaN(f.Q) || (f.Rep == "ann" || f.Rep == "cy") != (f.Direction == coach.Below) {
				t.Errorf("%s: %+v", f.Rep, f)
			}
		}
	})
	t.Run("tiny samples are shrunk to the team, not flagged", func(t *testing.T) {
		// ann 2 of 2. Prior: μ = 122/402 = 0.30348, S = 2·(1 − μ)² +
		// 100·Σ(rⱼ − μ)² = 0.97029 + 0.50249 = 1.47278, μ(1 − μ) =
		// 0.211380, ρ = (6.9674 − 4)/(402 − 40004/402 − 4) = 2.9674/298.49
		// = 0.0099414, α + β = 99.59, α = 30.22, β = 69.37. ann's θ ~
		// Beta(32.22, 69.37), mean 0.317 against the rest's 0.30: P ≈ 0.4,
		// no flag (the z-test would not flag 2 of 2 either).
		res := bayes(map[string]metrics.Rate{"ann": {Num: 2, Den: 2}, "bob": {Num: 30, Den: 100}, "cy": {Num: 35, Den: 100}, "dee": {Num: 25, Den: 100}, "eve": {Num: 30, Den: 100}}, 1)
		if res.Tested != 5 || len(res.Findings) != 0 {
			t.Fatalf("Find = %+v", res)
		}
		if f := res.All[0]; f.Rep != "ann" || f.Direction != coach.Above || f.P < 0.3 || f.P > 0.5 {
			t.Errorf("ann: %+v, want above with P ≈ 0.4", f)
		}
	})
	t.Run("other kinds keep their tests and their own q-values", func(t *testing.T) {
		ms := team() // coach_test.go: win rate, cycle length, calls per meeting
		res := coach.Find(ms, coach.Config{Method: coach.Bayes, MinN: 4, Lean: coach.LeanEven})
		for _, f := range res.All {
			if (f.Test == coach.TestBeta) != (f.Kind == coach.Share) {
				t.Errorf("%s %s: test %s", f.Rep, f.Metric, f.Test)
			}
		}
		// The four non-Share tests of TestFind alone: sorted p 0.0015654 ×2,
		// 0.099342 ×2 → m·p(j)/j = 0.0031308, 0.0031308·… → q = 0.0031308
		// ×2, 0.099342 ×2.
		for _, f := range res.All {
			switch f.Test {
			case coach.TestZ:
				if math.Abs(f.Q-0.0031308) > 1e-6 {
					t.Errorf("%s %s: q %v, want 0.0031308", f.Rep, f.Metric, f.Q)
				}
			case coach.TestMannWhitney:
				if math.Abs(f.Q-0.099342) > 1e-6 {
					t.Errorf("%s %s: q %v, want 0.099342", f.Rep, f.Metric, f.Q)
				}
			}
		}
	})
}
