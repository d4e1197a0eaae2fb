package coach_test

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/salesperf/salesperf/coach"
	"github.com/salesperf/salesperf/metrics"
)

// The power table of docs/coaching.md. A team is drawn as counts, not
// deals (sim_test.go runs the same funnel through real deals and the
// metrics package): each of a rep's perRep closed deals reaches stage 2
// with probability c1, stage 3 from there with c2, and is won from there
// with c3; the metrics are the win rate and the three conversions. Every
// rep but the first has c = (0.75, 0.80, base/0.6), a win rate of base;
// the first rep's win rate is base − 0.15, lowered at one stage or at
// every stage by the same factor (shapes below).

// powerTable is whether the full table runs: the flag -coach.powertable,
// defined in flag_test.go of the package's internal tests.
func powerTable() bool { return flag.Lookup("coach.powertable").Value.String() == "true" }

// shape is where the weak rep loses its 15 points.
type shape int

const (
	noWeakRep  shape = iota // every rep alike: the null
	lastStage               // c3 = (base − 0.15)/0.6: proposals won less often
	everyStage              // c1, c2, c3 each × ((base − 0.15)/base)^(1/3)
)

func (s shape) String() string {
	return [...]string{"no difference", "weak at the last stage", "weak at every stage"}[s]
}

func powerConv(base float64, s shape) (team, weak [3]float64) {
	team = [3]float64{0.75, 0.80, base / 0.6}
	weak = team
	switch s {
	case lastStage:
		weak[2] = (base - 0.15) / 0.6
	case everyStage:
		f := math.Cbrt((base - 0.15) / base)
		for k := range weak {
			weak[k] *= f
		}
	}
	return team, weak
}

func binomial(rng *rand.Rand, n int64, p float64) int64 {
	var x int64
	for range n {
		if rng.Float64() < p {
			x++
		}
	}
	return x
}

// powerTeam draws one team and returns its metrics: the win rate first,
// then the three conversions.
func powerTeam(rng *rand.Rand, reps int, perRep int64, team, weak [3]float64) []coach.Metric {
	ms := []coach.Metric{coach.Shares("win rate", coach.Higher, map[string]metrics.Rate{})}
	for k := range 3 {
		ms = append(ms, coach.Shares(fmt.Sprintf("stage %d → %d", k+1, k+2), coach.Higher, map[string]metrics.Rate{}))
	}
	for r := range reps {
		c := team
		if r == 0 {
			c = weak
		}
		rep := fmt.Sprintf("rep%02d", r)
		reached := perRep
		for k := range 3 {
			next := binomial(rng, reached, c[k])
			ms[k+1].Rates[rep] = metrics.Rate{Num: next, Den: reached}
			reached = next
		}
		ms[0].Rates[rep] = metrics.Rate{Num: reached, Den: perRep}
	}
	return ms
}

// powerRow is one scenario's measures for one way of coaching.
type powerRow struct {
	flagged int // teams with any flag
	winRate int // teams where rep00 is flagged below on the win rate
	rep     int // teams where rep00 is flagged below on some metric
	teams   int
}

func (r powerRow) share(n int) float64 { return float64(n) / float64(r.teams) }

// powerWays are the ways of coaching a team the table compares.
var powerWays = []struct {
	name    string
	lean    float64
	winOnly bool
}{
	{"two-sided, win rate only", 0.5, true},
	{"two-sided, win rate and funnel", 0.5, false},
	{"lean 0.8, win rate only", coach.LeanWeak, true},
	{"lean 0.8, win rate and funnel", coach.LeanWeak, false},
}

