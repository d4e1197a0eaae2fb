package metrics

import (
	"fmt"
	"math/big"
	"strconv"
	"time"

	sp "github.com/salesperf/salesperf"
)

// CycleEnd says which close ends a deal's sales cycle in [CycleSurvival].
// The zero CycleEnd is TimeToWin.
type CycleEnd int8

const (
	// TimeToWin: a win ends the cycle; a lost deal is censored at its
	// close, as if it had left the study still able to win. This is the
	// usual "how long does it take to win a deal" curve, but loss is a
	// competing risk, not a censoring (a lost deal can never win), so the
	// curve answers "how long would winning take if no deal were ever
	// lost" and 1 − S(t) overstates the share of deals won by day t.
	TimeToWin CycleEnd = iota
	// TimeToClose: a win or a loss ends the cycle; only deals still open
	// at AsOf are censored. It answers "how long until a deal is decided".
	TimeToClose
)

// String returns "time to win", "time to close", or "CycleEnd(N)".
func (e CycleEnd) String() string {
	switch e {
	case TimeToWin:
		return "time to win"
	case TimeToClose:
		return "time to close"
	}
	return "CycleEnd(" + strconv.Itoa(int(e)) + ")"
}

// SurvivalConfig configures [CycleSurvival].
type SurvivalConfig struct {
	Location *time.Location // where days begin; nil means UTC
	AsOf     time.Time      // the instant the deals are seen at; required
	End      CycleEnd       // which close ends a cycle; zero: TimeToWin
}

// CycleSurvival is the sales cycle measured without ignoring the deals
// still open: the Kaplan–Meier curve of the cycle length in whole days,
// and its median. [SalesCycle] only sees closed deals, so the slow deals
// still in the pipeline are left out and the cycle looks shorter than it
// is; here each open deal counts for as long as it has been open.
//
// Each deal created at or before c.AsOf gives a time in calendar days in
// c.Location (as [CycleDays] counts them) and says whether its cycle
// ended then (an event) or was still going (a censoring):
//
//   - won by AsOf: an event at created → closed;
//   - lost by AsOf: an event at created → closed with TimeToClose, a
//     censoring there with TimeToWin (see [CycleEnd]);
//   - open at AsOf (open, or closed after AsOf, which is open as of
//     AsOf): a censoring at created → AsOf.
//
// With n(t) the deals whose time is at least t (at risk on day t) and
// d(t) the events on day t, the survival S(t) — the share of deals whose
// cycle lasts more than t days — is the product-limit estimate
// S(t) = Π over days u ≤ t of (1 − d(u) / n(u)). A censoring on day t
// counts as at risk on day t (events come first). The median is the
// smallest day t with S(t) ≤ 1/2; when the curve never comes down to
// 1/2 the median is not known, only that it is more than the last day
// observed. Without censoring this is the lower median of the times
// (x[⌈n/2⌉−1] of the sorted x[0] ≤ … ≤ x[n−1]), where [Summary] takes the
// midpoint of the two middle values for an even n: 6 and not 7.5 for
// 3, 6, 9, 12.
//
// Deals created after AsOf are counted in Later; deals with no created
// date, an invalid status, closed without a close date or closed before
// created are counted in Invalid; neither is on the curve. The cohort is
// the caller's (usually the created date: the deals created in a period,
// seen as of a later instant). Over no deal, the curve is empty and the
// median has no value.
//
// The state keeps exact counts per day ([Histogram]s of the won, lost and
// open deals' days), so states merge exactly and both definitions can be
// read from the same kind of state; S(t) is only computed when the result
// is presented. CycleSurvival panics if c.AsOf is zero or c.End is not a
// CycleEnd.
//
// Column form: reads status, created, closed (the instants to compare
// with AsOf, and the table's CreatedDays and ClosedDays in c.Location,
// day numbers computed once per table, to count the days).
func CycleSurvival(c SurvivalConfig) Aggregator[*sp.Deal, SurvivalState, Survival] {
	if c.AsOf.IsZero() {
		panic("metrics: CycleSurvival: zero AsOf")
	}
	if c.End != TimeToWin && c.End != TimeToClose {
		panic("metrics: CycleSurvival: invalid " + c.End.String())
	}
	loc, asOf, end := c.Location, c.AsOf, c.End
	a := Aggregator[*sp.Deal, SurvivalState, Survival]{
		Add: func(s *SurvivalState, d *sp.Deal) {
			switch {
			case d.Created.IsZero() || d.Status < sp.Open || d.Status > sp.Lost:
				s.Invalid++
			case d.Created.After(asOf):
				s.Later++
			case d.Status == sp.Open || d.Closed.After(asOf):
				s.Open.Add(survivalDays(d.Created, asOf, loc))
			case d.Closed.IsZero() || d.Closed.Before(d.Created):
				s.Invalid++
			case d.Status == sp.Won:
				s.Won.Add(survivalDays(d.Created, d.Closed, loc))
			default:
				s.Lost.Add(survivalDays(d.Created, d.Closed, loc))
			}
		},
		Merge: func(dst, src *SurvivalState) {
			dst.Won.Merge(&src.Won)
			dst.Lost.Merge(&src.Lost)
			dst.Open.Merge(&src.Open)
			dst.Later += src.Later
			dst.Invalid += src.Invalid
		},
		Result: func(s *SurvivalState) Survival { return s.result(end) },
	}
	// AsOf as the column form compares and counts it: its instant clamped
	// to those a table holds (same order against them) and its day.
	asOfNs, asOfDay := clampNs(asOf), survivalDays(time.Unix(0, 0), asOf, loc)+int64(sp.DayNumber(0, loc))
	a.setDealCols(sp.DealFieldStatus|sp.DealFieldCreated|sp.DealFieldClosed, func(c cols[SurvivalState], b DealBatch) {
		t, lo, span, sel := b.T, b.Lo, b.span(), b.Sel
		status, created, closed := t.Status[lo:lo+span], t.Created[lo:lo+span], t.Closed[lo:lo+span]
		createdDay, closedDay := t.CreatedDays(loc)[lo:lo+span], t.ClosedDays(loc)[lo:lo+span]
		for j, k := range b.Keys {
			if k == Skip {
				continue
			}
			i := j
			if sel != nil {
				i = int(sel[j])
			}
			s, st, cr, cl := c.at(k), status[i], created[i], closed[i]
			switch {
			case cr == sp.NoInstant || st < sp.Open || st > sp.Lost:
				s.Invalid++
			case cr > asOfNs:
				s.Later++
			case st == sp.Open || cl > asOfNs:
				s.Open.Add(asOfDay - int64(createdDay[i]))
			case cl == sp.NoInstant || cl < cr:
				s.Invalid++
			case st == sp.Won:
				s.Won.Add(int64(closedDay[i]) - int64(createdDay[i]))
			default:
				s.Lost.Add(int64(closedDay[i]) - int64(createdDay[i]))
			}
		}
	})
	return a
}

