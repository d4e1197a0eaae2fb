package salesperf

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strings"
	"sync"
	"time"
)

// NoInstant is the value an instant column holds for a zero time.Time
// (an open deal's Closed, a deal created on an unknown date). It is
// math.MinInt64, an instant (in 1677) that no table holds otherwise.
const NoInstant int64 = math.MinInt64

// NoDay is the value a day column holds for a zero [Date] (no expected
// close date) or a zero instant. It is math.MinInt32, a day (5.9 million
// years ago) that no table holds otherwise.
const NoDay int32 = math.MinInt32

// The instants a table holds: from 1678-01-01 00:00 UTC (included) to
// 2262-01-01 00:00 UTC (excluded), the whole years that int64 Unix
// nanoseconds reach.
var (
	firstHeldSecond = time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	endHeldSecond   = time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
)

// instant returns t as Unix nanoseconds, NoInstant for the zero time, and
// false when t is outside the years 1678–2261 (in UTC, whatever t's
// location) that int64 nanoseconds hold.
func instant(t time.Time) (int64, bool) {
	if t.IsZero() {
		return NoInstant, true
	}
	if s := t.Unix(); s < firstHeldSecond || s >= endHeldSecond {
		return 0, false
	}
	return t.UnixNano(), true
}

// CanHold reports whether a table's instant column can hold t: the zero
// time (held as [NoInstant]) or an instant from 1678-01-01 to 2262-01-01
// in UTC, the span of int64 Unix nanoseconds. Append refuses a record
// holding any other instant with ErrOutOfRange.
func CanHold(t time.Time) bool {
	_, ok := instant(t)
	return ok
}

// timeOf is the inverse of instant, in UTC.
func timeOf(ns int64) time.Time {
	if ns == NoInstant {
		return time.Time{}
	}
	return time.Unix(0, ns).UTC()
}

// dayNumber returns d as days since 1970-01-01, NoDay for the zero Date,
// and false when d is too far from 1970 (about 5.9 million years) for an
// int32 other than NoDay.
func dayNumber(d Date) (int32, bool) {
	if d.IsZero() {
		return NoDay, true
	}
	n := d.days()
	if n <= math.MinInt32 || n > math.MaxInt32 {
		return 0, false
	}
	return int32(n), true
}

// dateOfDay is the inverse of dayNumber.
func dateOfDay(n int32) Date {
	if n == NoDay {
		return Date{}
	}
	return dateFromDays(int(n))
}

// DayOf returns the day number of d: the days from 1970-01-01 to d
// (negative before; 2026-03-07 is 20519), the form day columns hold, so
// that the days between two dates are a subtraction. The zero Date is
// [NoDay]. A Date with fields out of range counts as [time.Date] would
// (2026-02-30 is 2026-03-02). Dates more than about 5.9 million years from
// 1970 have no day number: DayOf gives a wrong one, and
// [DealTable.Append] refuses them.
func DayOf(d Date) int32 {
	n, _ := dayNumber(d)
	return n
}

// DateOfDay returns the date of day number n, the inverse of [DayOf]:
// DateOfDay(20519) is 2026-03-07, DateOfDay([NoDay]) the zero Date.
func DateOfDay(n int32) Date { return dateOfDay(n) }

// DayNumber returns the day number ([DayOf]), in loc (nil means UTC), of
// the instant ns Unix nanoseconds: the calendar day a rep in loc would
// write down. [NoInstant] (no date recorded) gives [NoDay].
func DayNumber(ns int64, loc *time.Location) int32 {
	if ns == NoInstant {
		return NoDay
	}
	if loc == nil || loc == time.UTC {
		return int32(floorDivInt64(ns, 86400e9))
	}
	return DayOf(DateOf(time.Unix(0, ns).In(loc)))
}

func floorDivInt64(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// stringColumn holds one string per row in a single byte buffer, so that a
// million IDs are two allocations, not a million, and hold no pointers for
// the garbage collector to scan.
type stringColumn struct {
	data []byte
	end  []uint32 // end[i] is the end of row i's bytes in data
}

func (c *stringColumn) append(s string) error {
	if uint64(len(c.data))+uint64(len(s)) > math.MaxUint32 {
		return errors.New("more than 4 GiB of text in one column")
	}
	c.data = append(c.data, s...)
	c.end = append(c.end, uint32(len(c.data)))
	return nil
}

func (c *stringColumn) at(i int) string {
	var lo uint32
	if i > 0 {
		lo = c.end[i-1]
	}
	return string(c.data[lo:c.end[i]])
}

// dayCache holds day-number columns computed from an instant column in a
// location, computed once and extended as rows are appended.
type dayCache struct {
	mu   sync.Mutex
	days map[dayKey][]int32
}

type dayKey struct {
	col int // which instant column
	loc *time.Location
}

// get returns the day numbers of rows [0, len(src)) of src in loc.
func (c *dayCache) get(col int, src []int64, loc *time.Location) []int32 {
	if loc == nil {
		loc = time.UTC
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	k := dayKey{col, loc}
	days := c.days[k]
	for i := len(days); i < len(src); i++ {
		days = append(days, DayNumber(src[i], loc))
	}
	if c.days == nil {
		c.days = make(map[dayKey][]int32)
	}
	c.days[k] = days
	return days[:len(src):len(src)]
}

// fieldNames renders a bit set of fields as "owner|status".
func fieldNames(bits uint32, names []string) string {
	var parts []string
	for i, n := range names {
		if bits&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	if rest := bits &^ (1<<len(names) - 1); rest != 0 {
		parts = append(parts, fmt.Sprintf("%#x", rest))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "|")
}

// firstField returns the name of the lowest field in bits.
func firstField(b uint32, names []string) string {
	i := bits.TrailingZeros32(b)
	if i < len(names) {
		return names[i]
	}
	return fmt.Sprintf("field %d", i)
}
