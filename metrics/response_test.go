package metrics_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

func newYork(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	return loc
}

// at returns the instant of a wall-clock time on 2026-03-d in loc.
func at(loc *time.Location, d, h, m, s int) time.Time {
	return time.Date(2026, time.March, d, h, m, s, 0, loc)
}

var slas = []time.Duration{5 * time.Minute, time.Hour, 24 * time.Hour}

func TestResponseTime(t *testing.T) {
	ny := newYork(t)
	utc := time.UTC
	nine17 := &sp.BusinessHours{Location: ny, Holidays: []sp.Date{{Year: 2026, Month: time.March, Day: 12}}}
	demoWeight := func(l *sp.Lead) int64 {
		if l.Source == "spam" {
			return 0
		}
		for _, a := range l.Actions {
			if a.Name == "demo request" {
				return 3
			}
		}
		return 1
	}
	demo := []sp.LeadAction{{Name: "demo request"}}
	news := []sp.LeadAction{{Name: "newsletter sign-up"}}

	tests := []struct {
		name   string
		reason string
		cfg    metrics.ResponseConfig
		leads  []sp.Lead
		want   metrics.Response
	}{
		{
			name: "calendar seconds",
			// Response times in seconds, rounded up:
			//   1: 3m = 180; 2: 5m = 300 (within 5m: ≤); 3: 5m0.5s → 301 (not within 5m);
			//   4: 2h = 7200; 5: 24h = 86400 (within 24h); 6: never touched.
			// Sorted 180, 300, 301, 7200, 86400; n = 5, sum 94381.
			// Median: h = 4·0.5 = 2 → 301. P90: h = 3.6 → 7200 + 0.6·(86400−7200) = 54720.
			// SLA 5m: {180, 300} = 2 of 6 leads, 2 of 5 touched;
			// 1h: 3 of 6, 3 of 5; 24h: 5 of 6, 5 of 5.
			reason: "≤ SLA is inclusive; half a second over rounds up past it; never-touched leads count in All",
			cfg:    metrics.ResponseConfig{SLAs: slas},
			leads: []sp.Lead{
				{ID: "1", Created: at(utc, 2, 9, 0, 0), FirstTouch: at(utc, 2, 9, 3, 0)},
				{ID: "2", Created: at(utc, 2, 9, 0, 0), FirstTouch: at(utc, 2, 9, 5, 0)},
				{ID: "3", Created: at(utc, 2, 9, 0, 0), FirstTouch: at(utc, 2, 9, 5, 0).Add(500 * time.Millisecond)},
				{ID: "4", Created: at(utc, 2, 10, 0, 0), FirstTouch: at(utc, 2, 12, 0, 0)},
				{ID: "5", Created: at(utc, 2, 10, 0, 0), FirstTouch: at(utc, 3, 10, 0, 0)},
				{ID: "6", Created: at(utc, 2, 10, 0, 0)},
			},
			want: metrics.Response{
				Leads: 6, Touched: 5, Never: 1, Unit: time.Second,
				Time: metrics.Summary{N: 5, Sum: 94381, Min: 180, Max: 86400, Median: 301, P90: 54720},
				SLA: []metrics.SLAShare{
					{Within: 5 * time.Minute, All: metrics.Rate{Num: 2, Den: 6}, OfTouched: metrics.Rate{Num: 2, Den: 5}},
					{Within: time.Hour, All: metrics.Rate{Num: 3, Den: 6}, OfTouched: metrics.Rate{Num: 3, Den: 5}},
					{Within: 24 * time.Hour, All: metrics.Rate{Num: 5, Den: 6}, OfTouched: metrics.Rate{Num: 5, Den: 5}},
				},
			},
		},
		{
			name: "business hours New York",
			// Hours 9:00–17:00 Monday–Friday in New York, Thursday 12 March a
			// holiday; clocks go forward on Sunday 8 March (no working time lost).
			//   1: Fri 6 16:30 → Mon 9 10:00: 30m Friday + 1h Monday = 1h30m = 5400 s
			//   2: Sat 7 11:00 → Sat 7 12:00: no working time = 0
			//   3: Mon 9 08:00 → Mon 9 09:20: from opening = 20m = 1200 s
			//   4: Tue 10 16:59:30 → Wed 11 09:00:30: 30 s + 30 s = 60 s
			//   5: Wed 11 16:00 → Fri 13 09:30: 1h Wednesday + holiday + 30m = 5400 s
			//   6: never touched.
			// Sorted 0, 60, 1200, 5400, 5400; sum 12060. Median h = 2 → 1200;
			// P90 h = 3.6 → 5400 + 0.6·0 = 5400.
			// SLA 5m: {0, 60} = 2/6, 2/5; 1h: 3/6, 3/5; 24h: 5/6, 5/5.
			reason: "working time only, across a weekend with a DST change and a holiday",
			cfg:    metrics.ResponseConfig{Hours: nine17, SLAs: slas},
			leads: []sp.Lead{
				{ID: "1", Created: at(ny, 6, 16, 30, 0), FirstTouch: at(ny, 9, 10, 0, 0)},
				{ID: "2", Created: at(ny, 7, 11, 0, 0), FirstTouch: at(ny, 7, 12, 0, 0)},
				{ID: "3", Created: at(ny, 9, 8, 0, 0), FirstTouch: at(ny, 9, 9, 20, 0)},
				{ID: "4", Created: at(ny, 10, 16, 59, 30), FirstTouch: at(ny, 11, 9, 0, 30)},
				{ID: "5", Created: at(ny, 11, 16, 0, 0), FirstTouch: at(ny, 13, 9, 30, 0)},
				{ID: "6", Created: at(ny, 11, 16, 0, 0)},
			},
			want: metrics.Response{
				Leads: 6, Touched: 5, Never: 1, Unit: time.Second,
				Time: metrics.Summary{N: 5, Sum: 12060, Min: 0, Max: 5400, Median: 1200, P90: 5400},
				SLA: []metrics.SLAShare{
					{Within: 5 * time.Minute, All: metrics.Rate{Num: 2, Den: 6}, OfTouched: metrics.Rate{Num: 2, Den: 5}},
					{Within: time.Hour, All: metrics.Rate{Num: 3, Den: 6}, OfTouched: metrics.Rate{Num: 3, Den: 5}},
					{Within: 24 * time.Hour, All: metrics.Rate{Num: 5, Den: 6}, OfTouched: metrics.Rate{Num: 5, Den: 5}},
				},
			},
		},
		{
			name: "calendar time across the DST change",
			// Fri 6 16:30 EST (21:30 UTC) → Mon 9 10:00 EDT (14:00 UTC):
			// 2 days 16h30m = 64h30m = 232200 s, an hour less than the wall clocks say.
			reason: "calendar time is real elapsed time, not wall-clock difference",
			leads:  []sp.Lead{{ID: "1", Created: at(ny, 6, 16, 30, 0), FirstTouch: at(ny, 9, 10, 0, 0)}},
			want: metrics.Response{
				Leads: 1, Touched: 1, Unit: time.Second,
				Time: metrics.Summary{N: 1, Sum: 232200, Min: 232200, Max: 232200, Median: 232200, P90: 232200},
			},
		},
		{
			name: "weighted minutes",
			// Weight 3 for a demo request, 0 for source "spam", else 1; minutes rounded up.
			//   1: demo, 10m → 10, w 3;  2: newsletter, 30m → 30, w 1;
			//   3: newsletter, 20 s → 1 (rounded up), w 1;  4: demo, never touched, w 3;
			//   5: spam, 1000m, w 0: touched, in no figure but the counts.
			// Expanded sample 1, 10, 10, 10, 30: W = 5, sum 61 (mean 12.2 m).
			// Median h = 4·0.5 = 2 → 10. P90 h = 3.6 → 10 + 0.6·(30−10) = 22.
			// SLA 5m: weight within = 1 (lead 3); All den = 5 + 3 = 8 → 1/8; of touched 1/5.
			// SLA 15m: 1 + 3 = 4 → 4/8, 4/5.
			reason: "weights expand the sample exactly; weight 0 counts as a lead only",
			cfg:    metrics.ResponseConfig{Unit: time.Minute, SLAs: []time.Duration{5 * time.Minute, 15 * time.Minute}, Weight: demoWeight},
			leads: []sp.Lead{
				{ID: "1", Actions: demo, Created: at(utc, 2, 9, 0, 0), FirstTouch: at(utc, 2, 9, 10, 0)},
				{ID: "2", Actions: news, Created: at(utc, 2, 9, 0, 0), FirstTouch: at(utc, 2, 9, 30, 0)},
				{ID: "3", Actions: news, Created: at(utc, 2, 9, 0, 0), FirstTouch: at(utc, 2, 9, 0, 20)},
				{ID: "4", Actions: demo, Created: at(utc, 2, 9, 0, 0)},
				{ID: "5", Source: "spam", Created: at(utc, 2, 9, 0, 0), FirstTouch: at(utc, 3, 1, 40, 0)},
			},
			want: metrics.Response{
				Leads: 5, Touched: 4, Never: 1, Unit: time.Minute,
				Time: metrics.Summary{N: 5, Sum: 61, Min: 1, Max: 30, Median: 10, P90: 22},
				SLA: []metrics.SLAShare{
					{Within: 5 * time.Minute, All: metrics.Rate{Num: 1, Den: 8}, OfTouched: metrics.Rate{Num: 1, Den: 5}},
					{Within: 15 * time.Minute, All: metrics.Rate{Num: 4, Den: 8}, OfTouched: metrics.Rate{Num: 4, Den: 5}},
				},
			},
		},
		{
			name: "as of noon",
			// AsOf 2 March 12:00 UTC, minutes.
			//   1: 9:00 → 9:30: touched, 30.
			//   2: 9:00 → 13:00: the touch is after AsOf, so not touched yet: waited 180.
			//   3: 11:00, never touched: waited 60.
			//   4: created 12:30, after AsOf: Future, in nothing else.
			//   5: 12:00 → 12:00, both at AsOf (not after): touched, 0.
			// Time 0, 30: sum 30, median 15, p90 = 0 + 0.9·30 = 27.
			// Waiting 60, 180: sum 240, median 120, p90 = 60 + 0.9·120 = 168.
			// SLA 1h: 2 of 4 leads, 2 of 2 touched.
			reason: "no touch from after AsOf leaks in; leads created later are counted apart",
			cfg:    metrics.ResponseConfig{Unit: time.Minute, SLAs: []time.Duration{time.Hour}, AsOf: at(utc, 2, 12, 0, 0)},
			leads: []sp.Lead{
				{ID: "1", Created: at(utc, 2, 9, 0, 0), FirstTouch: at(utc, 2, 9, 30, 0)},
				{ID: "2", Created: at(utc, 2, 9, 0, 0), FirstTouch: at(utc, 2, 13, 0, 0)},
				{ID: "3", Created: at(utc, 2, 11, 0, 0)},
				{ID: "4", Created: at(utc, 2, 12, 30, 0)},
				{ID: "5", Created: at(utc, 2, 12, 0, 0), FirstTouch: at(utc, 2, 12, 0, 0)},
			},
			want: metrics.Response{
				Leads: 4, Touched: 2, Never: 2, Future: 1, Unit: time.Minute,
				Time:    metrics.Summary{N: 2, Sum: 30, Min: 0, Max: 30, Median: 15, P90: 27},
				Waiting: metrics.Summary{N: 2, Sum: 240, Min: 60, Max: 180, Median: 120, P90: 168},
				SLA: []metrics.SLAShare{
					{Within: time.Hour, All: metrics.Rate{Num: 2, Den: 4}, OfTouched: metrics.Rate{Num: 2, Den: 2}},
				},
			},
		},
		{
			name: "nothing touched",
			// Two leads, neither touched: no time, SLA 0 of 2, of touched 0/0 (no value).
			reason: "never-touched leads are shown, and the SLA share counts them as misses",
			cfg:    metrics.ResponseConfig{SLAs: []time.Duration{time.Hour}},
			leads:  []sp.Lead{{ID: "1", Created: at(utc, 2, 9, 0, 0)}, {ID: "2", Created: at(utc, 2, 9, 0, 0)}},
			want: metrics.Response{
				Leads: 2, Never: 2, Unit: time.Second,
				SLA: []metrics.SLAShare{{Within: time.Hour, All: metrics.Rate{Num: 0, Den: 2}}},
			},
		},
		{
			name:   "no leads",
			reason: "the empty state has no value anywhere",
			cfg:    metrics.ResponseConfig{SLAs: []time.Duration{0}},
			want: metrics.Response{
				Unit: time.Second,
				SLA:  []metrics.SLAShare{{Within: 0}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := metrics.ResponseTime(tt.cfg).Compute(metrics.Refs(tt.leads))
			if d := cmp.Diff(tt.want, got, lawkit.Equal...); d != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, d)
			}
		})
	}
}

