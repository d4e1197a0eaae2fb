package metrics_test

import (
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// The column form folds a deal table a batch of rows at a time into
// states indexed by owner id: here deals by status and the won amount of
// the deals closed in 2025, per rep.
func ExampleAggregator_DealRows() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	deals := []sp.Deal{
		{ID: "1", Owner: "ann", Status: sp.Won, Amount: sp.MustParseMoney("1200.00 USD"), Created: day(1, 5), Closed: day(2, 1)},
		{ID: "2", Owner: "bob", Status: sp.Lost, Amount: sp.MustParseMoney("300.00 USD"), Created: day(1, 9), Closed: day(3, 1)},
		{ID: "3", Owner: "ann", Status: sp.Won, Amount: sp.MustParseMoney("800.00 USD"), Created: day(2, 2), Closed: day(4, 7)},
		{ID: "4", Owner: "bob", Status: sp.Open, Amount: sp.MustParseMoney("500.00 USD"), Created: day(3, 3)},
	}
	a := metrics.Both(metrics.Counts(),
		metrics.WhereDeals(metrics.WonAmount(), metrics.ClosedIn(day(1, 1), day(12, 31).AddDate(0, 0, 1))))
	t := sp.NewDealTable(sp.DealFieldOwner|a.DealNeeds, nil) // only the columns the metric reads
	for i := range deals {
		if err := t.Append(&deals[i]); err != nil {
			fmt.Println(err)
			return
		}
	}
	states := make([]metrics.Pair[metrics.DealCounts, sp.Sum], t.Reps.Len())
	for lo := 0; lo < t.Len(); lo += 2 { // batches of 2 rows; 1,024 in practice
		hi := min(lo+2, t.Len())
		a.DealRows(states, metrics.DealBatch{T: t, Lo: lo, Keys: t.Owner[lo:hi]})
	}
	for id := range states {
		r := a.Result(&states[id])
		fmt.Printf("%s: %d deals (%d won), won %v\n", t.Reps.Name(uint32(id)), r.A.Deals, r.A.Won, r.B)
	}
	fmt.Println("reads:", a.DealNeeds)
	// Output:
	// ann: 2 deals (2 won), won 2000.00 USD
	// bob: 2 deals (0 won), won 0
	// reads: status|amount|closed
}
