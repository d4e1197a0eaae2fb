package metrics_test

import (
	"strings"
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
)

// TestLawsResponse runs the law kit on lead response time, in each of its
// configurations, and on new opportunities.
func TestLawsResponse(t *testing.T) {
	lead := lawkit.Lead()
	type opts = lawkit.Options[metrics.ResponseState]
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	hours := &sp.BusinessHours{Location: ny, Holidays: []sp.Date{{Year: 2025, Month: time.December, Day: 25}}}
	weight := func(l *sp.Lead) int64 {
		w := int64(1)
		for _, a := range l.Actions {
			if strings.Contains(a.Name, "demo") {
				w += 3
			}
		}
		if l.Source == "outbound" {
			w = 0
		}
		return w
	}
	cfgs := map[string]metrics.ResponseConfig{
		"calendar":       {},
		"SLAs":           {SLAs: []time.Duration{0, 5 * time.Minute, time.Hour, 24 * time.Hour}},
		"business hours": {Hours: hours, SLAs: []time.Duration{time.Hour, 8 * time.Hour}},
		"minutes":        {Unit: time.Minute, SLAs: []time.Duration{5 * time.Minute}},
		"weighted":       {Hours: hours, Weight: weight, SLAs: []time.Duration{time.Hour}},
		"as of":          {AsOf: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Hours: hours, Weight: weight, SLAs: []time.Duration{time.Hour}},
	}
	for name, cfg := range cfgs {
		t.Run("ResponseTime/"+name, func(t *testing.T) { lawkit.Check(t, metrics.ResponseTime(cfg), lead, opts{}) })
	}
	t.Run("NewOpportunities", func(t *testing.T) {
		lawkit.Check(t, metrics.NewOpportunities(), lawkit.Deal(), lawkit.Options[metrics.Opportunities]{})
	})
}
