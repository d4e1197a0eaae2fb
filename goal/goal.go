// Package goal measures targets: what each rep, manager, team, region or
// the whole organisation achieved against a [salesperf.Target], whether
// they are on pace, where the run rate lands them, and how far they still
// are — in deals and in pipeline.
//
// # Achieved
//
//   - [Tally] credits deals and activities to many targets in one pass;
//     [Achievements] and [AchievedOf] run it over sequences of records.
//     The cohort follows the target's metric: won amount and won deals by
//     close date, new pipeline and new deals by created date, activities by
//     their instant. The figure is credited to the deal's owner (the
//     activity's rep), and through an [salesperf.Org] to their managers,
//     team and region as they were on that date.
//   - [Achieved] holds the exact result: an amount per currency for money
//     metrics, a count for the others.
//
// # Progress
//
//   - [NewProgress] places an achievement in time, as of an instant:
//     attainment, expected-to-date (linear in calendar time, or following
//     [salesperf.BusinessHours]), pacing, projection, gap, deals still
//     needed and pipeline coverage. Figures stay exact ([Figure],
//     [Fraction]) until presented with a named rounding.
//   - [SideBySide] shows the month, quarter and year of one target holder
//     together, each with a [Verdict]: "behind this month, on track for the
//     year".
//
// # Rollup
//
//   - [Rollups] sets each manager's, team's, region's or organisation's
//     own target beside the sum of their reps' targets.
//
// The package does no I/O and never reads the clock: "now" is always an
// explicit asOf. Misuse (a negative tolerance) panics with a "goal: "
// prefix; unusable targets and data are errors wrapping the root sentinels
// (salesperf.ErrInvalidPeriod, salesperf.ErrInvalidValue,
// salesperf.ErrMixedCurrency).
package goal

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"sort"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// Config is what targets are measured against: the calendar their periods
// come from, the org chart that credits managers, teams and regions, the
// clock that sets the expected pace, and the tolerance of "on track".
// The zero Config is the calendar year in UTC, no org chart (rep and
// organisation targets only), linear pace and a tolerance of 5%.
type Config struct {
	// Calendar is the calendar the targets' periods come from. Its
	// Location places each record's instant on a civil date, and its
	// Bounds give the instants a period starts and ends.
	Calendar sp.Calendar
	// Org credits records to managers, teams and regions as of the
	// record's date. It is needed for ManagerLevel, TeamLevel and
	// RegionLevel targets and for [Rollups].
	Org *sp.Org
	// Hours, when set, makes expected-to-date follow working time: the
	// share of the period's working time (Hours.Elapsed) elapsed. Nil
	// means calendar time: the share of the period's real duration.
	Hours *sp.BusinessHours
	// Tolerance is the band around a pacing of 1 that is "on track":
	// pacing within [1 − Tolerance, 1 + Tolerance]. Zero means 0.05 (±5%).
	Tolerance decimal.Decimal
}

// tolerance returns the configured tolerance, 0.05 by default. It panics
// on a negative tolerance.
func (c Config) tolerance() decimal.Decimal {
	switch c.Tolerance.Sign() {
	case 0:
		return decimal.New(5, -2)
	case -1:
		panic("goal: negative tolerance " + c.Tolerance.String())
	}
	return c.Tolerance
}

func (c Config) loc() *time.Location {
	if c.Calendar.Location == nil {
		return time.UTC
	}
	return c.Calendar.Location
}

// Achieved is what the holder of a target achieved in its period: Amount,
// per currency, for money metrics (TargetMetric.IsMoney), Count for the
// others. Known is false when the figure was not computed: a [Tally]
// leaves TargetNewARR targets unknown, since new ARR comes from
// subscriptions, not deals; set Amount and Known yourself for them.
type Achieved struct {
	Target sp.Target
	Amount sp.Sum // money metrics: the amounts credited, per currency, exact
	Count  int64  // count metrics: the records credited
	Known  bool   // the figure was computed (or set by the caller)
}

// Figure returns the achieved figure, exact: the amount in the target's
// currency (zero in it when nothing was credited) or the count. It is an
// error wrapping salesperf.ErrMixedCurrency when an amount credited is in
// another currency than the target's (convert the deals first, for example
// with a dated Rates table), and one wrapping salesperf.ErrInvalidValue
// when the figure is not Known.
func (a Achieved) Figure() (Figure, error) {
	if !a.Known {
		return Figure{}, fmt.Errorf("goal: %s: achieved %s not known (it is not computed from deals and activities; set it): %w",
			describe(a.Target), a.Target.Metric, sp.ErrInvalidValue)
	}
	if !a.Target.Metric.IsMoney() {
		return Figure{Num: decimal.NewFromInt(a.Count)}, nil
	}
	cur := a.Target.Amount.Currency()
	for m := range a.Amount.All() {
		if m.Currency() != cur {
			return Figure{}, fmt.Errorf("goal: %s: %w: achieved %s against a target in %s",
				describe(a.Target), sp.ErrMixedCurrency, a.Amount.String(), currencyName(cur))
		}
	}
	return Figure{Num: a.Amount.Of(cur).Decimal(), Currency: cur}, nil
}

