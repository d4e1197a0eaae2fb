package forecast_test

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
	"pgregory.net/rapid"
)

var svAsOf = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func svDays(n float64) time.Duration { return time.Duration(n * float64(24*time.Hour)) }

// svClosed is a deal that entered "Demo" on 1 January 2025 and was won or
// lost there after days.
func svClosed(id string, status sp.Status, days float64) sp.Deal {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	end := start.Add(svDays(days))
	stage := "Won"
	if status == sp.Lost {
		stage = "Lost"
	}
	return sp.Deal{ID: id, Stage: stage, Status: status, Amount: sp.NewMoney(100, "USD"), Created: start, Closed: end,
		StageHistory: []sp.StageChange{{At: start, Stage: "Demo"}, {At: end, Stage: stage}}}
}

// svOpen is a deal open in stage (pipeline "") for days at svAsOf.
func svOpen(id, stage string, days float64) sp.Deal {
	entered := svAsOf.Add(-svDays(days))
	return sp.Deal{ID: id, Stage: stage, Status: sp.Open, Amount: sp.NewMoney(100, "USD"), Created: entered,
		StageHistory: []sp.StageChange{{At: entered, Stage: stage}}}
}

// TestSurvivalCloseProbability checks the survival timing on a hand-made
// history of seven deals that entered "Demo": won after 10, 30 and 50
// days, lost after 20 and 40, and two still open at svAsOf after 25 and
// 60 days (censored). The stage's win rate is w = 3 / (3 + 2) = 0.6.
//
// Events in age order, for a deal of age 0 (all seven candidates):
//
//	age  event  at risk  π += S(t−) × d/n      S after
//	10   won    7        1 × 1/7   = 4/28      6/7
//	20   lost   6        –                     5/7
//	25   open   5        – (censored)          5/7
//	30   won    4        5/7 × 1/4 = 5/28      15/28
//	40   lost   3        –                     10/28
//	50   won    2        10/28 × 1/2 = 5/28    5/28
//	60   open   1        –
//
// so π[0, 35) = 9/28, q = (9/28) / 0.6 = 15/28, and π[0, ∞) = 14/28, q =
// 5/6. At age 22 the candidates are the five still in the stage then (25
// open, 30 won, 40 lost, 50 won, 60 open): π[22, 45) = 1 × 1/4 (won at 30
// with 4 at risk after the censoring at 25), q = 5/12.
func TestSurvivalCloseProbability(t *testing.T) {
	hist := []sp.Deal{
		svClosed("W10", sp.Won, 10), svClosed("W30", sp.Won, 30), svClosed("W50", sp.Won, 50),
		svClosed("L20", sp.Lost, 20), svClosed("L40", sp.Lost, 40),
		svOpen("O25", "Demo", 25), svOpen("O60", "Demo", 60),
	}
	other := sp.Deal{ID: "other", Pipeline: "Other", Stage: "Demo", Status: sp.Open, Created: svAsOf.AddDate(0, 0, -3),
		ExpectedClose: sp.Date{Year: 2026, Month: 1, Day: 10}}
	tests := []struct {
		name       string
		deal       sp.Deal
		minSamples int
		from, to   float64 // days after svAsOf
		want       float64
		basis      string
		reason     string
	}{
		{"fresh, 35 days", svOpen("X", "Demo", 0), 2, 0, 35, 15.0 / 28, forecast.BasisStage, "π = 9/28 over w = 0.6"},
		{"fresh, for ever", svOpen("X", "Demo", 0), 2, 0, 1000, 5.0 / 6, forecast.BasisStage, "π = 1/2 over w = 0.6"},
		{"22 days old", svOpen("X", "Demo", 22), 2, 0, 23, 5.0 / 12, forecast.BasisStage, "candidates from age 22: π = 1/4"},
		{"22 days old, window from 12 days ago", svOpen("X", "Demo", 22), 2, -12, 13, 5.0 / 12, forecast.BasisStage,
			"the part of the window before asOf holds no candidate's event"},
		{"22 days old, window after the win at 30", svOpen("X", "Demo", 22), 2, 9, 17, 0, forecast.BasisStage,
			"ages [31, 39): only the loss at 40 is near"},
		{"older than every win", svOpen("X", "Demo", 55), 2, 0, 1000, 0, forecast.BasisStage,
			"the only candidate is the deal open 60 days: no win after age 55"},
		{"older than every deal", svOpen("X", "Demo", 70), 2, 0, 1000, 0, forecast.BasisStage, "no candidate"},
		{"too few wins in the stage", svOpen("X", "Demo", 0), 4, 0, 35, 15.0 / 28, forecast.BasisPipeline,
			"3 wins < MinSamples 4: the pipeline's pool, here the same seven samples"},
		{"unseen stage", svOpen("X", "Proposal", 0), 2, 0, 35, 15.0 / 28, forecast.BasisPipeline, "the pipeline's pool"},
		{"pipeline without a win", other, 2, 0, 30, 1, forecast.BasisExpectedClose, "the expected close, 10 January, is in the window"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tm := forecast.LearnTiming(hist, svAsOf, forecast.TimingOptions{Model: forecast.TimingSurvival, MinSamples: tc.minSamples})
			d, _ := tc.deal.AsOf(svAsOf)
			q, basis, err := tm.CloseProbability(&d, svAsOf, svAsOf.Add(svDays(tc.from)), svAsOf.Add(svDays(tc.to)))
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(q-tc.want) > 1e-12 || basis != tc.basis {
				t.Errorf("q %v basis %q, want %v %q (%s)", q, basis, tc.want, tc.basis, tc.reason)
			}
		})
	}
	if got := forecast.LearnTiming(hist, svAsOf, forecast.TimingOptions{Model: forecast.TimingSurvival}).Won(); got != 3 {
		t.Errorf("Won() = %d, want 3", got)
	}
}

