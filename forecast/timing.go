package forecast

import (
	"fmt"
	"sort"
	"time"

	sp "github.com/salesperf/salesperf"
)

// DefaultSettle is how long a stage entry must be in the past before it
// counts as a sample (TimingOptions.Settle zero): 90 days.
const DefaultSettle = 90 * 24 * time.Hour

// DefaultMinSamples is the number of won deals a Timing needs before it
// trusts a stage's own samples (TimingOptions.MinSamples zero).
const DefaultMinSamples = 20

// TimingModel says which deals a Timing learns from and what its
// CloseProbability means (TimingOptions.Model).
type TimingModel int8

const (
	// TimingSurvival, the default, learns from every deal — won, lost
	// and still open — and gives an open deal of age a in its stage its
	// chance of being won in the window given that it is still open at
	// a, as survival models do: a deal older than every deal ever won
	// from its stage gets none. See Timing, "The survival model".
	TimingSurvival TimingModel = iota
	// TimingWonOnly learns from the won deals only: the chance that the
	// deal closes in the window if it is won, from the won deals that
	// were in its stage at least as long (the conditional empirical
	// distribution). It assumes every open deal is decided some day; on
	// data where many deals are never closed it overforecasts (see
	// docs/forecast-accuracy.md). It was the default before the
	// survival model.
	TimingWonOnly
)

// TimingOptions configures LearnTiming. The zero value learns the
// survival model (TimingSurvival) from all of the history with
// DefaultMinSamples.
type TimingOptions struct {
	// Model is TimingSurvival (the zero value) or TimingWonOnly.
	Model TimingModel
	// MinSamples is how many won-deal samples a stage needs, at the open
	// deal's age in the stage, before they are used alone; fewer, and the
	// model falls back (see Timing). 0 means DefaultMinSamples.
	MinSamples int
	// Since, when not zero, keeps only deals won (TimingSurvival: won or
	// lost) at or after Since, and the open ones, so that old habits do
	// not weigh on the model.
	Since time.Time
	// Settle keeps only the stage entries dated at least Settle before
	// the learning instant, so that the deals entered recently, of which
	// only the quick ones are won yet, do not bias the model toward short
	// cycles (see Timing). 0 means DefaultSettle; a negative Settle keeps
	// every entry. TimingSurvival ignores it: it counts the recent
	// entries still open as censored, which removes that bias.
	Settle time.Duration
}

