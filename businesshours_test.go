package salesperf_test

import (
	"errors"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/salesperf/salesperf"
)

var everyDay = []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}

// TestElapsed checks hand-computed working times. In 2026, 6 March is a
// Friday, 8 March (the New York change) a Sunday; 29 March and 25 October
// (the Berlin changes) are Sundays; 3 July is a Friday.
func TestBusinessHoursElapsed(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	berlin := mustLoad(t, "Europe/Berlin")
	nyHours := salesperf.BusinessHours{Location: ny} // Monday to Friday, 9 to 17
	withHoliday := salesperf.BusinessHours{Location: ny, Holidays: []salesperf.Date{ymd(2026, 7, 3)}}
	nyAllDay := salesperf.BusinessHours{Location: ny, Days: everyDay, Close: 24 * time.Hour}
	nyNight := salesperf.BusinessHours{Location: ny, Days: everyDay, Open: 1 * time.Hour, Close: 4 * time.Hour}
	berlinAllDay := salesperf.BusinessHours{Location: berlin, Days: everyDay, Close: 24 * time.Hour}
	berlinNight := salesperf.BusinessHours{Location: berlin, Days: everyDay, Open: 1 * time.Hour, Close: 5 * time.Hour}
	utcYear := salesperf.BusinessHours{Holidays: []salesperf.Date{
		ymd(2026, 1, 1),   // Thursday
		ymd(2026, 12, 25), // Friday
		ymd(2026, 12, 25), // listed twice, counted once
		ymd(2026, 7, 4),   // Saturday: no effect
		ymd(2027, 1, 1),   // outside the span
	}}
	at := func(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}
	tests := []struct {
		reason   string
		b        salesperf.BusinessHours
		from, to time.Time
		want     time.Duration
	}{
		{"over a weekend: 30m Friday + 1h Monday", nyHours, at(ny, 2026, 3, 6, 16, 30), at(ny, 2026, 3, 9, 10, 0), 90 * time.Minute},
		{"reversed is negative", nyHours, at(ny, 2026, 3, 9, 10, 0), at(ny, 2026, 3, 6, 16, 30), -90 * time.Minute},
		{"over a holiday: 1h Thursday + 1h Monday", withHoliday, at(ny, 2026, 7, 2, 16, 0), at(ny, 2026, 7, 6, 10, 0), 2 * time.Hour},
		{"within one day", nyHours, at(ny, 2026, 3, 2, 12, 0), at(ny, 2026, 3, 2, 12, 45), 45 * time.Minute},
		{"from before opening", nyHours, at(ny, 2026, 3, 2, 8, 0), at(ny, 2026, 3, 2, 10, 0), time.Hour},
		{"to after closing", nyHours, at(ny, 2026, 3, 2, 16, 0), at(ny, 2026, 3, 2, 18, 0), time.Hour},
		{"both before opening", nyHours, at(ny, 2026, 3, 2, 8, 0), at(ny, 2026, 3, 2, 8, 30), 0},
		{"overnight, both outside hours", nyHours, at(ny, 2026, 3, 3, 20, 0), at(ny, 2026, 3, 4, 7, 0), 0},
		{"on a holiday", withHoliday, at(ny, 2026, 7, 3, 9, 0), at(ny, 2026, 7, 3, 17, 0), 0},
		{"two weeks: 10 days of 8h", nyHours, at(ny, 2026, 3, 2, 0, 0), at(ny, 2026, 3, 16, 0, 0), 80 * time.Hour},
		{"in UTC from New York instants", salesperf.BusinessHours{}, at(ny, 2026, 3, 2, 4, 0), at(ny, 2026, 3, 2, 5, 0), time.Hour}, // 9:00-10:00 UTC
		{"New York spring day: 23h", nyAllDay, at(ny, 2026, 3, 8, 0, 0), at(ny, 2026, 3, 9, 0, 0), 23 * time.Hour},
		{"New York fall day: 25h", nyAllDay, at(ny, 2026, 11, 1, 0, 0), at(ny, 2026, 11, 2, 0, 0), 25 * time.Hour},
		{"New York March: 31 days less an hour", nyAllDay, at(ny, 2026, 3, 1, 0, 0), at(ny, 2026, 4, 1, 0, 0), 743 * time.Hour},
		{"New York 1:00-4:00 on the spring day is 2h", nyNight, at(ny, 2026, 3, 8, 0, 0), at(ny, 2026, 3, 8, 12, 0), 2 * time.Hour},
		{"New York 1:00-4:00, three days", nyNight, at(ny, 2026, 3, 7, 12, 0), at(ny, 2026, 3, 9, 12, 0), 5 * time.Hour},
		{"New York 1:00-4:00, a month", nyNight, at(ny, 2026, 3, 1, 0, 0), at(ny, 2026, 4, 1, 0, 0), 31*3*time.Hour - time.Hour},
		{"Berlin spring day 1:00-5:00 is 3h", berlinNight, at(berlin, 2026, 3, 29, 0, 0), at(berlin, 2026, 3, 30, 0, 0), 3 * time.Hour},
		{"Berlin fall day 1:00-5:00 is 5h", berlinNight, at(berlin, 2026, 10, 25, 0, 0), at(berlin, 2026, 10, 26, 0, 0), 5 * time.Hour},
		{"Berlin fall day, partial", berlinNight, at(berlin, 2026, 10, 25, 4, 0), at(berlin, 2026, 10, 25, 12, 0), time.Hour},
		{"Berlin around the fall change: 12h + 25h + 12h", berlinAllDay, at(berlin, 2026, 10, 24, 12, 0), at(berlin, 2026, 10, 26, 12, 0), 49 * time.Hour},
		{"Berlin spring day: 23h", berlinAllDay, at(berlin, 2026, 3, 29, 0, 0), at(berlin, 2026, 3, 30, 0, 0), 23 * time.Hour},
		{"Berlin 2026: 365 days, the changes cancel", berlinAllDay, at(berlin, 2026, 1, 1, 0, 0), at(berlin, 2027, 1, 1, 0, 0), 365 * 24 * time.Hour},
		{"Berlin March to October: 245 days, both changes", berlinAllDay, at(berlin, 2026, 3, 1, 0, 0), at(berlin, 2026, 11, 1, 0, 0), 245 * 24 * time.Hour},
		{"Berlin March to September: one hour short", berlinAllDay, at(berlin, 2026, 3, 1, 0, 0), at(berlin, 2026, 10, 1, 0, 0), 214*24*time.Hour - time.Hour},
		{"2026 in UTC: 261 weekdays less 2 holidays, 8h each", utcYear, at(time.UTC, 2026, 1, 1, 0, 0), at(time.UTC, 2027, 1, 1, 0, 0), 259 * 8 * time.Hour},
		{"equal instants", nyHours, at(ny, 2026, 3, 2, 12, 0), at(ny, 2026, 3, 2, 12, 0), 0},
	}
	for _, tc := range tests {
		if got := tc.b.Elapsed(tc.from, tc.to); got != tc.want {
			t.Errorf("%s: Elapsed(%v, %v) = %v, want %v", tc.reason, tc.from, tc.to, got, tc.want)
		}
	}
}

