package coach_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
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

// simTeam draws one team's deals; conv[r] are rep r's conversions. It
// reuses deals and their stage histories: the previous team's are
// overwritten.
func simTeam(rng *rand.Rand, conv [][3]float64, perRep int, deals []sp.Deal) []sp.Deal {
	deals = slices.Grow(deals[:0], simReps*perRep)[:simReps*perRep]
	day := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	stages := []string{"Qualification", "Demo", "Proposal"}
	for r := range simReps {
		owner := fmt.Sprintf("rep%02d", r)
		for i := range perRep {
			d := &deals[r*perRep+i]
			h := d.StageHistory[:0]
			*d = sp.Deal{ID: d.ID, Owner: owner, Pipeline: "new", Created: day}
			if d.ID == "" {
				d.ID = fmt.Sprint(r, "-", i)
			}
			h = append(h, sp.StageChange{At: day, Stage: stages[0]})
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

// simConfig is one way of coaching a simulated team: a method, on the
// win rate and the funnel (48 comparisons) or the win rate alone (12).
type simConfig struct {
	method  coach.Method
	winOnly bool
}

func (c simConfig) String() string {
	m := "frequentist (the default Lean, 0.8)"
	if c.method == coach.Bayes {
		m = "bayes"
	}
	if c.winOnly {
		return m + ", win rate only (12 comparisons)"
	}
	return m + ", win rate and funnel (48 comparisons)"
}

var simConfigs = []simConfig{
	{coach.Frequentist, false}, {coach.Frequentist, true}, {coach.Bayes, false}, {coach.Bayes, true},
}

// simRun draws simTeams teams from the seed (PCG(seed, stream)) and
// coaches each of them in every config; each calls see with the config's
// index and the findings.
func simRun(seed, stream uint64, conv [][3]float64, perRep int, see func(config int, fs []coach.Finding)) {
	rng := rand.New(rand.NewPCG(seed, stream))
	var deals []sp.Deal
	for range simTeams {
		deals = simTeam(rng, conv, perRep, deals)
		ms := simMetrics(deals)
		for i, c := range simConfigs {
			m := ms
			if c.winOnly {
				m = ms[:1]
			}
			see(i, coach.Find(m, coach.Config{Method: c.method}).Findings)
		}
	}
}

// simSeeds are the seeds every scenario runs with, so that a figure is
// not the luck of one draw.
var simSeeds = []uint64{2026, 7}

// TestSimNoDifference: when every rep has the same true win rate and
// funnel, any flag is a false discovery. Every hypothesis is null, so the
// false-discovery rate is the chance of flagging anything at all, which
// Benjamini–Hochberg keeps at most Alpha = 0.10: 8.7% and 7.7% of the
// teams with the two seeds (48 comparisons); 7.3% and 11.7% on the win
// rate alone (12 comparisons; the standard error of a share of 300 teams
// near 0.10 is 0.017).
//
// Method Bayes does not: it bounds the posterior chance of naming the
// wrong side, and a team whose rates happen to spread more than chance
// (about half the metrics of a team without differences) is taken to
// differ a little, so its extreme reps get named: 47.7% and 43.3% of the
// teams (48 comparisons), 12.7% and 17.3% (12). Its rates are bounded
// loosely, to keep the package doc's figures honest.
func TestSimNoDifference(t *testing.T) {
	max := []float64{coach.DefaultAlpha, 0.14, 0.55, 0.25} // by simConfigs
	conv := make([][3]float64, simReps)
	for r := range conv {
		conv[r] = [3]float64{0.75, 0.80, 0.50}
	}
	for _, seed := range simSeeds {
		flagged := make([]int, len(simConfigs))
		simRun(seed, 5, conv, simDeals, func(i int, fs []coach.Finding) {
			if len(fs) > 0 {
				flagged[i]++
			}
		})
		for i, c := range simConfigs {
			rate := float64(flagged[i]) / simTeams
			t.Logf("no true difference, %s, seed %d: %d of %d simulated teams had a flag (%.1f%%)", c, seed, flagged[i], simTeams, 100*rate)
			if rate > max[i] {
				t.Errorf("%s, seed %d: share of teams with any flag %.3f > %.2f", c, seed, rate, max[i])
			}
		}
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
// little by the rep's Proposal → Won weakness found beside it. Measured:
// 63.0% and 66.0% with the two seeds (48 comparisons), 75.0% and 76.7%
// (12). So the table asserts the scenario at those levels and the
// 80% bound from 150 deals per rep, where the same computation gives
// Φ(1.3) ≈ 0.9 (87.7% measured).
//
// Method Bayes finds the rep in 81.7% and 85.3% of the teams (48
// comparisons; 78.0% and 80.7% on the win rate alone), but at the price
// of the flags on teams without a difference that TestSimNoDifference
// measures, and of about six flags per team on the other reps (each of
// them truly 1.4 points above a rest that includes the weak rep). It is
// asserted here at what it reaches.
func TestSimWeakRep(t *testing.T) {
	conv := make([][3]float64, simReps)
	for r := range conv {
		conv[r] = [3]float64{0.75, 0.80, 0.50}
	}
	conv[0] = [3]float64{0.75, 0.80, 0.25}
	for _, tt := range []struct {
		perRep int
		seeds  []uint64
		min    []float64 // by simConfigs
	}{
		{100, simSeeds, []float64{0.55, 0.70, 0.80, 0.75}},
		{150, simSeeds[:1], []float64{0.80, 0.80, 0.80, 0.80}},
	} {
		for _, seed := range tt.seeds {
			found := make([]int, len(simConfigs))
			anywhere := make([]int, len(simConfigs))
			others := make([]int, len(simConfigs))
			simRun(seed, 6, conv, tt.perRep, func(i int, fs []coach.Finding) {
				below := false
				for _, f := range fs {
					switch {
					case f.Rep == "rep00" && f.Direction == coach.Below:
						below = true
						if f.Metric == "win rate" {
							found[i]++
						}
					case f.Rep != "rep00":
						others[i]++
					}
				}
				if below {
					anywhere[i]++
				}
			})
			for i, c := range simConfigs {
				rate := float64(found[i]) / simTeams
				t.Logf("one rep at 0.15 vs 0.30, %d deals, %s, seed %d: win-rate weakness found in %d of %d teams (%.1f%%), the rep below on some metric in %d; %d flags on other reps",
					tt.perRep, c, seed, found[i], simTeams, 100*rate, anywhere[i], others[i])
				if rate < tt.min[i] {
					t.Errorf("%d deals, %s, seed %d: weak rep found in %.3f of the teams, want ≥ %.2f", tt.perRep, c, seed, rate, tt.min[i])
				}
			}
		}
	}
}
