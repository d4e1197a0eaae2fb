package lawkit

import (
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
	"pgregory.net/rapid"
)

// leadActions are the actions a drawn lead may have taken, from the one
// that matters most to the one that matters least.
var leadActions = []string{"demo request", "pricing page", "webinar", "newsletter sign-up"}

// Lead draws a lead for aggregator laws: a source and an owner from small
// sets, created at any second of two years from 1 January 2025 (UTC),
// zero to three actions after creation, and a first touch that is either
// absent (never touched) or seconds, minutes, hours, days or weeks after
// creation, so that working-time and SLA boundaries are crossed. The
// leads are valid.
func Lead() *rapid.Generator[*sp.Lead] {
	return rapid.Custom(func(t *rapid.T) *sp.Lead {
		created := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.Int64Range(0, 730*24*3600).Draw(t, "created")) * time.Second)
		l := &sp.Lead{
			ID:      fmt.Sprint(rapid.IntRange(1, 1_000_000).Draw(t, "id")),
			Source:  rapid.SampledFrom([]string{"web form", "webinar", "referral", "outbound"}).Draw(t, "source"),
			Owner:   rapid.SampledFrom([]string{"ann", "bob", "cy", "dee"}).Draw(t, "owner"),
			Created: created,
		}
		at := created
		for i := range rapid.IntRange(0, 3).Draw(t, "actions") {
			at = at.Add(time.Duration(rapid.Int64Range(0, 3*24*3600).Draw(t, fmt.Sprint("action gap ", i))) * time.Second)
			l.Actions = append(l.Actions, sp.LeadAction{At: at, Name: rapid.SampledFrom(leadActions).Draw(t, fmt.Sprint("action ", i))})
		}
		var scale int64
		switch rapid.IntRange(0, 5).Draw(t, "touch") {
		case 0: // never touched
			return l
		case 1:
			scale = 1 // seconds
		case 2:
			scale = 60 // minutes
		case 3:
			scale = 3600 // hours
		case 4:
			scale = 24 * 3600 // days
		default:
			scale = 7 * 24 * 3600 // weeks
		}
		gap := rapid.Int64Range(0, 59).Draw(t, "gap")*scale + rapid.Int64Range(0, scale-1).Draw(t, "rest")
		l.FirstTouch = created.Add(time.Duration(gap) * time.Second)
		return l
	})
}