func TestBusinessHoursAdd(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	nyHours := salesperf.BusinessHours{Location: ny}
	withHoliday := salesperf.BusinessHours{Location: ny, Holidays: []salesperf.Date{ymd(2026, 7, 3)}}
	nyNight := salesperf.BusinessHours{Location: ny, Days: everyDay, Open: 1 * time.Hour, Close: 4 * time.Hour}
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, ny) }
	tests := []struct {
		reason string
		b      salesperf.BusinessHours
		t      time.Time
		d      time.Duration
		want   time.Time
	}{
		{"over a weekend", nyHours, at(2026, 3, 6, 16, 30), 2 * time.Hour, at(2026, 3, 9, 10, 30)},
		{"ends exactly at closing", nyHours, at(2026, 3, 2, 16, 0), time.Hour, at(2026, 3, 2, 17, 0)},
		{"from a Saturday", nyHours, at(2026, 3, 7, 12, 0), 8 * time.Hour, at(2026, 3, 9, 17, 0)},
		{"from before opening", nyHours, at(2026, 3, 2, 7, 0), 30 * time.Minute, at(2026, 3, 2, 9, 30)},
		{"over a holiday", withHoliday, at(2026, 7, 2, 16, 0), 2 * time.Hour, at(2026, 7, 6, 10, 0)},
		{"zero is t itself, even outside hours", nyHours, at(2026, 3, 7, 12, 0), 0, at(2026, 3, 7, 12, 0)},
		{"a week of work", nyHours, at(2026, 3, 2, 9, 0), 40 * time.Hour, at(2026, 3, 6, 17, 0)},
		{"through the short spring window (1:00 EST - 4:00 EDT is 2h)", nyNight, at(2026, 3, 8, 0, 0), 150 * time.Minute, at(2026, 3, 9, 1, 30)},
	}
	for _, tc := range tests {
		got := tc.b.Add(tc.t, tc.d)
		if !got.Equal(tc.want) {
			t.Errorf("%s: Add(%v, %v) = %v, want %v", tc.reason, tc.t, tc.d, got, tc.want)
		}
		if e := tc.b.Elapsed(tc.t, got); e != tc.d {
			t.Errorf("%s: Elapsed(t, Add(t, d)) = %v, want %v", tc.reason, e, tc.d)
		}
	}
	mustPanic(t, "negative duration", func() { nyHours.Add(at(2026, 3, 2, 9, 0), -time.Second) })
}

