package metrics

import (
	"encoding/json"
	"fmt"
	"strings"
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
// Column form: none. A TableState keeps each column's state behind an
// interface, so a batch cannot hand a column its states as a slice; fold
// a table of records row by row, or use nested [Both] for a column form.
func (t *Table[T]) Aggregator() Aggregator[T, TableState, Row] {
	return Aggregator[T, TableState, Row]{
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
