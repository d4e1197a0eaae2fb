package salesperf

import (
	"cmp"
	"fmt"
	"time"
)

// Date is a civil date: a year, month and day with no time of day and no
// time zone, such as a holiday or the first day of a fiscal quarter. It is
// comparable with == and safe as a map key, unlike [time.Time].
//
// The zero Date (year 0, month 0, day 0) is not a real day; [Date.IsZero]
// reports it and it marshals to the empty string. Methods that do
// arithmetic (AddDays, DaysUntil, Weekday, In) normalise a Date whose fields
// are out of range the way [time.Date] does (2026-02-30 counts as
// 2026-03-02); [ParseDate] never produces such a Date.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the civil date of t in t's own location. To get the date
// in another location, convert first: DateOf(t.In(loc)).
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// In returns the instant at which d begins in loc: midnight, or where
// midnight does not exist because the clocks jump forward at midnight
// (America/Havana, Asia/Beirut), the instant of the jump, the first
// instant whose date is d. A nil loc means UTC.
func (d Date) In(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
	// time.Date may normalise a missing midnight backwards, to an instant
	// of the day before (Havana: 23:00 CST on 7 March 2026 for 00:00 on
	// the 8th); the day then begins at the next zone change.
	nd := d
	if !d.valid() {
		nd = dateFromDays(d.days())
	}
	if DateOf(t) != nd {
		if _, next := t.ZoneBounds(); !next.IsZero() && DateOf(next) == nd {
			return next
		}
	}
	return t
}

// AddDays returns the date n days after d (before d when n is negative).
func (d Date) AddDays(n int) Date {
	return dateFromDays(d.days() + n)
}

// AddMonths returns the date n months after d (before d when n is
// negative), clamping the day to the end of the target month: 31 January
// plus one month is 28 February, or 29 February in a leap year.
func (d Date) AddMonths(n int) Date {
	y, m := monthIndex(d.Year, int(d.Month)-1+n)
	day := d.Day
	if last := daysInMonth(y, m); day > last {
		day = last
	}
	return Date{y, m, day}
}

// Compare returns -1 if d is before e, +1 if d is after e and 0 if they are
// the same date. It compares the fields in order (year, month, day), which is
// chronological order for dates with fields in range.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp.Compare(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp.Compare(int(d.Month), int(e.Month))
	default:
		return cmp.Compare(d.Day, e.Day)
	}
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// IsZero reports whether d is the zero Date, which usually means "not set".
func (d Date) IsZero() bool { return d == Date{} }

// Weekday returns the day of the week of d in the proleptic Gregorian
// calendar.
func (d Date) Weekday() time.Weekday {
	return weekdayOfDays(d.days())
}

// DaysUntil returns the number of days from d to e: e minus d, negative when
// e is before d. d.AddDays(d.DaysUntil(e)) == e for dates in range.
func (d Date) DaysUntil(e Date) int {
	return e.days() - d.days()
}

// String returns d in the form "2026-03-14" (ISO 8601, four-digit year).
// Years outside 0–9999 are printed with as many digits and the sign they
// need; the zero Date prints as "0000-00-00".
func (d Date) String() string {
	if d.Year >= 0 && d.Year <= 9999 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	return fmt.Sprintf("%+05d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// ParseDate parses a date in the form "2026-03-14": a four-digit year, a
// two-digit month and a two-digit day separated by hyphens, nothing else.
// A day that does not exist in its month (2026-02-30) is rejected. The error
// wraps [ErrSyntax].
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("salesperf: parse date %q: want YYYY-MM-DD: %w", s, ErrSyntax)
	}
	y, ok1 := dateDigits(s[0:4])
	m, ok2 := dateDigits(s[5:7])
	d, ok3 := dateDigits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("salesperf: parse date %q: want YYYY-MM-DD: %w", s, ErrSyntax)
	}
	if m < 1 || m > 12 || d < 1 || d > daysInMonth(y, time.Month(m)) {
		return Date{}, fmt.Errorf("salesperf: parse date %q: no such day: %w", s, ErrSyntax)
	}
	return Date{y, time.Month(m), d}, nil
}

// MarshalText implements [encoding.TextMarshaler]: the form "2026-03-14",
// or the empty string for the zero Date. It fails, with an error wrapping
// [ErrInvalidValue], for a date that [ParseDate] could not read back (a year
// outside 0–9999, or fields out of range).
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	if !d.valid() || d.Year < 0 || d.Year > 9999 {
		return nil, fmt.Errorf("salesperf: marshal date %v: %w", d, ErrInvalidValue)
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]: it accepts what
// [ParseDate] accepts, and the empty string as the zero Date.
func (d *Date) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(text))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// valid reports whether d's fields are in range (a real day).
func (d Date) valid() bool {
	return d.Month >= time.January && d.Month <= time.December &&
		d.Day >= 1 && d.Day <= daysInMonth(d.Year, d.Month)
}

// days returns the number of days from 1970-01-01 to d, normalising
// out-of-range fields like time.Date does. Algorithm: H. Hinnant,
// "chrono-Compatible Low-Level Date Algorithms" (days_from_civil), with
// unsigned arithmetic inside a 400-year era.
func (d Date) days() int {
	y, m := d.Year, int(d.Month)
	if m < 1 || m > 12 {
		var mm time.Month
		y, mm = monthIndex(y, m-1)
		m = int(mm)
	}
	if m <= 2 {
		y--
	}
	era := divFloor(y, 400)
	yoe := uint(y - era*400)                // [0, 399]
	mp := uint(m+9) % 12                    // March is 0
	doy := int((153*mp+2)/5) + d.Day - 1    // day of the March-based year
	doe := int(yoe*365+yoe/4-yoe/100) + doy // days into the era
	return era*146097 + doe - 719468
}

// dateFromDays is the inverse of Date.days (Hinnant's civil_from_days).
func dateFromDays(z int) Date {
	z += 719468
	era := divFloor(z, 146097)
	doe := uint(z - era*146097) // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := int(yoe) + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := int(doy - (153*mp+2)/5 + 1)
	m := int(mp) + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{y, time.Month(m), day}
}

// weekdayOfDays returns the weekday of the day z days after 1970-01-01 (a Thursday).
func weekdayOfDays(z int) time.Weekday {
	return time.Weekday(modFloor(z+4, 7))
}

// monthIndex returns the year and month that lie m0 months (0-based) after
// January of year y.
func monthIndex(y, m0 int) (int, time.Month) {
	return y + divFloor(m0, 12), time.Month(modFloor(m0, 12) + 1)
}

// daysInMonth returns the number of days in month m of year y.
func daysInMonth(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	default:
		return 31
	}
}

// dateDigits parses s as a non-negative decimal number of ASCII digits only.
func dateDigits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// divFloor returns a/b rounded towards minus infinity; b must be positive.
func divFloor(a, b int) int {
	if a >= 0 {
		return int(uint(a) / uint(b))
	}
	return -int(uint(-(a+1))/uint(b)) - 1
}

// modFloor returns a modulo b in [0, b); b must be positive.
func modFloor(a, b int) int {
	return a - divFloor(a, b)*b
}
