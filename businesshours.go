package salesperf

import (
	"fmt"
	"math/bits"
	"time"
)

// BusinessHours is a working week: the days and hours a team works, in a
// location, less holidays. It measures elapsed working time, for lead
// response times and SLA deadlines.
//
// Each working day has one window: from the wall-clock time Open to the
// wall-clock time Close on that day in Location, both built with
// [time.Date]. On a daylight-saving change the window is the real time
// between those wall-clock times (an hour shorter or longer when the change
// falls inside it). A wall-clock time that does not exist that day is
// normalised by time.Date, except midnight (Open 0, Close 24h), which is
// where the day begins (see [Date.In]); should that make Close come no
// later than Open, the day has no working time.
//
// The zero BusinessHours is Monday to Friday, 9:00 to 17:00 UTC, with no
// holidays.
type BusinessHours struct {
	Location *time.Location // where the hours are kept; nil means UTC
	Days     []time.Weekday // working days; nil means Monday to Friday
	Open     time.Duration  // wall-clock start of the working day, since midnight; Open and Close both zero mean 9:00–17:00
	Close    time.Duration  // wall-clock end of the working day (exclusive), at most 24h
	Holidays []Date         // whole days off, in Location
}

// Validate reports a BusinessHours its methods cannot use: Open negative,
// Close beyond 24h, Open not before Close (unless both are zero), a
// non-nil but empty Days, a day outside Sunday–Saturday, or a holiday that
// is not a real date. The error wraps [ErrInvalidValue].
func (b BusinessHours) Validate() error {
	open, close := b.hours()
	switch {
	case open < 0:
		return fmt.Errorf("salesperf: business hours: open %v is negative: %w", open, ErrInvalidValue)
	case close > 24*time.Hour:
		return fmt.Errorf("salesperf: business hours: close %v is after 24h: %w", close, ErrInvalidValue)
	case open >= close:
		return fmt.Errorf("salesperf: business hours: open %v is not before close %v: %w", open, close, ErrInvalidValue)
	case b.Days != nil && len(b.Days) == 0:
		return fmt.Errorf("salesperf: business hours: no working days: %w", ErrInvalidValue)
	}
	for _, d := range b.Days {
		if d < time.Sunday || d > time.Saturday {
			return fmt.Errorf("salesperf: business hours: day %d is not a weekday: %w", int(d), ErrInvalidValue)
		}
	}
	for _, h := range b.Holidays {
		if !h.valid() {
			return fmt.Errorf("salesperf: business hours: holiday %v is not a date: %w", h, ErrInvalidValue)
		}
	}
	return nil
}

// Elapsed returns the working time between the instants from and to: the
// total length of the parts of working-day windows that lie in [from, to).
// It is never more than to minus from, and it is additive:
// Elapsed(a, b) + Elapsed(b, c) == Elapsed(a, c) for any a, b, c. When to is
// before from it returns -Elapsed(to, from).
//
// The cost is a few operations per holiday (squared in the number of
// holidays inside the span) and per daylight-saving change inside the span,
// plus a constant; the number of days does not matter. Elapsed panics if b
// is invalid (see [BusinessHours.Validate]).
func (b BusinessHours) Elapsed(from, to time.Time) time.Duration {
	if to.Before(from) {
		return -b.Elapsed(to, from)
	}
	b.mustValidate()
	loc := b.loc()
	zf := DateOf(from.In(loc)).days()
	zt := DateOf(to.In(loc)).days()
	total := b.overlap(zf, from, to)
	if zt == zf {
		return total
	}
	total += b.overlap(zt, from, to)
	if zt-zf > 1 {
		total += b.fullDays(zf+1, zt-1)
	}
	return total
}

// IsWorking reports whether the instant t falls in a working-day window:
// on a working day that is not a holiday, at or after Open and before
// Close. It panics if b is invalid.
func (b BusinessHours) IsWorking(t time.Time) bool {
	b.mustValidate()
	loc := b.loc()
	z := DateOf(t.In(loc)).days()
	if !b.workday(z) {
		return false
	}
	s, e := b.window(z)
	return !t.Before(s) && t.Before(e)
}

// Add returns the earliest instant at which d of working time has elapsed
// since t, so Elapsed(t, Add(t, d)) == d: an SLA deadline. When d runs out
// exactly at a window's end, the result is that end, not the next opening.
// Add(t, 0) is t. The result is in b's location.
//
// The cost grows with the number of days the deadline is away. Add panics
// if d is negative or b is invalid.
func (b BusinessHours) Add(t time.Time, d time.Duration) time.Time {
	if d < 0 {
		panic(fmt.Sprintf("salesperf: business hours: add negative duration %v", d))
	}
	b.mustValidate()
	loc := b.loc()
	t = t.In(loc)
	if d == 0 {
		return t
	}
	for z := DateOf(t).days(); ; z++ {
		if !b.workday(z) {
			continue
		}
		s, e := b.window(z)
		if s.Before(t) {
			s = t
		}
		if !s.Before(e) {
			continue
		}
		if avail := e.Sub(s); d > avail {
			d -= avail
			continue
		}
		return s.Add(d)
	}
}

