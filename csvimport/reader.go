package csvimport

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	sp "github.com/salesperf/salesperf"
)

// Reader reads records from CSV files through a [Mapping], streams the
// valid ones and hands every bad row to Reject, counting what it read and
// rejected, so that nothing is dropped silently.
//
// Each reading method checks the Mapping and reads the header before it
// returns: a Mapping that cannot be used (no ID column, an amount without
// a currency…; wrapping salesperf.ErrInvalidValue), a mapped column
// missing from the header ([ErrMissingColumn]) or input that is not CSV
// ([ErrNotCSV]) is one error, and no row is read. The returned sequence
// then reads the rest of the input as it is ranged over; it can be ranged
// over once. A row is valid when its cells parse and the record passes
// the per-record checks of [salesperf.Validator] with the Reader's
// Pipelines and UniqueIDs.
//
// The records yielded share their strings with the row they were read
// from, except the cells of columns that repeat a few names (owners,
// reps, stages, sources, regions…), which the Reader interns: equal cells
// share one string, and the Reader keeps up to some thousands of them
// between rows and files (and the IDs seen, with UniqueIDs). A Reader is
// not safe for concurrent use; give each goroutine its own. The counts of [Reader.Report] add up over every file it reads.
type Reader struct {
	// Mapping says which column is which and how cells are written.
	Mapping Mapping
	// Pipelines, when set, give the status of stages [Mapping.Stages] does
	// not list, and deals are checked against them (unknown pipeline or
	// stage, status contradicting the stage).
	Pipelines sp.Pipelines
	// UniqueIDs rejects a record whose ID an earlier record of the same
	// kind had (salesperf.ErrDuplicateID); memory grows with the IDs seen.
	UniqueIDs bool
	// Reject receives each bad row with all its problems. It must be set:
	// the reading methods panic if it is nil.
	Reject func(Rejected)

	report sp.ValidationReport
	v      sp.Validator
	vErr   error // the problems of the last record the validator rejected
	err    error
	names  map[string]string // interned cells, see row.name
}

// Rejected is a row that was not turned into a record: the kind of record
// ("deal", "activity", "lead", "target", "membership", "subscription"),
// the line where the row starts (the header is line 1), the record's ID
// when the row has one, the row's cells (valid only during the Reject
// call; for a row the CSV syntax could not split, the cells before the
// fault), and Err, the
// errors.Join of its problems, each a *[salesperf.ValidationError] whose
// Field is the column at fault ("row" for the row as a whole, or the
// record's field name when no column holds it) and whose Err is a
// *[LineError].
type Rejected struct {
	Record string
	Line   int
	ID     string
	Row    []string
	Err    error
}

// Report returns the counts so far, over every file the Reader read:
// rows read and rejected per kind of record, and problems per kind of
// record, column and sentinel (salesperf.ErrSyntax, ErrFieldCount…). Its
// String method prints them as sorted lines. The maps are copies. Rows
// read are counted when a sequence ends (or its loop breaks), rejected
// rows as they are rejected.
func (r *Reader) Report() sp.ValidationReport {
	return sp.ValidationReport{
		Checked:  maps.Clone(r.report.Checked),
		Rejected: maps.Clone(r.report.Rejected),
		Problems: maps.Clone(r.report.Problems),
	}
}

// Err returns the error that ended the last sequence early: a failure to
// read the input (never a problem with a row, which goes to Reject). It
// is nil while the sequence runs and after it reached the end of the
// input, and is reset by every reading method.
func (r *Reader) Err() error { return r.err }

// spec ties a mapped column to the index it is found at and to the name
// of the record field it fills (for the root validator's messages).
type spec struct {
	col   string
	at    *int
	field string
}

// table is one file being read: its header, where each mapped column is,
// and the rows read ahead.
type table struct {
	r        *Reader
	record   string // "deal"
	plural   string // "deals", for file-level messages
	sp       *splitter
	fields   []string // the cells of the row being read, as strings (record readers)
	header   []string
	replace  []map[string]string // per column index; nil when no Replace
	replaceB []map[string][]byte // replace for cells read as bytes (table readers)
	idCol    int
	cols     map[string]string // record field → column header, for the validator's problems

	layouts []string
	loc     *time.Location
	num     numFormat

	pending []rawRow
	used    bool
}