func TestBusinessHoursIsWorking(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	b := salesperf.BusinessHours{Location: ny, Holidays: []salesperf.Date{ymd(2026, 7, 3)}}
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, ny) }
	tests := []struct {
		t    time.Time
		want bool
	}{
		{at(2026, 3, 2, 9, 0), true},
		{at(2026, 3, 2, 8, 59), false},
		{at(2026, 3, 2, 16, 59), true},
		{at(2026, 3, 2, 17, 0), false},
		{at(2026, 3, 7, 12, 0), false},                       // Saturday
		{at(2026, 7, 3, 12, 0), false},                       // holiday
		{time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC), true}, // 9:00 in New York
	}
	for _, tc := range tests {
		if got := b.IsWorking(tc.t); got != tc.want {
			t.Errorf("IsWorking(%v) = %v, want %v", tc.t, got, tc.want)
		}
	}
}

func TestBusinessHoursValidate(t *testing.T) {
	bad := []struct {
		reason string
		b      salesperf.BusinessHours
	}{
		{"open after close", salesperf.BusinessHours{Open: 18 * time.Hour, Close: 9 * time.Hour}},
		{"open equals close", salesperf.BusinessHours{Open: 9 * time.Hour, Close: 9 * time.Hour}},
		{"close only: open 0 is fine but close past a day", salesperf.BusinessHours{Close: 25 * time.Hour}},
		{"negative open", salesperf.BusinessHours{Open: -time.Hour, Close: 9 * time.Hour}},
		{"no working days", salesperf.BusinessHours{Days: []time.Weekday{}}},
		{"weekday 7", salesperf.BusinessHours{Days: []time.Weekday{7}}},
		{"holiday not a date", salesperf.BusinessHours{Holidays: []salesperf.Date{ymd(2026, 2, 30)}}},
	}
	for _, tc := range bad {
		if err := tc.b.Validate(); !errors.Is(err, salesperf.ErrInvalidValue) {
			t.Errorf("%s: Validate() = %v, want ErrInvalidValue", tc.reason, err)
		}
		mustPanic(t, tc.reason, func() { tc.b.Elapsed(time.Time{}, time.Time{}.Add(time.Hour)) })
	}
	good := []salesperf.BusinessHours{
		{},
		{Close: 24 * time.Hour},
		{Open: 22 * time.Hour, Close: 24 * time.Hour, Days: []time.Weekday{time.Saturday}},
	}
	for _, b := range good {
		if err := b.Validate(); err != nil {
			t.Errorf("%+v: %v", b, err)
		}
	}
}

