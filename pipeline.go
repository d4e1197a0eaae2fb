package salesperf

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// StageKind says whether a stage is still in play or ends the deal.
// The zero StageKind is invalid, so a stage whose kind was never set is
// caught by validation.
type StageKind int8

// The stage kinds.
const (
	OpenStage StageKind = iota + 1 // the deal is still being worked
	WonStage                       // the deal is won (closed won)
	LostStage                      // the deal is lost (closed lost)
)

// String returns "open", "won", "lost", or "StageKind(N)" for an invalid kind.
func (k StageKind) String() string {
	switch k {
	case OpenStage:
		return "open"
	case WonStage:
		return "won"
	case LostStage:
		return "lost"
	}
	return "StageKind(" + strconv.Itoa(int(k)) + ")"
}

// Stage is one step of a sales pipeline ("Qualification", "Demo",
// "Proposal", "Closed Won"). Probability is the default chance, in [0, 1],
// that a deal in this stage is won; the forecast package uses it for the
// fixed-stage weighted pipeline (amount × probability). Won stages usually
// carry 1 and lost stages 0.
type Stage struct {
	Name        string
	Kind        StageKind
	Probability decimal.Decimal
}

// Pipeline is an ordered list of stages a deal moves through. The order
// is the funnel's order: a deal that entered stage k is counted as having
// reached every open stage before k. An organisation may run several
// pipelines (new business, renewals, partners), told apart by Name.
//
// The zero Pipeline has no stages: every stage name is unknown to it.
type Pipeline struct {
	Name   string
	Stages []Stage
}

// Index returns the position of the stage named name in p.Stages, or -1
// if p has no such stage. Names are matched exactly (case-sensitive).
func (p *Pipeline) Index(name string) int {
	for i := range p.Stages {
		if p.Stages[i].Name == name {
			return i
		}
	}
	return -1
}

// Stage returns the stage named name and whether p has it.
func (p *Pipeline) Stage(name string) (Stage, bool) {
	if i := p.Index(name); i >= 0 {
		return p.Stages[i], true
	}
	return Stage{}, false
}

// Pipelines is the set of pipelines an organisation runs. A deal names
// its pipeline in Deal.Pipeline; the empty name means the first pipeline
// of the list, the default.
type Pipelines []Pipeline

// Lookup returns the pipeline called name ("" means the first one) and
// whether it exists. The returned pointer points into ps.
func (ps Pipelines) Lookup(name string) (*Pipeline, bool) {
	if len(ps) == 0 {
		return nil, false
	}
	if name == "" {
		return &ps[0], true
	}
	for i := range ps {
		if ps[i].Name == name {
			return &ps[i], true
		}
	}
	return nil, false
}
