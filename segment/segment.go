// Package segment computes any metric per segment — per rep, manager,
// team, region, source, pipeline, stage, period, or any combination — in
// one pass, merges segments computed apart, and rolls fine segments up to
// coarse ones without reading the data again.
//
// A key is any func(T) K with K comparable; a multi-key is a struct
// ([Key2], [Two]). Segments are maps from key to state (Fold) or result
// (By). Go maps are unordered: print them with [Sorted] or [SortedFunc].
//
//	byRep := segment.By(metrics.Refs(deals), segment.Owner, metrics.WinRate())
//	for rep, rate := range segment.Sorted(byRep) {
//		fmt.Println(rep, rate)
//	}
//
// Which date puts a deal in a period, and which org membership credits it,
// is the key's explicit choice: see [Cohort].
//
// # Dense folds over tables
//
// For large data held as columns (salesperf.DealTable,
// salesperf.ActivityTable), [FoldTable] and [FoldActivities] compute the
// same segments as Fold without a map or a string per record. A column key
// ([DealKey], [ActivityKey]: [OwnerID], [PeriodID], [ManagerID], [RepID],
// [KindID], [TwoID] …) gives every row a dense id — the owner column as it
// is, a month through a day → period table built once, a manager through
// each rep's membership spans — and the fold hands 1,024 rows at a time to
// the metric's column form (metrics.Aggregator.DealRows), with the states
// in a slice indexed by id: a [Dense].
//
//	byRep, err := segment.FoldTable(table, segment.OwnerID(), metric)
//	// byRep.Map() is what segment.Fold(metrics.Refs(deals), segment.Owner, metric) returns
//
// The result is exactly Fold's on the table's rows: FoldTable(t, k,
// a).Map() equals Fold(rows of t, row-form key, a), a segment existing
// when at least one row has its key (even if the metric skipped the row).
// A metric without a column form is folded row by row through Add, but
// only from a table that holds every field; a table that lacks a field the
// key or the metric reads is refused with an error naming it. [FoldTableN]
// splits the rows among goroutines and merges slot by slot; [Dense.Merge]
// merges folds of different tables, slot by slot when their ids agree (the
// same Dicts) and by key otherwise; [RollupIDs] rolls segments up through
// a child id → parent id array (a static org's rep → manager), [RollupKeys]
// through a function of the key.
package segment

import (
	"cmp"
	"iter"
	"maps"
	"slices"

	"github.com/salesperf/salesperf/metrics"
)

// Fold folds seq into one state per key: every value v goes into the
// state of key(v). Keys that no value maps to are absent. It panics if key
// is nil.
func Fold[T any, K comparable, S, R any](seq iter.Seq[T], key func(T) K, a metrics.Aggregator[T, S, R]) map[K]*S {
	if key == nil {
		panic("segment: nil key function")
	}
	out := make(map[K]*S)
	FoldInto(out, seq, key, a)
	return out
}

// FoldInto folds seq into the states of dst, adding to what they hold and
// creating the states of new keys.
func FoldInto[T any, K comparable, S, R any](dst map[K]*S, seq iter.Seq[T], key func(T) K, a metrics.Aggregator[T, S, R]) {
	var lastKey K
	var last *S
	for v := range seq {
		k := key(v)
		if last == nil || k != lastKey {
			s, ok := dst[k]
			if !ok {
				s = new(S)
				dst[k] = s
			}
			last, lastKey = s, k
		}
		a.Add(last, v)
	}
}

// By folds seq per key and presents each segment's result.
func By[T any, K comparable, S, R any](seq iter.Seq[T], key func(T) K, a metrics.Aggregator[T, S, R]) map[K]R {
	return Results(a, Fold(seq, key, a))
}

// Results presents every state of states.
func Results[T any, K comparable, S, R any](a metrics.Aggregator[T, S, R], states map[K]*S) map[K]R {
	out := make(map[K]R, len(states))
	for k, s := range states {
		out[k] = a.Result(s)
	}
	return out
}

// Merge merges the segments of src into dst, key by key: partitions of
// the data folded apart (per goroutine, per shard, per day) merge into the
// segments of the whole. src is unchanged and shares no state with dst.
func Merge[T any, K comparable, S, R any](a metrics.Aggregator[T, S, R], dst, src map[K]*S) {
	for k, s := range src {
		d, ok := dst[k]
		if !ok {
			d = new(S)
			dst[k] = d
		}
		a.Merge(d, s)
	}
}

// Rollup re-keys states to a coarser key by merging them: rep×month into
// manager×quarter, region into company. It reads no data, only the
// states; when parent maps each fine key to the coarse key its records
// would have had, Rollup(Fold(data, fine)) equals Fold(data, coarse).
// states is unchanged.
func Rollup[T any, K, P comparable, S, R any](a metrics.Aggregator[T, S, R], states map[K]*S, parent func(K) P) map[P]*S {
	out := make(map[P]*S)
	for k, s := range states {
		p := parent(k)
		d, ok := out[p]
		if !ok {
			d = new(S)
			out[p] = d
		}
		a.Merge(d, s)
	}
	return out
}

// Total merges every segment into one state: the whole, without reading
// the data again.
func Total[T any, K comparable, S, R any](a metrics.Aggregator[T, S, R], states map[K]*S) S {
	var total S
	for _, s := range states {
		a.Merge(&total, s)
	}
	return total
}

// Sorted returns the entries of m in increasing order of key.
func Sorted[K cmp.Ordered, V any](m map[K]V) iter.Seq2[K, V] {
	return SortedFunc(m, cmp.Compare[K])
}

// SortedFunc returns the entries of m in the order of keys that compare
// gives (negative when a comes first), such as salesperf.Period.Compare.
func SortedFunc[K comparable, V any](m map[K]V, compare func(a, b K) int) iter.Seq2[K, V] {
	keys := slices.SortedFunc(maps.Keys(m), compare)
	return func(yield func(K, V) bool) {
		for _, k := range keys {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}
