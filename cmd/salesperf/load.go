package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/csvimport"
	"github.com/salesperf/salesperf/internal/sampledata"
)

// data is everything a subcommand reads: the valid records, seen as they
// stood at asOf, with deal amounts in the report currency.
type data struct {
	source     string // "the embedded sample", or the files read
	sample     bool
	deals      []sp.Deal // valid deals as of asOf, amounts in currency
	activities []sp.Activity
	leads      []sp.Lead
	org        *sp.Org // nil without --org (files)
	pipelines  sp.Pipelines
	cal        sp.Calendar
	asOf       time.Time // the report's now
	currency   sp.Currency
	rates      *sp.Rates      // exchange rates (the sample's); nil for files
	targets    []sp.Target    // the sample's targets; none for files
	leftOut    map[string]int // rejected records by kind ("deal", "activity"…)
	later      map[string]int // valid records not read because dated at or after asOf, by kind
}

// leftOutNote says how many records were left out, or "" for none.
func (d *data) leftOutNote() string {
	if len(d.leftOut) == 0 {
		return ""
	}
	var parts []string
	total := 0
	for _, k := range slices.Sorted(maps.Keys(d.leftOut)) {
		parts = append(parts, fmt.Sprintf("%d %s", d.leftOut[k], plural(k, d.leftOut[k])))
		total += d.leftOut[k]
	}
	return fmt.Sprintf("left out: %s that failed validation (summary on stderr)", strings.Join(parts, ", "))
}

// laterNote says how many valid records were not read because they are
// dated at or after the report's now (a deal created, an activity done, a
// lead created then or later), or "" for none.
func (d *data) laterNote() string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(d.later)) {
		if n := d.later[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, plural(k, n)))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("not read: %s dated after the report's now", strings.Join(parts, ", "))
}

func plural(kind string, n int) string {
	if n == 1 {
		return kind
	}
	if strings.HasSuffix(kind, "y") {
		return strings.TrimSuffix(kind, "y") + "ies"
	}
	return kind + "s"
}

// maxShown is how many rejected rows are shown per file.
const maxShown = 5

// rejects collects the rejected records of one source for the summary.
type rejects struct {
	name  string
	shown []string
	n     int
}

func (r *rejects) add(line int, id string, err error) {
	r.n++
	if len(r.shown) == maxShown {
		return
	}
	msg := strings.ReplaceAll(err.Error(), "\n", "; ")
	if line > 0 {
		msg = fmt.Sprintf("line %d: %s", line, strings.ReplaceAll(msg, fmt.Sprintf(" (line %d)", line), ""))
	}
	r.shown = append(r.shown, msg)
}

// summary writes the rejections of one source on w: counts per column
// and reason, then the first rows.
func (r *rejects) summary(w io.Writer, rep sp.ValidationReport) {
	if r.n == 0 {
		return
	}
	var kinds []string
	for _, k := range slices.Sorted(maps.Keys(rep.Rejected)) {
		if rep.Rejected[k] > 0 {
			kinds = append(kinds, fmt.Sprintf("%d of %d %s rows", rep.Rejected[k], rep.Checked[k], k))
		}
	}
	fmt.Fprintf(w, "salesperf: %s: %s rejected and left out:\n", r.name, strings.Join(kinds, ", "))
	type line struct {
		key string
		n   int
	}
	var lines []line
	for p, n := range rep.Problems {
		lines = append(lines, line{fmt.Sprintf("%s %s: %v", p.Record, p.Field, p.Err), n})
	}
	slices.SortFunc(lines, func(a, b line) int { return strings.Compare(a.key, b.key) })
	for _, l := range lines {
		fmt.Fprintf(w, "  %s: %d\n", l.key, l.n)
	}
	fmt.Fprintf(w, "  first rejected rows:\n")
	for _, s := range r.shown {
		fmt.Fprintf(w, "    %s\n", s)
	}
	if r.n > len(r.shown) {
		fmt.Fprintf(w, "    … and %d more\n", r.n-len(r.shown))
	}
}

// load reads the data the options name, or the embedded sample.
func load(o *options, stderr io.Writer) (*data, error) {
	var d *data
	var err error
	if o.files() {
		d, err = loadFiles(o, stderr)
	} else {
		d, err = loadSample(o, stderr)
	}
	if err != nil {
		return nil, err
	}
	if err := d.convert(o); err != nil {
		return nil, err
	}
	return d, nil
}

