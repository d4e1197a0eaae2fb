package metrics_test

import (
	"encoding/json"
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

func exampleDeals() []sp.Deal {
	at := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, time.UTC) }
	usd := sp.MustParseMoney
	return []sp.Deal{
		{ID: "1", Owner: "ann", Status: sp.Won, Amount: usd("12000.00 USD"), Created: at(1, 5), Closed: at(2, 20)},
		{ID: "2", Owner: "ann", Status: sp.Lost, Amount: usd("8000.00 USD"), Created: at(1, 9), Closed: at(2, 2)},
		{ID: "3", Owner: "bob", Status: sp.Won, Amount: usd("4500.00 USD"), Created: at(2, 1), Closed: at(2, 15)},
		{ID: "4", Owner: "bob", Status: sp.Open, Amount: usd("20000.00 USD"), Created: at(2, 10)},
	}
}

func ExampleWinRate() {
	deals := exampleDeals()
	rate := metrics.WinRate().Compute(metrics.Refs(deals))
	v, ok := rate.Value()
	fmt.Println(rate, v, ok)
	// Output:
	// 66.7% (2/3) 0.6666666666666666 true
}

func ExampleAverageDealSize() {
	deals := exampleDeals()
	avg := metrics.AverageDealSize().Compute(metrics.Refs(deals))
	v, _, _ := avg.Value(sp.RoundHalfEven)
	fmt.Println(v)
	// Output:
	// 8250.00 USD
}

func ExampleSalesCycle() {
	deals := exampleDeals()
	fmt.Println(metrics.SalesCycle(nil).Compute(metrics.Refs(deals)))
	fmt.Println(metrics.SalesCycle(nil, sp.Won, sp.Lost).Compute(metrics.Refs(deals)))
	// Output:
	// mean 30.0, median 30, p90 42.8 (n=2)
	// mean 28.0, median 24, p90 41.6 (n=3)
}

func ExampleBoth() {
	deals := exampleDeals()
	both := metrics.Both(metrics.WinRate(), metrics.WonAmount())
	r := both.Compute(metrics.Refs(deals))
	fmt.Println("win rate:", r.A)
	fmt.Println("won:", r.B)
	// Output:
	// win rate: 66.7% (2/3)
	// won: 16500.00 USD
}

func ExampleWhere() {
	deals := exampleDeals()
	bigDeals := metrics.Where(metrics.Count[*sp.Deal](), func(d *sp.Deal) bool {
		return d.Amount.Decimal().IntPart() >= 10000
	})
	fmt.Println(bigDeals.Compute(metrics.Refs(deals)))
	// Output:
	// 2
}

func ExampleRatio() {
	deals := exampleDeals()
	open := metrics.Where(metrics.Count[*sp.Deal](), metrics.IsOpen)
	fmt.Println("share still open:", metrics.Ratio(open, metrics.Count[*sp.Deal]()).Compute(metrics.Refs(deals)))
	// Output:
	// share still open: 25.0% (1/4)
}

// Partial states merge: fold each half (on another goroutine, shard or
// machine), ship the states as JSON, merge, and present.
func ExampleAggregator_Merge() {
	deals := exampleDeals()
	agg := metrics.Both(metrics.WinRate(), metrics.SalesCycle(nil))
	left := agg.Fold(metrics.Refs(deals[:2]))
	right := agg.Fold(metrics.Refs(deals[2:]))

	wire, _ := json.Marshal(right)
	var received metrics.Pair[metrics.Rate, metrics.Histogram]
	_ = json.Unmarshal(wire, &received)

	agg.Merge(&left, &received)
	r := agg.Result(&left)
	fmt.Println(r.A, "|", r.B)
	// Output:
	// 66.7% (2/3) | mean 30.0, median 30, p90 42.8 (n=2)
}

func ExampleTable() {
	deals := exampleDeals()
	tab := metrics.NewTable(
		metrics.Col("deals", metrics.Count[*sp.Deal]()),
		metrics.Col("win rate", metrics.WinRate()),
		metrics.Col("won", metrics.WonAmount()),
	)
	row := tab.Aggregator().Compute(metrics.Refs(deals))
	fmt.Println(row)
	fmt.Println(metrics.Value[metrics.Rate](row, "win rate").Num, "won")
	// Output:
	// deals: 4, win rate: 66.7% (2/3), won: 16500.00 USD
	// 2 won
}

func ExampleFilter() {
	deals := exampleDeals()
	byOwner := map[string]int64{}
	for d := range metrics.Filter(metrics.Refs(deals), metrics.IsClosed) {
		byOwner[d.Owner]++
	}
	fmt.Println(byOwner["ann"], byOwner["bob"])
	// Output:
	// 2 1
}
