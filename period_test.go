package salesperf_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/salesperf/salesperf"
)

func TestPeriodString(t *testing.T) {
	tests := []struct {
		cal   salesperf.Calendar
		d     salesperf.Date
		grain salesperf.Grain
		want  string
	}{
		{calendarYear, ymd(2026, 3, 14), salesperf.Year, "2026"},
		{calendarYear, ymd(2026, 3, 14), salesperf.Half, "2026 H1"},
		{calendarYear, ymd(2026, 3, 14), salesperf.Quarter, "2026 Q1"},
		{calendarYear, ymd(2026, 3, 14), salesperf.Month, "2026-03"},
		{calendarYear, ymd(2026, 3, 14), salesperf.Week, "2026 W11"},
		{calendarYear, ymd(2026, 3, 14), salesperf.Day, "2026-03-14"},
		{calendarYear, ymd(2025, 12, 30), salesperf.Week, "2026 W01"},
		{calendarYear, ymd(2026, 12, 31), salesperf.Quarter, "2026 Q4"},
		{fyFeb, ymd(2026, 3, 14), salesperf.Year, "FY2027"},
		{fyFeb, ymd(2026, 3, 14), salesperf.Half, "FY2027 H1"},
		{fyFeb, ymd(2026, 3, 14), salesperf.Quarter, "FY2027 Q1"},
		{fyFeb, ymd(2026, 3, 14), salesperf.Month, "FY2027 P02"},
		{fyFeb, ymd(2026, 3, 14), salesperf.Week, "FY2027 W06"},
		{fyFeb, ymd(2026, 3, 14), salesperf.Day, "2026-03-14"},
		{fyFeb, ymd(2027, 1, 31), salesperf.Month, "FY2027 P12"},
		{fyFebStart, ymd(2026, 3, 14), salesperf.Quarter, "FY2026 Q1"},
		{fyJul, ymd(2026, 3, 14), salesperf.Quarter, "FY2026 Q3"},
		{nrf454, ymd(2024, 2, 3), salesperf.Week, "FY2023 W53"},
		{nrf454, ymd(2024, 2, 3), salesperf.Month, "FY2023 P12"},
		{nrf544, ymd(2024, 2, 3), salesperf.Year, "FY2024"},
		{retail445, ymd(2026, 1, 1), salesperf.Year, "FY2026"}, // a retail calendar is fiscal even from January
		{salesperf.Calendar{FiscalYearStart: time.January, Naming: salesperf.NameByStartYear}, ymd(2026, 3, 14), salesperf.Quarter, "2026 Q1"},
	}
	for _, tc := range tests {
		if got := tc.cal.PeriodOfDate(tc.d, tc.grain).String(); got != tc.want {
			t.Errorf("%+v: %v %v = %q, want %q", tc.cal, tc.d, tc.grain, got, tc.want)
		}
	}
	if got := (salesperf.Period{}).String(); got != "Period(invalid)" {
		t.Errorf("zero Period = %q", got)
	}
}

func TestPeriodMethods(t *testing.T) {
	q1 := calendarYear.PeriodOfDate(ymd(2026, 2, 10), salesperf.Quarter)
	jan := calendarYear.PeriodOfDate(ymd(2026, 1, 10), salesperf.Month)
	feb := calendarYear.PeriodOfDate(ymd(2026, 2, 10), salesperf.Month)
	tests := []struct {
		reason string
		got    int
		want   int
	}{
		{"Q1 has 90 days", q1.Days(), 90},
		{"February 2026 has 28 days", feb.Days(), 28},
		{"January before February", jan.Compare(feb), -1},
		{"February after January", feb.Compare(jan), 1},
		{"same start: month before quarter", jan.Compare(q1), -1},
		{"same start: quarter after month", q1.Compare(jan), 1},
		{"equal", q1.Compare(q1), 0},
		{"same dates, fiscal after calendar", fyFebStart.PeriodOfDate(ymd(2026, 3, 1), salesperf.Month).Compare(
			salesperf.Calendar{FiscalYearStart: 2}.PeriodOfDate(ymd(2026, 3, 1), salesperf.Month)), -1},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %d, want %d", tc.reason, tc.got, tc.want)
		}
	}
	if !q1.Contains(ymd(2026, 3, 31)) || q1.Contains(ymd(2026, 4, 1)) || q1.Contains(ymd(2025, 12, 31)) || !q1.Contains(ymd(2026, 1, 1)) {
		t.Error("Q1.Contains is wrong at its edges")
	}
	// Periods are map keys.
	m := map[salesperf.Period]int{}
	for d := ymd(2026, 1, 1); d.Before(ymd(2026, 3, 1)); d = d.AddDays(1) {
		m[calendarYear.PeriodOfDate(d, salesperf.Month)]++
	}
	if m[jan] != 31 || m[feb] != 28 || len(m) != 2 {
		t.Errorf("map by month = %v", m)
	}
}

