package salesperf_test

import (
	"errors"
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

func ExampleValidate() {
	pipes := sp.Pipelines{{Name: "new business", Stages: []sp.Stage{
		{Name: "Qualify", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.2")},
		{Name: "Won", Kind: sp.WonStage, Probability: decimal.RequireFromString("1")},
		{Name: "Lost", Kind: sp.LostStage},
	}}}
	created := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	deals := []sp.Deal{
		{ID: "7", Owner: "ann", Stage: "Qualify", Status: sp.Open, Amount: sp.MustParseMoney("1200.00 USD"), Created: created},
		{ID: "8", Owner: "ann", Stage: "Negotiate", Status: sp.Open, Amount: sp.MustParseMoney("-50.00 USD"), Created: created},
		{ID: "9", Owner: "bob", Stage: "Won", Status: sp.Won, Amount: sp.MustParseMoney("900.00 USD"), Created: created,
			Closed: created.AddDate(0, 0, -1)},
	}
	err := sp.Validate(&sp.Dataset{Pipelines: pipes, Deals: deals})
	fmt.Println(err)
	fmt.Println("close before create:", errors.Is(err, sp.ErrCloseBeforeCreate))
	// Output:
	// salesperf: deal 8: amount: negative amount: -50.00 USD
	// salesperf: deal 8: stage: unknown stage: "Negotiate" in pipeline "new business"
	// salesperf: deal 9: closed: close date before create date: closed 2026-03-01T09:00:00Z, created 2026-03-02T09:00:00Z
	// close before create: true
}

func ExampleValidator() {
	created := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	activities := []sp.Activity{
		{ID: "a1", Rep: "ann", Kind: sp.Call, At: created, Duration: 5 * time.Minute},
		{ID: "a2", Rep: "ann", Kind: sp.Demo, At: created, Duration: -time.Hour},
		{ID: "a3", Kind: sp.Email, At: created},
	}
	v := sp.Validator{Reject: func(r sp.Rejected) { fmt.Println("rejected:", r.Err) }}
	for a := range v.Activities(func(yield func(sp.Activity) bool) {
		for _, a := range activities {
			if !yield(a) {
				return
			}
		}
	}) {
		fmt.Println("kept:", a.ID, a.Kind)
	}
	fmt.Print(v.Report())
	// Output:
	// kept: a1 call
	// rejected: salesperf: activity a2: duration: negative duration: -1h0m0s
	// rejected: salesperf: activity a3: rep: missing owner
	// activity: 3 checked, 2 rejected
	//   duration: negative duration: 1
	//   rep: missing owner: 1
}

func ExampleDeal_AsOf() {
	d := sp.Deal{ID: "42", Owner: "ann", Stage: "Proposal", Status: sp.Open,
		Amount:  sp.MustParseMoney("15000.00 USD"),
		Created: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
		StageHistory: []sp.StageChange{
			{At: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Stage: "Qualify"},
			{At: time.Date(2026, 3, 9, 14, 0, 0, 0, time.UTC), Stage: "Proposal"},
		},
		AmountHistory: []sp.AmountChange{
			{At: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Amount: sp.MustParseMoney("10000.00 USD")},
			{At: time.Date(2026, 3, 9, 14, 0, 0, 0, time.UTC), Amount: sp.MustParseMoney("15000.00 USD")},
		},
	}
	then, _ := d.AsOf(time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC))
	fmt.Println("on 5 March:", then.Stage, then.Amount)
	fmt.Println("now:       ", d.Stage, d.Amount)
	// Output:
	// on 5 March: Qualify 10000.00 USD
	// now:        Proposal 15000.00 USD
}

func ExampleOrg_On() {
	org, err := sp.NewOrg([]sp.Membership{
		{Person: "ann", Manager: "mo", Team: "east", Until: sp.Date{Year: 2026, Month: 3, Day: 1}},
		{Person: "ann", Manager: "max", Team: "west", From: sp.Date{Year: 2026, Month: 3, Day: 1}},
	})
	if err != nil {
		panic(err)
	}
	for _, d := range []sp.Date{{Year: 2026, Month: 2, Day: 14}, {Year: 2026, Month: 3, Day: 14}} {
		m, _ := org.On("ann", d)
		fmt.Printf("%v: ann reports to %s in team %s\n", d, m.Manager, m.Team)
	}
	// Output:
	// 2026-02-14: ann reports to mo in team east
	// 2026-03-14: ann reports to max in team west
}

func ExampleSubscription_ARROn() {
	s := sp.Subscription{ID: "s1", Customer: "acme", Amount: sp.MustParseMoney("100.00 USD"), BillingMonths: 1,
		Start:   sp.Date{Year: 2026, Month: 1, Day: 1},
		Changes: []sp.SubscriptionChange{{From: sp.Date{Year: 2026, Month: 6, Day: 1}, Amount: sp.MustParseMoney("150.00 USD")}}}
	fmt.Println(s.ARROn(sp.Date{Year: 2026, Month: 3, Day: 1}, sp.RoundHalfEven))
	fmt.Println(s.ARROn(sp.Date{Year: 2026, Month: 7, Day: 1}, sp.RoundHalfEven))
	// Output:
	// 1200.00 USD
	// 1800.00 USD
}
