package metrics

import (
	"math"
	"math/bits"
	"time"

	sp "github.com/salesperf/salesperf"
)

// FunnelConfig sets up a [Funnel]. The zero FunnelConfig counts the
// funnel and times the finished stays in calendar days in UTC, leaving
// the stays still running untimed (and counted).
type FunnelConfig struct {
	// AsOf is the report's "now": an open deal's stay in its current
	// stage runs until AsOf. Zero means no such instant: those stays are
	// not timed, and are counted in FunnelStep.Untimed. The funnel counts
	// (reached, conversion, drop-off) do not depend on AsOf; to see the
	// funnel as it stood at a past instant, fold salesperf.Deal.AsOf views.
	AsOf time.Time
	// Location is where stays are counted in calendar days; nil means UTC.
	Location *time.Location
	// Default says that the pipeline is the organisation's default (the
	// first of its salesperf.Pipelines), so that deals with an empty
	// Pipeline belong to it. Otherwise they are counted as of another
	// pipeline.
	Default bool
}

// FunnelState is the partial state of a [Funnel]: exact counts and
// distributions only. Its zero value is the empty state.
type FunnelState struct {
	Deals         int64             `json:"deals"`          // deals of the pipeline folded
	OtherPipeline int64             `json:"other_pipeline"` // deals of other pipelines, skipped
	UnknownStage  int64             `json:"unknown_stage"`  // deals of the pipeline with a stage it does not know
	Steps         []FunnelStepState `json:"steps"`          // one per step; nil until the first deal
}

// FunnelStepState is the partial state of one step of a [Funnel].
type FunnelStepState struct {
	Stopped int64     `json:"stopped"` // deals whose furthest step is this one
	Days    Histogram `json:"days"`    // days each deal spent in the stage, in total
	Untimed int64     `json:"untimed"` // deals in the stage whose time is unknown
}

// FunnelResult is a pipeline's stage funnel: how many deals reached each
// step, the conversion and drop-off between consecutive steps, and the
// time deals spent in each stage.
//
// Deals = the deals of the pipeline folded; NotReached of them reached no
// step (they entered only lost stages or stages the pipeline does not
// know), so Steps[0].Reached + NotReached = Deals. OtherPipeline deals
// belonged to another pipeline and were skipped; UnknownStage deals of
// the pipeline had at least one stage name the pipeline does not know,
// whose entries were ignored.
type FunnelResult struct {
	Pipeline      string       `json:"pipeline"`
	Deals         int64        `json:"deals"`
	NotReached    int64        `json:"not_reached"`
	OtherPipeline int64        `json:"other_pipeline"`
	UnknownStage  int64        `json:"unknown_stage"`
	Steps         []FunnelStep `json:"steps"`
}

// FunnelStep is one step of a [FunnelResult]: an open stage of the
// pipeline, or the won step, always last, named after the pipeline's
// first won stage ("won" when it has none).
//
// Reached is the number of deals that reached the step. Conversion is the
// share of them that reached the next step, reached(k+1) / reached(k),
// and DropOff the number that did not, reached(k) − reached(k+1), which
// is also the number whose furthest step is this one; DropOffRate is
// DropOff / reached(k) = 1 − Conversion, over the same denominator. The
// won step has no next step: its Conversion and DropOffRate are the zero
// Rate (no value) and its DropOff 0.
//
// Days summarises the calendar days each deal spent in the stage, all its
// stays added up, over the deals that entered it (a deal that skipped the
// stage reached it but spent no time in it, and is not counted); Untimed
// counts the deals that entered the stage but whose time in it is not
// known (see [Funnel]). The won step is not timed.
type FunnelStep struct {
	Stage       string       `json:"stage"`
	Kind        sp.StageKind `json:"kind"` // salesperf.OpenStage, or salesperf.WonStage for the won step
	Reached     int64        `json:"reached"`
	Conversion  Rate         `json:"conversion"`
	DropOff     int64        `json:"drop_off"`
	DropOffRate Rate         `json:"drop_off_rate"`
	Days        Summary      `json:"days"`
	Untimed     int64        `json:"untimed"`
}