func TestGrainText(t *testing.T) {
	for g := salesperf.Day; g <= salesperf.Year; g++ {
		b, err := g.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back salesperf.Grain
		if err := back.UnmarshalText(b); err != nil || back != g {
			t.Errorf("round trip of %v: %v, %v", g, back, err)
		}
	}
	names := []string{"day", "week", "month", "quarter", "half", "year"}
	for i, want := range names {
		if got := salesperf.Grain(i + 1).String(); got != want {
			t.Errorf("Grain(%d) = %q, want %q", i+1, got, want)
		}
	}
	if got := salesperf.Grain(0).String(); got != "Grain(0)" {
		t.Errorf("Grain(0) = %q", got)
	}
	if _, err := salesperf.Grain(0).MarshalText(); !errors.Is(err, salesperf.ErrInvalidValue) {
		t.Errorf("MarshalText(0) = %v", err)
	}
	var g salesperf.Grain
	if err := g.UnmarshalText([]byte("fortnight")); !errors.Is(err, salesperf.ErrSyntax) {
		t.Errorf("UnmarshalText(fortnight) = %v", err)
	}
	b, err := json.Marshal(fyFeb.PeriodOfDate(ymd(2026, 3, 14), salesperf.Month))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Grain":"month","Start":"2026-03-01","End":"2026-04-01","Year":2027,"Number":2,"Fiscal":true}`
	if string(b) != want {
		t.Errorf("json = %s\nwant   %s", b, want)
	}
	var p salesperf.Period
	if err := json.Unmarshal(b, &p); err != nil || p != fyFeb.PeriodOfDate(ymd(2026, 3, 14), salesperf.Month) {
		t.Errorf("json round trip = %+v, %v", p, err)
	}
}

// Properties.

var allGrains = []salesperf.Grain{salesperf.Day, salesperf.Week, salesperf.Month, salesperf.Quarter, salesperf.Half, salesperf.Year}

func testLocations(t testing.TB) []*time.Location {
	return []*time.Location{time.UTC, mustLoad(t, "America/New_York"), mustLoad(t, "Europe/Berlin")}
}

func drawCalendar(t *rapid.T, locs []*time.Location) salesperf.Calendar {
	return salesperf.Calendar{
		FiscalYearStart: time.Month(rapid.IntRange(0, 12).Draw(t, "fiscalYearStart")),
		Naming:          salesperf.YearNaming(rapid.IntRange(0, 1).Draw(t, "naming")),
		Location:        rapid.SampledFrom(locs).Draw(t, "location"),
		WeekStart:       time.Weekday(rapid.IntRange(0, 6).Draw(t, "weekStart")),
		Retail:          salesperf.RetailPattern(rapid.IntRange(0, 3).Draw(t, "retail")),
		RetailYearEnd:   salesperf.RetailYearEnd(rapid.IntRange(0, 1).Draw(t, "retailYearEnd")),
	}
}

// drawInstant draws an instant, mostly near the places calendars get wrong:
// daylight-saving changes in loc, 29 February, and fiscal and retail year
// ends (the turn of the month before month fs).
func drawInstant(t *rapid.T, loc *time.Location, fs time.Month) time.Time {
	var base time.Time
	var spread int64 // seconds either side of base
	switch rapid.IntRange(0, 3).Draw(t, "near") {
	case 0: // anywhere
		sec := rapid.Int64Range(time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).Unix()).Draw(t, "unix")
		base = time.Unix(sec, 0)
	case 1: // a daylight-saving change
		y := rapid.IntRange(1980, 2040).Draw(t, "dstYear")
		base = time.Date(y, 1, 1, 0, 0, 0, 0, loc)
		for range rapid.IntRange(1, 2).Draw(t, "nthChange") {
			if _, end := base.ZoneBounds(); !end.IsZero() {
				base = end
			}
		}
		spread = 36 * 3600
	case 2: // 29 February
		y := 4 * rapid.IntRange(475, 525).Draw(t, "leapYear/4")
		base = time.Date(y, 2, 29, 0, 0, 0, 0, loc)
		spread = 3 * 86400
	default: // year ends; retail years end up to a week either side
		y := rapid.IntRange(1980, 2040).Draw(t, "yearEndYear")
		base = time.Date(y, fs, 1, 0, 0, 0, 0, loc)
		spread = 10 * 86400
	}
	off := rapid.Int64Range(-spread, spread).Draw(t, "offsetSeconds")
	ns := rapid.SampledFrom([]int64{0, -1, 1, 500_000_000}).Draw(t, "nanos")
	return base.Add(time.Duration(off)*time.Second + time.Duration(ns))
}

