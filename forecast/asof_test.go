package forecast_test

import (
	"errors"
	"testing"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
	"github.com/salesperf/salesperf/metrics"
)

// The leakage guards: a deal as of t = 1 February shows nothing dated
// after it. Each test changes one field after t and checks the view, the
// open pipeline and the weighted pipeline at t.

var fcT = fcAt(2, 1)

// fcBase is an open Lead deal of 1000.00 USD created 1 January,
// expected to close 31 March, in category pipeline, with its histories.
func fcBase() sp.Deal {
	return sp.Deal{ID: "1", Pipeline: "New", Stage: "Lead", Status: sp.Open, Amount: sp.MustParseMoney("1000.00 USD"),
		Created: fcAt(1, 1), ExpectedClose: sp.Date{Year: 2026, Month: 3, Day: 31}, Category: sp.CategoryPipeline,
		StageHistory:         []sp.StageChange{{At: fcAt(1, 1), Stage: "Lead"}},
		AmountHistory:        []sp.AmountChange{{At: fcAt(1, 1), Amount: sp.MustParseMoney("1000.00 USD")}},
		ExpectedCloseHistory: []sp.ExpectedCloseChange{{At: fcAt(1, 1), ExpectedClose: sp.Date{Year: 2026, Month: 3, Day: 31}}},
		CategoryHistory:      []sp.CategoryChange{{At: fcAt(1, 1), Category: sp.CategoryPipeline}},
	}
}

// fcOneView returns the only deal of PipelineAt and of OpenAt at fcT.
func fcOneView(t *testing.T, d sp.Deal) sp.Deal {
	t.Helper()
	all, open := forecast.PipelineAt([]sp.Deal{d}, fcT), forecast.OpenAt([]sp.Deal{d}, fcT)
	if len(all) != 1 || len(open) != 1 {
		t.Fatalf("PipelineAt has %d deals, OpenAt %d; want 1 and 1", len(all), len(open))
	}
	return open[0]
}

// fcWeightedAt is the weighted pipeline in USD of OpenAt(d, fcT), half even.
func fcWeightedAt(d sp.Deal) string {
	probs := forecast.FixedStage(fcPipeline())
	w := forecast.WeightedPipeline(&probs, sp.RoundHalfEven).Compute(metrics.Refs(forecast.OpenAt([]sp.Deal{d}, fcT)))
	return w.Total.Of("USD").String()
}

func TestAsOfStageChangeAfter(t *testing.T) {
	d := fcBase()
	d.Stage = "Proposal"
	d.StageHistory = append(d.StageHistory, sp.StageChange{At: fcAt(2, 10), Stage: "Proposal"})
	if v := fcOneView(t, d); v.Stage != "Lead" || len(v.StageHistory) != 1 {
		t.Errorf("stage at t = %q with %d entries, want Lead, 1", v.Stage, len(v.StageHistory))
	}
	if got := fcWeightedAt(d); got != "100.00 USD" { // 1000 × 0.1 (Lead), not × 0.5
		t.Errorf("weighted at t = %s, want 100.00 USD", got)
	}
}

func TestAsOfAmountChangeAfter(t *testing.T) {
	d := fcBase()
	d.Amount = sp.MustParseMoney("5000.00 USD")
	d.AmountHistory = append(d.AmountHistory, sp.AmountChange{At: fcAt(2, 10), Amount: d.Amount})
	if v := fcOneView(t, d); v.Amount.String() != "1000.00 USD" {
		t.Errorf("amount at t = %s, want 1000.00 USD", v.Amount)
	}
	if got := fcWeightedAt(d); got != "100.00 USD" {
		t.Errorf("weighted at t = %s, want 100.00 USD", got)
	}
}

func TestAsOfExpectedCloseChangeAfter(t *testing.T) {
	d := fcBase()
	d.ExpectedClose = sp.Date{Year: 2026, Month: 6, Day: 30}
	d.ExpectedCloseHistory = append(d.ExpectedCloseHistory, sp.ExpectedCloseChange{At: fcAt(2, 10), ExpectedClose: d.ExpectedClose})
	if v := fcOneView(t, d); v.ExpectedClose != (sp.Date{Year: 2026, Month: 3, Day: 31}) {
		t.Errorf("expected close at t = %v, want 2026-03-31", v.ExpectedClose)
	}
}

func TestAsOfCategoryChangeAfter(t *testing.T) {
	d := fcBase()
	d.Category = sp.CategoryCommit
	d.CategoryHistory = append(d.CategoryHistory, sp.CategoryChange{At: fcAt(2, 10), Category: sp.CategoryCommit})
	if v := fcOneView(t, d); v.Category != sp.CategoryPipeline {
		t.Errorf("category at t = %v, want pipeline", v.Category)
	}
}

func TestAsOfCloseAfter(t *testing.T) {
	d := fcBase()
	d.Status, d.Stage, d.Closed = sp.Won, "Won", fcAt(2, 20)
	d.StageHistory = append(d.StageHistory, sp.StageChange{At: d.Closed, Stage: "Won"})
	v := fcOneView(t, d)
	if v.Status != sp.Open || !v.Closed.IsZero() || v.Stage != "Lead" {
		t.Errorf("at t: status %v, closed %v, stage %q; want open, zero, Lead", v.Status, v.Closed, v.Stage)
	}
	if got := fcWeightedAt(d); got != "100.00 USD" {
		t.Errorf("weighted at t = %s, want 100.00 USD", got)
	}
	// Nor is it learned from: as of t it is not closed.
	l := forecast.LearnStage(metrics.Refs([]sp.Deal{d}), fcPipeline(), forecast.LearnConfig{AsOf: fcT})
	if l.N["Lead"] != 0 {
		t.Errorf("learned as of t from a deal closed after t: N = %v", l.N)
	}
	rr := forecast.RunRate(forecast.RunRateConfig{From: fcAt(1, 1), To: fcAt(4, 1), AsOf: fcT}).Compute(metrics.Refs([]sp.Deal{d}))
	if rr.Deals != 0 {
		t.Errorf("run rate as of t counts a deal won after t")
	}
}

