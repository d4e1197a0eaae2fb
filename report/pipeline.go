package report

import (
	"iter"
	"strconv"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/shopspring/decimal"
)

// Touch is what the activities say about one deal as of an instant: the
// last activity at or before it, and the first one scheduled after it.
// Zero times mean none.
type Touch struct {
	Last time.Time
	Next time.Time
}

// Touches returns, per deal ID, the last activity at or before asOf and
// the first after it (a meeting booked for next week), from the
// activities that name a deal.
func Touches(activities iter.Seq[*sp.Activity], asOf time.Time) map[string]Touch {
	out := map[string]Touch{}
	for a := range activities {
		if a.Deal == "" || a.At.IsZero() {
			continue
		}
		t := out[a.Deal]
		if a.At.After(asOf) {
			if t.Next.IsZero() || a.At.Before(t.Next) {
				t.Next = a.At
			}
		} else if a.At.After(t.Last) {
			t.Last = a.At
		}
		out[a.Deal] = t
	}
	return out
}

// PipelineConfig says how to read the pipeline: as of when, in which
// location days are counted, when a deal counts as idle, and how weighted
// amounts are rounded.
type PipelineConfig struct {
	AsOf      time.Time
	Location  *time.Location  // nil means UTC
	IdleAfter time.Duration   // no activity for this long and none scheduled: idle; 0 means 14 days
	Rounding  sp.RoundingMode // for amount × probability; 0 means half to even
}

func (c PipelineConfig) idleAfter() time.Duration {
	if c.IdleAfter == 0 {
		return 14 * 24 * time.Hour
	}
	return c.IdleAfter
}

func (c PipelineConfig) rounding() sp.RoundingMode {
	if c.Rounding == 0 {
		return sp.RoundHalfEven
	}
	return c.Rounding
}

// StageRow is one stage of the open pipeline: how many deals, their
// amount and weighted amount (Σ amount × the stage's probability, each
// deal rounded to the cent), their age in days since creation (mean,
// median, p90), and how many are idle.
type StageRow struct {
	Stage       string
	Probability decimal.Decimal
	Deals       int64
	Amount      sp.Sum
	Weighted    sp.Sum
	Age         metrics.Summary
	Idle        int64
}

// PipelineReport is the open pipeline of one pipeline, stage by stage in
// the pipeline's order, with a total row. Open deals in a stage the
// pipeline does not know, or in one of its won or lost stages (a status
// that contradicts the stage), are counted in UnknownStage, not placed.
type PipelineReport struct {
	Pipeline     string
	Rows         []StageRow
	Total        StageRow
	UnknownStage int64
}

// PipelineByStage reports the open deals of deals per pipeline of ps and
// stage: count, amount, weighted amount, average age and idle deals. An
// open deal is idle when its last activity (from touches, see [Touches])
// is more than cfg.IdleAfter before cfg.AsOf — or it has none and was
// created that long ago — and no activity is scheduled after cfg.AsOf.
// Deals that are not open are ignored; deals of a pipeline ps does not
// hold are counted in the second result.
func PipelineByStage(ps sp.Pipelines, deals iter.Seq[*sp.Deal], touches map[string]Touch, cfg PipelineConfig) ([]PipelineReport, int64) {
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	type acc struct {
		row StageRow
		age metrics.Histogram
	}
	reports := make([][]acc, len(ps))
	unknown := make([]int64, len(ps))
	for i := range ps {
		reports[i] = make([]acc, len(ps[i].Stages))
	}
	var otherPipeline int64
	today := sp.DateOf(cfg.AsOf.In(loc))
	for d := range deals {
		if d.Status != sp.Open {
			continue
		}
		p, ok := ps.Lookup(d.Pipeline)
		if !ok {
			otherPipeline++
			continue
		}
		idx := indexOf(ps, p)
		k := p.Index(d.Stage)
		if k < 0 || p.Stages[k].Kind != sp.OpenStage {
			unknown[idx]++
			continue
		}
		a := &reports[idx][k]
		a.row.Deals++
		a.row.Amount.Add(d.Amount)
		a.row.Weighted.Add(d.Amount.Mul(p.Stages[k].Probability, cfg.rounding()))
		if !d.Created.IsZero() {
			a.age.Add(int64(sp.DateOf(d.Created.In(loc)).DaysUntil(today)))
		}
		t := touches[d.ID]
		last := t.Last
		if last.IsZero() {
			last = d.Created
		}
		if t.Next.IsZero() && !last.IsZero() && cfg.AsOf.Sub(last) > cfg.idleAfter() {
			a.row.Idle++
		}
	}
	out := make([]PipelineReport, len(ps))
	for i := range ps {
		r := PipelineReport{Pipeline: ps[i].Name, UnknownStage: unknown[i], Total: StageRow{Stage: "total"}}
		var ages metrics.Histogram
		for k, st := range ps[i].Stages {
			if st.Kind != sp.OpenStage {
				continue
			}
			a := &reports[i][k]
			a.row.Stage, a.row.Probability, a.row.Age = st.Name, st.Probability, a.age.Summary()
			r.Rows = append(r.Rows, a.row)
			r.Total.Deals += a.row.Deals
			r.Total.Amount.Merge(&a.row.Amount)
			r.Total.Weighted.Merge(&a.row.Weighted)
			r.Total.Idle += a.row.Idle
			ages.Merge(&a.age)
		}
		r.Total.Age = ages.Summary()
		out[i] = r
	}
	return out, otherPipeline
}

func indexOf(ps sp.Pipelines, p *sp.Pipeline) int {
	for i := range ps {
		if &ps[i] == p {
			return i
		}
	}
	return -1
}

// Table returns the report as a text table.
func (r PipelineReport) Table() Table {
	t := Table{Title: "Open pipeline by stage: " + r.Pipeline,
		Header: []string{"stage", "probability", "deals", "amount", "weighted", "avg age (days)", "idle"}}
	for _, x := range append(append([]StageRow(nil), r.Rows...), r.Total) {
		prob := x.Probability.String()
		if x.Stage == "total" {
			prob = ""
		}
		age := "–"
		if m, ok := x.Age.MeanDecimal(1, sp.RoundHalfEven); ok {
			age = m.StringFixed(1)
		}
		t.Rows = append(t.Rows, []string{x.Stage, prob, strconv.FormatInt(x.Deals, 10), x.Amount.String(),
			x.Weighted.String(), age, strconv.FormatInt(x.Idle, 10)})
	}
	if r.UnknownStage > 0 {
		t.Notes = append(t.Notes, strconv.FormatInt(r.UnknownStage, 10)+" open deals in a stage this pipeline does not define as open are not placed")
	}
	return t
}