func TestResponseDurations(t *testing.T) {
	// The "calendar seconds" leads above: mean 94381/5 = 18876.2 s = 5h14m36.2s,
	// median 301 s = 5m1s, p90 54720 s = 15h12m0s.
	r := metrics.Response{Leads: 6, Touched: 5, Never: 1, Unit: time.Second,
		Time: metrics.Summary{N: 5, Sum: 94381, Min: 180, Max: 86400, Median: 301, P90: 54720},
		SLA:  []metrics.SLAShare{{Within: 5 * time.Minute, All: metrics.Rate{Num: 2, Den: 6}, OfTouched: metrics.Rate{Num: 2, Den: 5}}},
	}
	mean, ok1 := r.Mean()
	med, ok2 := r.Median()
	p90, ok3 := r.P90()
	got := []any{mean, ok1, med, ok2, p90, ok3, r.String()}
	want := []any{5*time.Hour + 14*time.Minute + 36*time.Second + 200*time.Millisecond, true,
		5*time.Minute + time.Second, true, 15*time.Hour + 12*time.Minute, true,
		"touched 5 of 6 (never 1): mean 5h14m36.2s, median 5m1s, p90 15h12m0s; ≤5m0s 33.3% (2/6)"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("durations (-want +got):\n%s", d)
	}

	// Weighted minutes: 61/5 = 12.2 min = 12m12s. A mean of 1/3 of a second
	// rounds half to even to the nanosecond: 333333333ns.
	w := metrics.Response{Touched: 1, Leads: 1, Unit: time.Minute, Time: metrics.Summary{N: 5, Sum: 61}}
	third := metrics.Response{Touched: 3, Leads: 3, Unit: time.Second, Time: metrics.Summary{N: 3, Sum: 1}}
	m1, _ := w.Mean()
	m2, _ := third.Mean()
	if m1 != 12*time.Minute+12*time.Second || m2 != 333333333 {
		t.Errorf("Mean = %v, %v; want 12m12s, 333.333333ms", m1, m2)
	}

	empty := metrics.ResponseTime(metrics.ResponseConfig{SLAs: slas[:1], AsOf: at(time.UTC, 1, 0, 0, 0)}).
		Compute(metrics.Refs([]sp.Lead{{ID: "x", Created: at(time.UTC, 2, 0, 0, 0)}}))
	if _, ok := empty.Mean(); ok {
		t.Errorf("Mean of nothing has a value")
	}
	if _, ok := empty.Median(); ok {
		t.Errorf("Median of nothing has a value")
	}
	if got, want := empty.String(), "touched 0 of 0 (never 0; 1 created after as-of): –; ≤5m0s – (0/0)"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

func TestResponseTimePanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
	}{
		{"negative unit", func() { metrics.ResponseTime(metrics.ResponseConfig{Unit: -time.Second}) }},
		{"SLA not whole units", func() {
			metrics.ResponseTime(metrics.ResponseConfig{Unit: time.Minute, SLAs: []time.Duration{90 * time.Second}})
		}},
		{"negative SLA", func() { metrics.ResponseTime(metrics.ResponseConfig{SLAs: []time.Duration{-time.Hour}}) }},
		{"invalid hours", func() {
			metrics.ResponseTime(metrics.ResponseConfig{Hours: &sp.BusinessHours{Open: 18 * time.Hour, Close: 9 * time.Hour}})
		}},
		{"negative weight", func() {
			a := metrics.ResponseTime(metrics.ResponseConfig{Weight: func(*sp.Lead) int64 { return -1 }})
			a.Compute(metrics.Refs([]sp.Lead{{ID: "1"}}))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || len(s) < 9 || s[:9] != "metrics: " {
					t.Errorf("panic %v, want a string with prefix \"metrics: \"", r)
				}
			}()
			tt.f()
		})
	}
}

