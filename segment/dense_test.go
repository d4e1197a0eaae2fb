package segment_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
	"pgregory.net/rapid"
)

// statusCounts is a test metric with a column form: deals by status.
type statusCounts struct{ Open, Won, Lost, Other int64 }

func (s *statusCounts) add(st sp.Status) {
	switch st {
	case sp.Open:
		s.Open++
	case sp.Won:
		s.Won++
	case sp.Lost:
		s.Lost++
	default:
		s.Other++
	}
}

func countByStatus() metrics.Aggregator[*sp.Deal, statusCounts, statusCounts] {
	return metrics.Aggregator[*sp.Deal, statusCounts, statusCounts]{
		Add: func(s *statusCounts, d *sp.Deal) { s.add(d.Status) },
		Merge: func(dst, src *statusCounts) {
			dst.Open += src.Open
			dst.Won += src.Won
			dst.Lost += src.Lost
			dst.Other += src.Other
		},
		Result: func(s *statusCounts) statusCounts { return *s },
		DealRows: func(states []statusCounts, b metrics.DealBatch) {
			for i, k := range b.Keys {
				if k != metrics.Skip {
					states[k].add(b.T.Status[b.Lo+i])
				}
			}
		},
		DealNeeds: sp.DealFieldStatus,
	}
}

// wonSum is a test metric with a column form that skips rows, as a Where
// filter does: the won amount per currency.
func wonSum() metrics.Aggregator[*sp.Deal, sp.Sum, sp.Sum] {
	return metrics.Aggregator[*sp.Deal, sp.Sum, sp.Sum]{
		Add: func(s *sp.Sum, d *sp.Deal) {
			if d.Status == sp.Won {
				s.Add(d.Amount)
			}
		},
		Merge:  func(dst, src *sp.Sum) { dst.Merge(src) },
		Result: (*sp.Sum).Clone,
		DealRows: func(states []sp.Sum, b metrics.DealBatch) {
			for i, k := range b.Keys {
				if k != metrics.Skip && b.T.Status[b.Lo+i] == sp.Won {
					states[k].Add(b.T.AmountOf(b.Lo + i))
				}
			}
		},
		DealNeeds: sp.DealFieldStatus | sp.DealFieldAmount,
	}
}

// activityMinutes is a test activity metric with a column form: the count
// and the total duration.
type activityMinutes struct {
	N        int64
	Duration time.Duration
}

func countActivities() metrics.Aggregator[*sp.Activity, activityMinutes, activityMinutes] {
	return metrics.Aggregator[*sp.Activity, activityMinutes, activityMinutes]{
		Add: func(s *activityMinutes, a *sp.Activity) { s.N++; s.Duration += a.Duration },
		Merge: func(dst, src *activityMinutes) {
			dst.N += src.N
			dst.Duration += src.Duration
		},
		Result: func(s *activityMinutes) activityMinutes { return *s },
		ActivityRows: func(states []activityMinutes, b metrics.ActivityBatch) {
			for i, k := range b.Keys {
				if k != metrics.Skip {
					states[k].N++
					states[k].Duration += time.Duration(b.T.Duration[b.Lo+i])
				}
			}
		},
		ActivityNeeds: sp.ActivityFieldDuration,
	}
}

// rowOnly drops a metric's column forms, so that a fold goes row by row.
func rowOnly[T, S, R any](a metrics.Aggregator[T, S, R]) metrics.Aggregator[T, S, R] {
	a.DealRows, a.DealNeeds, a.ActivityRows, a.ActivityNeeds = nil, 0, nil, 0
	return a
}

