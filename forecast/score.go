package forecast

import (
	"math"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
)

// Field is one categorical value of a record as a scoring model sees it:
// Name "source", Value "Referral". A multi-valued field (a lead's actions)
// appears once per value.
type Field struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Example is what a scoring model sees of one deal or lead as of an
// instant: its stage, its categorical fields, its numeric features and,
// when it is known, its outcome.
//
// Stage is the position of the record's stage among its pipeline's open
// stages (0 is the first), or -1 when the record has no stage (leads) or
// its stage is not known. Numbers are in the order of the names the
// builder reports (DealScoring.NumberNames). Outcome is sp.Won or sp.Lost
// for a record whose end is known, sp.Open otherwise; models learn only
// from Won and Lost examples.
type Example struct {
	ID      string    `json:"id"`
	Stage   int       `json:"stage"`
	Fields  []Field   `json:"fields,omitempty"`
	Numbers []float64 `json:"numbers,omitempty"`
	Outcome sp.Status `json:"outcome"`
}

// Reasons why a deal was left out of a set of examples: the keys of
// ScoreLeftOut.
const (
	ScoreLeftOtherPipeline  = "other pipeline"  // the deal is in another pipeline than the one scored
	ScoreLeftNoStage        = "no stage"        // no stage is known at the instant (history starts later)
	ScoreLeftUnknownStage   = "unknown stage"   // the stage is not a stage of the pipeline
	ScoreLeftStageMismatch  = "stage mismatch"  // open at the instant, but in a won or lost stage
	ScoreLeftInvalidOutcome = "invalid outcome" // a closed deal whose status is neither won nor lost
)

// ScoreLeftOut counts the records a builder left out, by reason (the ScoreLeft…
// constants). A nil or empty ScoreLeftOut means none.
type ScoreLeftOut map[string]int64

// DefaultDealFields returns the categorical deal fields scored when
// DealScoring.Fields is nil: owner, source, region, industry, product and
// the "Company size" attribute.
func DefaultDealFields() []string {
	return []string{"owner", "source", "region", "industry", "product", "Company size"}
}

// DealField returns the value of the field called name on d: "owner",
// "creator" (Deal.CreatedBy), "source", "region", "industry", "product",
// "account", "pipeline", "lost reason", or else the attribute d.Attrs[name].
// An unset field is "".
func DealField(d *sp.Deal, name string) string {
	switch name {
	case "owner":
		return d.Owner
	case "creator":
		return d.CreatedBy()
	case "source":
		return d.Source
	case "region":
		return d.Region
	case "industry":
		return d.Industry
	case "product":
		return d.Product
	case "account":
		return d.Account
	case "pipeline":
		return d.Pipeline
	case "lost reason":
		return d.LostReason
	}
	return d.Attrs[name]
}

// DealScoring turns deals into Examples for one pipeline: the deal's stage
// among the pipeline's open stages, the categorical Fields, and, when
// Activities is set, activity features.
//
// The numeric features of a deal as of t (NumberNames) are log(1 + x) of:
// the calls, emails, meetings held and demos logged on the deal at or
// before t, the deal's age in days at t, and the days since it entered its
// stage at t. Without Activities there are only the last two.
//
// The zero DealScoring scores nothing useful: set Pipeline.
type DealScoring struct {
	Pipeline   sp.Pipeline    // the pipeline scored; its open stages, in order, are the stage values
	Fields     []string       // categorical fields (see DealField); nil means DefaultDealFields
	Activities *ActivityIndex // activities by deal; nil: no activity features
}

// NumberNames returns the names of the numeric features, in the order of
// Example.Numbers.
func (s *DealScoring) NumberNames() []string {
	if s.Activities == nil {
		return []string{"log1p age days", "log1p days in stage"}
	}
	return []string{"log1p calls", "log1p emails", "log1p meetings held", "log1p demos", "log1p age days", "log1p days in stage"}
}

func (s *DealScoring) fields() []string {
	if s.Fields == nil {
		return DefaultDealFields()
	}
	return s.Fields
}

// Stages returns the names of the pipeline's open stages, in funnel order:
// Example.Stage indexes them.
func (s *DealScoring) Stages() []string {
	var out []string
	for _, st := range s.Pipeline.Stages {
		if st.Kind == sp.OpenStage {
			out = append(out, st.Name)
		}
	}
	return out
}

func (s *DealScoring) openIndex(stage string) (int, bool) {
	k := 0
	for _, st := range s.Pipeline.Stages {
		if st.Name == stage {
			return k, st.Kind == sp.OpenStage
		}
		if st.Kind == sp.OpenStage {
			k++
		}
	}
	return -1, false
}

