// Package coach finds where a rep is credibly below — or above — the rest
// of the team: for each rep and each metric it compares the rep's figure
// with the figure of the team without that rep, runs a significance test,
// controls the false-discovery rate across every rep and metric tested
// together, and says what it found in words a manager can act on:
//
//	stage Demo → Proposal: 31% vs team 52% (n = 64), q = 0.01
//	cycle length: median 75 days vs team 52 (n = 30), q = 0.03
//	win rate: 48% vs team 30% (n = 60), q = 0.004 — a strength
//
// A Metric holds one figure per rep, as the metrics package computes it
// per segment (segment.By with segment.Owner, or segment.Fold for the
// states): a Share (won of closed, reached the next stage of reached this
// one, leads answered within an SLA), a Ratio of counts (calls per meeting
// held), or a Distribution (days of sales cycle, minutes of response
// time). Shares, Ratios, Distributions, FunnelSteps, ResponseTimes and
// SLAShares build them from those maps; Find tests them.
//
// # Tests
//
//   - Share: the pooled two-proportion z-test, or Fisher's exact test when
//     an expected cell count of the 2×2 table (rep/rest × yes/no) is below 5.
//   - Ratio: the conditional test of two Poisson rates — given the events
//     of both sides, the rep's follow a binomial law with the rep's share
//     of the exposure — by its score z, or exactly when an expected count
//     is below 5.
//   - Distribution: the Mann–Whitney U test from the two exact histograms,
//     with mid-ranks for ties, the tie-corrected variance, the normal
//     approximation and a continuity correction.
//
// Every test is two-sided; by default (Config.Lean) four fifths of its
// error budget go to finding the rep worse than the team and one fifth to
// finding a strength. The p-values of all the tests Find runs are
// adjusted together by the Benjamini–Hochberg procedure into q-values: a
// comparison is flagged when its q-value is at most Config.Alpha, which
// keeps the expected share of false findings among the flagged ones at
// most Alpha (0.10 by default). A comparison with too little data on
// either side (Config.MinN) is not tested and is reported as skipped,
// never dropped silently.
//
// # Beta posteriors
//
// With Config.Method Bayes, Shares are judged by empirical Bayes instead:
// a beta prior on the reps' true rates is estimated from the whole team
// (segment.EstimatePrior, the beta-binomial method of moments weighted by
// each rep's n), each rep's true rate gets the posterior
// Beta(x + α, n − x + β), and Finding.P is the posterior probability that
// the rep is in fact on the other side of the rest of the team. Sorted by
// that probability, the findings flagged are the largest set whose
// average probability of being wrong is at most Alpha (the "direct
// posterior probability" rule of Newton et al., 2004), and Finding.Q is
// that average. Ratios and Distributions keep their tests and
// Benjamini–Hochberg, among themselves.
//
// The two methods answer different questions. Benjamini–Hochberg guards
// against flagging a rep who does not differ at all; the posterior rule
// guards against getting a rep's side wrong, and takes a team whose rates
// spread more than chance would as a team whose reps do differ, a little.
// On simulated teams of 12 reps × 100 closed deals, judged on the win
// rate and three stage conversions (48 comparisons; 300 teams with each
// of two seeds, sim_test.go), the frequentist default flags something in
// 8.7% and 7.7% of the teams whose reps all have the same true rates,
// and finds a rep whose win rate is 15 points below the others' (0.15
// against 0.30) in 63% and 66% of the teams. The posterior rule finds
// that rep in 82% and 85%, but flags something in 48% and 43% of the
// teams without any difference, and names about six other reps per team
// beside the weak one (each truly 1.4 points above a rest that includes
// the weak rep). On the win rate alone (12 comparisons) the figures are
// 75–77% found with 7–12% of teams without a difference flagged
// (frequentist), against 78–81% with 13–17% (Bayes). Hence Frequentist
// is the default; Bayes suits a manager who wants the likely side of
// every clear gap and accepts small ones being named.
//
// The tests take each record as an independent draw: deals, leads and
// activities of one rep are not clustered by account or by week. Counts
// that vary more than that (a rep's calls bunched in campaigns) make the
// Ratio test too eager; read its findings as prompts for a conversation,
// not verdicts.
package coach

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
	"github.com/salesperf/salesperf/segment"
)

