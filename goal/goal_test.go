package goal_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/goal"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
	"pgregory.net/rapid"
)

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func date(y int, m time.Month, d int) sp.Date { return sp.Date{Year: y, Month: m, Day: d} }

func mustOrg(t testing.TB, ms ...sp.Membership) *sp.Org {
	t.Helper()
	o, err := sp.NewOrg(ms)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// tallyOrg: ann moves from max (team east, region us) to mia (west, eu)
// on 2026-03-15; bob stays with max; max and mia report to vp.
func tallyOrg(t testing.TB) *sp.Org {
	return mustOrg(t,
		sp.Membership{Person: "ann", Manager: "max", Team: "east", Region: "us", Until: date(2026, 3, 15)},
		sp.Membership{Person: "ann", Manager: "mia", Team: "west", Region: "eu", From: date(2026, 3, 15)},
		sp.Membership{Person: "bob", Manager: "max", Team: "east", Region: "us"},
		sp.Membership{Person: "max", Manager: "vp", Team: "east", Region: "us"},
		sp.Membership{Person: "mia", Manager: "vp", Team: "west", Region: "eu"},
		sp.Membership{Person: "vp"},
	)
}

func tallyRecords() ([]sp.Deal, []sp.Activity) {
	m := sp.MustParseMoney
	deals := []sp.Deal{
		{ID: "D1", Owner: "ann", Status: sp.Won, Amount: m("1000.00 USD"), Created: utc(2026, 1, 10, 9, 0), Closed: utc(2026, 3, 10, 9, 0)},
		{ID: "D2", Owner: "ann", Status: sp.Won, Amount: m("2000.00 USD"), Created: utc(2026, 3, 1, 9, 0), Closed: utc(2026, 3, 20, 9, 0)},
		{ID: "D3", Owner: "bob", Status: sp.Won, Amount: m("500.00 USD"), Created: utc(2025, 12, 20, 9, 0), Closed: utc(2026, 2, 5, 9, 0)},
		{ID: "D4", Owner: "bob", Status: sp.Lost, Amount: m("700.00 USD"), Created: utc(2026, 3, 5, 9, 0), Closed: utc(2026, 3, 25, 9, 0)},
		{ID: "D5", Owner: "bob", Status: sp.Open, Amount: m("300.00 USD"), Created: utc(2026, 3, 31, 23, 30)},
		{ID: "D6", Owner: "ann", Status: sp.Won, Amount: m("100.00 EUR"), Created: utc(2026, 3, 2, 9, 0), Closed: utc(2026, 4, 2, 9, 0)},
	}
	acts := []sp.Activity{
		{ID: "A1", Rep: "ann", Kind: sp.Call, At: utc(2026, 3, 3, 10, 0)},
		{ID: "A2", Rep: "ann", Kind: sp.Email, At: utc(2026, 3, 16, 10, 0)},
		{ID: "A3", Rep: "bob", Kind: sp.Call, At: time.Date(2026, 3, 31, 23, 59, 59, 0, time.UTC)},
		{ID: "A4", Rep: "bob", Kind: sp.Call, At: utc(2026, 4, 1, 0, 0)}, // 31 March 20:00 in New York
	}
	return deals, acts
}

func tallyTargets(cal sp.Calendar) []sp.Target {
	m := sp.MustParseMoney
	mar := cal.PeriodOfDate(date(2026, 3, 1), sp.Month)
	q1 := cal.PeriodOfDate(date(2026, 3, 1), sp.Quarter)
	y := cal.PeriodOfDate(date(2026, 3, 1), sp.Year)
	return []sp.Target{
		0:  {Level: sp.RepLevel, Who: "ann", Metric: sp.TargetWonAmount, Period: mar, Amount: m("5000.00 USD")},
		1:  {Level: sp.RepLevel, Who: "ann", Metric: sp.TargetWonDeals, Period: mar, Count: 3},
		2:  {Level: sp.RepLevel, Who: "bob", Metric: sp.TargetWonAmount, Period: q1, Amount: m("2000.00 USD")},
		3:  {Level: sp.ManagerLevel, Who: "max", Metric: sp.TargetWonAmount, Period: mar, Amount: m("9000.00 USD")},
		4:  {Level: sp.ManagerLevel, Who: "vp", Metric: sp.TargetWonAmount, Period: q1, Amount: m("20000.00 USD")},
		5:  {Level: sp.TeamLevel, Who: "west", Metric: sp.TargetWonDeals, Period: mar, Count: 2},
		6:  {Level: sp.RegionLevel, Who: "us", Metric: sp.TargetWonAmount, Period: y, Amount: m("90000.00 USD")},
		7:  {Level: sp.OrgLevel, Metric: sp.TargetWonAmount, Period: y, Amount: m("200000.00 USD")},
		8:  {Level: sp.OrgLevel, Metric: sp.TargetNewDeals, Period: mar, Count: 10},
		9:  {Level: sp.RepLevel, Who: "bob", Metric: sp.TargetNewPipeline, Period: mar, Amount: m("3000.00 USD")},
		10: {Level: sp.RepLevel, Who: "ann", Metric: sp.TargetActivities, Activity: sp.Call, Period: mar, Count: 20},
		11: {Level: sp.TeamLevel, Who: "east", Metric: sp.TargetActivities, Period: mar, Count: 50},
		12: {Level: sp.OrgLevel, Metric: sp.TargetNewARR, Period: mar, Amount: m("1000.00 USD")},
		13: {Level: sp.ManagerLevel, Who: "mia", Metric: sp.TargetNewDeals, Period: q1, Count: 4},
	}
}

func TestAchievements(t *testing.T) {
	// Hand-credited, calendar year in UTC (see tallyRecords and tallyOrg):
	//  0 ann won March: D1 1000.00 + D2 2000.00                      = 3000.00 USD
	//  1 ann won deals March: D1, D2                                 = 2
	//  2 bob won Q1: D3 (5 Feb); D4 is lost                          = 500.00 USD
	//  3 max won March: D1 (ann under max on 10 Mar); D2 closed 20 Mar
	//    after ann moved to mia                                      = 1000.00 USD
	//  4 vp won Q1: D1, D2, D3 (vp above max and mia)                = 3500.00 USD
	//  5 team west won deals March: D2                               = 1
	//  6 region us won 2026: D1, D3; D6 (2 Apr) ann is in eu         = 1500.00 USD
	//  7 org won 2026: D1 D2 D3 (3500.00 USD) and D6 (100.00 EUR)   = mixed: error
	//  8 org new deals March: D2 (1 Mar), D4, D5 (31 Mar 23:30), D6 = 4
	//  9 bob new pipeline March: D4 700.00 + D5 300.00 (any status)  = 1000.00 USD
	// 10 ann calls March: A1 (A2 is an email)                        = 1
	// 11 team east activities March: A1 (ann east on 3 Mar), A3;
	//    A2 ann is west on 16 Mar; A4 is 1 April in UTC              = 2
	// 12 org new ARR: not computed                                   = unknown
	// 13 mia new deals Q1: D2 (1 Mar) and D6 (2 Mar) were created
	//    while ann was under max                                     = 0
	deals, acts := tallyRecords()
	cfg := goal.Config{Org: tallyOrg(t)}
	got, err := goal.Achievements(tallyTargets(cfg.Calendar), metrics.Refs(deals), metrics.Refs(acts), cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"3000.00 USD", "2", "500.00 USD", "1000.00 USD", "3500.00 USD", "1", "1500.00 USD",
		"goal: org won amount 2026: mixed currencies: achieved 100.00 EUR + 3500.00 USD against a target in USD",
		"4", "1000.00 USD", "1", "2",
		"goal: org new ARR 2026-03: achieved new ARR not known (it is not computed from deals and activities; set it): invalid value",
		"0",
	}
	var gotS []string
	for _, a := range got {
		gotS = append(gotS, a.String())
	}
	if diff := cmp.Diff(want, gotS); diff != "" {
		t.Errorf("achievements (-want +got):\n%s", diff)
	}
	if _, err := got[7].Figure(); !errors.Is(err, sp.ErrMixedCurrency) {
		t.Errorf("org won amount: err = %v, want ErrMixedCurrency", err)
	}
	if _, err := got[12].Figure(); !errors.Is(err, sp.ErrInvalidValue) {
		t.Errorf("new ARR: err = %v, want ErrInvalidValue", err)
	}

	// In New York, A4 (00:00 UTC on 1 April) is 31 March, 20:00: team east
	// has 3 activities in March.
	ny, _ := time.LoadLocation("America/New_York")
	cfg.Calendar.Location = ny
	a, err := goal.AchievedOf(tallyTargets(cfg.Calendar)[11], nil, metrics.Refs(acts), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if a.Count != 3 {
		t.Errorf("team east activities in New York: got %d, want 3", a.Count)
	}
}

func TestNewTallyErrors(t *testing.T) {
	cal := sp.Calendar{}
	mar := cal.PeriodOfDate(date(2026, 3, 1), sp.Month)
	usd := sp.MustParseMoney("100.00 USD")
	tests := []struct {
		reason string
		target sp.Target
		org    *sp.Org
		want   error
	}{
		{"zero level", sp.Target{Who: "ann", Metric: sp.TargetWonDeals, Period: mar, Count: 1}, nil, sp.ErrInvalidValue},
		{"zero metric", sp.Target{Level: sp.RepLevel, Who: "ann", Period: mar, Count: 1}, nil, sp.ErrInvalidValue},
		{"rep without who", sp.Target{Level: sp.RepLevel, Metric: sp.TargetWonDeals, Period: mar, Count: 1}, nil, sp.ErrMissingID},
		{"zero period", sp.Target{Level: sp.RepLevel, Who: "ann", Metric: sp.TargetWonDeals, Count: 1}, nil, sp.ErrInvalidPeriod},
		{"reversed period", sp.Target{Level: sp.RepLevel, Who: "ann", Metric: sp.TargetWonDeals, Count: 1,
			Period: sp.Period{Grain: sp.Month, Start: mar.End, End: mar.Start}}, nil, sp.ErrInvalidPeriod},
		{"money without currency", sp.Target{Level: sp.RepLevel, Who: "ann", Metric: sp.TargetWonAmount, Period: mar}, nil, sp.ErrInvalidValue},
		{"manager without org", sp.Target{Level: sp.ManagerLevel, Who: "max", Metric: sp.TargetWonAmount, Period: mar, Amount: usd}, nil, sp.ErrInvalidValue},
	}
	for _, tt := range tests {
		_, err := goal.NewTally([]sp.Target{tt.target}, goal.Config{Org: tt.org})
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.reason, err, tt.want)
		}
	}
	// Every problem at once.
	var ts []sp.Target
	for _, tt := range tests {
		ts = append(ts, tt.target)
	}
	_, err := goal.NewTally(ts, goal.Config{})
	var n int
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		n = len(j.Unwrap())
	}
	if n != len(tests) {
		t.Errorf("joined errors: got %d, want %d: %v", n, len(tests), err)
	}
}

