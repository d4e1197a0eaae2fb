package forecast

import (
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// The values of StageProbabilities.Source: where a stage's probability
// came from.
const (
	SourceDefault  = "default"  // the pipeline's default probability of the stage (FixedStage, or no closed deal reached it)
	SourceLearned  = "learned"  // won / (won + lost) over at least MinN closed deals that reached the stage
	SourceFallback = "fallback" // fewer than MinN deals: smoothed toward the default (or, per segment, toward the whole pipeline)
)

// one is the probability 1; never modified.
var one = decimal.New(1, 0)

// pow10 are the powers of ten that fit an int64.
var pow10 = [...]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// inUnit reports whether 0 ≤ v ≤ 1, without allocating for the usual
// probabilities (decimal's Cmp rescales through new big.Ints).
func inUnit(v decimal.Decimal) bool {
	if v.Sign() < 0 {
		return false
	}
	if v.NumDigits() > 18 {
		return v.Cmp(one) <= 0
	}
	c, e := v.CoefficientInt64(), v.Exponent()
	switch {
	case e >= 0:
		return c == 0 || c == 1 && e == 0
	case -e > 18:
		return true // c < 10^18 < 10^-e
	}
	return c <= pow10[-e]
}

// Missing says why a deal has no win probability. The zero Missing,
// NotMissing, means it has one.
type Missing int8

// The reasons a deal has no win probability.
const (
	NotMissing      Missing = iota // the deal has a probability
	MissingPipeline                // the deal belongs to another pipeline
	MissingStage                   // its stage is not an open stage of the table (unknown, won or lost)
	MissingInvalid                 // the table's entry for its stage is outside [0, 1]
)

// String returns "", "other pipeline", "unknown stage", "probability
// outside [0, 1]", or "Missing(N)" for an invalid value.
func (m Missing) String() string {
	switch m {
	case NotMissing:
		return ""
	case MissingPipeline:
		return "other pipeline"
	case MissingStage:
		return "unknown stage"
	case MissingInvalid:
		return "probability outside [0, 1]"
	}
	return fmt.Sprintf("Missing(%d)", int8(m))
}

// Probabilities gives an open deal its probability of being won, a
// decimal in [0, 1], or the reason it has none. [StageProbabilities] and
// [SegmentProbabilities] are Probabilities; so may be a caller's own
// model. Lookup must not allocate, so that a weighted pipeline over a
// million deals does not.
type Probabilities interface {
	Lookup(d *sp.Deal) (decimal.Decimal, Missing)
}

// StageProbabilities is the win probability of an open deal by its
// current stage, for one pipeline: the deal's chance of being won is
// Stages[d.Stage]. Make it with [FixedStage] (the pipeline's defaults) or
// [LearnStage] (stage survival on closed deals); edit the maps freely.
//
// Stages has one entry per open stage of the pipeline; deals in won or
// lost stages (closed deals) have no probability here. Source says where
// each entry came from ([SourceDefault], [SourceLearned],
// [SourceFallback]); N and Won hold the counts a learned entry rests on
// (closed deals that reached the stage, and the won ones among them), and
// are nil for fixed probabilities.
//
// A deal belongs to the table when its Pipeline is Pipeline, or is empty
// and Default is set (the pipeline is the organisation's first, its
// default). The zero StageProbabilities has no stage: every deal lacks a
// probability.
type StageProbabilities struct {
	Pipeline string
	Default  bool
	Stages   map[string]decimal.Decimal
	Source   map[string]string
	N        map[string]int64
	Won      map[string]int64
}

// Lookup returns the deal's win probability, Stages[d.Stage], or why it
// has none: another pipeline ([MissingPipeline]), a stage that is not an
// open stage of the table ([MissingStage]), or an entry outside [0, 1]
// ([MissingInvalid]). It reads only d.Pipeline and d.Stage, so it gives a
// past view of the deal (salesperf.Deal.AsOf) the probability of the
// stage it was in then. It does not allocate.
func (p *StageProbabilities) Lookup(d *sp.Deal) (decimal.Decimal, Missing) {
	if d.Pipeline != p.Pipeline && (d.Pipeline != "" || !p.Default) {
		return decimal.Decimal{}, MissingPipeline
	}
	v, ok := p.Stages[d.Stage]
	if !ok {
		return decimal.Decimal{}, MissingStage
	}
	if !inUnit(v) {
		return decimal.Decimal{}, MissingInvalid
	}
	return v, NotMissing
}

// Of returns the deal's win probability, and false when it has none (see
// [StageProbabilities.Lookup] for why).
func (p *StageProbabilities) Of(d *sp.Deal) (decimal.Decimal, bool) {
	v, m := p.Lookup(d)
	return v, m == NotMissing
}

// Float returns the deal's win probability as a float64, for
// simulations, and false when it has none. The float is the nearest to
// the exact decimal.
func (p *StageProbabilities) Float(d *sp.Deal) (float64, bool) {
	v, ok := p.Of(d)
	f, _ := v.Float64()
	return f, ok
}

// Validate reports every entry of Stages outside [0, 1]: an errors.Join
// of *salesperf.ValidationError (record "pipeline", the pipeline's name,
// field "stages") wrapping salesperf.ErrInvalidValue, in order of
// stage name; nil when all are valid.
func (p *StageProbabilities) Validate() error {
	var errs []error
	for _, name := range sortedKeys(p.Stages) {
		v := p.Stages[name]
		if !inUnit(v) {
			errs = append(errs, &sp.ValidationError{Record: "pipeline", ID: p.Pipeline, Field: "stages",
				Err: fmt.Errorf("%w: probability %s of stage %q outside [0, 1]", sp.ErrInvalidValue, v, name)})
		}
	}
	return joinErrs(errs)
}

// FixedStage returns the pipeline's default win probabilities: for each
// open stage of p, its Stage.Probability, with Source "default". When p
// names a stage twice, the first one counts, as in Pipeline.Index. Set
// Default on the result when p is the organisation's default pipeline.
// FixedStage panics if p is nil.
func FixedStage(p *sp.Pipeline) StageProbabilities {
	if p == nil {
		panic("forecast: FixedStage: nil pipeline")
	}
	r := StageProbabilities{Pipeline: p.Name, Stages: map[string]decimal.Decimal{}, Source: map[string]string{}}
	for _, st := range firstOfName(p) {
		if st.Kind == sp.OpenStage {
			r.Stages[st.Name] = st.Probability
			r.Source[st.Name] = SourceDefault
		}
	}
	return r
}

// firstOfName returns p's stages without the later stages of a name
// already used, in order.
func firstOfName(p *sp.Pipeline) []sp.Stage {
	out := make([]sp.Stage, 0, len(p.Stages))
	seen := make(map[string]bool, len(p.Stages))
	for _, st := range p.Stages {
		if !seen[st.Name] {
			seen[st.Name] = true
			out = append(out, st)
		}
	}
	return out
}

// LearnConfig sets up [LearnStage] and [LearnBy]. The zero LearnConfig
// learns from every closed deal as it stands now, with no minimum, to 6
// decimal places.
type LearnConfig struct {
	// AsOf is the instant the probabilities are learned at: only deals
	// closed at or before AsOf count, each as it stood at AsOf
	// (salesperf.Deal.AsOf), so nothing dated later is read; deals still
	// open at AsOf, or not yet created, are ignored. Zero means every
	// closed deal, as it is now.
	AsOf time.Time
	// MinN is the number of closed deals that must have reached a stage
	// for its learned rate to stand alone. Below it the rate is smoothed
	// toward the default with the strength of MinN deals (see LearnStage).
	// Zero means no minimum.
	MinN int64
	// Default says the pipeline is the organisation's default, so deals
	// with an empty Pipeline belong to it (copied to the result).
	Default bool
	// Places is the number of decimal places the probabilities are
	// rounded to, half to even; 0 means 6.
	Places int32
}

func (c LearnConfig) places() int32 {
	if c.Places == 0 {
		return 6
	}
	return c.Places
}

func (c LearnConfig) check(fn string) {
	if c.MinN < 0 {
		panic(fmt.Sprintf("forecast: %s: MinN %d below zero", fn, c.MinN))
	}
	if c.Places < 0 {
		panic(fmt.Sprintf("forecast: %s: Places %d below zero", fn, c.Places))
	}
}

// LearnStage learns the win probability of each open stage of p from the
// deals' history, by stage survival: of the closed deals that reached
// stage k, the share that was won,
//
//	n(k)   = won + lost deals that reached k
//	P(k)   = won(k) / n(k)                            when n(k) ≥ MinN and n(k) > 0  (Source "learned")
//	P(k)   = (won(k) + MinN × default(k)) / (n(k) + MinN)  when 0 < n(k) < MinN     (Source "fallback")
//	P(k)   = default(k)                               when n(k) = 0                 (Source "default")
//
// rounded half to even to c.Places decimal places. The fallback is the
// mean of a Beta prior centred on the pipeline's default probability
// with the weight of MinN deals, updated with the stage's own deals: the
// fewer the deals, the closer to the default, and exactly the default
// with none. (Falling back to the next stage's learned value was the
// alternative; it borrows from deals that are not the stage's own and is
// undefined at the last stage, so it is not used.)
//
// Reached is as in metrics.Funnel: a deal's furthest step is the highest
// open stage of p it entered (its StageHistory, or its current stage when
// the history is empty), or the won step for a won deal; it reached every
// open stage up to its furthest, so a skipped stage counts as reached and
// moving back does not un-reach. Every won deal therefore reached every
// open stage, and won(k) is the number of won deals. A lost deal that
// entered no open stage of p reached none.
//
// Only deals closed at or before c.AsOf count, each seen as it stood at
// c.AsOf; deals open then, created later, or of another pipeline are
// ignored (see [LearnConfig]). N and Won of the result hold n(k) and
// won(k). LearnStage panics if p is nil, c.MinN or c.Places is negative.
func LearnStage(deals iter.Seq[*sp.Deal], p *sp.Pipeline, c LearnConfig) StageProbabilities {
	if p == nil {
		panic("forecast: LearnStage: nil pipeline")
	}
	c.check("LearnStage")
	l := newLearner(p, c)
	var cnt survival
	for d := range deals {
		if v, ok := l.view(d); ok {
			l.count(&cnt, &v)
		}
	}
	return l.result(&cnt, nil)
}

// SegmentProbabilities is the win probability of an open deal by its
// stage and its segment (region, product, source…): the table of the
// deal's segment, Segments[Key(d)], or Whole, the whole pipeline's, for
// a segment that had no closed deal when it was learned. Make it with
// [LearnBy].
type SegmentProbabilities struct {
	Key      func(*sp.Deal) string
	Whole    StageProbabilities
	Segments map[string]*StageProbabilities
}

// Lookup returns the deal's probability from its segment's table, or
// from Whole when its segment has none, as [StageProbabilities.Lookup]
// does. It does not allocate unless Key does.
func (s *SegmentProbabilities) Lookup(d *sp.Deal) (decimal.Decimal, Missing) {
	if t, ok := s.Segments[s.Key(d)]; ok {
		return t.Lookup(d)
	}
	return s.Whole.Lookup(d)
}

// Of returns the deal's win probability, and false when it has none.
func (s *SegmentProbabilities) Of(d *sp.Deal) (decimal.Decimal, bool) {
	v, m := s.Lookup(d)
	return v, m == NotMissing
}

// Float returns the deal's win probability as a float64, and false when
// it has none.
func (s *SegmentProbabilities) Float(d *sp.Deal) (float64, bool) {
	v, ok := s.Of(d)
	f, _ := v.Float64()
	return f, ok
}

// LearnBy learns stage probabilities per segment of key, with a fallback
// to the whole pipeline where a segment is thin. Whole is LearnStage's
// result on all the deals. For segment s and stage k, with n_s(k) and
// won_s(k) the segment's counts:
//
//	P_s(k) = won_s(k) / n_s(k)                                  when n_s(k) ≥ MinN and n_s(k) > 0  (Source "learned")
//	P_s(k) = (won_s(k) + MinN × P_whole(k)) / (n_s(k) + MinN)   otherwise                         (Source "fallback")
//
// rounded half to even to c.Places places; with no deal of the segment at
// the stage (or MinN zero and n_s(k) zero) that is P_whole(k) itself. The
// key is applied to each deal as it stood at c.AsOf. Segments holds a
// table for every key that had at least one counted closed deal.
// LearnBy panics if p or key is nil, c.MinN or c.Places is negative.
func LearnBy(deals iter.Seq[*sp.Deal], p *sp.Pipeline, key func(*sp.Deal) string, c LearnConfig) SegmentProbabilities {
	if p == nil {
		panic("forecast: LearnBy: nil pipeline")
	}
	if key == nil {
		panic("forecast: LearnBy: nil key")
	}
	c.check("LearnBy")
	l := newLearner(p, c)
	var whole survival
	segs := map[string]*survival{}
	for d := range deals {
		v, ok := l.view(d)
		if !ok {
			continue
		}
		k := key(&v)
		s := segs[k]
		if s == nil {
			s = &survival{}
			segs[k] = s
		}
		if l.count(&whole, &v) {
			l.count(s, &v)
		}
	}
	r := SegmentProbabilities{Key: key, Whole: l.result(&whole, nil), Segments: make(map[string]*StageProbabilities, len(segs))}
	for k, s := range segs {
		if s.won == 0 && sumInt(s.lostAt) == 0 {
			continue
		}
		t := l.result(s, &r.Whole)
		r.Segments[k] = &t
	}
	return r
}

// learner is LearnStage's view of its pipeline.
type learner struct {
	cfg   LearnConfig
	name  string
	steps map[string]int // open stages 0…open−1, won stages open, lost (and invalid kinds) -1
	names []string       // the open stages in order
	def   []decimal.Decimal
}

// survival counts closed deals: won, and lost by furthest open step.
type survival struct {
	won    int64
	lostAt []int64
}

func newLearner(p *sp.Pipeline, c LearnConfig) *learner {
	l := &learner{cfg: c, name: p.Name, steps: make(map[string]int, len(p.Stages))}
	stages := firstOfName(p)
	for _, st := range stages {
		if st.Kind == sp.OpenStage {
			l.steps[st.Name] = len(l.names)
			l.names = append(l.names, st.Name)
			l.def = append(l.def, st.Probability)
		}
	}
	for _, st := range stages {
		switch st.Kind {
		case sp.OpenStage:
		case sp.WonStage:
			l.steps[st.Name] = len(l.names)
		default:
			l.steps[st.Name] = -1
		}
	}
	return l
}

// view returns the deal as it stood at the configured instant, and
// whether it counts: created by then, closed by then, of the pipeline.
func (l *learner) view(d *sp.Deal) (sp.Deal, bool) {
	v := *d
	if !l.cfg.AsOf.IsZero() {
		var ok bool
		if v, ok = d.AsOf(l.cfg.AsOf); !ok {
			return sp.Deal{}, false
		}
	}
	if v.Status != sp.Won && v.Status != sp.Lost {
		return sp.Deal{}, false
	}
	if v.Pipeline != l.name && (v.Pipeline != "" || !l.cfg.Default) {
		return sp.Deal{}, false
	}
	return v, true
}

// count adds the closed deal v to s and reports whether it counted (a
// lost deal that reached no open stage does not).
func (l *learner) count(s *survival, v *sp.Deal) bool {
	if v.Status == sp.Won {
		s.won++
		return true
	}
	furthest := -1
	if len(v.StageHistory) == 0 {
		if k, ok := l.steps[v.Stage]; ok {
			furthest = k
		}
	}
	for i := range v.StageHistory {
		if k, ok := l.steps[v.StageHistory[i].Stage]; ok {
			furthest = max(furthest, k)
		}
	}
	// A lost deal whose history names a won stage reached every open stage.
	furthest = min(furthest, len(l.names)-1)
	if furthest < 0 {
		return false
	}
	if s.lostAt == nil {
		s.lostAt = make([]int64, len(l.names))
	}
	s.lostAt[furthest]++
	return true
}

// result turns counts into probabilities, falling back toward parent's
// probabilities when parent is set, toward the pipeline's defaults
// otherwise.
func (l *learner) result(s *survival, parent *StageProbabilities) StageProbabilities {
	n := len(l.names)
	r := StageProbabilities{
		Pipeline: l.name, Default: l.cfg.Default,
		Stages: make(map[string]decimal.Decimal, n), Source: make(map[string]string, n),
		N: make(map[string]int64, n), Won: make(map[string]int64, n),
	}
	places, minN := l.cfg.places(), l.cfg.MinN
	var lost int64 // lost deals that reached step k: a suffix sum
	for k := n - 1; k >= 0; k-- {
		if s.lostAt != nil {
			lost += s.lostAt[k]
		}
		name, won := l.names[k], s.won
		total := won + lost
		prior, priorSrc := l.def[k], SourceDefault
		if parent != nil {
			prior, priorSrc = parent.Stages[name], SourceFallback
		}
		var p decimal.Decimal
		src := SourceLearned
		switch {
		case total > 0 && total >= minN:
			p = sp.RoundHalfEven.Quo(decimal.NewFromInt(won), decimal.NewFromInt(total), places)
		case total+minN == 0:
			p, src = prior, priorSrc
		case total == 0 && parent == nil:
			p, src = prior, SourceDefault
		default:
			num := decimal.NewFromInt(won).Add(decimal.NewFromInt(minN).Mul(prior))
			p, src = sp.RoundHalfEven.Quo(num, decimal.NewFromInt(total+minN), places), SourceFallback
		}
		r.Stages[name], r.Source[name], r.N[name], r.Won[name] = p, src, total, won
	}
	return r
}

func sumInt(xs []int64) int64 {
	var s int64
	for _, x := range xs {
		s += x
	}
	return s
}

// sortedKeys returns m's keys in increasing order.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// joinErrs is errors.Join, nil for no error.
func joinErrs(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return errors.Join(errs...)
}
