package salesperf

import "strconv"

// Level says whose target, figure or leaderboard row it is: a rep's, a
// manager's (their reports' together), a team's, a region's or the whole
// organisation's. The zero Level is invalid.
type Level int8

// The levels of the organisation.
const (
	RepLevel Level = iota + 1
	ManagerLevel
	TeamLevel
	RegionLevel
	OrgLevel
)

var levelNames = [...]string{"", "rep", "manager", "team", "region", "org"}

// String returns "rep", "manager", "team", "region", "org", or "Level(N)".
func (l Level) String() string {
	if l >= RepLevel && l <= OrgLevel {
		return levelNames[l]
	}
	return "Level(" + strconv.Itoa(int(l)) + ")"
}

// TargetMetric is what a target measures. The zero TargetMetric is invalid.
type TargetMetric int8

// The target metrics. Money metrics (IsMoney) set Target.Amount; the
// others set Target.Count.
const (
	TargetWonAmount   TargetMetric = iota + 1 // won amount, closed-date cohort (quota)
	TargetWonDeals                            // number of deals won, closed-date cohort
	TargetActivities                          // number of activities (of Target.Activity, or all kinds)
	TargetNewPipeline                         // amount of new deals, created-date cohort
	TargetNewDeals                            // number of new deals, created-date cohort
	TargetNewARR                              // new annual recurring revenue
)

var targetMetricNames = [...]string{"", "won amount", "won deals", "activities", "new pipeline", "new deals", "new ARR"}

// String returns the metric in words ("won amount"), or "TargetMetric(N)".
func (m TargetMetric) String() string {
	if m >= TargetWonAmount && m <= TargetNewARR {
		return targetMetricNames[m]
	}
	return "TargetMetric(" + strconv.Itoa(int(m)) + ")"
}

// IsMoney reports whether the metric is an amount of money (its target
// value is Target.Amount) rather than a count (Target.Count).
func (m TargetMetric) IsMoney() bool {
	return m == TargetWonAmount || m == TargetNewPipeline || m == TargetNewARR
}

// Target is a goal: who (Level and Who: a rep, manager, team or region ID;
// Who is empty for OrgLevel), what (Metric; for activity targets, which
// Activity kind, zero meaning all kinds), over which Period, and how much:
// Amount for money metrics, Count for the others.
//
// Attainment = achieved / target; the metrics package computes it.
type Target struct {
	Level    Level
	Who      string
	Metric   TargetMetric
	Activity ActivityKind // for TargetActivities: the kind counted; zero means every kind
	Period   Period
	Amount   Money // the target for money metrics
	Count    int64 // the target for count metrics
}
