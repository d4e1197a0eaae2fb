package salesperf

import "time"

// retailEnd returns the last day (as days since 1970-01-01) of the retail
// year that stands for the Gregorian fiscal year ending in calendar year ey:
// the EndWeekday (the day before WeekStart) that is last in, or nearest to
// the end of, the month before FiscalYearStart.
func (c Calendar) retailEnd(ey int) int {
	endMonth := c.fiscalStart() - 1
	if endMonth == 0 {
		endMonth = time.December
	}
	last := Date{ey, endMonth + 1, 1}.days() - 1 // month 13 normalises to January
	endWeekday := (int(c.WeekStart) + 6) % 7
	back := modFloor(int(weekdayOfDays(last))-endWeekday, 7)
	if c.RetailYearEnd == NearestWeekday && back > 3 {
		return last + 7 - back
	}
	return last - back
}

// retailYear returns the end-year ey of the retail year containing day z,
// and its first day and the day after its last.
func (c Calendar) retailYear(z int) (ey, start, end int) {
	ey = c.endYear(dateFromDays(z)) // the Gregorian fiscal year; the retail one is at most a week off
	prev, last := c.retailEnd(ey-1), c.retailEnd(ey)
	switch {
	case z <= prev:
		return ey - 1, c.retailEnd(ey-2) + 1, prev + 1
	case z > last:
		return ey + 1, last + 1, c.retailEnd(ey+1) + 1
	}
	return ey, prev + 1, last + 1
}

// weeks returns the number of weeks in each of the three months of a quarter.
func (r RetailPattern) weeks() [3]int {
	switch r {
	case Retail454:
		return [3]int{4, 5, 4}
	case Retail544:
		return [3]int{5, 4, 4}
	}
	return [3]int{4, 4, 5}
}

// retailPeriod returns the period of grain g containing day z in a retail
// calendar. The 53rd week of a long year belongs to the last month,
// quarter and half.
func (c Calendar) retailPeriod(z int, g Grain) Period {
	ey, ys, ye := c.retailYear(z)
	w := (z - ys) / 7 // 0-based week of the year, 0–52
	var s, e, n int
	switch g {
	case Day:
		s, e, n = z, z+1, z-ys+1
	case Week:
		s, e, n = ys+7*w, ys+7*w+7, w+1
	case Year:
		s, e, n = ys, ye, 1
	case Half:
		h := min(w/26, 1)
		s, e, n = ys+7*26*h, ys+7*26*(h+1), h+1
		if h == 1 {
			e = ye
		}
	case Quarter:
		q := min(w/13, 3)
		s, e, n = ys+7*13*q, ys+7*13*(q+1), q+1
		if q == 3 {
			e = ye
		}
	case Month:
		q := min(w/13, 3)
		wq := w - 13*q
		pat := c.Retail.weeks()
		m, off := 0, 0
		switch {
		case wq < pat[0]:
		case wq < pat[0]+pat[1]:
			m, off = 1, pat[0]
		default:
			m, off = 2, pat[0]+pat[1]
		}
		s = ys + 7*(13*q+off)
		e, n = s+7*pat[m], 3*q+m+1
		if n == 12 {
			e = ye
		}
	}
	return Period{
		Grain:  g,
		Start:  dateFromDays(s),
		End:    dateFromDays(e),
		Year:   c.yearName(ey),
		Number: n,
		Fiscal: true,
	}
}
