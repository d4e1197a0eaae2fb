package metrics_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// benchLeads makes n leads in New York for 50 reps: created at any second
// of 2025, a tenth never touched, the others touched after a lognormal
// delay around 40 minutes (from seconds to weeks).
func benchLeads(n int, ny *time.Location) []sp.Lead {
	r := rand.New(rand.NewPCG(3, 4))
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, ny)
	sources := []string{"web form", "webinar", "referral", "outbound"}
	ls := make([]sp.Lead, n)
	for i := range ls {
		created := start.Add(time.Duration(r.Int64N(365*24*3600)) * time.Second)
		l := sp.Lead{ID: fmt.Sprint(i), Source: sources[r.IntN(len(sources))], Owner: fmt.Sprintf("rep%02d", r.IntN(50)), Created: created}
		if r.IntN(10) != 0 {
			l.FirstTouch = created.Add(time.Duration(2400*math.Exp(r.NormFloat64()*1.5)) * time.Second)
		}
		ls[i] = l
	}
	return ls
}

// BenchmarkResponseTime folds 100,000 leads in business hours (New York,
// 9:00–17:00, two holidays) with three SLAs, beside a naive loop that
// keeps every response time in a slice and sorts it. "fold" starts from
// the empty state each time (its few allocations are the histogram's
// growth, amortised over the leads: none per lead); "warm" adds into a
// state that has seen the same values, which allocates nothing per lead;
// "calendar" is the fold in calendar time, to show what working time
// costs.
func BenchmarkResponseTime(b *testing.B) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		b.Skip("no time zone data:", err)
	}
	const n = 100_000
	leads := benchLeads(n, ny)
	hours := &sp.BusinessHours{Location: ny, Holidays: []sp.Date{{Year: 2025, Month: time.July, Day: 4}, {Year: 2025, Month: time.December, Day: 25}}}
	cfg := metrics.ResponseConfig{Hours: hours, SLAs: []time.Duration{5 * time.Minute, time.Hour, 24 * time.Hour}}
	agg := metrics.ResponseTime(cfg)
	perLead := func(b *testing.B) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/lead")
	}

	b.Run("fold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s := agg.Fold(metrics.Refs(leads))
			_ = s.Touched
		}
		perLead(b)
	})
	b.Run("warm", func(b *testing.B) {
		s := agg.Fold(metrics.Refs(leads))
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			agg.FoldInto(&s, metrics.Refs(leads))
		}
		perLead(b)
	})
	b.Run("fold+result", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = agg.Compute(metrics.Refs(leads))
		}
		perLead(b)
	})
	b.Run("calendar", func(b *testing.B) {
		cal := metrics.ResponseTime(metrics.ResponseConfig{SLAs: cfg.SLAs})
		b.ReportAllocs()
		for b.Loop() {
			s := cal.Fold(metrics.Refs(leads))
			_ = s.Touched
		}
		perLead(b)
	})
	b.Run("naive", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var times []time.Duration
			never := 0
			for i := range leads {
				l := &leads[i]
				if l.FirstTouch.IsZero() {
					never++
					continue
				}
				times = append(times, hours.Elapsed(l.Created, l.FirstTouch))
			}
			slices.Sort(times)
			var sum time.Duration
			within := make([]int, len(cfg.SLAs))
			for _, t := range times {
				sum += t
				for j, sla := range cfg.SLAs {
					if t <= sla {
						within[j]++
					}
				}
			}
			_ = times[len(times)/2]
			_ = times[len(times)*9/10]
		}
		perLead(b)
	})
}

// TestResponseTimeAllocs checks that folding leads in business hours
// allocates nothing per lead once the histogram has room for the values.
func TestResponseTimeAllocs(t *testing.T) {
	ny := newYork(t)
	leads := benchLeads(2000, ny)
	agg := metrics.ResponseTime(metrics.ResponseConfig{Hours: &sp.BusinessHours{Location: ny}, SLAs: slas})
	s := agg.Fold(metrics.Refs(leads))
	if a := testing.AllocsPerRun(5, func() { agg.FoldInto(&s, metrics.Refs(leads)) }); a != 0 {
		t.Errorf("FoldInto allocates %v times per 2000 leads, want 0", a)
	}
}
