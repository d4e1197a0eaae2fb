package csvimport

import (
	"fmt"
	"io"
	"iter"
	"strings"

	sp "github.com/salesperf/salesperf"
)

// Activities reads activities through Mapping.Activities and returns the
// valid ones in file order; each bad row goes to Reject. The kind comes
// from [Mapping.Kinds] or the kinds' names, the time category from
// [Mapping.Categories] or the categories' names (empty: uncategorized);
// a cell that names neither is a problem (salesperf.ErrUnknownKind).
//
// It returns an error, and reads no row, when the Mapping has no ID or
// kind column, when the header lacks a mapped column
// ([ErrMissingColumn]) or the input is not CSV ([ErrNotCSV]). It panics if
// Reject is nil.
func (r *Reader) Activities(src io.Reader) (iter.Seq[sp.Activity], error) {
	t, ix, err := r.openActivities(src)
	if err != nil {
		return nil, err
	}
	return stream(t, func(w *row, a *sp.Activity) { t.activity(w, ix, a) }, r.v.Activity), nil
}

// activityIx is where each mapped activity column is in the header (-1:
// not mapped).
type activityIx struct {
	id, rep, deal, lead, kind, at, dur, cat, outcome int
}

// openActivities checks the activity columns of the Mapping and opens src
// (see Reader.open).
func (r *Reader) openActivities(src io.Reader) (*table, *activityIx, error) {
	c := &r.Mapping.Activities
	var ix activityIx
	specs := []spec{{c.ID, &ix.id, "id"}, {c.Rep, &ix.rep, "rep"}, {c.Deal, &ix.deal, "deal"}, {c.Lead, &ix.lead, "lead"},
		{c.Kind, &ix.kind, "kind"}, {c.At, &ix.at, "at"}, {c.Duration, &ix.dur, "duration"}, {c.Category, &ix.cat, "category"},
		{c.Outcome, &ix.outcome, "outcome"}}
	if c.ID == "" || c.Kind == "" {
		return nil, nil, fmt.Errorf("csvimport: activities: %w: the mapping needs an ID and a kind column", sp.ErrInvalidValue)
	}
	t, err := r.open(src, "activity", "activities", specs, &ix.id)
	if err != nil {
		return nil, nil, err
	}
	return t, &ix, nil
}

func (t *table) activity(w *row, ix *activityIx, a *sp.Activity) {
	m := &t.r.Mapping
	a.ID, a.Rep, a.Deal, a.Lead = w.id, w.name(ix.rep), w.get(ix.deal), w.get(ix.lead)
	if s := w.get(ix.kind); s == "" {
		w.bad(ix.kind, fmt.Errorf("%w: %q", sp.ErrUnknownKind, s))
	} else if k, ok := kind(m.Kinds, s); ok {
		a.Kind = k
	} else {
		w.bad(ix.kind, fmt.Errorf("%w: %q", sp.ErrUnknownKind, s))
	}
	a.At = w.time(ix.at)
	if s := w.get(ix.dur); s != "" {
		if d, ok := duration(s, m.DurationUnit); ok {
			a.Duration = d
		} else {
			w.bad(ix.dur, syntax(s))
		}
	}
	if s := w.get(ix.cat); s != "" {
		if tc, ok := timeCategory(m.Categories, s); ok {
			a.Category = tc
		} else {
			w.bad(ix.cat, fmt.Errorf("%w: %q", sp.ErrUnknownKind, s))
		}
	}
	a.Outcome = w.name(ix.outcome)
}

// Leads reads leads through Mapping.Leads and returns the valid ones in
// file order; each bad row goes to Reject.
//
// It returns an error, and reads no row, when the Mapping has no ID
// column, when the header lacks a mapped column ([ErrMissingColumn]) or
// the input is not CSV ([ErrNotCSV]). It panics if Reject is nil.
func (r *Reader) Leads(src io.Reader) (iter.Seq[sp.Lead], error) {
	c := &r.Mapping.Leads
	var id, source, owner, created, touch, deal, converted, disq, reason int
	specs := []spec{{c.ID, &id, "id"}, {c.Source, &source, "source"}, {c.Owner, &owner, "owner"},
		{c.Created, &created, "created"}, {c.FirstTouch, &touch, "firstTouch"}, {c.ConvertedDeal, &deal, "convertedDeal"},
		{c.Converted, &converted, "converted"}, {c.Disqualified, &disq, "disqualified"},
		{c.DisqualifyReason, &reason, "disqualifyReason"}}
	if c.ID == "" {
		return nil, fmt.Errorf("csvimport: leads: %w: the mapping has no ID column", sp.ErrInvalidValue)
	}
	t, err := r.open(src, "lead", "leads", specs, &id)
	if err != nil {
		return nil, err
	}
	return stream(t, func(w *row, l *sp.Lead) {
		l.ID, l.Source, l.Owner = w.id, w.name(source), w.name(owner)
		l.Created, l.FirstTouch = w.time(created), w.time(touch)
		l.ConvertedDeal, l.Converted = w.get(deal), w.time(converted)
		l.Disqualified, l.DisqualifyReason = w.time(disq), w.name(reason)
	}, r.v.Lead), nil
}

