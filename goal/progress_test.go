package goal_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/goal"
	"github.com/salesperf/salesperf/metrics"
	"github.com/shopspring/decimal"
)

func sum(ms ...string) sp.Sum {
	var s sp.Sum
	for _, m := range ms {
		s.Add(sp.MustParseMoney(m))
	}
	return s
}

func moneyTarget(cal sp.Calendar, d sp.Date, g sp.Grain, amount string) sp.Target {
	return sp.Target{Level: sp.RepLevel, Who: "ann", Metric: sp.TargetWonAmount, Period: cal.PeriodOfDate(d, g), Amount: sp.MustParseMoney(amount)}
}

func countTarget(cal sp.Calendar, d sp.Date, g sp.Grain, n int64) sp.Target {
	return sp.Target{Level: sp.RepLevel, Who: "ann", Metric: sp.TargetWonDeals, Period: cal.PeriodOfDate(d, g), Count: n}
}

// progressView is every figure of a Progress, presented.
type progressView struct {
	Elapsed, Attainment, Expected, Pacing, Projected, Gap string
	Reached                                               bool
	Verdict                                               string
}

func view(p goal.Progress, c goal.Config) progressView {
	dec := func(f goal.Fraction, ok bool) string {
		if !ok {
			return "none"
		}
		d, _ := f.Decimal(4, sp.RoundHalfEven)
		return d.StringFixed(4)
	}
	fig := func(f goal.Figure, ok bool) string {
		if !ok {
			return "none"
		}
		return f.String()
	}
	v := progressView{Elapsed: dec(p.Elapsed, true), Attainment: dec(p.Attainment(), true)}
	v.Expected = fig(p.Expected())
	v.Pacing = dec(p.Pacing())
	v.Projected = fig(p.Projected())
	gap, reached := p.Gap()
	v.Gap, v.Reached = gap.String(), reached
	v.Verdict = p.Verdict(c).String()
	return v
}