// drawBusinessHours draws working hours in one of the test locations,
// often with windows across the hours daylight saving changes.
func drawBusinessHours(t *rapid.T, locs []*time.Location) salesperf.BusinessHours {
	b := salesperf.BusinessHours{Location: rapid.SampledFrom(locs).Draw(t, "location")}
	if rapid.Bool().Draw(t, "customDays") {
		b.Days = rapid.SliceOfN(rapid.SampledFrom(everyDay), 1, 7).Draw(t, "days")
	}
	if rapid.Bool().Draw(t, "customHours") {
		quarter := 15 * time.Minute
		open := rapid.IntRange(0, 95).Draw(t, "open/15m")
		close := rapid.IntRange(open+1, 96).Draw(t, "close/15m")
		b.Open, b.Close = time.Duration(open)*quarter, time.Duration(close)*quarter
	}
	for range rapid.IntRange(0, 4).Draw(t, "holidays") {
		b.Holidays = append(b.Holidays, ymd(2026, 3, 1).AddDays(rapid.IntRange(0, 250).Draw(t, "holiday")))
	}
	return b
}

// drawWorkInstant draws an instant in 2026 near a daylight-saving change or
// a midnight, anywhere from March to November.
func drawWorkInstant(t *rapid.T, label string) time.Time {
	day := ymd(2026, 3, 1).AddDays(rapid.IntRange(0, 250).Draw(t, label+"Day"))
	// Whole quarter hours hit window edges; odd seconds fall inside.
	sec := rapid.OneOf(
		rapid.Map(rapid.Int64Range(0, 96), func(q int64) int64 { return q * 900 }),
		rapid.Int64Range(0, 86400),
	).Draw(t, label+"Seconds")
	return day.In(time.UTC).Add(time.Duration(sec) * time.Second)
}

// TestBusinessHoursElapsedAdditive: Elapsed(a, b) + Elapsed(b, c) == Elapsed(a, c) for
// any order of a, b, c; 0 <= Elapsed(a, b) <= b - a for a <= b; and a long
// span agrees with the sum over its days.
func TestBusinessHoursElapsedAdditive(t *testing.T) {
	locs := testLocations(t)
	rapid.Check(t, func(t *rapid.T) {
		b := drawBusinessHours(t, locs)
		x, y, z := drawWorkInstant(t, "a"), drawWorkInstant(t, "b"), drawWorkInstant(t, "c")
		if got, want := b.Elapsed(x, y)+b.Elapsed(y, z), b.Elapsed(x, z); got != want {
			t.Fatalf("Elapsed(a,b)+Elapsed(b,c) = %v, Elapsed(a,c) = %v", got, want)
		}
		lo, hi := x, y
		if hi.Before(lo) {
			lo, hi = hi, lo
		}
		e := b.Elapsed(lo, hi)
		if e < 0 || e > hi.Sub(lo) {
			t.Fatalf("Elapsed(%v, %v) = %v, span %v", lo, hi, e, hi.Sub(lo))
		}
		if b.Elapsed(hi, lo) != -e {
			t.Fatalf("not antisymmetric")
		}
		// The sum over pieces split at every midnight (each piece at most a
		// day, so no whole days in between) equals the whole.
		loc := b.Location
		var sum time.Duration
		cur := lo
		for d := salesperf.DateOf(lo.In(loc)).AddDays(1); ; d = d.AddDays(1) {
			next := d.In(loc)
			if !next.Before(hi) {
				break
			}
			sum += b.Elapsed(cur, next)
			cur = next
		}
		sum += b.Elapsed(cur, hi)
		if sum != e {
			t.Fatalf("Elapsed(%v, %v) = %v, but day by day %v", lo, hi, e, sum)
		}
		// IsWorking agrees with Elapsed over one nanosecond.
		if b.IsWorking(x) != (b.Elapsed(x, x.Add(1)) == 1) {
			t.Fatalf("IsWorking(%v) = %v disagrees with Elapsed", x, b.IsWorking(x))
		}
	})
}

