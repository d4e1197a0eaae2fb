// Command reports prints every report of the metrics and report packages
// for the sample organisation, as aligned text tables: activity and where
// the time goes, lead response time, new opportunities, win rates, the
// stage funnel, deal size, sales cycle (with the survival-aware median),
// pipeline velocity and coverage, ARR and its movements, lost reasons,
// lead sources, the pipeline by stage, the revenue trend, and deals at
// risk.
//
//	go run ./examples/reports
//
// "The quarter" is the last complete fiscal quarter as of the sample's
// now (FY2026 Q4); "the year" is the four quarters up to its end. Amounts
// of deals are converted to USD at each deal's close-date rate (created
// date while open); ARR stays per currency. Records that fail validation
// are left out and counted at the end.
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/examples/internal/prep"
	"github.com/salesperf/salesperf/internal/sampledata"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
	"github.com/salesperf/salesperf/segment"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "reports:", err)
		os.Exit(1)
	}
}

// env is what every report reads.
type env struct {
	s           *sampledata.Sample
	data        *prep.Data
	usd         []sp.Deal // valid deals, amounts in USD
	cal         sp.Calendar
	q           sp.Period // the quarter
	qFrom, qTo  time.Time
	yFrom       time.Time // start of the year (four quarters to qTo)
	inQ, inYear func(time.Time) bool
	asOf        time.Time
	w           io.Writer
}

