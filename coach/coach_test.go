package coach_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/salesperf/salesperf/coach"
	"github.com/salesperf/salesperf/metrics"
)

func hist(values ...int64) *metrics.Histogram {
	var h metrics.Histogram
	for _, v := range values {
		h.Add(v)
	}
	return &h
}

// team is the data of TestFind, worked by hand:
//
// win rate (Share, higher better): ann 60/100, bob, cy and dee 30/100.
// ann vs rest 60/100 vs 90/300: p̂ = 150/400 = 0.375, se = √(0.375 ·
// 0.625 · (1/100 + 1/300)) = √0.003125 = 0.0559017, z = 0.3/0.0559017 =
// 5.36656, p = erfc(5.36656/√2) = 8.025e−8. bob vs rest 30/100 vs 120/300:
// same p̂ and se, z = −0.1/0.0559017 = −1.78885, p = 0.073638; cy and dee
// alike.
//
// cycle length (Distribution, lower better, days): ann 1 2 2 3, bob 2 3 3
// 4 5 — the tie case of TestMannWhitneyU: U = 3, p = 0.099342, ann's
// cycles shorter (a strength), bob's longer. Medians 2 and 3.
//
// calls per meeting (Ratio, lower better): ann 30 calls / 10 meetings,
// bob 60 / 40: n = 90, p0 = 10/50, z = 12/√14.4 = √10, p = erfc(√5) =
// 0.0015654; ann makes more calls per meeting (a weakness), bob fewer.
//
// Eight tests: sorted p = 8.025e−8, 0.0015654 ×2, 0.073638 ×3, 0.099342
// ×2; m·p(j)/j = 6.42e−7, 0.0062616, 0.0041744, 0.196368, 0.117821,
// 0.098184, 0.113534, 0.099342; running minimum from the end: q =
// 6.42e−7, 0.0041744 ×2, 0.098184 ×3, 0.099342 ×2.
func team() []coach.Metric {
	return []coach.Metric{
		coach.Shares("win rate", coach.Higher, map[string]metrics.Rate{
			"ann": {Num: 60, Den: 100}, "bob": {Num: 30, Den: 100}, "cy": {Num: 30, Den: 100}, "dee": {Num: 30, Den: 100}}),
		coach.Distributions("cycle length", coach.Lower, "days", map[string]*metrics.Histogram{
			"ann": hist(1, 2, 2, 3), "bob": hist(2, 3, 3, 4, 5)}),
		coach.Ratios("calls per meeting", coach.Lower, map[string]metrics.Rate{
			"ann": {Num: 30, Den: 10}, "bob": {Num: 60, Den: 40}}),
	}
}

var approx = cmpopts.EquateApprox(2e-4, 1e-12)