func (b BusinessHours) mustValidate() {
	if err := b.Validate(); err != nil {
		panic(err)
	}
}

func (b BusinessHours) loc() *time.Location {
	if b.Location == nil {
		return time.UTC
	}
	return b.Location
}

// hours returns the working day's open and close times of day.
func (b BusinessHours) hours() (open, close time.Duration) {
	if b.Open == 0 && b.Close == 0 {
		return 9 * time.Hour, 17 * time.Hour
	}
	return b.Open, b.Close
}

// dayMask returns the working weekdays as a bit set (bit 0 is Sunday).
func (b BusinessHours) dayMask() uint8 {
	if b.Days == nil {
		return 0b0111110
	}
	var m uint8
	for _, d := range b.Days {
		m |= 1 << uint(d)
	}
	return m
}

// holiday reports whether day z is in Holidays.
func (b BusinessHours) holiday(z int) bool {
	for _, h := range b.Holidays {
		if h.days() == z {
			return true
		}
	}
	return false
}

// workday reports whether day z is a working day and not a holiday.
func (b BusinessHours) workday(z int) bool {
	return b.dayMask()&(1<<uint(weekdayOfDays(z))) != 0 && !b.holiday(z)
}

// window returns day z's working window [s, e); it is empty (e not after
// s) only when a daylight-saving jump swallows it.
func (b BusinessHours) window(z int) (s, e time.Time) {
	open, close := b.hours()
	d, loc := dateFromDays(z), b.loc()
	return wallClock(d, open, loc), wallClock(d, close, loc)
}

// windowLen returns the length of day z's window, zero if it is empty.
func (b BusinessHours) windowLen(z int) time.Duration {
	s, e := b.window(z)
	if !s.Before(e) {
		return 0
	}
	return e.Sub(s)
}

// wallClock returns the instant of wall-clock time of day off on d in loc.
// Midnight (0 and 24h) is where the day begins, as [Date.In] says, even
// where the clocks jump at midnight.
func wallClock(d Date, off time.Duration, loc *time.Location) time.Time {
	switch off {
	case 0:
		return d.In(loc)
	case 24 * time.Hour:
		return d.AddDays(1).In(loc)
	}
	h := off / time.Hour
	off -= h * time.Hour
	m := off / time.Minute
	off -= m * time.Minute
	s := off / time.Second
	off -= s * time.Second
	return time.Date(d.Year, d.Month, d.Day, int(h), int(m), int(s), int(off), loc)
}

// overlap returns the working time of day z that lies in [from, to).
func (b BusinessHours) overlap(z int, from, to time.Time) time.Duration {
	if !b.workday(z) {
		return 0
	}
	s, e := b.window(z)
	if s.Before(from) {
		s = from
	}
	if e.After(to) {
		e = to
	}
	if !s.Before(e) {
		return 0
	}
	return e.Sub(s)
}

// fullDays returns the working time of the whole days a to z (inclusive)
// without visiting each day: working weekdays times the nominal window,
// less holidays, corrected on the days with a daylight-saving change.
func (b BusinessHours) fullDays(a, z int) time.Duration {
	mask := b.dayMask()
	n := z - a + 1
	count := n / 7 * bits.OnesCount8(mask)
	for d := a + n/7*7; d <= z; d++ {
		if mask&(1<<uint(weekdayOfDays(d))) != 0 {
			count++
		}
	}
	// Holidays on working weekdays in range, each counted once.
	for i, h := range b.Holidays {
		d := h.days()
		if d < a || d > z || mask&(1<<uint(weekdayOfDays(d))) == 0 {
			continue
		}
		dup := false
		for _, g := range b.Holidays[:i] {
			if g.days() == d {
				dup = true
				break
			}
		}
		if !dup {
			count--
		}
	}
	open, close := b.hours()
	nominal := close - open
	total := time.Duration(count) * nominal
	// Daylight-saving changes: the window of the day of a change (or the
	// day before, for a change at midnight) may differ from the nominal one.
	// The search starts a day early, so that a change at the very start of
	// day a (where day a's midnight does not exist) is not missed.
	loc := b.loc()
	end := dateFromDays(z + 1).In(loc)
	last := a - 1 // last day already corrected
	for t := dateFromDays(a - 1).In(loc); ; {
		_, next := t.ZoneBounds()
		if next.IsZero() || next.After(end) || !next.After(t) {
			break
		}
		day := DateOf(next).days()
		for d := max(day-1, last+1, a); d <= min(day, z); d++ {
			if b.workday(d) {
				total += b.windowLen(d) - nominal
			}
			last = d
		}
		t = next
	}
	return total
}
