package forecast_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
	"pgregory.net/rapid"
)

func fig(v float64) forecast.Figure { return forecast.Figure{Value: v, OK: true} }

// TestEvaluateByHand checks every figure against values worked out by hand.
func TestEvaluateByHand(t *testing.T) {
	for _, tt := range []struct {
		reason string
		preds  []forecast.Scored
		want   forecast.Evaluation
		noFit  bool // the calibration fit is not worked by hand (checked in TestRecalibrateRecoversDistortion)
	}{{
		// 0.9 W, 0.8 L, 0.6 W, 0.3 L, 0.3 W; W = 3, L = 2.
		// AUC: won vs lost pairs 0.9>0.8 1, 0.9>0.3 1, 0.6<0.8 0, 0.6>0.3 1,
		//   0.3<0.8 0, 0.3=0.3 ½ → 3.5/6.
		// Brier: .01 + .64 + .16 + .09 + .49 = 1.39 → /5 = 0.278.
		// Log loss: −(ln .9 + ln .2 + ln .6 + ln .7 + ln .3)/5
		//   = (0.1053605 + 1.6094379 + 0.5108256 + 0.3566749 + 1.2039728)/5 = 0.7572544.
		// ECE: bin 9 |1 − .9| ·1, bin 8 |0 − .8| ·1, bin 6 |1 − .6| ·1,
		//   bin 3 |.5 − .3| ·2 → (.1 + .8 + .4 + .4)/5 = 0.34.
		// Lift: top ⌈5/10⌉ = 1 prediction, 0.9 won: 1 / (3/5) = 5/3.
		reason: "five predictions with a tie",
		preds: []forecast.Scored{
			{ID: "a", P: 0.9, Won: true}, {ID: "b", P: 0.8}, {ID: "c", P: 0.6, Won: true},
			{ID: "d", P: 0.3}, {ID: "e", P: 0.3, Won: true},
		},
		want: forecast.Evaluation{N: 5, Won: 3, BaseRate: fig(0.6), AUC: fig(3.5 / 6), Brier: fig(0.278),
			LogLoss: fig(0.7572544), ECE: fig(0.34), Lift: fig(5.0 / 3)},
		noFit: true,
	}, {
		// Groups whose won shares equal their probability: 0.2 (1 of 5),
		// 0.5 (2 of 4), 0.8 (4 of 5). σ(0 + 1·logit p) = p in every group,
		// so the score equations Σ(y − p) = 0 and Σ(y − p)·logit p = 0 hold at
		// a = 0, b = 1: slope 1, intercept 0. ECE 0 (each bin exact).
		// AUC: won at 0.8 (4) beat lost at .5 (2) and .2 (4), tie lost at .8 (1);
		// won at .5 (2) beat lost .2 (4), tie .5 (2), lose to .8 (1);
		// won at .2 (1) ties lost .2 (4). Pairs: 4·(2+4) + 4·½·1 + 2·4 + 2·½·2 + 1·½·4
		// = 24 + 2 + 8 + 2 + 2 = 38 over 7·7 = 49.
		// Brier: .2: 1·.64 + 4·.04 = .8; .5: 4·.25 = 1; .8: 4·.04 + .64 = .8 → 2.6/14.
		// Lift: top ⌈14/10⌉ = 2 of the five tied at .8 (4 won): 2·4/5 = 1.6 won
		// → (1.6/2) / (7/14) = 1.6.
		reason: "calibrated groups",
		preds:  group("g", 0.2, 5, 1, group("h", 0.5, 4, 2, group("i", 0.8, 5, 4, nil))),
		want: forecast.Evaluation{N: 14, Won: 7, BaseRate: fig(0.5), AUC: fig(38.0 / 49), Brier: fig(2.6 / 14),
			ECE: fig(0), Slope: fig(1), Intercept: fig(0), Lift: fig(1.6),
			LogLoss: fig(-(1*math.Log(.2) + 4*math.Log(.8) + 4*math.Log(.5) + 4*math.Log(.8) + math.Log(.2)) / 14)},
	}, {
		reason: "all lost: no AUC, slope or lift",
		preds:  []forecast.Scored{{ID: "a", P: 0.25}, {ID: "b", P: 0.75}},
		// Brier (.0625 + .5625)/2; log loss −(ln .75 + ln .25)/2; ECE (.25 + .75)/2.
		want: forecast.Evaluation{N: 2, BaseRate: fig(0), Brier: fig(0.3125), ECE: fig(0.5),
			LogLoss: fig(-(math.Log(0.75) + math.Log(0.25)) / 2)},
	}, {
		reason: "separated: no calibration slope",
		preds:  []forecast.Scored{{ID: "a", P: 0.2}, {ID: "b", P: 0.7, Won: true}},
		// Brier (.04 + .09)/2; ECE bins 2 and 7: (.2 + .3)/2; lift: top 1 won → 1/(1/2).
		want: forecast.Evaluation{N: 2, Won: 1, BaseRate: fig(0.5), AUC: fig(1), Brier: fig(0.065), ECE: fig(0.25),
			LogLoss: fig(-(math.Log(0.8) + math.Log(0.7)) / 2), Lift: fig(2)},
	}, {
		reason: "empty",
		want:   forecast.Evaluation{},
	}} {
		got, err := forecast.Evaluate(tt.preds)
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		opts := cmp.Options{cmpopts.EquateApprox(0, 1e-6)}
		if tt.noFit {
			opts = append(opts, cmpopts.IgnoreFields(forecast.Evaluation{}, "Slope", "Intercept"))
		}
		if diff := cmp.Diff(tt.want, got, opts); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
		}
	}
}