func TestFind(t *testing.T) {
	win := func(rep string, dir coach.Direction, v, team, p, q float64, test string) coach.Finding {
		return coach.Finding{Rep: rep, Metric: "win rate", Kind: coach.Share, Better: coach.Higher,
			Value: v, Team: team, N: 100, TeamN: 300, Direction: dir, Test: test, P: p, Q: q}
	}
	cycle := func(rep string, dir coach.Direction, v, team float64, n, tn int64) coach.Finding {
		return coach.Finding{Rep: rep, Metric: "cycle length", Kind: coach.Distribution, Better: coach.Lower, Unit: "days",
			Value: v, Team: team, N: n, TeamN: tn, Direction: dir, Test: coach.TestMannWhitney, P: 0.099342, Q: 0.099342}
	}
	calls := func(rep string, dir coach.Direction, v, team float64, n, tn int64) coach.Finding {
		return coach.Finding{Rep: rep, Metric: "calls per meeting", Kind: coach.Ratio, Better: coach.Lower,
			Value: v, Team: team, N: n, TeamN: tn, Direction: dir, Test: coach.TestZ, P: 0.0015654, Q: 0.0041744}
	}
	annWin := win("ann", coach.Above, 0.6, 0.3, 8.025e-8, 6.42e-7, coach.TestZ)
	bobWin := win("bob", coach.Below, 0.3, 0.4, 0.073638, 0.098184, coach.TestZ)
	cyWin := win("cy", coach.Below, 0.3, 0.4, 0.073638, 0.098184, coach.TestZ)
	deeWin := win("dee", coach.Below, 0.3, 0.4, 0.073638, 0.098184, coach.TestZ)
	annCycle, bobCycle := cycle("ann", coach.Above, 2, 3, 4, 5), cycle("bob", coach.Below, 3, 2, 5, 4)
	annCalls, bobCalls := calls("ann", coach.Below, 3, 1.5, 10, 40), calls("bob", coach.Above, 1.5, 3, 40, 10)
	all := []coach.Finding{annWin, bobWin, cyWin, deeWin, annCycle, bobCycle, annCalls, bobCalls}
	reps := []string{"ann", "bob", "cy", "dee", "eve"}
	skipped := []coach.Skip{
		{Rep: "eve", Metric: "win rate", N: 0, TeamN: 400},
		{Rep: "cy", Metric: "cycle length", N: 0, TeamN: 9},
		{Rep: "dee", Metric: "cycle length", N: 0, TeamN: 9},
		{Rep: "eve", Metric: "cycle length", N: 0, TeamN: 9},
		{Rep: "cy", Metric: "calls per meeting", N: 0, TeamN: 50},
		{Rep: "dee", Metric: "calls per meeting", N: 0, TeamN: 50},
		{Rep: "eve", Metric: "calls per meeting", N: 0, TeamN: 50},
	}
	for _, tt := range []struct {
		name string
		cfg  coach.Config
		want coach.Result
	}{{
		name: "every test flagged at the default 0.10: weaknesses by q, then strengths",
		cfg:  coach.Config{MinN: 4, Reps: reps, Lean: coach.LeanEven},
		want: coach.Result{
			Findings: []coach.Finding{annCalls, bobWin, cyWin, deeWin, bobCycle, annWin, bobCalls, annCycle},
			Tested:   8, SkippedSmall: 7, All: all, Skipped: skipped,
		},
	}, {
		name: "alpha 0.05 keeps the three with q ≤ 0.05",
		cfg:  coach.Config{Alpha: 0.05, MinN: 4, Reps: reps, Lean: coach.LeanEven},
		want: coach.Result{
			Findings: []coach.Finding{annCalls, annWin, bobCalls},
			Tested:   8, SkippedSmall: 7, All: all, Skipped: skipped,
		},
	}, {
		// MinN 5: ann's 4 cycles and, for bob, the rest's 4 are too few;
		// the other six tests are those above: sorted p 8.025e−8,
		// 0.0015654 ×2, 0.073638 ×3; m·p(j)/j = 4.815e−7, 0.0046962,
		// 0.0031308, 0.110457, 0.088366, 0.073638 → q = 4.815e−7,
		// 0.0031308 ×2, 0.073638 ×3.
		name: "a larger MinN skips the cycle comparison",
		cfg:  coach.Config{MinN: 5, Lean: coach.LeanEven},
		want: func() coach.Result {
			w := []coach.Finding{annWin, bobWin, cyWin, deeWin, annCalls, bobCalls}
			for i := range w {
				w[i].Q = map[float64]float64{6.42e-7: 4.815e-7, 0.0041744: 0.0031308, 0.098184: 0.073638}[w[i].Q]
			}
			return coach.Result{
				Findings: []coach.Finding{w[4], w[1], w[2], w[3], w[0], w[5]},
				Tested:   6, SkippedSmall: 2, All: w,
				Skipped: []coach.Skip{{Rep: "ann", Metric: "cycle length", N: 4, TeamN: 5}, {Rep: "bob", Metric: "cycle length", N: 5, TeamN: 4}},
			}
		}(),
	}} {
		t.Run(tt.name, func(t *testing.T) {
			got := coach.Find(team(), tt.cfg)
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("Find (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFindingString(t *testing.T) {
	for _, tt := range []struct {
		f    coach.Finding
		want string
	}{
		{coach.Finding{Metric: "stage Demo → Proposal", Kind: coach.Share, Value: 20.0 / 64, Team: 0.52, N: 64, Direction: coach.Below, Q: 0.0123},
			"stage Demo → Proposal: 31% vs team 52% (n = 64), q = 0.012"},
		{coach.Finding{Metric: "cycle length", Kind: coach.Distribution, Unit: "days", Value: 75, Team: 52, N: 30, Direction: coach.Below, Q: 0.03},
			"cycle length: median 75 days vs team 52 (n = 30), q = 0.03"},
		{coach.Finding{Metric: "win rate", Kind: coach.Share, Value: 0.48, Team: 0.30, N: 60, Direction: coach.Above, Q: 0.004},
			"win rate: 48% vs team 30% (n = 60), q = 0.004 — a strength"},
		{coach.Finding{Metric: "calls per meeting", Kind: coach.Ratio, Value: 6.25, Team: 4.125, N: 45, Direction: coach.Below, Q: 0.0004},
			"calls per meeting: 6.2 vs team 4.1 (n = 45), q < 0.001"},
		// 30.2% and 29.8% would both print 30%: one more decimal.
		{coach.Finding{Metric: "win rate", Kind: coach.Share, Value: 0.302, Team: 0.298, N: 9000, Direction: coach.Above, Q: 0.09},
			"win rate: 30.2% vs team 29.8% (n = 9000), q = 0.09 — a strength"},
		{coach.Finding{Metric: "response", Kind: coach.Distribution, Value: 52.5, Team: 40, N: 30, Direction: coach.Below, Q: 0.1},
			"response: median 52.5 vs team 40 (n = 30), q = 0.1"},
	} {
		if diff := cmp.Diff(tt.want, tt.f.String()); diff != "" {
			t.Errorf("String (-want +got):\n%s", diff)
		}
	}
	if got := fmt.Sprint(coach.Below, coach.Above, coach.Direction(0)); got != "below above level" {
		t.Errorf("directions print %q", got)
	}
}

func TestFunnelSteps(t *testing.T) {
	steps := func(demo, proposal metrics.Rate) []metrics.FunnelStep {
		return []metrics.FunnelStep{{Stage: "Demo", Conversion: demo}, {Stage: "Proposal", Conversion: proposal}, {Stage: "Won"}}
	}
	got := coach.FunnelSteps(map[string]metrics.FunnelResult{
		"ann": {Steps: steps(metrics.Rate{Num: 3, Den: 4}, metrics.Rate{Num: 1, Den: 3})},
		"bob": {Steps: steps(metrics.Rate{Num: 5, Den: 10}, metrics.Rate{Num: 5, Den: 5})},
		"cy":  {}, // no deal: no step
	})
	want := []coach.Metric{
		{Name: "stage Demo → Proposal", Kind: coach.Share, Better: coach.Higher,
			Rates: map[string]metrics.Rate{"ann": {Num: 3, Den: 4}, "bob": {Num: 5, Den: 10}, "cy": {}}},
		{Name: "stage Proposal → Won", Kind: coach.Share, Better: coach.Higher,
			Rates: map[string]metrics.Rate{"ann": {Num: 1, Den: 3}, "bob": {Num: 5, Den: 5}, "cy": {}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FunnelSteps (-want +got):\n%s", diff)
	}
	if got := coach.FunnelSteps(nil); len(got) != 0 {
		t.Errorf("FunnelSteps(nil) = %v", got)
	}
}

func TestResponseMetrics(t *testing.T) {
	ann := metrics.ResponseState{Times: *hist(5, 7), Touched: 2, Never: 1}
	bob := metrics.ResponseState{Times: *hist(1), Touched: 1}
	got := coach.ResponseTimes("lead response", "minutes", map[string]*metrics.ResponseState{"ann": &ann, "bob": &bob})
	want := coach.Metric{Name: "lead response", Kind: coach.Distribution, Better: coach.Lower, Unit: "minutes",
		Hists: map[string]*metrics.Histogram{"ann": &ann.Times, "bob": &bob.Times}}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b *metrics.Histogram) bool { return a == b })); diff != "" {
		t.Errorf("ResponseTimes (-want +got):\n%s", diff)
	}

	sla := func(all ...metrics.Rate) []metrics.SLAShare {
		within := []time.Duration{time.Hour, 90 * time.Minute}
		var out []metrics.SLAShare
		for i, r := range all {
			out = append(out, metrics.SLAShare{Within: within[i], All: r})
		}
		return out
	}
	shares := coach.SLAShares(map[string]metrics.Response{
		"ann": {SLA: sla(metrics.Rate{Num: 1, Den: 3}, metrics.Rate{Num: 2, Den: 3})},
		"bob": {SLA: sla(metrics.Rate{Num: 1, Den: 1}, metrics.Rate{Num: 1, Den: 1})},
		"cy":  {},
	})
	wantShares := []coach.Metric{
		{Name: "leads answered within 1h", Kind: coach.Share, Better: coach.Higher,
			Rates: map[string]metrics.Rate{"ann": {Num: 1, Den: 3}, "bob": {Num: 1, Den: 1}, "cy": {}}},
		{Name: "leads answered within 1h30m", Kind: coach.Share, Better: coach.Higher,
			Rates: map[string]metrics.Rate{"ann": {Num: 2, Den: 3}, "bob": {Num: 1, Den: 1}, "cy": {}}},
	}
	if diff := cmp.Diff(wantShares, shares); diff != "" {
		t.Errorf("SLAShares (-want +got):\n%s", diff)
	}
}

func TestFindDefaults(t *testing.T) {
	// The zero Config tests from 20 records on each side: ann's 16
	// closed deals are skipped; bob's and cy's 200 are tested, and each
	// is level with the rest (50/200 vs 54/216, both 25%): with even
	// tests z = 0, p = 1, no direction, no finding.
	ms := []coach.Metric{coach.Shares("win rate", coach.Higher, map[string]metrics.Rate{
		"ann": {Num: 4, Den: 16}, "bob": {Num: 50, Den: 200}, "cy": {Num: 50, Den: 200}})}
	res := coach.Find(ms, coach.Config{})
	if res.Tested != 2 || res.SkippedSmall != 1 || len(res.Findings) != 0 || res.Skipped[0].Rep != "ann" {
		t.Errorf("Find with the zero Config = %+v", res)
	}
	// The zero Lean is LeanWeak: the same result as asking for it.
	if diff := cmp.Diff(coach.Find(ms, coach.Config{Lean: coach.LeanWeak}), res); diff != "" {
		t.Errorf("zero Config vs Lean: LeanWeak (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(coach.Find(ms, coach.Config{Lean: coach.LeanEven}), res); diff == "" {
		t.Errorf("zero Config gave the even tests' result; the default Lean is LeanWeak")
	}
	even := coach.Find(ms, coach.Config{Lean: coach.LeanEven})
	if even.All[1].Direction != 0 || even.All[1].P != 1 {
		t.Errorf("level rep, even tests: %+v", even.All[1])
	}
}

func TestFindPanics(t *testing.T) {
	ok := coach.Shares("win rate", coach.Higher, map[string]metrics.Rate{"ann": {Num: 1, Den: 2}})
	for _, tt := range []struct {
		name string
		ms   []coach.Metric
		cfg  coach.Config
		msg  string
	}{
		{"alpha above 1", []coach.Metric{ok}, coach.Config{Alpha: 1.5}, "coach: alpha"},
		{"negative alpha", []coach.Metric{ok}, coach.Config{Alpha: -0.1}, "coach: alpha"},
		{"negative MinN", []coach.Metric{ok}, coach.Config{MinN: -1}, "coach: negative minimum"},
		{"invalid Method", []coach.Metric{ok}, coach.Config{Method: 3}, "coach: invalid Method"},
		{"lean above 1", []coach.Metric{ok}, coach.Config{Lean: 1.2}, "coach: lean"},
		{"negative lean", []coach.Metric{ok}, coach.Config{Lean: -0.5}, "coach: lean"},
		{"no name", []coach.Metric{{Kind: coach.Share, Better: coach.Higher, Rates: ok.Rates}}, coach.Config{}, "without a name"},
		{"same name twice", []coach.Metric{ok, ok}, coach.Config{}, "two metrics named"},
		{"zero Kind", []coach.Metric{{Name: "x", Better: coach.Higher, Rates: ok.Rates}}, coach.Config{}, "invalid Kind"},
		{"zero Better", []coach.Metric{{Name: "x", Kind: coach.Share, Rates: ok.Rates}}, coach.Config{}, "invalid Better"},
		{"share without rates", []coach.Metric{{Name: "x", Kind: coach.Share, Better: coach.Higher}}, coach.Config{}, "needs Rates"},
		{"distribution with rates", []coach.Metric{{Name: "x", Kind: coach.Distribution, Better: coach.Lower, Rates: ok.Rates}}, coach.Config{}, "needs Hists"},
		{"share above 1", []coach.Metric{coach.Shares("x", coach.Higher, map[string]metrics.Rate{"ann": {Num: 3, Den: 2}})}, coach.Config{}, "not a share"},
		{"negative ratio", []coach.Metric{coach.Ratios("x", coach.Lower, map[string]metrics.Rate{"ann": {Num: -1, Den: 2}})}, coach.Config{}, "not a ratio"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.Contains(s, tt.msg) || !strings.HasPrefix(s, "coach: ") {
					t.Errorf("panic %v, want one containing %q", r, tt.msg)
				}
			}()
			coach.Find(tt.ms, tt.cfg)
		})
	}
	t.Run("funnels of different pipelines", func(t *testing.T) {
		defer func() {
			if s, _ := recover().(string); !strings.HasPrefix(s, "coach: funnel results of different pipelines") {
				t.Errorf("panic %q", s)
			}
		}()
		coach.FunnelSteps(map[string]metrics.FunnelResult{
			"ann": {Steps: []metrics.FunnelStep{{Stage: "Demo"}, {Stage: "Won"}}},
			"bob": {Steps: []metrics.FunnelStep{{Stage: "Due"}, {Stage: "Renewed"}}},
		})
	})
}