// Leakiest returns the index k of the step whose transition to the next
// step, k → k+1, has the lowest conversion, among the transitions with
// deals to convert (reached(k) > 0); ties go to the earliest. It returns
// false when no transition has any deal. Conversions are compared
// exactly, as fractions.
func (f FunnelResult) Leakiest() (int, bool) {
	best := -1
	for k := 0; k+1 < len(f.Steps); k++ {
		c := f.Steps[k].Conversion
		if c.Den == 0 {
			continue
		}
		if best < 0 || funnelRateLess(c, f.Steps[best].Conversion) {
			best = k
		}
	}
	return best, best >= 0
}

// Overall returns the share of the deals that reached the first step and
// went on to be won: reached(won) / reached(first step). It has no value
// when no deal reached the first step.
func (f FunnelResult) Overall() Rate {
	if len(f.Steps) == 0 {
		return Rate{}
	}
	return Rate{Num: f.Steps[len(f.Steps)-1].Reached, Den: f.Steps[0].Reached}
}

// funnelRateLess reports whether a < b exactly, for rates with
// non-negative parts and non-zero denominators: a.Num·b.Den < b.Num·a.Den
// in 128 bits.
func funnelRateLess(a, b Rate) bool {
	ah, al := bits.Mul64(uint64(a.Num), uint64(b.Den))
	bh, bl := bits.Mul64(uint64(b.Num), uint64(a.Den))
	return ah < bh || (ah == bh && al < bl)
}

// Funnel is the stage funnel of pipeline p: for each open stage of p, in
// p's order, then for the won step, the deals that reached it, the
// conversion to the next step, the drop-off, and the days deals spent in
// each stage. The usual cohort is the created date (the deals created in
// the period, followed through the funnel). A Funnel is for the one
// pipeline p: for several, run one Funnel per pipeline (each counts the
// deals of the others and skips them).
//
// A deal's stage entries are its StageHistory; a deal with an empty
// history is taken to have entered only its current Stage, at Created.
// Its furthest step is the highest step among the stages it entered
// (open stages by their order in p; a won stage of p, or the status Won,
// is the won step, beyond every open stage; lost stages, and stages of an
// invalid kind, are no step), and it reached every step up to its
// furthest one:
//
//	reached(k)    = deals whose furthest step ≥ k
//	conversion(k) = reached(k+1) / reached(k)
//	drop-off(k)   = reached(k) − reached(k+1), and / reached(k)
//
// So a deal that skipped a stage reached it, a deal that moved back does
// not un-reach the stages it left, and a lost deal reached the stages up
// to the furthest open stage it entered. This is the industry definition
// (Salesforce, HubSpot): a conversion is at most 1. The seed article
// prints the inverse, stage 1 / stage 2, which is at least 1 in any
// funnel; we do not. [FunnelResult.Leakiest] names the step that loses
// the largest share of its deals.
//
// Time in a stage is in calendar days in c.Location, like [CycleDays]:
// a stay runs from the entry into the stage to the next entry, or, for
// the last entry, to Closed for a closed deal and to c.AsOf for an open
// one; a deal's stays in one stage are added up, so a closed deal's days
// over all stages add up to its sales cycle when its history starts at
// Created, ends at Closed and names only stages of p. Only open stages
// are timed. A deal's time in a stage is
// untimed (counted, not measured) when a stay's end is unknown (an open
// deal and a zero AsOf, a closed deal without Closed) or before its start
// (AsOf before the deal's last entry, a history out of order), or its
// start is the zero time (an open deal exported without Created).
//
// A deal belongs to p when its Pipeline is p.Name, or is empty and
// c.Default is set; other deals are counted in OtherPipeline and skipped.
// Stage names p does not know are ignored, and the deals that have one
// are counted in UnknownStage. Funnel reads p once: later changes to p do
// not change the aggregator. Adding a deal does not allocate (once the
// state holds its steps). The state is a [FunnelState]; the result a
// [FunnelResult], whose steps have no value over no deals. Funnel panics
// if p is nil.
//
// Column form: reads pipeline, stage, status, created, closed and the
// stage history (the table's compressed StageStart, StageAt and StageTo):
// the stage ids of the table are mapped to p's steps once per batch, the
// pipeline ids once per batch, and a row's entries are compared by id,
// never by name; days are counted from the Unix nanoseconds (in UTC by
// division, elsewhere through the location).
func Funnel(p *sp.Pipeline, c FunnelConfig) Aggregator[*sp.Deal, FunnelState, FunnelResult] {
	if p == nil {
		panic("metrics: Funnel: nil pipeline")
	}
	f := newFunnel(p, c)
	a := Aggregator[*sp.Deal, FunnelState, FunnelResult]{
		Add:    f.add,
		Merge:  funnelMerge,
		Result: f.result,
	}
	a.setDealCols(sp.DealFieldPipeline|sp.DealFieldStage|sp.DealFieldStatus|sp.DealFieldCreated|sp.DealFieldClosed|
		sp.DealFieldStageHistory, f.rows)
	return a
}

