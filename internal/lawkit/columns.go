package lawkit

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"pgregory.net/rapid"
)

// checkColumns runs the table law on a when it is a deal or activity
// aggregator with a column form: see [CheckDealColumns].
func checkColumns[T, S, R any](t *testing.T, a metrics.Aggregator[T, S, R], gen *rapid.Generator[T], o Options[S]) {
	t.Helper()
	switch a := any(a).(type) {
	case metrics.Aggregator[*sp.Deal, S, R]:
		if a.DealRows != nil {
			g := any(gen).(*rapid.Generator[*sp.Deal])
			t.Run("columns", func(t *testing.T) { CheckDealColumns(t, a, rapid.OneOf(g, TableDeal()), o) })
		}
	case metrics.Aggregator[*sp.Activity, S, R]:
		if a.ActivityRows != nil {
			g := any(gen).(*rapid.Generator[*sp.Activity])
			t.Run("columns", func(t *testing.T) { CheckActivityColumns(t, a, rapid.OneOf(g, TableActivity()), o) })
		}
	}
}

// CheckDealColumns checks the table law of a's column form (a.DealRows):
// the deals drawn from gen are appended to a table holding every field
// and to one holding only a.DealNeeds; each table is folded in random
// batches with random keys (Skip among them) into states that already
// hold some deals — some batches consecutive rows, some a random
// ascending subset of their rows given by a selection vector (Sel) — and
// the results must equal those of folding, with a.Add, the deals that
// salesperf.DealTable.Row gives for exactly the rows folded (every row of
// a consecutive batch, the selected rows of the others) into the same
// keys. It also checks that the column form leaves the batch's keys and
// selection as they were. [Check] runs it for every deal aggregator
// with a column form.
func CheckDealColumns[S, R any](t *testing.T, a metrics.Aggregator[*sp.Deal, S, R], gen *rapid.Generator[*sp.Deal], o Options[S]) {
	t.Helper()
	if a.DealRows == nil {
		t.Fatal("aggregator has no deal column form")
	}
	checkTableLaw(t, a.Add, a.Result, a.DealRows, o, gen,
		func(need bool) table[*sp.Deal, metrics.DealBatch] {
			f := sp.AllDealFields
			if need {
				f = a.DealNeeds
			}
			tab := sp.NewDealTable(f, nil)
			return table[*sp.Deal, metrics.DealBatch]{
				append: tab.Append,
				row:    func(i int) *sp.Deal { d := new(sp.Deal); tab.Row(i, d); return d },
				batch: func(lo int, keys []uint32, sel []int32, s *metrics.Scratch) metrics.DealBatch {
					return metrics.DealBatch{T: tab, Lo: lo, Keys: keys, Sel: sel, Scratch: s}
				},
				name: "deal table holding " + f.String(),
			}
		})
}

// CheckActivityColumns is [CheckDealColumns] for activity aggregators
// (a.ActivityRows, a.ActivityNeeds).
func CheckActivityColumns[S, R any](t *testing.T, a metrics.Aggregator[*sp.Activity, S, R], gen *rapid.Generator[*sp.Activity], o Options[S]) {
	t.Helper()
	if a.ActivityRows == nil {
		t.Fatal("aggregator has no activity column form")
	}
	checkTableLaw(t, a.Add, a.Result, a.ActivityRows, o, gen,
		func(need bool) table[*sp.Activity, metrics.ActivityBatch] {
			f := sp.AllActivityFields
			if need {
				f = a.ActivityNeeds
			}
			tab := sp.NewActivityTable(f, nil, nil)
			return table[*sp.Activity, metrics.ActivityBatch]{
				append: tab.Append,
				row:    func(i int) *sp.Activity { v := new(sp.Activity); tab.Row(i, v); return v },
				batch: func(lo int, keys []uint32, sel []int32, s *metrics.Scratch) metrics.ActivityBatch {
					return metrics.ActivityBatch{T: tab, Lo: lo, Keys: keys, Sel: sel, Scratch: s}
				},
				name: "activity table holding " + f.String(),
			}
		})
}