// loadSample validates the embedded sample with a Validator (against its
// pipelines, duplicate IDs rejected) and keeps the valid records.
func loadSample(o *options, stderr io.Writer) (*data, error) {
	s, err := sampledata.Load()
	if err != nil {
		return nil, err
	}
	d := &data{source: "the embedded sample", sample: true, org: s.Org, pipelines: s.Dataset.Pipelines,
		cal: s.Calendar, asOf: s.AsOf, leftOut: map[string]int{}}
	if o.fiscal != 0 {
		d.cal.FiscalYearStart = o.fiscal
	}
	if !o.asOf.IsZero() {
		d.asOf = o.asOf.AddDays(1).In(d.cal.Location)
	}
	rj := &rejects{name: d.source}
	v := sp.Validator{Pipelines: s.Dataset.Pipelines, UniqueIDs: true,
		Reject: func(r sp.Rejected) { rj.add(0, "", r.Err) }}
	d.deals = slices.Collect(v.Deals(slices.Values(s.Dataset.Deals)))
	d.activities = slices.Collect(v.Activities(slices.Values(s.Dataset.Activities)))
	d.leads = slices.Collect(v.Leads(slices.Values(s.Dataset.Leads)))
	rep := v.Report()
	rj.summary(stderr, rep)
	for k, n := range rep.Rejected {
		if n > 0 {
			d.leftOut[k] += n
		}
	}
	d.rates = s.Rates
	d.targets = s.Dataset.Targets
	d.view()
	return d, nil
}

// view replaces the records by what was known at asOf: each deal as it
// stood then (salesperf.Deal.AsOf), the activities dated before it, and
// the leads created before it, each without what happened to it at or
// after asOf (a first touch, conversion, disqualification or action
// then or later is removed). Deals created, activities done and leads
// created at or after asOf are dropped and counted in d.later by kind.
func (d *data) view() {
	t := d.asOf.Add(-time.Nanosecond)
	if d.later == nil {
		d.later = map[string]int{}
	}
	deals := d.deals[:0:0]
	for i := range d.deals {
		if v, ok := d.deals[i].AsOf(t); ok {
			deals = append(deals, v)
		} else {
			d.later["deal"]++
		}
	}
	d.deals = deals
	d.activities = slices.DeleteFunc(d.activities, func(a sp.Activity) bool {
		if !a.At.Before(d.asOf) {
			d.later["activity"]++
			return true
		}
		return false
	})
	leads := d.leads[:0:0]
	for _, l := range d.leads {
		if !l.Created.IsZero() && !l.Created.Before(d.asOf) {
			d.later["lead"]++
			continue
		}
		leads = append(leads, leadAsOf(l, d.asOf))
	}
	d.leads = leads
}

// leadAsOf returns l without what happened at or after asOf: its first
// touch, conversion (date and deal), disqualification (date and reason)
// and actions dated then or later. The Actions slice is a new one when cut.
func leadAsOf(l sp.Lead, asOf time.Time) sp.Lead {
	if !l.FirstTouch.Before(asOf) {
		l.FirstTouch = time.Time{}
	}
	if !l.Converted.IsZero() && !l.Converted.Before(asOf) {
		l.Converted, l.ConvertedDeal = time.Time{}, ""
	}
	if !l.Disqualified.IsZero() && !l.Disqualified.Before(asOf) {
		l.Disqualified, l.DisqualifyReason = time.Time{}, ""
	}
	if slices.ContainsFunc(l.Actions, func(a sp.LeadAction) bool { return !a.At.Before(asOf) }) {
		l.Actions = slices.DeleteFunc(slices.Clone(l.Actions), func(a sp.LeadAction) bool { return !a.At.Before(asOf) })
	}
	return l
}

