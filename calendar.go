package salesperf

import (
	"fmt"
	"iter"
	"time"
)

// YearNaming says which calendar year gives a fiscal year its name.
type YearNaming int8

// The ways to name a fiscal year.
const (
	// NameByEndYear names a fiscal year by the calendar year it ends in:
	// February 2026 – January 2027 is FY2027. It is the zero value.
	NameByEndYear YearNaming = iota
	// NameByStartYear names a fiscal year by the calendar year it starts
	// in: February 2026 – January 2027 is FY2026 (the NRF retail
	// convention).
	NameByStartYear
)

// RetailPattern says whether a [Calendar] is a retail (52/53-week)
// calendar and, if so, how many weeks each month of a quarter has.
type RetailPattern int8

// The month patterns. In every retail pattern a quarter is 13 weeks; the
// 53rd week of a long year goes to the last month (and so the last quarter
// and half) of the year.
const (
	NotRetail RetailPattern = iota // Gregorian months (the zero value)
	Retail445                      // months of 4, 4 and 5 weeks in each quarter
	Retail454                      // months of 4, 5 and 4 weeks in each quarter (the NRF calendar)
	Retail544                      // months of 5, 4 and 4 weeks in each quarter
)

// RetailYearEnd says on which day a retail year ends. A retail year ends on
// its EndWeekday, the day before the calendar's WeekStart, at or near the
// end of the month before FiscalYearStart (its end month).
type RetailYearEnd int8

// The retail year-end rules.
const (
	// LastWeekday ends the year on the last EndWeekday of the end month
	// (the zero value).
	LastWeekday RetailYearEnd = iota
	// NearestWeekday ends the year on the EndWeekday nearest the last day
	// of the end month, up to three days into the next month (NRF: the
	// Saturday nearest 31 January).
	NearestWeekday
)

// Calendar maps instants and dates to [Period]s: days, weeks, months,
// quarters, halves and years of a calendar, fiscal or retail year.
//
// The zero Calendar is the calendar year in UTC, with weeks from Sunday.
//
// Fiscal years. FiscalYearStart is the first month of the fiscal year (0
// means January); with February, the fiscal year February 2026 – January
// 2027 is FY2027 by default (Naming NameByEndYear), FY2026 with
// NameByStartYear. Every calendar except the plain calendar year (January
// start, not retail) makes Fiscal periods, labelled "FY…".
//
// Weeks (Gregorian calendars). A week starts on WeekStart (zero value:
// Sunday) and belongs to the fiscal year in which it ends, that is, which
// holds its last day. So week 1 of a year is the week that contains the
// year's first day, even when it starts in the previous year, and the last
// days of a year may be part of week 1 of the next. A year has 52 or 53
// weeks. Months, quarters, halves and years of a Gregorian calendar are
// whole months, from FiscalYearStart.
//
// Retail calendars (Retail set). A retail year is 52 or 53 whole weeks
// starting on WeekStart; it ends on the day before WeekStart (its
// EndWeekday) at the end of the month before FiscalYearStart, on the last
// such day of that month or the nearest one, as RetailYearEnd says. With
// FiscalYearStart February, WeekStart Sunday, Retail454 and NearestWeekday
// it is the NRF 4-5-4 calendar: years end on the Saturday nearest 31
// January. A retail year is named like the Gregorian fiscal year it stands
// for (the one with the same FiscalYearStart). Quarters are 13 weeks and
// halves 26; months follow the pattern (4-4-5 …); in a 53-week year the extra
// week is added to the last month, quarter and half.
//
// Location (nil means UTC) is where days begin and end: instants are
// converted to it, and period bounds are midnights in it, so a day period
// spans 23 or 25 hours on a daylight-saving change.
//
// A Calendar is a small value; copy it freely. Its methods panic if a field
// is outside its range (see [Calendar.Validate]) or on an invalid [Grain].
type Calendar struct {
	FiscalYearStart time.Month     // first month of the fiscal year; 0 means January
	Naming          YearNaming     // how a fiscal year is named; zero: by the year it ends in
	Location        *time.Location // where days begin; nil means UTC
	WeekStart       time.Weekday   // first day of a week; zero value Sunday
	Retail          RetailPattern  // zero: Gregorian months; else 52/53-week years with this month pattern
	RetailYearEnd   RetailYearEnd  // for retail calendars: last or nearest EndWeekday
}