// lookahead is how many rows are read before a reading method returns, to
// tell a file that is not CSV from a file with a few bad rows.
const lookahead = 8

// sniffLen is how much of the input is checked for binary data and UTF-8.
const sniffLen = 4096

var defaultLayouts = []string{"2006-01-02", time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04"}

// open checks the Mapping's shared settings, reads the header, finds the
// columns of specs and reads ahead. idField is the field of the record's
// ID ("" if none).
func (r *Reader) open(src io.Reader, record, plural string, specs []spec, idCol *int) (*table, error) {
	if r.Reject == nil {
		panic("csvimport: Reader.Reject is nil")
	}
	r.err = nil
	if r.report.Checked == nil {
		r.report = sp.ValidationReport{Checked: map[string]int{}, Rejected: map[string]int{}, Problems: map[sp.Problem]int{}}
	}
	r.v.Pipelines, r.v.UniqueIDs = r.Pipelines, r.UniqueIDs
	r.v.Reject = func(rj sp.Rejected) { r.vErr = rj.Err }

	m := &r.Mapping
	t := &table{r: r, record: record, plural: plural, layouts: m.DateFormats, loc: m.Location}
	if t.layouts == nil {
		t.layouts = defaultLayouts
	}
	if t.loc == nil {
		t.loc = time.UTC
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("csvimport: %s: %w: "+format, append([]any{plural, sp.ErrInvalidValue}, args...)...)
	}
	comma := m.Comma
	if comma == 0 {
		comma = ','
	}
	if comma == '"' || comma == '\r' || comma == '\n' || comma == utf8.RuneError || !utf8.ValidRune(comma) {
		return nil, fail("field separator %q", comma)
	}
	var err error
	if t.num, err = newNumFormat(m.Thousands, m.DecimalComma); err != nil {
		return nil, fail("%v", err)
	}
	if m.Currency != "" && !m.Currency.Known() {
		return nil, fail("currency %q is not an ISO 4217 code", m.Currency)
	}

	br := bufio.NewReaderSize(src, 64<<10)
	if err := sniff(br); err != nil {
		return nil, fmt.Errorf("csvimport: %s: %w: %v", plural, ErrNotCSV, err)
	}
	t.sp = newSplitter(br, comma)
	err = t.sp.next()
	switch {
	case err == io.EOF:
		return nil, fmt.Errorf("csvimport: %s: %w: empty input, no header row", plural, ErrNotCSV)
	case err != nil:
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("csvimport: %s: %w: header: %v", plural, ErrNotCSV, pe)
		}
		return nil, fmt.Errorf("csvimport: %s: %w", plural, err)
	}
	t.header = make([]string, len(t.sp.start))
	for i := range t.header {
		t.header[i] = strings.TrimSpace(string(t.sp.raw[t.sp.start[i]:t.sp.end[i]]))
	}

	// Find the mapped columns.
	t.cols = make(map[string]string)
	var missing []string
	for _, s := range specs {
		*s.at = -1
		if s.col == "" {
			continue
		}
		if i := t.find(s.col); i >= 0 {
			*s.at = i
			if s.field != "" {
				if _, ok := t.cols[s.field]; !ok {
					t.cols[s.field] = t.header[i]
				}
			}
			continue
		}
		if !slices.Contains(missing, strconv.Quote(s.col)) {
			missing = append(missing, strconv.Quote(s.col))
		}
	}
	if len(missing) > 0 {
		quoted := make([]string, len(t.header))
		for i, h := range t.header {
			quoted[i] = strconv.Quote(h)
		}
		hint := ""
		if len(t.header) == 1 && strings.ContainsAny(t.header[0], ";\t|") {
			hint = " (one column: is the field separator not Mapping.Comma?)"
		}
		return nil, fmt.Errorf("csvimport: %s: %w %s; the header has %s%s",
			plural, ErrMissingColumn, strings.Join(missing, ", "), strings.Join(quoted, ", "), hint)
	}
	t.idCol = -1
	if idCol != nil {
		t.idCol = *idCol
	}
	if len(m.Replace) > 0 {
		t.replace = make([]map[string]string, len(t.header))
		for col, rep := range m.Replace {
			if i := t.find(col); i >= 0 {
				t.replace[i] = rep
			}
		}
	}

	// Read ahead: a file none of whose first rows has the header's number
	// of fields is not the CSV file the header says.
	good, counts := false, []string(nil)
	for len(t.pending) < lookahead {
		err := t.sp.next()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if err != nil && !errors.As(err, &pe) {
			return nil, fmt.Errorf("csvimport: %s: %w", plural, err)
		}
		p := t.sp.clone()
		p.err = err
		if pe != nil {
			counts = append(counts, "unreadable")
		} else {
			good = good || len(p.start) == len(t.header)
			counts = append(counts, strconv.Itoa(len(p.start)))
		}
		t.pending = append(t.pending, p)
	}
	if len(t.pending) > 0 && !good {
		return nil, fmt.Errorf("csvimport: %s: %w: the header has %d fields, but none of the first %d rows has (they have %s)",
			plural, ErrNotCSV, len(t.header), len(t.pending), strings.Join(counts, ", "))
	}
	return t, nil
}