// Subscriptions reads subscriptions through Mapping.Subscriptions and
// returns the valid ones in file order; each bad row goes to Reject. The
// amount is the recurring amount per billing period; an empty amount is a
// problem (salesperf.ErrInvalidValue).
//
// It returns an error, and reads no row, when the Mapping has no ID or
// amount column, or no currency (column or constant); when the header
// lacks a mapped column ([ErrMissingColumn]) or the input is not CSV
// ([ErrNotCSV]). It panics if Reject is nil.
func (r *Reader) Subscriptions(src io.Reader) (iter.Seq[sp.Subscription], error) {
	c := &r.Mapping.Subscriptions
	var id, customer, amount, cur, billing, start, end int
	specs := []spec{{c.ID, &id, "id"}, {c.Customer, &customer, "customer"}, {c.Amount, &amount, "amount"},
		{c.Currency, &cur, ""}, {c.BillingMonths, &billing, "billingMonths"}, {c.Start, &start, "start"}, {c.End, &end, "end"}}
	switch {
	case c.ID == "" || c.Amount == "":
		return nil, fmt.Errorf("csvimport: subscriptions: %w: the mapping needs an ID and an amount column", sp.ErrInvalidValue)
	case c.Currency == "" && r.Mapping.Currency == "":
		return nil, fmt.Errorf("csvimport: subscriptions: %w: the mapping has no currency (column or constant)", sp.ErrInvalidValue)
	}
	t, err := r.open(src, "subscription", "subscriptions", specs, &id)
	if err != nil {
		return nil, err
	}
	return stream(t, func(w *row, x *sp.Subscription) {
		x.ID, x.Customer = w.id, w.get(customer)
		if w.get(amount) == "" {
			w.bad(amount, fmt.Errorf("%w: missing amount", sp.ErrInvalidValue))
		}
		x.Amount = w.money(amount, cur)
		if s := w.get(billing); s != "" {
			if n, ok := billingMonths(s); ok {
				x.BillingMonths = n
			} else {
				w.bad(billing, syntax(s))
			}
		}
		x.Start, x.End = w.date(start), w.date(end)
	}, r.v.Subscription), nil
}

var billingNames = map[string]int{"monthly": 1, "month": 1, "quarterly": 3, "quarter": 3,
	"semiannual": 6, "semi annual": 6, "half yearly": 6, "annual": 12, "annually": 12, "yearly": 12, "year": 12}

func billingMonths(s string) (int, bool) {
	if n, ok := billingNames[norm(s)]; ok {
		return n, true
	}
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil || n < 1 || n > 120 || fmt.Sprint(n) != s {
		return 0, false
	}
	return n, true
}

// Memberships reads org memberships through Mapping.Memberships and
// returns the valid ones in file order; each bad row goes to Reject. The
// checks are those of salesperf.NewOrg on one membership (a person, an
// Until after From); overlaps between rows are found by NewOrg on them
// all.
//
// It returns an error, and reads no row, when the Mapping has no Person
// column, when the header lacks a mapped column ([ErrMissingColumn]) or
// the input is not CSV ([ErrNotCSV]). It panics if Reject is nil.
func (r *Reader) Memberships(src io.Reader) (iter.Seq[sp.Membership], error) {
	c := &r.Mapping.Memberships
	var person, manager, team, region, from, until int
	specs := []spec{{c.Person, &person, "person"}, {c.Manager, &manager, "manager"}, {c.Team, &team, "team"},
		{c.Region, &region, "region"}, {c.From, &from, "from"}, {c.Until, &until, "until"}}
	if c.Person == "" {
		return nil, fmt.Errorf("csvimport: memberships: %w: the mapping has no Person column", sp.ErrInvalidValue)
	}
	t, err := r.open(src, "membership", "memberships", specs, &person)
	if err != nil {
		return nil, err
	}
	return stream(t, func(w *row, m *sp.Membership) {
		m.Person, m.Manager, m.Team, m.Region = w.id, w.name(manager), w.name(team), w.name(region)
		m.From, m.Until = w.date(from), w.date(until)
	}, func(m *sp.Membership) bool {
		_, err := sp.NewOrg([]sp.Membership{*m})
		r.vErr = err
		return err == nil
	}), nil
}

