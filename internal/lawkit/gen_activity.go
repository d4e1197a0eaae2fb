package lawkit

import (
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
	"pgregory.net/rapid"
)

// Activity draws an activity for aggregator laws: reps among a few, every
// kind including custom kinds with names from a small set, every time
// category including custom ones, durations from zero (not recorded) to
// two hours — mostly whole seconds, sometimes with a fraction of a second
// — instants over two years, and about half linked to a deal. The
// activities are valid.
func Activity() *rapid.Generator[*sp.Activity] {
	return rapid.Custom(func(t *rapid.T) *sp.Activity {
		a := &sp.Activity{
			ID:   fmt.Sprint(rapid.IntRange(1, 1_000_000).Draw(t, "id")),
			Rep:  rapid.SampledFrom([]string{"ann", "bob", "cy", "dee"}).Draw(t, "rep"),
			Kind: sp.ActivityKind(rapid.IntRange(int(sp.Call), int(sp.CustomKind)).Draw(t, "kind")),
			At: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).
				Add(time.Duration(rapid.Int64Range(0, 730*24*3600).Draw(t, "at")) * time.Second),
			Category: sp.TimeCategory(rapid.IntRange(int(sp.Uncategorized), int(sp.CustomCategory)).Draw(t, "category")),
		}
		if a.Kind == sp.CustomKind {
			a.CustomKind = rapid.SampledFrom([]string{"webinar", "site visit", "trade show"}).Draw(t, "customKind")
		}
		if a.Category == sp.CustomCategory {
			a.CustomCategory = rapid.SampledFrom([]string{"training", "travel"}).Draw(t, "customCategory")
		}
		switch rapid.IntRange(0, 9).Draw(t, "durationShape") {
		case 0:
			a.Duration = 0
		case 1:
			a.Duration = time.Duration(rapid.Int64Range(0, int64(2*time.Hour)).Draw(t, "durationNanos"))
		default:
			a.Duration = time.Duration(rapid.Int64Range(1, 2*3600).Draw(t, "durationSeconds")) * time.Second
		}
		if rapid.Bool().Draw(t, "linked") {
			a.Deal = fmt.Sprint(rapid.IntRange(1, 50).Draw(t, "deal"))
		}
		return a
	})
}
