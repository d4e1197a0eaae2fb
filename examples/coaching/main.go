// Command coaching prints, for each rep of the sample organisation, where
// the rep is credibly below the rest of the team — and where above — on
// the figures a manager coaches on, in words:
//
//	daniel.evans  win rate: 13% vs team 34% (n = 78), q < 0.001
//
//	go run ./examples/coaching
//
// The window is five fiscal quarters, the last complete one (FY2026 Q4)
// and the four before it (FY2025 Q4 to FY2026 Q4, 2024-11-01 to
// 2026-01-31): one quarter gives a rep only about fifteen closed deals,
// too few to tell a weak stage from bad luck. The figures, per rep:
//
//   - win rate: New Business deals closed in the window, won / (won + lost);
//   - stage conversions k → k+1 of the New Business funnel over the same
//     closed deals (so every deal's path is finished);
//   - cycle length: calendar days from created to closed (New York) of
//     the won ones among them, lower is better;
//   - lead response: working minutes (9:00–17:00 New York, Monday to
//     Friday) from creation to first touch of the leads the rep owns that
//     were created in the window, lower is better, and the share answered
//     within one working hour over all of them (never-touched ones miss);
//   - calls per meeting: calls over meetings held among the activities
//     done in the window, lower is better.
//
// Each rep is compared with the other eleven together (leads and
// activities of the sales development reps are left out, so "the team"
// is the twelve deal-owning reps). Every comparison is tested (two-sided)
// and the p-values of all of them are adjusted together by
// Benjamini–Hochberg; a finding is printed when its q-value is at most
// 0.10. Comparisons with fewer than 20 records on a side are not tested
// and are listed. Records that fail validation are left out and counted
// at the end.
package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/coach"
	"github.com/salesperf/salesperf/examples/internal/prep"
	"github.com/salesperf/salesperf/internal/sampledata"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
	"github.com/salesperf/salesperf/segment"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "coaching:", err)
		os.Exit(1)
	}
}

const newBusiness = "New Business"

func run(w io.Writer) error {
	s, err := sampledata.Load()
	if err != nil {
		return err
	}
	cal, loc := s.Calendar, s.Calendar.Location
	last := cal.Prev(cal.PeriodOf(s.AsOf, sp.Quarter))
	first := last
	for range 4 {
		first = cal.Prev(first)
	}
	from, _ := cal.Bounds(first)
	_, to := cal.Bounds(last)
	in := func(t time.Time) bool { return !t.IsZero() && !t.Before(from) && t.Before(to) }
	rep := func(id string) bool { return slices.Contains(s.Reps, id) }

	data := prep.Valid(s)
	var pipeline *sp.Pipeline
	for i := range s.Dataset.Pipelines {
		if s.Dataset.Pipelines[i].Name == newBusiness {
			pipeline = &s.Dataset.Pipelines[i]
		}
	}
	if pipeline == nil {
		return fmt.Errorf("no %s pipeline in the sample", newBusiness)
	}

	deals := metrics.Filter(metrics.Refs(data.Deals), func(d *sp.Deal) bool {
		return d.Pipeline == newBusiness && d.IsClosed() && in(d.Closed) && rep(d.Owner)
	})
	leads := metrics.Filter(metrics.Refs(data.Leads), func(l *sp.Lead) bool { return in(l.Created) && rep(l.Owner) })
	acts := metrics.Filter(metrics.Refs(data.Activities), func(a *sp.Activity) bool { return in(a.At) && rep(a.Rep) })

	win := segment.By(deals, segment.Owner, metrics.WinRate())
	funnel := segment.By(deals, segment.Owner, metrics.Funnel(pipeline, metrics.FunnelConfig{Location: loc}))
	cycle := segment.Fold(deals, segment.Owner, metrics.SalesCycle(loc))
	rcfg := metrics.ResponseConfig{
		Hours: &sp.BusinessHours{Location: loc, Open: 9 * time.Hour, Close: 17 * time.Hour},
		SLAs:  []time.Duration{time.Hour},
		Unit:  time.Minute,
		AsOf:  s.AsOf,
	}
	response := metrics.ResponseTime(rcfg)
	respStates := segment.Fold(leads, segment.LeadOwner, response)
	counts := segment.By(acts, segment.Rep, metrics.ActivityCounts())
	callsPerMeeting := make(map[string]metrics.Rate, len(counts))
	for r, c := range counts {
		callsPerMeeting[r] = metrics.CallsPerMeeting(c)
	}

	ms := []coach.Metric{coach.Shares("win rate", coach.Higher, win)}
	ms = append(ms, coach.FunnelSteps(funnel)...)
	ms = append(ms, coach.Distributions("cycle length", coach.Lower, "days", cycle))
	ms = append(ms, coach.ResponseTimes("lead response", "working minutes", respStates))
	ms = append(ms, coach.SLAShares(segment.Results(response, respStates))...)
	ms = append(ms, coach.Ratios("calls per meeting", coach.Lower, callsPerMeeting))
	res := coach.Find(ms, coach.Config{Reps: s.Reps})

	fmt.Fprintf(w, "Coaching: each rep against the rest of the team, %s – %s (%s – %s)\n",
		first, last, first.Start, last.End.AddDays(-1))
	fmt.Fprintln(w, "New Business deals closed in the window; leads created in it; activities done in it")
	fmt.Fprintf(w, "%d comparisons tested (%d reps × %d metrics), %d skipped as too small (fewer than %d on a side);\n",
		res.Tested, len(s.Reps), len(ms), res.SkippedSmall, coach.DefaultMinN)
	fmt.Fprintf(w, "flagged when the Benjamini–Hochberg q-value is at most %.2f, so about one flag in ten may be chance;\n", coach.DefaultAlpha)
	fmt.Fprintf(w, "%.0f%% of each test's error budget goes to finding weaknesses, so a strength needs stronger evidence\n", 100*coach.DefaultLean)

	var weak, strong [][]string
	for _, f := range res.Findings {
		row := []string{f.Rep, f.String(), f.Test, strconv.FormatFloat(f.P, 'g', 2, 64)}
		if f.Strength() {
			strong = append(strong, row)
		} else {
			weak = append(weak, row)
		}
	}
	header := []string{"rep", "finding", "test", "p"}
	for _, t := range []report.Table{
		{Title: "\nWeaknesses (worst first)", Header: header, Rows: weak, Left: 3},
		{Title: "\nStrengths", Header: header, Rows: strong, Left: 3},
	} {
		if len(t.Rows) == 0 {
			t.Notes = []string{"none"}
		}
		if err := t.WriteText(w); err != nil {
			return err
		}
	}

	if len(res.Skipped) > 0 {
		fmt.Fprintf(w, "\nNot tested (too few records):\n")
		for _, sk := range res.Skipped {
			fmt.Fprintf(w, "  %s: %s (n = %d, team %d)\n", sk.Rep, sk.Metric, sk.N, sk.TeamN)
		}
	}
	rejected := data.Rejected()
	total := 0
	for _, n := range rejected {
		total += n
	}
	fmt.Fprintf(w, "\nLeft out (failed validation): %d records\n", total)
	for _, line := range prep.Lines(rejected) {
		fmt.Fprintf(w, "  %s\n", line)
	}
	return nil
}
