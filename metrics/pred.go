package metrics

import (
	"math"
	"time"

	sp "github.com/salesperf/salesperf"
)

// DealPred is a filter on deals that has both a record form and a column
// form, so that [WhereDeals] keeps an aggregator's column form: "won
// deals", "deals created in March". Row and Rows must agree on every
// row: Rows leaves a key when Row is true of the deal that
// salesperf.DealTable.Row gives for that row.
type DealPred struct {
	// Row reports whether the deal passes.
	Row func(d *sp.Deal) bool
	// Rows sets keys[i] to [Skip] for each row lo+i of t that fails; it
	// leaves the other keys as they are (Skip or not). It reads only the
	// fields in Needs. nil means the predicate has no column form.
	Rows  func(t *sp.DealTable, lo int, keys []uint32)
	Needs sp.DealFields
}

// WhereDeals returns a that only sees the deals that pass p:
// WhereDeals(Amount(), StatusIn(salesperf.Won)) is the won amount. The
// state and result are a's.
//
// Column form: when a has one and p has Rows, WhereDeals has one that
// copies the batch's keys into a scratch buffer, lets p mask the rows that
// fail with [Skip] and folds the batch with a's column form; DealNeeds is
// a's and p's. The batch's own keys are never modified (the other side of
// a [Both] reads them). The activity column form is dropped: the filter
// is on deals.
func WhereDeals[S, R any](a Aggregator[*sp.Deal, S, R], p DealPred) Aggregator[*sp.Deal, S, R] {
	add, keep := a.Add, p.Row
	a.Add = func(s *S, d *sp.Deal) {
		if keep(d) {
			add(s, d)
		}
	}
	a.dropActivityCols()
	ac, rows := a.dealColsOf(), p.Rows
	if ac == nil || rows == nil {
		a.dropDealCols()
		return a
	}
	a.setDealCols(a.DealNeeds|p.Needs, func(c cols[S], b DealBatch) {
		keys := b.Scratch.Get(len(b.Keys))
		copy(keys, b.Keys)
		rows(b.T, b.Lo, keys)
		b.Keys = keys
		ac(c, b)
		b.Scratch.Put(keys)
	})
	return a
}

// StatusIn passes the deals whose status is one of statuses:
// StatusIn(salesperf.Won) is the won deals, StatusIn(salesperf.Won,
// salesperf.Lost) the closed ones. With no status it passes nothing.
// Column form: reads status.
func StatusIn(statuses ...sp.Status) DealPred {
	var want [256]bool
	for _, st := range statuses {
		want[uint8(st)] = true
	}
	return DealPred{
		Row: func(d *sp.Deal) bool { return want[uint8(d.Status)] },
		Rows: func(t *sp.DealTable, lo int, keys []uint32) {
			status := t.Status[lo : lo+len(keys)]
			for i, st := range status {
				if !want[uint8(st)] {
					keys[i] = Skip
				}
			}
		},
		Needs: sp.DealFieldStatus,
	}
}

// CreatedIn passes the deals created in [from, to): from ≤ Created < to,
// comparing instants (time.Time.Before), whatever their locations. A deal
// with no Created date (the zero time) is compared as the zero time, so it
// passes only when from is the zero time or earlier. Column form: reads
// created.
func CreatedIn(from, to time.Time) DealPred {
	in := instantIn(from, to)
	return DealPred{
		Row: func(d *sp.Deal) bool { return !d.Created.Before(from) && d.Created.Before(to) },
		Rows: func(t *sp.DealTable, lo int, keys []uint32) {
			in.mask(t.Created[lo:lo+len(keys)], keys)
		},
		Needs: sp.DealFieldCreated,
	}
}

// ClosedIn passes the deals closed in [from, to): from ≤ Closed < to,
// comparing instants. An open deal's Closed is the zero time, so it
// passes only when from is the zero time or earlier. Column form: reads
// closed.
func ClosedIn(from, to time.Time) DealPred {
	in := instantIn(from, to)
	return DealPred{
		Row: func(d *sp.Deal) bool { return !d.Closed.Before(from) && d.Closed.Before(to) },
		Rows: func(t *sp.DealTable, lo int, keys []uint32) {
			in.mask(t.Closed[lo:lo+len(keys)], keys)
		},
		Needs: sp.DealFieldClosed,
	}
}

