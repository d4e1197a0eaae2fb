package metrics_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// salesPipeline is Lead → Demo → Proposal → Won, or Lost at any point.
func salesPipeline() sp.Pipeline {
	return sp.Pipeline{Name: "new", Stages: []sp.Stage{
		{Name: "Lead", Kind: sp.OpenStage},
		{Name: "Demo", Kind: sp.OpenStage},
		{Name: "Proposal", Kind: sp.OpenStage},
		{Name: "Won", Kind: sp.WonStage},
		{Name: "Lost", Kind: sp.LostStage},
	}}
}

// hist builds a stage history from (day of March 2026, stage) pairs, at
// 10:00 UTC.
func hist(entries ...any) []sp.StageChange {
	var h []sp.StageChange
	for i := 0; i < len(entries); i += 2 {
		h = append(h, sp.StageChange{At: day(2026, 3, entries[i].(int)), Stage: entries[i+1].(string)})
	}
	return h
}

// funnelBook is thirteen deals of March 2026 whose funnel is worked out
// by hand in TestFunnelOnBook. Days are of March; "→" is a stage entry.
//
//	id  status  history                                       furthest   days in Lead / Demo / Proposal
//	1   won     1 Lead → 3 Demo → 6 Proposal → 10 Won          won        2 / 3 / 4
//	2   won     1 Lead → 2 Demo → 4 Proposal → 9 Won           won        1 / 2 / 5
//	3   won     1 Lead → 5 Proposal → 8 Won (skips Demo)       won        4 / – / 3
//	4   lost    1 Lead → 4 Demo → 6 Lost                       Demo       3 / 2 / –
//	5   lost    1 Lead → 2 Demo → 5 Proposal → 7 Demo → 12 Lost  Proposal  1 / 3+5=8 / 2
//	6   lost    1 Lead → 2 Lost                                Lead       1 / – / –
//	7   open    1 Lead → 3 Demo (until AsOf, 21 Mar)           Demo       2 / 18 / –
//	8   open    no history, Stage Lead, created 15 Mar         Lead       6 (15 → 21) / – / –
//	9   open    1 Lead → 2 Demo → 3 Proposal                   Proposal   1 / 1 / 18
//	10  won     no history, Stage Won, created 1, closed 20    won        – / – / –
//	11  open    pipeline "renewal": another pipeline, skipped
//	12  lost    1 Lead → 2 Qualified (unknown) → 4 Lost        Lead       1 / – / –
//	13  lost    no history, Stage Lost: reached no step        –
func funnelBook() []sp.Deal {
	return []sp.Deal{
		{ID: "1", Pipeline: "new", Status: sp.Won, Stage: "Won", Created: day(2026, 3, 1), Closed: day(2026, 3, 10),
			StageHistory: hist(1, "Lead", 3, "Demo", 6, "Proposal", 10, "Won")},
		{ID: "2", Pipeline: "new", Status: sp.Won, Stage: "Won", Created: day(2026, 3, 1), Closed: day(2026, 3, 9),
			StageHistory: hist(1, "Lead", 2, "Demo", 4, "Proposal", 9, "Won")},
		{ID: "3", Pipeline: "new", Status: sp.Won, Stage: "Won", Created: day(2026, 3, 1), Closed: day(2026, 3, 8),
			StageHistory: hist(1, "Lead", 5, "Proposal", 8, "Won")},
		{ID: "4", Pipeline: "new", Status: sp.Lost, Stage: "Lost", Created: day(2026, 3, 1), Closed: day(2026, 3, 6),
			StageHistory: hist(1, "Lead", 4, "Demo", 6, "Lost")},
		{ID: "5", Pipeline: "new", Status: sp.Lost, Stage: "Lost", Created: day(2026, 3, 1), Closed: day(2026, 3, 12),
			StageHistory: hist(1, "Lead", 2, "Demo", 5, "Proposal", 7, "Demo", 12, "Lost")},
		{ID: "6", Pipeline: "new", Status: sp.Lost, Stage: "Lost", Created: day(2026, 3, 1), Closed: day(2026, 3, 2),
			StageHistory: hist(1, "Lead", 2, "Lost")},
		{ID: "7", Pipeline: "new", Status: sp.Open, Stage: "Demo", Created: day(2026, 3, 1),
			StageHistory: hist(1, "Lead", 3, "Demo")},
		{ID: "8", Pipeline: "new", Status: sp.Open, Stage: "Lead", Created: day(2026, 3, 15)},
		{ID: "9", Pipeline: "new", Status: sp.Open, Stage: "Proposal", Created: day(2026, 3, 1),
			StageHistory: hist(1, "Lead", 2, "Demo", 3, "Proposal")},
		{ID: "10", Pipeline: "new", Status: sp.Won, Stage: "Won", Created: day(2026, 3, 1), Closed: day(2026, 3, 20)},
		{ID: "11", Pipeline: "renewal", Status: sp.Open, Stage: "Lead", Created: day(2026, 3, 1)},
		{ID: "12", Pipeline: "new", Status: sp.Lost, Stage: "Lost", Created: day(2026, 3, 1), Closed: day(2026, 3, 4),
			StageHistory: hist(1, "Lead", 2, "Qualified", 4, "Lost")},
		{ID: "13", Pipeline: "new", Status: sp.Lost, Stage: "Lost", Created: day(2026, 3, 1), Closed: day(2026, 3, 1)},
	}
}