var (
	newYork = mustLoad("America/New_York")
	berlin  = mustLoad("Europe/Berlin")
)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// genDeal draws a deal with every field a dense key reads: names from
// small sets (some empty), any status (sometimes an invalid one), instants
// in UTC, New York or Berlin around the daylight-saving changes and near
// midnight, sometimes no created date, no expected close date.
func genDeal() *rapid.Generator[sp.Deal] {
	pick := func(t *rapid.T, label string, xs ...string) string { return rapid.SampledFrom(xs).Draw(t, label) }
	return rapid.Custom(func(t *rapid.T) sp.Deal {
		locs := []*time.Location{time.UTC, newYork, berlin}
		instant := func(label string) time.Time {
			loc := locs[rapid.IntRange(0, 2).Draw(t, label+"Loc")]
			// 2025-01-01 … 2027-12-31, in hours, with minutes near midnight.
			base := time.Date(2025, 1, 1, 0, 0, 0, 0, loc)
			h := rapid.IntRange(0, 3*365*24).Draw(t, label+"Hours")
			m := rapid.SampledFrom([]int{0, 1, 30, 59}).Draw(t, label+"Minutes")
			return base.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
		}
		d := sp.Deal{
			ID:         fmt.Sprint(rapid.IntRange(1, 1000).Draw(t, "id")),
			Owner:      pick(t, "owner", "ann", "bob", "cy", "dee", "eve", ""),
			Creator:    pick(t, "creator", "", "", "ann", "zed"),
			Pipeline:   pick(t, "pipeline", "", "new", "renewal"),
			Stage:      pick(t, "stage", "Lead", "Demo", "Won", "Lost"),
			Source:     pick(t, "source", "web", "referral", ""),
			Region:     pick(t, "region", "emea", "amer", ""),
			Industry:   pick(t, "industry", "retail", "bank"),
			Product:    pick(t, "product", "core", "addon", ""),
			Account:    pick(t, "account", "acme", "globex", "initech"),
			LostReason: pick(t, "lostReason", "", "price", "timing"),
			Status:     sp.Status(rapid.IntRange(0, 4).Draw(t, "status")),
			Amount:     sp.NewMoney(rapid.Int64Range(0, 1_000_000).Draw(t, "minor"), sp.Currency(pick(t, "currency", "USD", "EUR"))),
		}
		if rapid.IntRange(0, 9).Draw(t, "noCreated") > 0 {
			d.Created = instant("created")
		}
		if rapid.Bool().Draw(t, "closed") {
			d.Closed = instant("closed")
		}
		if rapid.Bool().Draw(t, "expected") {
			d.ExpectedClose = sp.DateOf(instant("expected"))
		}
		return d
	})
}

// genOrg draws an org of the reps ann … dee (eve is in no org) whose
// memberships change on a few days, with gaps, a first membership since
// always or not, and a last one until now or not.
func genOrg(t *rapid.T) *sp.Org {
	var ms []sp.Membership
	for _, rep := range []string{"ann", "bob", "cy", "dee"} {
		n := rapid.IntRange(0, 4).Draw(t, rep+"Spans")
		days := rapid.SliceOfNDistinct(rapid.IntRange(0, 3*365), 2*n, 2*n, rapid.ID[int]).Draw(t, rep+"Days")
		sortInts(days)
		for i := 0; i < n; i++ {
			m := sp.Membership{Person: rep,
				Manager: rapid.SampledFrom([]string{"mo", "max", ""}).Draw(t, "manager"),
				Team:    rapid.SampledFrom([]string{"east", "west"}).Draw(t, "team"),
				Region:  rapid.SampledFrom([]string{"emea", "amer", "apac"}).Draw(t, "orgRegion"),
				From:    sp.Date{Year: 2025, Month: 1, Day: 1}.AddDays(days[2*i]),
				Until:   sp.Date{Year: 2025, Month: 1, Day: 1}.AddDays(days[2*i+1]),
			}
			if i == 0 && rapid.Bool().Draw(t, "always") {
				m.From = sp.Date{}
			}
			if i == n-1 && rapid.Bool().Draw(t, "still") {
				m.Until = sp.Date{}
			}
			ms = append(ms, m)
		}
	}
	org, err := sp.NewOrg(ms)
	if err != nil {
		t.Fatal(err)
	}
	return org
}

func sortInts(xs []int) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

func dealTable(t interface{ Fatal(...any) }, ds []sp.Deal, fields sp.DealFields) *sp.DealTable {
	tab := sp.NewDealTable(fields, nil)
	for i := range ds {
		if err := tab.Append(&ds[i]); err != nil {
			t.Fatal(err)
		}
	}
	return tab
}