// TestSurvivalNoAge: an open deal with no stage history and no created
// date cannot be aged.
func TestSurvivalNoAge(t *testing.T) {
	tm := forecast.LearnTiming([]sp.Deal{svClosed("W", sp.Won, 10)}, svAsOf, forecast.TimingOptions{Model: forecast.TimingSurvival})
	d := sp.Deal{ID: "X", Stage: "Demo", Status: sp.Open}
	if _, _, err := tm.CloseProbability(&d, svAsOf, svAsOf, svAsOf.AddDate(0, 1, 0)); err == nil {
		t.Error("no error for a deal without age")
	}
}

// svHistory draws a history of deals in stages A and B (pipeline ""):
// each enters A, may move to B, and is won, lost or still open at svAsOf.
// It returns the deals and the longest time from entering A to a win.
func svHistory(t *rapid.T, outcomes []sp.Status) ([]sp.Deal, time.Duration) {
	n := rapid.IntRange(1, 25).Draw(t, "deals")
	var out []sp.Deal
	var longest time.Duration
	for i := range n {
		entered := svAsOf.Add(-svDays(float64(rapid.IntRange(2, 200).Draw(t, fmt.Sprint("entered ", i)))))
		d := sp.Deal{ID: fmt.Sprint("H", i), Amount: sp.NewMoney(100, "USD"), Created: entered,
			StageHistory: []sp.StageChange{{At: entered, Stage: "A"}}}
		avail := int(svAsOf.Sub(entered)/(24*time.Hour)) - 1
		at := entered
		if rapid.Bool().Draw(t, fmt.Sprint("moves ", i)) {
			at = entered.Add(svDays(float64(rapid.IntRange(0, avail).Draw(t, fmt.Sprint("move ", i)))))
			d.StageHistory = append(d.StageHistory, sp.StageChange{At: at, Stage: "B"})
		}
		status := rapid.SampledFrom(outcomes).Draw(t, fmt.Sprint("outcome ", i))
		if status == sp.Open {
			d.Status, d.Stage = sp.Open, d.StageHistory[len(d.StageHistory)-1].Stage
			out = append(out, d)
			continue
		}
		// Closed after the last stage entry, at or before svAsOf.
		hours := int(svAsOf.Sub(at) / time.Hour)
		closed := at.Add(time.Duration(rapid.IntRange(1, hours).Draw(t, fmt.Sprint("close hours ", i))) * time.Hour)
		d.Status, d.Closed, d.Stage = status, closed, "Lost"
		if status == sp.Won {
			d.Stage = "Won"
			longest = max(longest, closed.Sub(entered))
		}
		d.StageHistory = append(d.StageHistory, sp.StageChange{At: closed, Stage: d.Stage})
		out = append(out, d)
	}
	return out, longest
}

