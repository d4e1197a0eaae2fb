package forecast_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
	"pgregory.net/rapid"
)

// fcSums builds a Sum from amounts ("200.02 USD").
func fcSums(amounts ...string) sp.Sum {
	var s sp.Sum
	for _, a := range amounts {
		s.Add(sp.MustParseMoney(a))
	}
	return s
}

// fcWeightedDeals are the deals of the weighted-pipeline table, with
// probabilities Lead 0.1, Demo 0.3, Proposal 0.5:
//
//	A  open Demo      333.33 USD  × 0.3 =  99.999  → 100.00 (half even, half up), 99.99 (down)
//	B  open Lead     1000.00 USD  × 0.1 = 100.000  → 100.00
//	C  open Proposal    0.05 USD  × 0.5 =   0.025  → 0.02 (half even, down), 0.03 (half up)
//	D  open Proposal    1001 JPY  × 0.5 = 500.5    → 500 (half even, down), 501 (half up)
//	E  open Demo      200.00 EUR  × 0.3 =  60.00, no expected close date (undated)
//	F  won            5000.00 USD: closed, not pipeline
//	G  open, stage "Mystery": unknown stage, left out
//	H  open, pipeline Renewal: other pipeline, left out
//	I  open Lead, no amount: left out
func fcWeightedDeals() []sp.Deal {
	due := sp.Date{Year: 2026, Month: 3, Day: 31}
	open := func(id, stage, amount string) sp.Deal {
		d := sp.Deal{ID: id, Pipeline: "New", Stage: stage, Status: sp.Open, Created: fcAt(1, 1), ExpectedClose: due}
		if amount != "" {
			d.Amount = sp.MustParseMoney(amount)
		}
		return d
	}
	e := open("E", "Demo", "200.00 EUR")
	e.ExpectedClose = sp.Date{}
	f := open("F", "Won", "5000.00 USD")
	f.Status, f.Closed = sp.Won, fcAt(2, 1)
	h := open("H", "Lead", "700.00 USD")
	h.Pipeline = "Renewal"
	return []sp.Deal{
		open("A", "Demo", "333.33 USD"),
		open("B", "Lead", "1000.00 USD"),
		open("C", "Proposal", "0.05 USD"),
		open("D", "Proposal", "1001 JPY"),
		e, f,
		open("G", "Mystery", "10.00 USD"),
		h,
		open("I", "Lead", ""),
	}
}

func TestWeightedPipeline(t *testing.T) {
	probs := forecast.FixedStage(fcPipeline())
	amount := fcSums("1333.38 USD", "1001 JPY", "200.00 EUR")
	left := forecast.LeftOut{"unknown stage": 1, "other pipeline": 1, "no amount": 1}
	tests := []struct {
		mode sp.RoundingMode
		want forecast.Weighted
	}{
		{sp.RoundHalfEven, forecast.Weighted{Total: fcSums("200.02 USD", "500 JPY", "60.00 EUR"), Amount: amount,
			Deals: 5, Undated: 1, Closed: 1, LeftOut: left}},
		{sp.RoundHalfUp, forecast.Weighted{Total: fcSums("200.03 USD", "501 JPY", "60.00 EUR"), Amount: amount,
			Deals: 5, Undated: 1, Closed: 1, LeftOut: left}},
		{sp.RoundDown, forecast.Weighted{Total: fcSums("200.01 USD", "500 JPY", "60.00 EUR"), Amount: amount,
			Deals: 5, Undated: 1, Closed: 1, LeftOut: left}},
	}
	deals := fcWeightedDeals()
	for _, tt := range tests {
		got := forecast.WeightedPipeline(&probs, tt.mode).Compute(metrics.Refs(deals))
		if d := cmp.Diff(tt.want, got, lawkit.Equal...); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.mode, d)
		}
	}
}

