package csvimport

import (
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"

	sp "github.com/salesperf/salesperf"
)

// dealIx is where each mapped deal column is in the header (-1: not mapped).
type dealIx struct {
	id, owner, creator, pipeline, stage, status, amount, currency int
	created, closed, won, lost, expected, category, lostReason    int
	source, region, industry, product, account                    int
	entered                                                       []namedCol // stage → column
	attrs                                                         []namedCol // attribute key → column
}

type namedCol struct {
	name string
	at   int
}

// Deals reads deals through Mapping.Deals and returns the valid ones in
// file order; each bad row goes to Reject.
//
// A row becomes a deal this way. The status comes from the status
// column when it is mapped and its cell is not empty ("open", "won",
// "lost", any case), else from the stage: [Mapping.Stages], then the
// Reader's Pipelines, then [Mapping.OtherStages]; an empty stage and
// status is an unknown stage. The close date of a won (lost) deal is the
// WonTime (LostTime) column when not empty, else Closed; with
// [Mapping.CloseIsExpectedWhenOpen], an open deal's close date becomes its
// expected close date (unless the ExpectedClose column gives one). The
// amount is in the currency column's currency, else [Mapping.Currency];
// an empty amount is "no amount" (the zero Money). The stage history is
// built from the StageEntered columns, when the Mapping has any.
//
// Deals returns an error, and reads no row, when the Mapping has no ID
// column, neither a stage nor a status column, or an amount column with
// neither a currency column nor a Mapping.Currency; when the header
// lacks a mapped column ([ErrMissingColumn]); or when the input is not CSV
// ([ErrNotCSV]). It panics if Reject is nil.
func (r *Reader) Deals(src io.Reader) (iter.Seq[sp.Deal], error) {
	t, ix, err := r.openDeals(src)
	if err != nil {
		return nil, err
	}
	return stream(t, func(w *row, d *sp.Deal) { t.deal(w, ix, d) }, r.v.Deal), nil
}

// openDeals checks the deal columns of the Mapping and opens src (see
// Reader.open).
func (r *Reader) openDeals(src io.Reader) (*table, *dealIx, error) {
	c := &r.Mapping.Deals
	var ix dealIx
	specs := []spec{
		{c.ID, &ix.id, "id"}, {c.Owner, &ix.owner, "owner"}, {c.Creator, &ix.creator, "creator"},
		{c.Pipeline, &ix.pipeline, "pipeline"}, {c.Stage, &ix.stage, "stage"}, {c.Status, &ix.status, "status"},
		{c.Amount, &ix.amount, "amount"}, {c.Currency, &ix.currency, ""},
		{c.Created, &ix.created, "created"}, {c.Closed, &ix.closed, "closed"},
		{c.WonTime, &ix.won, "closed"}, {c.LostTime, &ix.lost, "closed"},
		{c.ExpectedClose, &ix.expected, "expectedClose"}, {c.Category, &ix.category, "category"},
		{c.LostReason, &ix.lostReason, "lostReason"}, {c.Source, &ix.source, "source"},
		{c.Region, &ix.region, "region"}, {c.Industry, &ix.industry, "industry"},
		{c.Product, &ix.product, "product"}, {c.Account, &ix.account, "account"},
	}
	ix.entered = make([]namedCol, len(c.StageEntered))
	for i, stage := range slices.Sorted(maps.Keys(c.StageEntered)) {
		ix.entered[i].name = stage
		specs = append(specs, spec{c.StageEntered[stage], &ix.entered[i].at, ""})
	}
	ix.attrs = make([]namedCol, len(c.Attrs))
	for i, key := range slices.Sorted(maps.Keys(c.Attrs)) {
		ix.attrs[i].name = key
		specs = append(specs, spec{c.Attrs[key], &ix.attrs[i].at, ""})
	}
	switch {
	case c.ID == "":
		return nil, nil, fmt.Errorf("csvimport: deals: %w: the mapping has no ID column", sp.ErrInvalidValue)
	case c.Stage == "" && c.Status == "":
		return nil, nil, fmt.Errorf("csvimport: deals: %w: the mapping has neither a stage nor a status column", sp.ErrInvalidValue)
	case c.Amount != "" && c.Currency == "" && r.Mapping.Currency == "":
		return nil, nil, fmt.Errorf("csvimport: deals: %w: the mapping has an amount column but no currency (column or constant)", sp.ErrInvalidValue)
	}
	t, err := r.open(src, "deal", "deals", specs, &ix.id)
	if err != nil {
		return nil, nil, err
	}
	if _, ok := t.cols["status"]; !ok && ix.stage >= 0 {
		t.cols["status"] = t.header[ix.stage]
	}
	return t, &ix, nil
}

