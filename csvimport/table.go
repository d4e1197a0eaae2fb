package csvimport

import (
	"bytes"
	"io"

	sp "github.com/salesperf/salesperf"
)

// DealTable reads deals as [Reader.Deals] does and appends every valid
// one to dt, keeping the fields dt holds (dt.Fields), without keeping a
// [salesperf.Deal] per row. The rows accepted, the problems of the rows
// rejected (handed to Reject, with their lines) and the counts of
// [Reader.Report] are those of Deals, with one more reason to reject a
// row: a value dt cannot hold ([salesperf.DealTable.Append]: an instant
// outside the years 1678–2261; salesperf.ErrOutOfRange), reported on its
// column. DealTable returns the error Deals would return before reading
// (the rows are then not read), or the failure to read that ended the
// input early (also [Reader.Err]); rows appended before it stay in dt.
//
// Most rows take a fast path that reads the cells in place: it reads only
// the columns of the fields dt holds plus those that can make a row
// invalid (ID, owner, stage, status, amount, currency, created, closed,
// won and lost times, expected close, category); the other name columns
// (creator, pipeline, lost reason, source, region, industry, product,
// account, attributes) are skipped unless held. Names are interned in
// dt's Dicts without allocating for a name already there. A row the fast
// path cannot settle goes through Deals' own code: a row with a problem,
// a quoted cell, a cell not in the first of Mapping.DateFormats' fixed
// forms ("2006-01-02", RFC 3339 without fractions, "2006-01-02 15:04:05",
// "2006-01-02T15:04:05" or with a literal Z), a stage not exactly a key
// of Mapping.Stages, an amount with a code or a currency column, a
// category not written exactly as its name; and every row when the Reader
// has Pipelines or UniqueIDs, or the Mapping has StageEntered columns or
// attributes dt holds.
func (r *Reader) DealTable(src io.Reader, dt *sp.DealTable) error {
	t, ix, err := r.openDeals(src)
	if err != nil {
		return err
	}
	t.bytesReplace()
	// A table made as a literal keeps the Dicts it was given (a shared
	// Reps or DealIDs); the others are supplied here, as Append would on
	// its first call, since the fast path interns before appending.
	newDicts(&dt.DealIDs, &dt.Reps, &dt.Pipelines, &dt.Stages, &dt.LostReasons, &dt.Sources, &dt.Regions,
		&dt.Industries, &dt.Products, &dt.Accounts, &dt.Currencies)
	fast := len(r.Pipelines) == 0 && !r.UniqueIDs && len(ix.entered) == 0 &&
		(dt.Fields&sp.DealFieldAttrs == 0 || len(ix.attrs) == 0)
	w := &row{t: t}
	var d sp.Deal
	checked := 0
	defer func() { r.report.Checked[t.record] += checked }()
	for {
		perr, ok := t.nextRaw()
		if !ok {
			return r.err
		}
		checked++
		if fast && perr == nil && len(t.sp.start) == len(t.header) && t.fastDeal(ix, dt, &d) {
			continue
		}
		d = sp.Deal{}
		if !record(t, w, t.strings(), t.sp.line, perr, &d, func(w *row, d *sp.Deal) { t.deal(w, ix, d) }, r.v.Deal) {
			continue
		}
		if err := dt.Append(&d); err != nil {
			t.relabel(w, err)
			t.reject(w)
		}
	}
}

// ActivityTable reads activities as [Reader.Activities] does and appends
// every valid one to at, keeping the fields at holds, without keeping a
// [salesperf.Activity] per row; rows, problems, counts and errors as
// [Reader.DealTable] (an At outside the years 1678–2261 is rejected when
// at holds it).
//
// The fast path reads the ID, rep, kind, at, duration and category
// columns (which can make a row invalid) and the deal, lead and outcome
// columns only when held. It takes a kind or category cell that is
// exactly a key of Mapping.Kinds (Mapping.Categories), or, when that map
// is empty, exactly the kind's (category's) name; a row with another
// cell, a duration, or a time not in the first layout's fixed form goes
// through Activities' own code, as does every row with UniqueIDs. An
// activity ID held costs one allocation (the table keeps IDs as text).
func (r *Reader) ActivityTable(src io.Reader, at *sp.ActivityTable) error {
	t, ix, err := r.openActivities(src)
	if err != nil {
		return err
	}
	t.bytesReplace()
	newDicts(&at.Reps, &at.DealIDs, &at.LeadIDs, &at.Outcomes) // as in DealTable
	fast := !r.UniqueIDs
	w := &row{t: t}
	var a sp.Activity
	checked := 0
	defer func() { r.report.Checked[t.record] += checked }()
	for {
		perr, ok := t.nextRaw()
		if !ok {
			return r.err
		}
		checked++
		if fast && perr == nil && len(t.sp.start) == len(t.header) && t.fastActivity(ix, at, &a) {
			continue
		}
		a = sp.Activity{}
		if !record(t, w, t.strings(), t.sp.line, perr, &a, func(w *row, a *sp.Activity) { t.activity(w, ix, a) }, r.v.Activity) {
			continue
		}
		if err := at.Append(&a); err != nil {
			t.relabel(w, err)
			t.reject(w)
		}
	}
}

