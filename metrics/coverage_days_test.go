package metrics

import (
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
)

// TestDayRange checks the column form's test on expected close days
// against Date.In for every day around a year of bounds, in zones whose
// clocks change at midnight (Havana, Santiago), by half an hour (Lord
// Howe), or skipped a whole day (Apia, 30 December 2011).
func TestDayRange(t *testing.T) {
	for _, name := range []string{"UTC", "America/Havana", "America/Santiago", "Australia/Lord_Howe", "Pacific/Apia", "Asia/Tokyo"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Logf("%s: %v (skipped)", name, err)
			continue
		}
		for _, year := range []int{2011, 2026} {
			for off := 0; off < 365*24; off += 17 { // bounds at odd hours through the year
				from := time.Date(year, 1, 1, 0, 0, 0, 0, loc).Add(time.Duration(off) * time.Hour)
				for _, to := range []time.Time{from.Add(30 * time.Hour), from.Add(-time.Hour), time.Date(year, time.Month(1+off%12), 1, 0, 0, 0, 0, loc).AddDate(0, 1, 0)} {
					r := midnightsIn(from, to, loc)
					lo := sp.DayOf(sp.DateOf(from.UTC())) - 5
					hi := max(sp.DayOf(sp.DateOf(to.UTC())), lo) + 5
					for n := lo; n <= hi; n++ {
						m := sp.DateOfDay(n).In(loc)
						if want := !m.Before(from) && m.Before(to); r.in(n) != want {
							t.Fatalf("%s [%v, %v): day %v (begins %v): in = %v, want %v", name, from, to, sp.DateOfDay(n), m, r.in(n), want)
						}
					}
				}
			}
		}
		if r := midnightsIn(time.Time{}, time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC), loc); r.in(sp.NoDay) {
			t.Fatalf("%s: NoDay is in the range from the zero time", name)
		}
	}
}

// TestLocalDays checks the Funnel column form's day numbers, from a
// zone offset kept over its span, against salesperf.DayNumber, at
// instants an hour and a bit apart over years with changes of clocks,
// going forward and jumping back, in several zones.
func TestLocalDays(t *testing.T) {
	for _, name := range []string{"UTC", "Europe/Paris", "America/Havana", "Australia/Lord_Howe", "Pacific/Apia", "Asia/Kolkata"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Logf("%s: %v (skipped)", name, err)
			continue
		}
		d := localDays{loc: loc, utc: name == "UTC"}
		start := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
		step := int64(time.Hour + 7*time.Minute + 3*time.Second)
		for k := int64(0); k < 20*365*24; k += 1 + k%5 {
			ns := start + k*step
			if k%11 == 0 {
				ns = start + (k/3)*step - 1 // back in time: the span is refilled
			}
			if got, want := d.day(ns), int64(sp.DayNumber(ns, loc)); got != want {
				t.Fatalf("%s: %v: day %d, want %d", name, time.Unix(0, ns).In(loc), got, want)
			}
		}
		for _, tt := range []time.Time{time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2261, 12, 31, 23, 59, 59, 0, time.UTC)} {
			if got, want := d.day(tt.UnixNano()), int64(sp.DayNumber(tt.UnixNano(), loc)); got != want {
				t.Fatalf("%s: %v: day %d, want %d", name, tt, got, want)
			}
		}
	}
}
