package metrics_test

import (
	"testing"

	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
)

// TestActivityLaws runs the law kit on the activity and productivity
// aggregators.
func TestActivityLaws(t *testing.T) {
	act := lawkit.Activity()
	t.Run("ActivityCounts", func(t *testing.T) {
		lawkit.Check(t, metrics.ActivityCounts(), act, lawkit.Options[metrics.KindCounts]{})
	})
	t.Run("CallsPerMeeting", func(t *testing.T) {
		lawkit.Check(t, metrics.Then(metrics.ActivityCounts(), metrics.CallsPerMeeting), act,
			lawkit.Options[metrics.KindCounts]{})
	})
	t.Run("TimeByCategory", func(t *testing.T) {
		lawkit.Check(t, metrics.TimeByCategory(), act, lawkit.Options[metrics.CategoryTime]{})
	})
	t.Run("Both", func(t *testing.T) {
		lawkit.Check(t, metrics.Both(metrics.ActivityCounts(), metrics.TimeByCategory()), act,
			lawkit.Options[metrics.Pair[metrics.KindCounts, metrics.CategoryTime]]{})
	})
}
