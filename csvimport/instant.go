package csvimport

import (
	"time"

	sp "github.com/salesperf/salesperf"
)

// The fixed layouts that instant reads by hand, without time.Parse: the
// same cells parse to the same times (zone and location included), and a
// cell that is not in the exact fixed form falls back to time.Parse, so
// that it is accepted or rejected as before.
const (
	layoutDate    = "2006-01-02"
	layoutUTCZ    = "2006-01-02T15:04:05Z" // a literal Z: read in Mapping.Location
	layoutT       = "2006-01-02T15:04:05"
	layoutSpace   = "2006-01-02 15:04:05"
	layoutSeconds = len(layoutT)
)

// cellText is a cell: a string of a record reader's row, or the bytes of
// a table reader's.
type cellText interface{ ~string | ~[]byte }

// instant parses a date or timestamp cell with the layouts in order.
func (t *table) instant(s string) (time.Time, bool) {
	for _, layout := range t.layouts {
		if v, ok, tried := fixed(layout, t.loc, s); ok {
			return v, true
		} else if tried && layout == layoutDate {
			continue // ParseDate's form only, as before
		}
		if v, err := time.ParseInLocation(layout, s, t.loc); err == nil {
			return v, true
		}
	}
	return time.Time{}, false
}

// instantFast parses a cell in the fixed form of the first layout (see
// fixed), as instant would; ok is false for any other cell, which the
// caller then reads with instant (also when Mapping.DateFormats is an
// empty slice: no layout, every cell a syntax error). An empty cell is
// the zero time.
//
// With zoned false the caller keeps only the instant (a table holds Unix
// nanoseconds): a cell with an offset that is not the Location's then
// comes back in UTC, the same instant, instead of in a zone made for it
// (time.FixedZone allocates for an offset that is not whole hours,
// "+05:30", three times per cell).
func (t *table) instantFast(b []byte, zoned bool) (v time.Time, ok bool) {
	if len(b) == 0 {
		return time.Time{}, true
	}
	if len(t.layouts) == 0 {
		return time.Time{}, false
	}
	if !zoned && (t.layouts[0] == time.RFC3339 || t.layouts[0] == time.RFC3339Nano) {
		unix, _, ok := rfc3339(b)
		return time.Unix(unix, 0).UTC(), ok
	}
	v, ok, _ = fixed(t.layouts[0], t.loc, b)
	return v, ok
}

// fixed reads s in layout by hand when layout is one of the fixed ones;
// tried says whether it is.
func fixed[S cellText](layout string, loc *time.Location, s S) (v time.Time, ok, tried bool) {
	switch layout {
	case layoutDate:
		v, ok = fixedDate(loc, s)
		return v, ok, true
	case time.RFC3339, time.RFC3339Nano:
		v, ok = fixedRFC3339(loc, s)
		return v, ok, true
	case layoutUTCZ:
		if len(s) == len(layoutUTCZ) && s[19] == 'Z' && s[10] == 'T' {
			v, ok = fixedClock(loc, s[:19])
		}
		return v, ok, true
	case layoutT, layoutSpace:
		if len(s) == len(layout) && s[10] == layout[10] {
			v, ok = fixedClock(loc, s)
		}
		return v, ok, true
	}
	return time.Time{}, false, false
}

// fixedDate reads "YYYY-MM-DD" as midnight in the Mapping's Location
// (the first instant of the day where midnight does not exist).
func fixedDate[S cellText](loc *time.Location, s S) (time.Time, bool) {
	if len(s) != len(layoutDate) || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	y, m, d, ok := civil(s)
	if !ok {
		return time.Time{}, false
	}
	if loc == time.UTC {
		return time.Unix(unixDays(y, m, d)*86400, 0).UTC(), true
	}
	return sp.Date{Year: y, Month: time.Month(m), Day: d}.In(loc), true
}

