package forecast

import (
	"maps"
	"math"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
)

// PointRules is rule-based lead and deal scoring, as HubSpot and Pardot do
// it: points for what the prospect did (a demo request weighs more than a
// newsletter sign-up) and for who it is (source, industry, company size),
// older actions worth less, and a grade from thresholds.
//
// As of an instant t, each action at or before t earns its points halved
// for every HalfLife of age; attributes earn their points whole:
//
//	action points    Σ Actions[name] × 0.5^((t − at) / HalfLife)   (no decay when HalfLife is 0)
//	attribute points Σ Attributes[field][value of the field]
//	total            action points + attribute points
//	grade            the first of Grades whose Min ≤ total ("" if none)
//
// A lead's actions are its LeadAction names and its fields "source" and
// "owner"; a deal's actions are the kinds of the activities logged on it
// (Activity.KindName: "demo", "meeting held", a custom kind's name) and its
// fields are those of DealField ("source", "industry", "Company size"…).
// Names missing from the maps earn nothing. Actions after t are not
// counted (they had not happened yet).
//
// The zero PointRules scores everything 0 with grade "". Its methods panic
// if HalfLife is negative or Grades are not in decreasing order of Min
// (see Validate).
type PointRules struct {
	Actions    map[string]float64            // points per action name
	Attributes map[string]map[string]float64 // field → value → points
	HalfLife   time.Duration                 // age at which an action is worth half; 0: no decay
	Grades     []Grade                       // best first, decreasing Min; end with Min = -Inf to grade everything
}

// Grade is a named band of scores: a total of at least Min earns Name,
// unless an earlier grade of the list took it.
type Grade struct {
	Name string
	Min  float64
}

// Points is a record's score as of an instant: the action and attribute
// points, their total and the grade.
type Points struct {
	Actions    float64
	Attributes float64
	Total      float64
	Grade      string
}

// Validate panics with a "forecast: " message if r cannot be used: a
// negative HalfLife, a NaN Min, or Grades not in strictly decreasing order
// of Min.
func (r *PointRules) Validate() {
	if r.HalfLife < 0 {
		panic("forecast: PointRules with a negative HalfLife")
	}
	for i, g := range r.Grades {
		if math.IsNaN(g.Min) || i > 0 && !(g.Min < r.Grades[i-1].Min) {
			panic("forecast: PointRules.Grades not in decreasing order of Min")
		}
	}
}

// Lead returns the points of lead l as of instant t (see PointRules).
func (r *PointRules) Lead(l *sp.Lead, t time.Time) Points {
	r.Validate()
	var p Points
	for _, a := range l.Actions {
		p.Actions += r.action(a.Name, a.At, t)
	}
	p.Attributes = r.Attributes["source"][l.Source] + r.Attributes["owner"][l.Owner]
	return r.finish(p)
}

// Deal returns the points of deal d as of instant t from its fields and
// the activities among acts that name it (Activity.Deal == d.ID). acts may
// hold any activities; only d's count.
func (r *PointRules) Deal(d *sp.Deal, acts []sp.Activity, t time.Time) Points {
	r.Validate()
	var p Points
	for i := range acts {
		if a := &acts[i]; a.Deal == d.ID && d.ID != "" {
			p.Actions += r.action(a.KindName(), a.At, t)
		}
	}
	for _, field := range slices.Sorted(maps.Keys(r.Attributes)) { // a fixed order: float sums
		p.Attributes += r.Attributes[field][DealField(d, field)]
	}
	return r.finish(p)
}

// GradeOf returns the grade of a total: the first of r.Grades whose Min is
// at most total, or "" if none is.
func (r *PointRules) GradeOf(total float64) string {
	for _, g := range r.Grades {
		if total >= g.Min {
			return g.Name
		}
	}
	return ""
}

func (r *PointRules) action(name string, at, t time.Time) float64 {
	pts, ok := r.Actions[name]
	if !ok || at.After(t) {
		return 0
	}
	if r.HalfLife == 0 {
		return pts
	}
	return pts * math.Exp2(-float64(t.Sub(at))/float64(r.HalfLife))
}

func (r *PointRules) finish(p Points) Points {
	p.Total = p.Actions + p.Attributes
	p.Grade = r.GradeOf(p.Total)
	return p
}
