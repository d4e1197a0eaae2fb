package forecast

import (
	"sort"
	"time"

	sp "github.com/salesperf/salesperf"
)

// The outcome of a survival sample.
const (
	svOpen uint8 = iota // still open at the learning instant: censored
	svWon
	svLost
)

// svSamples are the samples of the survival timing (TimingSurvival) of
// one stage, or of one pipeline pooled: one per deal (won, lost or still
// open at the learning instant) and open stage it entered. Sorted by time
// in stage, longest first; byEvent orders them by event time.
type svSamples struct {
	inStage []time.Duration // time in the stage: to the next stage change, the close, or the learning instant
	event   []time.Duration // from entering the stage to the close (won, lost) or to the learning instant (open)
	kind    []uint8         // svWon, svLost, svOpen
	byEvent []int32         // indexes, by event ascending
	won     int             // won samples
	lost    int             // lost samples
}

// Len is the number of samples; Swap and Less sort longest in stage first.
func (s *svSamples) Len() int           { return len(s.inStage) }
func (s *svSamples) Less(i, j int) bool { return s.inStage[i] > s.inStage[j] }
func (s *svSamples) Swap(i, j int) {
	s.inStage[i], s.inStage[j] = s.inStage[j], s.inStage[i]
	s.event[i], s.event[j] = s.event[j], s.event[i]
	s.kind[i], s.kind[j] = s.kind[j], s.kind[i]
}

func (s *svSamples) add(inStage, event time.Duration, kind uint8) {
	s.inStage = append(s.inStage, inStage)
	s.event = append(s.event, event)
	s.kind = append(s.kind, kind)
	switch kind {
	case svWon:
		s.won++
	case svLost:
		s.lost++
	}
}

// finish sorts the samples (call once, after the last add).
func (s *svSamples) finish() {
	sort.Stable(s)
	s.byEvent = make([]int32, len(s.event))
	for i := range s.byEvent {
		s.byEvent[i] = int32(i)
	}
	sort.SliceStable(s.byEvent, func(i, j int) bool { return s.event[s.byEvent[i]] < s.event[s.byEvent[j]] })
}

// atLeast returns how many samples were still in the stage at age a (they
// are the first ones).
func (s *svSamples) atLeast(a time.Duration) int {
	return sort.Search(len(s.inStage), func(i int) bool { return s.inStage[i] < a })
}

// winRate is w = won / (won + lost): the share won of the decided
// samples, every age; 0 without a decided sample.
func (s *svSamples) winRate() float64 {
	if s.won+s.lost == 0 {
		return 0
	}
	return float64(s.won) / float64(s.won+s.lost)
}

// winIn returns the Aalen–Johansen estimate of the chance that a deal
// still in the stage at age a is won at an age in [t0, t1): among the
// candidates (samples with inStage ≥ a; k of them), with n_j at risk
// (event ≥ t_j), d_j won, l_j lost at the distinct event ages t_j,
//
//	π = Σ_{t_j ∈ [t0, t1)} S(t_j−) × d_j / n_j,   S(t−) = Π_{t_i < t} (1 − (d_i + l_i) / n_i)
//
// Open samples are censored at their event age: they count at risk up to
// it and no later. Every candidate's event is at age ≥ a, so S(a−) = 1:
// the estimate is conditional on being open at age a. No candidate, or no
// won candidate at or after t0: 0.
func (s *svSamples) winIn(a, t0, t1 time.Duration) float64 {
	k := s.atLeast(a)
	if k == 0 {
		return 0
	}
	ev := s.byEvent
	j := sort.Search(len(ev), func(i int) bool { return s.event[ev[i]] >= a })
	n, surv, pi := k, 1.0, 0.0
	for j < len(ev) && n > 0 {
		t := s.event[ev[j]]
		if t >= t1 {
			break
		}
		var won, lost, cens int
		for ; j < len(ev) && s.event[ev[j]] == t; j++ {
			i := ev[j]
			if s.inStage[i] < a {
				continue // not in the stage at age a: not a candidate
			}
			switch s.kind[i] {
			case svWon:
				won++
			case svLost:
				lost++
			default:
				cens++
			}
		}
		if t >= t0 && won > 0 {
			pi += surv * float64(won) / float64(n)
		}
		surv *= 1 - float64(won+lost)/float64(n)
		n -= won + lost + cens
	}
	return min(max(pi, 0), 1)
}

// learnSurvival fills t's survival samples from the deals of history as
// they stood at asOf (see TimingSurvival).
func (t *Timing) learnSurvival(history []sp.Deal, asOf time.Time, since time.Time) {
	t.svStages = map[mcStageKey]*svSamples{}
	t.svPipelines = map[string]*svSamples{}
	for i := range history {
		d, ok := history[i].AsOf(asOf)
		if !ok {
			continue
		}
		var kind uint8
		end := asOf // the event: the close, or the learning instant (censored)
		switch d.Status {
		case sp.Open:
			kind = svOpen
		case sp.Won, sp.Lost:
			if d.Closed.IsZero() || d.Closed.Before(since) {
				continue
			}
			kind, end = svWon, d.Closed
			if d.Status == sp.Lost {
				kind = svLost
			}
		default:
			continue
		}
		if kind == svWon {
			t.won++
		}
		pool := t.svPipelines[d.Pipeline]
		if pool == nil {
			pool = &svSamples{}
			t.svPipelines[d.Pipeline] = pool
		}
		if len(d.StageHistory) == 0 {
			if !d.Created.IsZero() && !end.Before(d.Created) {
				c := end.Sub(d.Created)
				pool.add(c, c, kind)
			}
			continue
		}
		for k, ch := range d.StageHistory {
			if kind != svOpen && !ch.At.Before(end) {
				break // the won or lost stage itself
			}
			exit := end
			if k+1 < len(d.StageHistory) && d.StageHistory[k+1].At.Before(exit) {
				exit = d.StageHistory[k+1].At
			}
			key := mcStageKey{d.Pipeline, ch.Stage}
			s := t.svStages[key]
			if s == nil {
				s = &svSamples{}
				t.svStages[key] = s
			}
			in, ev := exit.Sub(ch.At), end.Sub(ch.At)
			s.add(in, ev, kind)
			pool.add(in, ev, kind)
		}
	}
	for _, s := range t.svStages {
		s.finish()
	}
	for _, s := range t.svPipelines {
		s.finish()
	}
}

// survivalClose is CloseProbability under TimingSurvival, for a deal that
// entered its stage at entry, when its pipeline's pool has a won sample.
func (t *Timing) survivalClose(d *sp.Deal, pool *svSamples, entry, asOf, from, to time.Time) (float64, string) {
	s, basis := pool, BasisPipeline
	if stage := t.svStages[mcStageKey{d.Pipeline, d.Stage}]; stage != nil && stage.won >= t.minSamples {
		s, basis = stage, BasisStage
	}
	age := max(asOf.Sub(entry), 0)
	pi := s.winIn(age, from.Sub(entry), to.Sub(entry))
	return min(pi/s.winRate(), 1), basis
}
