package csvimport

import (
	"fmt"
	"testing"
	"time"
	_ "time/tzdata" // the zones below on any machine

	sp "github.com/salesperf/salesperf"
	"pgregory.net/rapid"
)

// slowInstant is instant as it was before the hand-written layouts: the
// reference the fast paths must agree with.
func slowInstant(layouts []string, loc *time.Location, s string) (time.Time, bool) {
	for _, layout := range layouts {
		if layout == "2006-01-02" {
			if len(s) != 10 || s[4] != '-' || s[7] != '-' {
				continue
			}
			d, err := sp.ParseDate(s)
			if err != nil {
				continue
			}
			return d.In(loc), true
		}
		if v, err := time.ParseInLocation(layout, s, loc); err == nil {
			return v, true
		}
	}
	return time.Time{}, false
}

// sameTime reports whether a and b are the same instant in the same
// location with the same zone: == for the shared locations, and by name
// and offset for the fixed zones time.Parse makes per call.
func sameTime(a, b time.Time) bool {
	if a == b {
		return true
	}
	an, ao := a.Zone()
	bn, bo := b.Zone()
	return a.Equal(b) && an == bn && ao == bo && a.Location().String() == b.Location().String() &&
		a.String() == b.String()
}

var instantLayouts = [][]string{
	{"2006-01-02"},
	{time.RFC3339},
	{time.RFC3339Nano},
	{"2006-01-02T15:04:05Z"},
	{"2006-01-02T15:04:05"},
	{"2006-01-02 15:04:05"},
	defaultLayouts,
	{"2006-01-02T15:04:05Z", "2006-01-02"}, // bench/gen's Mapping
}

func instantLocations(t testing.TB) []*time.Location {
	locs := []*time.Location{time.UTC, time.Local, time.FixedZone("", 5*3600+1800), time.FixedZone("X", -3600)}
	for _, name := range []string{"America/New_York", "America/Havana", "Asia/Kolkata", "Europe/Paris", "Pacific/Kiritimati"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		locs = append(locs, loc)
	}
	return locs
}

// TestInstantEdges: the hand-written layouts agree with time.Parse (and
// ParseDate) on the edge cases, in every layout and location.
func TestInstantEdges(t *testing.T) {
	cells := []string{
		"2024-02-29", "2023-02-29", "2000-02-29", "1900-02-29", "2017-02-30", "2017-04-31", "2017-12-31",
		"2017-01-01", "0000-01-01", "0000-02-29", "0001-02-29", "9999-12-31", "1969-12-31", "1970-01-01",
		"2017-00-10", "2017-13-10", "2017-12-00", "2017-12-32", "2017-1-10", "2017/12/31", "+017-12-31",
		"2017-12-3a", " 2017-12-31", "2017-12-31 ", "20171231",
		"2026-03-08", "2026-03-29", "2026-11-01", // Havana's missing midnight, DST in Paris, New York
		"2017-12-31T23:59:59Z", "2017-12-31T23:59:60Z", "2017-12-31T24:00:00Z", "2017-12-31T00:60:00Z",
		"2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "2017-02-30T00:00:00Z", "0000-01-01T00:00:00Z",
		"9999-12-31T23:59:59Z", "2017-12-31t23:59:59Z", "2017-12-31T23:59:59z", "2017-12-31 23:59:59Z",
		"2017-12-31T2:59:59Z", "2017-12-31T23:59:59.5Z", "2017-12-31T23:59:59.123456789Z",
		"2017-12-31T23:59:59+01:00", "2017-12-31T23:59:59-05:00", "2017-12-31T23:59:59+05:30",
		"2017-12-31T23:59:59+00:00", "2017-12-31T23:59:59-00:00", "2017-12-31T23:59:59+14:00",
		"2017-12-31T23:59:59-12:00", "2017-12-31T23:59:59+23:59", "2017-12-31T23:59:59+24:00",
		"2017-12-31T23:59:59+01:60", "2017-12-31T23:59:59+0100", "2017-12-31T23:59:59+01", "2017-12-31T23:59:59 +01:00",
		"2026-07-01T12:00:00+02:00", "2026-01-01T12:00:00+01:00", "2026-07-01T12:00:00-04:00", "2026-01-01T12:00:00-05:00",
		"2026-03-08T00:00:00", "2026-03-08 00:00:00", "2026-03-08T00:30:00", "2026-11-01T01:30:00", "2026-03-29T02:30:00",
		"2017-12-31T23:59:59", "2017-12-31 23:59:59", "2017-12-31T23:59", "2017-12-31 23:59", "2017-02-30 10:00:00",
		"", "Z", "2017-12-31T", "2017-12-31T23:59:59ZZ", "२०१७-१२-३१",
	}
	for _, loc := range instantLocations(t) {
		for _, layouts := range instantLayouts {
			tb := &table{layouts: layouts, loc: loc}
			for _, s := range cells {
				got, gotOK := tb.instant(s)
				want, wantOK := slowInstant(layouts, loc, s)
				if gotOK != wantOK || !sameTime(got, want) {
					t.Errorf("instant(%q) with %q in %v = %v (%v), %v; want %v (%v), %v",
						s, layouts, loc, got, got.Location(), gotOK, want, want.Location(), wantOK)
				}
			}
		}
	}
}