func run(w io.Writer) error {
	s, err := sampledata.Load()
	if err != nil {
		return err
	}
	e := &env{s: s, data: prep.Valid(s), cal: s.Calendar, asOf: s.AsOf, w: w}
	if e.usd, err = prep.InCurrency(e.data.Deals, s.Rates, "USD"); err != nil {
		return err
	}
	e.q = e.cal.Prev(e.cal.PeriodOf(s.AsOf, sp.Quarter))
	e.qFrom, e.qTo = e.cal.Bounds(e.q)
	e.yFrom, _ = e.cal.Bounds(e.cal.Prev(e.cal.Prev(e.cal.Prev(e.q))))
	e.inQ = between(e.qFrom, e.qTo)
	e.inYear = between(e.yFrom, e.qTo)
	fmt.Fprintf(w, "Sample organisation, as of %s; the quarter is %s (%s – %s)\n",
		s.AsOf.Format("2006-01-02 15:04 MST"), e.q, e.q.Start, e.q.End.AddDays(-1))

	for _, section := range []func(*env) error{
		activity, timeUse, responseTime, newOpportunities, winRates, funnel, dealSize, cycle,
		velocityCoverage, arr, lostReasons, leadSources, pipeline, trend, risk,
	} {
		fmt.Fprintln(w)
		if err := section(e); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\nLeft out (failed validation)\n")
	for _, line := range prep.Lines(e.data.Rejected()) {
		fmt.Fprintf(w, "  %s\n", line)
	}
	return nil
}

func between(from, to time.Time) func(time.Time) bool {
	return func(t time.Time) bool { return !t.IsZero() && !t.Before(from) && t.Before(to) }
}

func (e *env) table(t report.Table) error { return t.WriteText(e.w) }

func (e *env) dealsWhere(keep func(*sp.Deal) bool) func(func(*sp.Deal) bool) {
	return metrics.Filter(metrics.Refs(e.usd), keep)
}

func (e *env) closedInQ(d *sp.Deal) bool  { return e.inQ(d.Closed) }
func (e *env) createdInQ(d *sp.Deal) bool { return e.inQ(d.Created) }

func n(x int64) string { return strconv.FormatInt(x, 10) }

func pct(r metrics.Rate) string {
	v, ok := metrics.Rate{Num: r.Num * 100, Den: r.Den}.Decimal(1, sp.RoundHalfEven)
	if !ok {
		return "–"
	}
	return v.StringFixed(1) + "%"
}

func days(x float64, ok bool) string {
	if !ok {
		return "–"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// activity: counts per kind per rep in the quarter, and ratios to won deals.
func activity(e *env) error {
	acts := metrics.Filter(metrics.Refs(e.data.Activities), func(a *sp.Activity) bool { return e.inQ(a.At) })
	byRep := segment.By(acts, segment.Rep, metrics.ActivityCounts())
	won := segment.By(e.dealsWhere(func(d *sp.Deal) bool { return d.Status == sp.Won && e.closedInQ(d) }), segment.Owner, metrics.Count[*sp.Deal]())
	t := report.Table{Title: "Activity by rep, " + e.q.String(),
		Header: []string{"rep", "calls", "emails", "meetings held", "demos", "proposals", "all", "won deals",
			"calls / meeting", "meetings / won", "proposals / won"}}
	for _, rep := range e.s.Reps {
		c := byRep[rep]
		t.Rows = append(t.Rows, []string{rep, n(c.Of(sp.Call)), n(c.Of(sp.Email)), n(c.Of(sp.MeetingHeld)),
			n(c.Of(sp.Demo)), n(c.Of(sp.Proposal)), n(c.Total()), n(won[rep]),
			metrics.CallsPerMeeting(c).Quotient(1), metrics.MeetingsPerWonDeal(c, won[rep]).Quotient(1),
			metrics.ProposalsPerWonDeal(c, won[rep]).Quotient(1)})
	}
	return e.table(t)
}

// timeUse: share of time per category per rep, and won against hours.
func timeUse(e *env) error {
	acts := metrics.Filter(metrics.Refs(e.data.Activities), func(a *sp.Activity) bool { return e.inQ(a.At) })
	byRep := segment.By(acts, segment.Rep, metrics.TimeByCategory())
	won := segment.By(e.dealsWhere(e.closedInQ), segment.Owner, metrics.AverageDealSize())
	t := report.Table{Title: "Where the time goes, " + e.q.String() + " (won amount in USD)",
		Header: []string{"rep", "hours", "prospecting", "presenting", "data entry", "lead research", "other",
			"won per hour", "won deals per 100 h"}}
	for _, rep := range e.s.Reps {
		c := byRep[rep]
		other := metrics.Rate{Num: c.Total() - c.Of(sp.Prospecting) - c.Of(sp.Presenting) - c.Of(sp.DataEntry) - c.Of(sp.LeadResearch), Den: c.Total()}
		p := metrics.Productivity{Won: won[rep].Total, WonDeals: won[rep].N, Seconds: c.Total()}
		perHour := "–"
		if m, ok, err := p.PerHour(sp.RoundHalfEven); err == nil && ok {
			perHour = m.String()
		}
		hours, _ := metrics.Rate{Num: c.Total(), Den: 3600}.Decimal(1, sp.RoundHalfEven)
		per100, _ := p.DealsPer100Hours().Decimal(2, sp.RoundHalfEven)
		t.Rows = append(t.Rows, []string{rep, hours.StringFixed(1),
			pct(c.Share(sp.Prospecting)), pct(c.Share(sp.Presenting)), pct(c.Share(sp.DataEntry)),
			pct(c.Share(sp.LeadResearch)), pct(other), perHour, per100.StringFixed(2)})
	}
	return e.table(t)
}

// hours are the sample's working hours: 9:00–17:00 New York, Monday to Friday.
func (e *env) hours() *sp.BusinessHours {
	return &sp.BusinessHours{Location: e.cal.Location, Open: 9 * time.Hour, Close: 17 * time.Hour}
}

// responseTime: lead response time by source, in business hours.
func responseTime(e *env) error {
	leads := metrics.Filter(metrics.Refs(e.data.Leads), func(l *sp.Lead) bool { return e.inQ(l.Created) })
	cfg := metrics.ResponseConfig{Hours: e.hours(), SLAs: []time.Duration{5 * time.Minute, time.Hour, 8 * time.Hour}, AsOf: e.asOf}
	bySource := segment.By(leads, segment.LeadSource, metrics.ResponseTime(cfg))
	t := report.Table{Title: "Lead response time by source, leads created in " + e.q.String() + " (business hours 9–17 New York)",
		Header: []string{"source", "leads", "touched", "never", "mean", "median", "p90", "≤ 5m", "≤ 1h", "≤ 1 working day"}}
	for src, r := range segment.Sorted(bySource) {
		mean, ok1 := r.Mean()
		med, ok2 := r.Median()
		p90, ok3 := r.P90()
		t.Rows = append(t.Rows, []string{src, n(r.Leads), n(r.Touched), n(r.Never), dur(mean, ok1), dur(med, ok2), dur(p90, ok3),
			pct(r.SLA[0].All), pct(r.SLA[1].All), pct(r.SLA[2].All)})
	}
	t.Notes = append(t.Notes, "SLA shares are over all leads: a lead never touched missed every SLA")
	return e.table(t)
}

func dur(d time.Duration, ok bool) string {
	if !ok {
		return "–"
	}
	return d.Round(time.Minute).String()
}

// newOpportunities: deals created in the quarter, by source and by creator.
func newOpportunities(e *env) error {
	created := e.dealsWhere(e.createdInQ)
	for _, by := range []struct {
		name string
		key  func(*sp.Deal) string
	}{{"source", segment.Source}, {"creator", segment.Creator}} {
		rows := segment.By(created, by.key, metrics.NewOpportunities())
		t := report.Table{Title: "New opportunities by " + by.name + ", " + e.q.String(), Header: []string{by.name, "deals", "amount (USD)"}}
		for k, o := range segment.Sorted(rows) {
			if k == "" {
				k = "(none)"
			}
			amt, err := o.Amount.Single()
			if err != nil {
				return err
			}
			t.Rows = append(t.Rows, []string{k, n(o.Count), amt.Amount()})
		}
		if err := e.table(t); err != nil {
			return err
		}
		fmt.Fprintln(e.w)
	}
	return nil
}

// winRates: closed-date win rate by count and amount per pipeline, and the
// created-cohort conversion beside it.
func winRates(e *env) error {
	closed := segment.By(e.dealsWhere(e.closedInQ), segment.Pipeline,
		metrics.Both(metrics.WinRate(), metrics.WinRateByAmount()))
	created := segment.By(e.dealsWhere(e.createdInQ), segment.Pipeline, metrics.CreatedCohortConversion())
	t := report.Table{Title: "Win rates, " + e.q.String(),
		Header: []string{"pipeline", "win rate (closed in quarter)", "by amount", "created in quarter", "won", "lost", "still open"}}
	for p, r := range segment.Sorted(closed) {
		c := created[p]
		t.Rows = append(t.Rows, []string{p, r.A.String(), r.B.String(), n(c.Created), pct(c.Won), pct(c.Lost), pct(c.Open)})
	}
	t.Notes = append(t.Notes, "win rate = won / (won + lost) of the deals closed in the quarter;",
		"the created-cohort columns are the share of the deals created in the quarter that are won, lost, or open now")
	return e.table(t)
}

// funnel: New Business, deals created in the year.
func funnel(e *env) error {
	p, _ := e.s.Dataset.Pipelines.Lookup("New Business")
	deals := metrics.Filter(metrics.Refs(e.data.Deals), func(d *sp.Deal) bool { return e.inYear(d.Created) })
	f := metrics.Funnel(p, metrics.FunnelConfig{AsOf: e.asOf, Location: e.cal.Location}).Compute(deals)
	t := report.Table{Title: "Stage funnel: " + p.Name + ", deals created " + e.yFrom.Format("2006-01-02") + " – " + e.qTo.AddDate(0, 0, -1).Format("2006-01-02"),
		Header: []string{"stage", "reached", "to next stage", "dropped", "median days in stage", "p90 days"}}
	for _, st := range f.Steps {
		conv := "–"
		if st.Kind == sp.OpenStage {
			conv = pct(st.Conversion)
		}
		t.Rows = append(t.Rows, []string{st.Stage, n(st.Reached), conv, n(st.DropOff),
			days(st.Days.Median, st.Days.N > 0), days(st.Days.P90, st.Days.N > 0)})
	}
	if k, ok := f.Leakiest(); ok {
		t.Notes = append(t.Notes, "leakiest stage: "+f.Steps[k].Stage+" → "+f.Steps[k+1].Stage+", "+pct(f.Steps[k].Conversion)+" go on")
	}
	t.Notes = append(t.Notes, "overall: "+f.Overall().String()+" of the deals that entered the funnel were won")
	return e.table(t)
}

// dealSize: won deals of the year in USD, in buckets.
func dealSize(e *env) error {
	r := metrics.DealSize().Compute(e.dealsWhere(func(d *sp.Deal) bool { return e.inYear(d.Closed) }))
	cs, err := r.Single()
	if err != nil {
		return err
	}
	t := report.Table{Title: "Deal size, deals won " + e.yFrom.Format("2006-01-02") + " – " + e.qTo.AddDate(0, 0, -1).Format("2006-01-02") + " (USD)",
		Header: []string{"size", "won deals", "share"}}
	for _, b := range r.Buckets {
		label := "≥ " + b.Min.String()
		if b.Below.Currency() != "" {
			label = b.Min.Amount() + " – " + b.Below.Amount()
		}
		t.Rows = append(t.Rows, []string{label, n(b.N), pct(metrics.Rate{Num: b.N, Den: cs.N})})
	}
	t.Notes = append(t.Notes, "won "+n(cs.N)+", total "+cs.Total.String()+", average "+cs.Average().String()+
		", median "+cs.Median.String()+", smallest "+cs.Min.String()+", largest "+cs.Max.String())
	return e.table(t)
}

// cycle: won, lost and all closed in the year, and the survival median.
func cycle(e *env) error {
	closed := metrics.Filter(metrics.Refs(e.data.Deals), func(d *sp.Deal) bool { return e.inYear(d.Closed) })
	t := report.Table{Title: "Sales cycle in days, deals closed in the year", Header: []string{"deals", "n", "mean", "median", "p90"}}
	for _, c := range []struct {
		name string
		st   []sp.Status
	}{{"won", []sp.Status{sp.Won}}, {"lost", []sp.Status{sp.Lost}}, {"all closed", []sp.Status{sp.Won, sp.Lost}}} {
		s := metrics.SalesCycle(e.cal.Location, c.st...).Compute(closed)
		m, ok := s.MeanDecimal(1, sp.RoundHalfEven)
		mean := "–"
		if ok {
			mean = m.StringFixed(1)
		}
		t.Rows = append(t.Rows, []string{c.name, n(s.N), mean, days(s.Median, s.N > 0), days(s.P90, s.N > 0)})
	}
	created := metrics.Filter(metrics.Refs(e.data.Deals), func(d *sp.Deal) bool { return e.inYear(d.Created) })
	km := metrics.CycleSurvival(metrics.SurvivalConfig{Location: e.cal.Location, AsOf: e.asOf}).Compute(created)
	med, ok := km.Median()
	kmLine := "survival-aware median time to win of the deals created in the year (open deals censored at now): "
	if ok {
		kmLine += strconv.FormatInt(med, 10) + " days"
	} else {
		kmLine += "not reached"
	}
	t.Notes = append(t.Notes, kmLine)
	return e.table(t)
}

// velocityCoverage: velocity of the year's deals; coverage of the current quarter.
func velocityCoverage(e *env) error {
	v := metrics.PipelineVelocity(e.cal.Location).Compute(e.dealsWhere(func(d *sp.Deal) bool { return e.inYear(d.Created) }))
	fmt.Fprintf(e.w, "Pipeline velocity, deals created in the year (USD)\n  %v\n\n", v)

	// Coverage of the quarter as it stood in its middle: the deals as of
	// that instant (Deal.AsOf reads no field dated later), against the
	// reps' quarterly targets converted at that day's rate.
	mid := e.qFrom.Add(e.qTo.Sub(e.qFrom) / 2)
	var then []sp.Deal
	for i := range e.usd {
		if v, ok := e.usd[i].AsOf(mid); ok {
			then = append(then, v)
		}
	}
	cov := segment.By(metrics.Refs(then), segment.Owner, metrics.PipelineCoverage(e.qFrom, e.qTo, e.cal.Location))
	target := map[string]sp.Money{}
	for _, tg := range e.s.Dataset.Targets {
		if tg.Metric == sp.TargetWonAmount && tg.Period == e.q && tg.Level == sp.RepLevel {
			usd, err := e.s.Rates.Convert(tg.Amount, "USD", mid, sp.RoundHalfEven)
			if err != nil {
				return err
			}
			target[tg.Who] = usd
		}
	}
	t := report.Table{Title: "Pipeline coverage of " + e.q.String() + " as of " + mid.Format("2006-01-02") + " (USD)",
		Header: []string{"rep", "target", "won so far", "still to win", "open, expected in the quarter", "coverage"}}
	for _, rep := range e.s.Reps {
		c := cov[rep]
		tg, ok := target[rep]
		if !ok {
			continue
		}
		won, err := c.Won.Single()
		if err != nil {
			return err
		}
		open, err := c.Open.Single()
		if err != nil {
			return err
		}
		rem, err := c.Remaining(tg)
		if err != nil {
			return err
		}
		x := "–"
		if r, ok, err := c.Of(tg, 2, sp.RoundHalfEven); err == nil && ok {
			x = r.StringFixed(2) + "×"
		}
		t.Rows = append(t.Rows, []string{rep, tg.Amount(), zero(won), rem.Amount(), zero(open), x})
	}
	t.Notes = append(t.Notes, "coverage = open pipeline expected to close in the quarter / target still to win; – when the target is already reached")
	return e.table(t)
}

func zero(m sp.Money) string {
	if m.Currency() == "" {
		return "0"
	}
	return m.Amount()
}

// arr: ARR now, and the movements of each quarter of the year.
func arr(e *env) error {
	subs := metrics.Refs(e.data.Subscriptions)
	today := sp.DateOf(e.asOf.In(e.cal.Location))
	now := metrics.ARR(today, sp.RoundHalfEven).Compute(subs)
	mrr := metrics.MRR(&now, sp.RoundHalfEven)
	fmt.Fprintf(e.w, "ARR on %v: %v (MRR %v)\n\n", today, now.String(), mrr.String())
	t := report.Table{Title: "ARR movements by quarter",
		Header: []string{"quarter", "currency", "opening", "new", "reactivation", "expansion", "contraction", "churn", "closing", "NRR", "GRR"}, Left: 2}
	p := e.cal.Prev(e.cal.Prev(e.cal.Prev(e.q)))
	for range 4 {
		for _, b := range metrics.ARRMovements(p.Start, p.End, sp.RoundHalfEven).Compute(subs) {
			nrr, _, _ := b.NRR().Decimal(3, sp.RoundHalfEven)
			grr, _, _ := b.GRR().Decimal(3, sp.RoundHalfEven)
			t.Rows = append(t.Rows, []string{p.String(), string(b.Currency), b.Opening.Amount(), b.New.Amount(), b.Reactivation.Amount(),
				b.Expansion.Amount(), b.Contraction.Amount(), b.Churn.Amount(), b.Closing.Amount(),
				nrr.Shift(2).StringFixed(1) + "%", grr.Shift(2).StringFixed(1) + "%"})
		}
		p = e.cal.Next(p)
	}
	t.Notes = append(t.Notes, "opening + new + reactivation + expansion − contraction − churn = closing, exactly, in every row")
	return e.table(t)
}

// lostReasons: by the stage lost at and by rep, deals lost in the quarter.
func lostReasons(e *env) error {
	lost := e.dealsWhere(e.closedInQ)
	if err := e.table(report.LostReasonsBy(lost, segment.LostAtStage, "stage lost at").Table()); err != nil {
		return err
	}
	fmt.Fprintln(e.w)
	return e.table(report.LostReasonsBy(lost, nil, "").Table())
}

// leadSources: leads and deals created in the quarter.
func leadSources(e *env) error {
	leads := metrics.Filter(metrics.Refs(e.data.Leads), func(l *sp.Lead) bool { return e.inQ(l.Created) })
	cfg := metrics.ResponseConfig{Hours: e.hours(), SLAs: []time.Duration{time.Hour}, AsOf: e.asOf}
	r := report.LeadSourcesReport(leads, e.dealsWhere(e.createdInQ), cfg, e.cal.Location)
	t := r.Table()
	t.Title += ", created in " + e.q.String()
	return e.table(t)
}

// pipeline: the open pipeline now, by stage.
func pipeline(e *env) error {
	touches := report.Touches(metrics.Refs(e.data.Activities), e.asOf)
	reps, other := report.PipelineByStage(e.s.Dataset.Pipelines, metrics.Refs(e.usd), touches,
		report.PipelineConfig{AsOf: e.asOf, Location: e.cal.Location})
	for i, r := range reps {
		if i > 0 {
			fmt.Fprintln(e.w)
		}
		t := r.Table()
		t.Title += " (USD), as of " + e.asOf.Format("2006-01-02")
		if err := e.table(t); err != nil {
			return err
		}
	}
	if other > 0 {
		fmt.Fprintf(e.w, "  %d open deals of other pipelines\n", other)
	}
	return nil
}

// trend: won revenue by month over the year, split into count and size effects.
func trend(e *env) error {
	rows, err := report.RevenueTrend(e.dealsWhere(func(d *sp.Deal) bool { return e.inYear(d.Closed) }), e.cal, sp.Month, sp.RoundHalfEven)
	if err != nil {
		return err
	}
	t := report.RevenueTable(rows)
	t.Title += " (USD, fiscal months)"
	return e.table(t)
}

// risk: the open deals to look at.
func risk(e *env) error {
	wonYear := e.dealsWhere(func(d *sp.Deal) bool { return e.inYear(d.Closed) })
	avg := metrics.AverageDealSize().Compute(wonYear)
	typical := metrics.SalesCycle(e.cal.Location).Compute(wonYear)
	touches := report.Touches(metrics.Refs(e.data.Activities), e.asOf)
	risks := report.DealRisks(metrics.Refs(e.usd), avg, typical, touches, report.RiskConfig{AsOf: e.asOf, Location: e.cal.Location})
	t := report.RiskTable(risks, 15)
	t.Notes = append(t.Notes, "large: ≥ 3 × the average won deal ("+avg.String()+"); old: older than the p90 won cycle ("+
		days(typical.P90, typical.N > 0)+" days); stalled: no activity for 14 days and none booked; slipping: expected close moved later twice or more")
	return e.table(t)
}
