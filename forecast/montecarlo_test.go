package forecast_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
	"pgregory.net/rapid"
)

var (
	mcFrom = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	mcTo   = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
)

func mcAt(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }

// mcOpen is an open deal in stage "Demo" since created, expected to close
// on the given date.
func mcOpen(id string, minor int64, close sp.Date) sp.Deal {
	return sp.Deal{ID: id, Owner: "ava", Stage: "Demo", Status: sp.Open, Amount: sp.NewMoney(minor, "USD"),
		Created: mcAt(1, 10), ExpectedClose: close,
		StageHistory: []sp.StageChange{{At: mcAt(1, 10), Stage: "Demo"}}}
}

func mcFixed(p float64) func(*sp.Deal) (float64, bool) {
	return func(*sp.Deal) (float64, bool) { return p, true }
}

// TestSimulateCertain: one deal at probability 1 expected inside the
// period, no timing history: every draw is its amount, with any shock.
func TestSimulateCertain(t *testing.T) {
	for _, shock := range []float64{forecast.NoShock, 0, 0.3} {
		mc := forecast.MonteCarlo{AsOf: mcFrom, From: mcFrom, To: mcTo, Currency: "USD", Prob: mcFixed(1), Shock: shock, Draws: 3000, Seed: 9}
		sim, err := mc.Simulate([]sp.Deal{mcOpen("D1", 1_234_56, sp.Date{Year: 2026, Month: 5, Day: 15})})
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range sim.Draws() {
			if v != 1_234_56 {
				t.Fatalf("shock %v: draw %d = %d, want 123456", shock, i, v)
			}
		}
		want := forecast.RevenueSplit{Closed: sp.NewMoney(0, "USD"), Open: sp.MustParseMoney("1234.56 USD"), New: sp.NewMoney(0, "USD"), Total: sp.MustParseMoney("1234.56 USD")}
		if diff := cmp.Diff(want, sim.Mean()); diff != "" {
			t.Errorf("shock %v: Mean (-want +got)\n%s", shock, diff)
		}
	}
}