// checkDealKey checks, for the column-form test metrics, a built-in
// metric through the row fallback and the test metrics stripped of their
// column form, that FoldTable and FoldTableN with 1–4 goroutines over
// the deals give what Fold gives with the row-form key.
func checkDealKey[K comparable](t *rapid.T, ds []sp.Deal, k segment.DealKey[K], row func(*sp.Deal) K) {
	full := dealTable(t, ds, sp.AllDealFields)
	g := rapid.IntRange(1, 4).Draw(t, "goroutines")
	check := func(name string, err error, got, want any) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s (-Fold +FoldTable):\n%s", name, diff)
		}
	}
	{
		a := countByStatus()
		want := segment.Fold(metrics.Refs(ds), row, a)
		narrow := dealTable(t, ds, k.Needs|a.DealNeeds)
		d, err := segment.FoldTable(narrow, k, a)
		check("countByStatus", err, d.Map(), want)
		d, err = segment.FoldTableN(narrow, k, a, g)
		check("countByStatus N", err, d.Map(), want)
		d, err = segment.FoldTable(full, k, rowOnly(a))
		check("countByStatus rows", err, d.Map(), want)
	}
	{
		a := wonSum()
		want := segment.Fold(metrics.Refs(ds), row, a)
		d, err := segment.FoldTableN(dealTable(t, ds, k.Needs|a.DealNeeds), k, a, g)
		check("wonSum", err, d.Map(), want)
		d, err = segment.FoldTableN(full, k, rowOnly(a), g)
		check("wonSum rows", err, d.Map(), want)
	}
	{
		a := metrics.WinRate()
		want := segment.Fold(metrics.Refs(ds), row, a)
		d, err := segment.FoldTableN(full, k, a, g)
		check("WinRate", err, d.Map(), want)
	}
}

// drawMany draws up to 100 values and, when it drew an odd number of
// them, repeats them to more than 2,100 rows, so that a table often spans
// several 1,024-row batches and FoldTableN splits it. (rapid draws small
// numbers far more often than large ones, so a drawn repeat count would
// rarely reach a second batch.)
func drawMany[T any](t *rapid.T, g *rapid.Generator[T]) []T {
	xs := rapid.SliceOfN(g, 0, 100).Draw(t, "values")
	if len(xs)%2 == 0 {
		return xs
	}
	var out []T
	for len(out) <= 2100 {
		out = append(out, xs...)
	}
	return out
}

func TestFoldTableMatchesFold(t *testing.T) {
	cals := []sp.Calendar{{}, {Location: newYork, WeekStart: time.Monday}, {Location: berlin, FiscalYearStart: time.April},
		{Location: newYork, Retail: sp.Retail445}}
	run := func(name string, f func(t *rapid.T, ds []sp.Deal)) {
		t.Run(name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) { f(t, drawMany(t, genDeal())) })
		})
	}
	run("owner, creator", func(t *rapid.T, ds []sp.Deal) {
		checkDealKey(t, ds, segment.OwnerID(), segment.Owner)
		checkDealKey(t, ds, segment.CreatorID(), segment.Creator)
	})
	run("source, stage, pipeline", func(t *rapid.T, ds []sp.Deal) {
		checkDealKey(t, ds, segment.SourceID(), segment.Source)
		checkDealKey(t, ds, segment.StageID(), segment.Stage)
		checkDealKey(t, ds, segment.PipelineID(), segment.Pipeline)
	})
	run("region, industry, product", func(t *rapid.T, ds []sp.Deal) {
		checkDealKey(t, ds, segment.RegionID(), segment.Territory)
		checkDealKey(t, ds, segment.IndustryID(), segment.Industry)
		checkDealKey(t, ds, segment.ProductID(), segment.Product)
	})
	run("account, lost reason, status", func(t *rapid.T, ds []sp.Deal) {
		checkDealKey(t, ds, segment.AccountID(), segment.Account)
		checkDealKey(t, ds, segment.LostReasonID(), segment.LostReason)
		checkDealKey(t, ds, segment.StatusID(), segment.Status)
	})
	run("period", func(t *rapid.T, ds []sp.Deal) {
		cal := rapid.SampledFrom(cals).Draw(t, "calendar")
		g := sp.Grain(rapid.IntRange(int(sp.Day), int(sp.Year)).Draw(t, "grain"))
		c := segment.Cohort(rapid.IntRange(1, 3).Draw(t, "cohort"))
		checkDealKey(t, ds, segment.PeriodID(cal, g, c), segment.Period(cal, g, c))
	})
	run("manager, team, org region", func(t *rapid.T, ds []sp.Deal) {
		org := genOrg(t)
		loc := rapid.SampledFrom([]*time.Location{nil, newYork, berlin}).Draw(t, "loc")
		c := segment.Cohort(rapid.IntRange(1, 3).Draw(t, "cohort"))
		checkDealKey(t, ds, segment.ManagerID(org, loc, c), segment.Manager(org, loc, c))
		checkDealKey(t, ds, segment.TeamID(org, loc, c), segment.Team(org, loc, c))
		checkDealKey(t, ds, segment.OrgRegionID(org, loc, c), segment.Region(org, loc, c))
	})
	run("owner × month", func(t *rapid.T, ds []sp.Deal) {
		cal := rapid.SampledFrom(cals).Draw(t, "calendar")
		checkDealKey(t, ds, segment.TwoID(segment.OwnerID(), segment.PeriodID(cal, sp.Month, segment.ByClosed)),
			segment.Two(segment.Owner, segment.Period(cal, sp.Month, segment.ByClosed)))
	})
}

