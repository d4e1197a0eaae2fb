package coach_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/coach"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// The simulated team: 12 reps, 100 closed deals each, moving through the
// pipeline Qualification → Demo → Proposal → Won with conversions 0.75,
// 0.80 and 0.50, so every rep's true win rate is 0.75 × 0.80 × 0.50 =
// 0.30. Each deal is a real salesperf.Deal with its stage history, and
// the metrics are the library's own (WinRate and Funnel per rep through
// segment.By), so the simulation runs the whole path a report runs.
const (
	simReps  = 12
	simDeals = 100
	simTeams = 300
)

var simPipeline = sp.Pipeline{Name: "new", Stages: []sp.Stage{
	{Name: "Qualification", Kind: sp.OpenStage},
	{Name: "Demo", Kind: sp.OpenStage},
	{Name: "Proposal", Kind: sp.OpenStage},
	{Name: "Won", Kind: sp.WonStage},
	{Name: "Lost", Kind: sp.LostStage},
}}

// simTeam draws one team's deals; conv[r] are rep r's conversions.
func simTeam(rng *rand.Rand, conv [][3]float64, perRep int, deals []sp.Deal) []sp.Deal {
	deals = deals[:0]
	day := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	stages := []string{"Qualification", "Demo", "Proposal"}
	for r := range simReps {
		for i := range perRep {
			d := sp.Deal{ID: fmt.Sprint(r, "-", i), Owner: fmt.Sprintf("rep%02d", r), Pipeline: "new", Created: day}
			h := []sp.StageChange{{At: day, Stage: stages[0]}}
			at, k := day, 0
			for k < 3 && rng.Float64() < conv[r][k] {
				k++
				at = at.Add(24 * time.Hour)
				if k < 3 {
					h = append(h, sp.StageChange{At: at, Stage: stages[k]})
				}
			}
			at = at.Add(24 * time.Hour)
			d.Closed = at
			if k == 3 {
				d.Status, d.Stage = sp.Won, "Won"
			} else {
				d.Status, d.Stage = sp.Lost, "Lost"
			}
			d.StageHistory = append(h, sp.StageChange{At: at, Stage: d.Stage})
			deals = append(deals, d)
		}
	}
	return deals
}

// simMetrics are the metrics a team is coached on: win rate and the three
// stage conversions, 4 × 12 = 48 comparisons.
func simMetrics(deals []sp.Deal) []coach.Metric {
	all := metrics.Refs(deals)
	win := segment.By(all, segment.Owner, metrics.WinRate())
	funnel := segment.By(all, segment.Owner, metrics.Funnel(&simPipeline, metrics.FunnelConfig{}))
	return append([]coach.Metric{coach.Shares("win rate", coach.Higher, win)}, coach.FunnelSteps(funnel)...)
}

// TestSimNoDifference: when every rep has the same true win rate and
// funnel, any flag is a false discovery. Every hypothesis is null, so the
// false-discovery rate is the chance of flagging anything at all, which
// Benjamini–Hochberg keeps at most Alpha = 0.10.
func TestSimNoDifference(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 5))
	conv := make([][3]float64, simReps)
	for r := range conv {
		conv[r] = [3]float64{0.75, 0.80, 0.50}
	}
	var deals []sp.Deal
	flagged, tests := 0, 0
	for range simTeams {
		deals = simTeam(rng, conv, simDeals, deals)
		res := coach.Find(simMetrics(deals), coach.Config{})
		tests += res.Tested
		if len(res.Findings) > 0 {
			flagged++
		}
	}
	rate := float64(flagged) / simTeams
	t.Logf("no true difference: %d of %d simulated teams had a flag (%.1f%%), %.1f tests per team",
		flagged, simTeams, 100*rate, float64(tests)/simTeams)
	if rate > coach.DefaultAlpha {
		t.Errorf("share of teams with any flag %.3f > %.2f", rate, coach.DefaultAlpha)
	}
}

// TestSimWeakRep: one rep converts half as many proposals (0.25 instead
// of 0.50), so the rep's true win rate is 0.15 against the team's 0.30 —
// 15 points below. The measure is the share of teams in which the rep's
// win-rate weakness is flagged.
//
// The issue asks for 80% at 100 closed deals per rep. That is out of reach
// of any two-sided test at a false-discovery rate of 0.10 over the team:
// the rep's win rate has standard deviation √(0.15·0.85/100) = 0.036 and
// the rest of the team's √(0.30·0.70/1100) = 0.014, so the difference is
// 0.15 ± 0.038, while the pooled z-test's standard error under the null is
// √(0.2875·0.7125·(1/100 + 1/1100)) = 0.047. Alone among 12 comparisons
// (win rate only), Benjamini–Hochberg flags it at p ≤ 0.10/12, |z| ≥ 2.64,
// a difference ≥ 0.125: probability Φ((0.15 − 0.125)/0.038) = Φ(0.65) ≈
// 0.74. Among 48 (win rate and three conversions) the first threshold is
// p ≤ 0.10/48, |z| ≥ 3.08, a difference ≥ 0.146: Φ(0.11) ≈ 0.54, lifted a
// little by the rep's Proposal → Won weakness found beside it. So the
// table asserts the scenario at those levels and the 80% bound
// from 150 deals per rep, where the same computation gives Φ(1.3) ≈ 0.9.
func TestSimWeakRep(t *testing.T) {
	for _, tt := range []struct {
		name    string
		perRep  int
		winOnly bool
		min     float64
	}{
		{"100 deals, win rate and funnel (48 tests)", 100, false, 0.55},
		{"100 deals, win rate only (12 tests)", 100, true, 0.70},
		{"150 deals, win rate and funnel (48 tests)", 150, false, 0.80},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(2026, 6))
			conv := make([][3]float64, simReps)
			for r := range conv {
				conv[r] = [3]float64{0.75, 0.80, 0.50}
			}
			conv[0] = [3]float64{0.75, 0.80, 0.25}
			var deals []sp.Deal
			found, others := 0, 0
			for range simTeams {
				deals = simTeam(rng, conv, tt.perRep, deals)
				ms := simMetrics(deals)
				if tt.winOnly {
					ms = ms[:1]
				}
				for _, f := range coach.Find(ms, coach.Config{}).Findings {
					switch {
					case f.Rep == "rep00" && f.Metric == "win rate" && f.Direction == coach.Below:
						found++
					case f.Rep != "rep00":
						others++
					}
				}
			}
			rate := float64(found) / simTeams
			t.Logf("one rep at 0.15 vs 0.30, %s: win-rate weakness found in %d of %d teams (%.1f%%); %d flags on other reps",
				tt.name, found, simTeams, 100*rate, others)
			if rate < tt.min {
				t.Errorf("weak rep found in %.3f of the teams, want ≥ %.2f", rate, tt.min)
			}
		})
	}
}
