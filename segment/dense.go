package segment

import (
	"errors"
	"fmt"
	"iter"
	"sync"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// batchRows is the number of rows a dense fold keys and hands to a column
// form at once: 4 KiB of ids, which stay in L1.
const batchRows = 1024

// Dense is a segmentation held as a slice of states indexed by key id,
// the columnar counterpart of the map[K]*S that [Fold] returns: the
// segments of [FoldTable] and [FoldActivities]. A segment exists when at
// least one row had its id — whether or not the metric counted the row,
// exactly as in Fold, where a Where filter that skips a record still
// creates its segment.
//
// Ids run from 0 to N()−1; Key names them. A Dense is not safe for
// concurrent use when one goroutine calls Merge or Get (which builds an
// index on first use); reading it otherwise is safe.
type Dense[K comparable, S any] struct {
	states []S
	seen   []bool
	count  int
	key    func(id uint32) K // names ids < base
	base   int
	extra  []K // names ids ≥ base: keys a merge by key added
	space  any
	merge  func(dst, src *S)
	index  map[K]uint32
}

// N returns the number of ids: 0 … N()−1, seen or not.
func (d *Dense[K, S]) N() int { return len(d.states) }

// Len returns the number of segments: the ids at least one row had.
func (d *Dense[K, S]) Len() int { return d.count }

// Key returns the key of id. It panics if id ≥ N().
func (d *Dense[K, S]) Key(id uint32) K {
	if int(id) < d.base {
		return d.key(id)
	}
	return d.extra[int(id)-d.base]
}

// At returns the state of id and whether it is a segment (a row had the
// id). The state is the Dense's own: changing it changes the Dense. It
// panics if id ≥ N().
func (d *Dense[K, S]) At(id uint32) (*S, bool) { return &d.states[id], d.seen[id] }

// All returns the segments in increasing order of id: each key and its
// state (the Dense's own).
func (d *Dense[K, S]) All() iter.Seq2[K, *S] {
	return func(yield func(K, *S) bool) {
		for id, ok := range d.seen {
			if ok && !yield(d.Key(uint32(id)), &d.states[id]) {
				return
			}
		}
	}
}

// Map returns the segments as the map form: what [Fold] returns on the
// same records. The states are the Dense's own (changing one changes the
// Dense), except where two ids have the same key, which a key's contract
// forbids: their states are then merged into a new one.
func (d *Dense[K, S]) Map() map[K]*S {
	out := make(map[K]*S, d.count)
	var fresh map[K]bool
	for id, ok := range d.seen {
		if !ok {
			continue
		}
		k, s := d.Key(uint32(id)), &d.states[id]
		prev, dup := out[k]
		if !dup {
			out[k] = s
			continue
		}
		if !fresh[k] {
			c := new(S)
			d.merge(c, prev)
			prev = c
			out[k] = c
			if fresh == nil {
				fresh = map[K]bool{}
			}
			fresh[k] = true
		}
		d.merge(prev, s)
	}
	return out
}

// Get returns the state of key k and true, or nil and false when k is not
// a segment. The first call builds an index of the keys (if two ids have
// the same key, which a key's contract forbids, it merges the later into
// the earlier).
func (d *Dense[K, S]) Get(k K) (*S, bool) {
	d.buildIndex()
	id, ok := d.index[k]
	if !ok {
		return nil, false
	}
	return &d.states[id], true
}

func (d *Dense[K, S]) buildIndex() {
	if d.index != nil {
		return
	}
	d.index = make(map[K]uint32, d.count)
	for id, ok := range d.seen {
		if !ok {
			continue
		}
		k := d.Key(uint32(id))
		if first, dup := d.index[k]; dup {
			d.merge(&d.states[first], &d.states[id])
			var zero S
			d.states[id], d.seen[id] = zero, false
			d.count--
			continue
		}
		d.index[k] = uint32(id)
	}
}

// Merge merges the segments of o into d, key by key: segments folded
// apart (per shard, per day, per table) merge into the segments of the
// whole, as [Merge] does on the map form. o is unchanged and shares no
// state with d.
//
// When d and o number their ids alike — both folded with keys over the
// same Dicts (OwnerID over tables sharing one Reps Dict), the same
// period key over tables whose earliest period is the same, or StatusID —
// Merge works slot by slot, id by id. Otherwise (keys such as ManagerID
// or KindID, whose ids are numbered per table, or PeriodID over tables
// that start in different periods) it merges by key, adding the keys d
// lacks. The result is the same; only the cost differs.
func (d *Dense[K, S]) Merge(o *Dense[K, S]) {
	if o == nil || (o.count == 0 && o.key == nil) {
		return
	}
	if d.merge == nil {
		d.merge = o.merge
	}
	if d.key == nil && len(d.extra) == 0 {
		// The zero Dense: take o's numbering.
		d.key, d.base, d.space = o.key, o.base, o.space
		d.extra = append([]K(nil), o.extra...)
		d.states = make([]S, len(o.states))
		d.seen = make([]bool, len(o.seen))
		d.index = nil // a Get on the zero Dense built an empty one
		// The same numbering: slot by slot, whatever the Space (by key it
		// would add o's keys again beyond ids that already name them).
		for id, ok := range o.seen {
			if ok {
				d.merge(&d.states[id], &o.states[id])
				d.seen[id] = true
				d.count++
			}
		}
		return
	}
	if d.space != nil && d.space == o.space && len(d.extra) == 0 && len(o.extra) == 0 {
		if len(o.states) > len(d.states) {
			d.states = append(d.states, make([]S, len(o.states)-len(d.states))...)
			d.seen = append(d.seen, make([]bool, len(o.seen)-len(d.seen))...)
			d.key, d.base = o.key, o.base
		}
		for id, ok := range o.seen {
			if ok {
				d.merge(&d.states[id], &o.states[id])
				if !d.seen[id] {
					d.seen[id] = true
					d.count++
					if d.index != nil {
						d.index[d.Key(uint32(id))] = uint32(id)
					}
				}
			}
		}
		return
	}
	d.buildIndex()
	for id, ok := range o.seen {
		if !ok {
			continue
		}
		k := o.Key(uint32(id))
		di, have := d.index[k]
		if !have {
			di = uint32(len(d.states))
			var zero S
			d.states = append(d.states, zero)
			d.seen = append(d.seen, true)
			d.extra = append(d.extra, k)
			d.index[k] = di
			d.count++
		}
		d.merge(&d.states[di], &o.states[id])
	}
	d.space = nil // ids beyond base are this Dense's own
}

// Parents maps the ids of a fine key to those of a coarse one, for
// [RollupIDs]: IDs[i] is the parent id of child id i (or [metrics.Skip] to
// leave child i out), parent ids run from 0 to N−1, and Key names them.
// For a static org, rep id → manager id is such an array ([DictParents]).
type Parents[P comparable] struct {
	IDs []uint32
	N   int
	Key func(id uint32) P
}

// DictParents returns the parents of the ids of dict under parent: child
// id i goes to the parent named parent(dict.Name(i)), parent ids numbered
// in order of first appearance. It calls parent once per id of dict, not
// per record: DictParents(t.Reps, func(rep string) string { m, _ :=
// org.On(rep, day); return m.Manager }) is a static org's rep → manager.
func DictParents(dict *sp.Dict, parent func(name string) string) Parents[string] {
	ids := make([]uint32, dict.Len())
	var names []string
	index := map[string]uint32{}
	for i := range ids {
		p := parent(dict.Name(uint32(i)))
		id, ok := index[p]
		if !ok {
			id = uint32(len(names))
			index[p] = id
			names = append(names, p)
		}
		ids[i] = id
	}
	return Parents[string]{IDs: ids, N: len(names), Key: func(id uint32) string { return names[id] }}
}

// RollupIDs re-keys d to a coarser key by merging its states, id by id:
// child id i into parent id p.IDs[i]. It reads no data, only the states;
// a parent is a segment when one of its children is. When p names each
// child by the parent its key maps to, RollupIDs(d, p).Map() equals
// segment.Rollup(a, d.Map(), parent). d is unchanged. It fails when p has
// fewer ids than d, a negative N or no Key, or when a segment of d has a
// parent id ≥ p.N (other than Skip).
func RollupIDs[K, P comparable, S any](d *Dense[K, S], p Parents[P]) (*Dense[P, S], error) {
	if len(p.IDs) < len(d.states) {
		return nil, fmt.Errorf("segment: rollup: %d parent ids for %d ids", len(p.IDs), len(d.states))
	}
	if p.N < 0 || p.Key == nil {
		return nil, fmt.Errorf("segment: rollup: parents with N %d and Key %v: need N ≥ 0 and a Key", p.N, p.Key != nil)
	}
	out := &Dense[P, S]{states: make([]S, p.N), seen: make([]bool, p.N), key: p.Key, base: p.N, merge: d.merge}
	for id, ok := range d.seen {
		if !ok {
			continue
		}
		pid := p.IDs[id]
		if pid == metrics.Skip {
			continue
		}
		if int(pid) >= p.N {
			return nil, fmt.Errorf("segment: rollup: id %d (%v) has parent id %d, not below %d", id, d.Key(uint32(id)), pid, p.N)
		}
		out.merge(&out.states[pid], &d.states[id])
		if !out.seen[pid] {
			out.seen[pid] = true
			out.count++
		}
	}
	return out, nil
}

// RollupKeys re-keys d to a coarser key by merging its states, as
// [RollupIDs] does with parent ids computed once per segment by parent:
// RollupKeys(d, parent).Map() equals segment.Rollup(a, d.Map(), parent).
func RollupKeys[K, P comparable, S any](d *Dense[K, S], parent func(K) P) *Dense[P, S] {
	ids := make([]uint32, len(d.states))
	var keys []P
	index := map[P]uint32{}
	for id, ok := range d.seen {
		if !ok {
			ids[id] = metrics.Skip
			continue
		}
		k := parent(d.Key(uint32(id)))
		pid, have := index[k]
		if !have {
			pid = uint32(len(keys))
			index[k] = pid
			keys = append(keys, k)
		}
		ids[id] = pid
	}
	out, _ := RollupIDs(d, Parents[P]{IDs: ids, N: len(keys), Key: func(id uint32) P { return keys[id] }})
	return out
}

// ErrNoColumnForm is wrapped by the error of a table fold whose aggregator
// has no column form while the table lacks fields that its row form
// (Add on a rebuilt record) could read.
var ErrNoColumnForm = errors.New("aggregator has no column form")

// rowsFunc folds rows lo … lo+len(ids)−1 into states[ids[i]].
type rowsFunc[S any] func(states []S, lo int, ids []uint32)

// foldRange folds rows [lo, hi) of t: per batch, the key's ids, the seen
// ids, then one call of rows.
func foldRange[T any, K comparable, S any](t *T, col KeyColumn[T, K], rows rowsFunc[S], lo, hi int) ([]S, []bool, error) {
	states := make([]S, col.N)
	seen := make([]bool, col.N)
	n := uint32(col.N)
	unseen := col.N // ids not seen yet
	var buf, column []uint32
	if col.Column != nil {
		column = col.Column(t)
	} else {
		buf = make([]uint32, batchRows)
	}
	for at := lo; at < hi; at += batchRows {
		var ids []uint32
		if column != nil {
			ids = column[at:min(at+batchRows, hi):min(at+batchRows, hi)] // read in place
		} else {
			ids = buf[:min(batchRows, hi-at)]
			col.IDs(t, at, ids)
		}
		if unseen > 0 {
			for i, id := range ids {
				if id < n {
					if !seen[id] {
						seen[id] = true
						unseen--
					}
				} else if id != metrics.Skip {
					return nil, nil, fmt.Errorf("segment: key gave id %d to row %d, not below its %d ids", id, at+i, n)
				}
			}
		} else {
			// Every id is seen: only check that each is one (or Skip,
			// whose +1 wraps to 0), without a store per row.
			for i, id := range ids {
				if id+1 > n {
					return nil, nil, fmt.Errorf("segment: key gave id %d to row %d, not below its %d ids", id, at+i, n)
				}
			}
		}
		rows(states, at, ids)
	}
	return states, seen, nil
}

// foldTable folds rows [0, nrows) of t with the given number of
// goroutines, each over a contiguous range with its own rows function,
// merging their states slot by slot in order.
func foldTable[T any, K comparable, S any](t *T, nrows int, col KeyColumn[T, K], newRows func() rowsFunc[S], merge func(dst, src *S), goroutines int) (*Dense[K, S], error) {
	if goroutines < 1 {
		return nil, fmt.Errorf("segment: %d goroutines: need at least 1", goroutines)
	}
	goroutines = max(1, min(goroutines, (nrows+batchRows-1)/batchRows))
	type part struct {
		states []S
		seen   []bool
		err    error
	}
	parts := make([]part, goroutines)
	var wg sync.WaitGroup
	for g := range goroutines {
		lo, hi := nrows*g/goroutines, nrows*(g+1)/goroutines
		run := func() {
			p := &parts[g]
			p.states, p.seen, p.err = foldRange(t, col, newRows(), lo, hi)
		}
		if goroutines == 1 {
			run()
			break
		}
		wg.Add(1)
		go func() { defer wg.Done(); run() }()
	}
	wg.Wait()
	for _, p := range parts {
		if p.err != nil {
			return nil, p.err
		}
	}
	d := &Dense[K, S]{states: parts[0].states, seen: parts[0].seen, key: col.Key, base: col.N, space: col.Space, merge: merge}
	for _, p := range parts[1:] {
		for id, ok := range p.seen {
			if ok {
				merge(&d.states[id], &p.states[id])
				d.seen[id] = true
			}
		}
	}
	for _, ok := range d.seen {
		if ok {
			d.count++
		}
	}
	return d, nil
}

// FoldTable folds the deals of t into one state per key, the columnar
// counterpart of Fold(metrics.Refs(deals), key, a): FoldTable(t, k,
// a).Map() equals Fold over t's rows with k's row-form key. It keys a
// batch of 1,024 rows at a time into an id buffer and folds the batch with
// one call of a.DealRows, with states in a slice indexed by id: no
// hashing, and one indirect call per batch.
//
// It fails, naming the field, when t lacks a field that k or a needs
// (k.Needs | a.DealNeeds). An aggregator without a column form (DealRows
// nil) is folded row by row — each row rebuilt into one reused Deal with
// DealTable.Row, then Add — only when t holds every field
// (salesperf.AllDealFields); otherwise FoldTable fails with
// [ErrNoColumnForm] rather than compute from zero fields.
func FoldTable[K comparable, S, R any](t *sp.DealTable, k DealKey[K], a metrics.Aggregator[*sp.Deal, S, R]) (*Dense[K, S], error) {
	return FoldTableN(t, k, a, 1)
}

// FoldTableN is [FoldTable] on goroutines goroutines: the rows are split
// into that many contiguous ranges (fewer when there are fewer batches),
// each folded into its own states with its own metrics.Scratch, and the
// states merged slot by slot with a.Merge in row order. The result equals
// FoldTable's. It fails when goroutines < 1.
func FoldTableN[K comparable, S, R any](t *sp.DealTable, k DealKey[K], a metrics.Aggregator[*sp.Deal, S, R], goroutines int) (*Dense[K, S], error) {
	if t == nil {
		return nil, errors.New("segment: nil deal table")
	}
	if k.Bind == nil {
		return nil, errors.New("segment: deal key without Bind")
	}
	if err := t.Need(k.Needs | a.DealNeeds); err != nil {
		return nil, fmt.Errorf("segment: fold deal table: %w", err)
	}
	var rows func() rowsFunc[S]
	switch {
	case a.DealRows != nil:
		rows = func() rowsFunc[S] {
			scratch := new(metrics.Scratch)
			return func(states []S, lo int, ids []uint32) {
				a.DealRows(states, metrics.DealBatch{T: t, Lo: lo, Keys: ids, Scratch: scratch})
			}
		}
	case a.Add == nil:
		return nil, errors.New("segment: fold deal table: aggregator has neither DealRows nor Add")
	default:
		if err := t.Need(sp.AllDealFields); err != nil {
			return nil, fmt.Errorf("segment: fold deal table: %w and the table lacks fields to fold row by row: %w", ErrNoColumnForm, err)
		}
		rows = func() rowsFunc[S] {
			var d sp.Deal
			return func(states []S, lo int, ids []uint32) {
				for i, id := range ids {
					if id != metrics.Skip {
						t.Row(lo+i, &d)
						a.Add(&states[id], &d)
					}
				}
			}
		}
	}
	if a.Merge == nil {
		return nil, errors.New("segment: fold deal table: aggregator without Merge")
	}
	col, err := k.Bind(t)
	if err != nil {
		return nil, fmt.Errorf("segment: fold deal table: %w", err)
	}
	return foldTable(t, t.Len(), col, rows, a.Merge, goroutines)
}

// FoldActivities folds the activities of t into one state per key, the
// columnar counterpart of Fold(metrics.Refs(activities), key, a), as
// [FoldTable] does for deals: through a.ActivityRows a batch at a time, or
// row by row through Add when a has no column form and t holds every
// field (salesperf.AllActivityFields); otherwise it fails with
// [ErrNoColumnForm]. It fails, naming the field, when t lacks a field
// that k or a needs.
func FoldActivities[K comparable, S, R any](t *sp.ActivityTable, k ActivityKey[K], a metrics.Aggregator[*sp.Activity, S, R]) (*Dense[K, S], error) {
	return FoldActivitiesN(t, k, a, 1)
}

// FoldActivitiesN is [FoldActivities] on goroutines goroutines, as
// [FoldTableN] is FoldTable.
func FoldActivitiesN[K comparable, S, R any](t *sp.ActivityTable, k ActivityKey[K], a metrics.Aggregator[*sp.Activity, S, R], goroutines int) (*Dense[K, S], error) {
	if t == nil {
		return nil, errors.New("segment: nil activity table")
	}
	if k.Bind == nil {
		return nil, errors.New("segment: activity key without Bind")
	}
	if err := t.Need(k.Needs | a.ActivityNeeds); err != nil {
		return nil, fmt.Errorf("segment: fold activity table: %w", err)
	}
	var rows func() rowsFunc[S]
	switch {
	case a.ActivityRows != nil:
		rows = func() rowsFunc[S] {
			scratch := new(metrics.Scratch)
			return func(states []S, lo int, ids []uint32) {
				a.ActivityRows(states, metrics.ActivityBatch{T: t, Lo: lo, Keys: ids, Scratch: scratch})
			}
		}
	case a.Add == nil:
		return nil, errors.New("segment: fold activity table: aggregator has neither ActivityRows nor Add")
	default:
		if err := t.Need(sp.AllActivityFields); err != nil {
			return nil, fmt.Errorf("segment: fold activity table: %w and the table lacks fields to fold row by row: %w", ErrNoColumnForm, err)
		}
		rows = func() rowsFunc[S] {
			var v sp.Activity
			return func(states []S, lo int, ids []uint32) {
				for i, id := range ids {
					if id != metrics.Skip {
						t.Row(lo+i, &v)
						a.Add(&states[id], &v)
					}
				}
			}
		}
	}
	if a.Merge == nil {
		return nil, errors.New("segment: fold activity table: aggregator without Merge")
	}
	col, err := k.Bind(t)
	if err != nil {
		return nil, fmt.Errorf("segment: fold activity table: %w", err)
	}
	return foldTable(t, t.Len(), col, rows, a.Merge, goroutines)
}