// genActivity draws an activity: every kind, custom kinds named like a
// built-in one or not at all, sometimes no time, instants in New York and
// Berlin.
func genActivity() *rapid.Generator[sp.Activity] {
	return rapid.Custom(func(t *rapid.T) sp.Activity {
		a := sp.Activity{
			ID:       fmt.Sprint(rapid.IntRange(1, 1000).Draw(t, "id")),
			Rep:      rapid.SampledFrom([]string{"ann", "bob", "cy", "eve"}).Draw(t, "rep"),
			Kind:     sp.ActivityKind(rapid.IntRange(0, int(sp.CustomKind)+1).Draw(t, "kind")),
			Duration: time.Duration(rapid.IntRange(0, 7200).Draw(t, "seconds")) * time.Second,
		}
		if a.Kind == sp.CustomKind || rapid.IntRange(0, 5).Draw(t, "strayCustom") == 0 {
			a.CustomKind = rapid.SampledFrom([]string{"webinar", "call", ""}).Draw(t, "customKind")
		}
		if rapid.IntRange(0, 9).Draw(t, "noAt") > 0 {
			loc := rapid.SampledFrom([]*time.Location{time.UTC, newYork, berlin}).Draw(t, "loc")
			a.At = time.Date(2025, 1, 1, 0, 0, 0, 0, loc).Add(time.Duration(rapid.IntRange(0, 2*365*24*4).Draw(t, "quarterHours")) * 15 * time.Minute)
		}
		return a
	})
}

func checkActivityKey[K comparable](t *rapid.T, as []sp.Activity, k segment.ActivityKey[K], row func(*sp.Activity) K) {
	full := sp.NewActivityTable(sp.AllActivityFields, nil, nil)
	a := countActivities()
	narrow := sp.NewActivityTable(k.Needs|a.ActivityNeeds, nil, nil)
	for i := range as {
		if err := full.Append(&as[i]); err != nil {
			t.Fatal(err)
		}
		if err := narrow.Append(&as[i]); err != nil {
			t.Fatal(err)
		}
	}
	want := segment.Fold(metrics.Refs(as), row, a)
	g := rapid.IntRange(1, 4).Draw(t, "goroutines")
	for _, c := range []struct {
		name string
		t    *sp.ActivityTable
		a    metrics.Aggregator[*sp.Activity, activityMinutes, activityMinutes]
		g    int
	}{{"columns", narrow, a, 1}, {"columns N", narrow, a, g}, {"rows N", full, rowOnly(a), g}} {
		d, err := segment.FoldActivitiesN(c.t, k, c.a, c.g)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if diff := cmp.Diff(want, d.Map()); diff != "" {
			t.Fatalf("%s (-Fold +FoldActivities):\n%s", c.name, diff)
		}
	}
	counts := segment.Fold(metrics.Refs(as), row, metrics.ActivityCounts())
	d, err := segment.FoldActivitiesN(full, k, metrics.ActivityCounts(), g)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(counts, d.Map()); diff != "" {
		t.Fatalf("ActivityCounts (-Fold +FoldActivities):\n%s", diff)
	}
}