// Kind is the kind of figure a Metric holds, which chooses its test.
// The zero Kind is invalid.
type Kind int8

const (
	// Share is a proportion: Num of Den records (won of closed deals).
	// Tested with the pooled two-proportion z-test, or Fisher's exact test
	// for small expected counts.
	Share Kind = iota + 1
	// Ratio is a count of events per unit of exposure: Num events over Den
	// (calls over meetings held). Num may exceed Den. Tested as two Poisson
	// rates, conditionally on the total events.
	Ratio
	// Distribution is a distribution of whole numbers per record (days of
	// sales cycle of each won deal). Tested with the Mann–Whitney U test;
	// presented by its median.
	Distribution
)

// Better says which way a metric is good. The zero Better is invalid.
type Better int8

const (
	// Higher is better: win rate, stage conversion, SLA share.
	Higher Better = iota + 1
	// Lower is better: cycle length, response time, calls per meeting.
	Lower
)

// Direction says how a rep compares with the rest of the team on a
// metric, in terms of the metric's Better: Below is worse than the team
// (a lower win rate, a longer cycle), Above better. The zero Direction
// means no difference.
type Direction int8

const (
	// Below is worse than the rest of the team: a weakness.
	Below Direction = iota + 1
	// Above is better than the rest of the team: a strength.
	Above
)

// String returns "below", "above", or "level" for the zero Direction.
func (d Direction) String() string {
	switch d {
	case Below:
		return "below"
	case Above:
		return "above"
	}
	return "level"
}

// The names of the tests, as Finding.Test reports them.
const (
	TestZ           = "z"            // two-proportion z (Share) or score z of two Poisson rates (Ratio)
	TestFisher      = "fisher"       // Fisher's exact test (Share, small expected counts, or any Share with a Lean other than ½)
	TestBinomial    = "binomial"     // exact conditional binomial test (Ratio, small expected counts, or any Ratio with a Lean other than ½)
	TestMannWhitney = "mann-whitney" // Mann–Whitney U, normal approximation (Distribution)
	TestBeta        = "beta"         // beta-binomial posterior under an empirical-Bayes prior (Share, Method Bayes)
)

// Method is how Find judges a Share (see the package doc for how the two
// compare). The zero Method means DefaultMethod in a Config.
type Method int8

const (
	// Frequentist tests every comparison for a two-sided p-value (the
	// tests of the package doc) and adjusts them all together by
	// Benjamini–Hochberg: it keeps flags on reps who do not differ at all
	// rare.
	Frequentist Method = iota + 1
	// Bayes gives each Share comparison the posterior probability that
	// the rep's true rate is on the other side of the rest of the team's,
	// under a beta-binomial prior estimated from the whole team, and
	// flags the largest set whose average such probability is at most
	// Alpha; Ratios and Distributions are tested as under Frequentist,
	// and adjusted among themselves.
	Bayes
)

// DefaultAlpha is the false-discovery rate Find uses when Config.Alpha is
// zero.
const DefaultAlpha = 0.10

// DefaultMinN is the minimum sample Find uses when Config.MinN is zero.
const DefaultMinN = 20

// DefaultMethod is the Method Find uses when Config.Method is zero.
const DefaultMethod = Frequentist

