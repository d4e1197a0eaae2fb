package report

import (
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// SourceRow is one lead source: how many leads it brought, how many
// became opportunities, how many of its deals were won and for how much,
// how fast its leads were answered, and how long its won deals took.
type SourceRow struct {
	Source        string
	Leads         int64
	Opportunities int64            // deals created with this source
	Conversion    metrics.Rate     // leads converted into a deal / leads
	Won           int64            // deals of this source won
	WinRate       metrics.Rate     // won / (won + lost), deals of this source
	WonAmount     sp.Sum           // per currency
	Response      metrics.Response // lead response time
	Cycle         metrics.Summary  // days from created to won
}

// LeadSources is the lead-sources report: one row per source, sorted by
// source ("" last, shown as "(none)").
type LeadSources struct {
	Rows []SourceRow
}

// LeadSourcesReport builds the lead-sources report from leads and deals
// chosen by the caller (usually created in the same period: the
// created-date cohort). Leads are grouped by Lead.Source and deals by
// Deal.Source; conversion = leads with a converted deal / leads;
// response time with cfg (see metrics.ResponseTime); cycle = calendar
// days from created to closed in loc over won deals.
func LeadSourcesReport(leads iter.Seq[*sp.Lead], deals iter.Seq[*sp.Deal], cfg metrics.ResponseConfig, loc *time.Location) LeadSources {
	resp := metrics.ResponseTime(cfg)
	converted := metrics.Where(metrics.Count[*sp.Lead](), (*sp.Lead).IsConverted)
	leadAgg := metrics.Both(resp, metrics.Ratio(converted, metrics.Count[*sp.Lead]()))
	byLead := segment.By(leads, segment.LeadSource, leadAgg)
	dealAgg := metrics.Both(metrics.Both(metrics.Count[*sp.Deal](), metrics.WinRate()),
		metrics.Both(metrics.WonAmount(), metrics.SalesCycle(loc)))
	byDeal := segment.By(deals, segment.Source, dealAgg)

	sources := map[string]bool{}
	for s := range byLead {
		sources[s] = true
	}
	for s := range byDeal {
		sources[s] = true
	}
	var out LeadSources
	for s := range sources {
		row := SourceRow{Source: s}
		if l, ok := byLead[s]; ok {
			row.Response, row.Conversion, row.Leads = l.A, l.B, l.B.Den
		} else {
			row.Response = resp.Compute(func(func(*sp.Lead) bool) {})
		}
		if d, ok := byDeal[s]; ok {
			row.Opportunities, row.WinRate, row.Won = d.A.A, d.A.B, d.A.B.Num
			row.WonAmount, row.Cycle = d.B.A, d.B.B
		}
		out.Rows = append(out.Rows, row)
	}
	slices.SortFunc(out.Rows, func(a, b SourceRow) int {
		switch {
		case a.Source == b.Source:
			return 0
		case a.Source == "":
			return 1
		case b.Source == "":
			return -1
		case a.Source < b.Source:
			return -1
		}
		return 1
	})
	return out
}

// Table returns the report as a text table.
func (r LeadSources) Table() Table {
	within := "within SLA"
	for _, x := range r.Rows {
		if len(x.Response.SLA) > 0 {
			within = "within " + Duration(x.Response.SLA[0].Within)
		}
	}
	t := Table{Title: "Lead sources", Left: 1, Header: []string{"source", "leads", "touched", "median response",
		within, "opportunities", "conversion", "won", "win rate", "won amount", "median cycle (days)"}}
	for _, x := range r.Rows {
		med := "–"
		if d, ok := x.Response.Median(); ok {
			med = Duration(d)
		}
		sla := "–"
		if len(x.Response.SLA) > 0 {
			sla = percent(x.Response.SLA[0].All)
		}
		cycle := "–"
		if x.Cycle.N > 0 {
			cycle = strconv.FormatFloat(x.Cycle.Median, 'f', -1, 64)
		}
		name := x.Source
		if name == "" {
			name = "(none)"
		}
		t.Rows = append(t.Rows, []string{name, strconv.FormatInt(x.Leads, 10), strconv.FormatInt(x.Response.Touched, 10),
			med, sla, strconv.FormatInt(x.Opportunities, 10), percent(x.Conversion), strconv.FormatInt(x.Won, 10),
			percent(x.WinRate), x.WonAmount.String(), cycle})
	}
	return t
}

// Duration prints a duration the way a report shows it, without its zero
// tail: 1h, 1h30m, 2h2m30s, 5m (time.Duration's String would print
// 1h0m0s).
func Duration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
