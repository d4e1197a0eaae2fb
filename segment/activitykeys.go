package segment

import (
	"time"

	sp "github.com/salesperf/salesperf"
)

// Keys over activities. An activity is placed in time by Activity.At, the
// instant it happened (or was booked, for a meeting scheduled), and
// credited in the org chart to its rep as of that day.

// Rep is the rep who did the activity: the usual key of an activity
// leaderboard, to match [Owner] on the deals.
func Rep(a *sp.Activity) string { return a.Rep }

// Kind is the activity's kind as a report prints it (Activity.KindName):
// "call", "meeting held", or the name of a custom kind, so that each
// custom kind is a segment of its own. A custom kind named like a
// built-in one ("call") shares its segment.
func Kind(a *sp.Activity) string { return a.KindName() }

// Category is the activity's time category as a report prints it
// (Activity.CategoryName): "prospecting", "uncategorized", or the name of
// a custom category.
func Category(a *sp.Activity) string { return a.CategoryName() }

// Deal is the ID of the deal the activity belongs to, "" for none.
func Deal(a *sp.Activity) string { return a.Deal }

// ActivityPeriod returns a key that puts an activity in the period of
// grain g that contains Activity.At, in calendar cal (in its location):
// ActivityPeriod(cal, salesperf.Week) groups activities by week. An
// activity without a time (the zero At, which validation reports) gets the
// zero Period, a bucket of its own that sorts first, so it is visible
// rather than dropped. It panics on an invalid grain or calendar.
func ActivityPeriod(cal sp.Calendar, g sp.Grain) func(*sp.Activity) sp.Period {
	if g < sp.Day || g > sp.Year {
		panic("segment: invalid grain " + g.String())
	}
	if err := cal.Validate(); err != nil {
		panic("segment: " + err.Error())
	}
	return func(a *sp.Activity) sp.Period {
		if a.At.IsZero() {
			return sp.Period{}
		}
		return cal.PeriodOf(a.At, g)
	}
}

// RepManager returns a key that credits an activity to its rep's manager
// as of the day of Activity.At in loc (nil means UTC): a call made in
// March by a rep who changed teams in April counts for the March manager.
// An activity whose rep has no membership on that day (or that has no
// time) gets the key "".
func RepManager(org *sp.Org, loc *time.Location) func(*sp.Activity) string {
	return activityMembershipKey(org, loc, func(m sp.Membership) string { return m.Manager })
}

// RepTeam returns a key that credits an activity to its rep's team as of
// the day of Activity.At, as [RepManager] does for the manager.
func RepTeam(org *sp.Org, loc *time.Location) func(*sp.Activity) string {
	return activityMembershipKey(org, loc, func(m sp.Membership) string { return m.Team })
}

// RepRegion returns a key that credits an activity to its rep's region in
// the org chart as of the day of Activity.At, as [RepManager] does for
// the manager.
func RepRegion(org *sp.Org, loc *time.Location) func(*sp.Activity) string {
	return activityMembershipKey(org, loc, func(m sp.Membership) string { return m.Region })
}

func activityMembershipKey(org *sp.Org, loc *time.Location, field func(sp.Membership) string) func(*sp.Activity) string {
	if loc == nil {
		loc = time.UTC
	}
	return func(a *sp.Activity) string {
		if a.At.IsZero() {
			return ""
		}
		m, ok := org.On(a.Rep, sp.DateOf(a.At.In(loc)))
		if !ok {
			return ""
		}
		return field(m)
	}
}