// TestResponseConfigCopied checks that changing the configuration after
// building the aggregator changes nothing.
func TestResponseConfigCopied(t *testing.T) {
	hours := &sp.BusinessHours{}
	cfg := metrics.ResponseConfig{Hours: hours, SLAs: []time.Duration{time.Hour}}
	a := metrics.ResponseTime(cfg)
	cfg.SLAs[0] = time.Minute
	hours.Open, hours.Close = 0, 24*time.Hour
	// Sat 7 March 10:00 → 11:00 UTC: no working time with the hours built in.
	got := a.Compute(metrics.Refs([]sp.Lead{{ID: "1", Created: at(time.UTC, 7, 10, 0, 0), FirstTouch: at(time.UTC, 7, 11, 0, 0)}}))
	if got.Time.Sum != 0 || got.SLA[0].Within != time.Hour {
		t.Errorf("got %v, want the configuration as built (0 s, ≤1h)", got)
	}
}

func TestFirstTouches(t *testing.T) {
	utc := time.UTC
	acts := []sp.Activity{
		{ID: "a1", Lead: "L1", Rep: "ann", Kind: sp.Call, At: at(utc, 2, 10, 0, 0)},
		{ID: "a2", Lead: "L1", Rep: "bob", Kind: sp.Email, At: at(utc, 2, 9, 30, 0)}, // earliest with a rep
		{ID: "a3", Lead: "L1", Kind: sp.Email, At: at(utc, 2, 8, 0, 0)},              // no rep: not a touch
		{ID: "a4", Rep: "ann", Kind: sp.Call, At: at(utc, 1, 8, 0, 0)},               // no lead
		{ID: "a5", Lead: "L2", Rep: "ann", Kind: sp.Call},                            // no instant
		{ID: "a6", Lead: "L2", Rep: "cy", Kind: sp.Call, At: at(utc, 3, 11, 0, 0)},
		{ID: "a7", Lead: "L3", Kind: sp.Task, At: at(utc, 3, 7, 0, 0)}, // only rep-less: L3 absent
	}
	got := metrics.FirstTouches(metrics.Refs(acts))
	want := map[string]time.Time{"L1": at(utc, 2, 9, 30, 0), "L2": at(utc, 3, 11, 0, 0)}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("FirstTouches (-want +got):\n%s", d)
	}
	if got := metrics.FirstTouches(metrics.Refs([]sp.Activity(nil))); got == nil || len(got) != 0 {
		t.Errorf("FirstTouches(nothing) = %#v, want an empty map", got)
	}
}