// TestInstantRapid: the same, on cells drawn near the layouts' form.
func TestInstantRapid(t *testing.T) {
	locs := instantLocations(t)
	rapid.Check(t, func(t *rapid.T) {
		layouts := rapid.SampledFrom(instantLayouts).Draw(t, "layouts")
		loc := rapid.SampledFrom(locs).Draw(t, "loc")
		year := rapid.OneOf(rapid.IntRange(0, 9999), rapid.IntRange(1895, 2105), rapid.SampledFrom([]int{0, 1, 1900, 2000, 9999})).Draw(t, "year")
		month := rapid.IntRange(0, 13).Draw(t, "month")
		day := rapid.IntRange(0, 32).Draw(t, "day")
		s := fmt.Sprintf("%04d-%02d-%02d", year, month, day)
		if rapid.Bool().Draw(t, "clock") {
			sep := rapid.SampledFrom([]string{"T", " ", "t"}).Draw(t, "sep")
			h := rapid.IntRange(0, 25).Draw(t, "hour")
			mi := rapid.IntRange(0, 61).Draw(t, "min")
			sec := rapid.IntRange(0, 61).Draw(t, "sec")
			s += fmt.Sprintf("%s%02d:%02d:%02d", sep, h, mi, sec)
			switch rapid.IntRange(0, 4).Draw(t, "zone") {
			case 0:
				s += "Z"
			case 1:
				sign := rapid.SampledFrom([]string{"+", "-"}).Draw(t, "sign")
				zh := rapid.IntRange(0, 25).Draw(t, "zoneHour")
				zm := rapid.SampledFrom([]int{0, 0, 30, 45, 59, 60, 61}).Draw(t, "zoneMin")
				s += fmt.Sprintf("%s%02d:%02d", sign, zh, zm)
			case 2:
				s += rapid.SampledFrom([]string{".5Z", ".000Z", "z", ".25+01:00"}).Draw(t, "odd")
			}
		}
		tb := &table{layouts: layouts, loc: loc}
		got, gotOK := tb.instant(s)
		want, wantOK := slowInstant(layouts, loc, s)
		if gotOK != wantOK || !sameTime(got, want) {
			t.Fatalf("instant(%q) with %q in %v = %v (%v), %v; want %v (%v), %v",
				s, layouts, loc, got, got.Location(), gotOK, want, want.Location(), wantOK)
		}
	})
}

// TestUnixDays: the day numbers agree with package time over the years a
// four-digit cell can write.
func TestUnixDays(t *testing.T) {
	for d := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() <= 9999; d = d.AddDate(0, 0, 1) {
		if got := unixDays(d.Year(), int(d.Month()), d.Day()); got*86400 != d.Unix() {
			t.Fatalf("unixDays(%v) = %d, want %d", d.Format("2006-01-02"), got, d.Unix()/86400)
		}
	}
}