func TestAsOfCreatedAfter(t *testing.T) {
	d := fcBase()
	d.Created = fcAt(2, 10)
	for i := range d.StageHistory {
		d.StageHistory[i].At = d.Created
	}
	if all := forecast.PipelineAt([]sp.Deal{d}, fcT); len(all) != 0 {
		t.Errorf("PipelineAt shows a deal created after t: %v", all)
	}
	if open := forecast.OpenAt([]sp.Deal{d}, fcT); len(open) != 0 {
		t.Errorf("OpenAt shows a deal created after t: %v", open)
	}
	probs := forecast.FixedStage(fcPipeline())
	w := forecast.WeightedPipeline(&probs, sp.RoundHalfEven).Compute(metrics.Refs(forecast.OpenAt([]sp.Deal{d}, fcT)))
	if w.Deals != 0 || w.Total.Len() != 0 {
		t.Errorf("weighted at t = %s over %d deals, want nothing", w.Total, w.Deals)
	}
}

// TestPipelineAtKeepsClosed: PipelineAt keeps deals closed by t, OpenAt
// does not.
func TestPipelineAtKeepsClosed(t *testing.T) {
	d := fcBase()
	d.Status, d.Stage, d.Closed = sp.Lost, "Lost", fcAt(1, 20)
	d.StageHistory = append(d.StageHistory, sp.StageChange{At: d.Closed, Stage: "Lost"})
	if all := forecast.PipelineAt([]sp.Deal{d}, fcT); len(all) != 1 || all[0].Status != sp.Lost {
		t.Errorf("PipelineAt = %v, want the lost deal", all)
	}
	if open := forecast.OpenAt([]sp.Deal{d}, fcT); len(open) != 0 {
		t.Errorf("OpenAt = %v, want none", open)
	}
}

func TestCheckOpen(t *testing.T) {
	probs := forecast.FixedStage(fcPipeline())
	bad := forecast.FixedStage(fcPipeline())
	bad.Stages["Lead"] = fcDec("1.5")
	mod := func(f func(*sp.Deal)) sp.Deal { d := fcBase(); f(&d); return d }
	tests := []struct {
		reason string
		d      sp.Deal
		probs  forecast.Probabilities
		want   []error
		fields []string
	}{
		{"a good open deal", fcBase(), &probs, nil, nil},
		{"a good open deal, no probabilities checked", fcBase(), nil, nil, nil},
		{"a closed deal has nothing to check", mod(func(d *sp.Deal) { d.Status, d.ExpectedClose = sp.Won, sp.Date{} }), &probs, nil, nil},
		{"invalid status", mod(func(d *sp.Deal) { d.Status = 0 }), &probs, []error{sp.ErrInvalidStatus}, []string{"status"}},
		{"no expected close date", mod(func(d *sp.Deal) { d.ExpectedClose, d.ExpectedCloseHistory = sp.Date{}, nil }), &probs,
			[]error{sp.ErrMissingDate}, []string{"expectedClose"}},
		{"stage history contradicts the stage", mod(func(d *sp.Deal) { d.Stage = "Demo" }), &probs,
			[]error{sp.ErrHistoryMismatch}, []string{"stageHistory"}},
		{"amount, expected close and category histories", mod(func(d *sp.Deal) {
			d.Amount, d.ExpectedClose, d.Category = sp.MustParseMoney("1.00 USD"), sp.Date{Year: 2026, Month: 4, Day: 1}, sp.CategoryCommit
		}), nil, []error{sp.ErrHistoryMismatch, sp.ErrHistoryMismatch, sp.ErrHistoryMismatch},
			[]string{"amountHistory", "expectedCloseHistory", "categoryHistory"}},
		{"probability outside [0, 1]", fcBase(), &bad, []error{sp.ErrInvalidValue}, []string{"stage"}},
		{"unknown stage", mod(func(d *sp.Deal) { d.Stage, d.StageHistory = "Mystery", nil }), &probs, []error{sp.ErrUnknownStage}, []string{"stage"}},
		{"other pipeline", mod(func(d *sp.Deal) { d.Pipeline = "Renewal" }), &probs, []error{sp.ErrUnknownPipeline}, []string{"stage"}},
		{"two problems at once", mod(func(d *sp.Deal) { d.ExpectedClose, d.ExpectedCloseHistory, d.Stage = sp.Date{}, nil, "Demo" }), &probs,
			[]error{sp.ErrMissingDate, sp.ErrHistoryMismatch}, []string{"expectedClose", "stageHistory"}},
	}
	for _, tt := range tests {
		err := forecast.CheckOpen(&tt.d, tt.probs)
		if tt.want == nil {
			if err != nil {
				t.Errorf("%s: CheckOpen = %v, want nil", tt.reason, err)
			}
			continue
		}
		var errs []error
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			errs = j.Unwrap()
		}
		if len(errs) != len(tt.want) {
			t.Errorf("%s: CheckOpen = %v, want %d problems", tt.reason, err, len(tt.want))
			continue
		}
		for i, e := range errs {
			var ve *sp.ValidationError
			if !errors.As(e, &ve) || !errors.Is(e, tt.want[i]) || ve.Field != tt.fields[i] || ve.Record != "deal" || ve.ID != "1" {
				t.Errorf("%s: problem %d = %v; want deal 1, field %s, %v", tt.reason, i, e, tt.fields[i], tt.want[i])
			}
		}
	}
}