func TestLeadKeys(t *testing.T) {
	ny := newYork(t)
	org, err := sp.NewOrg([]sp.Membership{
		{Person: "ann", Manager: "mia", Team: "east", Region: "NA", Until: sp.Date{Year: 2026, Month: time.April, Day: 1}},
		{Person: "ann", Manager: "max", Team: "west", Region: "EMEA", From: sp.Date{Year: 2026, Month: time.April, Day: 1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Created 1 April 02:00 UTC = 31 March 22:00 in New York.
	l := &sp.Lead{ID: "1", Source: "webinar", Owner: "ann", Created: time.Date(2026, 4, 1, 2, 0, 0, 0, time.UTC)}
	nobody := &sp.Lead{ID: "2", Owner: "zed", Created: l.Created}
	noDate := &sp.Lead{ID: "3", Owner: "ann"}
	cal := sp.Calendar{}
	nyCal := sp.Calendar{Location: ny}
	got := []any{
		segment.LeadSource(l), segment.LeadOwner(l),
		segment.LeadPeriod(cal, sp.Month)(l).String(), segment.LeadPeriod(nyCal, sp.Month)(l).String(),
		segment.LeadPeriod(cal, sp.Quarter)(noDate) == sp.Period{},
		segment.LeadOwnerManager(org, nil)(l), segment.LeadOwnerManager(org, ny)(l),
		segment.LeadOwnerTeam(org, nil)(l), segment.LeadOwnerTeam(org, ny)(l),
		segment.LeadOwnerRegion(org, nil)(l), segment.LeadOwnerRegion(org, ny)(l),
		segment.LeadOwnerTeam(org, nil)(nobody),
	}
	want := []any{
		"webinar", "ann",
		"2026-04", "2026-03",
		true,
		"max", "mia",
		"west", "east",
		"EMEA", "NA",
		"",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("lead keys (-want +got):\n%s", d)
	}
	for name, f := range map[string]func(){
		"grain":    func() { segment.LeadPeriod(cal, 0) },
		"calendar": func() { segment.LeadPeriod(sp.Calendar{FiscalYearStart: 13}, sp.Month) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("LeadPeriod with an invalid %s did not panic", name)
				}
			}()
			f()
		}()
	}
}