// Metric is one figure to coach on, per rep: its name as a sentence
// starts ("win rate", "stage Demo → Proposal"), which way is better, and
// the reps' data — Rates for a Share or a Ratio, Hists for a Distribution.
// The team a rep is compared with is every other key of the data: build
// the maps over the whole team (segment.By with segment.Owner).
type Metric struct {
	Name   string
	Kind   Kind
	Better Better
	// Unit names the values of a Distribution in the sentence ("days",
	// "working minutes"); it may be empty. Unused for the other kinds.
	Unit  string
	Rates map[string]metrics.Rate       // Share and Ratio: rep → Num / Den
	Hists map[string]*metrics.Histogram // Distribution: rep → values; a nil histogram is empty
}

// Shares returns the Share metric name over byRep: each rep's Num of Den
// (won of closed deals: segment.By(deals, segment.Owner,
// metrics.WinRate())).
func Shares(name string, better Better, byRep map[string]metrics.Rate) Metric {
	return Metric{Name: name, Kind: Share, Better: better, Rates: byRep}
}

// Ratios returns the Ratio metric name over byRep: each rep's Num events
// over Den units of exposure (calls over meetings held: metrics.CallsPerMeeting
// of each rep's metrics.ActivityCounts).
func Ratios(name string, better Better, byRep map[string]metrics.Rate) Metric {
	return Metric{Name: name, Kind: Ratio, Better: better, Rates: byRep}
}

// Distributions returns the Distribution metric name over byRep, whose
// values are in unit: each rep's exact histogram, the state of
// metrics.SalesCycle per rep from segment.Fold.
func Distributions(name string, better Better, unit string, byRep map[string]*metrics.Histogram) Metric {
	return Metric{Name: name, Kind: Distribution, Better: better, Unit: unit, Hists: byRep}
}

// FunnelSteps returns one Share metric per transition of a funnel,
// "stage A → B", higher better: each rep's conversion reached(k+1) /
// reached(k) from byRep, the reps' results of one metrics.Funnel
// (segment.By(deals, segment.Owner, metrics.Funnel(p, cfg))). A rep whose
// result has no steps (no deal) has no deal to convert at any step.
// FunnelSteps panics if the results name different steps (funnels of
// different pipelines).
func FunnelSteps(byRep map[string]metrics.FunnelResult) []Metric {
	var steps []metrics.FunnelStep
	for _, rep := range slices.Sorted(maps.Keys(byRep)) {
		s := byRep[rep].Steps
		if len(s) == 0 {
			continue
		}
		if steps == nil {
			steps = s
			continue
		}
		if !slices.EqualFunc(steps, s, func(a, b metrics.FunnelStep) bool { return a.Stage == b.Stage }) {
			panic(fmt.Sprintf("coach: funnel results of different pipelines (reps with steps %s and %s)",
				stageNames(steps), stageNames(s)))
		}
	}
	var out []Metric
	for k := 0; k+1 < len(steps); k++ {
		rates := make(map[string]metrics.Rate, len(byRep))
		for rep, r := range byRep {
			if len(r.Steps) == 0 {
				rates[rep] = metrics.Rate{}
				continue
			}
			rates[rep] = r.Steps[k].Conversion
		}
		out = append(out, Shares("stage "+steps[k].Stage+" → "+steps[k+1].Stage, Higher, rates))
	}
	return out
}

func stageNames(s []metrics.FunnelStep) string {
	names := make([]string, len(s))
	for i, x := range s {
		names[i] = x.Stage
	}
	return strings.Join(names, ", ")
}

// ResponseTimes returns the Distribution metric name of lead response
// times, lower better, from the reps' states of one metrics.ResponseTime
// (segment.Fold(leads, segment.LeadOwner, metrics.ResponseTime(cfg))):
// the touched leads' times, in whole units of the config (unit names them
// in the sentence: "working minutes"). Leads never touched are not in the
// distribution; SLAShares counts them. Use an unweighted ResponseTime: a
// weight would count a lead several times.
func ResponseTimes(name, unit string, byRep map[string]*metrics.ResponseState) Metric {
	hists := make(map[string]*metrics.Histogram, len(byRep))
	for rep, s := range byRep {
		if s != nil {
			hists[rep] = &s.Times
		} else {
			hists[rep] = nil
		}
	}
	return Distributions(name, Lower, unit, hists)
}