// funnel is a Funnel's view of its pipeline, computed once.
type funnel struct {
	name  string
	cfg   FunnelConfig
	names []string       // step names: the open stages in order, then the won step
	steps map[string]int // stage name → step (open stages 0…open−1, won stages open), lost stages funnelLost
	open  int            // number of open stages; the won step's index
	loc   *time.Location // nil for UTC
	utc   bool
}

// funnelLost marks a lost stage in funnel.steps: known, but no step.
const funnelLost = -1

func newFunnel(p *sp.Pipeline, c FunnelConfig) *funnel {
	f := &funnel{name: p.Name, cfg: c, steps: make(map[string]int, len(p.Stages)), loc: c.Location}
	f.utc = f.loc == nil || f.loc == time.UTC
	// The first stage of a name wins, as in Pipeline.Index.
	var stages []sp.Stage
	seen := make(map[string]bool, len(p.Stages))
	for _, st := range p.Stages {
		if !seen[st.Name] {
			seen[st.Name] = true
			stages = append(stages, st)
		}
	}
	for _, st := range stages {
		if st.Kind == sp.OpenStage {
			f.steps[st.Name] = f.open
			f.names = append(f.names, st.Name)
			f.open++
		}
	}
	won := ""
	for _, st := range stages {
		switch st.Kind {
		case sp.OpenStage:
		case sp.WonStage:
			f.steps[st.Name] = f.open
			if won == "" {
				won = st.Name
			}
		default:
			f.steps[st.Name] = funnelLost
		}
	}
	if won == "" {
		won = "won"
	}
	f.names = append(f.names, won)
	return f
}

func (f *funnel) add(s *FunnelState, d *sp.Deal) {
	if d.Pipeline != f.name && (d.Pipeline != "" || !f.cfg.Default) {
		s.OtherPipeline++
		return
	}
	if len(s.Steps) < len(f.names) {
		s.Steps = funnelGrow(s.Steps, len(f.names))
	}
	s.Deals++
	h := d.StageHistory
	var only [1]sp.StageChange
	if len(h) == 0 {
		only[0] = sp.StageChange{At: d.Created, Stage: d.Stage}
		h = only[:]
	}
	furthest, unknown := -1, false
	for i := range h {
		k, ok := f.steps[h[i].Stage]
		if !ok {
			unknown = true
			continue
		}
		furthest = max(furthest, k)
		if k >= 0 && k < f.open && !funnelEnteredBefore(h, i) {
			f.time(&s.Steps[k], d, h, i)
		}
	}
	if d.Status == sp.Won {
		furthest = f.open
	}
	if unknown {
		s.UnknownStage++
	}
	if furthest >= 0 {
		s.Steps[furthest].Stopped++
	}
}