// Validate reports a field outside its range: FiscalYearStart not 0–12,
// WeekStart not Sunday–Saturday, or Naming, Retail or RetailYearEnd not
// one of their constants. The error wraps [ErrInvalidValue].
func (c Calendar) Validate() error {
	switch {
	case c.FiscalYearStart < 0 || c.FiscalYearStart > time.December:
		return fmt.Errorf("salesperf: calendar: fiscal year start %d is not a month: %w", int(c.FiscalYearStart), ErrInvalidValue)
	case c.WeekStart < time.Sunday || c.WeekStart > time.Saturday:
		return fmt.Errorf("salesperf: calendar: week start %d is not a weekday: %w", int(c.WeekStart), ErrInvalidValue)
	case c.Naming != NameByEndYear && c.Naming != NameByStartYear:
		return fmt.Errorf("salesperf: calendar: unknown year naming %d: %w", int(c.Naming), ErrInvalidValue)
	case c.Retail < NotRetail || c.Retail > Retail544:
		return fmt.Errorf("salesperf: calendar: unknown retail pattern %d: %w", int(c.Retail), ErrInvalidValue)
	case c.RetailYearEnd != LastWeekday && c.RetailYearEnd != NearestWeekday:
		return fmt.Errorf("salesperf: calendar: unknown retail year end %d: %w", int(c.RetailYearEnd), ErrInvalidValue)
	}
	return nil
}

// PeriodOf returns the period of grain g that contains the instant t, after
// converting t to the calendar's location. It does not allocate.
//
// PeriodOf panics if g is not a valid Grain or c is invalid (see
// [Calendar.Validate]).
func (c Calendar) PeriodOf(t time.Time, g Grain) Period {
	return c.PeriodOfDate(DateOf(t.In(c.loc())), g)
}

// PeriodOfDate returns the period of grain g that contains the civil date d
// (normalised like [time.Date] if its fields are out of range).
// It panics if g is not a valid Grain or c is invalid.
func (c Calendar) PeriodOfDate(d Date, g Grain) Period {
	c.check(g)
	if c.Retail != NotRetail {
		return c.retailPeriod(d.days(), g)
	}
	if !d.valid() {
		d = dateFromDays(d.days())
	}
	return c.gregorianPeriod(d, g)
}

// FiscalYear returns the Year period named name: with the default naming
// and FiscalYearStart February, FiscalYear(2027) is February 2026 – January
// 2027. It panics if c is invalid.
func (c Calendar) FiscalYear(name int) Period {
	ey := name
	if c.Naming == NameByStartYear && c.fiscalStart() != time.January {
		ey = name + 1
	}
	c.check(Year)
	if c.Retail != NotRetail {
		return c.retailPeriod(c.retailEnd(ey-1)+1, Year)
	}
	return c.gregorianPeriod(dateFromDays(c.gregorianStart(ey)), Year)
}

// Bounds returns the instants at which p starts and ends, [start, end), in
// the calendar's location: the midnights beginning p.Start and p.End. p
// should come from c.
func (c Calendar) Bounds(p Period) (start, end time.Time) {
	loc := c.loc()
	return p.Start.In(loc), p.End.In(loc)
}

// Contains reports whether the instant t, in the calendar's location, falls
// in p: whether PeriodOf(t, p.Grain) == p when p comes from c.
func (c Calendar) Contains(p Period, t time.Time) bool {
	return p.Contains(DateOf(t.In(c.loc())))
}

// Next returns the period of the same grain that follows p, crossing year
// ends: Next(p).Start == p.End. p must come from c; Next panics if p's grain
// is invalid (the zero Period) or c is invalid.
func (c Calendar) Next(p Period) Period {
	return c.PeriodOfDate(p.End, p.Grain)
}