// SLAShares returns one Share metric per SLA of the reps' lead response
// results (segment.By(leads, segment.LeadOwner, metrics.ResponseTime(cfg))),
// "leads answered within 1h", higher better: the leads touched within the
// SLA over all the rep's leads, never-touched ones included
// (metrics.SLAShare.All). Every result must come from the same config.
func SLAShares(byRep map[string]metrics.Response) []Metric {
	var slas []time.Duration
	for _, rep := range slices.Sorted(maps.Keys(byRep)) {
		if len(byRep[rep].SLA) > len(slas) {
			slas = slas[:0]
			for _, s := range byRep[rep].SLA {
				slas = append(slas, s.Within)
			}
		}
	}
	var out []Metric
	for i, within := range slas {
		rates := make(map[string]metrics.Rate, len(byRep))
		for rep, r := range byRep {
			if i < len(r.SLA) {
				rates[rep] = r.SLA[i].All
			} else {
				rates[rep] = metrics.Rate{}
			}
		}
		out = append(out, Shares("leads answered within "+report.Duration(within), Higher, rates))
	}
	return out
}

// Config says how Find tests. The zero Config flags at a false-discovery
// rate of 10% and tests a comparison only when the rep and the rest of
// the team each have at least 20 records, for every rep in the data.
type Config struct {
	// Alpha is the false-discovery rate: a comparison is flagged when its
	// Benjamini–Hochberg q-value is at most Alpha. Zero means
	// DefaultAlpha (0.10).
	Alpha float64
	// MinN is the smallest sample tested, on each side: the rep's and the
	// rest of the team's closed deals for a win rate, deals that reached
	// the stage for a conversion, values for a distribution, units of
	// exposure (meetings held) for a ratio. Smaller comparisons are
	// skipped and counted. Zero means DefaultMinN (20).
	MinN int64
	// Reps are the reps to coach. A rep missing from a metric's data is
	// skipped as too small (n = 0) for it. Nil means every rep in the
	// data of each metric. The team a rep is compared with is always all
	// of the metric's data but the rep.
	Reps []string
	// Method chooses how Shares are judged: Frequentist tests or Bayes
	// posteriors. Zero means DefaultMethod (Frequentist).
	Method Method
	// Lean is the share λ of each test's error budget spent on finding
	// the rep worse than the team (a coaching opportunity); the rest,
	// 1 − λ, is spent on finding a strength. Zero means DefaultLean (0.8).
	// With λ = ½ (LeanEven) every test is the two-sided test of the package doc.
	// Otherwise a comparison's p-value is
	//
	//	p = min(1, p_worse/λ, p_better/(1 − λ))
	//
	// from its two one-sided p-values (the better side ignored when
	// λ = 1): a valid p-value for "the rep equals the team" (exactly for
	// Shares and Ratios, as far as the normal approximation holds for
	// Distributions), so the Benjamini–Hochberg guarantee is unchanged — it is weighted
	// Benjamini–Hochberg (Genovese, Roeder and Wasserman, 2006) over the
	// two one-sided hypotheses of every comparison, weighted 2λ and
	// 2(1 − λ), which average 1. A weakness then needs a one-sided
	// p-value below λ·Alpha·k/m instead of ½·Alpha·k/m, a strength below
	// (1 − λ)·Alpha·k/m. Shares and Ratios then use exact one-sided
	// tails (Fisher's, the conditional binomial's), Distributions the
	// Mann–Whitney normal approximation. In teams of 12 reps with 100
	// closed deals each, LeanWeak (0.8) finds a rep whose win rate is
	// 0.15 against 0.30 in 80% of teams on the win rate alone (exactly
	// 79.9%; 75.2% at ½), and in 81–88% on the win rate and the funnel
	// (79–89% at ½), never flagging more than 10% of teams without a
	// difference (docs/coaching.md). Lean must be in [0, 1]; it does not
	// apply to Shares judged by Method Bayes.
	Lean float64
}