// funnelEnteredBefore reports whether the stage of entry i was entered
// before, so that its stays are already timed.
func funnelEnteredBefore(h []sp.StageChange, i int) bool {
	for j := range i {
		if h[j].Stage == h[i].Stage {
			return true
		}
	}
	return false
}

// time adds to st the days the deal spent in the stage of entry i, over
// all its stays from entry i on, or counts it untimed.
func (f *funnel) time(st *FunnelStepState, d *sp.Deal, h []sp.StageChange, i int) {
	var days int64
	for j := i; j < len(h); j++ {
		if h[j].Stage != h[i].Stage {
			continue
		}
		start, end := h[j].At, f.end(d)
		if j+1 < len(h) {
			end = h[j+1].At
		}
		if start.IsZero() || end.IsZero() || end.Before(start) {
			st.Untimed++
			return
		}
		days += f.days(start, end)
	}
	st.Days.Add(days)
}

// end is when the deal's last stay ends: Closed for a closed deal, AsOf
// for an open one; zero when unknown.
func (f *funnel) end(d *sp.Deal) time.Time {
	if d.IsClosed() {
		return d.Closed
	}
	return f.cfg.AsOf
}

// days is the calendar days from a's date to b's, in the funnel's location.
func (f *funnel) days(a, b time.Time) int64 {
	if f.utc {
		return floorDiv(b.Unix(), 86400) - floorDiv(a.Unix(), 86400)
	}
	return int64(sp.DateOf(a.In(f.loc)).DaysUntil(sp.DateOf(b.In(f.loc))))
}

// funnelGrow returns steps extended to n zero steps.
func funnelGrow(steps []FunnelStepState, n int) []FunnelStepState {
	return append(steps, make([]FunnelStepState, n-len(steps))...)
}

func funnelMerge(dst, src *FunnelState) {
	dst.Deals += src.Deals
	dst.OtherPipeline += src.OtherPipeline
	dst.UnknownStage += src.UnknownStage
	if len(dst.Steps) < len(src.Steps) {
		dst.Steps = funnelGrow(dst.Steps, len(src.Steps))
	}
	for k := range src.Steps {
		dst.Steps[k].Stopped += src.Steps[k].Stopped
		dst.Steps[k].Days.Merge(&src.Steps[k].Days)
		dst.Steps[k].Untimed += src.Steps[k].Untimed
	}
}

func (f *funnel) result(s *FunnelState) FunnelResult {
	r := FunnelResult{
		Pipeline: f.name, Deals: s.Deals, OtherPipeline: s.OtherPipeline, UnknownStage: s.UnknownStage,
		Steps: make([]FunnelStep, len(f.names)),
	}
	// reached(k) = deals whose furthest step ≥ k: a suffix sum of Stopped.
	var reached int64
	for k := len(f.names) - 1; k >= 0; k-- {
		st := &r.Steps[k]
		st.Stage = f.names[k]
		st.Kind = sp.OpenStage
		if k == f.open {
			st.Kind = sp.WonStage
		}
		if k < len(s.Steps) {
			reached += s.Steps[k].Stopped
			st.Days = s.Steps[k].Days.Summary()
			st.Untimed = s.Steps[k].Untimed
		}
		st.Reached = reached
		if k+1 < len(r.Steps) {
			next := r.Steps[k+1].Reached
			st.Conversion = Rate{Num: next, Den: reached}
			st.DropOff = reached - next
			st.DropOffRate = Rate{Num: reached - next, Den: reached}
		}
	}
	r.NotReached = s.Deals - reached
	return r
}

// The step codes of a batch's stage ids (funnel.rows): 0 for a stage p
// does not know, 1 for a lost stage, 2+k for step k; stepUnseen until the
// id is first met.
const (
	stepUnknown uint32 = 0
	stepUnseen  uint32 = ^uint32(0)
)

// maxFastSteps is the number of open stages up to which the column form
// times a deal's stays in one pass, with a bit set of the stages entered.
const maxFastSteps = 64

