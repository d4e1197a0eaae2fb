package main

import (
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/segment"
)

// span is the stretch of time a report covers: all the data up to the
// report's now, or one period.
type span struct {
	all      bool
	period   sp.Period // when !all
	from, to time.Time // [from, to); from is zero when all
	grain    sp.Grain  // the grain of --by period rows
}

// spanOf returns the span of the options: without --period, everything
// up to the report's now; with --period GRAIN, the last complete GRAIN as
// of the report's now; with --by period, every period of GRAIN (quarter
// by default) up to the end of the last complete one.
func spanOf(o *options, d *data) span {
	g := o.grain
	if g == 0 && o.by == "period" {
		g = sp.Quarter
	}
	if g == 0 {
		return span{all: true, to: d.asOf}
	}
	p := d.cal.Prev(d.cal.PeriodOf(d.asOf, g))
	from, to := d.cal.Bounds(p)
	if o.by == "period" {
		return span{all: true, to: to, grain: g}
	}
	return span{period: p, from: from, to: to, grain: g}
}

// in reports whether an instant lies in the span; the zero time (no date)
// does not.
func (s span) in(t time.Time) bool {
	return !t.IsZero() && !t.Before(s.from) && t.Before(s.to)
}

// created reports whether a deal was created in the span. A deal without
// a created date (an open deal an export leaves undated) counts in a span
// of all the data only.
func (s span) created(d *sp.Deal) bool {
	if d.Created.IsZero() {
		return s.all
	}
	return s.in(d.Created)
}

// closed reports whether a deal was won or lost in the span.
func (s span) closed(d *sp.Deal) bool { return d.IsClosed() && s.in(d.Closed) }

// label describes the span in words.
func (s span) label() string {
	if s.all {
		if s.grain != 0 {
			return s.grain.String() + "s up to " + s.to.AddDate(0, 0, -1).Format("2006-01-02")
		}
		return "all data"
	}
	return s.period.String() + " (" + s.period.Start.String() + " – " + s.period.End.AddDays(-1).String() + ")"
}

// dealKey returns the --by key of a deal for a cohort (which date places
// the deal in a period and in the org chart), as a string; "" is shown
// as "(none)". Manager and team need an org file; region is the owner's
// region in the org chart when there is one, else the region recorded on
// the deal.
func dealKey(by string, d *data, s span, c segment.Cohort) (func(*sp.Deal) string, error) {
	loc := d.cal.Location
	needOrg := func() error {
		if d.org == nil {
			return usagef("--by %s needs --org FILE (who reports to whom)", by)
		}
		return nil
	}
	switch by {
	case "", "owner":
		return segment.Owner, nil
	case "manager":
		if err := needOrg(); err != nil {
			return nil, err
		}
		return segment.Manager(d.org, loc, c), nil
	case "team":
		if err := needOrg(); err != nil {
			return nil, err
		}
		return segment.Team(d.org, loc, c), nil
	case "region":
		if d.org == nil {
			return segment.Territory, nil
		}
		return segment.Region(d.org, loc, c), nil
	case "source":
		return segment.Source, nil
	case "product":
		return segment.Product, nil
	case "pipeline":
		return func(x *sp.Deal) string {
			if x.Pipeline == "" && len(d.pipelines) > 0 {
				return d.pipelines[0].Name
			}
			return x.Pipeline
		}, nil
	case "period":
		key := segment.Period(d.cal, s.grain, c)
		return func(x *sp.Deal) string {
			p := key(x)
			if p == (sp.Period{}) {
				return ""
			}
			return p.String()
		}, nil
	}
	return nil, usagef("unknown --by %q", by)
}

// show prints a key, "(none)" for the empty one.
func show(k string) string {
	if k == "" {
		return "(none)"
	}
	return k
}