// String formats the achieved figure: "12500.00 USD", "7", or the error.
func (a Achieved) String() string {
	f, err := a.Figure()
	if err != nil {
		return err.Error()
	}
	return f.String()
}

// Tally credits deals and activities to many targets at once, in one pass
// over the records. Each record is placed by the date its target metrics
// use (its cohort), on the civil date in the calendar's location:
//
//	won amount, won deals       deals with Status Won, by Closed
//	new pipeline, new deals     every deal with a Created instant, by Created
//	                            (whatever its status now), its current Amount
//	activities                  activities by At, of the target's Activity kind
//	                            (zero: every kind)
//	new ARR                     not computed: left unknown (see Achieved)
//
// and credited to the holders it belongs to on that date: the deal's
// Owner (the activity's Rep) for RepLevel; every manager in their chain
// of managers for ManagerLevel (a first-line manager and the managers
// above; [salesperf.Org.Chain]); their team for TeamLevel and their region
// for RegionLevel (Org.On); everyone for OrgLevel. A record whose owner
// has no membership on that date counts only for rep and organisation
// targets.
//
// Cost: building the tally sorts the distinct target periods into lanes
// of non-overlapping periods (one lane per grain when the periods come
// from one calendar). Each record then costs a binary search per lane to
// find the periods that contain its date, and, in each such period that
// has targets of its kind, one map lookup per level present (one per
// manager in the owner's chain for manager targets) plus one addition
// per target credited — independent of the number of targets it does not
// match, against one test per target per record for a per-target loop.
// Adding a record does not allocate (except the first amount in a new
// currency of a target, and the scratch chain's growth, both amortised).
//
// A Tally is not safe for concurrent use; tally shards separately if
// needed and add their Achieved amounts and counts.
type Tally struct {
	targets []sp.Target
	amounts []sp.Sum
	counts  []int64
	org     *sp.Org
	loc     *time.Location
	slots   []slot  // one per distinct period, sorted by Start
	lanes   [][]int // slot indexes; within a lane periods do not overlap and are sorted by Start
	chain   []string
}

// family is a kind of record and cohort: what a record is credited as.
type family int8

const (
	famWon      family = iota // deals won, by close date
	famCreated                // deals created, by created date
	famActivity               // activities, by instant
	nFamilies
)

type holder struct {
	level sp.Level
	who   string
}

// slot is one distinct period and, per family, the targets over it by
// holder.
type slot struct {
	period  sp.Period
	holders [nFamilies]map[holder][]int
	levels  [nFamilies]uint8 // bit set of the levels present, bit l for Level l
}

