package metrics_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"pgregory.net/rapid"
)

// survivalAsOf is when survivalBook is seen: 20 March 2026, 10:00 UTC.
var survivalAsOf = day(2026, 3, 20)

// survivalBook is eight deals seen as of 20 March, with their times in
// days (created → closed, or created → 20 March for the open ones):
//
//	id  status  created  closed  days
//	1   won     1 Mar    4 Mar    3
//	2   lost    1 Mar    5 Mar    4
//	3   won     2 Mar    8 Mar    6
//	4   won     3 Mar    9 Mar    6
//	5   open   13 Mar    –        7
//	6   won     1 Mar   10 Mar    9
//	7   lost    2 Mar   14 Mar   12
//	8   open    5 Mar    –       15
func survivalBook() []sp.Deal {
	deal := func(st sp.Status, created, closed int) sp.Deal {
		d := sp.Deal{Status: st, Created: day(2026, 3, created)}
		if closed != 0 {
			d.Closed = day(2026, 3, closed)
		}
		return d
	}
	return []sp.Deal{
		deal(sp.Won, 1, 4), deal(sp.Lost, 1, 5), deal(sp.Won, 2, 8), deal(sp.Won, 3, 9),
		deal(sp.Open, 13, 0), deal(sp.Won, 1, 10), deal(sp.Lost, 2, 14), deal(sp.Open, 5, 0),
	}
}