// survivalDays returns the calendar days from the date of from to the date
// of to, both in loc (nil means UTC), as [CycleDays] counts them.
func survivalDays(from, to time.Time, loc *time.Location) int64 {
	if loc == nil || loc == time.UTC {
		return floorDiv(to.Unix(), 86400) - floorDiv(from.Unix(), 86400)
	}
	return int64(sp.DateOf(from.In(loc)).DaysUntil(sp.DateOf(to.In(loc))))
}

// SurvivalState is the partial state of [CycleSurvival]: the exact count
// of deals per day, by status as of AsOf, and the deals left off the
// curve. The zero SurvivalState is empty.
type SurvivalState struct {
	Won     Histogram `json:"won"`     // days from created to closed of the deals won by AsOf
	Lost    Histogram `json:"lost"`    // days from created to closed of the deals lost by AsOf
	Open    Histogram `json:"open"`    // days from created to AsOf of the deals open at AsOf
	Later   int64     `json:"later"`   // deals created after AsOf
	Invalid int64     `json:"invalid"` // deals whose time cannot be told
}

func (s *SurvivalState) result(end CycleEnd) Survival {
	r := Survival{End: end, Won: s.Won.N(), Lost: s.Lost.N(), Open: s.Open.N(), Later: s.Later, Invalid: s.Invalid}
	events, censored := s.Won.Bins(), mergeSortedBins(s.Lost.Bins(), s.Open.Bins())
	if end == TimeToClose {
		events, censored = mergeSortedBins(events, s.Lost.Bins()), s.Open.Bins()
	}
	for _, b := range events {
		r.Events += b.Count
	}
	for _, b := range censored {
		r.Censored += b.Count
	}
	atRisk, surv := r.Events+r.Censored, 1.0
	for len(events) > 0 || len(censored) > 0 {
		var st SurvivalStep
		switch {
		case len(censored) == 0 || len(events) > 0 && events[0].Value < censored[0].Value:
			st.Day, st.Events, events = events[0].Value, events[0].Count, events[1:]
		case len(events) == 0 || censored[0].Value < events[0].Value:
			st.Day, st.Censored, censored = censored[0].Value, censored[0].Count, censored[1:]
		default:
			st.Day, st.Events, st.Censored = events[0].Value, events[0].Count, censored[0].Count
			events, censored = events[1:], censored[1:]
		}
		st.AtRisk = atRisk
		surv *= float64(atRisk-st.Events) / float64(atRisk)
		st.Survival = surv
		atRisk -= st.Events + st.Censored
		r.Steps = append(r.Steps, st)
	}
	return r
}

