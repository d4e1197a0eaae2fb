package forecast_test

import (
	"iter"
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/segment"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// fcLawDeal draws the law kit's deals (pipeline "new", open stages Lead,
// Demo, Proposal) with what forecasts read besides: an expected close
// date (none on a tenth), a forecast category (any, invalid ones
// included), now and then another pipeline, an unknown stage, no amount
// or an invalid status.
func fcLawDeal() *rapid.Generator[*sp.Deal] {
	return rapid.Custom(func(t *rapid.T) *sp.Deal {
		d := lawkit.Deal().Draw(t, "deal")
		if rapid.IntRange(0, 9).Draw(t, "dated") > 0 {
			d.ExpectedClose = sp.DateOf(d.Created).AddDays(rapid.IntRange(0, 200).Draw(t, "days"))
		}
		d.Category = sp.ForecastCategory(rapid.IntRange(0, 6).Draw(t, "category"))
		switch rapid.IntRange(0, 11).Draw(t, "odd") {
		case 0:
			d.Pipeline = "other"
		case 1:
			d.Stage = "Mystery"
		case 2:
			d.Amount = sp.Money{}
		case 3:
			d.Status = 0
		}
		return d
	})
}

// fcSeq folds a slice of drawn deals.
func fcSeq(ds []*sp.Deal) iter.Seq[*sp.Deal] {
	return func(yield func(*sp.Deal) bool) {
		for _, d := range ds {
			if !yield(d) {
				return
			}
		}
	}
}

// fcLawProbs are probabilities for the law kit's pipeline "new", one of
// them outside [0, 1] when invalid is set.
func fcLawProbs(invalid bool) *forecast.StageProbabilities {
	p := &forecast.StageProbabilities{Pipeline: "new", Stages: map[string]decimal.Decimal{
		"Lead": decimal.RequireFromString("0.1"), "Demo": decimal.RequireFromString("0.333"), "Proposal": decimal.RequireFromString("0.6"),
	}}
	if invalid {
		p.Stages["Proposal"] = decimal.RequireFromString("1.5")
	}
	return p
}

func TestLawsForecast(t *testing.T) {
	deal := fcLawDeal()
	t.Run("WeightedPipeline", func(t *testing.T) {
		lawkit.Check(t, forecast.WeightedPipeline(fcLawProbs(false), sp.RoundHalfEven), deal, lawkit.Options[forecast.Weighted]{})
	})
	t.Run("WeightedPipeline/invalid probability, half up", func(t *testing.T) {
		lawkit.Check(t, forecast.WeightedPipeline(fcLawProbs(true), sp.RoundHalfUp), deal, lawkit.Options[forecast.Weighted]{})
	})
	t.Run("WeightedPipeline/by segment", func(t *testing.T) {
		seg := &forecast.SegmentProbabilities{Key: segment.Source, Whole: *fcLawProbs(false),
			Segments: map[string]*forecast.StageProbabilities{"web": fcLawProbs(true)}}
		lawkit.Check(t, forecast.WeightedPipeline(seg, sp.RoundFloor), deal, lawkit.Options[forecast.Weighted]{})
	})
	t.Run("Categories", func(t *testing.T) {
		lawkit.Check(t, forecast.Categories(), deal, lawkit.Options[forecast.CategoryState]{})
	})
	// The law kit's deals are created from January 2025 over 700 days
	// and close up to 400 days later.
	from, to := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	t.Run("RunRate", func(t *testing.T) {
		c := forecast.RunRateConfig{From: from, To: to, AsOf: time.Date(2025, 11, 15, 0, 0, 0, 0, time.UTC)}
		lawkit.Check(t, forecast.RunRate(c), deal, lawkit.Options[forecast.RunRateState]{})
	})
	t.Run("RunRate/business hours", func(t *testing.T) {
		c := forecast.RunRateConfig{From: from, To: to, AsOf: time.Date(2025, 12, 15, 0, 0, 0, 0, time.UTC), Hours: &sp.BusinessHours{}}
		lawkit.Check(t, forecast.RunRate(c), deal, lawkit.Options[forecast.RunRateState]{})
	})
	t.Run("Segments sum to the total", func(t *testing.T) {
		agg := forecast.WeightedPipeline(fcLawProbs(false), sp.RoundHalfEven)
		rapid.Check(t, func(t *rapid.T) {
			ds := rapid.SliceOfN(deal, 0, 60).Draw(t, "deals")
			states := segment.Fold(fcSeq(ds), segment.Period(sp.Calendar{}, sp.Month, segment.ByExpectedClose), agg)
			total := segment.Total(agg, states)
			whole := agg.Fold(fcSeq(ds))
			if !total.Total.Equal(&whole.Total) || total.Deals != whole.Deals {
				t.Fatalf("segments add up to %s over %d deals, whole %s over %d", total.Total, total.Deals, whole.Total, whole.Deals)
			}
		})
	})
}
