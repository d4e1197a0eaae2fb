package segment_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
	"pgregory.net/rapid"
)

// TestManagerIDUnnormalisedMembershipDates: a membership whose Until (or
// From) has fields out of range (2026-03-00 is 2026-02-28 to DayOf, but
// compares after 2026-02-28 field by field, as Org.On compares) gives the
// manager Org.On gives, and binding terminates.
func TestManagerIDUnnormalisedMembershipDates(t *testing.T) {
	org, err := sp.NewOrg([]sp.Membership{
		{Person: "ann", Manager: "mo", Until: sp.Date{Year: 2026, Month: 3, Day: 0}},
		{Person: "ann", Manager: "max", From: sp.Date{Year: 2026, Month: 3, Day: 1}},
		{Person: "bob", Manager: "mo", From: sp.Date{Year: 2026, Month: 1, Day: 1}, Until: sp.Date{Year: 2026, Month: 2, Day: 30}},
		{Person: "bob", Manager: "max", From: sp.Date{Year: 2026, Month: 3, Day: 2}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var ds []sp.Deal
	for i, day := range []int{-1, 0, 1, 2, 3} { // 02-27 … 03-03
		for _, rep := range []string{"ann", "bob"} {
			ds = append(ds, sp.Deal{ID: rep + string(rune('0'+i)), Owner: rep, Status: sp.Won,
				Created: time.Date(2026, 2, 28+day, 12, 0, 0, 0, time.UTC), Closed: time.Date(2026, 2, 28+day, 12, 0, 0, 0, time.UTC)})
		}
	}
	tab := dealTable(t, ds, sp.DealFieldOwner|sp.DealFieldStatus|sp.DealFieldCreated|sp.DealFieldClosed)
	done := make(chan struct{})
	var got map[string]*statusCounts
	go func() {
		defer close(done)
		d, err := segment.FoldTable(tab, segment.ManagerID(org, nil, segment.ByClosed), countByStatus())
		if err != nil {
			t.Error(err)
			return
		}
		got = d.Map()
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("binding ManagerID did not finish (it loops on an Until that DayOf normalises)")
	}
	want := segment.Fold(metrics.Refs(ds), segment.Manager(org, nil, segment.ByClosed), countByStatus())
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-Fold +FoldTable):\n%s", diff)
	}
}

// TestManagerIDUnnormalisedProperty: as TestFoldTableMatchesFold's
// manager keys, over orgs whose membership dates are sometimes out of
// range (day 0, day 30 of February, day 31 of a 30-day month).
func TestManagerIDUnnormalisedProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ds := drawMany(t, genDeal())
		var ms []sp.Membership
		odd := func(d sp.Date, label string) sp.Date {
			if d.IsZero() || !rapid.Bool().Draw(t, label) {
				return d
			}
			// The same month, a day that does not exist: 0, or 29–31.
			return sp.Date{Year: d.Year, Month: d.Month, Day: rapid.SampledFrom([]int{0, 29, 30, 31}).Draw(t, label+"Day")}
		}
		for _, rep := range []string{"ann", "bob", "cy"} {
			n := rapid.IntRange(0, 3).Draw(t, rep+"Spans")
			days := rapid.SliceOfNDistinct(rapid.IntRange(0, 36), 2*n, 2*n, rapid.ID[int]).Draw(t, rep+"Months")
			sortInts(days)
			for i := 0; i < n; i++ {
				from := sp.Date{Year: 2025, Month: 1, Day: 15}.AddMonths(days[2*i])
				until := sp.Date{Year: 2025, Month: 1, Day: 15}.AddMonths(days[2*i+1])
				ms = append(ms, sp.Membership{Person: rep, Manager: rapid.SampledFrom([]string{"mo", "max"}).Draw(t, "manager"),
					From: odd(from, "oddFrom"), Until: odd(until, "oddUntil")})
			}
		}
		org, err := sp.NewOrg(ms)
		if err != nil {
			t.Skip("overlapping after the odd days:", err)
		}
		c := segment.Cohort(rapid.IntRange(1, 3).Draw(t, "cohort"))
		checkDealKey(t, ds, segment.ManagerID(org, nil, c), segment.Manager(org, nil, c))
	})
}

