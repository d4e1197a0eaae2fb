package metrics_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
	"pgregory.net/rapid"
)

func arrDate(y, m, d int) sp.Date { return sp.Date{Year: y, Month: time.Month(m), Day: d} }

// subscriptionBook is fourteen customers whose March and April 2026
// movements are worked out by hand in TestARRMovements. Billing 1 is
// monthly (ARR = 12 × amount), 12 or 0 annual (ARR = amount).
//
//	customer  subscriptions                                         ARR 28 Feb → 31 Mar → 30 Apr
//	new       100 USD monthly from 10 Mar                           0 → 1200 → 1200   new in March
//	first     50 USD monthly from 1 Mar (the period's first day)   0 → 600 → 600     new in March
//	up        1200 USD annual from 2025, 1800 from 15 Mar           1200 → 1800       expansion 600
//	down      500 USD monthly from Jun 2025, 300 from 20 Mar        6000 → 3600       contraction 2400
//	two       1000 USD annual 2025 – 5 Mar; 2000 USD annual (0)     3000 → 2000       contraction 1000 (one of two cancelled: not churn)
//	gone      250 USD monthly Feb 2025 – 31 Mar (last day 30 Mar)   3000 → 0          churn 3000
//	back      900 USD annual 2024; 1500 USD annual from 2 Mar       0 → 1500          reactivation 1500
//	switch    200 USD monthly May 2025 – 10 Mar; 2400 annual from   2400 → 2400       nothing (monthly → annual at the same ARR)
//	          10 Mar
//	late      600 USD annual Apr 2025 – 1 Apr (last day 31 Mar)     600 → 600 → 0     churn 600 in April
//	upcancel  1200 USD annual from 2025, 2400 from 10 Mar, ended    1200 → 0          churn 1200 (the upgrade is not seen)
//	          20 Mar
//	fx        100 USD monthly 2025 – 15 Mar; 1000 EUR annual from   1200 USD → 0      churn 1200 USD, new 1000 EUR
//	          15 Mar
//	euro      1000 EUR annual from 2025, 1100 from 1 Mar            1000 → 1100 EUR   expansion 100 EUR
//	flash     300 USD monthly 5 – 25 Mar                            0 → 0             nothing (started and ended inside March)
//	future    999 USD annual from 15 Apr                            0 → 0 → 999       new in April
func subscriptionBook() []sp.Subscription {
	m := sp.MustParseMoney
	return []sp.Subscription{
		{ID: "1", Customer: "new", Amount: m("100.00 USD"), BillingMonths: 1, Start: arrDate(2026, 3, 10)},
		{ID: "2", Customer: "first", Amount: m("50.00 USD"), BillingMonths: 1, Start: arrDate(2026, 3, 1)},
		{ID: "3", Customer: "up", Amount: m("1200.00 USD"), BillingMonths: 12, Start: arrDate(2025, 1, 1),
			Changes: []sp.SubscriptionChange{{From: arrDate(2026, 3, 15), Amount: m("1800.00 USD")}}},
		{ID: "4", Customer: "down", Amount: m("500.00 USD"), BillingMonths: 1, Start: arrDate(2025, 6, 1),
			Changes: []sp.SubscriptionChange{{From: arrDate(2026, 3, 20), Amount: m("300.00 USD")}}},
		{ID: "5", Customer: "two", Amount: m("1000.00 USD"), BillingMonths: 12, Start: arrDate(2025, 1, 1), End: arrDate(2026, 3, 5)},
		{ID: "6", Customer: "two", Amount: m("2000.00 USD"), BillingMonths: 0, Start: arrDate(2025, 2, 1)},
		{ID: "7", Customer: "gone", Amount: m("250.00 USD"), BillingMonths: 1, Start: arrDate(2025, 2, 1), End: arrDate(2026, 3, 31)},
		{ID: "8", Customer: "back", Amount: m("900.00 USD"), BillingMonths: 12, Start: arrDate(2024, 1, 1), End: arrDate(2025, 1, 1)},
		{ID: "9", Customer: "back", Amount: m("1500.00 USD"), BillingMonths: 12, Start: arrDate(2026, 3, 2)},
		{ID: "10", Customer: "switch", Amount: m("200.00 USD"), BillingMonths: 1, Start: arrDate(2025, 5, 1), End: arrDate(2026, 3, 10)},
		{ID: "11", Customer: "switch", Amount: m("2400.00 USD"), BillingMonths: 12, Start: arrDate(2026, 3, 10)},
		{ID: "12", Customer: "late", Amount: m("600.00 USD"), BillingMonths: 12, Start: arrDate(2025, 4, 1), End: arrDate(2026, 4, 1)},
		{ID: "13", Customer: "upcancel", Amount: m("1200.00 USD"), BillingMonths: 12, Start: arrDate(2025, 1, 1), End: arrDate(2026, 3, 20),
			Changes: []sp.SubscriptionChange{{From: arrDate(2026, 3, 10), Amount: m("2400.00 USD")}}},
		{ID: "14", Customer: "fx", Amount: m("100.00 USD"), BillingMonths: 1, Start: arrDate(2025, 1, 1), End: arrDate(2026, 3, 15)},
		{ID: "15", Customer: "fx", Amount: m("1000.00 EUR"), BillingMonths: 12, Start: arrDate(2026, 3, 15)},
		{ID: "16", Customer: "euro", Amount: m("1000.00 EUR"), BillingMonths: 12, Start: arrDate(2025, 1, 1),
			Changes: []sp.SubscriptionChange{{From: arrDate(2026, 3, 1), Amount: m("1100.00 EUR")}}},
		{ID: "17", Customer: "flash", Amount: m("300.00 USD"), BillingMonths: 1, Start: arrDate(2026, 3, 5), End: arrDate(2026, 3, 25)},
		{ID: "18", Customer: "future", Amount: m("999.00 USD"), BillingMonths: 12, Start: arrDate(2026, 4, 15)},
	}
}

