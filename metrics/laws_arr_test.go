package metrics_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
	"pgregory.net/rapid"
)

// TestLawsARR runs the law kit on the ARR aggregators, on dates and
// periods across the generator's range (subscriptions start 2024–2026).
func TestLawsARR(t *testing.T) {
	sub := lawkit.Subscription()
	for _, on := range []sp.Date{arrDate(2024, 6, 30), arrDate(2025, 12, 31)} {
		t.Run("ARR/"+on.String(), func(t *testing.T) {
			lawkit.Check(t, metrics.ARR(on, sp.RoundHalfEven), sub, lawkit.Options[sp.Sum]{})
		})
	}
	t.Run("ARR/RoundDown", func(t *testing.T) {
		lawkit.Check(t, metrics.ARR(arrDate(2025, 3, 1), sp.RoundDown), sub, lawkit.Options[sp.Sum]{})
	})
	periods := []struct{ from, to sp.Date }{
		{arrDate(2025, 1, 1), arrDate(2025, 4, 1)},   // a quarter
		{arrDate(2025, 7, 1), arrDate(2026, 7, 1)},   // a year
		{arrDate(2025, 3, 10), arrDate(2025, 3, 11)}, // a day
	}
	for _, p := range periods {
		t.Run("ARRMovements/"+p.from.String()+"/"+p.to.String(), func(t *testing.T) {
			lawkit.Check(t, metrics.ARRMovements(p.from, p.to, sp.RoundHalfEven), sub, lawkit.Options[metrics.ARRMovementsState]{})
		})
	}
	t.Run("ARRMovements/Both", func(t *testing.T) {
		both := metrics.Both(metrics.ARR(arrDate(2025, 6, 30), sp.RoundHalfEven),
			metrics.ARRMovements(arrDate(2025, 4, 1), arrDate(2025, 7, 1), sp.RoundHalfEven))
		lawkit.Check(t, both, sub, lawkit.Options[metrics.Pair[sp.Sum, metrics.ARRMovementsState]]{})
	})
}

// TestARRMovementsMergeSharesNothing checks what the law kit does not:
// after Merge(dst, src), updating dst (adding records, merging more) leaves
// src unchanged, so the two share no memory.
func TestARRMovementsMergeSharesNothing(t *testing.T) {
	agg := metrics.ARRMovements(arrDate(2025, 1, 1), arrDate(2025, 7, 1), sp.RoundHalfEven)
	rapid.Check(t, func(t *rapid.T) {
		gen := rapid.SliceOfN(lawkit.Subscription(), 0, 30)
		xs, ys, zs := gen.Draw(t, "xs"), gen.Draw(t, "ys"), gen.Draw(t, "zs")
		fold := func(v []*sp.Subscription) metrics.ARRMovementsState { return agg.Fold(slices.Values(v)) }
		dst, src := fold(xs), fold(ys)
		want := agg.Result(&src)
		agg.Merge(&dst, &src)
		more := fold(zs)
		agg.Merge(&dst, &more)
		agg.FoldInto(&dst, slices.Values(ys))
		if diff := cmp.Diff(want, agg.Result(&src)); diff != "" {
			t.Fatalf("src changed by updates to dst (-want +got):\n%s", diff)
		}
	})
}
