package report_test

import (
	"testing"

	"github.com/shopspring/decimal"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
)

// An open deal sitting in a won or lost stage (a status/stage mismatch
// that validation reports) is counted as not placed, not dropped: every
// open deal of the pipeline is in a row or in UnknownStage.
func TestPipelineByStageOpenDealInClosedStage(t *testing.T) {
	ps := sp.Pipelines{{Name: "new", Stages: []sp.Stage{
		{Name: "Lead", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.1")},
		{Name: "Won", Kind: sp.WonStage, Probability: decimal.NewFromInt(1)},
		{Name: "Lost", Kind: sp.LostStage},
	}}}
	usd := sp.MustParseMoney
	deals := []sp.Deal{
		{ID: "1", Pipeline: "new", Stage: "Lead", Status: sp.Open, Amount: usd("10.00 USD"), Created: daysAgo(3)},
		{ID: "2", Pipeline: "new", Stage: "Won", Status: sp.Open, Amount: usd("20.00 USD"), Created: daysAgo(3)},
		{ID: "3", Pipeline: "new", Stage: "Lost", Status: sp.Open, Amount: usd("30.00 USD"), Created: daysAgo(3)},
	}
	reps, _ := report.PipelineByStage(ps, metrics.Refs(deals), nil, report.PipelineConfig{AsOf: asOf})
	r := reps[0]
	// 3 open deals: 1 placed in Lead, 2 not placed.
	if r.Total.Deals != 1 || r.UnknownStage != 2 {
		t.Errorf("placed %d (want 1), not placed %d (want 2)", r.Total.Deals, r.UnknownStage)
	}
}
