package forecast_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
)

func fcMidnight(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }

// fcRunRateDeals: the quarter [1 January, 1 April 2026), as of 31 January.
//
//	won 10 Jan  3000.00 USD (1000.00 until 5 Jan, then 3000.00)  counted
//	won 30 Jan  1500.50 USD                                      counted
//	won 5 Feb   9999.00 USD  after AsOf                          not counted
//	won 31 Dec 2025          before the period                   not counted
//	lost 20 Jan, open                                            not counted
//	won 15 Jan, no amount                                        no amount
func fcRunRateDeals() []sp.Deal {
	won := func(id string, closed time.Time, amount string) sp.Deal {
		d := sp.Deal{ID: id, Status: sp.Won, Created: fcMidnight(1, 1).AddDate(0, -1, 0), Closed: closed}
		if amount != "" {
			d.Amount = sp.MustParseMoney(amount)
		}
		return d
	}
	a := won("a", fcAt(1, 10), "3000.00 USD")
	a.AmountHistory = []sp.AmountChange{{At: a.Created, Amount: sp.MustParseMoney("1000.00 USD")}, {At: fcAt(1, 5), Amount: a.Amount}}
	lost := won("lost", fcAt(1, 20), "700.00 USD")
	lost.Status = sp.Lost
	return []sp.Deal{
		a,
		won("b", fcAt(1, 30), "1500.50 USD"),
		won("after", fcAt(2, 5), "9999.00 USD"),
		won("before", time.Date(2025, 12, 31, 12, 0, 0, 0, time.UTC), "8888.00 USD"),
		lost,
		{ID: "open", Status: sp.Open, Amount: sp.MustParseMoney("100.00 USD"), Created: fcAt(1, 2)},
		won("none", fcAt(1, 15), ""),
	}
}

func TestRunRate(t *testing.T) {
	q := forecast.RunRateConfig{From: fcMidnight(1, 1), To: fcMidnight(4, 1), AsOf: fcMidnight(1, 31)}
	got := forecast.RunRate(q).Compute(metrics.Refs(fcRunRateDeals()))
	want := forecast.RunRateProjection{
		Closed: fcSums("4500.50 USD"), Deals: 2, NoAmount: 1,
		Elapsed: 30 * 24 * time.Hour, Total: 90 * 24 * time.Hour,
	}
	if d := cmp.Diff(want, got, lawkit.Equal...); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
	// 4500.50 × 90 / 30 = 13501.50.
	p, ok := got.Projected(sp.RoundHalfEven)
	if !ok || p.String() != "13501.50 USD" {
		t.Errorf("Projected = %s, %v; want 13501.50 USD", p, ok)
	}
}

func TestRunRateBusinessHours(t *testing.T) {
	// January 2026 has 22 working days (1 January is a Thursday), 176
	// hours 9–17. As of Saturday 10 January, 7 have elapsed: 56 hours.
	// 1000.00 × 176 / 56 = 3142.857… → 3142.86 half even, 3142.85 down.
	var bh sp.BusinessHours
	c := forecast.RunRateConfig{From: fcMidnight(1, 1), To: fcMidnight(2, 1), AsOf: fcMidnight(1, 10), Hours: &bh}
	deals := []sp.Deal{{ID: "a", Status: sp.Won, Amount: sp.MustParseMoney("1000.00 USD"), Created: fcAt(1, 1), Closed: fcAt(1, 7)}}
	got := forecast.RunRate(c).Compute(metrics.Refs(deals))
	if got.Elapsed != 56*time.Hour || got.Total != 176*time.Hour {
		t.Fatalf("elapsed %v of %v, want 56h of 176h", got.Elapsed, got.Total)
	}
	for mode, want := range map[sp.RoundingMode]string{sp.RoundHalfEven: "3142.86 USD", sp.RoundDown: "3142.85 USD"} {
		if p, ok := got.Projected(mode); !ok || p.String() != want {
			t.Errorf("%s: Projected = %s, %v; want %s", mode, p, ok, want)
		}
	}
}

func TestRunRateEdges(t *testing.T) {
	deals := fcRunRateDeals()
	from, to := fcMidnight(1, 1), fcMidnight(4, 1)
	// At the period's start nothing has elapsed: no value.
	start := forecast.RunRate(forecast.RunRateConfig{From: from, To: to, AsOf: from}).Compute(metrics.Refs(deals))
	if p, ok := start.Projected(sp.RoundHalfEven); ok {
		t.Errorf("at the start: Projected = %s, true; want no value", p)
	}
	// Before the start, the same.
	before := forecast.RunRate(forecast.RunRateConfig{From: from, To: to, AsOf: from.AddDate(0, 0, -3)}).Compute(metrics.Refs(deals))
	if _, ok := before.Projected(sp.RoundHalfEven); ok || before.Elapsed != 0 {
		t.Errorf("before the start: elapsed %v, want no value", before.Elapsed)
	}
	// After the end the projection is what was won: 3000 + 1500.50 + 9999.
	after := forecast.RunRate(forecast.RunRateConfig{From: from, To: to, AsOf: to.AddDate(0, 1, 0)}).Compute(metrics.Refs(deals))
	if p, ok := after.Projected(sp.RoundHalfEven); !ok || p.String() != "14499.50 USD" {
		t.Errorf("after the end: Projected = %s, %v; want 14499.50 USD", p, ok)
	}
	// Nothing won yet: the projection is zero, and it has a value.
	none := forecast.RunRate(forecast.RunRateConfig{From: from, To: to, AsOf: fcMidnight(1, 5)}).Compute(metrics.Refs(deals))
	if p, ok := none.Projected(sp.RoundHalfEven); !ok || p.Len() != 0 {
		t.Errorf("nothing won: Projected = %s, %v; want empty, true", p, ok)
	}
}

// TestRunRateAsOfAmount: the amount counted is the one at AsOf.
func TestRunRateAsOfAmount(t *testing.T) {
	d := sp.Deal{ID: "a", Status: sp.Won, Amount: sp.MustParseMoney("3000.00 USD"), Created: fcAt(1, 1), Closed: fcAt(1, 10),
		AmountHistory: []sp.AmountChange{{At: fcAt(1, 1), Amount: sp.MustParseMoney("1000.00 USD")}, {At: fcAt(1, 20), Amount: sp.MustParseMoney("3000.00 USD")}}}
	got := forecast.RunRate(forecast.RunRateConfig{From: fcMidnight(1, 1), To: fcMidnight(2, 1), AsOf: fcMidnight(1, 15)}).Compute(metrics.Refs([]sp.Deal{d}))
	if m := got.Closed.Of("USD"); m.String() != "1000.00 USD" {
		t.Errorf("closed as of 15 January = %s, want 1000.00 USD (the raise on 20 January is later)", m)
	}
}

func TestRunRatePanics(t *testing.T) {
	bad := sp.BusinessHours{Open: -time.Hour}
	for name, f := range map[string]func(){
		"empty period":  func() { forecast.RunRate(forecast.RunRateConfig{From: fcAt(1, 1), To: fcAt(1, 1)}) },
		"invalid hours": func() { forecast.RunRate(forecast.RunRateConfig{From: fcAt(1, 1), To: fcAt(2, 1), Hours: &bad}) },
		"invalid mode":  func() { forecast.RunRateProjection{}.Projected(0) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