func arrSum(ms ...string) sp.Sum {
	var s sp.Sum
	for _, m := range ms {
		s.Add(sp.MustParseMoney(m))
	}
	return s
}

func TestARR(t *testing.T) {
	m := sp.MustParseMoney
	book := subscriptionBook()
	odd := []sp.Subscription{
		// 100.00 USD every 7 months: 1200.00 / 7 = 171.428571… USD a year.
		{ID: "s7", Customer: "odd", Amount: m("100.00 USD"), BillingMonths: 7, Start: arrDate(2026, 1, 1)},
		// 0.05 USD every 7 months: 0.60 / 7 = 0.0857… rounds to 0.09 (half) or 0.08 (down).
		{ID: "tiny", Customer: "odd", Amount: m("0.05 USD"), BillingMonths: 7, Start: arrDate(2026, 1, 1)},
	}
	tests := []struct {
		reason string
		subs   []sp.Subscription
		on     sp.Date
		mode   sp.RoundingMode
		want   sp.Sum
	}{
		{
			// up 1200 + down 6000 + two 1000+2000 + gone 3000 + switch 2400
			// + late 600 + upcancel 1200 + fx 1200 = 18600 USD; euro 1000 EUR.
			reason: "the day before March: March's opening",
			subs:   book, on: arrDate(2026, 2, 28), mode: sp.RoundHalfEven,
			want: arrSum("18600.00 USD", "1000.00 EUR"),
		},
		{
			// new 1200 + first 600 + up 1800 + down 3600 + two 2000 + back 1500
			// + switch 2400 + late 600 = 13700 USD; fx 1000 + euro 1100 = 2100 EUR.
			reason: "March's last day: March's closing",
			subs:   book, on: arrDate(2026, 3, 31), mode: sp.RoundHalfEven,
			want: arrSum("13700.00 USD", "2100.00 EUR"),
		},
		{
			// On 10 Mar: new 1200 + first 600 + up 1200 + down 6000 + two 2000
			// (the 1000 ended on 5 Mar) + gone 3000 + back 1500 + switch 2400
			// (the monthly ended that day, the annual started) + late 600
			// + upcancel 2400 (upgraded that day) + fx 1200 + flash 3600
			// = 25700 USD; euro 1100 EUR.
			reason: "a day inside March: starts, ends and changes dated that day count",
			subs:   book, on: arrDate(2026, 3, 10), mode: sp.RoundHalfEven,
			want: arrSum("25700.00 USD", "1100.00 EUR"),
		},
		{
			// 171.428571… → 171.43, 0.0857… → 0.09: 171.52 USD.
			reason: "billing that does not divide a year, half-even",
			subs:   odd, on: arrDate(2026, 3, 1), mode: sp.RoundHalfEven,
			want: arrSum("171.52 USD"),
		},
		{
			// 171.42 + 0.08 = 171.50 USD.
			reason: "billing that does not divide a year, down",
			subs:   odd, on: arrDate(2026, 3, 1), mode: sp.RoundDown,
			want: arrSum("171.50 USD"),
		},
		{
			reason: "before any subscription: empty",
			subs:   book, on: arrDate(2023, 12, 31), mode: sp.RoundHalfEven,
			want: sp.Sum{},
		},
	}
	for _, tt := range tests {
		got := metrics.ARR(tt.on, tt.mode).Compute(metrics.Refs(tt.subs))
		if diff := cmp.Diff(tt.want, got, lawkit.Equal...); diff != "" {
			t.Errorf("%s: ARR(%v) (-want +got):\n%s", tt.reason, tt.on, diff)
		}
	}
}