// newDicts sets each nil Dict to a new, empty one.
func newDicts(ds ...**sp.Dict) {
	for _, d := range ds {
		if *d == nil {
			*d = &sp.Dict{}
		}
	}
}

// bytesReplace prepares the Mapping's Replace for cells read as bytes.
func (t *table) bytesReplace() {
	if t.replace == nil {
		return
	}
	t.replaceB = make([]map[string][]byte, len(t.replace))
	for i, m := range t.replace {
		if m == nil {
			continue
		}
		t.replaceB[i] = make(map[string][]byte, len(m))
		for k, v := range m {
			t.replaceB[i][k] = []byte(v)
		}
	}
}

// cell returns the trimmed (and replaced) cell of column i of the row in
// t.sp, as row.get does; nil for a column that is not mapped (i < 0).
func (t *table) cell(i int) []byte {
	if i < 0 {
		return nil
	}
	s := t.sp
	b := s.raw[s.start[i]:s.end[i]]
	if len(b) > 0 && (asciiSpace(b[0]) || asciiSpace(b[len(b)-1]) || b[0] >= 0x80 || b[len(b)-1] >= 0x80) {
		b = bytes.TrimSpace(b)
	}
	if t.replaceB != nil {
		if m := t.replaceB[i]; m != nil {
			if v, ok := m[string(b)]; ok {
				return v
			}
		}
	}
	return b
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// name interns a cell in dict and returns the id and the interned string.
func name(dict *sp.Dict, b []byte) string { return dict.Name(dict.IDBytes(b)) }

// fastDeal appends the row in t.sp to dt when it is a valid deal in the
// forms the fast path reads, and reports whether it did; when it did not,
// dt is unchanged. It builds in *d the deal t.deal would build, with the
// fields dt holds and those the checks read (names as dt's interned
// strings, so that nothing is allocated), and appends it.
func (t *table) fastDeal(ix *dealIx, dt *sp.DealTable, d *sp.Deal) bool {
	m := &t.r.Mapping
	f := dt.Fields
	*d = sp.Deal{}

	// ID and owner: present (checkDeal).
	id, owner := t.cell(ix.id), t.cell(ix.owner)
	if len(id) == 0 || len(owner) == 0 {
		return false
	}
	// Status: the status cell, else the stage exactly in Mapping.Stages.
	stage := t.cell(ix.stage)
	if s := t.cell(ix.status); len(s) > 0 {
		switch {
		case bytes.EqualFold(s, []byte("open")):
			d.Status = sp.Open
		case bytes.EqualFold(s, []byte("won")):
			d.Status = sp.Won
		case bytes.EqualFold(s, []byte("lost")):
			d.Status = sp.Lost
		default:
			return false
		}
	} else {
		st, ok := m.Stages[string(stage)]
		if len(stage) == 0 || !ok || st < sp.Open || st > sp.Lost {
			return false
		}
		d.Status = st
	}
	// Amount: digits in Mapping.Currency, not negative, no finer than the
	// currency.
	if a := t.cell(ix.amount); len(a) > 0 {
		if len(t.cell(ix.currency)) > 0 || len(a) > 4 && (a[3] == ' ' || a[len(a)-4] == ' ') {
			return false
		}
		coef, scale, big, ok := number(t.num, a)
		digits, known := m.Currency.Digits()
		if !ok || big != "" || coef < 0 || !known || scale > digits {
			return false
		}
		p := int64(1)
		for range digits - scale {
			p *= 10
		}
		v := coef * p
		if v/p != coef {
			return false
		}
		d.Amount = sp.NewMoney(v, m.Currency)
	}
	// Dates, as t.deal settles them.
	var ok bool
	if d.Created, ok = t.instantFast(t.cell(ix.created), false); !ok {
		return false
	}
	exp, ok := t.instantFast(t.cell(ix.expected), true) // its date as written
	if !ok {
		return false
	}
	if !exp.IsZero() {
		d.ExpectedClose = sp.DateOf(exp)
	}
	switch d.Status {
	case sp.Won:
		if d.Closed, ok = t.instantFast(t.cell(ix.won), false); !ok {
			return false
		}
	case sp.Lost:
		if d.Closed, ok = t.instantFast(t.cell(ix.lost), false); !ok {
			return false
		}
	}
	if d.Closed.IsZero() {
		expected := d.Status == sp.Open && m.CloseIsExpectedWhenOpen
		closed, ok := t.instantFast(t.cell(ix.closed), expected)
		if !ok {
			return false
		}
		if expected {
			if d.ExpectedClose.IsZero() && !closed.IsZero() {
				d.ExpectedClose = sp.DateOf(closed)
			}
		} else {
			d.Closed = closed
		}
	}
	// The date checks of checkDeal.
	switch {
	case d.Created.IsZero() && d.Status != sp.Open,
		d.Status == sp.Open && !d.Closed.IsZero(),
		d.Status != sp.Open && d.Closed.IsZero(),
		!d.Closed.IsZero() && !d.Created.IsZero() && d.Closed.Before(d.Created):
		return false
	}
	if c := t.cell(ix.category); len(c) > 0 {
		if d.Category, ok = categoryNames[string(c)]; !ok {
			return false
		}
	}
	// What dt cannot hold goes the slow way, to be rejected there.
	if f&sp.DealFieldCreated != 0 && !sp.CanHold(d.Created) || f&sp.DealFieldClosed != 0 && !sp.CanHold(d.Closed) ||
		f&sp.DealFieldAmount != 0 && dt.Currencies.Len() >= 1<<16-1 {
		return false
	}

	// Names: only those held, interned in dt's Dicts.
	if f&sp.DealFieldID != 0 {
		d.ID = name(dt.DealIDs, id)
	}
	if f&(sp.DealFieldOwner|sp.DealFieldCreator) != 0 {
		d.Owner = name(dt.Reps, owner)
	}
	if f&sp.DealFieldCreator != 0 {
		if c := t.cell(ix.creator); len(c) > 0 {
			d.Creator = name(dt.Reps, c)
		}
	}
	if f&sp.DealFieldPipeline != 0 {
		d.Pipeline = name(dt.Pipelines, t.cell(ix.pipeline))
	}
	if f&sp.DealFieldStage != 0 {
		d.Stage = name(dt.Stages, stage)
	}
	if f&sp.DealFieldLostReason != 0 {
		d.LostReason = name(dt.LostReasons, t.cell(ix.lostReason))
	}
	if f&sp.DealFieldSource != 0 {
		d.Source = name(dt.Sources, t.cell(ix.source))
	}
	if f&sp.DealFieldRegion != 0 {
		d.Region = name(dt.Regions, t.cell(ix.region))
	}
	if f&sp.DealFieldIndustry != 0 {
		d.Industry = name(dt.Industries, t.cell(ix.industry))
	}
	if f&sp.DealFieldProduct != 0 {
		d.Product = name(dt.Products, t.cell(ix.product))
	}
	if f&sp.DealFieldAccount != 0 {
		d.Account = name(dt.Accounts, t.cell(ix.account))
	}
	return dt.Append(d) == nil
}

// fastActivity appends the row in t.sp to at when it is a valid activity
// in the forms the fast path reads, and reports whether it did; when it
// did not, at is unchanged.
func (t *table) fastActivity(ix *activityIx, at *sp.ActivityTable, a *sp.Activity) bool {
	m := &t.r.Mapping
	f := at.Fields
	*a = sp.Activity{}
	id, rep := t.cell(ix.id), t.cell(ix.rep)
	if len(id) == 0 || len(rep) == 0 || len(t.cell(ix.dur)) > 0 {
		return false
	}
	k := t.cell(ix.kind)
	var ok bool
	if len(m.Kinds) > 0 {
		a.Kind, ok = m.Kinds[string(k)]
	} else {
		a.Kind, ok = kindNames[string(k)]
	}
	if len(k) == 0 || !ok || a.Kind < sp.Call || a.Kind >= sp.CustomKind {
		return false
	}
	if c := t.cell(ix.cat); len(c) > 0 {
		if len(m.Categories) > 0 {
			a.Category, ok = m.Categories[string(c)]
		} else {
			a.Category, ok = categoryNamesExact[string(c)]
		}
		if !ok || a.Category < sp.Uncategorized || a.Category >= sp.CustomCategory {
			return false
		}
	}
	if a.At, ok = t.instantFast(t.cell(ix.at), false); !ok || a.At.IsZero() || f&sp.ActivityFieldAt != 0 && !sp.CanHold(a.At) {
		return false
	}
	if f&sp.ActivityFieldID != 0 {
		a.ID = string(id)
	}
	if f&sp.ActivityFieldRep != 0 {
		a.Rep = name(at.Reps, rep)
	}
	if f&sp.ActivityFieldDeal != 0 {
		a.Deal = name(at.DealIDs, t.cell(ix.deal))
	}
	if f&sp.ActivityFieldLead != 0 {
		a.Lead = name(at.LeadIDs, t.cell(ix.lead))
	}
	if f&sp.ActivityFieldOutcome != 0 {
		a.Outcome = name(at.Outcomes, t.cell(ix.outcome))
	}
	return at.Append(a) == nil
}

// kindNames and categoryNamesExact are the kinds' and categories' own
// names, as their String methods write them.
var kindNames, categoryNamesExact = func() (map[string]sp.ActivityKind, map[string]sp.TimeCategory) {
	ks := make(map[string]sp.ActivityKind)
	for k := sp.Call; k < sp.CustomKind; k++ {
		ks[k.String()] = k
	}
	cs := make(map[string]sp.TimeCategory)
	for c := sp.Prospecting; c < sp.CustomCategory; c++ {
		cs[c.String()] = c
	}
	return ks, cs
}()
