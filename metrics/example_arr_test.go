package metrics_test

import (
	"fmt"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// exampleSubscriptions are five customers whose February 2026 moves are
// one of each kind: acme upgrades, globex cancels, initech cancels one of
// its two subscriptions, umbrella is new, hooli comes back after a year
// away.
func exampleSubscriptions() []sp.Subscription {
	d := func(y, m, day int) sp.Date { return arrDate(y, m, day) }
	m := sp.MustParseMoney
	return []sp.Subscription{
		{ID: "a1", Customer: "acme", Amount: m("1000.00 USD"), BillingMonths: 1, Start: d(2025, 1, 1),
			Changes: []sp.SubscriptionChange{{From: d(2026, 2, 10), Amount: m("1500.00 USD")}}},
		{ID: "g1", Customer: "globex", Amount: m("24000.00 USD"), BillingMonths: 12, Start: d(2025, 3, 1), End: d(2026, 2, 15)},
		{ID: "i1", Customer: "initech", Amount: m("500.00 USD"), BillingMonths: 1, Start: d(2025, 6, 1)},
		{ID: "i2", Customer: "initech", Amount: m("6000.00 USD"), BillingMonths: 12, Start: d(2025, 6, 1), End: d(2026, 2, 20)},
		{ID: "u1", Customer: "umbrella", Amount: m("12000.00 USD"), BillingMonths: 12, Start: d(2026, 2, 3)},
		{ID: "h1", Customer: "hooli", Amount: m("300.00 USD"), BillingMonths: 1, Start: d(2024, 1, 1), End: d(2025, 1, 1)},
		{ID: "h2", Customer: "hooli", Amount: m("400.00 USD"), BillingMonths: 1, Start: d(2026, 2, 25)},
	}
}

func ExampleARR() {
	subs := exampleSubscriptions()
	for _, on := range []sp.Date{{Year: 2026, Month: 1, Day: 31}, {Year: 2026, Month: 2, Day: 28}} {
		arr := metrics.ARR(on, sp.RoundHalfEven).Compute(metrics.Refs(subs))
		fmt.Printf("%v  ARR %v  MRR %v\n", on, arr, metrics.MRR(&arr, sp.RoundHalfEven))
	}
	// Output:
	// 2026-01-31  ARR 48000.00 USD  MRR 4000.00 USD
	// 2026-02-28  ARR 40800.00 USD  MRR 3400.00 USD
}

func ExampleARRMovements() {
	subs := exampleSubscriptions()
	feb := metrics.ARRMovements(sp.Date{Year: 2026, Month: 2, Day: 1}, sp.Date{Year: 2026, Month: 3, Day: 1}, sp.RoundHalfEven)
	for _, b := range feb.Compute(metrics.Refs(subs)) {
		fmt.Printf("%-15s %12s  %s\n", "", "ARR", "customers")
		n := b.Customers
		for _, line := range []struct {
			name      string
			amount    sp.Money
			customers int64
		}{
			{"opening", b.Opening, n.Opening},
			{"+ new", b.New, n.New},
			{"+ reactivation", b.Reactivation, n.Reactivation},
			{"+ expansion", b.Expansion, n.Expansion},
			{"− contraction", b.Contraction, n.Contraction},
			{"− churn", b.Churn, n.Churn},
			{"= closing", b.Closing, n.Closing},
		} {
			fmt.Printf("%-15s %12s  %9d\n", line.name, line.amount, line.customers)
		}
		fmt.Println(b)
	}
	// Output:
	//                          ARR  customers
	// opening         48000.00 USD          3
	// + new           12000.00 USD          1
	// + reactivation   4800.00 USD          1
	// + expansion      6000.00 USD          1
	// − contraction    6000.00 USD          1
	// − churn         24000.00 USD          1
	// = closing       40800.00 USD          4
	// opening 48000.00 + new 12000.00 + reactivation 4800.00 + expansion 6000.00 − contraction 6000.00 − churn 24000.00 = closing 40800.00 USD
}

func ExampleARRBridge_NRR() {
	subs := exampleSubscriptions()
	feb := metrics.ARRMovements(sp.Date{Year: 2026, Month: 2, Day: 1}, sp.Date{Year: 2026, Month: 3, Day: 1}, sp.RoundHalfEven)
	for _, b := range feb.Compute(metrics.Refs(subs)) {
		// NRR: (48000 − 6000 − 24000 + 6000) / 48000; GRR: (48000 − 6000 − 24000) / 48000.
		fmt.Println(b.Currency, "NRR", b.NRR())
		fmt.Println(b.Currency, "GRR", b.GRR())
	}
	// Output:
	// USD NRR 50.0% (24000.00 USD/48000.00 USD)
	// USD GRR 37.5% (18000.00 USD/48000.00 USD)
}
