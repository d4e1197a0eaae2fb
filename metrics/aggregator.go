package metrics

import (
	"iter"
	"unsafe"

	sp "github.com/salesperf/salesperf"
)

// Aggregator is a metric: it folds records of type T into a partial state
// S and presents a result R from it. The state keeps exact parts (counts,
// numerators and denominators, per-currency sums, exact distributions),
// never a mean or a rate, so that partial states computed on parts of the
// data — per goroutine, per shard, per day, per machine — merge into
// exactly the state of the whole.
//
// The laws every Aggregator obeys (the internal law kit checks them for
// every built-in):
//
//   - the zero S is the empty state: folding nothing gives it, and merging
//     it into a state, or a state into it, changes nothing;
//   - Merge is associative, and folding any split of the input and merging
//     the parts in order equals folding the whole;
//   - Result does not change the state.
//
// The built-ins are also commutative (input order does not matter); an
// Aggregator that is not must say so in its doc.
//
// # Column forms
//
// A deal or activity metric may also have a column form, which folds a
// batch of rows of a salesperf.DealTable or salesperf.ActivityTable
// straight from the columns: one call per batch of rows, not one per
// record, reading a few bytes per row. segment.FoldTable uses it. The
// state is the same S, so a state folded from a table and one folded from
// records merge, serialise and present alike; the law kit checks that
// folding a table equals folding its rows. Every built-in deal metric
// has one — [Count], [Counts], [CreatedCohortConversion], [Amount],
// [WonAmount], [AverageDealSize], [WinRate], [WinRateByAmount],
// [SalesCycle], [NewOpportunities], [DealSize], [Funnel],
// [CycleSurvival], [PipelineVelocity] and [PipelineCoverage] — and so do
// the activity metrics [Count], [ActivityCounts] and [TimeByCategory]
// (each doc names the fields it reads). [Both], [Then] and [WhereDeals]
// keep it, and a [Table] has one when all its columns have; [Where] with
// an arbitrary function and [Of] drop it. Without one, segment.FoldTable folds row by row through Add, which
// needs a table holding every field.
type Aggregator[T, S, R any] struct {
	Add    func(s *S, v T)   // fold v into s
	Merge  func(dst, src *S) // fold src into dst; src is unchanged
	Result func(s *S) R      // present s; s is unchanged

	// DealRows, when set, folds a batch of deal-table rows: for each j,
	// the row b.Lo+j — or b.Lo+b.Sel[j] when the batch has a selection
	// vector (b.Sel not nil) — into states[b.Keys[j]], skipping the
	// entries whose key is [Skip]. It must honour Sel: read each column
	// at the entry's row (i := j; if b.Sel != nil { i = int(b.Sel[j]) }),
	// never assume the rows are consecutive. It reads only the fields in
	// DealNeeds. It must fold each row exactly as Add folds the Deal that
	// DealTable.Row gives for it, and leave b.Keys and b.Sel as they are.
	//
	// A DealRows set by hand that predates selection vectors still works
	// inside [Both] and [WhereDeals]: they hand it the batch with the
	// selection expanded into Skip keys over consecutive rows.
	DealRows  func(states []S, b DealBatch)
	DealNeeds sp.DealFields

	// ActivityRows is the column form for activity tables, like DealRows
	// (it too must honour the batch's selection vector, b.Sel).
	ActivityRows  func(states []S, b ActivityBatch)
	ActivityNeeds sp.ActivityFields

	// The built-ins and combinators also keep their column forms as
	// functions of a strided view of the states, so that [Both] can hand
	// each side its half of a Pair without copying. DealRows and
	// ActivityRows call them. dealID and activityID identify the
	// DealRows and ActivityRows that were set with them: when a caller
	// replaces DealRows by hand, the strided form is stale and the
	// combinators call DealRows instead.
	dealCols     func(c cols[S], b DealBatch)
	activityCols func(c cols[S], b ActivityBatch)
	dealID       unsafe.Pointer
	activityID   unsafe.Pointer
}

// Fold folds every value of seq into a new state and returns it.
func (a Aggregator[T, S, R]) Fold(seq iter.Seq[T]) S {
	var s S
	for v := range seq {
		a.Add(&s, v)
	}
	return s
}

// FoldInto folds every value of seq into s, which may already hold a
// partial state.
func (a Aggregator[T, S, R]) FoldInto(s *S, seq iter.Seq[T]) {
	for v := range seq {
		a.Add(s, v)
	}
}

// Compute folds seq and presents the result: Result(Fold(seq)).
func (a Aggregator[T, S, R]) Compute(seq iter.Seq[T]) R {
	s := a.Fold(seq)
	return a.Result(&s)
}

// Refs returns an iterator over pointers to the elements of s, in order,
// so that a fold reads each record in place instead of copying it: the
// built-in deal metrics take *salesperf.Deal.
//
//	rate := metrics.WinRate().Compute(metrics.Refs(deals))
func Refs[T any](s []T) iter.Seq[*T] {
	return func(yield func(*T) bool) {
		for i := range s {
			if !yield(&s[i]) {
				return
			}
		}
	}
}

// Filter returns the values of seq for which keep is true, in order: to
// leave records out of every segment, not just out of a metric
// (a [Where] filter still creates the segment of the records it skips).
func Filter[T any](seq iter.Seq[T], keep func(T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range seq {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}