func (s *DealScoring) inPipeline(d *sp.Deal) bool {
	return d.Pipeline == s.Pipeline.Name || (d.Pipeline == "" && s.Pipeline.Name == "")
}

func (s *DealScoring) categorical(d *sp.Deal) []Field {
	names := s.fields()
	out := make([]Field, 0, len(names))
	for _, n := range names {
		if v := DealField(d, n); v != "" {
			out = append(out, Field{Name: n, Value: v})
		}
	}
	return out
}

// AsOf returns the example of d as it stood at instant t, with its final
// outcome (Won or Lost if d is closed now, Open if not), and ok true. When
// d did not exist yet at t or was already closed at t, ok is false and
// reason empty; when d cannot be scored, ok is false and reason says why
// (a ScoreLeft… constant). Nothing dated after t is read but the outcome:
// the stage comes from Deal.AsOf, and only activities at or before t are
// counted. Fields without history (owner, source, attributes) are read as
// they are now, as Deal.AsOf does.
func (s *DealScoring) AsOf(d *sp.Deal, t time.Time) (e Example, reason string, ok bool) {
	if !s.inPipeline(d) {
		return Example{}, ScoreLeftOtherPipeline, false
	}
	v, exists := d.AsOf(t)
	if !exists || v.Status != sp.Open {
		return Example{}, "", false
	}
	if v.Stage == "" {
		return Example{}, ScoreLeftNoStage, false
	}
	k, open := s.openIndex(v.Stage)
	switch {
	case k < 0:
		return Example{}, ScoreLeftUnknownStage, false
	case !open:
		return Example{}, ScoreLeftStageMismatch, false
	}
	e = Example{ID: d.ID, Stage: k, Fields: s.categorical(&v), Outcome: scOutcome(d.Status)}
	entered := v.Created
	if n := len(v.StageHistory); n > 0 {
		entered = v.StageHistory[n-1].At
	}
	if s.Activities != nil {
		x := s.Activities
		e.Numbers = append(e.Numbers,
			scLog1p(x.Count(d.ID, sp.Call, t)), scLog1p(x.Count(d.ID, sp.Email, t)),
			scLog1p(x.Count(d.ID, sp.MeetingHeld, t)), scLog1p(x.Count(d.ID, sp.Demo, t)))
	}
	e.Numbers = append(e.Numbers, scLog1p(scDays(v.Created, t)), scLog1p(scDays(entered, t)))
	return e, "", true
}

// Snapshots returns the example of every deal open at each instant of at
// (see AsOf), instant by instant in the order given, deals in input order,
// and the deals left out: a deal of another pipeline once, the others once
// per instant and reason. A deal closed by t, or not yet created, is
// simply not open at t: it is neither an example nor left out.
func (s *DealScoring) Snapshots(deals []sp.Deal, at []time.Time) ([]Example, ScoreLeftOut) {
	var out []Example
	left := ScoreLeftOut{}
	var mine []*sp.Deal
	for i := range deals {
		if s.inPipeline(&deals[i]) {
			mine = append(mine, &deals[i])
		} else {
			left[ScoreLeftOtherPipeline]++
		}
	}
	for _, t := range at {
		for _, d := range mine {
			e, reason, ok := s.AsOf(d, t)
			switch {
			case ok:
				out = append(out, e)
			case reason != "":
				left[reason]++
			}
		}
	}
	return out, left
}

// Closed returns the examples of the closed deals of the pipeline as Odoo's
// predictive lead scoring learns from them: the deal's final fields, its
// outcome, and as its stage the last open stage it was in before it closed
// (for a lost deal, the stage it was lost at; -1 when its history names no
// open stage). Numbers hold the activity features over the deal's whole
// life. Open deals are skipped (they are not closed); deals of other
// pipelines, or closed with a status that is neither won nor lost, are
// left out and counted.
func (s *DealScoring) Closed(deals []sp.Deal) ([]Example, ScoreLeftOut) {
	var out []Example
	left := ScoreLeftOut{}
	for i := range deals {
		d := &deals[i]
		switch {
		case !s.inPipeline(d):
			left[ScoreLeftOtherPipeline]++
			continue
		case d.Status == sp.Open:
			continue
		case d.Status != sp.Won && d.Status != sp.Lost:
			left[ScoreLeftInvalidOutcome]++
			continue
		}
		e := Example{ID: d.ID, Stage: -1, Fields: s.categorical(d), Outcome: d.Status}
		entered := d.Created
		for j := len(d.StageHistory) - 1; j >= 0; j-- {
			if k, open := s.openIndex(d.StageHistory[j].Stage); open {
				e.Stage, entered = k, d.StageHistory[j].At
				break
			}
		}
		if s.Activities != nil {
			x, t := s.Activities, d.Closed
			e.Numbers = append(e.Numbers,
				scLog1p(x.Count(d.ID, sp.Call, t)), scLog1p(x.Count(d.ID, sp.Email, t)),
				scLog1p(x.Count(d.ID, sp.MeetingHeld, t)), scLog1p(x.Count(d.ID, sp.Demo, t)))
		}
		e.Numbers = append(e.Numbers, scLog1p(scDays(d.Created, d.Closed)), scLog1p(scDays(entered, d.Closed)))
		out = append(out, e)
	}
	return out, left
}