// nsRange is [from, to) as bounds on the Unix nanoseconds of a table's
// instant column, with the answer for salesperf.NoInstant (the zero time)
// worked out once.
type nsRange struct {
	lo, hi int64 // lo ≤ ns < hi for held instants
	zero   bool  // whether the zero time is in [from, to)
}

// Held instants are in the years 1678–2261 (salesperf.DealTable.Append
// refuses others), well inside int64 nanoseconds.
var (
	heldMin = time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC)
	heldMax = time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC)
)

// nsBound returns the least n such that every held instant ns ≥ n is at
// or after t, and no held instant below n is.
func nsBound(t time.Time) int64 {
	switch {
	case t.Before(heldMin):
		return math.MinInt64 + 1 // every held instant; NoInstant is handled apart
	case !t.Before(heldMax):
		return math.MaxInt64
	}
	return t.UnixNano()
}

func instantIn(from, to time.Time) nsRange {
	var z time.Time
	return nsRange{lo: nsBound(from), hi: nsBound(to), zero: !z.Before(from) && z.Before(to)}
}

// mask sets keys[i] to Skip where ns[i] is not in the range.
func (r nsRange) mask(ns []int64, keys []uint32) {
	ns = ns[:len(keys)]
	for i, x := range ns {
		in := x >= r.lo && x < r.hi
		if x == sp.NoInstant {
			in = r.zero
		}
		if !in {
			keys[i] = Skip
		}
	}
}

// ActivityPred is a filter on activities with a record and a column
// form, like [DealPred], for [WhereActivities].
type ActivityPred struct {
	// Row reports whether the activity passes.
	Row func(a *sp.Activity) bool
	// Rows sets keys[i] to [Skip] for each row lo+i of t that fails. nil
	// means the predicate has no column form.
	Rows  func(t *sp.ActivityTable, lo int, keys []uint32)
	Needs sp.ActivityFields
}

// WhereActivities returns a that only sees the activities that pass p:
// WhereActivities(Count[*salesperf.Activity](), KindIn(salesperf.Call))
// counts calls. Column form: as for [WhereDeals], when a has one and p
// has Rows; ActivityNeeds is a's and p's. The deal column form is
// dropped.
func WhereActivities[S, R any](a Aggregator[*sp.Activity, S, R], p ActivityPred) Aggregator[*sp.Activity, S, R] {
	add, keep := a.Add, p.Row
	a.Add = func(s *S, v *sp.Activity) {
		if keep(v) {
			add(s, v)
		}
	}
	a.dropDealCols()
	ac, rows := a.activityColsOf(), p.Rows
	if ac == nil || rows == nil {
		a.dropActivityCols()
		return a
	}
	a.setActivityCols(a.ActivityNeeds|p.Needs, func(c cols[S], b ActivityBatch) {
		keys := b.Scratch.Get(len(b.Keys))
		copy(keys, b.Keys)
		rows(b.T, b.Lo, keys)
		b.Keys = keys
		ac(c, b)
		b.Scratch.Put(keys)
	})
	return a
}

// KindIn passes the activities whose kind is one of kinds (a custom kind
// of any name for salesperf.CustomKind). Column form: reads kind.
func KindIn(kinds ...sp.ActivityKind) ActivityPred {
	var want [256]bool
	for _, k := range kinds {
		want[uint8(k)] = true
	}
	return ActivityPred{
		Row: func(a *sp.Activity) bool { return want[uint8(a.Kind)] },
		Rows: func(t *sp.ActivityTable, lo int, keys []uint32) {
			kind := t.Kind[lo : lo+len(keys)]
			for i, k := range kind {
				if !want[uint8(k)] {
					keys[i] = Skip
				}
			}
		},
		Needs: sp.ActivityFieldKind,
	}
}

// AtIn passes the activities that happened in [from, to): from ≤ At < to,
// comparing instants; an activity with no At (the zero time) passes only
// when from is the zero time or earlier. Column form: reads at.
func AtIn(from, to time.Time) ActivityPred {
	in := instantIn(from, to)
	return ActivityPred{
		Row: func(a *sp.Activity) bool { return !a.At.Before(from) && a.At.Before(to) },
		Rows: func(t *sp.ActivityTable, lo int, keys []uint32) {
			in.mask(t.At[lo:lo+len(keys)], keys)
		},
		Needs: sp.ActivityFieldAt,
	}
}