// table is what the law needs of a deal or activity table.
type table[T, B any] struct {
	append func(T) error
	row    func(i int) T
	batch  func(lo int, keys []uint32, sel []int32, s *metrics.Scratch) B
	name   string
}

func checkTableLaw[T, S, R, B any](t *testing.T, add func(*S, T), result func(*S) R, rows func([]S, B),
	o Options[S], gen *rapid.Generator[T], newTable func(need bool) table[T, B]) {
	t.Helper()
	opts := append(slices.Clone(Equal), o.Cmp...)
	maxLen := o.MaxLen
	if maxLen == 0 {
		maxLen = 60
	}
	rapid.Check(t, func(rt *rapid.T) {
		xs := rapid.SliceOfN(gen, 0, maxLen).Draw(rt, "xs")
		nStates := rapid.IntRange(1, 4).Draw(rt, "states")
		keys := make([]uint32, len(xs))
		for i := range keys {
			if k := rapid.IntRange(-1, nStates-1).Draw(rt, "key"); k >= 0 {
				keys[i] = uint32(k)
			} else {
				keys[i] = metrics.Skip
			}
		}
		// Every state starts from some records, folded by Add.
		pre := make([][]T, nStates)
		for k := range pre {
			pre[k] = rapid.SliceOfN(gen, 0, 4).Draw(rt, "pre")
		}
		start := func() []S {
			ss := make([]S, nStates)
			for k := range ss {
				for _, x := range pre[k] {
					add(&ss[k], x)
				}
			}
			return ss
		}
		full, need := newTable(false), newTable(true)
		for _, tab := range []table[T, B]{full, need} {
			for i, x := range xs {
				if err := tab.append(x); err != nil {
					rt.Fatalf("%s: append row %d: %v", tab.name, i, err)
				}
			}
		}
		var scratch metrics.Scratch
		for _, tab := range []table[T, B]{full, need} {
			got, want := start(), start()
			sc := &scratch
			if rapid.Bool().Draw(rt, "nil scratch") {
				sc = nil
			}
			for lo := 0; lo < len(xs); {
				if rapid.IntRange(0, 9).Draw(rt, "empty batch") == 0 {
					rows(got, tab.batch(lo, keys[lo:lo], nil, sc))
					rows(got, tab.batch(lo, keys[lo:lo], []int32{}, sc))
				}
				hi := rapid.IntRange(lo+1, len(xs)).Draw(rt, "batch end")
				// Consecutive rows, or a random ascending subset of them.
				var sel []int32
				if rapid.Bool().Draw(rt, "selection") {
					sel = []int32{}
					for i := lo; i < hi; i++ {
						if rapid.Bool().Draw(rt, "selected") {
							sel = append(sel, int32(i-lo))
						}
					}
				}
				var bk []uint32
				if sel == nil {
					bk = slices.Clone(keys[lo:hi])
					for i := lo; i < hi; i++ {
						if k := keys[i]; k != metrics.Skip {
							add(&want[k], full.row(i))
						}
					}
				} else {
					for _, j := range sel {
						i := lo + int(j)
						bk = append(bk, keys[i])
						if k := keys[i]; k != metrics.Skip {
							add(&want[k], full.row(i))
						}
					}
				}
				wk, ws := slices.Clone(bk), slices.Clone(sel)
				rows(got, tab.batch(lo, bk, sel, sc))
				if !slices.Equal(bk, wk) || !slices.Equal(sel, ws) {
					rt.Fatalf("%s: the column form changed the batch's keys or selection: %v %v, was %v %v", tab.name, bk, sel, wk, ws)
				}
				lo = hi
			}
			for k := range want {
				if d := cmp.Diff(result(&want[k]), result(&got[k]), opts...); d != "" {
					rt.Fatalf("%s: state %d: column form differs from Add over the rows (-rows +columns):\n%s", tab.name, k, d)
				}
			}
		}
	})
}
