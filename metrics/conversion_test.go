package metrics_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

func TestCreatedCohortConversion(t *testing.T) {
	tests := []struct {
		reason string
		deals  []sp.Deal
		want   metrics.CohortConversion
		str    string
	}{{
		reason: "no deals: no rate has a value",
		want:   metrics.CohortConversion{},
		str:    "won – (0/0), lost – (0/0), open – (0/0)",
	}, {
		// The book of metrics_test.go: 8 deals created, 4 won, 3 lost, 1
		// open. Won 4/8 = 50.0%, lost 3/8 = 37.5%, open 1/8 = 12.5%;
		// WinRate on the same deals is 4/7.
		reason: "the book",
		deals:  book(),
		want: metrics.CohortConversion{Created: 8,
			Won: metrics.Rate{Num: 4, Den: 8}, Lost: metrics.Rate{Num: 3, Den: 8}, Open: metrics.Rate{Num: 1, Den: 8}},
		str: "won 50.0% (4/8), lost 37.5% (3/8), open 12.5% (1/8)",
	}, {
		// A young cohort: 1 won, 0 lost, 2 open. The win rate would be 1/1
		// = 100%; the created-cohort conversion is 1/3.
		reason: "a young cohort, mostly open",
		deals:  []sp.Deal{{Status: sp.Won}, {Status: sp.Open}, {Status: sp.Open}},
		want: metrics.CohortConversion{Created: 3,
			Won: metrics.Rate{Num: 1, Den: 3}, Lost: metrics.Rate{Num: 0, Den: 3}, Open: metrics.Rate{Num: 2, Den: 3}},
		str: "won 33.3% (1/3), lost 0.0% (0/3), open 66.7% (2/3)",
	}, {
		reason: "a deal of invalid status is created but in no share",
		deals:  []sp.Deal{{Status: sp.Won}, {}},
		want: metrics.CohortConversion{Created: 2,
			Won: metrics.Rate{Num: 1, Den: 2}, Lost: metrics.Rate{Num: 0, Den: 2}, Open: metrics.Rate{Num: 0, Den: 2}},
		str: "won 50.0% (1/2), lost 0.0% (0/2), open 0.0% (0/2)",
	}}
	for _, tt := range tests {
		got := metrics.CreatedCohortConversion().Compute(metrics.Refs(tt.deals))
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
		}
		if got.String() != tt.str {
			t.Errorf("%s: String = %q, want %q", tt.reason, got.String(), tt.str)
		}
	}
}