func TestMRR(t *testing.T) {
	tests := []struct {
		reason string
		arr    sp.Sum
		mode   sp.RoundingMode
		want   sp.Sum
	}{
		// 13700.00 / 12 = 1141.666… ; 2100.00 / 12 = 175.
		{"half-even", arrSum("13700.00 USD", "2100.00 EUR"), sp.RoundHalfEven, arrSum("1141.67 USD", "175.00 EUR")},
		{"down", arrSum("13700.00 USD", "2100.00 EUR"), sp.RoundDown, arrSum("1141.66 USD", "175.00 EUR")},
		// 0.06 / 12 = 0.005, a tie: half-even 0.00, half-up 0.01.
		{"tie half-even", arrSum("0.06 USD"), sp.RoundHalfEven, arrSum("0.00 USD")},
		{"tie half-up", arrSum("0.06 USD"), sp.RoundHalfUp, arrSum("0.01 USD")},
		// 1000 / 12 = 83.33… JPY rounds to whole yen.
		{"no minor unit", arrSum("1000 JPY"), sp.RoundHalfEven, arrSum("83 JPY")},
		{"empty", sp.Sum{}, sp.RoundHalfEven, sp.Sum{}},
	}
	for _, tt := range tests {
		got := metrics.MRR(&tt.arr, tt.mode)
		if diff := cmp.Diff(tt.want, got, lawkit.Equal...); diff != "" {
			t.Errorf("%s: MRR(%v) (-want +got):\n%s", tt.reason, tt.arr, diff)
		}
	}
}