// Prev returns the period of the same grain that precedes p:
// Prev(p).End == p.Start and Prev(Next(p)) == p. p must come from c; Prev
// panics if p's grain is invalid (the zero Period) or c is invalid.
func (c Calendar) Prev(p Period) Period {
	return c.PeriodOfDate(p.Start.AddDays(-1), p.Grain)
}

// Periods returns an iterator over every period of grain g that overlaps
// the instants [from, to), in order: the period containing from, then each
// next one while it starts before to. The sequence is empty when to is not
// after from. Periods panics (when called, not when iterated) if g is not a
// valid Grain or c is invalid.
func (c Calendar) Periods(from, to time.Time, g Grain) iter.Seq[Period] {
	c.check(g)
	return func(yield func(Period) bool) {
		if !from.Before(to) {
			return
		}
		loc := c.loc()
		for p := c.PeriodOf(from, g); p.Start.In(loc).Before(to); p = c.Next(p) {
			if !yield(p) {
				return
			}
		}
	}
}

// check panics on an invalid grain or calendar.
func (c Calendar) check(g Grain) {
	if !g.valid() {
		panic("salesperf: invalid grain " + g.String())
	}
	if err := c.Validate(); err != nil {
		panic(err)
	}
}

func (c Calendar) loc() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

func (c Calendar) fiscalStart() time.Month {
	if c.FiscalYearStart == 0 {
		return time.January
	}
	return c.FiscalYearStart
}

// fiscal reports whether the calendar is anything but the calendar year.
func (c Calendar) fiscal() bool {
	return c.Retail != NotRetail || c.fiscalStart() != time.January
}

// endYear returns the calendar year in which the Gregorian fiscal year
// containing the (valid) date d ends.
func (c Calendar) endYear(d Date) int {
	if fs := c.fiscalStart(); fs != time.January && d.Month >= fs {
		return d.Year + 1
	}
	return d.Year
}

// yearName returns the name of the fiscal year ending in calendar year ey.
func (c Calendar) yearName(ey int) int {
	if c.Naming == NameByStartYear && c.fiscalStart() != time.January {
		return ey - 1
	}
	return ey
}

// gregorianStart returns the first day of the Gregorian fiscal year ending
// in calendar year ey.
func (c Calendar) gregorianStart(ey int) int {
	fs := c.fiscalStart()
	sy := ey
	if fs != time.January {
		sy = ey - 1
	}
	return Date{sy, fs, 1}.days()
}

// gregorianPeriod returns the period of grain g containing the valid
// date d in a Gregorian (non-retail) calendar.
func (c Calendar) gregorianPeriod(d Date, g Grain) Period {
	p := Period{Grain: g, Fiscal: c.fiscal()}
	switch g {
	case Day:
		z := d.days()
		ey := c.endYear(d)
		p.Start, p.End = d, dateFromDays(z+1)
		p.Year, p.Number = c.yearName(ey), z-c.gregorianStart(ey)+1
	case Week:
		z := d.days()
		ws := z - modFloor(int(weekdayOfDays(z))-int(c.WeekStart), 7)
		ey := c.endYear(dateFromDays(ws + 6)) // the week belongs to the year of its last day
		ys := c.gregorianStart(ey)
		first := ys - modFloor(int(weekdayOfDays(ys))-int(c.WeekStart), 7)
		p.Start, p.End = dateFromDays(ws), dateFromDays(ws+7)
		p.Year, p.Number = c.yearName(ey), (ws-first)/7+1
	default:
		k := 12 // months per period
		switch g {
		case Month:
			k = 1
		case Quarter:
			k = 3
		case Half:
			k = 6
		}
		fs := int(c.fiscalStart())
		mi := int(d.Month) - fs // months since the fiscal year began
		if mi < 0 {
			mi += 12
		}
		i := mi / k
		s0 := int(d.Month) - 1 - mi + i*k // 0-based month of the period's start, in d.Year's terms
		sy, sm := monthIndex(d.Year, s0)
		ey, em := monthIndex(d.Year, s0+k)
		p.Start, p.End = Date{sy, sm, 1}, Date{ey, em, 1}
		p.Year, p.Number = c.yearName(c.endYear(d)), i+1
	}
	return p
}