// DefaultLean is the Lean Find uses when Config.Lean is zero: LeanWeak,
// because a coaching report is first a list of coaching opportunities —
// it finds a rep 15 points below the team more often (80% rather than 75%
// of teams in docs/coaching.md's scenario) at the price of stronger
// evidence for a strength. Set Lean to LeanEven for the symmetric
// two-sided tests.
const DefaultLean = LeanWeak

// LeanEven is the Lean of the symmetric two-sided tests: half of each
// test's error budget on each side.
const LeanEven = 0.5

// LeanWeak is the Lean that spends four fifths of each test's error
// budget on weaknesses, the coaching opportunities, and one fifth on
// strengths (see Config.Lean).
const LeanWeak = 0.8

// Finding is one comparison of a rep with the rest of the team on one
// metric: the figures, the test and its p- and q-values.
type Finding struct {
	Rep    string
	Metric string
	Kind   Kind
	Better Better
	Unit   string // the metric's Unit
	// Value is the rep's figure and Team the rest of the team's: the share
	// (0.31) for a Share, events per unit of exposure for a Ratio, the
	// median for a Distribution.
	Value, Team float64
	// N is the rep's sample and TeamN the rest of the team's: trials (the
	// Den) for a Share, exposure (the Den) for a Ratio, values for a
	// Distribution.
	N, TeamN  int64
	Direction Direction
	// Test is TestZ, TestFisher, TestBinomial, TestMannWhitney, or
	// TestBeta for a Share judged by Method Bayes.
	Test string
	// P is the two-sided p-value of the test (leaned by Config.Lean), or for TestBeta the
	// posterior probability that the rep is on the other side of the team
	// (1 when the team's rates spread no more than chance: see Find).
	P float64
	// Q is the Benjamini–Hochberg q-value over every test of the run, or
	// for TestBeta the average P of the TestBeta comparisons whose P is
	// at most this one's.
	Q float64
}

// Strength reports whether the finding is in the rep's favour.
func (f Finding) Strength() bool { return f.Direction == Above }

// String writes the finding as a sentence, without the rep:
// "stage Demo → Proposal: 31% vs team 52% (n = 64), q = 0.01",
// "cycle length: median 75 days vs team 52 (n = 30), q = 0.03",
// "calls per meeting: 6.2 vs team 4.1 (n = 45), q = 0.02", and for a
// strength "win rate: 48% vs team 30% (n = 60), q = 0.004 — a strength".
// Shares are whole percentages (one decimal when the two would print
// alike), ratios have one decimal (two when alike), medians print as they
// are (52.5); q has two significant digits, "q < 0.001" below that.
func (f Finding) String() string {
	var b strings.Builder
	b.WriteString(f.Metric + ": ")
	switch f.Kind {
	case Share:
		v, t := figures(100*f.Value, 100*f.Team, 0)
		b.WriteString(v + "% vs team " + t + "%")
	case Ratio:
		v, t := figures(f.Value, f.Team, 1)
		b.WriteString(v + " vs team " + t)
	default:
		b.WriteString("median " + strconv.FormatFloat(f.Value, 'f', -1, 64))
		if f.Unit != "" {
			b.WriteString(" " + f.Unit)
		}
		b.WriteString(" vs team " + strconv.FormatFloat(f.Team, 'f', -1, 64))
	}
	fmt.Fprintf(&b, " (n = %d), %s", f.N, formatQ(f.Q))
	if f.Strength() {
		b.WriteString(" — a strength")
	}
	return b.String()
}