// find returns the index of the column named col: the first exact match,
// else the first match ignoring case and surrounding spaces; -1 if none.
func (t *table) find(col string) int {
	if i := slices.Index(t.header, col); i >= 0 {
		return i
	}
	c := strings.TrimSpace(col)
	return slices.IndexFunc(t.header, func(h string) bool { return strings.EqualFold(h, c) })
}

// sniff checks the start of the input for what is not UTF-8 text, and
// skips a UTF-8 byte-order mark.
func sniff(br *bufio.Reader) error {
	b, _ := br.Peek(sniffLen)
	if len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		return errors.New("UTF-16 text; save the file as UTF-8")
	}
	off := 0
	if bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
		b, off = b[3:], 3
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return fmt.Errorf("binary data (a NUL byte at offset %d)", off+i)
	}
	for i := 0; i < len(b); {
		c, n := utf8.DecodeRune(b[i:])
		if c == utf8.RuneError && n == 1 {
			if len(b)-i < utf8.UTFMax && !utf8.FullRune(b[i:]) && len(b)+off >= sniffLen {
				break // a rune cut by the end of the peek
			}
			return fmt.Errorf("not UTF-8 text (byte 0x%02X at offset %d); save the file as UTF-8", b[i], off+i)
		}
		i += n
	}
	return nil
}

// nextRaw reads the next row into t.sp (raw, start, end, line), from the
// rows read ahead first; perr is a CSV syntax error for a row that could
// not be split (its cells are those before the fault); ok is false at the
// end of the input or on a read failure (recorded in Reader.err).
func (t *table) nextRaw() (perr error, ok bool) {
	s := t.sp
	if len(t.pending) > 0 {
		p := t.pending[0]
		t.pending = t.pending[1:]
		s.raw, s.start, s.end, s.line = p.raw, p.start, p.end, p.line
		return p.err, true
	}
	err := s.next()
	if err == io.EOF {
		return nil, false
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return pe, true
		}
		t.r.err = fmt.Errorf("csvimport: %s: %w", t.plural, err)
		return nil, false
	}
	return nil, true
}

// next returns the next row: its fields (one string for the whole row,
// sliced), the line it starts on and a CSV syntax error for a row that
// could not be split; ok is false at the end of the input or on a read
// failure (recorded in Reader.err).
func (t *table) next() (fields []string, line int, perr error, ok bool) {
	perr, ok = t.nextRaw()
	if !ok {
		return nil, 0, nil, false
	}
	return t.strings(), t.sp.line, perr, true
}

// strings returns the cells of the row in t.sp as strings that share one
// allocation, in t.fields.
func (t *table) strings() []string {
	s := t.sp
	str := string(s.raw)
	t.fields = t.fields[:0]
	for i := range s.start {
		t.fields = append(t.fields, str[s.start[i]:s.end[i]])
	}
	return t.fields
}

// row is the row being turned into a record.
type row struct {
	t    *table
	f    []string
	line int
	id   string
	errs []error
}

