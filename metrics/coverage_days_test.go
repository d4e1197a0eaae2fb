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