// naive computes one target's achievement the obvious way: a loop over
// every record, with the org chart looked up by Org.Chain.
func naive(tg sp.Target, deals []*sp.Deal, acts []*sp.Activity, c goal.Config) (sp.Sum, int64) {
	loc := c.Calendar.Location
	if loc == nil {
		loc = time.UTC
	}
	belongs := func(owner string, day sp.Date) bool {
		switch tg.Level {
		case sp.RepLevel:
			return owner == tg.Who
		case sp.OrgLevel:
			return true
		case sp.ManagerLevel:
			return slices.Contains(c.Org.Chain(owner, day), tg.Who)
		}
		m, ok := c.Org.On(owner, day)
		if tg.Level == sp.TeamLevel {
			return ok && m.Team == tg.Who
		}
		return ok && m.Region == tg.Who
	}
	var s sp.Sum
	var n int64
	for _, d := range deals {
		var at time.Time
		switch tg.Metric {
		case sp.TargetWonAmount, sp.TargetWonDeals:
			if d.Status != sp.Won {
				continue
			}
			at = d.Closed
		case sp.TargetNewPipeline, sp.TargetNewDeals:
			at = d.Created
		default:
			continue
		}
		day := sp.DateOf(at.In(loc))
		if at.IsZero() || !tg.Period.Contains(day) || !belongs(d.Owner, day) {
			continue
		}
		if tg.Metric.IsMoney() {
			s.Add(d.Amount)
		} else {
			n++
		}
	}
	if tg.Metric == sp.TargetActivities {
		for _, a := range acts {
			day := sp.DateOf(a.At.In(loc))
			if tg.Period.Contains(day) && (tg.Activity == 0 || tg.Activity == a.Kind) && belongs(a.Rep, day) {
				n++
			}
		}
	}
	return s, n
}