// NewTally returns a tally of the targets, in the order given, with every
// achieved figure zero. It reports every unusable target at once
// (errors.Join; each error names the target's position): an invalid Level
// or Metric (salesperf.ErrInvalidValue), a Who missing below OrgLevel
// (salesperf.ErrMissingID), a period that is not one (invalid grain, End
// not after Start: salesperf.ErrInvalidPeriod), a money target without a
// currency (salesperf.ErrInvalidValue), and a manager, team or region
// target with no Org in c (salesperf.ErrInvalidValue). On error the Tally
// is nil.
func NewTally(targets []sp.Target, c Config) (*Tally, error) {
	var errs []error
	for i := range targets {
		if err := checkTarget(&targets[i], c); err != nil {
			errs = append(errs, fmt.Errorf("goal: target %d: %w", i, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	t := &Tally{
		targets: slices.Clone(targets),
		amounts: make([]sp.Sum, len(targets)),
		counts:  make([]int64, len(targets)),
		org:     c.Org,
		loc:     c.loc(),
	}
	index := map[sp.Period]int{}
	for i := range t.targets {
		tg := &t.targets[i]
		f, ok := familyOf(tg.Metric)
		if !ok {
			continue // new ARR: not computed here
		}
		si, seen := index[tg.Period]
		if !seen {
			si = len(t.slots)
			index[tg.Period] = si
			t.slots = append(t.slots, slot{period: tg.Period})
		}
		s := &t.slots[si]
		if s.holders[f] == nil {
			s.holders[f] = map[holder][]int{}
		}
		h := holder{tg.Level, tg.Who}
		if tg.Level == sp.OrgLevel {
			h.who = ""
		}
		s.holders[f][h] = append(s.holders[f][h], i)
		s.levels[f] |= 1 << uint(tg.Level)
	}
	slices.SortFunc(t.slots, func(a, b slot) int { return a.period.Compare(b.period) })
	// Interval partitioning: each slot goes to the first lane whose last
	// period ends at or before its start.
	for i := range t.slots {
		placed := false
		for l := range t.lanes {
			last := t.slots[t.lanes[l][len(t.lanes[l])-1]].period
			if !t.slots[i].period.Start.Before(last.End) {
				t.lanes[l] = append(t.lanes[l], i)
				placed = true
				break
			}
		}
		if !placed {
			t.lanes = append(t.lanes, []int{i})
		}
	}
	return t, nil
}

// familyOf returns the family a target metric counts, false for new ARR.
func familyOf(m sp.TargetMetric) (family, bool) {
	switch m {
	case sp.TargetWonAmount, sp.TargetWonDeals:
		return famWon, true
	case sp.TargetNewPipeline, sp.TargetNewDeals:
		return famCreated, true
	case sp.TargetActivities:
		return famActivity, true
	}
	return 0, false
}

// checkTarget reports why t cannot be measured with c, or nil.
func checkTarget(t *sp.Target, c Config) error {
	switch {
	case t.Level < sp.RepLevel || t.Level > sp.OrgLevel:
		return fmt.Errorf("%s: level %s: %w", describe(*t), t.Level, sp.ErrInvalidValue)
	case t.Metric < sp.TargetWonAmount || t.Metric > sp.TargetNewARR:
		return fmt.Errorf("%s: metric %s: %w", describe(*t), t.Metric, sp.ErrInvalidValue)
	case t.Level != sp.OrgLevel && t.Who == "":
		return fmt.Errorf("%s: who: %w", describe(*t), sp.ErrMissingID)
	case t.Period.Grain < sp.Day || t.Period.Grain > sp.Year || !t.Period.Start.Before(t.Period.End):
		return fmt.Errorf("%s: %w: grain %s, %s to %s", describe(*t), sp.ErrInvalidPeriod, t.Period.Grain, t.Period.Start, t.Period.End)
	case t.Metric.IsMoney() && t.Amount.Currency() == "":
		return fmt.Errorf("%s: amount %s has no currency: %w", describe(*t), t.Amount, sp.ErrInvalidValue)
	case (t.Level == sp.ManagerLevel || t.Level == sp.TeamLevel || t.Level == sp.RegionLevel) && c.Org == nil:
		return fmt.Errorf("%s: no org chart to credit a %s: %w", describe(*t), t.Level, sp.ErrInvalidValue)
	}
	return nil
}

// describe names a target in messages: "rep ava won amount 2026-03".
func describe(t sp.Target) string {
	who := t.Who
	if t.Level == sp.OrgLevel {
		who = "org"
	} else {
		who = t.Level.String() + " " + who
	}
	return who + " " + t.Metric.String() + " " + t.Period.String()
}

func currencyName(c sp.Currency) string {
	if c == "" {
		return "no currency"
	}
	return string(c)
}

// AddDeal credits d to the targets it counts for: as a won deal in the
// period of its close date (if won), and as a new deal in the period of
// its created date (if it has one).
func (t *Tally) AddDeal(d *sp.Deal) {
	if d.Status == sp.Won && !d.Closed.IsZero() {
		t.credit(famWon, sp.DateOf(d.Closed.In(t.loc)), d.Owner, d.Amount, 0)
	}
	if !d.Created.IsZero() {
		t.credit(famCreated, sp.DateOf(d.Created.In(t.loc)), d.Owner, d.Amount, 0)
	}
}

// AddActivity credits a to the activity targets of the period of its
// instant whose kind it is (or that count every kind).
func (t *Tally) AddActivity(a *sp.Activity) {
	if !a.At.IsZero() {
		t.credit(famActivity, sp.DateOf(a.At.In(t.loc)), a.Rep, sp.Money{}, a.Kind)
	}
}

// credit adds one record of family f dated day, owned by owner, to every
// matching target.
func (t *Tally) credit(f family, day sp.Date, owner string, amount sp.Money, kind sp.ActivityKind) {
	var (
		mem    sp.Membership
		looked bool
		hasMem bool
		chain  bool
	)
	for _, lane := range t.lanes {
		// The last period in the lane starting on or before day.
		n := sort.Search(len(lane), func(i int) bool { return day.Before(t.slots[lane[i]].period.Start) })
		if n == 0 {
			continue
		}
		s := &t.slots[lane[n-1]]
		if !s.period.Contains(day) || s.levels[f] == 0 {
			continue
		}
		hs, levels := s.holders[f], s.levels[f]
		if levels&(1<<sp.RepLevel) != 0 {
			t.add(hs[holder{sp.RepLevel, owner}], amount, kind)
		}
		if levels&(1<<sp.OrgLevel) != 0 {
			t.add(hs[holder{sp.OrgLevel, ""}], amount, kind)
		}
		if levels&(1<<sp.ManagerLevel|1<<sp.TeamLevel|1<<sp.RegionLevel) == 0 {
			continue
		}
		if !looked {
			mem, hasMem = t.org.On(owner, day)
			looked = true
		}
		if !hasMem {
			continue
		}
		if levels&(1<<sp.TeamLevel) != 0 && mem.Team != "" {
			t.add(hs[holder{sp.TeamLevel, mem.Team}], amount, kind)
		}
		if levels&(1<<sp.RegionLevel) != 0 && mem.Region != "" {
			t.add(hs[holder{sp.RegionLevel, mem.Region}], amount, kind)
		}
		if levels&(1<<sp.ManagerLevel) != 0 {
			if !chain {
				t.walkChain(owner, mem, day)
				chain = true
			}
			for _, m := range t.chain {
				t.add(hs[holder{sp.ManagerLevel, m}], amount, kind)
			}
		}
	}
}

// walkChain sets t.chain to owner's managers on day, nearest first,
// stopping at the top or at the first repeated person (a cycle), as
// Org.Chain does, without allocating once the scratch slice has grown.
func (t *Tally) walkChain(owner string, mem sp.Membership, day sp.Date) {
	t.chain = t.chain[:0]
	for m := mem; m.Manager != "" && m.Manager != owner && !slices.Contains(t.chain, m.Manager); {
		t.chain = append(t.chain, m.Manager)
		next, ok := t.org.On(m.Manager, day)
		if !ok {
			break
		}
		m = next
	}
}

// add credits one record to the targets listed.
func (t *Tally) add(list []int, amount sp.Money, kind sp.ActivityKind) {
	for _, i := range list {
		tg := &t.targets[i]
		switch {
		case tg.Metric == sp.TargetActivities:
			if tg.Activity == 0 || tg.Activity == kind {
				t.counts[i]++
			}
		case tg.Metric.IsMoney():
			t.amounts[i].Add(amount)
		default:
			t.counts[i]++
		}
	}
}

// Len returns the number of targets in the tally.
func (t *Tally) Len() int { return len(t.targets) }

// At returns the achievement of the i-th target, independent of the
// tally (its Sum is a copy). New ARR targets are not Known. At panics if
// i is out of range.
func (t *Tally) At(i int) Achieved {
	_, known := familyOf(t.targets[i].Metric)
	return Achieved{Target: t.targets[i], Amount: t.amounts[i].Clone(), Count: t.counts[i], Known: known}
}

// All returns an iterator over the achievements, in the order of the
// targets given to [NewTally].
func (t *Tally) All() iter.Seq2[int, Achieved] {
	return func(yield func(int, Achieved) bool) {
		for i := range t.targets {
			if !yield(i, t.At(i)) {
				return
			}
		}
	}
}

// Achievements credits the deals and activities (either may be nil) to the
// targets in one pass with a [Tally], and returns what each target's holder
// achieved, in the order of targets. The errors are those of [NewTally].
func Achievements(targets []sp.Target, deals iter.Seq[*sp.Deal], activities iter.Seq[*sp.Activity], c Config) ([]Achieved, error) {
	t, err := NewTally(targets, c)
	if err != nil {
		return nil, err
	}
	if deals != nil {
		for d := range deals {
			t.AddDeal(d)
		}
	}
	if activities != nil {
		for a := range activities {
			t.AddActivity(a)
		}
	}
	out := make([]Achieved, 0, t.Len())
	for _, a := range t.All() {
		out = append(out, a)
	}
	return out, nil
}

// AchievedOf returns what the holder of one target achieved: [Achievements]
// for a single target. To measure many targets, pass them all to
// Achievements, which reads the records once.
func AchievedOf(target sp.Target, deals iter.Seq[*sp.Deal], activities iter.Seq[*sp.Activity], c Config) (Achieved, error) {
	a, err := Achievements([]sp.Target{target}, deals, activities, c)
	if err != nil {
		return Achieved{}, err
	}
	return a[0], nil
}
