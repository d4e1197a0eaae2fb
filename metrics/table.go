package metrics

import (
	"encoding/json"
	"fmt"
	"strings"

	sp "github.com/salesperf/salesperf"
)

// Column is one named column of a [Table]: an aggregator whose state and
// result types are hidden, so that columns of different kinds sit side by
// side in one report. Make one with [Col].
type Column[T any] struct {
	Name string
	impl column[T]
}

// column is the type-erased aggregator behind a Column.
type column[T any] interface {
	newState() any
	add(s any, v T)
	merge(dst, src any)
	result(s any) any
	decode(data []byte) (any, error)
	// dealFold and activityFold return the column's column forms over a
	// table's states (nil when it has none) and the fields they read.
	dealFold() (tableFold[DealBatch], sp.DealFields)
	activityFold() (tableFold[ActivityBatch], sp.ActivityFields)
}

// tableFold is a column's column form over the states of a [Table]: it
// folds batch b, whose keys are slots into uniq (or Skip), into column col
// of the state uniq[slot] of the view c. Each state of uniq is
// initialised.
type tableFold[B any] func(c cols[TableState], col int, uniq []uint32, b B)

// foldColumn returns the tableFold of a column whose states are *S and
// whose column form is f: it gathers the states of the batch's distinct
// keys into a slice, folds the batch into it with f, and puts them back —
// a copy of one state per distinct key and batch, none per row.
func foldColumn[S, B any](f func(cols[S], B)) tableFold[B] {
	return func(c cols[TableState], col int, uniq []uint32, b B) {
		tmp := make([]S, len(uniq))
		for u, k := range uniq {
			tmp[u] = *c.at(k).states[col].(*S)
		}
		f(colsOf(tmp), b)
		for u, k := range uniq {
			*c.at(k).states[col].(*S) = tmp[u]
		}
	}
}

func (c typedColumn[T, S, R]) dealFold() (tableFold[DealBatch], sp.DealFields) {
	if a, ok := any(c.a).(Aggregator[*sp.Deal, S, R]); ok {
		if f := a.dealColsOf(); f != nil {
			return foldColumn(f), a.DealNeeds
		}
	}
	return nil, 0
}

func (c typedColumn[T, S, R]) activityFold() (tableFold[ActivityBatch], sp.ActivityFields) {
	if a, ok := any(c.a).(Aggregator[*sp.Activity, S, R]); ok {
		if f := a.activityColsOf(); f != nil {
			return foldColumn(f), a.ActivityNeeds
		}
	}
	return nil, 0
}

type typedColumn[T, S, R any] struct{ a Aggregator[T, S, R] }

func (c typedColumn[T, S, R]) newState() any      { return new(S) }
func (c typedColumn[T, S, R]) add(s any, v T)     { c.a.Add(s.(*S), v) }
func (c typedColumn[T, S, R]) merge(dst, src any) { c.a.Merge(dst.(*S), src.(*S)) }
func (c typedColumn[T, S, R]) result(s any) any   { return c.a.Result(s.(*S)) }
func (c typedColumn[T, S, R]) decode(data []byte) (any, error) {
	s := new(S)
	err := json.Unmarshal(data, s)
	return s, err
}

// Col names an aggregator as a column of a [Table].
func Col[T, S, R any](name string, a Aggregator[T, S, R]) Column[T] {
	return Column[T]{Name: name, impl: typedColumn[T, S, R]{a}}
}

// Table is the multi-column form of an aggregator, for reports: several
// named metrics computed in one pass over the data, each row's state
// merging like any other. Build it with [NewTable] and use
// [Table.Aggregator] wherever an Aggregator goes (Compute, segment.By…).
type Table[T any] struct {
	cols []Column[T]
}

// NewTable returns the table of the given columns, in order. It panics if
// two columns share a name or a column was not made with [Col].
func NewTable[T any](cols ...Column[T]) *Table[T] {
	seen := make(map[string]bool, len(cols))
	for _, c := range cols {
		if c.impl == nil {
			panic("metrics: NewTable: column " + c.Name + " not made with Col")
		}
		if seen[c.Name] {
			panic("metrics: NewTable: duplicate column " + c.Name)
		}
		seen[c.Name] = true
	}
	return &Table[T]{cols: append([]Column[T](nil), cols...)}
}

// Names returns the column names, in order.
func (t *Table[T]) Names() []string {
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.Name
	}
	return names
}

// TableState is the partial state of a [Table]: one state per column. Its
// zero value is the empty state. It marshals to JSON as an array of the
// columns' states; decode it with [Table.Decode], which knows their types.
type TableState struct {
	states []any // *S of each column; nil until the first Add or Merge
}

// MarshalJSON encodes the columns' states as a JSON array, in column order.
func (s TableState) MarshalJSON() ([]byte, error) {
	if s.states == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(s.states)
}

// Decode decodes a TableState that MarshalJSON encoded for this table.
func (t *Table[T]) Decode(data []byte) (TableState, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return TableState{}, fmt.Errorf("metrics: table state: %w", err)
	}
	if len(raw) == 0 {
		return TableState{}, nil
	}
	if len(raw) != len(t.cols) {
		return TableState{}, fmt.Errorf("metrics: table state has %d columns, the table %d", len(raw), len(t.cols))
	}
	s := TableState{states: make([]any, len(raw))}
	for i, r := range raw {
		st, err := t.cols[i].impl.decode(r)
		if err != nil {
			return TableState{}, fmt.Errorf("metrics: table state: column %s: %w", t.cols[i].Name, err)
		}
		s.states[i] = st
	}
	return s, nil
}

