package metrics_test

import (
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// funnelExample is ten deals created in March 2026 through Lead → Demo →
// Proposal → Won: some skip Demo, one moves back from Proposal to Demo,
// some are lost on the way, some still open.
func funnelExample() (sp.Pipeline, []sp.Deal) {
	p := sp.Pipeline{Name: "new business", Stages: []sp.Stage{
		{Name: "Lead", Kind: sp.OpenStage},
		{Name: "Demo", Kind: sp.OpenStage},
		{Name: "Proposal", Kind: sp.OpenStage},
		{Name: "Won", Kind: sp.WonStage},
		{Name: "Lost", Kind: sp.LostStage},
	}}
	paths := [][]string{
		{"Lead", "Demo", "Proposal", "Won"},
		{"Lead", "Demo", "Proposal", "Won"},
		{"Lead", "Proposal", "Won"},
		{"Lead", "Demo", "Proposal", "Demo", "Lost"},
		{"Lead", "Demo", "Lost"},
		{"Lead", "Demo"},
		{"Lead", "Lost"},
		{"Lead"},
		{"Lead", "Demo", "Proposal"},
		{"Lead", "Demo", "Proposal", "Lost"},
	}
	var deals []sp.Deal
	for i, path := range paths {
		at := time.Date(2026, 3, 2+i, 9, 0, 0, 0, time.UTC)
		d := sp.Deal{ID: fmt.Sprint(i + 1), Pipeline: p.Name, Status: sp.Open, Created: at}
		for j, stage := range path {
			if j > 0 {
				at = at.AddDate(0, 0, 1+(i+j)%4) // 1 to 4 days per stay
			}
			d.StageHistory = append(d.StageHistory, sp.StageChange{At: at, Stage: stage})
			d.Stage = stage
		}
		switch d.Stage {
		case "Won":
			d.Status, d.Closed = sp.Won, at
		case "Lost":
			d.Status, d.Closed = sp.Lost, at
		}
		deals = append(deals, d)
	}
	return p, deals
}

func ExampleFunnel() {
	p, deals := funnelExample()
	asOf := time.Date(2026, 3, 31, 18, 0, 0, 0, time.UTC)
	f := metrics.Funnel(&p, metrics.FunnelConfig{AsOf: asOf}).Compute(metrics.Refs(deals))

	for k, st := range f.Steps {
		if st.Kind == sp.WonStage {
			fmt.Printf("%-8s reached %2d\n", st.Stage, st.Reached)
			break
		}
		fmt.Printf("%-8s reached %2d, to %-8s %-13s drop-off %d (%s), days %v\n",
			st.Stage, st.Reached, f.Steps[k+1].Stage, st.Conversion, st.DropOff, st.DropOffRate, st.Days)
	}
	if k, ok := f.Leakiest(); ok {
		fmt.Printf("leakiest: %s → %s, %s\n", f.Steps[k].Stage, f.Steps[k+1].Stage, f.Steps[k].Conversion)
	}
	fmt.Println("overall:", f.Overall())
	// Output:
	// Lead     reached 10, to Demo     80.0% (8/10)  drop-off 2 (20.0% (2/10)), days mean 4.6, median 3, p90 5.8 (n=10)
	// Demo     reached  8, to Proposal 75.0% (6/8)   drop-off 2 (25.0% (2/8)), days mean 6.3, median 4, p90 12 (n=7)
	// Proposal reached  6, to Won      50.0% (3/6)   drop-off 3 (50.0% (3/6)), days mean 4.3, median 2, p90 10 (n=6)
	// Won      reached  3
	// leakiest: Proposal → Won, 50.0% (3/6)
	// overall: 30.0% (3/10)
}

// The created-cohort conversion follows the deals created in a period:
// of the ten created in March, three are won so far, four lost and three
// still open. The win rate of the same deals counts only the closed ones.
func ExampleCreatedCohortConversion() {
	_, deals := funnelExample()
	fmt.Println(metrics.CreatedCohortConversion().Compute(metrics.Refs(deals)))
	fmt.Println("win rate:", metrics.WinRate().Compute(metrics.Refs(deals)))
	// Output:
	// won 30.0% (3/10), lost 40.0% (4/10), open 30.0% (3/10)
	// win rate: 42.9% (3/7)
}