// randomOrg draws an org for the reps of lawkit's generators (ann, bob,
// cy, dee): each rep reports to m1 or m2 and may move to the other on a
// drawn day; m1 and m2 report to vp. Teams and regions follow the manager.
func randomOrg(t *rapid.T) *sp.Org {
	team := map[string]string{"m1": "t1", "m2": "t2"}
	region := map[string]string{"m1": "r1", "m2": "r2"}
	ms := []sp.Membership{
		{Person: "m1", Manager: "vp", Team: "t1", Region: "r1"},
		{Person: "m2", Manager: "vp", Team: "t2", Region: "r2"},
		{Person: "vp"},
	}
	for _, rep := range []string{"ann", "bob", "cy", "dee"} {
		mgr := rapid.SampledFrom([]string{"m1", "m2"}).Draw(t, rep+"Manager")
		if rapid.Bool().Draw(t, rep+"Moves") {
			move := date(2025, 1, 1).AddDays(rapid.IntRange(1, 900).Draw(t, rep+"MoveDay"))
			other := map[string]string{"m1": "m2", "m2": "m1"}[mgr]
			ms = append(ms,
				sp.Membership{Person: rep, Manager: mgr, Team: team[mgr], Region: region[mgr], Until: move},
				sp.Membership{Person: rep, Manager: other, Team: team[other], Region: region[other], From: move})
		} else if rapid.Bool().Draw(t, rep+"Member") {
			ms = append(ms, sp.Membership{Person: rep, Manager: mgr, Team: team[mgr], Region: region[mgr]})
		}
	}
	o, err := sp.NewOrg(ms)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// randomTarget draws a target over a week, month, quarter or year of cal
// between 2025 and 2027, for any level and metric.
func randomTarget(t *rapid.T, cal sp.Calendar) sp.Target {
	day := date(2025, 1, 1).AddDays(rapid.IntRange(0, 1000).Draw(t, "day"))
	g := rapid.SampledFrom([]sp.Grain{sp.Week, sp.Month, sp.Quarter, sp.Year}).Draw(t, "grain")
	tg := sp.Target{
		Level:  sp.Level(rapid.IntRange(int(sp.RepLevel), int(sp.OrgLevel)).Draw(t, "level")),
		Metric: sp.TargetMetric(rapid.IntRange(int(sp.TargetWonAmount), int(sp.TargetNewDeals)).Draw(t, "metric")),
		Period: cal.PeriodOfDate(day, g),
		Amount: sp.MustParseMoney("1000.00 USD"),
		Count:  10,
	}
	switch tg.Level {
	case sp.RepLevel:
		tg.Who = rapid.SampledFrom([]string{"ann", "bob", "cy", "dee", "zed"}).Draw(t, "rep")
	case sp.ManagerLevel:
		tg.Who = rapid.SampledFrom([]string{"m1", "m2", "vp"}).Draw(t, "manager")
	case sp.TeamLevel:
		tg.Who = rapid.SampledFrom([]string{"t1", "t2"}).Draw(t, "team")
	case sp.RegionLevel:
		tg.Who = rapid.SampledFrom([]string{"r1", "r2"}).Draw(t, "region")
	}
	if tg.Metric == sp.TargetActivities && rapid.Bool().Draw(t, "oneKind") {
		tg.Activity = sp.ActivityKind(rapid.IntRange(int(sp.Call), int(sp.CustomKind)).Draw(t, "kind"))
	}
	return tg
}

// TestTallyAgreesWithNaive: the one-pass tally credits every target
// exactly as a per-target loop over all records does.
func TestTallyAgreesWithNaive(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		cal := rapid.SampledFrom([]sp.Calendar{{}, {Location: ny, FiscalYearStart: time.February, WeekStart: time.Monday}}).Draw(t, "calendar")
		c := goal.Config{Calendar: cal, Org: randomOrg(t)}
		targets := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) sp.Target { return randomTarget(t, cal) }), 1, 30).Draw(t, "targets")
		deals := rapid.SliceOfN(lawkit.Deal(), 0, 60).Draw(t, "deals")
		acts := rapid.SliceOfN(lawkit.Activity(), 0, 60).Draw(t, "activities")
		got, err := goal.Achievements(targets, slices.Values(deals), slices.Values(acts), c)
		if err != nil {
			t.Fatal(err)
		}
		for i, tg := range targets {
			sum, n := naive(tg, deals, acts, c)
			if !got[i].Known || !got[i].Amount.Equal(&sum) || got[i].Count != n {
				t.Fatalf("target %d %+v: tally %s / %d, naive %s / %d", i, tg, got[i].Amount.String(), got[i].Count, sum.String(), n)
			}
		}
	})
}

