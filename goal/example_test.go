package goal_test

import (
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/goal"
	"github.com/salesperf/salesperf/metrics"
)

func ExampleAchievements() {
	org, _ := sp.NewOrg([]sp.Membership{
		{Person: "ava", Manager: "olivia"},
		{Person: "ben", Manager: "olivia"},
		{Person: "olivia"},
	})
	cfg := goal.Config{Org: org}
	march := cfg.Calendar.PeriodOfDate(sp.Date{Year: 2026, Month: time.March, Day: 1}, sp.Month)
	targets := []sp.Target{
		{Level: sp.RepLevel, Who: "ava", Metric: sp.TargetWonAmount, Period: march, Amount: sp.MustParseMoney("20000.00 USD")},
		{Level: sp.ManagerLevel, Who: "olivia", Metric: sp.TargetWonAmount, Period: march, Amount: sp.MustParseMoney("45000.00 USD")},
		{Level: sp.RepLevel, Who: "ben", Metric: sp.TargetActivities, Activity: sp.Call, Period: march, Count: 100},
	}
	at := func(day int) time.Time { return time.Date(2026, time.March, day, 10, 0, 0, 0, time.UTC) }
	deals := []sp.Deal{
		{ID: "1", Owner: "ava", Status: sp.Won, Amount: sp.MustParseMoney("12000.00 USD"), Created: at(1), Closed: at(9)},
		{ID: "2", Owner: "ben", Status: sp.Won, Amount: sp.MustParseMoney("9500.00 USD"), Created: at(2), Closed: at(12)},
		{ID: "3", Owner: "ava", Status: sp.Lost, Amount: sp.MustParseMoney("7000.00 USD"), Created: at(3), Closed: at(13)},
	}
	activities := []sp.Activity{
		{ID: "a", Rep: "ben", Kind: sp.Call, At: at(4)},
		{ID: "b", Rep: "ben", Kind: sp.Email, At: at(5)},
		{ID: "c", Rep: "ben", Kind: sp.Call, At: at(6)},
	}
	achieved, err := goal.Achievements(targets, metrics.Refs(deals), metrics.Refs(activities), cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range achieved {
		fmt.Printf("%-8s %-10s %s\n", a.Target.Who, a.Target.Metric, a)
	}
	// Output:
	// ava      won amount 12000.00 USD
	// olivia   won amount 21500.00 USD
	// ben      activities 2
}

func ExampleNewProgress() {
	cfg := goal.Config{Hours: &sp.BusinessHours{Holidays: []sp.Date{{Year: 2026, Month: time.May, Day: 25}}}}
	may := cfg.Calendar.PeriodOfDate(sp.Date{Year: 2026, Month: time.May, Day: 1}, sp.Month)
	target := sp.Target{Level: sp.RepLevel, Who: "ava", Metric: sp.TargetWonAmount, Period: may,
		Amount: sp.MustParseMoney("100000.00 USD")}
	var won sp.Sum
	won.Add(sp.MustParseMoney("72000.00 USD"))
	asOf := time.Date(2026, time.May, 26, 0, 0, 0, 0, time.UTC) // 16 of May's 20 working days done

	p, err := goal.NewProgress(goal.Achieved{Target: target, Amount: won, Known: true}, asOf, cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	expected, _ := p.Expected()
	pacing, _ := p.Pacing()
	projected, _ := p.Projected()
	gap, reached := p.Gap()
	avg := metrics.Average{N: 4}
	avg.Total.Add(sp.MustParseMoney("36000.00 USD")) // 9000.00 a deal
	needed, _, _ := p.DealsNeeded(avg)
	var open sp.Sum
	open.Add(sp.MustParseMoney("56000.00 USD"))
	coverage, _, _ := p.Coverage(&open)
	cov, _ := coverage.Decimal(2, sp.RoundHalfEven)

	fmt.Println("elapsed:     ", p.Elapsed)
	fmt.Println("attainment:  ", p.Attainment())
	fmt.Println("expected:    ", expected)
	fmt.Println("pacing:      ", pacing, p.Verdict(cfg))
	fmt.Println("projected:   ", projected)
	fmt.Println("gap:         ", gap, reached)
	fmt.Println("deals needed:", needed)
	fmt.Println("coverage:    ", cov.StringFixed(2))
	// Output:
	// elapsed:      80.0%
	// attainment:   72.0%
	// expected:     80000.00 USD
	// pacing:       90.0% behind
	// projected:    90000.00 USD
	// gap:          28000.00 USD false
	// deals needed: 4
	// coverage:     2.00
}

func ExampleSideBySide() {
	cfg := goal.Config{}
	feb := sp.Date{Year: 2026, Month: time.February, Day: 1}
	won := func(g sp.Grain, target, achieved string) goal.Achieved {
		a := goal.Achieved{Known: true, Target: sp.Target{Level: sp.RepLevel, Who: "ava", Metric: sp.TargetWonAmount,
			Period: cfg.Calendar.PeriodOfDate(feb, g), Amount: sp.MustParseMoney(target)}}
		a.Amount.Add(sp.MustParseMoney(achieved))
		return a
	}
	achieved := []goal.Achieved{
		won(sp.Month, "28000.00 USD", "10000.00 USD"),
		won(sp.Quarter, "90000.00 USD", "44000.00 USD"),
		won(sp.Year, "365000.00 USD", "44000.00 USD"),
	}
	asOf := time.Date(2026, time.February, 16, 0, 0, 0, 0, time.UTC)
	rows, err := goal.SideBySide(achieved, sp.RepLevel, "ava", sp.TargetWonAmount, asOf, cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		pacing, _ := r.Progress.Pacing()
		fmt.Printf("%-8s %-8s %-14s %-7s %s\n", r.Grain, r.Period, r.Progress.Achieved, pacing, r.Verdict)
	}
	fmt.Println(goal.Headline(rows))
	// Output:
	// month    2026-02  10000.00 USD   66.7%   behind
	// quarter  2026 Q1  44000.00 USD   95.7%   on track
	// year     2026     44000.00 USD   95.7%   on track
	// behind this month, on track this quarter, on track for the year
}

func ExampleRollups() {
	org, _ := sp.NewOrg([]sp.Membership{
		{Person: "ava", Manager: "olivia"},
		{Person: "ben", Manager: "olivia"},
		{Person: "cal", Manager: "olivia"},
		{Person: "olivia"},
	})
	cfg := goal.Config{Org: org}
	q1 := cfg.Calendar.PeriodOfDate(sp.Date{Year: 2026, Month: time.January, Day: 1}, sp.Quarter)
	quota := func(l sp.Level, who, amount string) sp.Target {
		return sp.Target{Level: l, Who: who, Metric: sp.TargetWonAmount, Period: q1, Amount: sp.MustParseMoney(amount)}
	}
	rollups, err := goal.Rollups([]sp.Target{
		quota(sp.RepLevel, "ava", "60000.00 USD"),
		quota(sp.RepLevel, "ben", "50000.00 USD"),
		quota(sp.ManagerLevel, "olivia", "120000.00 USD"),
	}, cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rollups {
		sum, _ := r.Sum()
		diff, _ := r.Difference()
		fmt.Println(r.Own.Who, r.Own.Period, "own", r.Own.Amount, "reps", sum, "difference", diff)
		fmt.Println("reps:", r.Reps, "without a target:", r.Missing)
	}
	// Output:
	// olivia 2026 Q1 own 120000.00 USD reps 110000.00 USD difference 10000.00 USD
	// reps: [ava ben cal] without a target: [cal]
}