// LeadExample returns the example of lead l as of instant t: no stage
// (-1), the fields "source" and "owner" (when set) and the multi-valued
// field "action", once per distinct action name the lead took at or before
// t, in order of first occurrence. Its outcome is Won if the lead was
// converted at or before t, Lost if disqualified at or before t, Open
// otherwise: pass a late t (the data's as-of) to learn from outcomes, the
// scoring instant to score.
func LeadExample(l *sp.Lead, t time.Time) Example {
	e := Example{ID: l.ID, Stage: -1, Outcome: sp.Open}
	if l.Source != "" {
		e.Fields = append(e.Fields, Field{Name: "source", Value: l.Source})
	}
	if l.Owner != "" {
		e.Fields = append(e.Fields, Field{Name: "owner", Value: l.Owner})
	}
	for _, a := range l.Actions {
		f := Field{Name: "action", Value: a.Name}
		if a.At.After(t) || a.Name == "" || slices.Contains(e.Fields, f) {
			continue
		}
		e.Fields = append(e.Fields, f)
	}
	switch {
	case l.IsConverted() && !l.Converted.After(t):
		e.Outcome = sp.Won
	case l.IsDisqualified() && !l.Disqualified.After(t):
		e.Outcome = sp.Lost
	}
	return e
}

// TimeSplit splits deals for an honest test: train holds the deals closed
// (won or lost) before cutoff, test those closed at or after it. Open deals
// are in neither. A model fitted on train, with snapshots before cutoff,
// has seen nothing of test's outcomes.
func TimeSplit(deals []sp.Deal, cutoff time.Time) (train, test []sp.Deal) {
	for i := range deals {
		d := &deals[i]
		if d.Status != sp.Won && d.Status != sp.Lost {
			continue
		}
		if d.Closed.Before(cutoff) {
			train = append(train, *d)
		} else {
			test = append(test, *d)
		}
	}
	return train, test
}

// ActivityIndex holds the instants of the activities logged on each deal,
// by kind, so that counts as of any instant cost a binary search. Build it
// with IndexActivities; the zero ActivityIndex holds nothing.
type ActivityIndex struct {
	byDeal map[string]*[sp.CustomKind + 1][]time.Time
}

// IndexActivities indexes the activities that name a deal. Activities of
// an invalid kind are ignored.
func IndexActivities(acts []sp.Activity) *ActivityIndex {
	x := &ActivityIndex{byDeal: map[string]*[sp.CustomKind + 1][]time.Time{}}
	for i := range acts {
		a := &acts[i]
		if a.Deal == "" || a.Kind < sp.Call || a.Kind > sp.CustomKind {
			continue
		}
		k := x.byDeal[a.Deal]
		if k == nil {
			k = new([sp.CustomKind + 1][]time.Time)
			x.byDeal[a.Deal] = k
		}
		k[a.Kind] = append(k[a.Kind], a.At)
	}
	for _, k := range x.byDeal {
		for i := range k {
			slices.SortFunc(k[i], time.Time.Compare)
		}
	}
	return x
}

// Count returns how many activities of kind k were logged on the deal
// called deal at or before instant t.
func (x *ActivityIndex) Count(deal string, k sp.ActivityKind, t time.Time) int {
	if x == nil || k < sp.Call || k > sp.CustomKind {
		return 0
	}
	ks := x.byDeal[deal]
	if ks == nil {
		return 0
	}
	n, _ := slices.BinarySearchFunc(ks[k], t, func(a, t time.Time) int {
		if a.After(t) {
			return 1
		}
		return -1
	})
	return n
}

func scOutcome(s sp.Status) sp.Status {
	if s == sp.Won || s == sp.Lost {
		return s
	}
	return sp.Open
}

func scLog1p(x int) float64 { return math.Log1p(float64(x)) }

// days returns the whole days from a to b (never below 0).
func scDays(a, b time.Time) int {
	return max(0, int(b.Sub(a)/(24*time.Hour)))
}