// loadFiles reads the CSV files through the preset or default mapping and
// the --map pairs.
func loadFiles(o *options, stderr io.Writer) (*data, error) {
	d := &data{cal: sp.Calendar{FiscalYearStart: o.fiscal, Location: time.UTC}, leftOut: map[string]int{}}
	var names []string
	var base csvimport.Mapping
	if o.preset != "" {
		m, err := csvimport.Preset(o.preset)
		if err != nil {
			return nil, usagef("--preset: unknown preset %q (known: %s)", o.preset, strings.Join(csvimport.PresetNames(), ", "))
		}
		base = m
	}
	if base.Currency == "" && base.Deals.Currency == "" {
		base.Currency = o.currency
		if base.Currency == "" {
			base.Currency = "USD"
		}
	}
	type file struct {
		flag, path string
		kind       string
		read       func(r *csvimport.Reader, src io.Reader) error
	}
	var ms []sp.Membership
	files := []file{
		{"--deals", o.deals, "deals", func(r *csvimport.Reader, src io.Reader) error {
			seq, err := r.Deals(src)
			return collect(r, seq, err, &d.deals)
		}},
		{"--activities", o.activities, "activities", func(r *csvimport.Reader, src io.Reader) error {
			seq, err := r.Activities(src)
			return collect(r, seq, err, &d.activities)
		}},
		{"--leads", o.leads, "leads", func(r *csvimport.Reader, src io.Reader) error {
			seq, err := r.Leads(src)
			return collect(r, seq, err, &d.leads)
		}},
		{"--org", o.org, "org", func(r *csvimport.Reader, src io.Reader) error {
			seq, err := r.Memberships(src)
			return collect(r, seq, err, &ms)
		}},
	}
	for _, f := range files {
		if f.path == "" {
			continue
		}
		names = append(names, filepath.Base(f.path))
		raw, err := os.ReadFile(f.path)
		if err != nil {
			return nil, usagef("%s: %v", f.flag, unwrapPath(err, f.path))
		}
		header, err := readHeader(raw)
		if err != nil {
			return nil, usagef("%s %s: %v: %v", f.flag, f.path, csvimport.ErrNotCSV, err)
		}
		m := withDefaults(base, f.kind, header)
		if err := applyMaps(&m, o.maps); err != nil {
			return nil, usageError{err}
		}
		if id := idField[f.kind]; *fields(&m)[f.kind][id] == "" {
			return nil, usagef("%s %s: no column for the %s's %s: name one with --map %s.%s=COLUMN or use --preset (header: %s)",
				f.flag, f.path, strings.TrimSuffix(f.kind, "s"), id, f.kind, id, strings.Join(header, ", "))
		}
		rj := &rejects{name: f.path}
		r := &csvimport.Reader{Mapping: m, Reject: func(x csvimport.Rejected) { rj.add(x.Line, x.ID, x.Err) }}
		if err := f.read(r, bytes.NewReader(raw)); err != nil {
			return nil, usagef("%s %s: %v", f.flag, f.path, oneLine(err))
		}
		rep := r.Report()
		rj.summary(stderr, rep)
		for k, n := range rep.Rejected {
			if n > 0 {
				d.leftOut[k] += n
			}
		}
	}
	d.source = strings.Join(names, ", ")
	if len(ms) > 0 {
		org, err := sp.NewOrg(ms)
		if err != nil {
			return nil, usagef("--org %s: %v", o.org, oneLine(err))
		}
		d.org = org
	}
	if o.preset == "maven" {
		valueAtClose(d.deals)
	}
	d.pipelines = inferPipelines(d.deals, o.preset)
	if o.asOf.IsZero() {
		last, ok := d.latest()
		if !ok {
			return nil, usagef("no dated record in %s: give --as-of DATE", d.source)
		}
		d.asOf = sp.DateOf(last.In(d.cal.Location)).AddDays(1).In(d.cal.Location)
	} else {
		d.asOf = o.asOf.AddDays(1).In(d.cal.Location)
	}
	d.view()
	return d, nil
}

// valueAtClose marks the amount of each closed deal without an amount
// history as set at its close: the Maven export's close_value is recorded
// when the deal closes (0 for a lost deal), so a view of the deal as of an
// earlier instant (--as-of) has no amount rather than its final value,
// which would tell won from lost.
func valueAtClose(deals []sp.Deal) {
	for i := range deals {
		x := &deals[i]
		if x.IsClosed() && !x.Closed.IsZero() && len(x.AmountHistory) == 0 && x.Amount.Currency() != "" {
			x.AmountHistory = []sp.AmountChange{{At: x.Closed, Amount: x.Amount}}
		}
	}
}

// collect ranges over seq into dst, or returns the error of the reading
// method or of reading the input.
func collect[T any](r *csvimport.Reader, seq iter.Seq[T], err error, dst *[]T) error {
	if err != nil {
		return err
	}
	for v := range seq {
		*dst = append(*dst, v)
	}
	return r.Err()
}

// unwrapPath shortens an *os.PathError to "open PATH: reason".
func unwrapPath(err error, path string) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s %s: %v", pe.Op, path, pe.Err)
	}
	return err
}

// oneLine joins a multi-line error (errors.Join) on one line.
func oneLine(err error) string {
	return strings.ReplaceAll(err.Error(), "\n", "; ")
}

// readHeader returns the header row of a CSV file (after a byte-order
// mark), to build the default mapping from.
func readHeader(raw []byte) ([]string, error) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(raw, 0) >= 0 || !utf8.Valid(raw) {
		return nil, errors.New("binary data or text that is not UTF-8")
	}
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	h, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("empty file")
	}
	if err != nil {
		return nil, err
	}
	return h, nil
}

// latest returns the latest instant at which something happened in the
// data: a deal created, closed or changed, an activity, a lead created or
// touched. Expected close dates and other future-looking dates do not
// count.
func (d *data) latest() (time.Time, bool) {
	var last time.Time
	see := func(t time.Time) {
		if t.After(last) {
			last = t
		}
	}
	for i := range d.deals {
		x := &d.deals[i]
		see(x.Created)
		see(x.Closed)
		for _, h := range x.StageHistory {
			see(h.At)
		}
		for _, h := range x.AmountHistory {
			see(h.At)
		}
		for _, h := range x.ExpectedCloseHistory {
			see(h.At)
		}
		for _, h := range x.CategoryHistory {
			see(h.At)
		}
	}
	for i := range d.activities {
		see(d.activities[i].At)
	}
	for i := range d.leads {
		l := &d.leads[i]
		see(l.Created)
		see(l.FirstTouch)
		see(l.Converted)
		see(l.Disqualified)
	}
	return last, !last.IsZero()
}
