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

// TimingOptions configures LearnTiming. The zero value learns from all of
// the history with DefaultMinSamples.
type TimingOptions struct {
	// MinSamples is how many won-deal samples a stage needs, at the open
	// deal's age in the stage, before they are used alone; fewer, and the
	// model falls back (see Timing). 0 means DefaultMinSamples.
	MinSamples int
	// Since, when not zero, keeps only deals won at or after Since, so
	// that old habits do not weigh on the model.
	Since time.Time
	// Settle keeps only the stage entries dated at least Settle before
	// the learning instant, so that the deals entered recently, of which
	// only the quick ones are won yet, do not bias the model toward short
	// cycles (see Timing). 0 means DefaultSettle; a negative Settle keeps
	// every entry.
	Settle time.Duration
}

// Timing is a model of WHEN an open deal closes if it is won, learned from
// the deals won before an instant. It answers: given the deal's pipeline,
// its current stage and how long it has been in that stage (its age in
// the stage), what is the chance that it closes inside a window [from,
// to)?
//
// # Samples
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
// Lost deals do not enter the timing model: whether a deal is won is the
// probability's business, when it closes if won is this model's.
//
// A Timing is read-only once learned and safe for concurrent use. The zero
// Timing (or a nil *Timing) has no samples: every deal uses rule 4.
type Timing struct {
	minSamples int
	stages     map[mcStageKey]*mcSamples
	pipelines  map[string]*mcSamples
	won        int64
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
// asOf: each deal is seen through Deal.AsOf(asOf), so only deals won at or
// before asOf give samples, and only with the stage changes dated at or
// before asOf. Open and lost deals, and deals not yet created, are
// ignored. Stage-history entries at or after the close (the won stage
// itself) are not samples. LearnTiming panics if opt.MinSamples is
// negative.
func LearnTiming(history []sp.Deal, asOf time.Time, opt TimingOptions) *Timing {
	if opt.MinSamples < 0 {
		panic(fmt.Sprintf("forecast: negative MinSamples %d", opt.MinSamples))
	}
	t := &Timing{minSamples: opt.MinSamples, stages: map[mcStageKey]*mcSamples{}, pipelines: map[string]*mcSamples{}}
	if t.minSamples == 0 {
		t.minSamples = DefaultMinSamples
	}
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

// CloseProbability returns the probability that the open deal d, seen as
// of asOf (pass Deal.AsOf's view) and won, closes in [from, to): the share
// of its candidate samples (see Timing) whose close instant falls in the
// window, or 0 or 1 under the expected-close rule. It also returns the
// basis (BasisStage…) that timed the deal.
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