// TestSimulateTable checks hand-computed figures with probabilities 0 and
// 1 and expected-close timing (no history), so every draw is known.
func TestSimulateTable(t *testing.T) {
	asOf := mcAt(5, 1)
	won := sp.Deal{ID: "W1", Stage: "Won", Status: sp.Won, Amount: sp.NewMoney(500_00, "USD"), Created: mcAt(1, 5), Closed: mcAt(4, 20)}
	wonBefore := sp.Deal{ID: "W0", Stage: "Won", Status: sp.Won, Amount: sp.NewMoney(900_00, "USD"), Created: mcAt(1, 5), Closed: mcAt(3, 20)}
	wonLater := sp.Deal{ID: "W2", Stage: "Won", Status: sp.Won, Amount: sp.NewMoney(700_00, "USD"), Created: mcAt(1, 5), Closed: mcAt(5, 20)} // after asOf: open then
	deals := []sp.Deal{
		won, wonBefore, wonLater,
		mcOpen("A", 100_00, sp.Date{Year: 2026, Month: 6, Day: 1}),                                        // p 1, in period
		mcOpen("B", 200_00, sp.Date{Year: 2026, Month: 8, Day: 1}),                                        // p 1, after period
		mcOpen("C", 300_00, sp.Date{Year: 2026, Month: 3, Day: 1}),                                        // p 1, overdue: closes at asOf, in period
		mcOpen("Z", 400_00, sp.Date{Year: 2026, Month: 6, Day: 1}),                                        // p 0
		mcOpen("E", 50_00, sp.Date{}),                                                                     // no timing: left out
		{ID: "F", Stage: "Demo", Status: sp.Open, Amount: sp.NewMoney(10_00, "EUR"), Created: mcAt(1, 1)}, // currency
		{ID: "G", Stage: "Demo", Status: sp.Open, Created: mcAt(1, 1)},                                    // no amount
		{ID: "H", Stage: "Demo", Status: sp.Open, Amount: sp.NewMoney(10_00, "USD"), Created: mcAt(1, 1),
			StageHistory: []sp.StageChange{{At: mcAt(1, 1), Stage: "Proposal"}}}, // history mismatch
		mcOpen("A", 1, sp.Date{Year: 2026, Month: 6, Day: 1}), // duplicate
	}
	prob := func(d *sp.Deal) (float64, bool) {
		switch d.ID {
		case "Z":
			return 0, true
		case "W2":
			return 1.5, true // invalid
		}
		return 1, true
	}
	deals[2].StageHistory = []sp.StageChange{{At: mcAt(1, 5), Stage: "Demo"}, {At: mcAt(5, 20), Stage: "Won"}}
	mc := forecast.MonteCarlo{AsOf: asOf, From: mcFrom, To: mcTo, Currency: "USD", Prob: prob, Draws: 100, Seed: 1}
	sim, err := mc.Simulate(deals)
	// closed: W1 500.00 (W0 before the period, W2 open at asOf).
	// open: A 100.00 + C 300.00 in every draw; B after, Z at 0.
	// every draw: 500 + 100 + 300 = 900.00.
	for _, v := range sim.Draws() {
		if v != 900_00 {
			t.Fatalf("draw %d, want 90000", v)
		}
	}
	wantLeft := map[string]int64{"no timing": 1, "currency": 1, "no amount": 1, "history mismatch": 1, "duplicate id": 1, "invalid probability": 1}
	if diff := cmp.Diff(wantLeft, sim.LeftOut()); diff != "" {
		t.Errorf("LeftOut (-want +got)\n%s", diff)
	}
	for _, s := range []error{sp.ErrMissingDate, sp.ErrMixedCurrency, sp.ErrInvalidValue, sp.ErrHistoryMismatch, sp.ErrDuplicateID} {
		if !errors.Is(err, s) {
			t.Errorf("error does not wrap %v: %v", s, err)
		}
	}
	if c, o := sim.Deals(); c != 1 || o != 4 {
		t.Errorf("Deals() = %d, %d; want 1 closed, 4 open (A, B, C, Z)", c, o)
	}
	r, err := sim.ProbAtLeast(sp.MustParseMoney("900.00 USD"))
	if err != nil || r.Num != 100 || r.Den != 100 {
		t.Errorf("ProbAtLeast(900) = %v, %v; want 100/100", r, err)
	}
	r, _ = sim.ProbAtLeast(sp.MustParseMoney("900.01 USD"))
	if r.Num != 0 {
		t.Errorf("ProbAtLeast(900.01) = %v, want 0/100", r)
	}
	if _, err := sim.ProbAtLeast(sp.MustParseMoney("1 EUR")); !errors.Is(err, sp.ErrMixedCurrency) {
		t.Errorf("ProbAtLeast in EUR: %v", err)
	}
}