func TestARRMovements(t *testing.T) {
	m := sp.MustParseMoney
	tests := []struct {
		reason   string
		from, to sp.Date
		want     []metrics.ARRBridge
	}{
		{
			// USD, from the table of subscriptionBook:
			//   opening     18600 (see TestARR)
			//   new          1800 = new 1200 + first 600
			//   reactivation 1500 = back
			//   expansion     600 = up 1800 − 1200
			//   contraction  3400 = down 6000 − 3600 + two 3000 − 2000
			//   churn        5400 = gone 3000 + upcancel 1200 + fx 1200
			//   closing     13700 = 18600 + 1800 + 1500 + 600 − 3400 − 5400
			// Customers: opening up, down, two, gone, switch, late, upcancel,
			// fx (8); closing up, down, two, switch, late, new, first, back (8).
			// EUR: opening euro 1000; new fx 1000; expansion euro 100; closing 2100.
			reason: "March", from: arrDate(2026, 3, 1), to: arrDate(2026, 4, 1),
			want: []metrics.ARRBridge{
				{
					Currency: "EUR", Opening: m("1000.00 EUR"), New: m("1000.00 EUR"), Reactivation: m("0.00 EUR"),
					Expansion: m("100.00 EUR"), Contraction: m("0.00 EUR"), Churn: m("0.00 EUR"), Closing: m("2100.00 EUR"),
					Customers: metrics.ARRCustomers{Opening: 1, New: 1, Expansion: 1, Closing: 2},
				},
				{
					Currency: "USD", Opening: m("18600.00 USD"), New: m("1800.00 USD"), Reactivation: m("1500.00 USD"),
					Expansion: m("600.00 USD"), Contraction: m("3400.00 USD"), Churn: m("5400.00 USD"), Closing: m("13700.00 USD"),
					Customers: metrics.ARRCustomers{Opening: 8, New: 2, Reactivation: 1, Expansion: 1, Contraction: 2, Churn: 3, Closing: 8},
				},
			},
		},
		{
			// April opens where March closed. USD: late churns 600 (its
			// last day was 31 Mar), future is new with 999: 13700 + 999
			// − 600 = 14099; 8 customers at both ends. EUR does not move.
			reason: "April", from: arrDate(2026, 4, 1), to: arrDate(2026, 5, 1),
			want: []metrics.ARRBridge{
				{
					Currency: "EUR", Opening: m("2100.00 EUR"), New: m("0.00 EUR"), Reactivation: m("0.00 EUR"),
					Expansion: m("0.00 EUR"), Contraction: m("0.00 EUR"), Churn: m("0.00 EUR"), Closing: m("2100.00 EUR"),
					Customers: metrics.ARRCustomers{Opening: 2, Closing: 2},
				},
				{
					Currency: "USD", Opening: m("13700.00 USD"), New: m("999.00 USD"), Reactivation: m("0.00 USD"),
					Expansion: m("0.00 USD"), Contraction: m("0.00 USD"), Churn: m("600.00 USD"), Closing: m("14099.00 USD"),
					Customers: metrics.ARRCustomers{Opening: 8, New: 1, Churn: 1, Closing: 8},
				},
			},
		},
		{
			// The single day 10 Mar: opening on 9 Mar, closing on 10 Mar.
			// USD: new starts (+1200 new); switch's monthly ends and annual
			// starts (2400 → 2400, nothing); upcancel upgrades 1200 → 2400
			// (+1200 expansion). Opening on 9 Mar: first 600 + up 1200
			// + down 6000 + two 2000 + gone 3000 + back 1500 + switch 2400
			// + late 600 + upcancel 1200 + fx 1200 + flash 3600 = 23300.
			// Closing 23300 + 1200 + 1200 = 25700 (TestARR on 10 Mar).
			// Customers at both ends: the 11 of the opening, plus new.
			// EUR: euro 1100 at both ends.
			reason: "a one-day period", from: arrDate(2026, 3, 10), to: arrDate(2026, 3, 11),
			want: []metrics.ARRBridge{
				{
					Currency: "EUR", Opening: m("1100.00 EUR"), New: m("0.00 EUR"), Reactivation: m("0.00 EUR"),
					Expansion: m("0.00 EUR"), Contraction: m("0.00 EUR"), Churn: m("0.00 EUR"), Closing: m("1100.00 EUR"),
					Customers: metrics.ARRCustomers{Opening: 1, Closing: 1},
				},
				{
					Currency: "USD", Opening: m("23300.00 USD"), New: m("1200.00 USD"), Reactivation: m("0.00 USD"),
					Expansion: m("1200.00 USD"), Contraction: m("0.00 USD"), Churn: m("0.00 USD"), Closing: m("25700.00 USD"),
					Customers: metrics.ARRCustomers{Opening: 11, New: 1, Expansion: 1, Closing: 12},
				},
			},
		},
		{
			reason: "before any subscription: no bridge", from: arrDate(2023, 1, 1), to: arrDate(2023, 2, 1),
			want: nil,
		},
	}
	book := subscriptionBook()
	for _, tt := range tests {
		agg := metrics.ARRMovements(tt.from, tt.to, sp.RoundHalfEven)
		got := agg.Compute(metrics.Refs(book))
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: ARRMovements(%v, %v) (-want +got):\n%s", tt.reason, tt.from, tt.to, diff)
		}

		// A customer's subscriptions spread over partitions (odd and even
		// records: back's old and new subscriptions, two's, switch's and
		// fx's land in different parts), one of them through JSON.
		var odd, even []sp.Subscription
		for i, s := range book {
			if i%2 == 0 {
				even = append(even, s)
			} else {
				odd = append(odd, s)
			}
		}
		pe, po := agg.Fold(metrics.Refs(even)), agg.Fold(metrics.Refs(odd))
		data, err := json.Marshal(pe)
		if err != nil {
			t.Fatal(err)
		}
		var back metrics.ARRMovementsState
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		agg.Merge(&back, &po)
		if diff := cmp.Diff(tt.want, agg.Result(&back)); diff != "" {
			t.Errorf("%s: merged partitions (-want +got):\n%s", tt.reason, diff)
		}
	}
}