// mergeSortedBins merges two lists of bins sorted by value into one, adding the
// counts of a value present in both.
func mergeSortedBins(a, b []Bin) []Bin {
	out := make([]Bin, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0].Value < b[0].Value:
			out, a = append(out, a[0]), a[1:]
		case b[0].Value < a[0].Value:
			out, b = append(out, b[0]), b[1:]
		default:
			out = append(out, Bin{a[0].Value, a[0].Count + b[0].Count})
			a, b = a[1:], b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// Survival is the result of [CycleSurvival]: the Kaplan–Meier curve of
// the sales cycle, one step per day on which a cycle ended or was
// censored, and the counts behind it. Events + Censored = Won + Lost +
// Open, the deals on the curve.
type Survival struct {
	End      CycleEnd       `json:"end"`      // which close ends a cycle
	Won      int64          `json:"won"`      // deals won by AsOf
	Lost     int64          `json:"lost"`     // deals lost by AsOf
	Open     int64          `json:"open"`     // deals open at AsOf
	Events   int64          `json:"events"`   // cycles that ended: won, or won and lost with TimeToClose
	Censored int64          `json:"censored"` // cycles still going at AsOf, and lost deals with TimeToWin
	Later    int64          `json:"later"`    // deals created after AsOf: not on the curve
	Invalid  int64          `json:"invalid"`  // deals whose time cannot be told: not on the curve
	Steps    []SurvivalStep `json:"steps"`    // in increasing order of Day
}

// SurvivalStep is one day of a [Survival] curve: of AtRisk deals whose
// cycle reached Day, Events ended that day and Censored were still going
// when last seen that day; Survival is S(Day), the estimated share of
// deals whose cycle lasts more than Day days, rounded to a float64 (the
// counts are exact; [Survival.Median] decides from them).
type SurvivalStep struct {
	Day      int64   `json:"day"`
	AtRisk   int64   `json:"at_risk"`
	Events   int64   `json:"events"`
	Censored int64   `json:"censored"`
	Survival float64 `json:"survival"`
}

// At returns S(day): the Survival of the last step on or before day, 1
// before the first step, and the last step's value after the last step
// (the curve is not known to drop further).
func (s Survival) At(day int64) float64 {
	v := 1.0
	for _, st := range s.Steps {
		if st.Day > day {
			break
		}
		v = st.Survival
	}
	return v
}

// Median returns the median cycle: the smallest day t with S(t) ≤ 1/2,
// decided exactly from the counts (S(t) = 1/2 exactly counts as reached),
// and false when the curve never comes down to 1/2 — the median is then
// more than the last step's Day — or is empty.
func (s Survival) Median() (int64, bool) {
	const margin = 1e-9 // far above the float64 product's rounding error
	for i, st := range s.Steps {
		switch {
		case st.Events == 0:
			continue
		case st.Survival < 0.5-margin:
			return st.Day, true
		case st.Survival <= 0.5+margin && exactSurvival(s.Steps[:i+1]).Cmp(big.NewRat(1, 2)) <= 0:
			return st.Day, true
		}
	}
	return 0, false
}

// exactSurvival is S at the last of steps, as an exact fraction.
func exactSurvival(steps []SurvivalStep) *big.Rat {
	v, f := big.NewRat(1, 1), new(big.Rat)
	for _, st := range steps {
		if st.Events != 0 {
			v.Mul(v, f.SetFrac64(st.AtRisk-st.Events, st.AtRisk))
		}
	}
	return v
}

// String formats the median with the counts: "median 9 days (n=8: 4 won,
// 2 lost, 2 open)", "median more than 15 days (…)" when the curve does
// not reach 1/2, or "– (n=0)".
func (s Survival) String() string {
	n := s.Won + s.Lost + s.Open
	if n == 0 {
		return "– (n=0)"
	}
	counts := fmt.Sprintf(" (n=%d: %d won, %d lost, %d open)", n, s.Won, s.Lost, s.Open)
	if m, ok := s.Median(); ok {
		return "median " + strconv.FormatInt(m, 10) + " days" + counts
	}
	return "median more than " + strconv.FormatInt(s.Steps[len(s.Steps)-1].Day, 10) + " days" + counts
}