// TestQuantileType7 checks the type-7 rule on draws known by hand: a
// constant, and a single deal at p = 0.5 whose draws are 0 or its amount.
func TestQuantileType7(t *testing.T) {
	// Two deals with p 1 of 10.00 and 30.00: every draw 40.00; quantiles
	// of a constant are the constant.
	mc := forecast.MonteCarlo{AsOf: mcFrom, From: mcFrom, To: mcTo, Currency: "USD", Prob: mcFixed(1), Draws: 5, Seed: 3}
	sim, _ := mc.Simulate([]sp.Deal{mcOpen("a", 10_00, sp.Date{Year: 2026, Month: 5, Day: 1}), mcOpen("b", 30_00, sp.Date{Year: 2026, Month: 5, Day: 1})})
	p10, p50, p90 := sim.Range()
	want := []string{"40.00 USD", "40.00 USD", "40.00 USD"}
	if diff := cmp.Diff(want, []string{p10.String(), p50.String(), p90.String()}); diff != "" {
		t.Errorf("Range (-want +got)\n%s", diff)
	}
	// One deal at p = 0.5 of 10.00 over 1000 draws: about half are 0;
	// Quantile(0) is 0 and Quantile(1) is 10.00 (both occur).
	mc.Prob, mc.Draws = mcFixed(0.5), 1000
	sim, _ = mc.Simulate([]sp.Deal{mcOpen("a", 10_00, sp.Date{Year: 2026, Month: 5, Day: 1})})
	if got := []string{sim.Quantile(0).String(), sim.Quantile(1).String()}; !slices.Equal(got, []string{"0.00 USD", "10.00 USD"}) {
		t.Errorf("Quantile(0), Quantile(1) = %v", got)
	}
	// Type 7 between x_j = 0 and x_{j+1} = 1000 at h − j = 0.25 gives 250.
	d := sim.Draws()
	slices.Sort(d)
	zeros := 0
	for _, v := range d {
		if v == 0 {
			zeros++
		}
	}
	p := (float64(zeros-1) + 0.25) / float64(len(d)-1) // h = zeros − 1 + 0.25
	if got := sim.Quantile(p).String(); got != "2.50 USD" {
		t.Errorf("Quantile(%v) = %s, want 2.50 USD (a quarter of the way from 0 to 10.00)", p, got)
	}
}

// TestTimingCloseProbability checks the won-only conditional empirical
// timing (TimingWonOnly) on
// a hand-made history: four won deals entered "Demo" on 1 January and
// were won after 10, 20, 30 and 40 days in it.
func TestTimingCloseProbability(t *testing.T) {
	var hist []sp.Deal
	for i, days := range []int{10, 20, 30, 40} {
		start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		hist = append(hist, sp.Deal{ID: fmt.Sprint("H", i), Stage: "Won", Status: sp.Won, Amount: sp.NewMoney(1, "USD"),
			Created: start, Closed: start.AddDate(0, 0, days),
			StageHistory: []sp.StageChange{{At: start, Stage: "Demo"}, {At: start.AddDate(0, 0, days), Stage: "Won"}}})
	}
	asOf := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tm := forecast.LearnTiming(hist, asOf, forecast.TimingOptions{Model: forecast.TimingWonOnly, MinSamples: 2})
	entered := asOf.AddDate(0, 0, -15) // 15 days in Demo
	d := sp.Deal{ID: "X", Stage: "Demo", Status: sp.Open, Created: entered, StageHistory: []sp.StageChange{{At: entered, Stage: "Demo"}}}
	// Candidates: stayed ≥ 15 days: 20, 30, 40 (3 ≥ MinSamples 2). Closes
	// at entered + 20, 30, 40 = asOf + 5, 15, 25 days. Window [asOf,
	// asOf + 20 days): 5 and 15 in: 2/3.
	q, basis, err := tm.CloseProbability(&d, asOf, asOf, asOf.AddDate(0, 0, 20))
	if err != nil || basis != forecast.BasisStage || q != 2.0/3 {
		t.Errorf("15 days in: q %v basis %q err %v; want 2/3 stage", q, basis, err)
	}
	// 35 days in: only the 40-day sample is that old (1 < 2): the stage
	// tail, the 2 longest (30, 40), as if 30 days in: closes at asOf + 0
	// and + 10 days. Window [asOf + 5 days, asOf + 30 days): 1/2.
	entered = asOf.AddDate(0, 0, -35)
	d.Created, d.StageHistory = entered, []sp.StageChange{{At: entered, Stage: "Demo"}}
	q, basis, err = tm.CloseProbability(&d, asOf, asOf.AddDate(0, 0, 5), asOf.AddDate(0, 0, 30))
	if err != nil || basis != forecast.BasisStageTail || q != 0.5 {
		t.Errorf("35 days in: q %v basis %q err %v; want 1/2 stage tail", q, basis, err)
	}
	// A stage without samples falls back to the pipeline's pool (the four
	// Demo samples).
	d.Stage = "Proposal"
	d.StageHistory = []sp.StageChange{{At: entered, Stage: "Proposal"}}
	_, basis, _ = tm.CloseProbability(&d, asOf, asOf, asOf.AddDate(0, 0, 30))
	if basis != forecast.BasisPipeline && basis != forecast.BasisPipelineTail {
		t.Errorf("unseen stage: basis %q, want the pipeline", basis)
	}
}