// funnelEnd is when a stay ends, for the column form: known is false when
// it is not known (an open deal and a zero AsOf, a closed deal without
// Closed, an entry without an instant); ns is the instant in Unix
// nanoseconds (AsOf clamped to the instants a table holds, which keeps
// its order against them) and day its day number in the funnel's
// location.
type funnelEnd struct {
	known bool
	ns    int64
	day   int64
}

// rows is the Funnel's column form: f.add over the rows of the batch,
// reading the columns. The stage ids of the table are mapped to steps
// lazily, once per id per batch, in a scratch buffer.
func (f *funnel) rows(c cols[FunnelState], b DealBatch) {
	if len(b.Keys) == 0 {
		return
	}
	t, lo, span, sel := b.T, b.Lo, b.span(), b.Sel
	pipe, stage, status := t.Pipeline[lo:lo+span], t.Stage[lo:lo+span], t.Status[lo:lo+span]
	created, closed := t.Created[lo:lo+span], t.Closed[lo:lo+span]
	start := t.StageStart[lo : lo+span+1]
	at, to := t.StageAt, t.StageTo
	// The pipeline ids that are p: its name, and "" when p is the default.
	mine, okMine := t.Pipelines.Lookup(f.name)
	empty, okEmpty := t.Pipelines.Lookup("")
	okEmpty = okEmpty && f.cfg.Default
	steps := b.Scratch.Get(t.Stages.Len())
	for id := range steps {
		steps[id] = stepUnseen
	}
	days := localDays{loc: f.loc, utc: f.utc}
	asOf := f.asOfEnd()
	nSteps, open := len(f.names), f.open
	var acc [maxFastSteps]int64 // days per step of the current deal; zeroed as consumed
	for j, k := range b.Keys {
		if k == Skip {
			continue
		}
		i := j
		if sel != nil {
			i = int(sel[j])
		}
		s := c.at(k)
		if p := pipe[i]; !(okMine && p == mine) && !(okEmpty && p == empty) {
			s.OtherPipeline++
			continue
		}
		if len(s.Steps) < nSteps {
			s.Steps = funnelGrow(s.Steps, nSteps)
		}
		s.Deals++
		ats, tos := at[start[i]:start[i+1]], to[start[i]:start[i+1]]
		var oneAt [1]int64
		var oneTo [1]uint32
		if len(tos) == 0 { // only the current stage, entered at Created
			oneAt[0], oneTo[0] = created[i], stage[i]
			ats, tos = oneAt[:], oneTo[:]
		}
		ats = ats[:len(tos)]
		last := asOf
		if st := status[i]; st == sp.Won || st == sp.Lost {
			last = days.end(closed[i])
		}
		furthest, unknown := -1, false
		var entered, untimed uint64 // open steps entered, and those with a stay not timed
		var next funnelEnd          // the end of the stay of entry e: the entry e+1's instant
		for e, id := range tos {
			code := steps[id]
			if code == stepUnseen {
				code = stepUnknown
				if step, ok := f.steps[t.Stages.Name(id)]; ok {
					code = uint32(step + 2)
				}
				steps[id] = code
			}
			if code == stepUnknown {
				unknown = true
				continue
			}
			step := int(code) - 2
			furthest = max(furthest, step)
			if step < 0 || step >= open {
				continue
			}
			if open > maxFastSteps {
				if !idBefore(tos, e) {
					f.timeCols(&s.Steps[step], ats, tos, e, last, &days)
				}
				continue
			}
			// Each stay of the stage adds its days; one stay not timed
			// makes the deal's time in the stage untimed (f.time).
			bit := uint64(1) << step
			entered |= bit
			if untimed&bit != 0 {
				continue
			}
			from := ats[e]
			end := last
			if e+1 < len(ats) {
				end = days.end(ats[e+1])
			}
			if from == sp.NoInstant || !end.known || end.ns < from {
				untimed |= bit
				continue
			}
			fromDay := next.day
			if !next.known || next.ns != from {
				fromDay = days.day(from)
			}
			next = end
			acc[step&(maxFastSteps-1)] += end.day - fromDay
		}
		for m := entered; m != 0; m &= m - 1 {
			step := bits.TrailingZeros64(m)
			if untimed&(1<<step) != 0 {
				s.Steps[step].Untimed++
			} else {
				s.Steps[step].Days.Add(acc[step])
			}
			acc[step] = 0
		}
		if status[i] == sp.Won {
			furthest = open
		}
		if unknown {
			s.UnknownStage++
		}
		if furthest >= 0 {
			s.Steps[furthest].Stopped++
		}
	}
	b.Scratch.Put(steps)
}