// benchData is 100,000 deals and 100,000 activities over two years for 40
// reps under 5 managers, and the targets of a year: every rep, manager and
// the organisation, per month and quarter, for won amount, won deals and
// activities (1,386 targets).
func benchData(b *testing.B) ([]sp.Target, []sp.Deal, []sp.Activity, goal.Config) {
	r := rand.New(rand.NewPCG(1, 2))
	var ms []sp.Membership
	var reps []string
	for i := range 40 {
		rep := fmt.Sprintf("rep%02d", i)
		reps = append(reps, rep)
		ms = append(ms, sp.Membership{Person: rep, Manager: fmt.Sprintf("mgr%d", i%5), Team: fmt.Sprintf("team%d", i%5)})
	}
	for i := range 5 {
		ms = append(ms, sp.Membership{Person: fmt.Sprintf("mgr%d", i), Manager: "vp"})
	}
	c := goal.Config{Org: mustOrg(b, ms...)}
	start := utc(2025, 1, 1, 0, 0)
	at := func() time.Time { return start.Add(time.Duration(r.Int64N(int64(730 * 24 * time.Hour)))) }
	deals := make([]sp.Deal, 100_000)
	for i := range deals {
		created := at()
		deals[i] = sp.Deal{Owner: reps[r.IntN(len(reps))], Status: sp.Status(1 + r.IntN(3)), Created: created,
			Amount: sp.NewMoney(r.Int64N(10_000_000), "USD")}
		if deals[i].Status != sp.Open {
			deals[i].Closed = created.Add(time.Duration(r.Int64N(int64(90 * 24 * time.Hour))))
		}
	}
	acts := make([]sp.Activity, 100_000)
	for i := range acts {
		acts[i] = sp.Activity{Rep: reps[r.IntN(len(reps))], Kind: sp.ActivityKind(1 + r.IntN(10)), At: at()}
	}
	var targets []sp.Target
	who := append([]string{}, reps...)
	for i := range 5 {
		who = append(who, fmt.Sprintf("mgr%d", i))
	}
	who = append(who, "")
	for _, g := range []sp.Grain{sp.Month, sp.Quarter} {
		for p := range c.Calendar.Periods(utc(2026, 1, 1, 0, 0), utc(2027, 1, 1, 0, 0), g) {
			for i, w := range who {
				lvl := sp.RepLevel
				switch {
				case w == "":
					lvl = sp.OrgLevel
				case i >= len(reps):
					lvl = sp.ManagerLevel
				}
				targets = append(targets,
					sp.Target{Level: lvl, Who: w, Metric: sp.TargetWonAmount, Period: p, Amount: sp.NewMoney(1, "USD")},
					sp.Target{Level: lvl, Who: w, Metric: sp.TargetWonDeals, Period: p, Count: 1},
					sp.Target{Level: lvl, Who: w, Metric: sp.TargetActivities, Period: p, Count: 1})
			}
		}
	}
	return targets, deals, acts, c
}

// BenchmarkTally credits 200,000 records to 1,386 targets: the one-pass
// tally against a per-target loop over the records (on a tenth of the
// targets, so that it finishes).
func BenchmarkTally(b *testing.B) {
	targets, deals, acts, c := benchData(b)
	b.Run("tally", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := goal.Achievements(targets, metrics.Refs(deals), metrics.Refs(acts), c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("naive-tenth", func(b *testing.B) {
		dp, ap := collect(metrics.Refs(deals)), collect(metrics.Refs(acts))
		b.ReportAllocs()
		for b.Loop() {
			for i := 0; i < len(targets); i += 10 {
				naive(targets[i], dp, ap, c)
			}
		}
	})
}

func collect[T any](seq func(func(T) bool)) []T {
	var out []T
	for v := range seq {
		out = append(out, v)
	}
	return out
}