// TestZeroDenseMergeTakesNumbering: merging into the zero Dense gives a
// copy of the argument's ids, whether they merge slot by slot (OwnerID)
// or by key (ManagerID, KindID): the same N, and every id named once.
func TestZeroDenseMergeTakesNumbering(t *testing.T) {
	ds := deals()
	tab := dealTable(t, ds, sp.DealFieldOwner|sp.DealFieldStatus|sp.DealFieldCreated|sp.DealFieldClosed)
	for _, k := range []segment.DealKey[string]{segment.OwnerID(), segment.ManagerID(team(t), nil, segment.ByClosed)} {
		d, err := segment.FoldTable(tab, k, countByStatus())
		if err != nil {
			t.Fatal(err)
		}
		var z segment.Dense[string, statusCounts]
		z.Get("warm the index")
		z.Merge(d)
		for k, s := range d.Map() {
			if g, ok := z.Get(k); !ok || *g != *s {
				t.Errorf("zero.Merge: Get(%q) = %v, %v; want %v", k, g, ok, *s)
			}
		}
		if z.N() != d.N() || z.Len() != d.Len() {
			t.Errorf("zero.Merge: N %d, Len %d; want N %d, Len %d", z.N(), z.Len(), d.N(), d.Len())
		}
		names := map[string]int{}
		for id := range uint32(z.N()) {
			names[z.Key(id)]++
		}
		for k, n := range names {
			if n > 1 {
				t.Errorf("zero.Merge: key %q names %d ids", k, n)
			}
		}
		if diff := cmp.Diff(d.Map(), z.Map()); diff != "" {
			t.Errorf("zero.Merge (-d +zero):\n%s", diff)
		}
	}
}

// genCalendar draws any valid calendar: fiscal years starting in any
// month and named either way, any week start, the three retail patterns
// ending on the last or the nearest weekday, in UTC, New York or Berlin.
func genCalendar(t *rapid.T) sp.Calendar {
	cal := sp.Calendar{
		FiscalYearStart: time.Month(rapid.IntRange(0, 12).Draw(t, "fiscalYearStart")),
		Naming:          rapid.SampledFrom([]sp.YearNaming{sp.NameByEndYear, sp.NameByStartYear}).Draw(t, "naming"),
		Location:        rapid.SampledFrom([]*time.Location{nil, time.UTC, newYork, berlin}).Draw(t, "location"),
		WeekStart:       time.Weekday(rapid.IntRange(0, 6).Draw(t, "weekStart")),
		Retail:          rapid.SampledFrom([]sp.RetailPattern{sp.NotRetail, sp.Retail445, sp.Retail454, sp.Retail544}).Draw(t, "retail"),
		RetailYearEnd:   rapid.SampledFrom([]sp.RetailYearEnd{sp.LastWeekday, sp.NearestWeekday}).Draw(t, "retailYearEnd"),
	}
	return cal
}

// TestPeriodIDAnyCalendar: PeriodID and ActivityPeriodID agree with the
// row-form keys over every kind of calendar, and folds of two tables by
// period merge into the fold of the whole (slot by slot or by key).
func TestPeriodIDAnyCalendar(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ds := drawMany(t, genDeal())
		cal := genCalendar(t)
		g := sp.Grain(rapid.IntRange(int(sp.Day), int(sp.Year)).Draw(t, "grain"))
		c := segment.Cohort(rapid.IntRange(1, 3).Draw(t, "cohort"))
		checkDealKey(t, ds, segment.PeriodID(cal, g, c), segment.Period(cal, g, c))

		cut := rapid.IntRange(0, len(ds)).Draw(t, "cut")
		a := countByStatus()
		fields := sp.DealFieldStatus | cohortField(c)
		d1, err := segment.FoldTable(dealTable(t, ds[:cut], fields), segment.PeriodID(cal, g, c), a)
		if err != nil {
			t.Fatal(err)
		}
		d2, err := segment.FoldTable(dealTable(t, ds[cut:], fields), segment.PeriodID(cal, g, c), a)
		if err != nil {
			t.Fatal(err)
		}
		d2.Merge(d1)
		if diff := cmp.Diff(segment.Fold(metrics.Refs(ds), segment.Period(cal, g, c), a), d2.Map()); diff != "" {
			t.Fatalf("merged (-Fold +Merge):\n%s", diff)
		}
	})
}

func cohortField(c segment.Cohort) sp.DealFields {
	switch c {
	case segment.ByCreated:
		return sp.DealFieldCreated
	case segment.ByClosed:
		return sp.DealFieldClosed
	}
	return sp.DealFieldExpectedClose
}

func TestActivityPeriodIDAnyCalendar(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		as := drawMany(t, genActivity())
		cal := genCalendar(t)
		g := sp.Grain(rapid.IntRange(int(sp.Day), int(sp.Year)).Draw(t, "grain"))
		checkActivityKey(t, as, segment.ActivityPeriodID(cal, g), segment.ActivityPeriod(cal, g))
	})
}

// TestPeriodIDSpanErrorNamesField: dates too far apart for a period
// table are an error naming the field they come from.
func TestPeriodIDSpanErrorNamesField(t *testing.T) {
	ds := []sp.Deal{{ID: "1", ExpectedClose: sp.Date{Year: 2026, Month: 3, Day: 1}},
		{ID: "2", ExpectedClose: sp.Date{Year: 30000, Month: 1, Day: 1}}}
	tab := dealTable(t, ds, sp.DealFieldStatus|sp.DealFieldExpectedClose)
	_, err := segment.FoldTable(tab, segment.PeriodID(sp.Calendar{}, sp.Month, segment.ByExpectedClose), countByStatus())
	if err == nil || !strings.Contains(err.Error(), "expected close") {
		t.Errorf("err = %v, want one naming the expected close dates", err)
	}
}