// get returns the trimmed (and replaced) cell of column i; "" for a column
// that is not mapped (i < 0).
func (w *row) get(i int) string {
	if i < 0 {
		return ""
	}
	s := strings.TrimSpace(w.f[i])
	if w.t.replace != nil {
		if m := w.t.replace[i]; m != nil {
			if v, ok := m[s]; ok {
				return v
			}
		}
	}
	return s
}

// bad records a problem with column i (-1: the row as a whole).
func (w *row) bad(i int, err error) {
	field := "row"
	if i >= 0 {
		field = w.t.header[i]
	}
	w.errs = append(w.errs, &sp.ValidationError{Record: w.t.record, ID: w.id, Field: field, Err: &LineError{Line: w.line, Err: err}})
}

// syntax is the problem of a cell that does not parse.
func syntax(s string) error { return fmt.Errorf("%w: %q", sp.ErrSyntax, s) }

// stream returns the records of t: build fills one from a row (recording
// problems with w.bad), check runs the root validator on it.
func stream[T any](t *table, build func(w *row, v *T), check func(v *T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		if t.used {
			return
		}
		t.used = true
		r := t.r
		w := &row{t: t}
		var v, zero T // v escapes (build and check take its address): one allocation per sequence, not per row
		checked := 0  // added to the report when the sequence ends
		defer func() { r.report.Checked[t.record] += checked }()
		for {
			fields, line, perr, ok := t.next()
			if !ok {
				return
			}
			checked++
			v = zero
			if !record(t, w, fields, line, perr, &v, build, check) {
				continue
			}
			if !yield(v) {
				return
			}
		}
	}
}

// record turns the row of t into *v (set to its zero value by the caller) with
// build and check, and reports whether the row is valid; a bad row is
// rejected.
func record[T any](t *table, w *row, fields []string, line int, perr error, v *T, build func(w *row, v *T), check func(v *T) bool) bool {
	*w = row{t: t, f: fields, line: line, errs: w.errs[:0]}
	if t.idCol >= 0 && t.idCol < len(fields) {
		w.id = w.get(t.idCol)
	}
	switch {
	case perr != nil:
		var pe *csv.ParseError
		errors.As(perr, &pe)
		w.bad(-1, fmt.Errorf("%w: %v", sp.ErrSyntax, pe.Err))
	case len(fields) != len(t.header):
		w.bad(-1, fmt.Errorf("%w: %d, the header has %d", ErrFieldCount, len(fields), len(t.header)))
	default:
		build(w, v)
		if len(w.errs) == 0 && !check(v) {
			t.relabel(w, t.r.vErr)
		}
	}
	if len(w.errs) > 0 {
		t.reject(w)
		return false
	}
	return true
}

// relabel turns the root validator's problems into problems of the row:
// the field becomes its column where one is mapped, and the line is added.
func (t *table) relabel(w *row, err error) {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, e := range errs {
		var ve *sp.ValidationError
		if !errors.As(e, &ve) {
			w.errs = append(w.errs, &sp.ValidationError{Record: t.record, ID: w.id, Field: "row", Err: &LineError{Line: w.line, Err: e}})
			continue
		}
		field := ve.Field
		if col, ok := t.cols[field]; ok {
			field = col
		}
		w.errs = append(w.errs, &sp.ValidationError{Record: ve.Record, ID: ve.ID, Field: field, Err: &LineError{Line: w.line, Err: ve.Err}})
	}
}

// reject counts the row's problems and hands it to Reject.
func (t *table) reject(w *row) {
	r := t.r
	r.report.Rejected[t.record]++
	for _, err := range w.errs {
		var ve *sp.ValidationError
		if errors.As(err, &ve) {
			p := sp.ProblemOf(ve)
			if slices.Contains(t.header, ve.Field) {
				p.Field = ve.Field // a column name is kept as it is
			}
			if errors.Is(ve.Err, ErrFieldCount) {
				p.Err = ErrFieldCount
			}
			r.report.Problems[p]++
		}
	}
	r.Reject(Rejected{Record: t.record, Line: w.line, ID: w.id, Row: w.f, Err: errors.Join(w.errs...)})
}
