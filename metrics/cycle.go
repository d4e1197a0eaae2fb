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
//
// Column form: reads status, created, closed (the table's CreatedDays and
// ClosedDays in loc, day numbers computed once per table).
func SalesCycle(loc *time.Location, statuses ...sp.Status) Aggregator[*sp.Deal, Histogram, Summary] {
	var want [4]bool
	var want8 [256]bool // want by uint8(status), for the column form
	if len(statuses) == 0 {
		statuses = []sp.Status{sp.Won}
	}
	for _, st := range statuses {
		if st >= sp.Open && st <= sp.Lost {
			want[st], want8[uint8(st)] = true, true
		}
	}
	a := Aggregator[*sp.Deal, Histogram, Summary]{
		Add: func(s *Histogram, d *sp.Deal) {
			if st := d.Status; st >= sp.Open && st <= sp.Lost && want[st] && !d.Closed.IsZero() {
				s.Add(CycleDays(d, loc))
			}
		},
		Merge:  func(dst, src *Histogram) { dst.Merge(src) },
		Result: func(s *Histogram) Summary { return s.Summary() },
	}
	a.setDealCols(sp.DealFieldStatus|sp.DealFieldCreated|sp.DealFieldClosed, func(c cols[Histogram], b DealBatch) {
		t, lo, span, n, sel := b.T, b.Lo, b.span(), len(b.Keys), b.Sel
		status := t.Status[lo : lo+span]
		created, closed := t.CreatedDays(loc)[lo:lo+span], t.ClosedDays(loc)[lo:lo+span]
		// Compact the rows counted — a wanted status, closed, a key —
		// without a branch on them (the statuses are random), then add.
		sc := b.Scratch
		keys, rows := sc.Get(n), sc.getSel(n)
		m := cycleRows(b.Keys, sel, status, closed, &want8, keys, rows)
		for j, k := range keys[:m] {
			i := int(rows[j])
			days := int64(closed[i]) - int64(created[i])
			if created[i] == sp.NoDay { // created is the zero time: count from year 1, as CycleDays does
				d := sp.Deal{Closed: time.Unix(0, t.Closed[lo+i]).UTC()}
				days = CycleDays(&d, loc)
			}
			c.at(k).Add(days)
		}
		sc.Put(keys)
		sc.putSel(rows)
	})
	return a
}

// cycleRows writes the entries of a batch (keys, sel) that SalesCycle
// counts — a wanted status, a close day, a key — into outK and outR (the
// row relative to the batch's Lo) and returns how many: a compaction
// without a branch on the (random) statuses.
func cycleRows(keys []uint32, sel []int32, status []sp.Status, closed []int32, want *[256]bool, outK []uint32, outR []int32) int {
	m := 0
	outK, outR = outK[:len(keys)], outR[:len(keys)]
	if sel == nil {
		status, closed = status[:len(keys)], closed[:len(keys)]
		for i, k := range keys {
			outK[m], outR[m] = k, int32(i)
			m += b2i(want[uint8(status[i])]) & b2i(closed[i] != sp.NoDay) & b2i(k != Skip)
		}
		return m
	}
	sel = sel[:len(keys)]
	for j, k := range keys {
		i := sel[j]
		outK[m], outR[m] = k, i
		m += b2i(want[uint8(status[i])]) & b2i(closed[i] != sp.NoDay) & b2i(k != Skip)
	}
	return m
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
