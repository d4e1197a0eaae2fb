package segment

import (
	"time"

	sp "github.com/salesperf/salesperf"
)

// LeadSource is the lead's source ("web form", "webinar", "referral"…):
// response time and conversion by source.
func LeadSource(l *sp.Lead) string { return l.Source }

// LeadOwner is the rep responsible for following the lead up: response
// time by rep.
func LeadOwner(l *sp.Lead) string { return l.Owner }

// LeadPeriod returns a key that puts a lead in the period of grain g that
// contains its created date, in calendar cal: LeadPeriod(cal,
// salesperf.Month) groups leads by month of creation, the usual cohort of
// lead response time. A lead without a created date gets the zero Period,
// a bucket of its own that sorts first, so it is visible rather than
// dropped. It panics on an invalid grain or calendar.
func LeadPeriod(cal sp.Calendar, g sp.Grain) func(*sp.Lead) sp.Period {
	if g < sp.Day || g > sp.Year {
		panic("segment: invalid grain " + g.String())
	}
	if err := cal.Validate(); err != nil {
		panic("segment: " + err.Error())
	}
	return func(l *sp.Lead) sp.Period {
		if l.Created.IsZero() {
			return sp.Period{}
		}
		return cal.PeriodOf(l.Created, g)
	}
}

// LeadOwnerManager returns a key that credits a lead to its owner's
// manager as of the lead's created date in loc (nil means UTC), as
// [Manager] does for a deal. A lead whose owner has no membership on that
// date gets the key "".
func LeadOwnerManager(org *sp.Org, loc *time.Location) func(*sp.Lead) string {
	return leadMembershipKey(org, loc, func(m sp.Membership) string { return m.Manager })
}

// LeadOwnerTeam returns a key that credits a lead to its owner's team as
// of the lead's created date, as [LeadOwnerManager] does for the manager.
func LeadOwnerTeam(org *sp.Org, loc *time.Location) func(*sp.Lead) string {
	return leadMembershipKey(org, loc, func(m sp.Membership) string { return m.Team })
}

// LeadOwnerRegion returns a key that credits a lead to its owner's region
// in the org chart as of the lead's created date, as [LeadOwnerManager]
// does for the manager.
func LeadOwnerRegion(org *sp.Org, loc *time.Location) func(*sp.Lead) string {
	return leadMembershipKey(org, loc, func(m sp.Membership) string { return m.Region })
}

func leadMembershipKey(org *sp.Org, loc *time.Location, field func(sp.Membership) string) func(*sp.Lead) string {
	if loc == nil {
		loc = time.UTC
	}
	return func(l *sp.Lead) string {
		m, ok := org.On(l.Owner, sp.DateOf(l.Created.In(loc)))
		if !ok {
			return ""
		}
		return field(m)
	}
}