// TestBusinessHoursAddRoundTrips: Elapsed(t, Add(t, d)) == d, and Add returns the
// earliest such instant.
func TestBusinessHoursAddRoundTrips(t *testing.T) {
	locs := testLocations(t)
	rapid.Check(t, func(t *rapid.T) {
		b := drawBusinessHours(t, locs)
		from := drawWorkInstant(t, "from")
		d := time.Duration(rapid.Int64Range(0, 200*3600).Draw(t, "seconds")) * time.Second
		end := b.Add(from, d)
		if end.Before(from) {
			t.Fatalf("Add(%v, %v) = %v, before t", from, d, end)
		}
		if got := b.Elapsed(from, end); got != d {
			t.Fatalf("Elapsed(t, Add(t, %v)) = %v", d, got)
		}
		if d > 0 && b.Elapsed(from, end.Add(-1)) >= d {
			t.Fatalf("Add(%v, %v) = %v is not the earliest", from, d, end)
		}
	})
}

func BenchmarkBusinessHoursElapsed(b *testing.B) {
	ny := mustLoad(b, "America/New_York")
	hours := salesperf.BusinessHours{Location: ny, Holidays: []salesperf.Date{ymd(2026, 1, 1), ymd(2026, 7, 3), ymd(2026, 12, 25)}}
	spans := []struct {
		name     string
		from, to time.Time
	}{
		{"3days", time.Date(2026, 3, 6, 16, 30, 0, 0, ny), time.Date(2026, 3, 9, 10, 0, 0, 0, ny)},
		{"10years", time.Date(2020, 3, 6, 16, 30, 0, 0, ny), time.Date(2030, 3, 9, 10, 0, 0, 0, ny)},
	}
	for _, s := range spans {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				hours.Elapsed(s.from, s.to)
			}
		})
	}
}