func (t *table) deal(w *row, ix *dealIx, d *sp.Deal) {
	m := &t.r.Mapping
	d.ID = w.id
	d.Owner = w.name(ix.owner)
	d.Creator = w.name(ix.creator)
	d.Pipeline = w.name(ix.pipeline)
	d.Stage = w.name(ix.stage)
	d.Status = t.dealStatus(w, ix, d)
	d.Amount = w.money(ix.amount, ix.currency)
	d.Created = w.time(ix.created)
	d.ExpectedClose = w.date(ix.expected)
	switch d.Status {
	case sp.Won:
		d.Closed = w.time(ix.won)
	case sp.Lost:
		d.Closed = w.time(ix.lost)
	}
	if d.Closed.IsZero() {
		closed := w.time(ix.closed)
		if d.Status == sp.Open && m.CloseIsExpectedWhenOpen {
			if d.ExpectedClose.IsZero() && !closed.IsZero() {
				d.ExpectedClose = sp.DateOf(closed)
			}
		} else {
			d.Closed = closed
		}
	}
	if s := w.get(ix.category); s != "" {
		if c, ok := category(s); ok {
			d.Category = c
		} else {
			w.bad(ix.category, fmt.Errorf("%w: forecast category %q", sp.ErrInvalidValue, s))
		}
	}
	d.LostReason = w.name(ix.lostReason)
	d.Source = w.name(ix.source)
	d.Region = w.name(ix.region)
	d.Industry = w.name(ix.industry)
	d.Product = w.name(ix.product)
	d.Account = w.name(ix.account)
	if len(ix.attrs) > 0 {
		d.Attrs = make(map[string]string, len(ix.attrs))
		for _, a := range ix.attrs {
			if s := w.get(a.at); s != "" {
				d.Attrs[a.name] = s
			}
		}
	}
	if len(ix.entered) > 0 {
		var h []sp.StageChange
		for _, e := range ix.entered {
			if at := w.time(e.at); !at.IsZero() {
				h = append(h, sp.StageChange{At: at, Stage: e.name})
			}
		}
		slices.SortStableFunc(h, func(a, b sp.StageChange) int { return a.At.Compare(b.At) })
		if d.IsClosed() && !d.Closed.IsZero() && (len(h) == 0 || h[len(h)-1].Stage != d.Stage) {
			h = append(h, sp.StageChange{At: d.Closed, Stage: d.Stage})
		}
		d.StageHistory = h
	}
}

// dealStatus settles the deal's status (see Reader.Deals).
func (t *table) dealStatus(w *row, ix *dealIx, d *sp.Deal) sp.Status {
	m := &t.r.Mapping
	if s := w.get(ix.status); s != "" {
		st, ok := status(s)
		if !ok {
			w.bad(ix.status, fmt.Errorf("%w: %q", sp.ErrInvalidStatus, s))
		}
		return st
	}
	if d.Stage == "" {
		if ix.stage < 0 {
			w.bad(ix.status, fmt.Errorf("%w: %q", sp.ErrInvalidStatus, ""))
		} else {
			w.bad(ix.stage, fmt.Errorf("%w: %q", sp.ErrUnknownStage, ""))
		}
		return 0
	}
	if st, ok := lookup(m.Stages, d.Stage); ok {
		return st
	}
	if p, ok := t.r.Pipelines.Lookup(d.Pipeline); ok {
		if st, ok := p.Stage(d.Stage); ok {
			switch st.Kind {
			case sp.OpenStage:
				return sp.Open
			case sp.WonStage:
				return sp.Won
			case sp.LostStage:
				return sp.Lost
			}
		}
	}
	switch m.OtherStages {
	case StageOpen:
		return sp.Open
	case StageByName:
		return byName(d.Stage)
	}
	w.bad(ix.stage, fmt.Errorf("%w: %q", sp.ErrUnknownStage, d.Stage))
	return 0
}
