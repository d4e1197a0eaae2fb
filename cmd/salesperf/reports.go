package main

import (
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
	"github.com/salesperf/salesperf/segment"
)

type lostDoc struct {
	jsonHeader
	Rows []lostJSON `json:"rows"`
}

type lostJSON struct {
	Group  *string    `json:"group,omitempty"` // the --by key; absent without --by
	Reason string     `json:"reason"`          // "(none)" for deals lost without a reason
	Deals  int64      `json:"deals"`
	Amount *jsonMoney `json:"amount"`
	Share  jsonRate   `json:"share"` // deals / lost deals of the group
}

// lostReasons: the deals lost in the span per reason, per --by key when
// given.
func lostReasons(o *options, d *data) (*result, error) {
	s := spanOf(o, d)
	var key func(*sp.Deal) string
	if o.by != "" {
		k, err := dealKey(o.by, d, s, segment.ByClosed)
		if err != nil {
			return nil, err
		}
		key = k
	}
	r := report.LostReasonsBy(metrics.Filter(metrics.Refs(d.deals), s.closed), key, o.by)
	doc := lostDoc{jsonHeader: header("report lost-reasons", o, d, s), Rows: []lostJSON{}}
	for _, row := range r.Rows {
		m, err := d.moneyOf(&row.Amount)
		if err != nil {
			return nil, err
		}
		j := lostJSON{Reason: row.Reason, Deals: row.Deals, Amount: money(m), Share: rate(row.Share)}
		if key != nil {
			g := row.Group
			j.Group = &g
		}
		doc.Rows = append(doc.Rows, j)
	}
	doc.Notes = []string{"cohort: deals lost in the span; share = deals lost for the reason / deals lost in the group"}
	t := r.Table()
	t.Title = ""
	t.Notes = append(t.Notes, doc.Notes...)
	return &result{title: "Lost reasons, " + s.label(), notes: baseNotes(d, s), tables: []report.Table{t}, doc: doc}, nil
}

type sourcesDoc struct {
	jsonHeader
	Rows []sourceJSON `json:"rows"`
}

type sourceJSON struct {
	Source        string       `json:"source"` // "(none)" for no source
	Leads         int64        `json:"leads"`
	Opportunities int64        `json:"opportunities"` // deals created with this source
	Conversion    jsonRate     `json:"conversion"`    // leads converted into a deal / leads
	Won           int64        `json:"won"`
	WinRate       jsonRate     `json:"win_rate"`
	WonAmount     *jsonMoney   `json:"won_amount"`
	Response      responseJSON `json:"response"`
	CycleDays     *jsonDays    `json:"cycle_days"` // created → won
}

// responseJSON is lead response time in whole minutes (calendar time).
type responseJSON struct {
	Touched       int64    `json:"touched"`
	Never         int64    `json:"never"`            // not touched by the report's now
	MedianMinutes *float64 `json:"median_minutes"`   // null when no lead was touched
	P90Minutes    *float64 `json:"p90_minutes"`      // idem
	WithinHour    jsonRate `json:"within_1h"`        // touched within an hour / all leads
	WithinDay     jsonRate `json:"within_24h"`       // within 24 hours / all leads
	Future        int64    `json:"future,omitempty"` // leads created after the report's now
}

// leadSources: per source, the leads created in the span with their
// conversion and response time, and the deals created in the span with
// their win rate, won amount and cycle.
func leadSources(o *options, d *data) (*result, error) {
	s := spanOf(o, d)
	if o.by != "" {
		return nil, usagef("report lead-sources: --by is not supported (the rows are lead sources)")
	}
	if len(d.leads) == 0 {
		return nil, usagef("report lead-sources needs leads: give --leads FILE")
	}
	leads := metrics.Filter(metrics.Refs(d.leads), func(l *sp.Lead) bool {
		if l.Created.IsZero() {
			return s.all
		}
		return s.in(l.Created)
	})
	cfg := metrics.ResponseConfig{AsOf: d.asOf, Unit: time.Minute, SLAs: []time.Duration{time.Hour, 24 * time.Hour}}
	r := report.LeadSourcesReport(leads, metrics.Filter(metrics.Refs(d.deals), s.created), cfg, d.cal.Location)
	doc := sourcesDoc{jsonHeader: header("report lead-sources", o, d, s), Rows: []sourceJSON{}}
	for _, row := range r.Rows {
		m, err := d.moneyOf(&row.WonAmount)
		if err != nil {
			return nil, err
		}
		resp := responseJSON{Touched: row.Response.Touched, Never: row.Response.Never, Future: row.Response.Future,
			WithinHour: rate(row.Response.SLA[0].All), WithinDay: rate(row.Response.SLA[1].All)}
		if row.Response.Time.N > 0 {
			med, p90 := row.Response.Time.Median, row.Response.Time.P90
			resp.MedianMinutes, resp.P90Minutes = &med, &p90
		}
		doc.Rows = append(doc.Rows, sourceJSON{Source: show(row.Source), Leads: row.Leads, Opportunities: row.Opportunities,
			Conversion: rate(row.Conversion), Won: row.Won, WinRate: rate(row.WinRate), WonAmount: money(m),
			Response: resp, CycleDays: days(row.Cycle)})
	}
	doc.Notes = []string{
		"cohort: leads and deals created in the span; conversion = leads converted into a deal / leads",
		"response time: lead created → first touch, calendar time in whole minutes; within shares are over all leads",
	}
	t := r.Table()
	t.Title = ""
	t.Notes = append(t.Notes, doc.Notes...)
	return &result{title: "Lead sources, " + s.label(), notes: baseNotes(d, s), tables: []report.Table{t}, doc: doc}, nil
}