// fixedClock reads "YYYY-MM-DDThh:mm:ss" (or with a space for the T; s
// has 19 bytes) as a wall time in the Mapping's Location, as time.Parse
// does with a layout without a zone.
func fixedClock[S cellText](loc *time.Location, s S) (time.Time, bool) {
	y, mo, d, h, mi, sec, ok := clock(s)
	if !ok {
		return time.Time{}, false
	}
	if loc == time.UTC {
		return time.Unix(unixDays(y, mo, d)*86400+int64(h*3600+mi*60+sec), 0).UTC(), true
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc), true
}

// fixedRFC3339 reads "YYYY-MM-DDThh:mm:ssZ" and "YYYY-MM-DDThh:mm:ss±hh:mm"
// (no fractional seconds) as time.Parse does with time.RFC3339: UTC for
// Z; for an offset, the Mapping's Location when its offset at that
// instant is the cell's, else a fixed zone.
func fixedRFC3339[S cellText](loc *time.Location, s S) (time.Time, bool) {
	unix, off, ok := rfc3339(s)
	if !ok {
		return time.Time{}, false
	}
	if off == noOffset {
		return time.Unix(unix, 0).UTC(), true
	}
	v := time.Unix(unix, 0)
	if _, o := v.In(loc).Zone(); o == off {
		return v.In(loc), true
	}
	return v.In(time.FixedZone("", off)), true
}

// noOffset is rfc3339's offset for a cell ending in Z.
const noOffset = -1 << 31

// rfc3339 reads "YYYY-MM-DDThh:mm:ssZ" and "YYYY-MM-DDThh:mm:ss±hh:mm"
// (no fractional seconds): the instant in Unix seconds and the offset in
// seconds east of UTC (noOffset for Z).
func rfc3339[S cellText](s S) (unix int64, off int, ok bool) {
	if len(s) < layoutSeconds+1 || s[10] != 'T' {
		return 0, 0, false
	}
	y, mo, d, h, mi, sec, ok := clock(s[:layoutSeconds])
	if !ok {
		return 0, 0, false
	}
	unix = unixDays(y, mo, d)*86400 + int64(h*3600+mi*60+sec)
	z := s[layoutSeconds:]
	if len(z) == 1 && z[0] == 'Z' {
		return unix, noOffset, true
	}
	if len(z) != len("-07:00") || z[0] != '+' && z[0] != '-' || z[3] != ':' {
		return 0, 0, false
	}
	zh, ok1 := two(z[1:3])
	zm, ok2 := two(z[4:6])
	if !ok1 || !ok2 || zh > 23 || zm > 59 {
		return 0, 0, false
	}
	off = (zh*60 + zm) * 60
	if z[0] == '-' {
		off = -off
	}
	return unix - int64(off), off, true
}

// civil reads the digits of "YYYY-MM-DD" (the hyphens are checked by the
// caller) and checks that the day exists.
func civil[S cellText](s S) (y, m, d int, ok bool) {
	y1, ok1 := two(s[0:2])
	y2, ok2 := two(s[2:4])
	m, ok3 := two(s[5:7])
	d, ok4 := two(s[8:10])
	y = y1*100 + y2
	if !ok1 || !ok2 || !ok3 || !ok4 || m < 1 || m > 12 || d < 1 || d > monthDays(y, m) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// clock reads "YYYY-MM-DDThh:mm:ss" (any byte in place of the T; s has 19
// bytes) and checks the ranges.
func clock[S cellText](s S) (y, mo, d, h, mi, sec int, ok bool) {
	if len(s) != layoutSeconds || s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':' {
		return
	}
	if y, mo, d, ok = civil(s); !ok {
		return
	}
	var ok1, ok2, ok3 bool
	h, ok1 = two(s[11:13])
	mi, ok2 = two(s[14:16])
	sec, ok3 = two(s[17:19])
	ok = ok1 && ok2 && ok3 && h < 24 && mi < 60 && sec < 60
	return
}

// two reads two decimal digits.
func two[S cellText](s S) (int, bool) {
	a, b := s[0]-'0', s[1]-'0'
	return int(a)*10 + int(b), a <= 9 && b <= 9
}

func monthDays(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// unixDays returns the number of days from 1970-01-01 to the civil date
// y-m-d of the proleptic Gregorian calendar (negative before 1970).
func unixDays(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 { // year 0000 in January or February
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era*146097 + doe - 719468)
}