// Timing is a model of WHEN an open deal closes, learned from the deals
// as they stood at an instant. It answers: given the deal's pipeline, its
// current stage and how long it has been in that stage (its age in the
// stage), what is the chance that it closes won inside a window [from,
// to)? Two models (TimingOptions.Model): the survival model, the
// default, and the won-only model.
//
// # The survival model (TimingSurvival)
//
// Samples: every deal as of the learning instant — won, lost or still
// open — gives one sample per open stage it entered: how long it stayed in
// the stage (to its next stage change, its close, or the learning instant
// if it is still there) and its event age: from entering the stage to its
// close (won or lost), or to the learning instant (still open: censored,
// its outcome unknown). A deal without stage history gives one sample to
// its pipeline's pool, measured from its creation.
//
// For an open deal that entered its stage at e and is a = asOf − e old
// there, the candidates are the samples still in the same stage at age a
// (time in stage ≥ a), and the window in age is [t0, t1) = [from − e, to
// − e). With n_j candidates at risk (event age ≥ t_j), d_j won and l_j
// lost at each distinct event age t_j:
//
//	S(t−) = Π_{t_j < t} (1 − (d_j + l_j) / n_j)     still open just before age t
//	π     = Σ_{t0 ≤ t_j < t1} S(t_j−) × d_j / n_j     won in the window, given open at age a
//	w     = won / (won + lost) over all the samples used (every age)
//	q     = min(1, π / w)                          what CloseProbability returns
//
// π is the Aalen–Johansen estimate of the cumulative incidence of winning
// (the competing risk: losing; still-open deals censored), conditional on
// being open at age a, which every candidate is. Deals that linger and are
// never decided keep the candidates at risk without winning, so they lower
// π for every deal of their age; a deal older than every won candidate's
// event age gets π = 0. Dividing by the stage's decided win rate w makes
// Prob × q = π when Prob is that rate (what LearnStage learns: won / (won
// + lost)), so MonteCarlo and the weighted forecasts count the deal at π;
// a Prob above its stage's rate raises the deal in proportion. q is capped
// at 1 (a deal whose chance in the window exceeds w).
//
// Fallbacks: "stage", the candidates of the deal's (pipeline, stage) when
// the stage has at least MinSamples won samples, however few candidates
// are as old as the deal (none: q = 0); "pipeline", otherwise, the
// samples of the pipeline pooled (every stage, and the deals without
// stage history); "expected close" (rule 4 below) when the pipeline has no
// won sample. Settle is ignored: the censored open deals remove the bias
// it guards against.
//
// # The won-only model (TimingWonOnly): samples
//
// Every won deal (as of the learning instant: closed won at or before it)
// gives one sample per open stage it entered, from its stage history:
// how long it stayed in the stage (to its next stage change, or to the
// close) and how long from entering the stage to being won. A won deal
// without stage history gives one sample to its pipeline's pool, measured
// from its creation.
//
// # The conditional empirical distribution
//
// For an open deal that entered its stage at e and has been there a =
// asOf − e, the candidate samples are the won deals that were still in the
// same stage at the same age (time in stage ≥ a): the deal closes at e +
// (entry-to-win time of a candidate), each candidate equally likely. This
// is the empirical distribution of the time to win, conditioned on having
// already waited a in the stage, so a stale deal is not forecast to close
// as early as a fresh one.
//
// # Fallbacks, in order
//
//  1. "stage": at least MinSamples candidates of the deal's (pipeline,
//     stage), as above.
//  2. "stage tail": the stage has MinSamples samples but fewer are as old as
//     the deal: the MinSamples samples that stayed longest in the stage
//     are used, as if the deal had the age a' of the youngest of them: it
//     closes at asOf + (entry-to-win − a').
//  3. "pipeline": rules 1 and 2 on all samples of the deal's pipeline
//     pooled (every stage), when the stage has fewer than MinSamples; a
//     pool with fewer than MinSamples samples is used as it is: its
//     samples as old as the deal if there is any ("pipeline"), else all
//     of them as a tail ("pipeline tail").
//  4. "expected close": no sample at all in the pipeline: the deal closes
//     at the start of its expected close date (in from's location), or at
//     asOf if that date has passed. Without an expected close date the
//     deal cannot be timed (ErrMissingDate).
//
// # What it does not see
//
// Only deals won at or before the learning instant are samples (Deal.AsOf
// guarantees it), so no future leaks in. Among the deals that entered a
// stage recently only the quick ones are won yet, which would bias the
// model toward short cycles (right censoring); so only the stage entries
// at least Settle old (DefaultSettle, 90 days) are samples, and the bias
// is left to the cycles longer than that.
// Lost deals do not enter the won-only model: whether a deal is won is the
// probability's business, when it closes if won is this model's. It
// therefore assumes every open deal is decided some day, and times a deal
// older than every won sample by the tail rule as if it were younger.
//
// A Timing is read-only once learned and safe for concurrent use. The zero
// Timing (or a nil *Timing) has no samples: every deal uses rule 4.
type Timing struct {
	model       TimingModel
	minSamples  int
	stages      map[mcStageKey]*mcSamples // TimingWonOnly
	pipelines   map[string]*mcSamples
	svStages    map[mcStageKey]*svSamples // TimingSurvival
	svPipelines map[string]*svSamples
	won         int64
}

type mcStageKey struct{ pipeline, stage string }

// mcSamples are won-deal samples of one stage (or one pipeline pooled),
// sorted by time in stage, longest first.
type mcSamples struct {
	inStage []time.Duration // how long the deal stayed in the stage
	toWin   []time.Duration // from entering the stage to winning
}