type pipelineDoc struct {
	jsonHeader
	Pipelines     []pipelineJSON `json:"pipelines"`
	OtherPipeline int64          `json:"other_pipeline"` // open deals of a pipeline the data does not define
}

type pipelineJSON struct {
	Pipeline     string      `json:"pipeline"`
	Stages       []stageJSON `json:"stages"`
	Total        stageJSON   `json:"total"`
	UnknownStage int64       `json:"unknown_stage"`
}

type stageJSON struct {
	Stage       string     `json:"stage"`
	Probability string     `json:"probability"` // the stage's win probability, a decimal string
	Deals       int64      `json:"deals"`
	Amount      *jsonMoney `json:"amount"`
	Weighted    *jsonMoney `json:"weighted"` // Σ amount × probability, each deal rounded half to even
	AgeDays     *jsonDays  `json:"age_days"` // days since created
	Idle        int64      `json:"idle"`     // no activity for 14 days and none scheduled
}

// pipelineReport: the deals open at the report's now, per pipeline and
// stage.
func pipelineReport(o *options, d *data) (*result, error) {
	s := span{all: true, to: d.asOf}
	if o.by != "" || o.grain != 0 {
		return nil, usagef("report pipeline: --by and --period are not supported (the pipeline is the deals open at --as-of)")
	}
	touches := report.Touches(metrics.Refs(d.activities), d.asOf)
	reps, other := report.PipelineByStage(d.pipelines, metrics.Filter(metrics.Refs(d.deals), metrics.IsOpen), touches,
		report.PipelineConfig{AsOf: d.asOf, Location: d.cal.Location})
	doc := pipelineDoc{jsonHeader: header("report pipeline", o, d, s), OtherPipeline: other}
	res := &result{title: "Open pipeline by stage, " + d.nowLabel(), notes: baseNotes(d, s)}
	stage := func(r report.StageRow) (stageJSON, error) {
		a, err := d.moneyOf(&r.Amount)
		if err != nil {
			return stageJSON{}, err
		}
		w, err := d.moneyOf(&r.Weighted)
		if err != nil {
			return stageJSON{}, err
		}
		return stageJSON{Stage: r.Stage, Probability: r.Probability.String(), Deals: r.Deals, Amount: money(a),
			Weighted: money(w), AgeDays: days(r.Age), Idle: r.Idle}, nil
	}
	for _, r := range reps {
		pj := pipelineJSON{Pipeline: pipeName(r.Pipeline), UnknownStage: r.UnknownStage}
		for _, row := range r.Rows {
			j, err := stage(row)
			if err != nil {
				return nil, err
			}
			pj.Stages = append(pj.Stages, j)
		}
		tot, err := stage(r.Total)
		if err != nil {
			return nil, err
		}
		pj.Total = tot
		doc.Pipelines = append(doc.Pipelines, pj)
		t := r.Table()
		t.Title = "Pipeline: " + pipeName(r.Pipeline)
		res.tables = append(res.tables, t)
	}
	doc.Notes = []string{"the deals open at the report's now; weighted = amount × the stage's probability; idle: no activity for 14 days and none scheduled"}
	if !d.sample {
		doc.Notes = append(doc.Notes, "stage probabilities learned from the closed deals: won deals that reached the stage / closed deals that reached it")
	}
	if other > 0 {
		doc.Notes = append(doc.Notes, n(other)+" open deals of other pipelines left out")
	}
	res.notes = append(res.notes, doc.Notes...)
	res.doc = doc
	return res, nil
}