func TestFoldActivitiesMatchesFold(t *testing.T) {
	run := func(name string, f func(t *rapid.T, as []sp.Activity)) {
		t.Run(name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) { f(t, drawMany(t, genActivity())) })
		})
	}
	run("rep", func(t *rapid.T, as []sp.Activity) { checkActivityKey(t, as, segment.RepID(), segment.Rep) })
	run("kind", func(t *rapid.T, as []sp.Activity) { checkActivityKey(t, as, segment.KindID(), segment.Kind) })
	run("period", func(t *rapid.T, as []sp.Activity) {
		cal := rapid.SampledFrom([]sp.Calendar{{}, {Location: newYork}, {Location: berlin, WeekStart: time.Monday}}).Draw(t, "calendar")
		g := sp.Grain(rapid.IntRange(int(sp.Day), int(sp.Year)).Draw(t, "grain"))
		checkActivityKey(t, as, segment.ActivityPeriodID(cal, g), segment.ActivityPeriod(cal, g))
	})
	run("rep manager, team, region", func(t *rapid.T, as []sp.Activity) {
		org := genOrg(t)
		loc := rapid.SampledFrom([]*time.Location{nil, newYork, berlin}).Draw(t, "loc")
		checkActivityKey(t, as, segment.RepManagerID(org, loc), segment.RepManager(org, loc))
		checkActivityKey(t, as, segment.RepTeamID(org, loc), segment.RepTeam(org, loc))
		checkActivityKey(t, as, segment.RepRegionID(org, loc), segment.RepRegion(org, loc))
	})
	run("rep × kind", func(t *rapid.T, as []sp.Activity) {
		checkActivityKey(t, as, segment.TwoActivityID(segment.RepID(), segment.KindID()), segment.Two(segment.Rep, segment.Kind))
	})
}

// TestPeriodIDAcrossDST pins hand-computed periods: instants just after
// midnight local time on the days the clocks change, which fall on the
// previous day in UTC, and deals without the date.
func TestPeriodIDAcrossDST(t *testing.T) {
	ds := []sp.Deal{
		// 2026-03-08 00:30 in New York (EST, UTC−5) is 05:30 UTC: day 8 in both.
		{ID: "1", Status: sp.Won, Closed: time.Date(2026, 3, 8, 0, 30, 0, 0, newYork)},
		// 2026-03-29 00:30 in Berlin (CET, UTC+1) is 03-28 23:30 UTC.
		{ID: "2", Status: sp.Won, Closed: time.Date(2026, 3, 29, 0, 30, 0, 0, berlin)},
		// 2026-04-01 00:30 in Berlin (CEST, UTC+2) is 03-31 22:30 UTC: April in Berlin, March in UTC.
		{ID: "3", Status: sp.Won, Closed: time.Date(2026, 4, 1, 0, 30, 0, 0, berlin)},
		{ID: "4", Status: sp.Open},
	}
	tab := dealTable(t, ds, sp.DealFieldStatus|sp.DealFieldClosed)
	month := func(cal sp.Calendar, m time.Month) sp.Period {
		return cal.PeriodOfDate(sp.Date{Year: 2026, Month: m, Day: 1}, sp.Month)
	}
	for _, c := range []struct {
		cal  sp.Calendar
		want map[sp.Period]statusCounts
	}{
		{sp.Calendar{}, map[sp.Period]statusCounts{{}: {Open: 1}, month(sp.Calendar{}, 3): {Won: 3}}},
		{sp.Calendar{Location: berlin}, map[sp.Period]statusCounts{{}: {Open: 1},
			month(sp.Calendar{Location: berlin}, 3): {Won: 2}, month(sp.Calendar{Location: berlin}, 4): {Won: 1}}},
	} {
		d, err := segment.FoldTable(tab, segment.PeriodID(c.cal, sp.Month, segment.ByClosed), countByStatus())
		if err != nil {
			t.Fatal(err)
		}
		got := map[sp.Period]statusCounts{}
		for k, s := range d.All() {
			got[k] = *s
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%v (-want +got):\n%s", c.cal.Location, diff)
		}
	}
	// By day in Berlin: 03-08, 03-29, 04-01, and the zero period.
	d, err := segment.FoldTable(tab, segment.PeriodID(sp.Calendar{Location: berlin}, sp.Day, segment.ByClosed), countByStatus())
	if err != nil {
		t.Fatal(err)
	}
	var days []string
	for k := range d.All() {
		if k == (sp.Period{}) {
			days = append(days, "none")
		} else {
			days = append(days, k.Start.String())
		}
	}
	if want := []string{"none", "2026-03-08", "2026-03-29", "2026-04-01"}; !cmp.Equal(days, want) {
		t.Errorf("days %v, want %v", days, want)
	}
}

