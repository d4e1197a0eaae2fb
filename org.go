package salesperf

import (
	"errors"
	"maps"
	"slices"
	"strings"
)

// Membership is one person's place in the organisation over a span of
// days: whom they reported to, their team and their region, from From
// (inclusive) until Until (exclusive). A zero From means "since always"
// and a zero Until "still". A person is a rep or a manager; a manager's
// own membership names their manager in turn, which makes the hierarchy.
type Membership struct {
	Person  string
	Manager string // whom Person reports to; "" at the top
	Team    string
	Region  string
	From    Date // first day of the membership; zero: since always
	Until   Date // first day it no longer holds; zero: still holds
}

// covers reports whether the membership holds on day d.
func (m *Membership) covers(d Date) bool {
	return (m.From.IsZero() || !d.Before(m.From)) && (m.Until.IsZero() || d.Before(m.Until))
}

// Org answers "who was this rep's manager, team and region on that day".
// Build it with [NewOrg]; the zero Org knows nobody. An Org is read-only
// once built and safe for concurrent use.
type Org struct {
	byPerson map[string][]Membership // sorted by From
}

// NewOrg indexes memberships by person. It reports every problem at once
// (errors.Join of *ValidationError, record "membership", ID the person):
// a missing person (ErrMissingID), an Until not after From
// (ErrInvalidPeriod), and two memberships of one person that overlap
// (ErrInvalidPeriod), since a figure must be credited to exactly one team.
// On error the returned Org is nil.
func NewOrg(ms []Membership) (*Org, error) {
	o := &Org{byPerson: make(map[string][]Membership)}
	var errs []error
	for _, m := range ms {
		if m.Person == "" {
			errs = append(errs, &ValidationError{Record: "membership", Field: "person", Err: ErrMissingID})
			continue
		}
		if !m.From.IsZero() && !m.Until.IsZero() && !m.From.Before(m.Until) {
			errs = append(errs, &ValidationError{Record: "membership", ID: m.Person, Field: "until",
				Err: wrapf(ErrInvalidPeriod, "until %s is not after from %s", m.Until, m.From)})
			continue
		}
		o.byPerson[m.Person] = append(o.byPerson[m.Person], m)
	}
	for _, p := range slices.Sorted(maps.Keys(o.byPerson)) {
		list := o.byPerson[p]
		slices.SortStableFunc(list, func(a, b Membership) int { return compareFrom(a.From, b.From) })
		// Compare each membership with the one so far that lasts longest
		// (a zero Until lasts for ever).
		last := list[0]
		for _, cur := range list[1:] {
			if last.Until.IsZero() || cur.From.IsZero() || cur.From.Before(last.Until) {
				errs = append(errs, &ValidationError{Record: "membership", ID: p, Field: "from",
					Err: wrapf(ErrInvalidPeriod, "membership from %s overlaps the one from %s", dateOrStart(cur.From), dateOrStart(last.From))})
			}
			if !last.Until.IsZero() && (cur.Until.IsZero() || last.Until.Before(cur.Until)) {
				last = cur
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return o, nil
}

// compareFrom orders From dates with the zero date ("since always") first.
func compareFrom(a, b Date) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return -1
	case b.IsZero():
		return 1
	}
	return a.Compare(b)
}

func dateOrStart(d Date) string {
	if d.IsZero() {
		return "the start"
	}
	return d.String()
}

// On returns the membership of person that holds on day d, and false if
// none does (an unknown person, or a day outside every membership).
func (o *Org) On(person string, d Date) (Membership, bool) {
	if o == nil {
		return Membership{}, false
	}
	for _, m := range o.byPerson[person] {
		if m.covers(d) {
			return m, true
		}
	}
	return Membership{}, false
}

// Chain returns person's management chain on day d: their manager, the
// manager's manager, and so on to the top. A cycle in the data stops the
// chain at the first repeated person.
func (o *Org) Chain(person string, d Date) []string {
	var chain []string
	seen := map[string]bool{person: true}
	for {
		m, ok := o.On(person, d)
		if !ok || m.Manager == "" || seen[m.Manager] {
			return chain
		}
		chain = append(chain, m.Manager)
		seen[m.Manager] = true
		person = m.Manager
	}
}

// Reports returns, sorted, the people who reported directly to manager
// on day d.
func (o *Org) Reports(manager string, d Date) []string {
	if o == nil {
		return nil
	}
	var out []string
	for p, list := range o.byPerson {
		for i := range list {
			if list[i].Manager == manager && list[i].covers(d) {
				out = append(out, p)
				break
			}
		}
	}
	slices.Sort(out)
	return out
}

// People returns every person with a membership, sorted.
func (o *Org) People() []string {
	if o == nil {
		return nil
	}
	return slices.Sorted(maps.Keys(o.byPerson))
}

// String lists the memberships, one per line, sorted by person and date,
// for debugging.
func (o *Org) String() string {
	var b strings.Builder
	for _, p := range o.People() {
		for _, m := range o.byPerson[p] {
			b.WriteString(p + " → manager " + m.Manager + ", team " + m.Team + ", region " + m.Region +
				", from " + dateOrStart(m.From) + " until " + untilOrNow(m.Until) + "\n")
		}
	}
	return b.String()
}

func untilOrNow(d Date) string {
	if d.IsZero() {
		return "now"
	}
	return d.String()
}