// idBefore reports whether the stage id of entry e appears before e:
// funnelEnteredBefore by id.
func idBefore(tos []uint32, e int) bool {
	for _, id := range tos[:e] {
		if id == tos[e] {
			return true
		}
	}
	return false
}

// timeCols is f.time over a row's entries (instants ats, stage ids tos),
// from entry e on, the last stay ending at last: the column form's path
// for pipelines of more than maxFastSteps open stages.
func (f *funnel) timeCols(st *FunnelStepState, ats []int64, tos []uint32, e int, last funnelEnd, days *localDays) {
	var total int64
	for j := e; j < len(tos); j++ {
		if tos[j] != tos[e] {
			continue
		}
		from, end := ats[j], last
		if j+1 < len(tos) {
			end = days.end(ats[j+1])
		}
		if from == sp.NoInstant || !end.known || end.ns < from {
			st.Untimed++
			return
		}
		total += end.day - days.day(from)
	}
	st.Days.Add(total)
}

// asOfEnd is the end at AsOf, for open deals.
func (f *funnel) asOfEnd() funnelEnd {
	a := f.cfg.AsOf
	if a.IsZero() {
		return funnelEnd{}
	}
	return funnelEnd{known: true, ns: clampNs(a), day: f.days(time.Unix(0, 0), a) + (&localDays{loc: f.loc, utc: f.utc}).day(0)}
}

// localDays gives the day number, in a location, of instants a table
// holds, as sp.DayNumber does: in UTC by division; elsewhere from the
// zone offset, which it keeps with the span of instants it holds for
// (time.Time.ZoneBounds), so that the location is consulted once per
// change of clocks met rather than once per instant. Its zero span
// (lo = hi = 0) is empty, so the first instant fills it.
type localDays struct {
	loc    *time.Location
	utc    bool
	lo, hi int64 // the offset holds for lo ≤ ns < hi
	off    int64 // the zone's offset, in nanoseconds
}

// day returns the day number of the held instant ns.
func (d *localDays) day(ns int64) int64 {
	if d.utc {
		return floorDiv(ns, 86400e9)
	}
	if ns < d.lo || ns >= d.hi {
		t := time.Unix(0, ns).In(d.loc)
		_, off := t.Zone()
		start, end := t.ZoneBounds()
		d.off, d.lo, d.hi = int64(off)*1e9, math.MinInt64, math.MaxInt64
		if !start.IsZero() && !start.Before(heldMin) {
			d.lo = start.UnixNano()
		}
		if !end.IsZero() && end.Before(heldMax) {
			d.hi = end.UnixNano()
		}
	}
	return floorDiv(ns+d.off, 86400e9)
}

// end is the end of a stay at the held instant ns (unknown for NoInstant).
func (d *localDays) end(ns int64) funnelEnd {
	if ns == sp.NoInstant {
		return funnelEnd{}
	}
	return funnelEnd{known: true, ns: ns, day: d.day(ns)}
}

// clampNs returns t as Unix nanoseconds when a table can hold it, and
// otherwise a value that compares with every held instant as t does:
// below them for t before 1678, math.MaxInt64 for t from 2262 on.
func clampNs(t time.Time) int64 {
	switch {
	case t.Before(heldMin):
		return heldMin.UnixNano() - 1
	case !t.Before(heldMax):
		return math.MaxInt64
	}
	return t.UnixNano()
}