func TestCycleSurvival(t *testing.T) {
	type step = metrics.SurvivalStep
	tests := []struct {
		reason     string
		end        metrics.CycleEnd
		deals      []sp.Deal
		want       metrics.Survival
		median     int64
		medianOK   bool
		wantString string
	}{{
		// Time to win: lost deals are censored at their close.
		//   day  at risk  won  censored  S
		//    3     8       1     0       1 × (1 − 1/8)  = 7/8
		//    4     7       0     1 lost  7/8
		//    6     6       2     0       7/8 × (1 − 2/6) = 7/12 ≈ 0.583
		//    7     4       0     1 open  7/12
		//    9     3       1     0       7/12 × (1 − 1/3) = 7/18 ≈ 0.389 ≤ 1/2: median 9
		//   12     2       0     1 lost  7/18
		//   15     1       0     1 open  7/18
		// SalesCycle over the won deals alone (3, 6, 6, 9) says 6.
		reason: "time to win, hand-computed",
		end:    metrics.TimeToWin,
		deals:  survivalBook(),
		want: metrics.Survival{End: metrics.TimeToWin, Won: 4, Lost: 2, Open: 2, Events: 4, Censored: 4,
			Steps: []step{
				{Day: 3, AtRisk: 8, Events: 1, Survival: 7.0 / 8},
				{Day: 4, AtRisk: 7, Censored: 1, Survival: 7.0 / 8},
				{Day: 6, AtRisk: 6, Events: 2, Survival: 7.0 / 12},
				{Day: 7, AtRisk: 4, Censored: 1, Survival: 7.0 / 12},
				{Day: 9, AtRisk: 3, Events: 1, Survival: 7.0 / 18},
				{Day: 12, AtRisk: 2, Censored: 1, Survival: 7.0 / 18},
				{Day: 15, AtRisk: 1, Censored: 1, Survival: 7.0 / 18},
			}},
		median: 9, medianOK: true,
		wantString: "median 9 days (n=8: 4 won, 2 lost, 2 open)",
	}, {
		// Time to close: won and lost deals are events.
		//   day  at risk  closed  censored  S
		//    3     8       1       0       7/8
		//    4     7       1       0       7/8 × 6/7 = 3/4
		//    6     6       2       0       3/4 × 4/6 = 1/2 exactly: median 6
		//    7     4       0       1       1/2
		//    9     3       1       0       1/2 × 2/3 = 1/3
		//   12     2       1       0       1/3 × 1/2 = 1/6
		//   15     1       0       1       1/6
		reason: "time to close, hand-computed; S reaches 1/2 exactly",
		end:    metrics.TimeToClose,
		deals:  survivalBook(),
		want: metrics.Survival{End: metrics.TimeToClose, Won: 4, Lost: 2, Open: 2, Events: 6, Censored: 2,
			Steps: []step{
				{Day: 3, AtRisk: 8, Events: 1, Survival: 7.0 / 8},
				{Day: 4, AtRisk: 7, Events: 1, Survival: 3.0 / 4},
				{Day: 6, AtRisk: 6, Events: 2, Survival: 1.0 / 2},
				{Day: 7, AtRisk: 4, Censored: 1, Survival: 1.0 / 2},
				{Day: 9, AtRisk: 3, Events: 1, Survival: 1.0 / 3},
				{Day: 12, AtRisk: 2, Events: 1, Survival: 1.0 / 6},
				{Day: 15, AtRisk: 1, Censored: 1, Survival: 1.0 / 6},
			}},
		median: 6, medianOK: true,
		wantString: "median 6 days (n=8: 4 won, 2 lost, 2 open)",
	}, {
		// Deals 1, 2, 5 and 8: day 3 at risk 4, one won → 3/4; then
		// only censorings (4, 7, 15): the curve stays at 3/4.
		reason: "the curve never comes down to 1/2: no median",
		end:    metrics.TimeToWin,
		deals:  slices.Delete(slices.Delete(survivalBook(), 5, 7), 2, 4),
		want: metrics.Survival{End: metrics.TimeToWin, Won: 1, Lost: 1, Open: 2, Events: 1, Censored: 3,
			Steps: []step{
				{Day: 3, AtRisk: 4, Events: 1, Survival: 3.0 / 4},
				{Day: 4, AtRisk: 3, Censored: 1, Survival: 3.0 / 4},
				{Day: 7, AtRisk: 2, Censored: 1, Survival: 3.0 / 4},
				{Day: 15, AtRisk: 1, Censored: 1, Survival: 3.0 / 4},
			}},
		wantString: "median more than 15 days (n=4: 1 won, 1 lost, 2 open)",
	}, {
		// Won 1 → 3 March: 2 days. Won 10 → 25 March is after AsOf: open
		// as of 20 March, censored at 10 days. Created 21 March: Later.
		// No status, no close date, closed before created, open with no
		// created date: Invalid.
		//   day 2: at risk 2, one won → 1/2: median 2; day 10: censored.
		reason: "deals closed after AsOf are open; later and invalid deals are off the curve",
		end:    metrics.TimeToWin,
		deals: []sp.Deal{
			{Status: sp.Won, Created: day(2026, 3, 1), Closed: day(2026, 3, 3)},
			{Status: sp.Won, Created: day(2026, 3, 10), Closed: day(2026, 3, 25)},
			{Status: sp.Open, Created: day(2026, 3, 21)},
			{Created: day(2026, 3, 1), Closed: day(2026, 3, 3)},
			{Status: sp.Won, Created: day(2026, 3, 1)},
			{Status: sp.Lost, Created: day(2026, 3, 5), Closed: day(2026, 3, 3)},
			{Status: sp.Open},
		},
		want: metrics.Survival{End: metrics.TimeToWin, Won: 1, Open: 1, Events: 1, Censored: 1, Later: 1, Invalid: 4,
			Steps: []step{
				{Day: 2, AtRisk: 2, Events: 1, Survival: 1.0 / 2},
				{Day: 10, AtRisk: 1, Censored: 1, Survival: 1.0 / 2},
			}},
		median: 2, medianOK: true,
		wantString: "median 2 days (n=2: 1 won, 0 lost, 1 open)",
	}, {
		// Won after 1, 2, 2, 3, 3 days; five open for 10 days.
		//   day 1: 10 at risk, 1 won → 9/10
		//   day 2:  9 at risk, 2 won → 9/10 × 7/9 = 7/10
		//   day 3:  7 at risk, 2 won → 7/10 × 5/7 = 1/2 exactly: median 3
		//   day 10: 5 censored.
		// The float64 product is 0.5000000000000001 on day 3: the median
		// is decided on the exact counts.
		reason: "S = 1/2 exactly where the float64 product is above 1/2",
		end:    metrics.TimeToWin,
		deals: func() []sp.Deal {
			var ds []sp.Deal
			for _, closed := range []int{2, 3, 3, 4, 4} {
				ds = append(ds, sp.Deal{Status: sp.Won, Created: day(2026, 3, 1), Closed: day(2026, 3, closed)})
			}
			for range 5 {
				ds = append(ds, sp.Deal{Status: sp.Open, Created: day(2026, 3, 10)})
			}
			return ds
		}(),
		want: metrics.Survival{End: metrics.TimeToWin, Won: 5, Open: 5, Events: 5, Censored: 5,
			Steps: []step{
				{Day: 1, AtRisk: 10, Events: 1, Survival: 9.0 / 10},
				{Day: 2, AtRisk: 9, Events: 2, Survival: 7.0 / 10},
				{Day: 3, AtRisk: 7, Events: 2, Survival: 1.0 / 2},
				{Day: 10, AtRisk: 5, Censored: 5, Survival: 1.0 / 2},
			}},
		median: 3, medianOK: true,
		wantString: "median 3 days (n=10: 5 won, 0 lost, 5 open)",
	}, {
		reason:     "no deal",
		end:        metrics.TimeToClose,
		want:       metrics.Survival{End: metrics.TimeToClose},
		wantString: "– (n=0)",
	}}
	for _, tt := range tests {
		agg := metrics.CycleSurvival(metrics.SurvivalConfig{AsOf: survivalAsOf, End: tt.end})
		got := agg.Compute(metrics.Refs(tt.deals))
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
		}
		if m, ok := got.Median(); m != tt.median || ok != tt.medianOK {
			t.Errorf("%s: Median = %d, %v; want %d, %v", tt.reason, m, ok, tt.median, tt.medianOK)
		}
		if s := got.String(); s != tt.wantString {
			t.Errorf("%s: String = %q, want %q", tt.reason, s, tt.wantString)
		}
	}
}