// TestARRMovementsAlone checks each case of the brief on its own, so that
// a failure names the case.
func TestARRMovementsAlone(t *testing.T) {
	book := subscriptionBook()
	pick := func(customer string) []sp.Subscription {
		var out []sp.Subscription
		for _, s := range book {
			if s.Customer == customer {
				out = append(out, s)
			}
		}
		return out
	}
	m := sp.MustParseMoney
	usd := func(opening, new, react, exp, contr, churn, closing string, n metrics.ARRCustomers) []metrics.ARRBridge {
		return []metrics.ARRBridge{{Currency: "USD", Opening: m(opening + " USD"), New: m(new + " USD"),
			Reactivation: m(react + " USD"), Expansion: m(exp + " USD"), Contraction: m(contr + " USD"),
			Churn: m(churn + " USD"), Closing: m(closing + " USD"), Customers: n}}
	}
	tests := []struct {
		customer string
		want     []metrics.ARRBridge
	}{
		{"new", usd("0.00", "1200.00", "0.00", "0.00", "0.00", "0.00", "1200.00", metrics.ARRCustomers{New: 1, Closing: 1})},
		{"up", usd("1200.00", "0.00", "0.00", "600.00", "0.00", "0.00", "1800.00", metrics.ARRCustomers{Opening: 1, Expansion: 1, Closing: 1})},
		{"down", usd("6000.00", "0.00", "0.00", "0.00", "2400.00", "0.00", "3600.00", metrics.ARRCustomers{Opening: 1, Contraction: 1, Closing: 1})},
		{"two", usd("3000.00", "0.00", "0.00", "0.00", "1000.00", "0.00", "2000.00", metrics.ARRCustomers{Opening: 1, Contraction: 1, Closing: 1})},
		{"gone", usd("3000.00", "0.00", "0.00", "0.00", "0.00", "3000.00", "0.00", metrics.ARRCustomers{Opening: 1, Churn: 1})},
		{"back", usd("0.00", "0.00", "1500.00", "0.00", "0.00", "0.00", "1500.00", metrics.ARRCustomers{Reactivation: 1, Closing: 1})},
		{"switch", usd("2400.00", "0.00", "0.00", "0.00", "0.00", "0.00", "2400.00", metrics.ARRCustomers{Opening: 1, Closing: 1})},
		{"upcancel", usd("1200.00", "0.00", "0.00", "0.00", "0.00", "1200.00", "0.00", metrics.ARRCustomers{Opening: 1, Churn: 1})},
		{"flash", nil},
	}
	for _, tt := range tests {
		got := metrics.ARRMovements(arrDate(2026, 3, 1), arrDate(2026, 4, 1), sp.RoundHalfEven).Compute(metrics.Refs(pick(tt.customer)))
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.customer, diff)
		}
	}
}