// TestManagerIDHandComputed: ann moves from mo to max on 1 March (team
// fixture); a deal without a close date is credited as of its created day.
func TestManagerIDHandComputed(t *testing.T) {
	ds := deals() // ann: closed 02-10 (mo), 03-05 (max), 03-20 (max); bob: mo; deal 6 open, created 03-03
	ds = append(ds, sp.Deal{ID: "7", Owner: "zed", Status: sp.Open, Created: at(1, 1)})
	tab := dealTable(t, ds, sp.DealFieldOwner|sp.DealFieldStatus|sp.DealFieldCreated|sp.DealFieldClosed)
	d, err := segment.FoldTable(tab, segment.ManagerID(team(t), nil, segment.ByClosed), countByStatus())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]*statusCounts{"mo": {Won: 2, Lost: 1, Open: 1}, "max": {Won: 1, Lost: 1}, "": {Open: 1}}
	if diff := cmp.Diff(want, d.Map()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if s, ok := d.Get("max"); !ok || *s != (statusCounts{Won: 1, Lost: 1}) {
		t.Errorf("Get(max) = %v, %v", s, ok)
	}
	if _, ok := d.Get("nobody"); ok {
		t.Error("Get(nobody) found a segment")
	}
	if d.Len() != 3 {
		t.Errorf("Len = %d, want 3", d.Len())
	}
}