// TestPeriodOfEveryInstantInOne: for every calendar kind and grain, the
// period of an instant contains it, its neighbours do not, and the
// neighbours are contiguous with it.
func TestPeriodOfEveryInstantInOne(t *testing.T) {
	locs := testLocations(t)
	rapid.Check(t, func(t *rapid.T) {
		c := drawCalendar(t, locs)
		tm := drawInstant(t, c.Location, c.FiscalYearStart)
		year := c.PeriodOf(tm, salesperf.Year)
		for _, g := range allGrains {
			p := c.PeriodOf(tm, g)
			s, e := c.Bounds(p)
			if tm.Before(s) || !tm.Before(e) {
				t.Fatalf("%v: %v not in bounds [%v, %v) of %v", g, tm, s, e, p)
			}
			if !c.Contains(p, tm) {
				t.Fatalf("Contains(%v, %v) = false", p, tm)
			}
			next, prev := c.Next(p), c.Prev(p)
			if next.Start != p.End || prev.End != p.Start {
				t.Fatalf("not contiguous: %+v, %+v, %+v", prev, p, next)
			}
			if c.Prev(next) != p || c.Next(prev) != p {
				t.Fatalf("Prev(Next(%+v)) = %+v, Next(Prev) = %+v", p, c.Prev(next), c.Next(prev))
			}
			if c.Contains(next, tm) || c.Contains(prev, tm) {
				t.Fatalf("%v is also in a neighbour of %v", tm, p)
			}
			if c.PeriodOfDate(p.Start, g) != p || c.PeriodOfDate(p.End.AddDays(-1), g) != p {
				t.Fatalf("first or last day of %+v maps elsewhere", p)
			}
			fiscal := c.Retail != salesperf.NotRetail || (c.FiscalYearStart != 0 && c.FiscalYearStart != time.January)
			if p.Grain != g || p.Fiscal != fiscal {
				t.Fatalf("%+v: grain or fiscal flag wrong", p)
			}
			checkNumber(t, c, p)
			if g != salesperf.Week {
				if p.Year != year.Year || p.Start.Before(year.Start) || p.End.After(year.End) {
					t.Fatalf("%+v is not inside its year %+v", p, year)
				}
			}
			if g == salesperf.Week {
				last := c.PeriodOfDate(p.End.AddDays(-1), salesperf.Year)
				if p.Year != last.Year || p.Days() != 7 {
					t.Fatalf("week %+v: not in the year of its last day %+v", p, last)
				}
			}
			if g == salesperf.Day {
				if h := e.Sub(s); h != 24*time.Hour && h != 23*time.Hour && h != 25*time.Hour {
					t.Fatalf("day %v lasts %v", p, h)
				}
			}
		}
		for _, g := range []salesperf.Grain{salesperf.Month, salesperf.Quarter, salesperf.Half} {
			inner, outerP := c.PeriodOf(tm, g), c.PeriodOf(tm, g+1)
			if inner.Start.Before(outerP.Start) || inner.End.After(outerP.End) {
				t.Fatalf("%+v is not inside %+v", inner, outerP)
			}
		}
	})
}

// checkNumber checks p.Number against p's position in its year.
func checkNumber(t *rapid.T, c salesperf.Calendar, p salesperf.Period) {
	most := map[salesperf.Grain]int{salesperf.Day: 371, salesperf.Week: 53, salesperf.Month: 12, salesperf.Quarter: 4, salesperf.Half: 2, salesperf.Year: 1}[p.Grain]
	if p.Number < 1 || p.Number > most {
		t.Fatalf("%+v: number out of 1–%d", p, most)
	}
	if p.Grain == salesperf.Day {
		fy := c.FiscalYear(p.Year)
		if want := fy.Start.DaysUntil(p.Start) + 1; p.Number != want {
			t.Fatalf("%+v: day number %d, want %d", p, p.Number, want)
		}
	}
}