var levelNames = map[string]sp.Level{"rep": sp.RepLevel, "manager": sp.ManagerLevel, "team": sp.TeamLevel,
	"region": sp.RegionLevel, "org": sp.OrgLevel, "organisation": sp.OrgLevel, "organization": sp.OrgLevel}

// Targets reads targets through Mapping.Targets and returns the valid
// ones in file order; each bad row goes to Reject. The period is the one
// of the row's grain (the Grain column, else [Mapping.Grain]) in
// [Mapping.Calendar] that holds the Period cell's date. The Value cell is
// an amount for money metrics (won amount, new pipeline, new ARR) and a
// whole number for the others. The checks are those of salesperf.Validate
// on one target; overlapping targets across rows are found by Validate on
// them all.
//
// It returns an error, and reads no row, when the Mapping has no level,
// metric, period or value column, neither a grain column nor a valid
// Mapping.Grain, or an invalid Calendar; when the header lacks a mapped
// column ([ErrMissingColumn]) or the input is not CSV ([ErrNotCSV]). It
// panics if Reject is nil.
func (r *Reader) Targets(src io.Reader) (iter.Seq[sp.Target], error) {
	c := &r.Mapping.Targets
	m := &r.Mapping
	var level, who, metric, activity, period, grain, value, cur int
	specs := []spec{{c.Level, &level, "level"}, {c.Who, &who, "who"}, {c.Metric, &metric, "metric"},
		{c.Activity, &activity, "activity"}, {c.Period, &period, "period"}, {c.Grain, &grain, "period"},
		{c.Value, &value, "amount"}, {c.Currency, &cur, ""}}
	switch {
	case c.Level == "" || c.Metric == "" || c.Period == "" || c.Value == "":
		return nil, fmt.Errorf("csvimport: targets: %w: the mapping needs level, metric, period and value columns", sp.ErrInvalidValue)
	case c.Grain == "" && (m.Grain < sp.Day || m.Grain > sp.Year):
		return nil, fmt.Errorf("csvimport: targets: %w: the mapping has neither a grain column nor a Grain", sp.ErrInvalidValue)
	}
	if err := m.Calendar.Validate(); err != nil {
		return nil, fmt.Errorf("csvimport: targets: calendar: %w", err)
	}
	t, err := r.open(src, "target", "targets", specs, &who)
	if err != nil {
		return nil, err
	}
	t.cols["count"] = t.cols["amount"]
	return stream(t, func(w *row, x *sp.Target) {
		if s := w.get(level); s != "" {
			if l, ok := levelNames[norm(s)]; ok {
				x.Level = l
			} else {
				w.bad(level, fmt.Errorf("%w: level %q", sp.ErrInvalidValue, s))
			}
		}
		x.Who = w.id
		if s := w.get(metric); s != "" {
			if mt, ok := targetMetric(s); ok {
				x.Metric = mt
			} else {
				w.bad(metric, fmt.Errorf("%w: metric %q", sp.ErrInvalidValue, s))
			}
		}
		if s := w.get(activity); s != "" {
			if k, ok := kind(m.Kinds, s); ok {
				x.Activity = k
			} else {
				w.bad(activity, fmt.Errorf("%w: %q", sp.ErrUnknownKind, s))
			}
		}
		g := m.Grain
		if s := w.get(grain); s != "" {
			if err := g.UnmarshalText([]byte(strings.ToLower(s))); err != nil {
				w.bad(grain, syntax(s))
			}
		}
		if d := w.date(period); !d.IsZero() && g != 0 {
			x.Period = m.Calendar.PeriodOfDate(d, g)
		}
		if x.Metric.IsMoney() {
			x.Amount = w.money(value, cur)
		} else if x.Metric != 0 {
			x.Count = w.integer(value)
		}
	}, func(x *sp.Target) bool {
		err := sp.Validate(&sp.Dataset{Targets: []sp.Target{*x}})
		r.vErr = err
		return err == nil
	}), nil
}

// targetMetric parses a metric cell: the metrics' names in any case, with
// '_' or '-' for spaces.
func targetMetric(s string) (sp.TargetMetric, bool) {
	n := norm(s)
	for mt := sp.TargetWonAmount; mt <= sp.TargetNewARR; mt++ {
		if strings.EqualFold(mt.String(), n) {
			return mt, true
		}
	}
	return 0, false
}