func (t *Table[T]) init(s *TableState) {
	if s.states == nil {
		s.states = make([]any, len(t.cols))
		for i, c := range t.cols {
			s.states[i] = c.impl.newState()
		}
	}
}

// Aggregator returns the table as an aggregator: each value is added to
// every column; the result is a [Row] of the columns' results.
//
// Column form: when every column has one (for deals, or for activities),
// the table has one, reading the fields its columns read. A TableState
// keeps each column's state behind an interface, so for each batch the
// table numbers the batch's distinct keys, and each column copies their
// states into a slice, folds the batch with its own column form and
// copies them back: a copy of each state per distinct key and batch, and
// a slice of states per column and batch, but nothing per row. Nested
// [Both] needs no copy; a table costs little more when a batch has few
// distinct keys (segment.FoldTable's batches are 1,024 rows).
func (t *Table[T]) Aggregator() Aggregator[T, TableState, Row] {
	a := Aggregator[T, TableState, Row]{
		Add: func(s *TableState, v T) {
			t.init(s)
			for i, c := range t.cols {
				c.impl.add(s.states[i], v)
			}
		},
		Merge: func(dst, src *TableState) {
			if src.states == nil {
				return
			}
			t.init(dst)
			for i, c := range t.cols {
				c.impl.merge(dst.states[i], src.states[i])
			}
		},
		Result: func(s *TableState) Row {
			var empty TableState
			if s.states == nil {
				t.init(&empty)
				s = &empty
			}
			r := Row{Names: t.Names(), Values: make([]any, len(t.cols))}
			for i, c := range t.cols {
				r.Values[i] = c.impl.result(s.states[i])
			}
			return r
		},
	}
	if d, ok := any(&a).(*Aggregator[*sp.Deal, TableState, Row]); ok {
		folds := make([]tableFold[DealBatch], len(t.cols))
		var need sp.DealFields
		for i, c := range t.cols {
			f, n := c.impl.dealFold()
			if f == nil {
				return a
			}
			folds[i], need = f, need|n
		}
		d.setDealCols(need, func(c cols[TableState], b DealBatch) {
			uniq, rk := t.slots(c, b.Keys, b.Scratch)
			b.Keys = rk
			for i, f := range folds {
				f(c, i, uniq, b)
			}
			b.Scratch.Put(uniq[:cap(uniq)])
			b.Scratch.Put(rk)
		})
	}
	if v, ok := any(&a).(*Aggregator[*sp.Activity, TableState, Row]); ok {
		folds := make([]tableFold[ActivityBatch], len(t.cols))
		var need sp.ActivityFields
		for i, c := range t.cols {
			f, n := c.impl.activityFold()
			if f == nil {
				return a
			}
			folds[i], need = f, need|n
		}
		v.setActivityCols(need, func(c cols[TableState], b ActivityBatch) {
			uniq, rk := t.slots(c, b.Keys, b.Scratch)
			b.Keys = rk
			for i, f := range folds {
				f(c, i, uniq, b)
			}
			b.Scratch.Put(uniq[:cap(uniq)])
			b.Scratch.Put(rk)
		})
	}
	return a
}

// slots numbers the distinct keys of a batch (Skip aside) in order of
// first appearance: it returns them, uniq, and the batch's keys as slots
// into uniq (Skip kept), both in scratch buffers, and initialises the
// state of each distinct key. The slot of each key is found through a
// scratch buffer indexed by key whose contents are not cleared: an entry
// is trusted only when uniq confirms it (a sparse set), so that a batch
// costs nothing per state of the table.
func (t *Table[T]) slots(c cols[TableState], keys []uint32, sc *Scratch) (uniq, rk []uint32) {
	slot := sc.Get(c.n)
	uniq, rk = sc.Get(len(keys))[:0], sc.Get(len(keys))
	for j, k := range keys {
		if k == Skip {
			rk[j] = Skip
			continue
		}
		s := c.at(k) // panics, as the column forms do, for a key out of range
		if u := slot[k]; int(u) < len(uniq) && uniq[u] == k {
			rk[j] = u
			continue
		}
		t.init(s)
		slot[k] = uint32(len(uniq))
		rk[j] = slot[k]
		uniq = append(uniq, k)
	}
	sc.Put(slot)
	return uniq, rk
}

// Row is one row of a [Table]'s results: the column names and, in the
// same order, each column's result (a Rate, a salesperf.Sum, a Summary…).
type Row struct {
	Names  []string
	Values []any
}

// Get returns the result of the column called name, and false if there
// is none.
func (r Row) Get(name string) (any, bool) {
	for i, n := range r.Names {
		if n == name {
			return r.Values[i], true
		}
	}
	return nil, false
}

// Value returns the result of column name as an R. It panics if the row
// has no such column or the result is not an R: both are programming
// errors.
func Value[R any](r Row, name string) R {
	v, ok := r.Get(name)
	if !ok {
		panic("metrics: row has no column " + name)
	}
	x, ok := v.(R)
	if !ok {
		panic(fmt.Sprintf("metrics: column %s is %T, not %T", name, v, x))
	}
	return x
}

// String formats the row as "name: value" pairs separated by ", ".
func (r Row) String() string {
	var b strings.Builder
	for i, n := range r.Names {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s: %v", n, r.Values[i])
	}
	return b.String()
}

// MarshalJSON encodes the row as a JSON object of column name to result,
// in column order.
func (r Row) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, n := range r.Names {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(n)
		v, err := json.Marshal(r.Values[i])
		if err != nil {
			return nil, fmt.Errorf("metrics: column %s: %w", n, err)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}