func TestProgress(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	utcCal := sp.Calendar{}
	nyCal := sp.Calendar{Location: ny}
	nyHours := &sp.BusinessHours{Location: ny}
	mayHours := &sp.BusinessHours{Holidays: []sp.Date{date(2026, 5, 25)}} // Memorial Day, UTC, 9–17
	mar, may := date(2026, 3, 1), date(2026, 5, 1)
	tests := []struct {
		reason   string
		cfg      goal.Config
		target   sp.Target
		achieved goal.Achieved
		asOf     time.Time
		want     progressView
	}{
		{
			// March 2026 in UTC: 744 h; on 16 March 00:00, 360 h = 15/31 elapsed.
			// attainment 12000 / 31000 = 0.38709… ; expected 31000 × 15/31 = 15000.00;
			// pacing 12000 / 15000 = 0.8; projected 12000 × 31/15 = 24800.00.
			reason: "linear, UTC",
			cfg:    goal.Config{Calendar: utcCal},
			target: moneyTarget(utcCal, mar, sp.Month, "31000.00 USD"), achieved: goal.Achieved{Amount: sum("12000.00 USD"), Known: true},
			asOf: utc(2026, 3, 16, 0, 0),
			want: progressView{Elapsed: "0.4839", Attainment: "0.3871", Expected: "15000.00 USD", Pacing: "0.8000",
				Projected: "24800.00 USD", Gap: "19000.00 USD", Verdict: "behind"},
		},
		{
			// March 2026 in New York: clocks go forward on 8 March, the month
			// has 743 h; at 16 March 00:00 EDT, 15 × 24 − 1 = 359 h have
			// elapsed. Target 743 deals: expected 743 × 359/743 = 359 exactly,
			// pacing 359/359 = 1, projected 359 × 743/359 = 743. (Counting
			// civil days, 15/31, would expect 359.52.)
			reason: "linear, DST month in New York",
			cfg:    goal.Config{Calendar: nyCal},
			target: countTarget(nyCal, mar, sp.Month, 743), achieved: goal.Achieved{Count: 359, Known: true},
			asOf: time.Date(2026, 3, 16, 0, 0, 0, 0, ny),
			want: progressView{Elapsed: "0.4832", Attainment: "0.4832", Expected: "359", Pacing: "1.0000",
				Projected: "743", Gap: "384", Verdict: "on track"},
		},
		{
			// Business days, New York, March 2026: working days 2–6, 9–13,
			// 16–20, 23–27, 30–31 = 22 (the DST change on Sunday 8 March is
			// outside the 9–17 window); by 16 March 00:00, 10 are done:
			// share 10/22. Target 22 deals: expected 10; achieved 8: pacing
			// 0.8; projected 8 × 22/10 = 17.6; gap 14.
			reason: "business days, DST month in New York",
			cfg:    goal.Config{Calendar: nyCal, Hours: nyHours},
			target: countTarget(nyCal, mar, sp.Month, 22), achieved: goal.Achieved{Count: 8, Known: true},
			asOf: time.Date(2026, 3, 16, 0, 0, 0, 0, ny),
			want: progressView{Elapsed: "0.4545", Attainment: "0.3636", Expected: "10", Pacing: "0.8000",
				Projected: "17.6", Gap: "14", Verdict: "behind"},
		},
		{
			// May 2026 (1 May is a Friday): weekdays 1, 4–8, 11–15, 18–22,
			// 25–29 = 21, less Memorial Day (25) = 20 working days. By 26 May
			// 00:00: 1 + 5 + 5 + 5 = 16 (25 is off): share 16/20 = 0.8.
			// expected 100000 × 0.8 = 80000.00; pacing 72000 / 80000 = 0.9;
			// projected 72000 / 0.8 = 90000.00.
			reason: "business days, month with a holiday",
			cfg:    goal.Config{Calendar: utcCal, Hours: mayHours},
			target: moneyTarget(utcCal, may, sp.Month, "100000.00 USD"), achieved: goal.Achieved{Amount: sum("72000.00 USD"), Known: true},
			asOf: utc(2026, 5, 26, 0, 0),
			want: progressView{Elapsed: "0.8000", Attainment: "0.7200", Expected: "80000.00 USD", Pacing: "0.9000",
				Projected: "90000.00 USD", Gap: "28000.00 USD", Verdict: "behind"},
		},
		{
			// The same at 13:00 on 26 May: 4 of its 8 working hours have
			// elapsed: 16.5/20 = 0.825; expected 82500.00; pacing 72000 /
			// 82500 = 0.872727…; projected 72000 / 0.825 = 87272.7272… → 87272.73.
			reason: "business days, mid-day",
			cfg:    goal.Config{Calendar: utcCal, Hours: mayHours},
			target: moneyTarget(utcCal, may, sp.Month, "100000.00 USD"), achieved: goal.Achieved{Amount: sum("72000.00 USD"), Known: true},
			asOf: utc(2026, 5, 26, 13, 0),
			want: progressView{Elapsed: "0.8250", Attainment: "0.7200", Expected: "82500.00 USD", Pacing: "0.8727",
				Projected: "87272.73 USD", Gap: "28000.00 USD", Verdict: "behind"},
		},
		{
			// Linear, same instant 26 May 00:00: 25 of 31 days. expected
			// 100000 × 25/31 = 80645.1612… → 80645.16; pacing 72000 × 31 /
			// 2500000 = 0.8928; projected 72000 × 31/25 = 89280.00.
			reason: "linear, month with a holiday",
			cfg:    goal.Config{Calendar: utcCal},
			target: moneyTarget(utcCal, may, sp.Month, "100000.00 USD"), achieved: goal.Achieved{Amount: sum("72000.00 USD"), Known: true},
			asOf: utc(2026, 5, 26, 0, 0),
			want: progressView{Elapsed: "0.8065", Attainment: "0.7200", Expected: "80645.16 USD", Pacing: "0.8928",
				Projected: "89280.00 USD", Gap: "28000.00 USD", Verdict: "behind"},
		},
		{
			// At the period's start nothing has elapsed: expected 0, no
			// pacing, no projection, no verdict — even with 500.00 won.
			reason: "period start",
			cfg:    goal.Config{Calendar: utcCal},
			target: moneyTarget(utcCal, mar, sp.Month, "31000.00 USD"), achieved: goal.Achieved{Amount: sum("500.00 USD"), Known: true},
			asOf: utc(2026, 3, 1, 0, 0),
			want: progressView{Elapsed: "0.0000", Attainment: "0.0161", Expected: "0.00 USD", Pacing: "none",
				Projected: "none", Gap: "30500.00 USD", Verdict: "–"},
		},
		{
			reason: "before the period: as at its start",
			cfg:    goal.Config{Calendar: utcCal},
			target: countTarget(utcCal, mar, sp.Month, 10), achieved: goal.Achieved{Known: true},
			asOf: utc(2026, 2, 20, 0, 0),
			want: progressView{Elapsed: "0.0000", Attainment: "0.0000", Expected: "0", Pacing: "none",
				Projected: "none", Gap: "10", Verdict: "–"},
		},
		{
			// At the end all of it has elapsed: pacing = attainment = 12/10;
			// projected = achieved; the target is passed: gap 0, reached.
			reason: "period end, achieved above target",
			cfg:    goal.Config{Calendar: utcCal},
			target: countTarget(utcCal, mar, sp.Month, 10), achieved: goal.Achieved{Count: 12, Known: true},
			asOf: utc(2026, 4, 1, 0, 0),
			want: progressView{Elapsed: "1.0000", Attainment: "1.2000", Expected: "10", Pacing: "1.2000",
				Projected: "12", Gap: "0", Reached: true, Verdict: "ahead"},
		},
		{
			reason: "after the period: as at its end",
			cfg:    goal.Config{Calendar: utcCal},
			target: moneyTarget(utcCal, mar, sp.Month, "1000.00 USD"), achieved: goal.Achieved{Amount: sum("1000.00 USD"), Known: true},
			asOf: utc(2026, 6, 1, 0, 0),
			want: progressView{Elapsed: "1.0000", Attainment: "1.0000", Expected: "1000.00 USD", Pacing: "1.0000",
				Projected: "1000.00 USD", Gap: "0.00 USD", Reached: true, Verdict: "on track"},
		},
	}
	for _, tt := range tests {
		tt.achieved.Target = tt.target
		p, err := goal.NewProgress(tt.achieved, tt.asOf, tt.cfg)
		if err != nil {
			t.Errorf("%s: %v", tt.reason, err)
			continue
		}
		if diff := cmp.Diff(tt.want, view(p, tt.cfg)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
		}
	}
}

