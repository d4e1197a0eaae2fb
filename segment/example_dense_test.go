package segment_test

import (
	"fmt"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// Deals as columns, won amount per owner: the table holds only the fields
// the key and the metric read.
func ExampleFoldTable() {
	t := sp.NewDealTable(sp.DealFieldOwner|sp.DealFieldStatus|sp.DealFieldAmount, nil)
	for _, d := range []sp.Deal{
		{Owner: "ann", Status: sp.Won, Amount: sp.MustParseMoney("1000.00 USD")},
		{Owner: "bob", Status: sp.Lost, Amount: sp.MustParseMoney("700.00 USD")},
		{Owner: "ann", Status: sp.Won, Amount: sp.MustParseMoney("250.50 USD")},
		{Owner: "bob", Status: sp.Won, Amount: sp.MustParseMoney("300.00 USD")},
	} {
		if err := t.Append(&d); err != nil {
			fmt.Println(err)
			return
		}
	}
	byOwner, err := segment.FoldTable(t, segment.OwnerID(), wonSum())
	if err != nil {
		fmt.Println(err)
		return
	}
	for owner, won := range byOwner.All() { // in id order: first seen first
		fmt.Println(owner, won)
	}
	// A metric without a column form needs every field: this table has
	// only three.
	_, err = segment.FoldTable(t, segment.OwnerID(), metrics.Where(metrics.Count[*sp.Deal](), func(d *sp.Deal) bool { return d.Status == sp.Won }))
	fmt.Println(err)
	// Output:
	// ann 1250.50 USD
	// bob 300.00 USD
	// segment: fold deal table: aggregator has no column form and the table lacks fields to fold row by row: salesperf: deal table: missing field: id (it holds owner|status|amount)
}

// Rep to manager through a static org: the rollup merges the reps'
// states through an array rep id → manager id, without reading the deals
// again.
func ExampleRollupIDs() {
	org, err := sp.NewOrg([]sp.Membership{
		{Person: "ann", Manager: "mo"}, {Person: "bob", Manager: "mo"}, {Person: "cy", Manager: "max"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	t := sp.NewDealTable(sp.DealFieldOwner|sp.DealFieldStatus, nil)
	for _, d := range []sp.Deal{{Owner: "ann", Status: sp.Won}, {Owner: "cy", Status: sp.Lost},
		{Owner: "bob", Status: sp.Won}, {Owner: "cy", Status: sp.Won}, {Owner: "ann", Status: sp.Open}} {
		if err := t.Append(&d); err != nil {
			fmt.Println(err)
			return
		}
	}
	byRep, err := segment.FoldTable(t, segment.OwnerID(), countByStatus())
	if err != nil {
		fmt.Println(err)
		return
	}
	manager := func(rep string) string { m, _ := org.On(rep, sp.Date{Year: 2026, Month: 1, Day: 1}); return m.Manager }
	byManager, err := segment.RollupIDs(byRep, segment.DictParents(t.Reps, manager))
	if err != nil {
		fmt.Println(err)
		return
	}
	for m, c := range byManager.All() {
		fmt.Printf("%s: won %d, lost %d, open %d\n", m, c.Won, c.Lost, c.Open)
	}
	// Output:
	// mo: won 2, lost 0, open 1
	// max: won 1, lost 1, open 0
}