// TestWeightedRounding: 333.33 USD × 0.3 = 99.999 is 100.00 half to even.
func TestWeightedRounding(t *testing.T) {
	probs := forecast.FixedStage(fcPipeline())
	d := sp.Deal{Pipeline: "New", Stage: "Demo", Status: sp.Open, Amount: sp.MustParseMoney("333.33 USD")}
	got := forecast.WeightedPipeline(&probs, sp.RoundHalfEven).Compute(metrics.Refs([]sp.Deal{d}))
	if m := got.Total.Of("USD"); m.String() != "100.00 USD" {
		t.Errorf("333.33 USD × 0.3 = %s, want 100.00 USD", m)
	}
}

func TestWeightedInvalidProbability(t *testing.T) {
	probs := forecast.FixedStage(fcPipeline())
	probs.Stages["Demo"] = fcDec("1.2")
	got := forecast.WeightedPipeline(&probs, sp.RoundHalfEven).Compute(metrics.Refs(fcWeightedDeals()))
	// A and E (Demo) are left out now: 100.00 + 0.02 USD and 500 JPY remain.
	want := forecast.Weighted{
		Total: fcSums("100.02 USD", "500 JPY"), Amount: fcSums("1000.05 USD", "1001 JPY"),
		Deals: 3, Closed: 1,
		LeftOut: forecast.LeftOut{"unknown stage": 1, "other pipeline": 1, "no amount": 1, "invalid probability": 2},
	}
	if d := cmp.Diff(want, got, lawkit.Equal...); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if got, want := got.LeftOut.String(), "2 invalid probability, 1 no amount, 1 other pipeline, 1 unknown stage"; got != want {
		t.Errorf("LeftOut.String = %q, want %q", got, want)
	}
	if got.LeftOut.Total() != 5 {
		t.Errorf("LeftOut.Total = %d, want 5", got.LeftOut.Total())
	}
}

// TestWeightedOneDealCertain: the weighted pipeline of one open deal at
// probability 1 is its amount, whatever the amount and the mode.
func TestWeightedOneDealCertain(t *testing.T) {
	probs := forecast.FixedStage(fcPipeline())
	probs.Stages["Demo"] = fcDec("1")
	rapid.Check(t, func(t *rapid.T) {
		d := lawkit.Deal().Draw(t, "deal")
		d.Status, d.Pipeline, d.Stage, d.Closed = sp.Open, "New", "Demo", time.Time{}
		if d.Amount.Currency() == "" {
			t.Skip("no amount")
		}
		mode := sp.RoundingMode(rapid.IntRange(int(sp.RoundHalfEven), int(sp.RoundFloor)).Draw(t, "mode"))
		got := forecast.WeightedPipeline(&probs, mode).Compute(metrics.Refs([]sp.Deal{*d}))
		if got.Total.Len() != 1 || !got.Total.Of(d.Amount.Currency()).Equal(d.Amount) {
			t.Fatalf("weighted %s, want %s", got.Total, d.Amount)
		}
	})
}

// TestWeightedOrder: the result does not depend on the order of the deals.
func TestWeightedOrder(t *testing.T) {
	probs := forecast.FixedStage(fcPipeline())
	agg := forecast.WeightedPipeline(&probs, sp.RoundHalfEven)
	rapid.Check(t, func(t *rapid.T) {
		deals := rapid.SliceOfN(fcLawDeal(), 0, 40).Draw(t, "deals")
		perm := rapid.Permutation(deals).Draw(t, "perm")
		want, got := agg.Compute(fcSeq(deals)), agg.Compute(fcSeq(perm))
		if d := cmp.Diff(want, got, lawkit.Equal...); d != "" {
			t.Fatalf("(-in order +permuted):\n%s", d)
		}
	})
}

func TestWeightedPanics(t *testing.T) {
	probs := forecast.FixedStage(fcPipeline())
	for name, f := range map[string]func(){
		"nil probabilities": func() { forecast.WeightedPipeline(nil, sp.RoundHalfEven) },
		"zero mode":         func() { forecast.WeightedPipeline(&probs, 0) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