// TestPeriodsTileFiscalYear: the days, weeks, months, quarters and halves
// of a fiscal year start at its start, are contiguous and numbered from 1,
// and end at its end.
func TestPeriodsTileFiscalYear(t *testing.T) {
	locs := testLocations(t)
	rapid.Check(t, func(t *rapid.T) {
		c := drawCalendar(t, locs)
		name := rapid.IntRange(1900, 2100).Draw(t, "fiscalYear")
		fy := c.FiscalYear(name)
		if fy.Year != name || fy.Grain != salesperf.Year || c.PeriodOfDate(fy.Start, salesperf.Year) != fy {
			t.Fatalf("FiscalYear(%d) = %+v", name, fy)
		}
		retail := c.Retail != salesperf.NotRetail
		if retail && fy.Days() != 364 && fy.Days() != 371 {
			t.Fatalf("retail year %+v has %d days", fy, fy.Days())
		}
		if !retail && fy.Days() != 365 && fy.Days() != 366 {
			t.Fatalf("year %+v has %d days", fy, fy.Days())
		}
		counts := map[salesperf.Grain]int{salesperf.Day: fy.Days(), salesperf.Month: 12, salesperf.Quarter: 4, salesperf.Half: 2}
		if retail {
			counts[salesperf.Week] = fy.Days() / 7
		}
		for g, want := range counts {
			p := c.PeriodOfDate(fy.Start, g)
			if p.Start != fy.Start {
				t.Fatalf("first %v %+v does not start the year %+v", g, p, fy)
			}
			for n := 1; ; n++ {
				if p.Number != n || p.Year != name {
					t.Fatalf("%v %d of %d is %+v", g, n, name, p)
				}
				if retail && g == salesperf.Month {
					pattern := map[salesperf.RetailPattern][3]int{salesperf.Retail445: {4, 4, 5}, salesperf.Retail454: {4, 5, 4}, salesperf.Retail544: {5, 4, 4}}[c.Retail]
					weeks := pattern[(n-1)%3]
					if n == 12 && fy.Days() == 371 {
						weeks++
					}
					if p.Days() != 7*weeks {
						t.Fatalf("retail month %+v has %d days, want %d weeks", p, p.Days(), weeks)
					}
				}
				if p.End == fy.End {
					if n != want {
						t.Fatalf("%d has %d %vs, want %d", name, n, g, want)
					}
					break
				}
				if p.End.After(fy.End) || n > want {
					t.Fatalf("%v %+v runs past the year %+v", g, p, fy)
				}
				next := c.Next(p)
				if next.Start != p.End {
					t.Fatalf("gap between %+v and %+v", p, next)
				}
				p = next
			}
		}
		if !retail {
			// Gregorian weeks: week 1 contains the first day; the weeks run
			// on to the week before the one containing the next year's
			// first day.
			p := c.PeriodOfDate(fy.Start, salesperf.Week)
			n := 1
			for ; p.Year == name; n++ {
				if p.Number != n {
					t.Fatalf("week %d of %d is %+v", n, name, p)
				}
				p = c.Next(p)
			}
			if n-1 != 52 && n-1 != 53 {
				t.Fatalf("%d has %d weeks", name, n-1)
			}
			if p.Number != 1 || p.Year != name+1 || !p.Contains(fy.End) {
				t.Fatalf("week after the last of %d is %+v", name, p)
			}
		}
	})
}

// TestCalendarPeriodsIterator: Periods yields contiguous, ordered, distinct periods
// covering [from, to).
func TestCalendarPeriodsIterator(t *testing.T) {
	locs := testLocations(t)
	rapid.Check(t, func(t *rapid.T) {
		c := drawCalendar(t, locs)
		g := rapid.SampledFrom([]salesperf.Grain{salesperf.Day, salesperf.Week, salesperf.Month, salesperf.Quarter}).Draw(t, "grain")
		from := drawInstant(t, c.Location, c.FiscalYearStart)
		to := from.Add(time.Duration(rapid.Int64Range(-10*86400, 200*86400).Draw(t, "spanSeconds")) * time.Second)
		var ps []salesperf.Period
		for p := range c.Periods(from, to, g) {
			ps = append(ps, p)
		}
		if !to.After(from) {
			if len(ps) != 0 {
				t.Fatalf("%d periods for an empty range", len(ps))
			}
			return
		}
		if len(ps) == 0 || !c.Contains(ps[0], from) {
			t.Fatalf("first period does not contain from: %v", ps)
		}
		for i := 1; i < len(ps); i++ {
			if ps[i].Start != ps[i-1].End {
				t.Fatalf("gap: %+v, %+v", ps[i-1], ps[i])
			}
		}
		last := ps[len(ps)-1]
		if s, e := c.Bounds(last); !s.Before(to) || e.Before(to) {
			t.Fatalf("last period %+v [%v, %v) does not end the range at %v", last, s, e, to)
		}
		if !sortedUnique(ps) {
			t.Fatalf("not sorted or not distinct: %v", ps)
		}
	})
}
