package salesperf_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/salesperf/salesperf"
)

func TestDateParse(t *testing.T) {
	valid := []struct {
		in   string
		want salesperf.Date
	}{
		{"2026-03-14", salesperf.Date{Year: 2026, Month: time.March, Day: 14}},
		{"2024-02-29", salesperf.Date{Year: 2024, Month: time.February, Day: 29}}, // leap year
		{"2000-02-29", salesperf.Date{Year: 2000, Month: time.February, Day: 29}}, // divisible by 400
		{"0000-01-01", salesperf.Date{Year: 0, Month: time.January, Day: 1}},
		{"9999-12-31", salesperf.Date{Year: 9999, Month: time.December, Day: 31}},
		{"2026-04-30", salesperf.Date{Year: 2026, Month: time.April, Day: 30}},
	}
	for _, tc := range valid {
		got, err := salesperf.ParseDate(tc.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseDate(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
		if got.String() != tc.in {
			t.Errorf("ParseDate(%q).String() = %q", tc.in, got.String())
		}
	}
	invalid := []struct{ in, reason string }{
		{"2026-02-30", "no 30 February"},
		{"2025-02-29", "2025 is not a leap year"},
		{"1900-02-29", "1900 is not a leap year"},
		{"2026-04-31", "April has 30 days"},
		{"2026-13-01", "month 13"},
		{"2026-00-10", "month 0"},
		{"2026-03-00", "day 0"},
		{"2026-3-14", "one-digit month"},
		{"2026/03/14", "slashes"},
		{"", "empty"},
		{" 2026-03-14", "leading space"},
		{"2026-03-14T00:00:00Z", "a timestamp"},
		{"+026-03-14", "sign"},
		{"-026-03-14", "sign"},
		{"2026-0a-14", "letter"},
		{"20260314", "no separators"},
	}
	for _, tc := range invalid {
		got, err := salesperf.ParseDate(tc.in)
		if !errors.Is(err, salesperf.ErrSyntax) {
			t.Errorf("ParseDate(%q) = %v, %v; want ErrSyntax (%s)", tc.in, got, err, tc.reason)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := func(y int, m time.Month, day int) salesperf.Date { return salesperf.Date{Year: y, Month: m, Day: day} }
	tests := []struct {
		reason    string
		got, want salesperf.Date
	}{
		{"day into next month", d(2026, 1, 31).AddDays(1), d(2026, 2, 1)},
		{"leap day", d(2024, 2, 28).AddDays(1), d(2024, 2, 29)},
		{"over a year end", d(2026, 12, 31).AddDays(1), d(2027, 1, 1)},
		{"backwards over a year end", d(2026, 1, 1).AddDays(-1), d(2025, 12, 31)},
		{"a leap year", d(2024, 1, 1).AddDays(366), d(2025, 1, 1)},
		{"31 Jan + 1 month clamps", d(2026, 1, 31).AddMonths(1), d(2026, 2, 28)},
		{"31 Jan + 1 month clamps, leap", d(2024, 1, 31).AddMonths(1), d(2024, 2, 29)},
		{"31 Mar - 1 month", d(2026, 3, 31).AddMonths(-1), d(2026, 2, 28)},
		{"over a year end", d(2026, 11, 15).AddMonths(3), d(2027, 2, 15)},
		{"back over a year end", d(2026, 1, 15).AddMonths(-13), d(2024, 12, 15)},
		{"31 Aug + 1 month", d(2026, 8, 31).AddMonths(1), d(2026, 9, 30)},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.reason, tc.got, tc.want)
		}
	}
	if n := d(2026, 1, 1).DaysUntil(d(2027, 1, 1)); n != 365 {
		t.Errorf("DaysUntil 2026 = %d, want 365", n)
	}
	if n := d(2026, 3, 14).DaysUntil(d(2026, 3, 1)); n != -13 {
		t.Errorf("DaysUntil backwards = %d, want -13", n)
	}
	weekdays := []struct {
		d    salesperf.Date
		want time.Weekday
	}{
		{d(2026, 3, 14), time.Saturday},
		{d(1970, 1, 1), time.Thursday},
		{d(2000, 2, 29), time.Tuesday},
		{d(1969, 12, 31), time.Wednesday},
		{d(1600, 1, 1), time.Saturday},
	}
	for _, tc := range weekdays {
		if got := tc.d.Weekday(); got != tc.want {
			t.Errorf("%v.Weekday() = %v, want %v", tc.d, got, tc.want)
		}
	}
	if !d(2026, 3, 14).Before(d(2026, 3, 15)) || !d(2026, 4, 1).After(d(2026, 3, 31)) || d(2026, 1, 1).Compare(d(2026, 1, 1)) != 0 {
		t.Error("Before/After/Compare disagree with the calendar")
	}
	if !(salesperf.Date{}).IsZero() || d(2026, 1, 1).IsZero() {
		t.Error("IsZero")
	}
}

func TestDateInAndOf(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	start := salesperf.Date{Year: 2026, Month: time.March, Day: 8}.In(ny)
	if want := time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC); !start.Equal(want) {
		t.Errorf("In(ny) = %v, want %v", start, want)
	}
	if got := (salesperf.Date{Year: 2026, Month: time.March, Day: 8}).In(nil); !got.Equal(time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("In(nil) = %v, want UTC midnight", got)
	}
	// 03:30 UTC on 9 March is still 8 March in New York.
	if got := salesperf.DateOf(time.Date(2026, 3, 9, 3, 30, 0, 0, time.UTC).In(ny)); got != (salesperf.Date{Year: 2026, Month: time.March, Day: 8}) {
		t.Errorf("DateOf = %v, want 2026-03-08", got)
	}
}

func TestDateText(t *testing.T) {
	type rec struct {
		Created salesperf.Date
		Closed  salesperf.Date
	}
	in := rec{Created: salesperf.Date{Year: 2026, Month: time.March, Day: 14}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"Created":"2026-03-14","Closed":""}`; string(b) != want {
		t.Errorf("json = %s, want %s", b, want)
	}
	var out rec
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if _, err := (salesperf.Date{Year: 2026, Month: time.February, Day: 30}).MarshalText(); !errors.Is(err, salesperf.ErrInvalidValue) {
		t.Errorf("MarshalText(2026-02-30) error = %v, want ErrInvalidValue", err)
	}
	if _, err := (salesperf.Date{Year: 10000, Month: time.January, Day: 1}).MarshalText(); !errors.Is(err, salesperf.ErrInvalidValue) {
		t.Errorf("MarshalText(year 10000) error = %v, want ErrInvalidValue", err)
	}
	var d salesperf.Date
	if err := d.UnmarshalText([]byte("2026-02-30")); !errors.Is(err, salesperf.ErrSyntax) {
		t.Errorf("UnmarshalText(2026-02-30) error = %v, want ErrSyntax", err)
	}
}

// TestDateAgreesWithTime checks the civil-date arithmetic against package time.
func TestDateAgreesWithTime(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		y := rapid.IntRange(-1000, 10000).Draw(t, "year")
		m := time.Month(rapid.IntRange(1, 12).Draw(t, "month"))
		day := rapid.IntRange(1, 28).Draw(t, "day")
		n := rapid.IntRange(-100000, 100000).Draw(t, "n")
		d := salesperf.Date{Year: y, Month: m, Day: day}
		tm := time.Date(y, m, day, 12, 0, 0, 0, time.UTC)
		if got, want := d.AddDays(n), salesperf.DateOf(tm.AddDate(0, 0, n)); got != want {
			t.Fatalf("%v.AddDays(%d) = %v, want %v", d, n, got, want)
		}
		if got, want := d.Weekday(), tm.Weekday(); got != want {
			t.Fatalf("%v.Weekday() = %v, want %v", d, got, want)
		}
		if got := d.DaysUntil(d.AddDays(n)); got != n {
			t.Fatalf("DaysUntil(AddDays(%d)) = %d", n, got)
		}
		if got := d.AddDays(n).Compare(d); got != cmpSign(n) {
			t.Fatalf("Compare after AddDays(%d) = %d", n, got)
		}
	})
}

func cmpSign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-14", "2024-02-29", "2026-02-30", "0000-00-00", "9999-12-31", "2026-1-1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := salesperf.ParseDate(s)
		if err != nil {
			if !errors.Is(err, salesperf.ErrSyntax) {
				t.Fatalf("ParseDate(%q) error %v does not wrap ErrSyntax", s, err)
			}
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, d.String())
		}
		if tm, err := time.Parse(time.DateOnly, s); err != nil || salesperf.DateOf(tm) != d {
			t.Fatalf("ParseDate(%q) = %v; time.Parse says %v, %v", s, d, tm, err)
		}
		b, err := d.MarshalText()
		if err != nil || string(b) != s {
			t.Fatalf("MarshalText = %q, %v", b, err)
		}
	})
}

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestDateEdgesOfTheCalendar checks arithmetic around year 0 (a leap year
// in the proleptic Gregorian calendar; 1 January 0000 is a Saturday) and
// year 9999 (31 December 9999 is a Friday).
func TestDateEdgesOfTheCalendar(t *testing.T) {
	d := func(y int, m time.Month, day int) salesperf.Date { return salesperf.Date{Year: y, Month: m, Day: day} }
	tests := []struct {
		reason string
		got    any
		want   any
	}{
		{"day before 0000-01-01", d(0, 1, 1).AddDays(-1), d(-1, 12, 31)},
		{"year 0 is leap", d(0, 3, 1).AddDays(-1), d(0, 2, 29)},
		{"day after 9999-12-31", d(9999, 12, 31).AddDays(1), d(10000, 1, 1)},
		{"400 years (146097 days) back from year 0", d(0, 3, 1).AddDays(-146097), d(-400, 3, 1)},
		{"days in year 0", d(0, 1, 1).DaysUntil(d(1, 1, 1)), 366},
		{"from 1970 back to year 0", d(1970, 1, 1).DaysUntil(d(0, 1, 1)), -719528},
		{"year 0 to 9999", d(0, 1, 1).DaysUntil(d(9999, 12, 31)), 3652424},
		{"weekday of 0000-01-01", d(0, 1, 1).Weekday(), time.Saturday},
		{"weekday of 9999-12-31", d(9999, 12, 31).Weekday(), time.Friday},
		{"weekday of -0001-12-31", d(-1, 12, 31).Weekday(), time.Friday},
		{"month before January of year 0, clamped", d(0, 1, 31).AddMonths(-1), d(-1, 12, 31)},
		{"month after January of year 0, clamped to the leap day", d(0, 1, 31).AddMonths(1), d(0, 2, 29)},
		{"month after December 9999", d(9999, 12, 31).AddMonths(1), d(10000, 1, 31)},
		{"negative year prints with a sign", d(-1, 12, 31).String(), "-0001-12-31"},
		{"year 10000 prints with a sign", d(10000, 1, 1).String(), "+10000-01-01"},
		{"year 0 prints with four digits", d(0, 2, 29).String(), "0000-02-29"},
		{"normalised month 0", d(0, 0, 1).AddDays(0), d(-1, 12, 1)},
		{"normalised day 0", d(0, 1, 0).AddDays(0), d(-1, 12, 31)},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
		}
	}
	// time.Date agrees on the instants.
	for _, x := range []salesperf.Date{d(0, 1, 1), d(0, 2, 29), d(-1, 12, 31), d(9999, 12, 31), d(10000, 1, 1)} {
		if got, want := x.In(nil), time.Date(x.Year, x.Month, x.Day, 0, 0, 0, 0, time.UTC); !got.Equal(want) || salesperf.DateOf(got) != x || x.Weekday() != want.Weekday() {
			t.Errorf("%v: In = %v, want %v (weekday %v, want %v)", x, got, want, x.Weekday(), want.Weekday())
		}
	}
	// Text: year 0 and 9999 round-trip; outside 0–9999 does not marshal.
	for _, x := range []salesperf.Date{d(0, 2, 29), d(9999, 12, 31)} {
		b, err := x.MarshalText()
		var back salesperf.Date
		if err != nil || back.UnmarshalText(b) != nil || back != x {
			t.Errorf("%v: text round trip gave %q, %v, %v", x, b, err, back)
		}
	}
	for _, x := range []salesperf.Date{d(-1, 12, 31), d(10000, 1, 1)} {
		if _, err := x.MarshalText(); !errors.Is(err, salesperf.ErrInvalidValue) {
			t.Errorf("%v: MarshalText error %v, want ErrInvalidValue", x, err)
		}
	}
}

// TestDateInMissingMidnight checks that In returns the first instant of
// the day where midnight does not exist: America/Havana jumps from 00:00
// CST to 01:00 CDT on 8 March 2026, and time.Date normalises 00:00 to
// 23:00 CST on 7 March, an instant of the day before.
func TestDateInMissingMidnight(t *testing.T) {
	havana := mustLoad(t, "America/Havana")
	d := salesperf.Date{Year: 2026, Month: time.March, Day: 8}
	got := d.In(havana)
	if want := time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("%v.In(Havana) = %v, want %v (01:00 CDT)", d, got, want.In(havana))
	}
	if salesperf.DateOf(got) != d {
		t.Errorf("DateOf(%v.In(Havana)) = %v", d, salesperf.DateOf(got))
	}
	// The calendar's day periods tile time: 7 March has 24 hours, 8 March
	// 23, and 23:30 on 7 March lies in the first, as PeriodOf says.
	cal := salesperf.Calendar{Location: havana}
	for _, tt := range []struct {
		day  salesperf.Date
		want time.Duration
	}{{d.AddDays(-1), 24 * time.Hour}, {d, 23 * time.Hour}} {
		s, e := cal.Bounds(cal.PeriodOfDate(tt.day, salesperf.Day))
		if e.Sub(s) != tt.want {
			t.Errorf("%v in Havana spans %v to %v, want %v", tt.day, s, e, tt.want)
		}
	}
	late := time.Date(2026, 3, 7, 23, 30, 0, 0, havana)
	p := cal.PeriodOf(late, salesperf.Day)
	if s, e := cal.Bounds(p); p.Start != d.AddDays(-1) || late.Before(s) || !late.Before(e) {
		t.Errorf("PeriodOf(%v) = %v with bounds %v – %v", late, p, s, e)
	}
}
