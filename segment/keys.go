package segment

import (
	"strconv"
	"time"

	sp "github.com/salesperf/salesperf"
)

// Owner is the deal's owner (rep): the usual key of a leaderboard.
func Owner(d *sp.Deal) string { return d.Owner }

// Creator is who created the deal (Deal.CreatedBy: the creator, or the
// owner when none is recorded), for "new opportunities by creator".
func Creator(d *sp.Deal) string { return d.CreatedBy() }

// Source is the deal's lead source or channel.
func Source(d *sp.Deal) string { return d.Source }

// Pipeline is the deal's pipeline name ("" for the default pipeline).
func Pipeline(d *sp.Deal) string { return d.Pipeline }

// Stage is the deal's current stage.
func Stage(d *sp.Deal) string { return d.Stage }

// Industry is the deal's industry attribute.
func Industry(d *sp.Deal) string { return d.Industry }

// Product is the deal's product attribute.
func Product(d *sp.Deal) string { return d.Product }

// Account is the deal's account (customer).
func Account(d *sp.Deal) string { return d.Account }

// LostReason is the reason a deal was lost ("" for deals not lost).
func LostReason(d *sp.Deal) string { return d.LostReason }

// Territory is the region attribute recorded on the deal itself; for the
// region of the owner's team through the org chart, use [Region].
func Territory(d *sp.Deal) string { return d.Region }

// Currency is the currency of the deal's amount, to compute money figures
// per currency.
func Currency(d *sp.Deal) sp.Currency { return d.Amount.Currency() }

// Status is the deal's status (open, won, lost).
func Status(d *sp.Deal) sp.Status { return d.Status }

// Cohort says which of a deal's dates places it in time: in a period, and
// in the org chart as it stood then. The zero Cohort is invalid.
type Cohort int8

// The cohorts.
const (
	ByCreated       Cohort = iota + 1 // the date the deal was created: new opportunities, created-cohort conversion
	ByClosed                          // the date it was won or lost: win rate, won amount, cycle length
	ByExpectedClose                   // its expected close date: pipeline and forecasts
)

// String returns "created", "closed", "expected close", or "Cohort(N)".
func (c Cohort) String() string {
	switch c {
	case ByCreated:
		return "created"
	case ByClosed:
		return "closed"
	case ByExpectedClose:
		return "expected close"
	}
	return "Cohort(" + strconv.Itoa(int(c)) + ")"
}

func (c Cohort) check() {
	if c < ByCreated || c > ByExpectedClose {
		panic("segment: invalid cohort " + c.String())
	}
}

// Date returns the deal's date for cohort c as a civil date in loc (nil
// means UTC), and false when the deal has none (an open deal has no close
// date; a deal may have no expected close date). It panics on an invalid
// Cohort.
func (c Cohort) Date(d *sp.Deal, loc *time.Location) (sp.Date, bool) {
	if loc == nil {
		loc = time.UTC
	}
	switch c {
	case ByCreated:
		return sp.DateOf(d.Created.In(loc)), !d.Created.IsZero()
	case ByClosed:
		return sp.DateOf(d.Closed.In(loc)), !d.Closed.IsZero()
	case ByExpectedClose:
		return d.ExpectedClose, !d.ExpectedClose.IsZero()
	}
	panic("segment: invalid cohort " + c.String())
}

// Period returns a key that puts a deal in the period of grain g that
// contains its cohort date, in calendar cal: Period(cal, salesperf.Month,
// ByClosed) groups deals by month of close. A deal without that date (an
// open deal, by close date) gets the zero Period, a bucket of its own
// that sorts first, so it is visible rather than dropped. It panics on an
// invalid grain, cohort or calendar.
func Period(cal sp.Calendar, g sp.Grain, c Cohort) func(*sp.Deal) sp.Period {
	c.check()
	if g < sp.Day || g > sp.Year {
		panic("segment: invalid grain " + g.String())
	}
	if err := cal.Validate(); err != nil {
		panic("segment: " + err.Error())
	}
	loc := cal.Location
	return func(d *sp.Deal) sp.Period {
		day, ok := c.Date(d, loc)
		if !ok {
			return sp.Period{}
		}
		return cal.PeriodOfDate(day, g)
	}
}

// Manager returns a key that credits a deal to its owner's manager as of
// the deal's cohort date in loc (nil means UTC): a deal won in March by a
// rep who changed teams in April counts for the March manager. A deal
// without the cohort date (an open deal, by close date) is credited as of
// its created date. A deal whose owner has no membership on that date
// gets the key "". It panics on an invalid cohort.
func Manager(org *sp.Org, loc *time.Location, c Cohort) func(*sp.Deal) string {
	return membershipKey(org, loc, c, func(m sp.Membership) string { return m.Manager })
}

// Team returns a key that credits a deal to its owner's team as of the
// deal's cohort date, as [Manager] does for the manager.
func Team(org *sp.Org, loc *time.Location, c Cohort) func(*sp.Deal) string {
	return membershipKey(org, loc, c, func(m sp.Membership) string { return m.Team })
}

// Region returns a key that credits a deal to its owner's region in the
// org chart as of the deal's cohort date, as [Manager] does for the
// manager. For the region recorded on the deal itself, use [Territory].
func Region(org *sp.Org, loc *time.Location, c Cohort) func(*sp.Deal) string {
	return membershipKey(org, loc, c, func(m sp.Membership) string { return m.Region })
}

func membershipKey(org *sp.Org, loc *time.Location, c Cohort, field func(sp.Membership) string) func(*sp.Deal) string {
	c.check()
	return func(d *sp.Deal) string {
		day, ok := c.Date(d, loc)
		if !ok {
			day, _ = ByCreated.Date(d, loc)
		}
		m, ok := org.On(d.Owner, day)
		if !ok {
			return ""
		}
		return field(m)
	}
}

// Key2 is a key of two parts, such as rep × month.
type Key2[A, B comparable] struct {
	A A
	B B
}

// Two combines two keys into one: Two(Owner, Period(cal, Month,
// ByClosed)) segments by rep and month of close.
func Two[T any, A, B comparable](a func(T) A, b func(T) B) func(T) Key2[A, B] {
	return func(v T) Key2[A, B] { return Key2[A, B]{a(v), b(v)} }
}

// Compare2 orders two-part keys by their first part with ca, then by the
// second with cb: SortedFunc(m, Compare2(strings.Compare,
// salesperf.Period.Compare)) prints rep by rep, month by month.
func Compare2[A, B comparable](ca func(x, y A) int, cb func(x, y B) int) func(x, y Key2[A, B]) int {
	return func(x, y Key2[A, B]) int {
		if c := ca(x.A, y.A); c != 0 {
			return c
		}
		return cb(x.B, y.B)
	}
}

// LostAtStage is the stage a lost deal was in when it was lost: the last
// stage in its history before it moved to its final (lost) stage, or ""
// when the history does not say (no history, or only the final stage).
// For a deal that is not lost it is "".
func LostAtStage(d *sp.Deal) string {
	if d.Status != sp.Lost {
		return ""
	}
	for i := len(d.StageHistory) - 1; i >= 0; i-- {
		if s := d.StageHistory[i].Stage; s != d.Stage {
			return s
		}
	}
	return ""
}
