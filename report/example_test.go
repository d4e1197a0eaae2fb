package report_test

import (
	"fmt"
	"os"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
	"github.com/salesperf/salesperf/segment"
)

func ExampleLostReasonsBy() {
	usd := sp.MustParseMoney
	deals := []sp.Deal{
		{Owner: "ann", Status: sp.Lost, LostReason: "Price", Amount: usd("1200.00 USD"),
			Stage: "Lost", StageHistory: []sp.StageChange{{Stage: "Demo"}, {Stage: "Lost"}}},
		{Owner: "ann", Status: sp.Lost, LostReason: "Competitor", Amount: usd("800.00 USD"),
			Stage: "Lost", StageHistory: []sp.StageChange{{Stage: "Proposal"}, {Stage: "Lost"}}},
		{Owner: "bob", Status: sp.Lost, LostReason: "Price", Amount: usd("500.00 USD"),
			Stage: "Lost", StageHistory: []sp.StageChange{{Stage: "Demo"}, {Stage: "Lost"}}},
	}
	report.LostReasonsBy(metrics.Refs(deals), segment.LostAtStage, "stage lost at").Table().WriteText(os.Stdout)
	// Output:
	// Lost reasons by stage lost at
	// stage lost at  reason      deals   share       amount
	// Demo           Price           2  100.0%  1700.00 USD
	// Proposal       Competitor      1  100.0%   800.00 USD
}

func ExampleRevenueTrend() {
	won := func(m time.Month, amount string) sp.Deal {
		return sp.Deal{Status: sp.Won, Amount: sp.MustParseMoney(amount), Closed: time.Date(2026, m, 15, 0, 0, 0, 0, time.UTC)}
	}
	// Revenue stays at 3000.00, but from 2 deals to 3: the deals got smaller.
	deals := []sp.Deal{won(1, "1500.00 USD"), won(1, "1500.00 USD"), won(2, "1000.00 USD"), won(2, "1000.00 USD"), won(2, "1000.00 USD")}
	rows, _ := report.RevenueTrend(metrics.Refs(deals), sp.Calendar{}, sp.Month, sp.RoundHalfEven)
	report.RevenueTable(rows).WriteText(os.Stdout)
	// Output:
	// Won revenue by period, change split into count and size effects
	// period   won      revenue     avg deal  change  count effect  size effect
	// 2026-01    2  3000.00 USD  1500.00 USD
	// 2026-02    3  3000.00 USD  1000.00 USD    0.00       1500.00     -1500.00
}

func ExampleDealRisks() {
	asOf := time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC)
	deals := []sp.Deal{
		{ID: "big", Owner: "ann", Stage: "Demo", Status: sp.Open, Amount: sp.MustParseMoney("9000.00 USD"), Created: asOf.AddDate(0, 0, -20)},
		{ID: "booked", Owner: "bob", Stage: "Demo", Status: sp.Open, Amount: sp.MustParseMoney("900.00 USD"), Created: asOf.AddDate(0, 0, -60)},
	}
	acts := []sp.Activity{{Deal: "booked", At: asOf.AddDate(0, 0, 3)}} // a meeting next week: not stalled
	var avg metrics.Average
	avg.Total.Add(sp.MustParseMoney("3000.00 USD"))
	avg.N = 1
	typical := metrics.Summary{N: 50, P90: 90}
	risks := report.DealRisks(metrics.Refs(deals), avg, typical, report.Touches(metrics.Refs(acts), asOf), report.RiskConfig{AsOf: asOf})
	report.RiskTable(risks, 0).WriteText(os.Stdout)
	// Output:
	// Deals at risk
	// deal  owner  stage       amount  × avg  age  since touch  scheduled  slips           flags
	// big   ann    Demo   9000.00 USD   3.00   20           20         no      0  large, stalled
	//   1 of 2 open deals flagged
}

func ExampleDuration() {
	fmt.Println(report.Duration(time.Hour), report.Duration(90*time.Minute), report.Duration(5*time.Minute+30*time.Second))
	// Output:
	// 1h 1h30m 5m30s
}
