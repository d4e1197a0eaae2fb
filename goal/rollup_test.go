package goal_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/goal"
)

// rollupOrg: max leads ann, bob and dee (team east, region us); mia leads
// cy (team west, region eu); dee moves to mia on 2026-02-01; max and mia
// report to vp.
func rollupOrg(t testing.TB) *sp.Org {
	return mustOrg(t,
		sp.Membership{Person: "ann", Manager: "max", Team: "east", Region: "us"},
		sp.Membership{Person: "bob", Manager: "max", Team: "east", Region: "us"},
		sp.Membership{Person: "dee", Manager: "max", Team: "east", Region: "us", Until: date(2026, 2, 1)},
		sp.Membership{Person: "dee", Manager: "mia", Team: "west", Region: "eu", From: date(2026, 2, 1)},
		sp.Membership{Person: "cy", Manager: "mia", Team: "west", Region: "eu"},
		sp.Membership{Person: "max", Manager: "vp", Team: "east", Region: "us"},
		sp.Membership{Person: "mia", Manager: "vp", Team: "west", Region: "eu"},
		sp.Membership{Person: "vp"},
	)
}

func TestRollups(t *testing.T) {
	cal := sp.Calendar{}
	q1 := cal.PeriodOfDate(date(2026, 1, 1), sp.Quarter)
	mar := cal.PeriodOfDate(date(2026, 3, 1), sp.Month)
	m := sp.MustParseMoney
	won := func(lvl sp.Level, who string, p sp.Period, amount string) sp.Target {
		return sp.Target{Level: lvl, Who: who, Metric: sp.TargetWonAmount, Period: p, Amount: m(amount)}
	}
	deals := func(lvl sp.Level, who string, p sp.Period, n int64) sp.Target {
		return sp.Target{Level: lvl, Who: who, Metric: sp.TargetWonDeals, Period: p, Count: n}
	}
	targets := []sp.Target{
		won(sp.RepLevel, "ann", q1, "10000.00 USD"),
		won(sp.RepLevel, "bob", q1, "8000.00 USD"),
		won(sp.RepLevel, "cy", q1, "5000.00 USD"),
		won(sp.RepLevel, "dee", q1, "6000.00 USD"),
		won(sp.ManagerLevel, "max", q1, "20000.00 USD"),
		won(sp.ManagerLevel, "mia", q1, "10000.00 USD"),
		won(sp.ManagerLevel, "vp", q1, "40000.00 USD"),
		won(sp.OrgLevel, "", q1, "29000.00 USD"),
		deals(sp.RepLevel, "ann", q1, 5),
		deals(sp.RepLevel, "bob", q1, 4),
		deals(sp.TeamLevel, "east", q1, 12),
		won(sp.RepLevel, "cy", mar, "2000.00 USD"),
		won(sp.RepLevel, "dee", mar, "1500.00 USD"),
		won(sp.ManagerLevel, "mia", mar, "3000.00 USD"),
		won(sp.RegionLevel, "eu", mar, "4000.00 USD"),
	}
	// On 1 January (Q1) dee is still under max: max's reps are ann, bob,
	// dee: 10000 + 8000 + 6000 = 24000.00, own 20000.00: −4000.00. mia: cy
	// 5000.00, own 10000.00: +5000.00. vp: all four, 29000.00, own
	// 40000.00: +11000.00. The organisation: 29000.00, difference 0.00.
	// Team east won deals: ann 5 + bob 4 (dee has none) = 9, own 12: +3.
	// On 1 March dee is under mia: cy 2000 + dee 1500 = 3500.00 against
	// 3000.00: −500.00; region eu the same reps, against 4000.00: +500.00.
	got, err := goal.Rollups(targets, goal.Config{Org: rollupOrg(t)})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Own, Sum, Difference string
		Reps, Missing        []string
	}
	var rows []row
	for _, r := range got {
		s, err := r.Sum()
		if err != nil {
			t.Fatal(err)
		}
		d, err := r.Difference()
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row{describe(r.Own), s.String(), d.String(), r.Reps, r.Missing})
	}
	want := []row{
		{"manager max 2026 Q1", "24000.00 USD", "-4000.00 USD", []string{"ann", "bob", "dee"}, nil},
		{"manager mia 2026 Q1", "5000.00 USD", "5000.00 USD", []string{"cy"}, nil},
		{"manager vp 2026 Q1", "29000.00 USD", "11000.00 USD", []string{"ann", "bob", "cy", "dee"}, nil},
		{"org  2026 Q1", "29000.00 USD", "0.00 USD", []string{"ann", "bob", "cy", "dee"}, nil},
		{"team east 2026 Q1", "9", "3", []string{"ann", "bob", "dee"}, []string{"dee"}},
		{"manager mia 2026-03", "3500.00 USD", "-500.00 USD", []string{"cy", "dee"}, nil},
		{"region eu 2026-03", "3500.00 USD", "500.00 USD", []string{"cy", "dee"}, nil},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("rollups (-want +got):\n%s", diff)
	}
}

func describe(t sp.Target) string { return t.Level.String() + " " + t.Who + " " + t.Period.String() }

func TestRollupErrors(t *testing.T) {
	cal := sp.Calendar{}
	q1 := cal.PeriodOfDate(date(2026, 1, 1), sp.Quarter)
	m := sp.MustParseMoney
	ann := sp.Target{Level: sp.RepLevel, Who: "ann", Metric: sp.TargetWonAmount, Period: q1, Amount: m("100.00 USD")}
	cyEUR := sp.Target{Level: sp.RepLevel, Who: "cy", Metric: sp.TargetWonAmount, Period: q1, Amount: m("100.00 EUR")}
	vp := sp.Target{Level: sp.ManagerLevel, Who: "vp", Metric: sp.TargetWonAmount, Period: q1, Amount: m("300.00 USD")}
	org := rollupOrg(t)

	// Reps' targets in two currencies: the sum is per currency, and an
	// error to read as one figure.
	rs, err := goal.Rollups([]sp.Target{ann, cyEUR, vp}, goal.Config{Org: org})
	if err != nil {
		t.Fatal(err)
	}
	if got := rs[0].Amount.String(); got != "100.00 EUR + 100.00 USD" {
		t.Errorf("per-currency sum: got %s", got)
	}
	if _, err := rs[0].Difference(); !errors.Is(err, sp.ErrMixedCurrency) {
		t.Errorf("mixed currencies: err = %v, want ErrMixedCurrency", err)
	}
	if _, err := goal.Rollups([]sp.Target{ann, ann, vp}, goal.Config{Org: org}); !errors.Is(err, sp.ErrDuplicateID) {
		t.Errorf("duplicate rep target: err = %v, want ErrDuplicateID", err)
	}
	orgTarget := vp
	orgTarget.Level, orgTarget.Who = sp.OrgLevel, ""
	if _, err := goal.Rollups([]sp.Target{ann, orgTarget}, goal.Config{}); !errors.Is(err, sp.ErrInvalidValue) {
		t.Errorf("no org chart: err = %v, want ErrInvalidValue", err)
	}
	noPeriod := ann
	noPeriod.Period = sp.Period{}
	if _, err := goal.Rollups([]sp.Target{noPeriod}, goal.Config{Org: org}); !errors.Is(err, sp.ErrInvalidPeriod) {
		t.Errorf("no period: err = %v, want ErrInvalidPeriod", err)
	}
}
