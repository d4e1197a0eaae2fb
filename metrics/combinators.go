package metrics

import "unsafe"

// Where returns a that only sees the values for which keep is true:
// Where(Count[*Deal](), IsWon) counts won deals. The state and result are
// a's.
//
// Column form: none — keep is an arbitrary function of a record, so a
// table is folded row by row. Filter deals with [WhereDeals] and a
// [DealPred] (StatusIn(salesperf.Won) for IsWon), activities with
// [WhereActivities], to keep the column form.
func Where[T, S, R any](a Aggregator[T, S, R], keep func(T) bool) Aggregator[T, S, R] {
	add := a.Add
	a.Add = func(s *S, v T) {
		if keep(v) {
			add(s, v)
		}
	}
	a.dropDealCols()
	a.dropActivityCols()
	return a
}

// Of returns a fed with f(v) for each value v: it maps the input, so an
// aggregator of amounts becomes one of deals. The state and result are a's.
//
// Column form: none (f is a function of a record).
func Of[U, T, S, R any](a Aggregator[T, S, R], f func(U) T) Aggregator[U, S, R] {
	add := a.Add
	return Aggregator[U, S, R]{
		Add:    func(s *S, v U) { add(s, f(v)) },
		Merge:  a.Merge,
		Result: a.Result,
	}
}

// Then returns a whose result is passed through f: it post-processes at
// presentation time and leaves the state as it is, so the states still
// merge.
//
// Column form: a's, with a's DealNeeds and ActivityNeeds.
func Then[T, S, R, R2 any](a Aggregator[T, S, R], f func(R) R2) Aggregator[T, S, R2] {
	result := a.Result
	return Aggregator[T, S, R2]{
		Add:    a.Add,
		Merge:  a.Merge,
		Result: func(s *S) R2 { return f(result(s)) },

		DealRows: a.DealRows, DealNeeds: a.DealNeeds, dealCols: a.dealCols, dealID: a.dealID,
		ActivityRows: a.ActivityRows, ActivityNeeds: a.ActivityNeeds, activityCols: a.activityCols, activityID: a.activityID,
	}
}

// Pair holds two values: the states or the results of two aggregators run
// together by [Both].
type Pair[A, B any] struct {
	A A
	B B
}

// Both runs a and b in one pass over the data: its state is the pair of
// their states and its result the pair of their results.
//
// Column form: when both a and b have one (for deals, for activities, or
// each separately), Both has one that folds a batch with a's and then b's
// column form, each on its half of the states; DealNeeds is the union of
// theirs. When either lacks it, Both has none. A column form set by hand
// (DealRows of an Aggregator literal) is called on a copy of its half of
// the states, copied back after the batch: correct, but slower than the
// built-ins'.
func Both[T, SA, RA, SB, RB any](a Aggregator[T, SA, RA], b Aggregator[T, SB, RB]) Aggregator[T, Pair[SA, SB], Pair[RA, RB]] {
	both := Aggregator[T, Pair[SA, SB], Pair[RA, RB]]{
		Add: func(s *Pair[SA, SB], v T) {
			a.Add(&s.A, v)
			b.Add(&s.B, v)
		},
		Merge: func(dst, src *Pair[SA, SB]) {
			a.Merge(&dst.A, &src.A)
			b.Merge(&dst.B, &src.B)
		},
		Result: func(s *Pair[SA, SB]) Pair[RA, RB] {
			return Pair[RA, RB]{a.Result(&s.A), b.Result(&s.B)}
		},
	}
	var p Pair[SA, SB]
	offB := uintptr(unsafe.Pointer(&p.B)) - uintptr(unsafe.Pointer(&p))
	if ac, bc := a.dealColsOf(), b.dealColsOf(); ac != nil && bc != nil {
		both.setDealCols(a.DealNeeds|b.DealNeeds, func(c cols[Pair[SA, SB]], batch DealBatch) {
			ac(field[SA](c, 0), batch)
			bc(field[SB](c, offB), batch)
		})
	}
	if ac, bc := a.activityColsOf(), b.activityColsOf(); ac != nil && bc != nil {
		both.setActivityCols(a.ActivityNeeds|b.ActivityNeeds, func(c cols[Pair[SA, SB]], batch ActivityBatch) {
			ac(field[SA](c, 0), batch)
			bc(field[SB](c, offB), batch)
		})
	}
	return both
}

// Ratio divides num's count by den's count at presentation time: the
// state keeps both counts and the result is the [Rate] num/den, so
// merging partial states gives exactly the rate of the whole. Use it for
// rates whose numerator is not a subset of the denominator's records
// (calls per meeting); for "won out of closed" use [WinRate].
//
// Column form: when num and den both have one (it is Then of [Both]).
func Ratio[T, SN, SD any](num Aggregator[T, SN, int64], den Aggregator[T, SD, int64]) Aggregator[T, Pair[SN, SD], Rate] {
	return Then(Both(num, den), func(p Pair[int64, int64]) Rate { return Rate{Num: p.A, Den: p.B} })
}
