package metrics

import (
	"time"

	sp "github.com/salesperf/salesperf"
)

// SalesCycle is the distribution of sales-cycle lengths in whole days:
// the calendar days from a deal's created date to its close date, both
// taken in loc (nil means UTC), over the deals whose status is one of
// statuses — won deals when none is given (the usual "sales cycle"); pass
// salesperf.Won, salesperf.Lost for all closed deals. Open deals are not
// counted (see the survival-aware cycle for those). The cohort is the
// caller's (usually the close date).
//
// The state is an exact [Histogram], so the mean, median and 90th
// percentile of merged parts are those of the whole; the result is its
// [Summary].
func SalesCycle(loc *time.Location, statuses ...sp.Status) Aggregator[*sp.Deal, Histogram, Summary] {
	var want [4]bool
	if len(statuses) == 0 {
		statuses = []sp.Status{sp.Won}
	}
	for _, st := range statuses {
		if st >= sp.Open && st <= sp.Lost {
			want[st] = true
		}
	}
	return Aggregator[*sp.Deal, Histogram, Summary]{
		Add: func(s *Histogram, d *sp.Deal) {
			if st := d.Status; st >= sp.Open && st <= sp.Lost && want[st] && !d.Closed.IsZero() {
				s.Add(CycleDays(d, loc))
			}
		},
		Merge:  func(dst, src *Histogram) { dst.Merge(src) },
		Result: func(s *Histogram) Summary { return s.Summary() },
	}
}

// CycleDays returns the calendar days from the deal's created date to its
// close date, both in loc (nil means UTC): a deal created on 1 March and
// closed on 3 March took 2 days, whatever the hours. It is 0 for an open
// deal.
func CycleDays(d *sp.Deal, loc *time.Location) int64 {
	if d.Closed.IsZero() {
		return 0
	}
	if loc == nil || loc == time.UTC {
		return floorDiv(d.Closed.Unix(), 86400) - floorDiv(d.Created.Unix(), 86400)
	}
	return int64(sp.DateOf(d.Created.In(loc)).DaysUntil(sp.DateOf(d.Closed.In(loc))))
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
