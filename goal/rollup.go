package goal

import (
	"errors"
	"fmt"
	"slices"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// Rollup sets a manager's, team's, region's or the organisation's own
// target beside the targets of the reps under them: does the manager's
// number add up to their reps' numbers?
//
// Reps are the people under the holder on the first day of the target's
// period, in c.Org: for a manager, everyone with the manager in their
// chain of managers (a first-line manager's direct reports; for a
// manager of managers, the reps of all of them); for a team or a region,
// everyone whose membership names it; for the organisation, everyone with
// a membership that day — in each case only people who manage nobody that
// day. Each rep's target is their RepLevel target of the same metric,
// activity kind and period; Missing lists the reps without one.
type Rollup struct {
	Own     sp.Target // the holder's own target
	Reps    []string  // the reps under the holder on the period's first day, sorted
	Missing []string  // the reps of Reps without a target, sorted
	Amount  sp.Sum    // money metrics: the sum of the reps' targets, per currency
	Count   int64     // count metrics: the sum of the reps' targets
}

// Sum returns the sum of the reps' targets: Count, or Amount in the own
// target's currency (zero in it when no rep has a target). It is an error
// wrapping salesperf.ErrMixedCurrency when a rep's target is in another
// currency (convert the targets first).
func (r Rollup) Sum() (Figure, error) {
	if !r.Own.Metric.IsMoney() {
		return Figure{Num: decimal.NewFromInt(r.Count)}, nil
	}
	cur := r.Own.Amount.Currency()
	for m := range r.Amount.All() {
		if m.Currency() != cur {
			return Figure{}, fmt.Errorf("goal: rollup of %s: %w: reps' targets %s against a target in %s",
				describe(r.Own), sp.ErrMixedCurrency, r.Amount.String(), currencyName(cur))
		}
	}
	return Figure{Num: r.Amount.Of(cur).Decimal(), Currency: cur}, nil
}

// Difference is the own target less the sum of the reps' targets:
//
//	difference = own target − Σ reps' targets
//
// positive when the holder carries more than their reps were given (an
// over-assignment gap to cover), negative when the reps' targets exceed
// it. The errors are those of [Rollup.Sum].
func (r Rollup) Difference() (Figure, error) {
	s, err := r.Sum()
	if err != nil {
		return Figure{}, err
	}
	return Figure{Num: goalOf(r.Own).Num.Sub(s.Num), Currency: s.Currency}, nil
}

// Rollups returns a Rollup for every target above the rep level (manager,
// team, region, organisation), in the order of targets, with the people
// under each holder from c.Org (see [Rollup]). It reports every unusable
// target at once, as [NewTally] does, plus two RepLevel targets of one
// rep for the same metric, activity kind and period
// (salesperf.ErrDuplicateID) and a missing c.Org when there is a target
// above the rep level (salesperf.ErrInvalidValue).
func Rollups(targets []sp.Target, c Config) ([]Rollup, error) {
	type repKey struct {
		who      string
		metric   sp.TargetMetric
		activity sp.ActivityKind
		period   sp.Period
	}
	var errs []error
	reps := map[repKey]int{}
	for i := range targets {
		t := &targets[i]
		if err := checkTarget(t, c); err != nil {
			errs = append(errs, fmt.Errorf("goal: target %d: %w", i, err))
			continue
		}
		if t.Level == sp.RepLevel {
			k := repKey{t.Who, t.Metric, t.Activity, t.Period}
			if j, dup := reps[k]; dup {
				errs = append(errs, fmt.Errorf("goal: target %d: %s: %w: same as target %d", i, describe(*t), sp.ErrDuplicateID, j))
				continue
			}
			reps[k] = i
		} else if c.Org == nil {
			errs = append(errs, fmt.Errorf("goal: target %d: %s: no org chart to find the reps: %w", i, describe(*t), sp.ErrInvalidValue))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var out []Rollup
	people := map[sp.Date][]person{}
	for _, t := range targets {
		if t.Level == sp.RepLevel {
			continue
		}
		day := t.Period.Start
		ps, ok := people[day]
		if !ok {
			ps = peopleOn(c.Org, day)
			people[day] = ps
		}
		r := Rollup{Own: t}
		for _, p := range ps {
			if p.manages || !p.under(t.Level, t.Who) {
				continue
			}
			r.Reps = append(r.Reps, p.name)
			j, ok := reps[repKey{p.name, t.Metric, t.Activity, t.Period}]
			switch {
			case !ok:
				r.Missing = append(r.Missing, p.name)
			case t.Metric.IsMoney():
				r.Amount.Add(targets[j].Amount)
			default:
				r.Count += targets[j].Count
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// person is one member of the org on a day.
type person struct {
	name    string
	m       sp.Membership
	chain   []string
	manages bool
}

// under reports whether p is under the holder (level, who).
func (p *person) under(level sp.Level, who string) bool {
	switch level {
	case sp.ManagerLevel:
		return slices.Contains(p.chain, who)
	case sp.TeamLevel:
		return p.m.Team == who
	case sp.RegionLevel:
		return p.m.Region == who
	}
	return level == sp.OrgLevel
}

// peopleOn returns, sorted by name, everyone with a membership on day.
func peopleOn(org *sp.Org, day sp.Date) []person {
	var ps []person
	managers := map[string]bool{}
	for _, name := range org.People() {
		m, ok := org.On(name, day)
		if !ok {
			continue
		}
		ps = append(ps, person{name: name, m: m, chain: org.Chain(name, day)})
		if m.Manager != "" {
			managers[m.Manager] = true
		}
	}
	for i := range ps {
		ps[i].manages = managers[ps[i].name]
	}
	return ps
}