// TestSurvivalProperties: on any history, q is in [0, 1]; a deal older
// in its stage than the longest time any deal took from entering A to a
// win gets 0 (no won candidate is left), whatever the window; π adds up
// over adjacent windows, so q[t0, t2) = min(1, q[t0, t1) + q[t1, t2)).
func TestSurvivalProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		hist, longest := svHistory(t, []sp.Status{sp.Won, sp.Lost, sp.Open})
		tm := forecast.LearnTiming(hist, svAsOf, forecast.TimingOptions{Model: forecast.TimingSurvival,
			MinSamples: rapid.IntRange(1, 5).Draw(t, "min samples")})
		stage := rapid.SampledFrom([]string{"A", "B"}).Draw(t, "stage")
		age := rapid.IntRange(0, 250).Draw(t, "age")
		d := svOpen("X", stage, float64(age))
		d.ExpectedClose = sp.Date{Year: 2026, Month: 1, Day: 15}
		t0 := rapid.IntRange(-30, 60).Draw(t, "from")
		t1 := rapid.IntRange(t0+1, 120).Draw(t, "mid")
		t2 := rapid.IntRange(t1+1, 400).Draw(t, "to")
		q := func(a, b int) float64 {
			v, _, err := tm.CloseProbability(&d, svAsOf, svAsOf.Add(svDays(float64(a))), svAsOf.Add(svDays(float64(b))))
			if err != nil {
				t.Fatal(err)
			}
			if !(v >= 0 && v <= 1) {
				t.Fatalf("q[%d, %d) = %v outside [0, 1]", a, b, v)
			}
			return v
		}
		whole, left, right := q(t0, t2), q(t0, t1), q(t1, t2)
		if math.Abs(whole-min(1, left+right)) > 1e-9 {
			t.Fatalf("q[%d, %d) = %v, but q[%d, %d) + q[%d, %d) = %v + %v", t0, t2, whole, t0, t1, t1, t2, left, right)
		}
		if longest > 0 && svDays(float64(age)) > longest && whole != 0 {
			t.Fatalf("deal %d days old, longest win %v after entering A: q = %v, want 0", age, longest, whole)
		}
	})
}

// TestSurvivalWonOnlyHistory: on a history of won deals only (nothing
// lost, nothing open), the survival estimate has no censoring and no
// competing loss, so it is the share of candidates won in the window:
// the won-only model's "stage" rule when that rule applies.
func TestSurvivalWonOnlyHistory(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		hist, _ := svHistory(t, []sp.Status{sp.Won})
		opt := forecast.TimingOptions{MinSamples: 1, Settle: -1}
		won := forecast.LearnTiming(hist, svAsOf, opt)
		opt.Model = forecast.TimingSurvival
		surv := forecast.LearnTiming(hist, svAsOf, opt)
		d := svOpen("X", rapid.SampledFrom([]string{"A", "B"}).Draw(t, "stage"), float64(rapid.IntRange(0, 200).Draw(t, "age")))
		from := svAsOf.Add(svDays(float64(rapid.IntRange(-10, 60).Draw(t, "from"))))
		to := from.Add(svDays(float64(rapid.IntRange(1, 200).Draw(t, "days"))))
		qw, bw, errW := won.CloseProbability(&d, svAsOf, from, to)
		qs, bs, errS := surv.CloseProbability(&d, svAsOf, from, to)
		if errW != nil || errS != nil {
			t.Fatal(errW, errS)
		}
		if bw != forecast.BasisStage {
			t.Skip("the won-only model used a fallback")
		}
		if bs != forecast.BasisStage || math.Abs(qw-qs) > 1e-12 {
			t.Fatalf("won-only %v (%s), survival %v (%s)", qw, bw, qs, bs)
		}
	})
}

// TestSurvivalNoLeakage learns the survival timing at an origin from the
// sample's deals and from the same deals with every field dated after
// the origin changed (see future): every open deal's q is the same.
func TestSurvivalNoLeakage(t *testing.T) {
	deals, b := sampleUSD(t)
	asOf := b.From.AddDate(0, 0, 20)
	changed := make([]sp.Deal, len(deals))
	for i := range deals {
		d := deals[i]
		d.StageHistory = slices.Clone(d.StageHistory)
		d.AmountHistory = slices.Clone(d.AmountHistory)
		d.ExpectedCloseHistory = slices.Clone(d.ExpectedCloseHistory)
		d.CategoryHistory = slices.Clone(d.CategoryHistory)
		future(&d, asOf)
		changed[i] = d
	}
	qs := func(deals []sp.Deal, asOf, from, to time.Time) map[string]float64 {
		tm := forecast.LearnTiming(deals, asOf, forecast.TimingOptions{Model: forecast.TimingSurvival})
		out := map[string]float64{}
		for _, v := range forecast.PipelineAt(deals, asOf) {
			if v.Status != sp.Open {
				continue
			}
			if q, _, err := tm.CloseProbability(&v, asOf, from, to); err == nil {
				out[v.ID] = q
			}
		}
		return out
	}
	before, after := qs(deals, asOf, b.From, b.To), qs(changed, asOf, b.From, b.To)
	if len(before) < 50 {
		t.Fatalf("only %d open deals timed: the test checks too little", len(before))
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("the survival timing read the future (-before +after):\n%s", diff)
	}
	// The changes matter once they are in the past.
	later := b.To
	if cmp.Equal(qs(deals, later, later, later.AddDate(0, 3, 0)), qs(changed, later, later, later.AddDate(0, 3, 0))) {
		t.Error("learned after the origin, the changed deals give the same timing: the test changes nothing that matters")
	}
}