func TestSurvivalAt(t *testing.T) {
	s := metrics.CycleSurvival(metrics.SurvivalConfig{AsOf: survivalAsOf, End: metrics.TimeToClose}).
		Compute(metrics.Refs(survivalBook()))
	// Steps at 3 (7/8), 4 (3/4), 6 (1/2) … 12 (1/6), 15 (1/6).
	for _, tt := range []struct {
		day  int64
		want float64
	}{{-1, 1}, {2, 1}, {3, 7.0 / 8}, {5, 3.0 / 4}, {6, 0.5}, {11, 1.0 / 3}, {100, 1.0 / 6}} {
		if got := s.At(tt.day); !cmp.Equal(got, tt.want, cmpopts.EquateApprox(0, 1e-12)) {
			t.Errorf("At(%d) = %v, want %v", tt.day, got, tt.want)
		}
	}
}

func TestCycleSurvivalLocation(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	// Created 1 March 23:30 in New York, seen at 2 March 00:30 New York:
	// open 1 day in New York, 0 in UTC (both instants on 2 March).
	asOf := time.Date(2026, 3, 2, 0, 30, 0, 0, ny)
	deals := []sp.Deal{{Status: sp.Open, Created: time.Date(2026, 3, 1, 23, 30, 0, 0, ny)}}
	for _, tt := range []struct {
		loc *time.Location
		day int64
	}{{ny, 1}, {nil, 0}} {
		s := metrics.CycleSurvival(metrics.SurvivalConfig{Location: tt.loc, AsOf: asOf}).Compute(metrics.Refs(deals))
		if len(s.Steps) != 1 || s.Steps[0].Day != tt.day {
			t.Errorf("in %v: steps %+v, want one censoring on day %d", tt.loc, s.Steps, tt.day)
		}
	}
}

// TestSurvivalMedianWithoutCensoring checks the documented definition:
// with every deal won by AsOf, the Kaplan–Meier median is the lower
// median x[⌈n/2⌉−1] of the cycles, which is SalesCycle's (type-7) median
// when n is odd.
func TestSurvivalMedianWithoutCensoring(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cycles := rapid.SliceOfN(rapid.IntRange(0, 60), 1, 40).Draw(t, "cycles")
		deals := make([]sp.Deal, len(cycles))
		for i, c := range cycles {
			created := day(2026, 1, 1+i)
			deals[i] = sp.Deal{Status: sp.Won, Created: created, Closed: created.AddDate(0, 0, c)}
		}
		s := metrics.CycleSurvival(metrics.SurvivalConfig{AsOf: day(2027, 1, 1)}).Compute(metrics.Refs(deals))
		sorted := slices.Sorted(slices.Values(cycles))
		n := len(sorted)
		lower := int64(sorted[(n+1)/2-1])
		if m, ok := s.Median(); !ok || m != lower {
			t.Fatalf("KM median of %v = %d, %v; want the lower median %d", sorted, m, ok, lower)
		}
		if n%2 == 1 {
			if sum := metrics.SalesCycle(nil).Compute(metrics.Refs(deals)); sum.Median != float64(lower) {
				t.Fatalf("n odd: SalesCycle median %v, KM median %d", sum.Median, lower)
			}
		}
	})
}

func TestCycleSurvivalPanics(t *testing.T) {
	for _, c := range []metrics.SurvivalConfig{{}, {AsOf: survivalAsOf, End: 7}} {
		func() {
			defer func() {
				if p := recover(); p == nil || !strings.HasPrefix(p.(string), "metrics: ") {
					t.Errorf("CycleSurvival(%+v): panic %v, want a metrics: panic", c, p)
				}
			}()
			metrics.CycleSurvival(c)
		}()
	}
	if got := metrics.CycleEnd(7).String(); got != "CycleEnd(7)" {
		t.Errorf("CycleEnd(7) = %q", got)
	}
}