func mcDeals(t *rapid.T) []sp.Deal {
	n := rapid.IntRange(0, 30).Draw(t, "deals")
	out := make([]sp.Deal, n)
	for i := range out {
		month := time.Month(rapid.IntRange(3, 9).Draw(t, fmt.Sprint("close month ", i)))
		out[i] = mcOpen(fmt.Sprintf("D%03d", i), rapid.Int64Range(0, 1_000_000).Draw(t, fmt.Sprint("amount ", i)), sp.Date{Year: 2026, Month: month, Day: 10})
	}
	return out
}

func mcProb(d *sp.Deal) (float64, bool) {
	return float64(len(d.ID)*7+int(d.ExpectedClose.Month)) / 40, true
}

// TestSimulateProperties: P10 ≤ P50 ≤ P90; the draws do not depend on
// the order of the deals; two halves combined are the whole.
func TestSimulateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		deals := mcDeals(t)
		seed := rapid.Uint64().Draw(t, "seed")
		mc := forecast.MonteCarlo{AsOf: mcFrom, From: mcFrom, To: mcTo, Currency: "USD", Prob: mcProb, Draws: 1500, Seed: seed}
		sim, err := mc.Simulate(deals)
		if err != nil {
			t.Fatal(err)
		}
		p10, p50, p90 := sim.Range()
		if a, _ := p10.Cmp(p50); a > 0 {
			t.Fatalf("P10 %s > P50 %s", p10, p50)
		}
		if a, _ := p50.Cmp(p90); a > 0 {
			t.Fatalf("P50 %s > P90 %s", p50, p90)
		}
		perm := rapid.Permutation(deals).Draw(t, "order")
		sim2, _ := mc.Simulate(perm)
		if !slices.Equal(sim.Draws(), sim2.Draws()) {
			t.Fatal("draws depend on the order of the deals")
		}
		k := rapid.IntRange(0, len(deals)).Draw(t, "split")
		a, _ := mc.Simulate(deals[:k])
		b, _ := mc.Simulate(deals[k:])
		ab, err := a.Combine(b)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(sim.Draws(), ab.Draws()) {
			t.Fatal("Combine of two halves differs from the whole")
		}
	})
}

func TestCombineMismatch(t *testing.T) {
	mc := forecast.MonteCarlo{AsOf: mcFrom, From: mcFrom, To: mcTo, Currency: "USD", Prob: mcFixed(0.5), Draws: 10}
	a, _ := mc.Simulate(nil)
	mc.Seed = 2
	b, _ := mc.Simulate(nil)
	if _, err := a.Combine(b); !errors.Is(err, sp.ErrInvalidValue) {
		t.Errorf("different seeds: %v", err)
	}
	mc.Currency = "EUR"
	mc.Seed = 0
	c, _ := mc.Simulate(nil)
	if _, err := a.Combine(c); !errors.Is(err, sp.ErrMixedCurrency) {
		t.Errorf("different currencies: %v", err)
	}
}

func TestSimulatePanics(t *testing.T) {
	for name, mc := range map[string]forecast.MonteCarlo{
		"nil prob":     {From: mcFrom, To: mcTo, Currency: "USD"},
		"empty period": {From: mcTo, To: mcFrom, Currency: "USD", Prob: mcFixed(1)},
		"currency":     {From: mcFrom, To: mcTo, Currency: "XXQ", Prob: mcFixed(1)},
		"shock":        {From: mcFrom, To: mcTo, Currency: "USD", Prob: mcFixed(1), Shock: 1},
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			mc.Simulate(nil)
		}()
	}
}