// figures formats two figures with places decimals, or one more when they
// would print alike.
func figures(v, t float64, places int) (string, string) {
	a, b := strconv.FormatFloat(v, 'f', places, 64), strconv.FormatFloat(t, 'f', places, 64)
	if a == b && v != t {
		return strconv.FormatFloat(v, 'f', places+1, 64), strconv.FormatFloat(t, 'f', places+1, 64)
	}
	return a, b
}

func formatQ(q float64) string {
	if q < 0.001 {
		return "q < 0.001"
	}
	return "q = " + strconv.FormatFloat(q, 'g', 2, 64)
}

// Skip is a comparison Find did not test because a side had fewer than
// Config.MinN records: N is the rep's sample, TeamN the rest of the
// team's.
type Skip struct {
	Rep, Metric string
	N, TeamN    int64
}

// Result is what Find found.
type Result struct {
	// Findings are the flagged comparisons (q ≤ Alpha): the weaknesses
	// (Below) by increasing q, then the strengths (Above) by increasing q;
	// ties by p, then in the order of All.
	Findings []Finding
	// Tested is the number of comparisons tested, len(All); the q-values
	// adjust for all of them.
	Tested int
	// SkippedSmall is the number of comparisons not tested for lack of
	// data, len(Skipped).
	SkippedSmall int
	// All is every comparison tested, flagged or not, in the order of the
	// metrics and, within a metric, of the reps (sorted, or as in
	// Config.Reps).
	All []Finding
	// Skipped are the comparisons not tested, in the same order.
	Skipped []Skip
}

