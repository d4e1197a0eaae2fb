package metrics_test

import (
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

func ExampleDealSize() {
	at := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, time.UTC) }
	var deals []sp.Deal
	for _, amount := range []string{"800.00", "1500.00", "2200.00", "4000.00", "6000.00", "12000.00", "65000.00"} {
		deals = append(deals, sp.Deal{Status: sp.Won, Amount: sp.MustParseMoney(amount + " USD"),
			Created: at(1, 5), Closed: at(3, 2)})
	}
	deals = append(deals,
		sp.Deal{Status: sp.Won, Amount: sp.MustParseMoney("3000.00 EUR"), Created: at(1, 7), Closed: at(3, 9)},
		sp.Deal{Status: sp.Lost, Amount: sp.MustParseMoney("9000.00 USD"), Created: at(1, 9), Closed: at(3, 1)},
	)

	usd := func(s string) sp.Money { return sp.MustParseMoney(s + " USD") }
	sizes := metrics.DealSize(usd("0"), usd("1000"), usd("5000"), usd("10000"), usd("50000")).
		Compute(metrics.Refs(deals))

	s, _ := sizes.Of("USD")
	avg, _, _ := s.Average().Value(sp.RoundHalfEven)
	fmt.Println("won in USD:", s.N, "total", s.Total, "average", avg, "median", s.Median)
	for _, b := range sizes.Buckets {
		fmt.Println(" ", b)
	}
	fmt.Println("in other currencies:", sizes.Other)
	_, err := sizes.Single()
	fmt.Println(err)
	// Output:
	// won in USD: 7 total 91500.00 USD average 13071.43 USD median 4000.00 USD
	//   [0.00 USD, 1000.00 USD): 1
	//   [1000.00 USD, 5000.00 USD): 3
	//   [5000.00 USD, 10000.00 USD): 1
	//   [10000.00 USD, 50000.00 USD): 1
	//   ≥ 50000.00 USD: 1
	// in other currencies: 1
	// metrics: deal size: mixed currencies: EUR, USD
}

// The median cycle of the won deals leaves out the deals still open, and
// the slow ones are exactly those: the survival curve counts each open
// deal for as long as it has been open, and its median is longer.
func ExampleCycleSurvival() {
	asOf := time.Date(2026, 6, 30, 18, 0, 0, 0, time.UTC)
	deal := func(st sp.Status, days int) sp.Deal {
		created := time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC)
		d := sp.Deal{Status: st, Created: created, Closed: created.AddDate(0, 0, days)}
		if st == sp.Open { // open for days as of asOf
			d.Created, d.Closed = asOf.AddDate(0, 0, -days), time.Time{}
		}
		return d
	}
	var deals []sp.Deal
	for _, days := range []int{10, 12, 15, 20, 25, 30, 60} {
		deals = append(deals, deal(sp.Won, days))
	}
	deals = append(deals, deal(sp.Lost, 8), deal(sp.Lost, 40))
	for _, days := range []int{35, 50, 70, 90} {
		deals = append(deals, deal(sp.Open, days))
	}

	fmt.Println("won deals only:", metrics.SalesCycle(nil).Compute(metrics.Refs(deals)))
	win := metrics.CycleSurvival(metrics.SurvivalConfig{AsOf: asOf}).Compute(metrics.Refs(deals))
	fmt.Println("time to win:   ", win)
	for _, st := range win.Steps[:7] {
		fmt.Printf("  day %2d: %2d at risk, %d won, %d censored, S = %.3f\n", st.Day, st.AtRisk, st.Events, st.Censored, st.Survival)
	}
	closing := metrics.CycleSurvival(metrics.SurvivalConfig{AsOf: asOf, End: metrics.TimeToClose})
	fmt.Println("time to close: ", closing.Compute(metrics.Refs(deals)))
	// Output:
	// won deals only: mean 24.6, median 20, p90 42 (n=7)
	// time to win:    median 30 days (n=13: 7 won, 2 lost, 4 open)
	//   day  8: 13 at risk, 0 won, 1 censored, S = 1.000
	//   day 10: 12 at risk, 1 won, 0 censored, S = 0.917
	//   day 12: 11 at risk, 1 won, 0 censored, S = 0.833
	//   day 15: 10 at risk, 1 won, 0 censored, S = 0.750
	//   day 20:  9 at risk, 1 won, 0 censored, S = 0.667
	//   day 25:  8 at risk, 1 won, 0 censored, S = 0.583
	//   day 30:  7 at risk, 1 won, 0 censored, S = 0.500
	// time to close:  median 30 days (n=13: 7 won, 2 lost, 4 open)
}