func TestAttainmentRate(t *testing.T) {
	cal := sp.Calendar{}
	a := goal.Achieved{Target: countTarget(cal, date(2026, 3, 1), sp.Month, 16), Count: 5, Known: true}
	p, err := goal.NewProgress(a, utc(2026, 3, 10, 0, 0), goal.Config{})
	if err != nil {
		t.Fatal(err)
	}
	r, ok := p.AttainmentRate()
	if diff := cmp.Diff(metrics.Rate{Num: 5, Den: 16}, r); !ok || diff != "" {
		t.Errorf("count attainment rate (-want +got), ok %v:\n%s", ok, diff)
	}
	m := goal.Achieved{Target: moneyTarget(cal, date(2026, 3, 1), sp.Month, "10.00 USD"), Known: true}
	p, _ = goal.NewProgress(m, utc(2026, 3, 10, 0, 0), goal.Config{})
	if _, ok := p.AttainmentRate(); ok {
		t.Error("money attainment rate: ok, want false")
	}
}

func TestVerdictTolerance(t *testing.T) {
	// At the end of March (all elapsed) pacing = attainment = achieved / 10000.00.
	cal := sp.Calendar{}
	tests := []struct {
		achieved  string
		tolerance string
		want      goal.Verdict
	}{
		{"9500.00 USD", "", goal.OnTrack},  // 0.95: the band's edge is on track
		{"9499.99 USD", "", goal.Behind},   // 0.949999
		{"10500.00 USD", "", goal.OnTrack}, // 1.05
		{"10500.01 USD", "", goal.Ahead},
		{"9000.00 USD", "0.1", goal.OnTrack},
		{"8999.99 USD", "0.1", goal.Behind},
	}
	for _, tt := range tests {
		c := goal.Config{}
		if tt.tolerance != "" {
			c.Tolerance = decimal.RequireFromString(tt.tolerance)
		}
		a := goal.Achieved{Target: moneyTarget(cal, date(2026, 3, 1), sp.Month, "10000.00 USD"), Amount: sum(tt.achieved), Known: true}
		p, err := goal.NewProgress(a, utc(2026, 4, 1, 0, 0), c)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Verdict(c); got != tt.want {
			t.Errorf("achieved %s, tolerance %q: got %v, want %v", tt.achieved, tt.tolerance, got, tt.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("negative tolerance: no panic")
		}
	}()
	goal.Progress{}.Verdict(goal.Config{Tolerance: decimal.NewFromInt(-1)})
}

func TestDealsNeeded(t *testing.T) {
	cal := sp.Calendar{}
	mar := date(2026, 3, 1)
	avg := func(total string, n int64) metrics.Average { return metrics.Average{Total: sum(total), N: n} }
	tests := []struct {
		reason   string
		target   sp.Target
		achieved goal.Achieved
		avg      metrics.Average
		want     int64
		ok       bool
		err      error
	}{
		// gap 30000.01 − 20000.00 = 10000.01; average 15000.00 / 3 = 5000.00;
		// 10000.01 / 5000.00 = 2.000002 → 3.
		{"ceil", moneyTarget(cal, mar, sp.Month, "30000.01 USD"), goal.Achieved{Amount: sum("20000.00 USD")}, avg("15000.00 USD", 3), 3, true, nil},
		// 10000.00 / 5000.00 = 2 exactly.
		{"exact", moneyTarget(cal, mar, sp.Month, "30000.00 USD"), goal.Achieved{Amount: sum("20000.00 USD")}, avg("15000.00 USD", 3), 2, true, nil},
		// The average is used exactly: 10000.00 × 3 / 10000.00 = 3, not 10000.00 / 3333.33 (3.0000003 → 4).
		{"exact average", moneyTarget(cal, mar, sp.Month, "30000.00 USD"), goal.Achieved{Amount: sum("20000.00 USD")}, avg("10000.00 USD", 3), 3, true, nil},
		{"reached", moneyTarget(cal, mar, sp.Month, "30000.00 USD"), goal.Achieved{Amount: sum("31000.00 USD")}, avg("15000.00 USD", 3), 0, true, nil},
		{"no average", moneyTarget(cal, mar, sp.Month, "30000.00 USD"), goal.Achieved{}, metrics.Average{}, 0, false, nil},
		{"zero average", moneyTarget(cal, mar, sp.Month, "30000.00 USD"), goal.Achieved{}, avg("0.00 USD", 4), 0, false, nil},
		{"average in EUR", moneyTarget(cal, mar, sp.Month, "30000.00 USD"), goal.Achieved{}, avg("100.00 EUR", 1), 0, false, sp.ErrMixedCurrency},
		{"mixed average", moneyTarget(cal, mar, sp.Month, "30000.00 USD"), goal.Achieved{}, metrics.Average{Total: sum("100.00 EUR", "100.00 USD"), N: 2}, 0, false, sp.ErrMixedCurrency},
		// Count of deals: the gap is the deals needed, 12 − 5 = 7.
		{"won deals", countTarget(cal, mar, sp.Month, 12), goal.Achieved{Count: 5}, metrics.Average{}, 7, true, nil},
		{"activities", sp.Target{Level: sp.RepLevel, Who: "ann", Metric: sp.TargetActivities, Period: cal.PeriodOfDate(mar, sp.Month), Count: 40},
			goal.Achieved{Count: 5}, avg("15000.00 USD", 3), 0, false, nil},
	}
	for _, tt := range tests {
		tt.achieved.Target, tt.achieved.Known = tt.target, true
		p, err := goal.NewProgress(tt.achieved, utc(2026, 3, 10, 0, 0), goal.Config{})
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		n, ok, err := p.DealsNeeded(tt.avg)
		if n != tt.want || ok != tt.ok || !errors.Is(err, tt.err) {
			t.Errorf("%s: got (%d, %v, %v), want (%d, %v, %v)", tt.reason, n, ok, err, tt.want, tt.ok, tt.err)
		}
	}
}

func TestCoverage(t *testing.T) {
	cal := sp.Calendar{}
	mar := date(2026, 3, 1)
	tests := []struct {
		reason   string
		target   sp.Target
		achieved string
		open     sp.Sum
		want     string
		ok       bool
		err      error
	}{
		// gap 50000.00 − 35000.00 = 15000.00; 45000.00 / 15000.00 = 3.
		{"three times", moneyTarget(cal, mar, sp.Month, "50000.00 USD"), "35000.00 USD", sum("45000.00 USD"), "3.00", true, nil},
		// 10000.00 / 15000.00 = 0.666… → 0.67.
		{"short", moneyTarget(cal, mar, sp.Month, "50000.00 USD"), "35000.00 USD", sum("10000.00 USD"), "0.67", true, nil},
		{"no pipeline", moneyTarget(cal, mar, sp.Month, "50000.00 USD"), "35000.00 USD", sp.Sum{}, "0.00", true, nil},
		{"reached", moneyTarget(cal, mar, sp.Month, "50000.00 USD"), "50000.00 USD", sum("45000.00 USD"), "none", false, nil},
		{"pipeline in EUR", moneyTarget(cal, mar, sp.Month, "50000.00 USD"), "35000.00 USD", sum("100.00 EUR"), "none", false, sp.ErrMixedCurrency},
		{"count target", countTarget(cal, mar, sp.Month, 10), "", sum("100.00 USD"), "none", false, sp.ErrInvalidValue},
	}
	for _, tt := range tests {
		a := goal.Achieved{Target: tt.target, Known: true}
		if tt.achieved != "" {
			a.Amount = sum(tt.achieved)
		}
		p, err := goal.NewProgress(a, utc(2026, 3, 10, 0, 0), goal.Config{})
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		f, ok, err := p.Coverage(&tt.open)
		got := "none"
		if d, has := f.Decimal(2, sp.RoundHalfEven); has {
			got = d.StringFixed(2)
		}
		if got != tt.want || ok != tt.ok || !errors.Is(err, tt.err) {
			t.Errorf("%s: got (%s, %v, %v), want (%s, %v, %v)", tt.reason, got, ok, err, tt.want, tt.ok, tt.err)
		}
	}
}

func TestNewProgressErrors(t *testing.T) {
	cal := sp.Calendar{}
	mar := date(2026, 3, 1)
	usd := moneyTarget(cal, mar, sp.Month, "100.00 USD")
	zero := moneyTarget(cal, mar, sp.Month, "0.00 USD")
	arr := usd
	arr.Metric = sp.TargetNewARR
	bad := usd
	bad.Period = sp.Period{}
	tests := []struct {
		reason string
		a      goal.Achieved
		cfg    goal.Config
		want   error
	}{
		{"target of zero", goal.Achieved{Target: zero, Known: true}, goal.Config{}, sp.ErrInvalidValue},
		{"achieved in EUR", goal.Achieved{Target: usd, Amount: sum("5.00 EUR"), Known: true}, goal.Config{}, sp.ErrMixedCurrency},
		{"new ARR not set", goal.Achieved{Target: arr}, goal.Config{}, sp.ErrInvalidValue},
		{"no period", goal.Achieved{Target: bad, Known: true}, goal.Config{}, sp.ErrInvalidPeriod},
		{"bad hours", goal.Achieved{Target: usd, Known: true}, goal.Config{Hours: &sp.BusinessHours{Open: 10 * time.Hour, Close: 9 * time.Hour}}, sp.ErrInvalidValue},
	}
	for _, tt := range tests {
		if _, err := goal.NewProgress(tt.a, utc(2026, 3, 10, 0, 0), tt.cfg); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.reason, err, tt.want)
		}
	}
	// New ARR set by the caller is measured.
	p, err := goal.NewProgress(goal.Achieved{Target: arr, Amount: sum("50.00 USD"), Known: true}, utc(2026, 4, 1, 0, 0), goal.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Attainment().String(); got != "50.0%" {
		t.Errorf("new ARR attainment: got %s, want 50.0%%", got)
	}
}