// Find compares every rep with the rest of the team on every metric and
// returns the comparisons that are statistically credible: the p-values
// of all the comparisons tested, over all reps and metrics, are adjusted
// together into Benjamini–Hochberg q-values (with the m p-values sorted,
// q(i) = min over j ≥ i of min(1, m·p(j)/j)), and a comparison is
// flagged when its q-value is at most cfg.Alpha and the rep differs from
// the team (a Direction). The rest of the team is the sum of
// the other reps' Rates (a Share or Ratio) or the merge of their
// histograms (a Distribution). A comparison with fewer than cfg.MinN
// records on either side is skipped and listed (Result.Skipped).
//
// With cfg.Method Bayes, each Share is judged instead by empirical Bayes.
// Its prior Beta(α, β) is estimated from every rep's rate by
// segment.EstimatePrior (mean Σ x / Σ n, strength from the spread of the
// rates beyond chance, each rep weighted by n). For a rep with x of n
// against the rest of the team, the rep's true rate θ has the posterior
// Beta(x + α, n − x + β); the rest's true rate T = Σ nⱼθⱼ / Σ nⱼ pools the
// other reps' posteriors, taken as normal with its exact mean and
// variance; P(θ < T) is integrated numerically. The Direction is the
// likelier side and P = min(P(θ < T), P(θ > T)), the posterior
// probability of the other side. With the m such P sorted,
// q(i) = (P(1) + … + P(i)) / i, and a comparison is flagged when q ≤
// cfg.Alpha: the posterior expected share of wrong sides among the
// flagged is then at most Alpha. When the rates spread no more than
// chance would (the prior's variance is estimated at zero or less), or
// the spread cannot be estimated (every deal won, or every deal lost),
// the estimate is that the reps' true rates are all equal: P is 1 and
// nothing is flagged on that metric. A prior of strength zero (rates
// that spread as far as possible, all 0% or 100%) becomes Jeffreys'
// Beta(½, ½). The other kinds are tested as above, and their q-values
// adjust for their own tests only.
//
// With cfg.Lean other than ½, each test's p-value is the leaned one of
// Config.Lean, and the Benjamini–Hochberg q-values are computed from
// those.
//
// Find panics, with a "coach: " prefix, if cfg.Alpha or cfg.Lean is
// outside [0, 1], cfg.MinN negative or cfg.Method invalid; if a metric has no name, two metrics share a name,
// or a metric's Kind or Better is invalid; if a Share or Ratio has no
// Rates or has Hists, or a Distribution the other way round; if a Share's
// rate has Num < 0, Den < 0 or Num > Den; or a Ratio's Num or Den is
// negative. Data that is only thin is never a panic: it is skipped.
func Find(ms []Metric, cfg Config) Result {
	alpha, minN := cfg.Alpha, cfg.MinN
	if alpha < 0 || alpha > 1 || math.IsNaN(alpha) {
		panic(fmt.Sprintf("coach: alpha %v outside [0, 1]", alpha))
	}
	if alpha == 0 {
		alpha = DefaultAlpha
	}
	if minN < 0 {
		panic(fmt.Sprintf("coach: negative minimum sample %d", minN))
	}
	if minN == 0 {
		minN = DefaultMinN
	}
	seen := make(map[string]bool, len(ms))
	for _, m := range ms {
		check(m)
		if seen[m.Name] {
			panic(fmt.Sprintf("coach: two metrics named %q", m.Name))
		}
		seen[m.Name] = true
	}

	lean := cfg.Lean
	if lean < 0 || lean > 1 || math.IsNaN(lean) {
		panic(fmt.Sprintf("coach: lean %v outside [0, 1]", lean))
	}
	if lean == 0 {
		lean = DefaultLean
	}

	method := cfg.Method
	if method == 0 {
		method = DefaultMethod
	}
	if method != Frequentist && method != Bayes {
		panic(fmt.Sprintf("coach: invalid Method %d", method))
	}

	var res Result
	for _, m := range ms {
		bayes := method == Bayes && m.Kind == Share
		var prior segment.Prior
		var informative bool
		if bayes {
			prior, informative = sharePrior(m.Rates)
		}
		reps := cfg.Reps
		if reps == nil {
			if m.Kind == Distribution {
				reps = slices.Sorted(maps.Keys(m.Hists))
			} else {
				reps = slices.Sorted(maps.Keys(m.Rates))
			}
		}
		for _, rep := range reps {
			f, ok := compare(m, rep, minN, lean)
			if !ok {
				res.Skipped = append(res.Skipped, Skip{Rep: rep, Metric: m.Name, N: f.N, TeamN: f.TeamN})
				continue
			}
			if bayes {
				judge(&f, m, rep, prior, informative)
			}
			res.All = append(res.All, f)
		}
	}
	var freq, post []int // indices in All of the p-values and of the posterior probabilities
	for i, f := range res.All {
		if f.Test == TestBeta {
			post = append(post, i)
		} else {
			freq = append(freq, i)
		}
	}
	for _, family := range []struct {
		idx []int
		q   func([]float64) []float64
	}{{freq, qValues}, {post, posteriorQValues}} {
		p := make([]float64, len(family.idx))
		for j, i := range family.idx {
			p[j] = res.All[i].P
		}
		for j, q := range family.q(p) {
			res.All[family.idx[j]].Q = q
		}
	}
	for _, f := range res.All {
		if f.Q <= alpha && f.Direction != 0 {
			res.Findings = append(res.Findings, f)
		}
	}
	slices.SortStableFunc(res.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Direction, b.Direction), cmp.Compare(a.Q, b.Q), cmp.Compare(a.P, b.P))
	})
	res.Tested, res.SkippedSmall = len(res.All), len(res.Skipped)
	return res
}