// powerRun coaches teams teams of reps reps, drawn from seed, every way
// of powerWays.
func powerRun(seed uint64, teams, reps int, perRep int64, base float64, s shape) []powerRow {
	rng := rand.New(rand.NewPCG(seed, uint64(reps)*1000+uint64(100*base)*10+uint64(s)))
	team, weak := powerConv(base, s)
	rows := make([]powerRow, len(powerWays))
	for range teams {
		ms := powerTeam(rng, reps, perRep, team, weak)
		for i, w := range powerWays {
			m := ms
			if w.winOnly {
				m = ms[:1]
			}
			fs := coach.Find(m, coach.Config{Lean: w.lean}).Findings
			rows[i].teams++
			if len(fs) > 0 {
				rows[i].flagged++
			}
			var onWin, onAny bool
			for _, f := range fs {
				if f.Rep == "rep00" && f.Direction == coach.Below {
					onAny = true
					onWin = onWin || f.Metric == "win rate"
				}
			}
			if onWin {
				rows[i].winRate++
			}
			if onAny {
				rows[i].rep++
			}
		}
	}
	return rows
}

func TestPowerTable(t *testing.T) {
	if !powerTable() {
		t.Skip("the full table runs with -coach.powertable")
	}
	const teams = 2000
	for _, reps := range []int{6, 8, 10, 12} {
		for _, base := range []float64{0.20, 0.30, 0.40, 0.50} {
			for _, s := range []shape{noWeakRep, lastStage, everyStage} {
				rows := powerRun(1, teams, reps, 100, base, s)
				for i, w := range powerWays {
					r := rows[i]
					t.Logf("| %2d | %.2f | %-22s | %-30s | %5.1f%% | %5.1f%% | %5.1f%% |", reps, base, s, w.name,
						100*r.share(r.flagged), 100*r.share(r.winRate), 100*r.share(r.rep))
				}
			}
		}
	}
}

// TestPowerIssueScenario runs the issue's scenario — 12 reps, base win
// rate 0.30, 100 closed deals each — on 1000 teams per shape with a
// fixed seed, and asserts the figures of docs/coaching.md: every way of
// coaching flags at most 10% of the teams without a difference; the
// weak rep is found at the levels measured, less about two standard
// errors of a share of 1000 teams (0.013 near 0.80) — except the
// default way (Lean 0.8 over the win rate and the funnel), held to issue
// 5's bar of 80% on this fixed seed (measured 80.7% and 88.2%); and Lean 0.8 finds
// the rep on the win rate alone at least 2 points more often than the
// two-sided test on the same teams (a Lean that were ignored would
// fail).
func TestPowerIssueScenario(t *testing.T) {
	const teams = 1000
	type want struct{ maxFlagged, minRep float64 }
	for _, tt := range []struct {
		s    shape
		want []want // by powerWays: any flag at most, rep found (any metric) at least
	}{
		{noWeakRep, []want{{0.10, 0}, {0.10, 0}, {0.10, 0}, {0.10, 0}}},
		{lastStage, []want{{1, 0.73}, {1, 0.76}, {1, 0.77}, {1, 0.80}}}, // the last: the default (issue 5's bar, 80%)
		{everyStage, []want{{1, 0.75}, {1, 0.86}, {1, 0.78}, {1, 0.85}}},
	} {
		rows := powerRun(2026, teams, 12, 100, 0.30, tt.s)
		for i, w := range powerWays {
			r := rows[i]
			t.Logf("%s, %s: any flag %.1f%%, weak rep found on the win rate %.1f%%, on some metric %.1f%%",
				tt.s, w.name, 100*r.share(r.flagged), 100*r.share(r.winRate), 100*r.share(r.rep))
			if got := r.share(r.flagged); got > tt.want[i].maxFlagged {
				t.Errorf("%s, %s: teams with a flag %.3f > %.2f", tt.s, w.name, got, tt.want[i].maxFlagged)
			}
			if got := r.share(r.rep); got < tt.want[i].minRep {
				t.Errorf("%s, %s: weak rep found in %.3f < %.2f", tt.s, w.name, got, tt.want[i].minRep)
			}
		}
		if tt.s != noWeakRep && rows[2].rep < rows[0].rep+20*teams/1000 {
			t.Errorf("%s: lean 0.8 finds the rep on the win rate in %d teams, two-sided in %d: less than 2 points more", tt.s, rows[2].rep, rows[0].rep)
		}
	}
}
