package metrics

import (
	"math"
	"time"

	sp "github.com/salesperf/salesperf"
)

// DealPred is a filter on deals that has both a record form and a column
// form, so that [WhereDeals] keeps an aggregator's column form: "won
// deals", "deals created in March". Row and Rows must agree on every
// row: Rows keeps a row when Row is true of the deal that
// salesperf.DealTable.Row gives for that row.
type DealPred struct {
	// Row reports whether the deal passes.
	Row func(d *sp.Deal) bool
	// Rows sets keep[j], for each j < len(b.Keys), to whether the deal of
	// entry j of the batch passes: row b.Lo+j, or b.Lo+b.Sel[j] when the
	// batch has a selection vector. It writes every keep[j] (len(keep) ==
	// len(b.Keys)), ignores the keys (Skip or not) and reads only the
	// fields in Needs. nil means the predicate has no column form.
	Rows  func(b DealBatch, keep []bool)
	Needs sp.DealFields
}

// WhereDeals returns a that only sees the deals that pass p:
// WhereDeals(Amount(), StatusIn(salesperf.Won)) is the won amount. The
// state and result are a's.
//
// Column form: when a has one and p has Rows, WhereDeals has one that
// lets p test the batch's rows, compacts the rows that pass (and whose
// key is not [Skip]) into a selection vector and keys in scratch buffers
// — without a branch per row, so that random outcomes cost nothing — and
// folds that batch with a's column form; DealNeeds is a's and p's. The
// batch's own keys and selection are never modified (the other side of a
// [Both] reads them). The activity column form is dropped: the filter is
// on deals.
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
		n := len(b.Keys)
		if n == 0 {
			return
		}
		sc := b.Scratch
		pass := sc.getMask(n)
		rows(b, pass)
		keys, sel := sc.Get(n), sc.getSel(n)
		if m := compact(b.Keys, b.Sel, pass, keys, sel); m > 0 {
			ac(c, DealBatch{T: b.T, Lo: b.Lo, Keys: keys[:m], Sel: sel[:m], Scratch: sc})
		}
		sc.putMask(pass)
		sc.Put(keys)
		sc.putSel(sel)
	})
	return a
}

// lookup sets keep[j] to want[col[row j of the batch]]: a table lookup,
// no branch, for the filters on small enumerations (status, kind).
func lookup[E ~int8](col []E, lo int, sel []int32, want *[256]bool, keep []bool) {
	if sel == nil {
		col = col[lo : lo+len(keep)]
		for j, x := range col {
			keep[j] = want[uint8(x)]
		}
		return
	}
	col = col[lo:]
	sel = sel[:len(keep)]
	for j, i := range sel {
		keep[j] = want[uint8(col[i])]
	}
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
		Rows: func(b DealBatch, keep []bool) {
			lookup(b.T.Status, b.Lo, b.Sel, &want, keep)
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
		Rows: func(b DealBatch, keep []bool) {
			in.test(b.T.Created, b.Lo, b.Sel, keep)
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
		Rows: func(b DealBatch, keep []bool) {
			in.test(b.T.Closed, b.Lo, b.Sel, keep)
		},
		Needs: sp.DealFieldClosed,
	}
}

// nsRange is [from, to) as a test on the Unix nanoseconds of a table's
// instant column, with the answer for salesperf.NoInstant (the zero time)
// worked out once.
type nsRange struct {
	lo    int64  // held instants ns pass when 0 ≤ ns−lo < width, in uint64
	width uint64 // hi − lo, 0 when the range is empty
	zero  int    // 1 when the zero time is in [from, to), else 0
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
	r := nsRange{lo: nsBound(from), zero: b2i(!z.Before(from) && z.Before(to))}
	if hi := nsBound(to); hi > r.lo {
		r.width = uint64(hi) - uint64(r.lo)
	}
	return r
}

// in reports, without a branch, whether ns is in the range. The unsigned
// difference ns−lo is below width exactly when lo ≤ ns < lo+width; for
// NoInstant (math.MinInt64, below every bound nsBound gives) it wraps to
// 2⁶³−lo, which is at least width, so NoInstant passes only by zero.
func (r nsRange) in(ns int64) bool {
	return b2i(uint64(ns)-uint64(r.lo) < r.width)|(b2i(ns == sp.NoInstant)&r.zero) != 0
}

// test sets keep[j] to whether the instant of row j of the batch (lo+j, or
// lo+sel[j]) is in the range.
func (r nsRange) test(ns []int64, lo int, sel []int32, keep []bool) {
	if sel == nil {
		ns = ns[lo : lo+len(keep)]
		for j, x := range ns {
			keep[j] = r.in(x)
		}
		return
	}
	ns = ns[lo:]
	sel = sel[:len(keep)]
	for j, i := range sel {
		keep[j] = r.in(ns[i])
	}
}

// ActivityPred is a filter on activities with a record and a column
// form, like [DealPred], for [WhereActivities].
type ActivityPred struct {
	// Row reports whether the activity passes.
	Row func(a *sp.Activity) bool
	// Rows sets keep[j], for each j < len(b.Keys), to whether the
	// activity of entry j of the batch passes (row b.Lo+j, or
	// b.Lo+b.Sel[j]), as for DealPred. nil means the predicate has no
	// column form.
	Rows  func(b ActivityBatch, keep []bool)
	Needs sp.ActivityFields
}

// WhereActivities returns a that only sees the activities that pass p:
// WhereActivities(Count[*salesperf.Activity](), KindIn(salesperf.Call))
// counts calls. Column form: as for [WhereDeals] (the rows that pass
// compacted into a selection vector), when a has one and p has Rows; ActivityNeeds is a's and p's. The deal column form is
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
		n := len(b.Keys)
		if n == 0 {
			return
		}
		sc := b.Scratch
		pass := sc.getMask(n)
		rows(b, pass)
		keys, sel := sc.Get(n), sc.getSel(n)
		if m := compact(b.Keys, b.Sel, pass, keys, sel); m > 0 {
			ac(c, ActivityBatch{T: b.T, Lo: b.Lo, Keys: keys[:m], Sel: sel[:m], Scratch: sc})
		}
		sc.putMask(pass)
		sc.Put(keys)
		sc.putSel(sel)
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
		Rows: func(b ActivityBatch, keep []bool) {
			lookup(b.T.Kind, b.Lo, b.Sel, &want, keep)
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
		Rows: func(b ActivityBatch, keep []bool) {
			in.test(b.T.At, b.Lo, b.Sel, keep)
		},
		Needs: sp.ActivityFieldAt,
	}
}