// Len is the number of samples; Swap and Less sort longest in stage first.
func (s *mcSamples) Len() int           { return len(s.inStage) }
func (s *mcSamples) Less(i, j int) bool { return s.inStage[i] > s.inStage[j] }
func (s *mcSamples) Swap(i, j int) {
	s.inStage[i], s.inStage[j] = s.inStage[j], s.inStage[i]
	s.toWin[i], s.toWin[j] = s.toWin[j], s.toWin[i]
}

func (s *mcSamples) add(inStage, toWin time.Duration) {
	s.inStage = append(s.inStage, inStage)
	s.toWin = append(s.toWin, toWin)
}

// atLeast returns how many samples stayed in the stage a or longer (they
// are the first ones).
func (s *mcSamples) atLeast(a time.Duration) int {
	return sort.Search(len(s.inStage), func(i int) bool { return s.inStage[i] < a })
}

// LearnTiming learns a Timing from the deals in history as they stood at
// asOf: each deal is seen through Deal.AsOf(asOf), so only deals closed at
// or before asOf count as won or lost, a deal closed later counts as open,
// and only the stage changes dated at or before asOf are read. Deals not
// yet created are ignored; so are, in the won-only model, open and lost
// deals. Stage-history entries at or after the close (the won or lost
// stage itself) are not samples. LearnTiming panics if opt.MinSamples is
// negative or opt.Model is unknown.
func LearnTiming(history []sp.Deal, asOf time.Time, opt TimingOptions) *Timing {
	if opt.MinSamples < 0 {
		panic(fmt.Sprintf("forecast: negative MinSamples %d", opt.MinSamples))
	}
	if opt.Model != TimingSurvival && opt.Model != TimingWonOnly {
		panic(fmt.Sprintf("forecast: unknown TimingModel %d", opt.Model))
	}
	t := &Timing{model: opt.Model, minSamples: opt.MinSamples}
	if t.minSamples == 0 {
		t.minSamples = DefaultMinSamples
	}
	if opt.Model == TimingSurvival {
		t.learnSurvival(history, asOf, opt.Since)
		return t
	}
	t.stages, t.pipelines = map[mcStageKey]*mcSamples{}, map[string]*mcSamples{}
	settle := opt.Settle
	if settle == 0 {
		settle = DefaultSettle
	}
	cut := asOf.Add(-max(settle, 0)) // entries after cut are too recent
	for i := range history {
		d, ok := history[i].AsOf(asOf)
		if !ok || d.Status != sp.Won || d.Closed.IsZero() || d.Closed.Before(opt.Since) {
			continue
		}
		t.won++
		pool := t.pipelines[d.Pipeline]
		if pool == nil {
			pool = &mcSamples{}
			t.pipelines[d.Pipeline] = pool
		}
		if len(d.StageHistory) == 0 {
			if !d.Created.IsZero() && !d.Closed.Before(d.Created) && !d.Created.After(cut) {
				c := d.Closed.Sub(d.Created)
				pool.add(c, c)
			}
			continue
		}
		for k, ch := range d.StageHistory {
			if !ch.At.Before(d.Closed) || ch.At.After(cut) {
				break
			}
			exit := d.Closed
			if k+1 < len(d.StageHistory) && d.StageHistory[k+1].At.Before(exit) {
				exit = d.StageHistory[k+1].At
			}
			key := mcStageKey{d.Pipeline, ch.Stage}
			s := t.stages[key]
			if s == nil {
				s = &mcSamples{}
				t.stages[key] = s
			}
			in, win := exit.Sub(ch.At), d.Closed.Sub(ch.At)
			s.add(in, win)
			pool.add(in, win)
		}
	}
	for _, s := range t.stages {
		sort.Stable(s)
	}
	for _, s := range t.pipelines {
		sort.Stable(s)
	}
	return t
}

// Won returns the number of won deals the model learned from.
func (t *Timing) Won() int64 {
	if t == nil {
		return 0
	}
	return t.won
}

