// Command one-on-one prints the scorecard for a weekly one-to-one with a
// rep of the sample organisation: the rep's figures for the last complete
// week, beside the same figures the week before (with the direction of
// change, and whether it is better or worse) and beside the median of the
// rep's team-mates.
//
//	go run ./examples/one-on-one                       # ben.carter, week before 26 January 2026
//	go run ./examples/one-on-one -rep ava.chen -grain month
//
// The team is the reps who reported to the rep's manager on the first day
// of the week. Activity counts by activity time; new deals by created
// date; won, lost, win rate, amounts and cycle by close date; response
// time over the leads created in the week (business hours 9–17 New York).
// Amounts in USD at each deal's close-date rate. Then the rep's
// won-amount targets of the month and the quarter, side by side, in the
// rep's own currency: attainment, pacing against the expected-to-date by
// business days, the run-rate projection, the gap and the deals still
// needed, and a verdict in words. Records that fail validation are left
// out and counted.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/examples/internal/prep"
	"github.com/salesperf/salesperf/goal"
	"github.com/salesperf/salesperf/internal/sampledata"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
)

func main() {
	rep := flag.String("rep", "ben.carter", "the rep")
	asOf := flag.String("as-of", "2026-01-26", "the day of the one-to-one: the report covers the last complete period before it")
	grain := flag.String("grain", "week", "week or month")
	flag.Parse()
	if err := run(os.Stdout, *rep, *asOf, *grain); err != nil {
		fmt.Fprintln(os.Stderr, "one-on-one:", err)
		os.Exit(2)
	}
}

func run(w io.Writer, rep, asOf, grain string) error {
	s, err := sampledata.Load()
	if err != nil {
		return err
	}
	day, err := sp.ParseDate(asOf)
	if err != nil {
		return err
	}
	var g sp.Grain
	if err := g.UnmarshalText([]byte(grain)); err != nil || (g != sp.Week && g != sp.Month) {
		return fmt.Errorf("-grain %q: want week or month", grain)
	}
	m, ok := s.Org.On(rep, day)
	if !ok || !contains(s.Reps, rep) {
		return fmt.Errorf("-rep %q: not a rep of the sample on %v (reps: %v)", rep, day, s.Reps)
	}
	at := day.In(s.Calendar.Location)
	start := s.Calendar.Prev(s.Calendar.PeriodOf(at, g)).Start
	team := s.Org.Reports(m.Manager, start)
	valid := prep.Valid(s)
	deals, err := prep.InCurrency(valid.Deals, s.Rates, "USD")
	if err != nil {
		return err
	}
	o := report.OneOnOneReport(deals, valid.Activities, valid.Leads, report.OneOnOneConfig{
		Rep: rep, Team: team, Calendar: s.Calendar, Grain: g, AsOf: at,
		Hours: &sp.BusinessHours{Location: s.Calendar.Location, Open: 9 * time.Hour, Close: 17 * time.Hour},
	})
	t := o.Table()
	t.Notes = append(t.Notes, fmt.Sprintf("team: %v (manager %s); amounts in USD", team, m.Manager))
	if err := t.WriteText(w); err != nil {
		return err
	}
	if err := targets(w, s, valid, rep, at); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nLeft out (failed validation)\n")
	for _, line := range prep.Lines(valid.Rejected()) {
		fmt.Fprintf(w, "  %s\n", line)
	}
	return nil
}

// targets prints the rep's won-amount targets of the month and the
// quarter of the one-to-one, side by side, as of its day, in the rep's
// own currency.
func targets(w io.Writer, s *sampledata.Sample, valid *prep.Data, rep string, at time.Time) error {
	var mine []sp.Target
	for _, t := range s.Dataset.Targets {
		if t.Level == sp.RepLevel && t.Who == rep {
			mine = append(mine, t)
		}
	}
	cfg := goal.Config{Calendar: s.Calendar, Org: s.Org,
		Hours: &sp.BusinessHours{Location: s.Calendar.Location, Open: 9 * time.Hour, Close: 17 * time.Hour}}
	// Only what had happened by the one-to-one's day: the deals as they
	// stood then, the activities before it.
	var deals []sp.Deal
	for i := range valid.Deals {
		if v, ok := valid.Deals[i].AsOf(at); ok {
			deals = append(deals, v)
		}
	}
	acts := metrics.Filter(metrics.Refs(valid.Activities), func(a *sp.Activity) bool { return !a.At.After(at) })
	achieved, err := goal.Achievements(mine, metrics.Refs(deals), acts, cfg)
	if err != nil {
		return err
	}
	rows, err := goal.SideBySide(achieved, sp.RepLevel, rep, sp.TargetWonAmount, at, cfg, sp.Month, sp.Quarter)
	if err != nil {
		return err
	}
	won := metrics.AverageDealSize().Compute(metrics.Filter(metrics.Refs(deals), func(d *sp.Deal) bool { return d.Owner == rep }))
	t := report.Table{Title: "\nWon-amount targets as of " + at.Format("2006-01-02 15:04") + " (pacing by business days)",
		Header: []string{"period", "target", "won", "attainment", "expected by now", "pacing", "verdict", "projected", "gap", "deals still needed"}}
	for _, r := range rows {
		if !r.HasTarget {
			t.Rows = append(t.Rows, []string{r.Period.String(), "no target"})
			continue
		}
		p := r.Progress
		exp, _ := p.Expected()
		pace, _ := p.Pacing()
		proj, _ := p.Projected()
		gap, _ := p.Gap()
		need := "–"
		if n, ok, err := p.DealsNeeded(won); err == nil && ok {
			need = strconv.FormatInt(n, 10)
		}
		t.Rows = append(t.Rows, []string{r.Period.String(), p.Target.Amount.String(), p.Achieved.String(), p.Attainment().String(),
			exp.String(), pace.String(), r.Verdict.String(), proj.String(), gap.String(), need})
	}
	t.Notes = append(t.Notes, goal.Headline(rows), "deals still needed = gap / the rep's average won deal, rounded up")
	return t.WriteText(w)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