func TestFunnelOnBook(t *testing.T) {
	p := salesPipeline()
	deals := funnelBook()
	asOf := day(2026, 3, 21)
	got := metrics.Funnel(&p, metrics.FunnelConfig{AsOf: asOf}).Compute(metrics.Refs(deals))

	// Furthest step: won 1, 2, 3, 10 (4 deals); Proposal 5, 9 (2); Demo
	// 4, 7 (2); Lead 6, 8, 12 (3); none 13. Deal 11 is of another
	// pipeline. Deals = 12, NotReached = 1.
	// Reached: won 4; Proposal 4+2 = 6; Demo 6+2 = 8; Lead 8+3 = 11.
	// Conversion: Lead→Demo 8/11, Demo→Proposal 6/8, Proposal→Won 4/6.
	// Drop-off: 3 of 11, 2 of 8, 2 of 6.
	//
	// Days in Lead: 2 1 4 3 1 1 2 6 1 1 → sorted 1 1 1 1 1 2 2 3 4 6, n 10,
	// sum 22; median (h = 4.5) 1 + .5×(2−1) = 1.5; p90 (h = 8.1) 4 + .1×(6−4) = 4.2.
	// Days in Demo: 3 2 2 8 18 1 → 1 2 2 3 8 18, n 6, sum 34; median
	// (h = 2.5) 2.5; p90 (h = 4.5) 8 + .5×10 = 13.
	// Days in Proposal: 4 5 3 2 18 → 2 3 4 5 18, n 5, sum 32; median 4;
	// p90 (h = 3.6) 5 + .6×13 = 12.8.
	want := metrics.FunnelResult{
		Pipeline: "new", Deals: 12, NotReached: 1, OtherPipeline: 1, UnknownStage: 1,
		Steps: []metrics.FunnelStep{
			{Stage: "Lead", Kind: sp.OpenStage, Reached: 11,
				Conversion: metrics.Rate{Num: 8, Den: 11}, DropOff: 3, DropOffRate: metrics.Rate{Num: 3, Den: 11},
				Days: metrics.Summary{N: 10, Sum: 22, Min: 1, Max: 6, Median: 1.5, P90: 4.2}},
			{Stage: "Demo", Kind: sp.OpenStage, Reached: 8,
				Conversion: metrics.Rate{Num: 6, Den: 8}, DropOff: 2, DropOffRate: metrics.Rate{Num: 2, Den: 8},
				Days: metrics.Summary{N: 6, Sum: 34, Min: 1, Max: 18, Median: 2.5, P90: 13}},
			{Stage: "Proposal", Kind: sp.OpenStage, Reached: 6,
				Conversion: metrics.Rate{Num: 4, Den: 6}, DropOff: 2, DropOffRate: metrics.Rate{Num: 2, Den: 6},
				Days: metrics.Summary{N: 5, Sum: 32, Min: 2, Max: 18, Median: 4, P90: 12.8}},
			{Stage: "Won", Kind: sp.WonStage, Reached: 4},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Funnel (-want +got):\n%s", diff)
	}
	// Leakiest: 8/11 = .727, 6/8 = .75, 4/6 = .667 → Proposal (step 2).
	if k, ok := got.Leakiest(); k != 2 || !ok {
		t.Errorf("Leakiest = %d, %v, want 2, true", k, ok)
	}
	// Overall: 4 won of the 11 that reached Lead.
	if got := got.Overall(); got != (metrics.Rate{Num: 4, Den: 11}) {
		t.Errorf("Overall = %v, want 4/11", got)
	}

	// Without AsOf, the open deals' last stays are untimed: deal 7 in
	// Demo, 8 in Lead, 9 in Proposal. Lead loses 6 (n 9, sum 16), Demo 18
	// (n 5, sum 16), Proposal 18 (n 4, sum 14). The counts do not change.
	noAsOf := metrics.Funnel(&p, metrics.FunnelConfig{}).Compute(metrics.Refs(deals))
	type timing struct{ N, Sum, Untimed int64 }
	var gotT []timing
	for _, s := range noAsOf.Steps {
		gotT = append(gotT, timing{s.Days.N, s.Days.Sum, s.Untimed})
	}
	wantT := []timing{{9, 16, 1}, {5, 16, 1}, {4, 14, 1}, {0, 0, 0}}
	if diff := cmp.Diff(wantT, gotT); diff != "" {
		t.Errorf("Funnel without AsOf, timings (-want +got):\n%s", diff)
	}
	if noAsOf.Steps[1].Reached != 8 || noAsOf.Steps[1].Conversion != (metrics.Rate{Num: 6, Den: 8}) {
		t.Errorf("Funnel without AsOf changed the counts: %+v", noAsOf.Steps[1])
	}
}

func TestFunnelCases(t *testing.T) {
	lead, demo := day(2026, 3, 1), day(2026, 3, 4)
	p := sp.Pipeline{Name: "p", Stages: []sp.Stage{
		{Name: "Lead", Kind: sp.OpenStage},
		{Name: "Won", Kind: sp.WonStage},
		{Name: "Demo", Kind: sp.OpenStage}, // open stages keep their order even after the won stage
		{Name: "Lost", Kind: sp.LostStage},
		{Name: "Lead", Kind: sp.LostStage}, // a duplicate name: the first one counts
	}}
	step := func(stage string, kind sp.StageKind, reached, next int64) metrics.FunnelStep {
		s := metrics.FunnelStep{Stage: stage, Kind: kind, Reached: reached}
		if kind == sp.OpenStage {
			s.Conversion = metrics.Rate{Num: next, Den: reached}
			s.DropOff = reached - next
			s.DropOffRate = metrics.Rate{Num: reached - next, Den: reached}
		}
		return s
	}
	tests := []struct {
		reason string
		cfg    metrics.FunnelConfig
		deals  []sp.Deal
		want   metrics.FunnelResult
	}{{
		reason: "no deals: every step reached by 0, no conversion has a value",
		want: metrics.FunnelResult{Pipeline: "p", Steps: []metrics.FunnelStep{
			step("Lead", sp.OpenStage, 0, 0), step("Demo", sp.OpenStage, 0, 0), step("Won", sp.WonStage, 0, 0)}},
	}, {
		reason: "a deal with an empty pipeline name is of another pipeline unless p is the default",
		deals:  []sp.Deal{{Status: sp.Open, Stage: "Lead", Created: lead}},
		want: metrics.FunnelResult{Pipeline: "p", OtherPipeline: 1, Steps: []metrics.FunnelStep{
			step("Lead", sp.OpenStage, 0, 0), step("Demo", sp.OpenStage, 0, 0), step("Won", sp.WonStage, 0, 0)}},
	}, {
		reason: "with Default, the empty pipeline name is p; a deal stuck in Lead converts nothing (0/1)",
		cfg:    metrics.FunnelConfig{Default: true, AsOf: demo},
		deals:  []sp.Deal{{Status: sp.Open, Stage: "Lead", Created: lead}},
		want: metrics.FunnelResult{Pipeline: "p", Deals: 1, Steps: []metrics.FunnelStep{
			func() metrics.FunnelStep {
				s := step("Lead", sp.OpenStage, 1, 0)
				s.Days = metrics.Summary{N: 1, Sum: 3, Min: 3, Max: 3, Median: 3, P90: 3}
				return s
			}(),
			step("Demo", sp.OpenStage, 0, 0), step("Won", sp.WonStage, 0, 0)}},
	}, {
		reason: "a deal reopened after winning reached the won step; a move back does not un-reach",
		cfg:    metrics.FunnelConfig{AsOf: demo},
		deals: []sp.Deal{{Pipeline: "p", Status: sp.Open, Stage: "Demo", Created: lead,
			StageHistory: []sp.StageChange{{At: lead, Stage: "Won"}, {At: demo, Stage: "Demo"}}}},
		want: metrics.FunnelResult{Pipeline: "p", Deals: 1, Steps: []metrics.FunnelStep{
			step("Lead", sp.OpenStage, 1, 1),
			func() metrics.FunnelStep {
				s := step("Demo", sp.OpenStage, 1, 1)
				s.Days = metrics.Summary{N: 1} // 0 days: entered on 4 March, as of 4 March
				return s
			}(),
			step("Won", sp.WonStage, 1, 0)}},
	}, {
		reason: "a won deal whose stages are all unknown reached the won step by its status, and is counted as unknown",
		deals: []sp.Deal{{Pipeline: "p", Status: sp.Won, Stage: "Closed Won", Created: lead, Closed: demo,
			StageHistory: []sp.StageChange{{At: lead, Stage: "Open"}, {At: demo, Stage: "Closed Won"}}}},
		want: metrics.FunnelResult{Pipeline: "p", Deals: 1, UnknownStage: 1, Steps: []metrics.FunnelStep{
			step("Lead", sp.OpenStage, 1, 1), step("Demo", sp.OpenStage, 1, 1), step("Won", sp.WonStage, 1, 0)}},
	}, {
		reason: "AsOf before the last entry, and a start at the zero time: untimed",
		cfg:    metrics.FunnelConfig{AsOf: lead},
		deals: []sp.Deal{
			{Pipeline: "p", Status: sp.Open, Stage: "Demo", Created: lead,
				StageHistory: []sp.StageChange{{At: lead, Stage: "Lead"}, {At: demo, Stage: "Demo"}}},
			{Pipeline: "p", Status: sp.Open, Stage: "Lead"},
		},
		want: metrics.FunnelResult{Pipeline: "p", Deals: 2, Steps: []metrics.FunnelStep{
			func() metrics.FunnelStep {
				s := step("Lead", sp.OpenStage, 2, 1)
				s.Days = metrics.Summary{N: 1, Sum: 3, Min: 3, Max: 3, Median: 3, P90: 3}
				s.Untimed = 1
				return s
			}(),
			func() metrics.FunnelStep {
				s := step("Demo", sp.OpenStage, 1, 0)
				s.Untimed = 1
				return s
			}(),
			step("Won", sp.WonStage, 0, 0)}},
	}, {
		// 23:30 on 1 March to 00:30 on 2 March in Paris is one calendar
		// day there, and zero in UTC (22:30 to 23:30 on 1 March).
		reason: "days are calendar days in Location",
		cfg:    metrics.FunnelConfig{Location: paris},
		deals: []sp.Deal{{Pipeline: "p", Status: sp.Lost, Stage: "Lost",
			Created: time.Date(2026, 3, 1, 23, 30, 0, 0, paris), Closed: time.Date(2026, 3, 2, 0, 30, 0, 0, paris),
			StageHistory: []sp.StageChange{
				{At: time.Date(2026, 3, 1, 23, 30, 0, 0, paris), Stage: "Lead"},
				{At: time.Date(2026, 3, 2, 0, 30, 0, 0, paris), Stage: "Lost"}}}},
		want: metrics.FunnelResult{Pipeline: "p", Deals: 1, Steps: []metrics.FunnelStep{
			func() metrics.FunnelStep {
				s := step("Lead", sp.OpenStage, 1, 0)
				s.Days = metrics.Summary{N: 1, Sum: 1, Min: 1, Max: 1, Median: 1, P90: 1}
				return s
			}(),
			step("Demo", sp.OpenStage, 0, 0), step("Won", sp.WonStage, 0, 0)}},
	}}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			got := metrics.Funnel(&p, tt.cfg).Compute(metrics.Refs(tt.deals))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

var paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return loc
}()

func TestFunnelLeakiest(t *testing.T) {
	steps := func(reached ...int64) metrics.FunnelResult {
		var r metrics.FunnelResult
		for k, n := range reached {
			s := metrics.FunnelStep{Reached: n}
			if k+1 < len(reached) {
				s.Conversion = metrics.Rate{Num: reached[k+1], Den: n}
			}
			r.Steps = append(r.Steps, s)
		}
		return r
	}
	tests := []struct {
		reason string
		f      metrics.FunnelResult
		want   int
		ok     bool
	}{
		{"no steps", metrics.FunnelResult{}, -1, false},
		{"no deals", steps(0, 0, 0), -1, false},
		{"only the won step", steps(5), -1, false},
		{"lowest conversion: 10 → 8 → 2 → 1 is 8/10, 2/8, 1/2", steps(10, 8, 2, 1), 1, true},
		{"ties go to the earliest: 1/2 and 2/4", steps(8, 4, 2, 1), 0, true},
		{"zero conversion 0/3; 0/0 is skipped", steps(3, 0, 0), 0, true},
		{"a step nobody reached is skipped: 4 → 4 → 0 → 0", steps(4, 4, 0, 0), 1, true},
		{"exact comparison: 999999999/1000000000 vs 999999998/999999999", metrics.FunnelResult{Steps: []metrics.FunnelStep{
			{Conversion: metrics.Rate{Num: 999999999, Den: 1000000000}},
			{Conversion: metrics.Rate{Num: 999999998, Den: 999999999}},
			{}}}, 1, true},
	}
	for _, tt := range tests {
		k, ok := tt.f.Leakiest()
		if k != tt.want || ok != tt.ok {
			t.Errorf("%s: Leakiest = %d, %v, want %d, %v", tt.reason, k, ok, tt.want, tt.ok)
		}
	}
}

func TestFunnelWithoutWonStage(t *testing.T) {
	p := sp.Pipeline{Name: "p", Stages: []sp.Stage{{Name: "Lead", Kind: sp.OpenStage}}}
	deals := []sp.Deal{
		{Pipeline: "p", Status: sp.Won, Stage: "Lead", Created: day(2026, 3, 1), Closed: day(2026, 3, 2)},
		{Pipeline: "p", Status: sp.Open, Stage: "Lead", Created: day(2026, 3, 1)},
	}
	got := metrics.Funnel(&p, metrics.FunnelConfig{}).Compute(metrics.Refs(deals))
	if got.Steps[1].Stage != "won" || got.Steps[1].Reached != 1 || got.Steps[0].Conversion != (metrics.Rate{Num: 1, Den: 2}) {
		t.Errorf("Funnel = %+v, want a step \"won\" reached by 1 of 2", got)
	}
}

func TestFunnelPanicsOnNilPipeline(t *testing.T) {
	defer func() {
		if r := recover(); r != "metrics: Funnel: nil pipeline" {
			t.Errorf("recover() = %v", r)
		}
	}()
	metrics.Funnel(nil, metrics.FunnelConfig{})
}

func TestFunnelSnapshotsPipeline(t *testing.T) {
	p := salesPipeline()
	agg := metrics.Funnel(&p, metrics.FunnelConfig{})
	p.Stages[0].Name = "Renamed"
	got := agg.Compute(metrics.Refs(funnelBook()))
	if got.Steps[0].Stage != "Lead" || got.Steps[0].Reached != 11 {
		t.Errorf("after renaming a stage of p: step 0 = %+v, want Lead reached by 11", got.Steps[0])
	}
}

func TestFunnelAddDoesNotAllocate(t *testing.T) {
	p := salesPipeline()
	agg := metrics.Funnel(&p, metrics.FunnelConfig{AsOf: day(2026, 3, 21), Location: paris})
	deals := funnelBook()
	var s metrics.FunnelState
	for i := range deals {
		agg.Add(&s, &deals[i]) // the steps and the histograms' arrays grow once
	}
	allocs := testing.AllocsPerRun(100, func() {
		for i := range deals {
			agg.Add(&s, &deals[i])
		}
	})
	if allocs != 0 {
		t.Errorf("Add allocates %v times per %d deals, want 0", allocs, len(deals))
	}
}

func TestFunnelStateJSON(t *testing.T) {
	p := salesPipeline()
	agg := metrics.Funnel(&p, metrics.FunnelConfig{AsOf: day(2026, 3, 21)})
	s := agg.Fold(metrics.Refs(funnelBook()))
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back metrics.FunnelState
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(agg.Result(&s), agg.Result(&back)); diff != "" {
		t.Errorf("after a JSON round trip of %s (-want +got):\n%s", data, diff)
	}
}