// The timing bases: which rule of Timing timed a deal (Simulation.Timing
// counts deals by them).
const (
	BasisStage         = "stage"          // the stage's won deals at the deal's age
	BasisStageTail     = "stage tail"     // the stage's longest-staying won deals
	BasisPipeline      = "pipeline"       // the pipeline's won deals, all stages pooled
	BasisPipelineTail  = "pipeline tail"  // the pooled longest-staying won deals
	BasisExpectedClose = "expected close" // no history: the expected close date
)

// CloseProbability returns, for the open deal d seen as of asOf (pass
// Deal.AsOf's view), the factor q by which its win probability is
// multiplied to get its chance of being won in [from, to). In the
// survival model, q = min(1, π / w): its chance of being won in the
// window given that it is still open at its age, per unit of its stage's
// win rate (see Timing). In the won-only model, q is the chance that it
// closes in the window if it is won: the share of its candidate samples
// whose close instant falls in the window. Either is 0 or 1 under the
// expected-close rule. It also returns the basis (BasisStage…) that timed
// the deal.
//
// The error, wrapping salesperf.ErrMissingDate, says the deal cannot be
// timed: its stage entry is unknown (no stage history and no created
// date), or it has no sample and no expected close date; wrapping
// salesperf.ErrUnknownStage, its stage is empty (a stage history that
// starts after asOf).
func (t *Timing) CloseProbability(d *sp.Deal, asOf, from, to time.Time) (float64, string, error) {
	if d.Stage == "" {
		return 0, "", fmt.Errorf("%w: no stage as of %s", sp.ErrUnknownStage, asOf.Format(time.RFC3339))
	}
	entry := d.Created
	if n := len(d.StageHistory); n > 0 {
		entry = d.StageHistory[n-1].At
	}
	if t != nil && t.model == TimingSurvival {
		if pool := t.svPipelines[d.Pipeline]; pool != nil && pool.won > 0 {
			if entry.IsZero() {
				return 0, "", fmt.Errorf("%w: no stage history and no created date: age in stage unknown", sp.ErrMissingDate)
			}
			q, basis := t.survivalClose(d, pool, entry, asOf, from, to)
			return q, basis, nil
		}
	}
	var stage, pool *mcSamples
	if t != nil {
		stage, pool = t.stages[mcStageKey{d.Pipeline, d.Stage}], t.pipelines[d.Pipeline]
	}
	if pool == nil || pool.Len() == 0 {
		if d.ExpectedClose.IsZero() {
			return 0, "", fmt.Errorf("%w: no won deal to learn timing from and no expected close date", sp.ErrMissingDate)
		}
		at := d.ExpectedClose.In(from.Location())
		if at.Before(asOf) {
			at = asOf
		}
		if !at.Before(from) && at.Before(to) {
			return 1, BasisExpectedClose, nil
		}
		return 0, BasisExpectedClose, nil
	}
	if entry.IsZero() {
		return 0, "", fmt.Errorf("%w: no stage history and no created date: age in stage unknown", sp.ErrMissingDate)
	}
	age := max(asOf.Sub(entry), 0)
	minN := t.minSamples
	var s *mcSamples
	var basis string
	var k int
	var base time.Time // the close of sample j is base + toWin[j]
	switch {
	case stage != nil && stage.atLeast(age) >= minN:
		s, basis, k, base = stage, BasisStage, stage.atLeast(age), entry
	case stage != nil && stage.Len() >= minN:
		s, basis, k = stage, BasisStageTail, minN
		base = asOf.Add(-s.inStage[k-1])
	case pool.atLeast(age) >= minN || (pool.Len() < minN && pool.atLeast(age) > 0):
		s, basis, k, base = pool, BasisPipeline, pool.atLeast(age), entry
	default:
		s, basis, k = pool, BasisPipelineTail, min(minN, pool.Len())
		base = asOf.Add(-s.inStage[k-1])
	}
	lo, hi := from.Sub(base), to.Sub(base)
	in := 0
	for _, w := range s.toWin[:k] {
		if w >= lo && w < hi {
			in++
		}
	}
	return float64(in) / float64(k), basis, nil
}
