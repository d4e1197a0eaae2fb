package metrics

import (
	"fmt"
	"unsafe"

	sp "github.com/salesperf/salesperf"
)

// cols is a strided view of a slice of states: state k is at base +
// k·stride. A []S is a view with stride sizeof(S); the A or B halves of a
// []Pair[A, B] are views with the Pair's stride, which is how [Both] hands
// each side its states without copying them.
type cols[S any] struct {
	base   unsafe.Pointer // nil when n is 0
	n      int
	stride uintptr
}

// colsOf returns the view of s.
func colsOf[S any](s []S) cols[S] {
	if len(s) == 0 {
		return cols[S]{}
	}
	var z S
	return cols[S]{base: unsafe.Pointer(unsafe.SliceData(s)), n: len(s), stride: unsafe.Sizeof(z)}
}

// at returns state k. It panics, as indexing a slice would, when k is out
// of range: a batch whose key has no state is a caller's bug.
func (c cols[S]) at(k uint32) *S {
	if uint(k) >= uint(c.n) {
		// panic itself, not in the callee, so that the compiler knows
		// this path ends and keeps the loops' values in registers.
		panic(keyOutOfRange(k, c.n))
	}
	return (*S)(unsafe.Add(c.base, uintptr(k)*c.stride))
}

//go:noinline
func keyOutOfRange(k uint32, n int) string {
	return fmt.Sprintf("metrics: column form: key %d out of range [0, %d)", k, n)
}

// field returns the view of the field at offset off of each state, as a
// view of F: the A half (offset 0) or the B half of a Pair.
func field[F, S any](c cols[S], off uintptr) cols[F] {
	if c.n == 0 {
		return cols[F]{}
	}
	return cols[F]{base: unsafe.Add(c.base, off), n: c.n, stride: c.stride}
}

// rowsOf calls rows, a column form over a []S, on the view c: directly
// when c is contiguous, else on a copy of the states that is copied back
// (the fallback for a hand-written DealRows inside [Both]).
func rowsOf[S, B any](rows func([]S, B), c cols[S], b B) {
	var z S
	if c.n == 0 {
		rows(nil, b)
		return
	}
	if c.stride == unsafe.Sizeof(z) {
		rows(unsafe.Slice((*S)(c.base), c.n), b)
		return
	}
	tmp := make([]S, c.n)
	for k := range tmp {
		tmp[k] = *c.at(uint32(k))
	}
	rows(tmp, b)
	for k := range tmp {
		*c.at(uint32(k)) = tmp[k]
	}
}

// setDealCols sets a's deal column form to f, reading need.
func (a *Aggregator[T, S, R]) setDealCols(need sp.DealFields, f func(c cols[S], b DealBatch)) {
	a.dealCols, a.DealNeeds = f, need
	a.DealRows = func(states []S, b DealBatch) { f(colsOf(states), b) }
	a.dealID = funcID(a.DealRows)
}

// setActivityCols sets a's activity column form to f, reading need.
func (a *Aggregator[T, S, R]) setActivityCols(need sp.ActivityFields, f func(c cols[S], b ActivityBatch)) {
	a.activityCols, a.ActivityNeeds = f, need
	a.ActivityRows = func(states []S, b ActivityBatch) { f(colsOf(states), b) }
	a.activityID = funcID(a.ActivityRows)
}

// dropDealCols removes a's deal column form.
func (a *Aggregator[T, S, R]) dropDealCols() {
	a.DealRows, a.dealCols, a.dealID, a.DealNeeds = nil, nil, nil, 0
}

// dropActivityCols removes a's activity column form.
func (a *Aggregator[T, S, R]) dropActivityCols() {
	a.ActivityRows, a.activityCols, a.activityID, a.ActivityNeeds = nil, nil, nil, 0
}

// dealColsOf returns a's deal column form as a function of a view, nil
// when a has none.
func (a *Aggregator[T, S, R]) dealColsOf() func(cols[S], DealBatch) {
	switch {
	case a.DealRows == nil:
		return nil
	case a.dealCols != nil && funcID(a.DealRows) == a.dealID:
		return a.dealCols
	}
	rows := a.DealRows
	return func(c cols[S], b DealBatch) {
		if b.Sel == nil {
			rowsOf(rows, c, b)
			return
		}
		keys := unselect(b.Keys, b.Sel, b.Scratch)
		b.Keys, b.Sel = keys, nil
		rowsOf(rows, c, b)
		b.Scratch.Put(keys)
	}
}

// activityColsOf returns a's activity column form as a function of a
// view, nil when a has none.
func (a *Aggregator[T, S, R]) activityColsOf() func(cols[S], ActivityBatch) {
	switch {
	case a.ActivityRows == nil:
		return nil
	case a.activityCols != nil && funcID(a.ActivityRows) == a.activityID:
		return a.activityCols
	}
	rows := a.ActivityRows
	return func(c cols[S], b ActivityBatch) {
		if b.Sel == nil {
			rowsOf(rows, c, b)
			return
		}
		keys := unselect(b.Keys, b.Sel, b.Scratch)
		b.Keys, b.Sel = keys, nil
		rowsOf(rows, c, b)
		b.Scratch.Put(keys)
	}
}

// unselect returns the keys of a batch with a selection vector as keys
// of consecutive rows: Skip for each row the selection leaves out, in a
// scratch buffer. A column form set by hand gets these (see
// Aggregator.DealRows).
func unselect(keys []uint32, sel []int32, sc *Scratch) []uint32 {
	out := sc.Get(spanOf(keys, sel))
	for i := range out {
		out[i] = Skip
	}
	for j, i := range sel[:len(keys)] {
		out[i] = keys[j]
	}
	return out
}

// funcID returns the identity of a func value: its closure. setDealCols
// makes a new closure each time, so two column forms share an identity
// only when one was copied from the other.
func funcID[F any](f F) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&f))
}