func check(m Metric) {
	if m.Name == "" {
		panic("coach: metric without a name")
	}
	if m.Better != Higher && m.Better != Lower {
		panic(fmt.Sprintf("coach: metric %q: invalid Better %d", m.Name, m.Better))
	}
	switch m.Kind {
	case Share, Ratio:
		if m.Rates == nil || m.Hists != nil {
			panic(fmt.Sprintf("coach: metric %q: a %s needs Rates and no Hists", m.Name, kindName(m.Kind)))
		}
		for rep, r := range m.Rates {
			if r.Num < 0 || r.Den < 0 || (m.Kind == Share && r.Num > r.Den) {
				panic(fmt.Sprintf("coach: metric %q: rep %q: %d/%d is not a %s", m.Name, rep, r.Num, r.Den, kindName(m.Kind)))
			}
		}
	case Distribution:
		if m.Hists == nil || m.Rates != nil {
			panic(fmt.Sprintf("coach: metric %q: a distribution needs Hists and no Rates", m.Name))
		}
	default:
		panic(fmt.Sprintf("coach: metric %q: invalid Kind %d", m.Name, m.Kind))
	}
}

func kindName(k Kind) string {
	if k == Share {
		return "share"
	}
	return "ratio"
}

// compare tests rep against the rest of m's data, with the p-value
// leaned by lean unless it is ½ (see Config.Lean); false when a side has
// fewer than minN records (N and TeamN are then set).
func compare(m Metric, rep string, minN int64, lean float64) (Finding, bool) {
	f := Finding{Rep: rep, Metric: m.Name, Kind: m.Kind, Better: m.Better, Unit: m.Unit}
	var s int
	if m.Kind == Distribution {
		var mine, rest metrics.Histogram
		for r, h := range m.Hists {
			if h == nil {
				continue
			}
			if r == rep {
				mine.Merge(h)
			} else {
				rest.Merge(h)
			}
		}
		f.N, f.TeamN = mine.N(), rest.N()
		if f.N < minN || f.TeamN < minN {
			return f, false
		}
		f.Value, _ = mine.Quantile(0.5)
		f.Team, _ = rest.Quantile(0.5)
		f.Test = TestMannWhitney
		_, f.P, s = mannWhitney(mine.Bins(), rest.Bins())
		if lean != 0.5 {
			f.P = leanedP(m.Better, lean)(mannWhitneyTails(mine.Bins(), rest.Bins()))
		}
	} else {
		var mine, rest metrics.Rate
		for r, x := range m.Rates {
			if r == rep {
				mine = x
			} else {
				rest.Num += x.Num
				rest.Den += x.Den
			}
		}
		f.N, f.TeamN = mine.Den, rest.Den
		if f.N < minN || f.TeamN < minN {
			return f, false
		}
		f.Value, _ = mine.Value()
		f.Team, _ = rest.Value()
		if m.Kind == Share {
			f.Test, f.P, s = proportionTest(mine.Num, mine.Den, rest.Num, rest.Den)
			if lean != 0.5 {
				f.Test = TestFisher // the leaned p-value comes from Fisher's exact tails
				f.P = leanedP(m.Better, lean)(proportionTails(mine.Num, mine.Den, rest.Num, rest.Den))
			}
		} else {
			f.Test, f.P, s = ratioTest(mine.Num, mine.Den, rest.Num, rest.Den)
			if lean != 0.5 {
				f.Test = TestBinomial // the leaned p-value comes from the exact conditional binomial tails
				f.P = leanedP(m.Better, lean)(ratioTails(mine.Num, mine.Den, rest.Num, rest.Den))
			}
		}
	}
	f.Direction = direction(s, m.Better)
	return f, true
}

// leanedP returns the function that turns the one-sided p-values of a
// comparison, (rep lower, rep higher), into its leaned p-value: the
// lower side is the worse one when higher is better.
func leanedP(better Better, lean float64) func(lo, hi float64) float64 {
	return func(lo, hi float64) float64 {
		if better == Lower {
			lo, hi = hi, lo
		}
		return leaned(lo, hi, lean)
	}
}

// direction turns the sign of the rep minus the team (+1 higher, −1
// lower, 0 level) into Above (better), Below (worse) or level, given
// which way is better.
func direction(sign int, better Better) Direction {
	if better == Lower {
		sign = -sign
	}
	switch sign {
	case 1:
		return Above
	case -1:
		return Below
	}
	return 0
}