func TestARRRetention(t *testing.T) {
	m := sp.MustParseMoney
	usd := metrics.ARRBridge{
		Currency: "USD", Opening: m("18600.00 USD"), New: m("1800.00 USD"), Reactivation: m("1500.00 USD"),
		Expansion: m("600.00 USD"), Contraction: m("3400.00 USD"), Churn: m("5400.00 USD"), Closing: m("13700.00 USD"),
	}
	eur := metrics.ARRBridge{
		Currency: "EUR", Opening: m("1000.00 EUR"), New: m("1000.00 EUR"), Reactivation: m("0.00 EUR"),
		Expansion: m("100.00 EUR"), Contraction: m("0.00 EUR"), Churn: m("0.00 EUR"), Closing: m("2100.00 EUR"),
	}
	onlyNew := metrics.ARRBridge{
		Currency: "USD", Opening: m("0.00 USD"), New: m("500.00 USD"), Reactivation: m("0.00 USD"),
		Expansion: m("0.00 USD"), Contraction: m("0.00 USD"), Churn: m("0.00 USD"), Closing: m("500.00 USD"),
	}
	tests := []struct {
		reason string
		got    metrics.AmountRate
		want   metrics.AmountRate
		str    string
		dec    string // to 4 places, half-even; "" without a value
	}{
		// (18600 − 3400 − 5400 + 600) / 18600 = 10400 / 18600 = 0.559139…
		{"NRR USD", usd.NRR(), metrics.AmountRate{Num: arrSum("10400.00 USD"), Den: arrSum("18600.00 USD")},
			"55.9% (10400.00 USD/18600.00 USD)", "0.5591"},
		// (18600 − 3400 − 5400) / 18600 = 9800 / 18600 = 0.526881…
		{"GRR USD", usd.GRR(), metrics.AmountRate{Num: arrSum("9800.00 USD"), Den: arrSum("18600.00 USD")},
			"52.7% (9800.00 USD/18600.00 USD)", "0.5269"},
		// (1000 + 100) / 1000 = 1.1: above 100%.
		{"NRR EUR", eur.NRR(), metrics.AmountRate{Num: arrSum("1100.00 EUR"), Den: arrSum("1000.00 EUR")},
			"110.0% (1100.00 EUR/1000.00 EUR)", "1.1"},
		{"GRR EUR", eur.GRR(), metrics.AmountRate{Num: arrSum("1000.00 EUR"), Den: arrSum("1000.00 EUR")},
			"100.0% (1000.00 EUR/1000.00 EUR)", "1"},
		{"NRR without opening", onlyNew.NRR(), metrics.AmountRate{Num: arrSum("0.00 USD"), Den: arrSum("0.00 USD")},
			"– (0.00 USD/0.00 USD)", ""},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got, lawkit.Equal...); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
		}
		if s := tt.got.String(); s != tt.str {
			t.Errorf("%s: String = %q, want %q", tt.reason, s, tt.str)
		}
		d, ok, err := tt.got.Decimal(4, sp.RoundHalfEven)
		if err != nil || ok != (tt.dec != "") || (ok && d.String() != tt.dec) {
			t.Errorf("%s: Decimal = %v %v %v, want %q", tt.reason, d, ok, err, tt.dec)
		}
	}
	if got, want := usd.String(), "opening 18600.00 + new 1800.00 + reactivation 1500.00 + expansion 600.00 − contraction 3400.00 − churn 5400.00 = closing 13700.00 USD"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

func TestARRPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
	}{
		{"ARR zero mode", func() { metrics.ARR(arrDate(2026, 1, 1), 0) }},
		{"MRR zero mode", func() { metrics.MRR(&sp.Sum{}, 0) }},
		{"ARRMovements zero mode", func() { metrics.ARRMovements(arrDate(2026, 1, 1), arrDate(2026, 2, 1), 0) }},
		{"ARRMovements empty period", func() { metrics.ARRMovements(arrDate(2026, 1, 1), arrDate(2026, 1, 1), sp.RoundHalfEven) }},
		{"ARRMovements reversed period", func() { metrics.ARRMovements(arrDate(2026, 2, 1), arrDate(2026, 1, 1), sp.RoundHalfEven) }},
		{"ARRMovements zero date", func() { metrics.ARRMovements(sp.Date{}, arrDate(2026, 1, 1), sp.RoundHalfEven) }},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "metrics: ") {
					t.Errorf("%s: panic %v, want a \"metrics: \" message", tt.name, r)
				}
			}()
			tt.f()
		}()
	}
}

