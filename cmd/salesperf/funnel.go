package main

import (
	"fmt"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/chart"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
	"github.com/salesperf/salesperf/segment"
)

type funnelDoc struct {
	jsonHeader
	Funnels []funnelJSON `json:"funnels"`
}

// funnelJSON is one pipeline's funnel (for one --by key).
type funnelJSON struct {
	Pipeline      string           `json:"pipeline"`
	Key           *string          `json:"key,omitempty"` // the --by key; absent without --by
	Deals         int64            `json:"deals"`
	NotReached    int64            `json:"not_reached"`
	OtherPipeline int64            `json:"other_pipeline"`
	UnknownStage  int64            `json:"unknown_stage"`
	Steps         []funnelStepJSON `json:"steps"`
	Leakiest      *string          `json:"leakiest"` // the stage with the lowest conversion to the next; null for none
	Overall       jsonRate         `json:"overall"`  // won step / first step
}

type funnelStepJSON struct {
	Stage       string    `json:"stage"`
	Reached     int64     `json:"reached"`
	Conversion  *jsonRate `json:"conversion"` // to the next step; null for the won step
	DropOff     int64     `json:"drop_off"`
	DropOffRate *jsonRate `json:"drop_off_rate"`
	Days        *jsonDays `json:"days"` // days spent in the stage; null when none was timed
}

// pipeName shows a pipeline's name; the default pipeline of a file
// without a pipeline column has none.
func pipeName(name string) string {
	if name == "" {
		return "default pipeline"
	}
	return name
}

// funnel: the stage funnel of each pipeline over the deals created in the
// span, per --by key when given.
func funnel(o *options, d *data) (*result, error) {
	s := spanOf(o, d)
	var key func(*sp.Deal) string
	if o.by != "" {
		k, err := dealKey(o.by, d, s, segment.ByCreated)
		if err != nil {
			return nil, err
		}
		key = k
	}
	res := &result{title: "Stage funnel, deals created in the span, " + s.label(), notes: baseNotes(d, s)}
	doc := funnelDoc{jsonHeader: header("funnel", o, d, s)}
	created := metrics.Filter(metrics.Refs(d.deals), s.created)
	for i := range d.pipelines {
		p := &d.pipelines[i]
		agg := metrics.Funnel(p, metrics.FunnelConfig{AsOf: d.asOf, Location: d.cal.Location, Default: i == 0})
		type one struct {
			key string
			has bool
			r   metrics.FunnelResult
		}
		var all []one
		if key == nil {
			all = append(all, one{r: agg.Compute(created)})
		} else {
			for k, r := range segment.Sorted(segment.By(created, key, agg)) {
				all = append(all, one{key: k, has: true, r: r})
			}
		}
		for _, x := range all {
			title := "Funnel: " + pipeName(p.Name)
			if x.has {
				title += ", " + o.by + " " + show(x.key)
			}
			t, j := funnelTable(x.r)
			t.Title = title
			if x.has {
				k := x.key
				j.Key = &k
			}
			res.tables = append(res.tables, t)
			doc.Funnels = append(doc.Funnels, j)
			c := chart.FunnelOf(x.r)
			c.Title = title
			res.charts = append(res.charts, c)
		}
	}
	doc.Notes = []string{
		"reached: deals that entered the stage or a later one (a skipped stage counts as reached; moving back does not un-reach)",
		"conversion = reached(next) / reached(stage); drop-off = reached(stage) − reached(next)",
		"days: calendar days spent in the stage by the deals that entered it, open deals' stays running to the report's now",
	}
	res.doc = doc
	return res, nil
}

func funnelTable(r metrics.FunnelResult) (report.Table, funnelJSON) {
	t := report.Table{Header: []string{"stage", "reached", "conversion", "drop-off", "drop-off rate", "median days", "p90 days"}}
	j := funnelJSON{Pipeline: r.Pipeline, Deals: r.Deals, NotReached: r.NotReached, OtherPipeline: r.OtherPipeline,
		UnknownStage: r.UnknownStage, Overall: rate(r.Overall())}
	for _, st := range r.Steps {
		sj := funnelStepJSON{Stage: st.Stage, Reached: st.Reached, DropOff: st.DropOff, Days: days(st.Days)}
		conv, drop := "–", "–"
		if st.Kind == sp.OpenStage {
			c, dr := rate(st.Conversion), rate(st.DropOffRate)
			sj.Conversion, sj.DropOffRate = &c, &dr
			conv, drop = st.Conversion.String(), st.DropOffRate.String()
		}
		med, p90 := "–", "–"
		if st.Days.N > 0 {
			med, p90 = num(st.Days.Median), num(st.Days.P90)
		}
		t.Rows = append(t.Rows, []string{st.Stage, n(st.Reached), conv, n(st.DropOff), drop, med, p90})
		j.Steps = append(j.Steps, sj)
	}
	if k, ok := r.Leakiest(); ok {
		stage := r.Steps[k].Stage
		j.Leakiest = &stage
		t.Notes = append(t.Notes, fmt.Sprintf("leakiest: %s → %s, %s go on", stage, r.Steps[k+1].Stage, r.Steps[k].Conversion))
	}
	t.Notes = append(t.Notes, fmt.Sprintf("deals %d; reached no stage %d; overall %s won", r.Deals, r.NotReached, r.Overall()))
	if r.UnknownStage > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("%d deals with a stage the pipeline does not know (those entries ignored)", r.UnknownStage))
	}
	return t, j
}