// TestFoldLeavesKeyColumnAlone: OwnerID and RepID hand the fold the
// table's own Owner and Rep columns (read in place); folding with the
// built-ins and their combinators, on several goroutines, leaves them as
// they were, and a fold after it gives the same states.
func TestFoldLeavesKeyColumnAlone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ds := drawMany(t, genDeal())
		tab := dealTable(t, ds, sp.AllDealFields)
		owners := append([]uint32(nil), tab.Owner...)
		g := rapid.IntRange(1, 4).Draw(t, "goroutines")
		card := metrics.Both(metrics.Counts(), metrics.Both(metrics.WonAmount(), metrics.SalesCycle(nil)))
		won := metrics.WhereDeals(metrics.Both(metrics.Amount(), metrics.WinRate()), metrics.StatusIn(sp.Won, sp.Lost))
		first, err := segment.FoldTableN(tab, segment.OwnerID(), card, g)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := segment.FoldTableN(tab, segment.OwnerID(), won, g); err != nil {
			t.Fatal(err)
		}
		if _, err := segment.FoldTableN(tab, segment.OwnerID(), metrics.NewOpportunities(), g); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(owners, tab.Owner); diff != "" {
			t.Fatalf("Owner column changed by a fold:\n%s", diff)
		}
		again, err := segment.FoldTableN(tab, segment.OwnerID(), card, 1)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(fmt.Sprint(segment.Results(card, first.Map())), fmt.Sprint(segment.Results(card, again.Map()))); diff != "" {
			t.Fatalf("second fold differs:\n%s", diff)
		}

		as := drawMany(t, genActivity())
		at := sp.NewActivityTable(sp.AllActivityFields, nil, nil)
		for i := range as {
			if err := at.Append(&as[i]); err != nil {
				t.Fatal(err)
			}
		}
		reps := append([]uint32(nil), at.Rep...)
		if _, err := segment.FoldActivitiesN(at, segment.RepID(), metrics.ActivityCounts(), g); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(reps, at.Rep); diff != "" {
			t.Fatalf("Rep column changed by a fold:\n%s", diff)
		}
	})
}

// TestRollupIDsSkip: children whose parent is Skip are left out, and a
// parent none of whose children is a segment is not one.
func TestRollupIDsSkip(t *testing.T) {
	ds := deals()
	tab := dealTable(t, ds, sp.DealFieldOwner|sp.DealFieldStatus)
	d, err := segment.FoldTable(tab, segment.OwnerID(), countByStatus())
	if err != nil {
		t.Fatal(err)
	}
	ann, _ := tab.Reps.Lookup("ann")
	ids := make([]uint32, tab.Reps.Len())
	for i := range ids {
		ids[i] = metrics.Skip
	}
	ids[ann] = 1 // parent 0 ("nobody") has no child
	names := []string{"nobody", "team"}
	r, err := segment.RollupIDs(d, segment.Parents[string]{IDs: ids, N: 2, Key: func(id uint32) string { return names[id] }})
	if err != nil {
		t.Fatal(err)
	}
	annState, _ := d.Get("ann")
	want := map[string]*statusCounts{"team": annState}
	if diff := cmp.Diff(want, r.Map()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if r.Len() != 1 {
		t.Errorf("Len = %d, want 1", r.Len())
	}
	// The hand count: ann's deals of the fixture.
	var hand statusCounts
	for i := range ds {
		if ds[i].Owner == "ann" {
			hand.add(ds[i].Status)
		}
	}
	if *annState != hand {
		t.Errorf("ann = %v, want %v", *annState, hand)
	}
}

// TestRollupIDsBadParents: parents without a Key or with a negative N
// are an error, not a panic later in Map or now in make.
func TestRollupIDsBadParents(t *testing.T) {
	tab := dealTable(t, deals(), sp.DealFieldOwner|sp.DealFieldStatus)
	d, err := segment.FoldTable(tab, segment.OwnerID(), countByStatus())
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]uint32, d.N())
	for _, p := range []segment.Parents[string]{{IDs: ids, N: 1}, {IDs: ids, N: -1, Key: func(uint32) string { return "" }}} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("N %d, Key %v: panic %v", p.N, p.Key != nil, r)
				}
			}()
			if r, err := segment.RollupIDs(d, p); err == nil {
				t.Errorf("N %d, Key %v: no error (%d segments)", p.N, p.Key != nil, len(r.Map()))
			}
		}()
	}
}