// TestARRMovementsProperties checks, on random subscriptions and
// periods, that every bridge reconciles exactly, that consecutive periods
// chain (the closing of one is the opening of the next), that the ends are
// the ARR on the day before and on the last day, and that the bridge
// agrees with a brute-force computation that scans every day for the
// customers' earlier ARR.
func TestARRMovementsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ptrs := rapid.SliceOfN(lawkit.Subscription(), 0, 40).Draw(t, "subs")
		subs := make([]sp.Subscription, len(ptrs))
		for i, p := range ptrs {
			subs[i] = *p
		}
		a := arrDate(2024, 1, 1).AddDays(rapid.IntRange(-30, 1100).Draw(t, "from"))
		b := a.AddDays(rapid.IntRange(1, 400).Draw(t, "len1"))
		c := b.AddDays(rapid.IntRange(1, 400).Draw(t, "len2"))
		mode := sp.RoundingMode(rapid.IntRange(int(sp.RoundHalfEven), int(sp.RoundFloor)).Draw(t, "mode"))

		p1 := metrics.ARRMovements(a, b, mode).Compute(metrics.Refs(subs))
		p2 := metrics.ARRMovements(b, c, mode).Compute(metrics.Refs(subs))
		for _, p := range [][]metrics.ARRBridge{p1, p2} {
			for _, br := range p {
				arrReconcile(t, br)
			}
		}
		// Chain, and the ends are ARR on the day before and the last day.
		arrA := metrics.ARR(a.AddDays(-1), mode).Compute(metrics.Refs(subs))
		arrB := metrics.ARR(b.AddDays(-1), mode).Compute(metrics.Refs(subs))
		arrC := metrics.ARR(c.AddDays(-1), mode).Compute(metrics.Refs(subs))
		for _, cur := range []sp.Currency{"USD", "EUR"} {
			arrCheckEq(t, "p1 opening = ARR(from−1)", arrA.Of(cur), arrLine(p1, cur, "opening"))
			arrCheckEq(t, "p1 closing = ARR(to−1)", arrB.Of(cur), arrLine(p1, cur, "closing"))
			arrCheckEq(t, "p1 closing = p2 opening", arrLine(p1, cur, "closing"), arrLine(p2, cur, "opening"))
			arrCheckEq(t, "p2 closing = ARR(to−1)", arrC.Of(cur), arrLine(p2, cur, "closing"))
		}
		// Brute force.
		if diff := cmp.Diff(arrBrute(subs, a, b, mode), p1); diff != "" {
			t.Fatalf("brute force (-want +got):\n%s", diff)
		}
	})
}

func arrReconcile(t *rapid.T, b metrics.ARRBridge) {
	t.Helper()
	var s sp.Sum
	for _, m := range []sp.Money{b.Opening, b.New, b.Reactivation, b.Expansion, b.Contraction.Neg(), b.Churn.Neg(), b.Closing.Neg()} {
		if m.Currency() != b.Currency {
			t.Fatalf("bridge %s has an amount in %q", b.Currency, m.Currency())
		}
		s.Add(m)
	}
	if tot := s.Of(b.Currency); !tot.IsZero() {
		t.Fatalf("bridge does not reconcile, off by %v: %v", tot, b)
	}
	for _, m := range []sp.Money{b.New, b.Reactivation, b.Expansion, b.Contraction, b.Churn} {
		if m.Sign() < 0 {
			t.Fatalf("negative movement %v in %v", m, b)
		}
	}
	n := b.Customers
	if n.Opening+n.New+n.Reactivation-n.Churn != n.Closing {
		t.Fatalf("customer counts do not arrReconcile: %+v", n)
	}
}

func arrCheckEq(t *rapid.T, what string, want, got sp.Money) {
	t.Helper()
	if c, err := want.Cmp(got); err != nil || c != 0 {
		t.Fatalf("%s: want %v, got %v", what, want, got)
	}
}

// arrLine returns one line of the bridge in cur, zero when there is none.
func arrLine(bs []metrics.ARRBridge, cur sp.Currency, line string) sp.Money {
	for _, b := range bs {
		if b.Currency == cur {
			switch line {
			case "opening":
				return b.Opening
			case "closing":
				return b.Closing
			}
		}
	}
	return sp.NewMoney(0, cur)
}