// TestBusinessHoursDSTWholeDay uses 0:00–24:00 windows every day, so
// working time is real elapsed time: 29 March 2026 in Berlin has 23 hours
// (02:00 jumps to 03:00), 1 November 2026 in New York 25 (02:00 falls back
// to 01:00).
func TestBusinessHoursDSTWholeDay(t *testing.T) {
	berlin, ny := mustLoad(t, "Europe/Berlin"), mustLoad(t, "America/New_York")
	bb := salesperf.BusinessHours{Location: berlin, Days: everyDay, Close: 24 * time.Hour}
	nb := salesperf.BusinessHours{Location: ny, Days: everyDay, Close: 24 * time.Hour}
	midnight := func(loc *time.Location, y int, m time.Month, d int) time.Time {
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	tests := []struct {
		reason   string
		b        salesperf.BusinessHours
		from, to time.Time
		want     time.Duration
	}{
		{"Berlin spring-forward day", bb, midnight(berlin, 2026, 3, 29), midnight(berlin, 2026, 3, 30), 23 * time.Hour},
		{"Berlin, from before to after the jump", bb, time.Date(2026, 3, 29, 1, 30, 0, 0, berlin), time.Date(2026, 3, 29, 3, 30, 0, 0, berlin), time.Hour},
		{"Berlin, five days around the change", bb, midnight(berlin, 2026, 3, 27), midnight(berlin, 2026, 4, 1), 119 * time.Hour},
		{"Berlin, a month around both changes is elapsed time", bb, midnight(berlin, 2026, 3, 1), midnight(berlin, 2026, 11, 1), midnight(berlin, 2026, 11, 1).Sub(midnight(berlin, 2026, 3, 1))},
		{"New York fall-back day", nb, midnight(ny, 2026, 11, 1), midnight(ny, 2026, 11, 2), 25 * time.Hour},
		{"New York, the repeated hour counts twice", nb, time.Date(2026, 11, 1, 0, 30, 0, 0, ny), time.Date(2026, 11, 1, 2, 30, 0, 0, ny), 3 * time.Hour},
		{"New York, five days around the change", nb, midnight(ny, 2026, 10, 30), midnight(ny, 2026, 11, 4), 121 * time.Hour},
		{"New York, backwards", nb, midnight(ny, 2026, 11, 2), midnight(ny, 2026, 11, 1), -25 * time.Hour},
	}
	for _, tt := range tests {
		if got := tt.b.Elapsed(tt.from, tt.to); got != tt.want {
			t.Errorf("%s: Elapsed(%v, %v) = %v, want %v", tt.reason, tt.from, tt.to, got, tt.want)
		}
	}
	// Add on the long day: 24h after midnight is 23:00 the same day.
	if got, want := nb.Add(midnight(ny, 2026, 11, 1), 24*time.Hour), time.Date(2026, 11, 1, 23, 0, 0, 0, ny); !got.Equal(want) {
		t.Errorf("Add(1 Nov, 24h) = %v, want %v", got, want)
	}
	if got, want := nb.Add(midnight(ny, 2026, 11, 1), 25*time.Hour), midnight(ny, 2026, 11, 2); !got.Equal(want) {
		t.Errorf("Add(1 Nov, 25h) = %v, want %v", got, want)
	}
	if got, want := bb.Add(midnight(berlin, 2026, 3, 29), 23*time.Hour), midnight(berlin, 2026, 3, 30); !got.Equal(want) {
		t.Errorf("Add(29 Mar, 23h) = %v, want %v", got, want)
	}
	// The repeated hour is working time both times round.
	if first := time.Date(2026, 11, 1, 1, 30, 0, 0, ny); !nb.IsWorking(first) || !nb.IsWorking(first.Add(time.Hour)) {
		t.Errorf("IsWorking in the repeated hour = false")
	}
}

// TestBusinessHoursHolidaysAndDays checks holidays on weekends and listed
// twice, and working days listed twice. 2026-03-06 is a Friday.
func TestBusinessHoursHolidaysAndDays(t *testing.T) {
	at := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		reason   string
		b        salesperf.BusinessHours
		from, to time.Time
		want     time.Duration
	}{
		{"weekend holiday has no effect, a repeated one counts once",
			salesperf.BusinessHours{Holidays: []salesperf.Date{ymd(2026, 3, 7), ymd(2026, 3, 9), ymd(2026, 3, 8), ymd(2026, 3, 9)}},
			at(3, 6), at(3, 12), 3 * 8 * time.Hour}, // Fri 6, Tue 10, Wed 11
		{"holiday on the first day",
			salesperf.BusinessHours{Holidays: []salesperf.Date{ymd(2026, 3, 6), ymd(2026, 3, 6)}},
			at(3, 6), at(3, 10), 8 * time.Hour}, // Mon 9
		{"holiday on the last day",
			salesperf.BusinessHours{Holidays: []salesperf.Date{ymd(2026, 3, 10)}},
			at(3, 9), time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC), 8 * time.Hour},
		{"repeated working days count once",
			salesperf.BusinessHours{Days: []time.Weekday{time.Monday, time.Monday, time.Tuesday, time.Monday}},
			at(3, 1), at(3, 15), 4 * 8 * time.Hour}, // Mon 2, Tue 3, Mon 9, Tue 10
		{"repeated working days over a year, with a weekend-day holiday",
			salesperf.BusinessHours{Days: []time.Weekday{time.Saturday, time.Saturday}, Holidays: []salesperf.Date{ymd(2026, 3, 7), ymd(2026, 3, 8)}},
			at(1, 1), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), 51 * 8 * time.Hour}, // 52 Saturdays in 2026, less 7 March
	}
	for _, tt := range tests {
		if got := tt.b.Elapsed(tt.from, tt.to); got != tt.want {
			t.Errorf("%s: Elapsed = %v, want %v", tt.reason, got, tt.want)
		}
	}
	// Add skips a weekend holiday's weekend and a duplicated weekday holiday.
	b := salesperf.BusinessHours{Holidays: []salesperf.Date{ymd(2026, 3, 7), ymd(2026, 3, 9), ymd(2026, 3, 9)}}
	if got, want := b.Add(time.Date(2026, 3, 6, 16, 0, 0, 0, time.UTC), 2*time.Hour), time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Add(Fri 16:00, 2h) = %v, want %v", got, want)
	}
}