// TestFoldTableSegmentWithoutCountedRows: a segment whose rows the metric
// skips exists, with the zero state, as in Fold with Where.
func TestFoldTableSegmentWithoutCountedRows(t *testing.T) {
	ds := []sp.Deal{{ID: "1", Owner: "ann", Status: sp.Open, Amount: sp.MustParseMoney("5.00 USD")},
		{ID: "2", Owner: "bob", Status: sp.Won, Amount: sp.MustParseMoney("7.00 USD")}}
	d, err := segment.FoldTable(dealTable(t, ds, sp.DealFieldOwner|sp.DealFieldStatus|sp.DealFieldAmount), segment.OwnerID(), wonSum())
	if err != nil {
		t.Fatal(err)
	}
	var bob sp.Sum
	bob.Add(sp.MustParseMoney("7.00 USD"))
	want := map[string]*sp.Sum{"ann": {}, "bob": &bob}
	if diff := cmp.Diff(want, d.Map()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestFoldTableMissingFields(t *testing.T) {
	ds := deals()
	ownersOnly := dealTable(t, ds, sp.DealFieldOwner)
	for _, c := range []struct {
		name  string
		err   func() error
		field string
		is    []error
	}{
		{"key needs closed", func() error {
			_, err := segment.FoldTable(dealTable(t, ds, sp.DealFieldStatus), segment.PeriodID(sp.Calendar{}, sp.Month, segment.ByClosed), countByStatus())
			return err
		}, "closed", []error{sp.ErrMissingField}},
		{"metric needs status", func() error {
			_, err := segment.FoldTable(ownersOnly, segment.OwnerID(), countByStatus())
			return err
		}, "status", []error{sp.ErrMissingField}},
		{"manager key needs created", func() error {
			_, err := segment.FoldTable(dealTable(t, ds, sp.DealFieldOwner|sp.DealFieldStatus|sp.DealFieldClosed), segment.ManagerID(team(t), nil, segment.ByClosed), countByStatus())
			return err
		}, "created", []error{sp.ErrMissingField}},
		{"no column form", func() error {
			_, err := segment.FoldTable(ownersOnly, segment.OwnerID(), rowOnly(countByStatus()))
			return err
		}, "id", []error{segment.ErrNoColumnForm, sp.ErrMissingField}},
		{"activity key needs at", func() error {
			_, err := segment.FoldActivities(sp.NewActivityTable(sp.ActivityFieldDuration, nil, nil), segment.ActivityPeriodID(sp.Calendar{}, sp.Week), countActivities())
			return err
		}, "at", []error{sp.ErrMissingField}},
		{"activity metric has no column form", func() error {
			_, err := segment.FoldActivities(sp.NewActivityTable(sp.ActivityFieldRep, nil, nil), segment.RepID(), rowOnly(countActivities()))
			return err
		}, "id", []error{segment.ErrNoColumnForm}},
	} {
		err := c.err()
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.Contains(err.Error(), "field: "+c.field+" ") {
			t.Errorf("%s: %v does not name field %q", c.name, err, c.field)
		}
		for _, target := range c.is {
			if !errors.Is(err, target) {
				t.Errorf("%s: %v is not %v", c.name, err, target)
			}
		}
	}
	if _, err := segment.FoldTableN(ownersOnly, segment.OwnerID(), countByStatus(), 0); err == nil {
		t.Error("0 goroutines: no error")
	}
}

// TestFoldTableBadKey: a key that writes an id beyond its N is an error,
// not a panic.
func TestFoldTableBadKey(t *testing.T) {
	bad := segment.DealKey[int]{Needs: sp.DealFieldStatus, Bind: func(*sp.DealTable) (segment.KeyColumn[sp.DealTable, int], error) {
		return segment.KeyColumn[sp.DealTable, int]{N: 1, IDs: func(_ *sp.DealTable, _ int, ids []uint32) {
			for i := range ids {
				ids[i] = 3
			}
		}, Key: func(id uint32) int { return int(id) }}, nil
	}}
	_, err := segment.FoldTable(dealTable(t, deals(), sp.DealFieldStatus), bad, countByStatus())
	if err == nil || !strings.Contains(err.Error(), "row 0") {
		t.Errorf("err = %v, want one naming row 0", err)
	}
}

// TestFoldTableBadKeyAfterAllSeen: once every id has been seen the fold
// stops marking ids but still checks them, so a bad id in a later batch
// (row 1500, after rows 0 and 1 gave both ids) is an error naming it.
func TestFoldTableBadKeyAfterAllSeen(t *testing.T) {
	bad := segment.DealKey[int]{Needs: sp.DealFieldStatus, Bind: func(*sp.DealTable) (segment.KeyColumn[sp.DealTable, int], error) {
		return segment.KeyColumn[sp.DealTable, int]{N: 2, IDs: func(_ *sp.DealTable, lo int, ids []uint32) {
			for i := range ids {
				switch row := lo + i; {
				case row == 1500:
					ids[i] = 2
				case row%3 == 2:
					ids[i] = metrics.Skip
				default:
					ids[i] = uint32(row % 2)
				}
			}
		}, Key: func(id uint32) int { return int(id) }}, nil
	}}
	tab := sp.NewDealTable(sp.DealFieldStatus, nil)
	for i := range 2000 {
		if err := tab.Append(&sp.Deal{ID: strconv.Itoa(i), Status: sp.Won}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := segment.FoldTable(tab, bad, countByStatus())
	if err == nil || !strings.Contains(err.Error(), "id 2 to row 1500") {
		t.Errorf("err = %v, want one naming id 2 and row 1500", err)
	}
}

// TestDenseMerge: segments folded from two tables merge into those of
// the whole, slot by slot when the tables share their Dicts and by key
// when they do not (owners, periods starting in different months,
// managers).
func TestDenseMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ds := drawMany(t, genDeal())
		cut := rapid.IntRange(0, len(ds)).Draw(t, "cut")
		shared := rapid.Bool().Draw(t, "shared")
		fields := sp.DealFieldOwner | sp.DealFieldStatus | sp.DealFieldClosed | sp.DealFieldCreated
		var reps *sp.Dict
		if shared {
			reps = &sp.Dict{}
		}
		t1, t2 := sp.NewDealTable(fields, reps), sp.NewDealTable(fields, reps)
		for i := range ds {
			tab := t1
			if i >= cut {
				tab = t2
			}
			if err := tab.Append(&ds[i]); err != nil {
				t.Fatal(err)
			}
		}
		a := countByStatus()
		mergeCheck := func(name string, k1, k2 segment.DealKey[string], row func(*sp.Deal) string) {
			d1, err := segment.FoldTable(t1, k1, a)
			if err != nil {
				t.Fatal(err)
			}
			d2, err := segment.FoldTable(t2, k2, a)
			if err != nil {
				t.Fatal(err)
			}
			before := d2.Map()
			snapshot := map[string]statusCounts{}
			for k, s := range before {
				snapshot[k] = *s
			}
			d1.Get("warm the index")
			d1.Merge(d2)
			if diff := cmp.Diff(segment.Fold(metrics.Refs(ds), row, a), d1.Map()); diff != "" {
				t.Fatalf("%s (-Fold +merged):\n%s", name, diff)
			}
			after := map[string]statusCounts{}
			for k, s := range d2.Map() {
				after[k] = *s
			}
			if diff := cmp.Diff(snapshot, after); diff != "" {
				t.Fatalf("%s: Merge changed its argument:\n%s", name, diff)
			}
			for k, s := range d1.Map() {
				if g, ok := d1.Get(k); !ok || *g != *s {
					t.Fatalf("%s: Get(%q) = %v, %v; Map has %v", name, k, g, ok, *s)
				}
			}
			var zero segment.Dense[string, statusCounts]
			zero.Merge(d1)
			if diff := cmp.Diff(d1.Map(), zero.Map()); diff != "" {
				t.Fatalf("%s: zero Dense merged (-d1 +zero):\n%s", name, diff)
			}
		}
		mergeCheck("owner", segment.OwnerID(), segment.OwnerID(), segment.Owner)
		org := genOrg(t)
		mergeCheck("manager", segment.ManagerID(org, nil, segment.ByClosed), segment.ManagerID(org, nil, segment.ByClosed), segment.Manager(org, nil, segment.ByClosed))

		cal := sp.Calendar{Location: berlin}
		p1, err := segment.FoldTable(t1, segment.PeriodID(cal, sp.Month, segment.ByCreated), a)
		if err != nil {
			t.Fatal(err)
		}
		p2, err := segment.FoldTable(t2, segment.PeriodID(cal, sp.Month, segment.ByCreated), a)
		if err != nil {
			t.Fatal(err)
		}
		p1.Merge(p2)
		if diff := cmp.Diff(segment.Fold(metrics.Refs(ds), segment.Period(cal, sp.Month, segment.ByCreated), a), p1.Map()); diff != "" {
			t.Fatalf("period (-Fold +merged):\n%s", diff)
		}
	})
}

// TestDenseRollup: a rollup of dense segments equals segment.Rollup of
// the map form, by parent ids (a static org's rep → manager) and by keys.
func TestDenseRollup(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ds := drawMany(t, genDeal())
		org := genOrg(t)
		day := sp.Date{Year: 2025, Month: 1, Day: 1}.AddDays(rapid.IntRange(0, 3*365).Draw(t, "day"))
		manager := func(rep string) string { m, _ := org.On(rep, day); return m.Manager }
		tab := dealTable(t, ds, sp.DealFieldOwner|sp.DealFieldStatus|sp.DealFieldAmount)
		a := wonSum()
		byRep, err := segment.FoldTable(tab, segment.OwnerID(), a)
		if err != nil {
			t.Fatal(err)
		}
		want := segment.Rollup(a, segment.Fold(metrics.Refs(ds), segment.Owner, a), manager)
		byManager, err := segment.RollupIDs(byRep, segment.DictParents(tab.Reps, manager))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, byManager.Map()); diff != "" {
			t.Fatalf("RollupIDs (-segment.Rollup +dense):\n%s", diff)
		}
		if diff := cmp.Diff(want, segment.RollupKeys(byRep, manager).Map()); diff != "" {
			t.Fatalf("RollupKeys (-segment.Rollup +dense):\n%s", diff)
		}
		// Twice: manager → whether there is one.
		top := func(m string) bool { return m != "" }
		if diff := cmp.Diff(segment.Rollup(a, want, top), segment.RollupKeys(byManager, top).Map()); diff != "" {
			t.Fatalf("second rollup (-segment.Rollup +dense):\n%s", diff)
		}
	})
	// Too few parent ids, a parent id out of range.
	tab := dealTable(t, deals(), sp.DealFieldOwner|sp.DealFieldStatus)
	d, err := segment.FoldTable(tab, segment.OwnerID(), countByStatus())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := segment.RollupIDs(d, segment.Parents[string]{IDs: []uint32{0}, N: 1}); err == nil {
		t.Error("too few parent ids: no error")
	}
	if _, err := segment.RollupIDs(d, segment.Parents[string]{IDs: []uint32{0, 5}, N: 1}); err == nil {
		t.Error("parent id out of range: no error")
	}
}
