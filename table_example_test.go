package salesperf_test

import (
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
)

// A scorecard's deal table holds only the fields the scorecard reads; a
// loop over its columns reads ids and minor units, and Row gives a record
// back.
func ExampleNewDealTable() {
	nyc, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	t := sp.NewDealTable(sp.DealFieldOwner|sp.DealFieldStatus|sp.DealFieldAmount|sp.DealFieldClosed, nil)
	deals := []sp.Deal{
		{ID: "d1", Owner: "ann", Status: sp.Won, Amount: sp.MustParseMoney("1200 USD"), Closed: time.Date(2026, 3, 2, 21, 30, 0, 0, nyc)},
		{ID: "d2", Owner: "bob", Status: sp.Open, Amount: sp.MustParseMoney("800 USD")},
		{ID: "d3", Owner: "ann", Status: sp.Won, Amount: sp.MustParseMoney("10.005 USD"), Closed: time.Date(2026, 3, 9, 10, 0, 0, 0, nyc)},
	}
	for i := range deals {
		if err := t.Append(&deals[i]); err != nil {
			panic(err)
		}
	}
	fmt.Println(t.Len(), "deals,", t.Reps.Len(), "reps:", t.Owner)

	// Won deals per rep, by owner id: no strings in the loop.
	won := make([]int, t.Reps.Len())
	for i := range t.Len() {
		if t.Status[i] == sp.Won {
			won[t.Owner[i]]++
		}
	}
	fmt.Println("won by", t.Reps.Name(0)+":", won[0])

	// An amount finer than a cent has no minor-unit form: it is in Spill.
	fmt.Println(t.Amount, t.Spill[2], t.AmountOf(2))

	// The day each deal closed on, in New York: 2026-03-02 is day 20514.
	fmt.Println(t.ClosedDays(nyc))

	// Back to a record: the fields held, the instant in UTC.
	var d sp.Deal
	t.Row(0, &d)
	fmt.Printf("%q %s %s %s\n", d.ID, d.Owner, d.Amount, d.Closed)

	// A metric that needs a field the table lacks is refused.
	fmt.Println(t.Need(sp.DealFieldOwner | sp.DealFieldCreated))
	// Output:
	// 3 deals, 2 reps: [0 1 0]
	// won by ann: 2
	// [120000 80000 0] 10.005 USD 10.005 USD
	// [20514 -2147483648 20521]
	// "" ann 1200.00 USD 2026-03-03 02:30:00 +0000 UTC
	// salesperf: deal table: missing field: created (it holds owner|status|amount|closed)
}

// An activity table shares its Reps Dict with the deal table of the same
// data, so that a rep is one id in both, and its DealIDs, so that an
// activity's Deal id is the deal's ID id.
func ExampleNewActivityTable() {
	deals := sp.NewDealTable(sp.DealFieldID|sp.DealFieldOwner, nil)
	for _, d := range []sp.Deal{{ID: "d1", Owner: "ann"}, {ID: "d2", Owner: "bob"}} {
		if err := deals.Append(&d); err != nil {
			panic(err)
		}
	}
	acts := sp.NewActivityTable(sp.ActivityFieldRep|sp.ActivityFieldDeal|sp.ActivityFieldKind|sp.ActivityFieldAt|sp.ActivityFieldDuration,
		deals.Reps, deals.DealIDs)
	for _, a := range []sp.Activity{
		{Rep: "bob", Deal: "d2", Kind: sp.Call, At: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), Duration: 5 * time.Minute},
		{Rep: "ann", Deal: "d1", Kind: sp.Demo, At: time.Date(2026, 3, 2, 23, 0, 0, 0, time.UTC), Duration: time.Hour},
		{Rep: "bob", Kind: sp.CustomKind, CustomKind: "webinar", At: time.Date(2026, 3, 3, 15, 0, 0, 0, time.UTC)},
	} {
		if err := acts.Append(&a); err != nil {
			panic(err)
		}
	}
	fmt.Println("reps:", acts.Rep, "owners:", deals.Owner)
	fmt.Println("deals:", acts.Deal, "deal ids:", deals.ID)

	// Minutes per rep, by rep id.
	minutes := make([]int64, acts.Reps.Len())
	for i := range acts.Len() {
		minutes[acts.Rep[i]] += acts.Duration[i] / int64(time.Minute)
	}
	fmt.Println("minutes:", minutes)
	fmt.Println("days:", acts.Days(nil))

	var a sp.Activity
	acts.Row(2, &a)
	fmt.Println(a.Rep, a.KindName(), a.At)
	// Output:
	// reps: [1 0 1] owners: [0 1]
	// deals: [1 0 2] deal ids: [0 1]
	// minutes: [60 5]
	// days: [20514 20514 20515]
	// bob webinar 2026-03-03 15:00:00 +0000 UTC
}