// TestBusinessHoursMidnightTransitions uses zones whose clocks change at
// midnight, where 00:00 does not exist on the change day: America/Havana
// jumps from 00:00 CST to 01:00 CDT on 8 March 2026, Asia/Beirut from
// 00:00 EET to 01:00 EEST on 29 March 2026. With 0:00–24:00 windows every
// day, working time is elapsed time: 47 hours over any 48 wall-clock hours
// that span the jump.
func TestBusinessHoursMidnightTransitions(t *testing.T) {
	havana, beirut := mustLoad(t, "America/Havana"), mustLoad(t, "Asia/Beirut")
	tests := []struct {
		reason   string
		loc      *time.Location
		from, to time.Time
	}{
		{"Havana, the jump day last", havana, time.Date(2026, 3, 6, 12, 0, 0, 0, havana), time.Date(2026, 3, 8, 12, 0, 0, 0, havana)},
		{"Havana, the jump day in the middle", havana, time.Date(2026, 3, 7, 12, 0, 0, 0, havana), time.Date(2026, 3, 9, 12, 0, 0, 0, havana)},
		{"Havana, the jump day first", havana, time.Date(2026, 3, 8, 12, 0, 0, 0, havana), time.Date(2026, 3, 10, 12, 0, 0, 0, havana)},
		{"Havana, long span", havana, time.Date(2026, 3, 1, 12, 0, 0, 0, havana), time.Date(2026, 3, 20, 12, 0, 0, 0, havana)},
		{"Beirut, the jump day last", beirut, time.Date(2026, 3, 27, 12, 0, 0, 0, beirut), time.Date(2026, 3, 29, 12, 0, 0, 0, beirut)},
		{"Beirut, the jump day in the middle", beirut, time.Date(2026, 3, 28, 12, 0, 0, 0, beirut), time.Date(2026, 3, 30, 12, 0, 0, 0, beirut)},
		{"Beirut, the jump day first", beirut, time.Date(2026, 3, 29, 12, 0, 0, 0, beirut), time.Date(2026, 3, 31, 12, 0, 0, 0, beirut)},
		{"Beirut, long span", beirut, time.Date(2026, 3, 20, 12, 0, 0, 0, beirut), time.Date(2026, 4, 10, 12, 0, 0, 0, beirut)},
	}
	for _, tt := range tests {
		b := salesperf.BusinessHours{Location: tt.loc, Days: everyDay, Close: 24 * time.Hour}
		if got, want := b.Elapsed(tt.from, tt.to), tt.to.Sub(tt.from); got != want {
			t.Errorf("%s: Elapsed(%v, %v) = %v, want the elapsed %v", tt.reason, tt.from, tt.to, got, want)
		}
	}
}

// TestBusinessHoursIsWorkingBeforeMissingMidnight: with 0:00–24:00 every
// day, every instant is working time, also the last hour before Havana's
// clocks jump from 00:00 CST to 01:00 CDT on 8 March 2026.
func TestBusinessHoursIsWorkingBeforeMissingMidnight(t *testing.T) {
	havana := mustLoad(t, "America/Havana")
	b := salesperf.BusinessHours{Location: havana, Days: everyDay, Close: 24 * time.Hour}
	for _, at := range []time.Time{
		time.Date(2026, 3, 7, 22, 59, 0, 0, havana),
		time.Date(2026, 3, 7, 23, 30, 0, 0, havana),
		time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC), // 01:00 CDT, the jump
		time.Date(2026, 3, 8, 1, 30, 0, 0, havana),
	} {
		if !b.IsWorking(at) {
			t.Errorf("IsWorking(%v) = false", at.In(havana))
		}
	}
	from := time.Date(2026, 3, 7, 23, 0, 0, 0, havana)
	if got := b.Add(from, 90*time.Minute); !got.Equal(from.Add(90 * time.Minute)) {
		t.Errorf("Add(%v, 90m) = %v, want %v", from, got, from.Add(90*time.Minute))
	}
}