// group appends n predictions at p, won of them won, with IDs prefix0…
func group(prefix string, p float64, n, won int, to []forecast.Scored) []forecast.Scored {
	for i := range n {
		to = append(to, forecast.Scored{ID: prefix + string(rune('0'+i)), P: p, Won: i < won})
	}
	return to
}

func TestEvaluateInvalid(t *testing.T) {
	for _, p := range []float64{-0.1, 1.5, math.NaN()} {
		_, err := forecast.Evaluate([]forecast.Scored{{ID: "a", P: 0.5}, {ID: "x", P: p}})
		if !errors.Is(err, sp.ErrInvalidValue) {
			t.Errorf("P %v: error %v, want ErrInvalidValue", p, err)
		}
	}
}

// TestAUCMonotoneInvariant: AUC depends only on the order of the
// probabilities, so a strictly increasing map (p², √p) leaves it unchanged;
// every figure is defined or flagged, never NaN.
func TestAUCMonotoneInvariant(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(t, "n")
		var preds, squared, rooted []forecast.Scored
		for i := range n {
			// Few distinct values, so ties are common.
			p := float64(rapid.IntRange(0, 20).Draw(t, "p")) / 20
			won := rapid.Bool().Draw(t, "won")
			id := string(rune('a' + i%26))
			preds = append(preds, forecast.Scored{ID: id, P: p, Won: won})
			squared = append(squared, forecast.Scored{ID: id, P: p * p, Won: won})
			rooted = append(rooted, forecast.Scored{ID: id, P: math.Sqrt(p), Won: won})
		}
		ev, err := forecast.Evaluate(preds)
		if err != nil {
			t.Fatal(err)
		}
		for _, other := range [][]forecast.Scored{squared, rooted} {
			ev2, _ := forecast.Evaluate(other)
			if ev.AUC.OK != ev2.AUC.OK || math.Abs(ev.AUC.Value-ev2.AUC.Value) > 1e-12 {
				t.Fatalf("AUC %v, after a monotone map %v", ev.AUC, ev2.AUC)
			}
		}
		for _, f := range []forecast.Figure{ev.AUC, ev.Brier, ev.LogLoss, ev.ECE, ev.Slope, ev.Intercept, ev.Lift, ev.BaseRate} {
			if math.IsNaN(f.Value) || math.IsInf(f.Value, 0) || !f.OK && f.Value != 0 {
				t.Fatalf("figure %+v", f)
			}
		}
		if ev.AUC.OK && (ev.AUC.Value < 0 || ev.AUC.Value > 1) || ev.ECE.Value < 0 || ev.ECE.Value > 1 || ev.Brier.Value > 1 {
			t.Fatalf("out of range: %+v", ev)
		}
	})
}

func TestBootstrapDeterministicAndOrderFree(t *testing.T) {
	preds := group("g", 0.2, 5, 1, group("h", 0.5, 4, 2, group("i", 0.8, 5, 4, nil)))
	a, err := forecast.Bootstrap(preds, 50, 1)
	if err != nil {
		t.Fatal(err)
	}
	rev := make([]forecast.Scored, len(preds))
	for i, p := range preds {
		rev[len(preds)-1-i] = p
	}
	b, _ := forecast.Bootstrap(rev, 50, 1)
	if diff := cmp.Diff(a, b, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("order changed the bootstrap (-want +got):\n%s", diff)
	}
	_, sd, lo, hi, ok := forecast.FigureSpread(a, func(e *forecast.Evaluation) forecast.Figure { return e.Brier })
	if !ok || sd <= 0 || lo > hi {
		t.Errorf("spread sd %v, %v–%v, ok %v", sd, lo, hi, ok)
	}
	null, err := forecast.CalibratedECE(preds, 50, 1)
	if err != nil || len(null) != 50 || null[0] < 0 || null[0] > null[49] {
		t.Errorf("CalibratedECE: %v, %v", null, err)
	}
}

func TestRecalibrateRecoversDistortion(t *testing.T) {
	// Outcomes at exact frequencies σ(0.5 + 2·logit q) for q in a grid: the
	// fit of y on logit q recovers a = 0.5, b = 2 (the score equations hold
	// there exactly, as in TestEvaluateByHand).
	var preds []forecast.Scored
	for _, q := range []float64{0.2, 0.4, 0.5, 0.6, 0.8} {
		p := forecast.Calibrated(q, 0.5, 2)
		// 1000 predictions per q, round(1000 p) won: frequencies within 5e-4.
		won := int(math.Round(1000 * p))
		for i := range 1000 {
			preds = append(preds, forecast.Scored{ID: "x", P: q, Won: i < won})
		}
	}
	a, b, ok := forecast.Recalibrate(preds)
	if !ok || math.Abs(a-0.5) > 0.01 || math.Abs(b-2) > 0.01 {
		t.Errorf("Recalibrate = %v, %v, %v; want 0.5, 2", a, b, ok)
	}
}
