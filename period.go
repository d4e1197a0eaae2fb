package salesperf

import (
	"cmp"
	"fmt"
	"strconv"
)

// Grain is the length of a [Period]: a day, week, month, quarter, half year
// or year. The zero Grain is invalid, so a forgotten grain is caught:
// [Calendar] methods panic on it.
type Grain int8

// The grains, from finest to coarsest.
const (
	Day     Grain = iota + 1 // one day
	Week                     // seven days, starting on the calendar's WeekStart
	Month                    // a Gregorian month, or a retail month of 4 or 5 weeks (one more in a 53-week year's last month)
	Quarter                  // three months; 13 weeks (14 in a 53-week year's last quarter) in a retail calendar
	Half                     // two quarters
	Year                     // a calendar, fiscal or retail year
)

// String returns the grain's name in lower case: "day", "week", "month",
// "quarter", "half" or "year"; for an invalid grain, "Grain(N)".
func (g Grain) String() string {
	if !g.valid() {
		return "Grain(" + strconv.Itoa(int(g)) + ")"
	}
	return g.name()
}

// MarshalText implements [encoding.TextMarshaler] with the name String
// returns. It fails, wrapping [ErrInvalidValue], for an invalid grain.
func (g Grain) MarshalText() ([]byte, error) {
	if !g.valid() {
		return nil, fmt.Errorf("salesperf: marshal grain %d: %w", int(g), ErrInvalidValue)
	}
	return []byte(g.name()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]: it accepts the names
// String returns ("day" … "year"); anything else is an error wrapping
// [ErrSyntax].
func (g *Grain) UnmarshalText(text []byte) error {
	for v := Day; v <= Year; v++ {
		if v.name() == string(text) {
			*g = v
			return nil
		}
	}
	return fmt.Errorf("salesperf: parse grain %q: %w", text, ErrSyntax)
}

func (g Grain) valid() bool { return g >= Day && g <= Year }

// name returns the grain's name, "" for an invalid grain.
func (g Grain) name() string {
	switch g {
	case Day:
		return "day"
	case Week:
		return "week"
	case Month:
		return "month"
	case Quarter:
		return "quarter"
	case Half:
		return "half"
	case Year:
		return "year"
	}
	return ""
}

// Period is one day, week, month, quarter, half or year of a [Calendar]:
// the civil days [Start, End). Periods are made by a Calendar (PeriodOf,
// PeriodOfDate, FiscalYear, Next, Prev, Periods); the instants they span
// depend on the calendar's location, see [Calendar.Bounds].
//
// A Period is comparable with == and safe as a map key: two periods are
// equal when they are the same period of the same kind of calendar. The
// zero Period is not a period of any calendar.
type Period struct {
	Grain  Grain
	Start  Date // first day, inclusive
	End    Date // the day after the last day, exclusive
	Year   int  // name of the (fiscal) year the period belongs to, e.g. 2027 for FY2027
	Number int  // 1-based position in that year: day 1–371, week 1–53, month 1–12, quarter 1–4, half 1–2; 1 for a year
	Fiscal bool // the calendar is not the plain calendar year (a fiscal year not starting in January, or a retail calendar); labels then say "FY"
}

// Compare orders periods by Start, then by Grain (finer first), then by the
// remaining fields (End, Year, Number, Fiscal), so that Compare returns 0
// only for equal periods. It returns -1, 0 or +1.
func (p Period) Compare(q Period) int {
	if c := p.Start.Compare(q.Start); c != 0 {
		return c
	}
	if p.Grain != q.Grain {
		return cmp.Compare(int(p.Grain), int(q.Grain))
	}
	if c := p.End.Compare(q.End); c != 0 {
		return c
	}
	if p.Year != q.Year {
		return cmp.Compare(p.Year, q.Year)
	}
	if p.Number != q.Number {
		return cmp.Compare(p.Number, q.Number)
	}
	switch {
	case p.Fiscal == q.Fiscal:
		return 0
	case q.Fiscal:
		return -1
	}
	return 1
}

// Contains reports whether the civil date d lies in p: Start <= d < End.
// For an instant, use [Calendar.Contains], which knows the location.
func (p Period) Contains(d Date) bool {
	return !d.Before(p.Start) && d.Before(p.End)
}

// Days returns the number of days in p (End minus Start). A day period has
// 1 day, whatever its number of hours.
func (p Period) Days() int {
	return p.Start.DaysUntil(p.End)
}

// String returns the period's label. The forms, for the plain calendar year
// and for a fiscal or retail calendar (Fiscal true), are
//
//	grain    calendar year   fiscal or retail
//	year     2026            FY2027
//	half     2026 H1         FY2027 H1
//	quarter  2026 Q1         FY2027 Q1
//	month    2026-03         FY2027 P01
//	week     2026 W09        FY2027 W09
//	day      2026-03-14      2026-03-14
//
// A fiscal month is labelled by its position in the fiscal year (P01 is the
// first fiscal month), since its dates need not match a Gregorian month. A
// week carries the name of the year it is numbered in (see [Calendar]),
// which may differ from the year its first day falls in. A Period with an
// invalid Grain prints as "Period(invalid)".
func (p Period) String() string {
	var prefix string
	if p.Fiscal {
		prefix = "FY" + year4(p.Year)
	} else {
		prefix = year4(p.Year)
	}
	switch p.Grain {
	case Year:
		return prefix
	case Half:
		return prefix + " H" + strconv.Itoa(p.Number)
	case Quarter:
		return prefix + " Q" + strconv.Itoa(p.Number)
	case Month:
		if p.Fiscal {
			return prefix + " P" + pad2(p.Number)
		}
		return year4(p.Start.Year) + "-" + pad2(int(p.Start.Month))
	case Week:
		return prefix + " W" + pad2(p.Number)
	case Day:
		return p.Start.String()
	}
	return "Period(invalid)"
}

// year4 formats a year with at least four digits.
func year4(y int) string {
	if y >= 0 && y < 1000 {
		return fmt.Sprintf("%04d", y)
	}
	return strconv.Itoa(y)
}

// pad2 formats n with at least two digits.
func pad2(n int) string {
	if n >= 0 && n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