func TestSideBySide(t *testing.T) {
	// As of 16 February 2026 00:00 UTC:
	//   month   February, 28 days, 15 elapsed: target 2800.00 → expected
	//           1500.00; achieved 1000.00: pacing 0.6667, behind
	//   quarter Q1, 90 days, 31 + 15 = 46 elapsed: target 9000.00 →
	//           expected 4600.00; achieved 4600.00: pacing 1, on track
	//   year    365 days, 46 elapsed: target 30000.00 → expected 3780.82;
	//           achieved 4600.00: pacing 4600 × 365 / 1380000 = 1.2167, ahead
	cal := sp.Calendar{}
	feb := date(2026, 2, 1)
	achieved := []goal.Achieved{
		{Target: moneyTarget(cal, feb, sp.Quarter, "9000.00 USD"), Amount: sum("4600.00 USD"), Known: true},
		{Target: moneyTarget(cal, feb, sp.Month, "2800.00 USD"), Amount: sum("1000.00 USD"), Known: true},
		{Target: moneyTarget(cal, feb, sp.Year, "30000.00 USD"), Amount: sum("4600.00 USD"), Known: true},
		{Target: countTarget(cal, feb, sp.Month, 5), Count: 1, Known: true}, // another metric
	}
	other := moneyTarget(cal, feb, sp.Month, "1.00 USD")
	other.Who = "bob"
	achieved = append(achieved, goal.Achieved{Target: other, Known: true}) // another rep
	asOf := utc(2026, 2, 16, 0, 0)
	rows, err := goal.SideBySide(achieved, sp.RepLevel, "ann", sp.TargetWonAmount, asOf, goal.Config{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Period, Expected, Pacing, Verdict string
	}
	var got []row
	for _, r := range rows {
		e, _ := r.Progress.Expected()
		pc, _ := r.Progress.Pacing()
		d, _ := pc.Decimal(4, sp.RoundHalfEven)
		got = append(got, row{r.Period.String(), e.String(), d.StringFixed(4), r.Verdict.String()})
	}
	want := []row{
		{"2026-02", "1500.00 USD", "0.6667", "behind"},
		{"2026 Q1", "4600.00 USD", "1.0000", "on track"},
		{"2026", "3780.82 USD", "1.2167", "ahead"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if got, want := goal.Headline(rows), "behind this month, on track this quarter, ahead for the year"; got != want {
		t.Errorf("headline: got %q, want %q", got, want)
	}
	// Without the year's target, and at the start of the month.
	rows, err = goal.SideBySide(achieved[:2], sp.RepLevel, "ann", sp.TargetWonAmount, utc(2026, 2, 1, 0, 0), goal.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := goal.Headline(rows), "not started this month, ahead this quarter, no target for the year"; got != want {
		t.Errorf("headline: got %q, want %q", got, want)
	}
}