// arrBrute computes the bridge of [from, to) the slow way: each
// (customer, currency)'s ARR on from − 1 and to − 1, and its earlier ARR
// found by scanning every day from 2023 to from − 1.
func arrBrute(subs []sp.Subscription, from, to sp.Date, mode sp.RoundingMode) []metrics.ARRBridge {
	type key struct {
		customer string
		cur      sp.Currency
	}
	type ends struct {
		o, c   sp.Sum
		before bool
	}
	per := map[key]*ends{}
	get := func(k key) *ends {
		if per[k] == nil {
			per[k] = &ends{}
		}
		return per[k]
	}
	for i := range subs {
		s := &subs[i]
		if a := s.ARROn(from.AddDays(-1), mode); a.Sign() != 0 {
			get(key{s.Customer, a.Currency()}).o.Add(a)
		}
		if a := s.ARROn(to.AddDays(-1), mode); a.Sign() != 0 {
			get(key{s.Customer, a.Currency()}).c.Add(a)
		}
		for d := arrDate(2023, 1, 1); d.Before(from); d = d.AddDays(1) {
			if a := s.ARROn(d, mode); a.Sign() > 0 {
				get(key{s.Customer, a.Currency()}).before = true
				break
			}
		}
	}
	byCur := map[sp.Currency]*metrics.ARRBridge{}
	var acc = map[sp.Currency]*[7]sp.Sum{}
	for k, e := range per {
		o, c := e.o.Of(k.cur), e.c.Of(k.cur)
		if o.IsZero() && c.IsZero() {
			continue
		}
		if byCur[k.cur] == nil {
			byCur[k.cur] = &metrics.ARRBridge{Currency: k.cur}
			acc[k.cur] = &[7]sp.Sum{}
		}
		b, s := byCur[k.cur], acc[k.cur]
		s[0].Add(o)
		s[6].Add(c)
		if !o.IsZero() {
			b.Customers.Opening++
		}
		if !c.IsZero() {
			b.Customers.Closing++
		}
		diff, _ := c.Sub(o)
		switch {
		case o.IsZero() && e.before:
			s[2].Add(c)
			b.Customers.Reactivation++
		case o.IsZero():
			s[1].Add(c)
			b.Customers.New++
		case c.IsZero():
			s[5].Add(o)
			b.Customers.Churn++
		case diff.Sign() > 0:
			s[3].Add(diff)
			b.Customers.Expansion++
		case diff.Sign() < 0:
			s[4].Add(diff.Neg())
			b.Customers.Contraction++
		}
	}
	var out []metrics.ARRBridge
	for cur, b := range byCur {
		s := acc[cur]
		b.Opening, b.New, b.Reactivation, b.Expansion = s[0].Of(cur), s[1].Of(cur), s[2].Of(cur), s[3].Of(cur)
		b.Contraction, b.Churn, b.Closing = s[4].Of(cur), s[5].Of(cur), s[6].Of(cur)
		out = append(out, *b)
	}
	slices.SortFunc(out, func(x, y metrics.ARRBridge) int { return strings.Compare(string(x.Currency), string(y.Currency)) })
	return out
}

// TestARRAddAllocs checks that folding a subscription allocates nothing
// once its customer and currencies are known (growth per distinct
// customer is amortised).
func TestARRAddAllocs(t *testing.T) {
	subs := subscriptionBook()
	mv := metrics.ARRMovements(arrDate(2026, 3, 1), arrDate(2026, 4, 1), sp.RoundHalfEven)
	st := mv.Fold(metrics.Refs(subs))
	if n := testing.AllocsPerRun(100, func() { mv.FoldInto(&st, metrics.Refs(subs)) }); n != 0 {
		t.Errorf("ARRMovements: %v allocations per fold of known customers, want 0", n)
	}
	arr := metrics.ARR(arrDate(2026, 3, 10), sp.RoundHalfEven)
	sum := arr.Fold(metrics.Refs(subs))
	if n := testing.AllocsPerRun(100, func() { arr.FoldInto(&sum, metrics.Refs(subs)) }); n != 0 {
		t.Errorf("ARR: %v allocations per fold, want 0", n)
	}
}
