package metrics_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

func won(amount string) sp.Deal {
	d := sp.Deal{Status: sp.Won, Created: day(2026, 3, 1), Closed: day(2026, 3, 20)}
	if amount != "" {
		d.Amount = sp.MustParseMoney(amount)
	}
	return d
}

// sizeBook is the deals of the deal-size table test.
//
//	won  500.00 USD, 1000.00 USD, 2500.50 USD, 4999.99 USD, 10000.00 USD,
//	     120000.00 USD; 800.00 EUR, 1200.00 EUR; one with no amount
//	lost 7000.00 USD, open 3000.00 USD: not counted
func sizeBook() []sp.Deal {
	lost, open := won("7000.00 USD"), won("3000.00 USD")
	lost.Status, open.Status = sp.Lost, sp.Open
	return []sp.Deal{
		won("500.00 USD"), won("1000.00 USD"), won("2500.50 USD"), won("4999.99 USD"),
		won("10000.00 USD"), won("120000.00 USD"), won("800.00 EUR"), won("1200.00 EUR"),
		won(""), lost, open,
	}
}

func TestDealSize(t *testing.T) {
	m := sp.MustParseMoney
	usd := func(vs ...string) []sp.Money {
		out := make([]sp.Money, len(vs))
		for i, v := range vs {
			out[i] = m(v + " USD")
		}
		return out
	}
	// The default buckets, each listed; counts filled in per case.
	defaults := func(counts ...int64) []metrics.SizeBucket {
		b := usd("0.00", "1000.00", "5000.00", "10000.00", "50000.00", "100000.00")
		out := make([]metrics.SizeBucket, len(b))
		for i := range b {
			out[i] = metrics.SizeBucket{Min: b[i], N: counts[i]}
			if i+1 < len(b) {
				out[i].Below = b[i+1]
			}
		}
		return out
	}
	// USD of sizeBook, sorted: 500.00 1000.00 2500.50 4999.99 10000.00
	// 120000.00. Total 139000.49; median (n = 6, even) the midpoint of
	// 2500.50 and 4999.99 = 7500.49 / 2 = 3750.245, exact.
	usdBook := metrics.CurrencySize{Currency: "USD", N: 6, Total: m("139000.49 USD"),
		Min: m("500.00 USD"), Median: m("3750.245 USD"), Max: m("120000.00 USD")}
	// EUR: 800.00 1200.00; total 2000.00, median 1000.00.
	eurBook := metrics.CurrencySize{Currency: "EUR", N: 2, Total: m("2000.00 EUR"),
		Min: m("800.00 EUR"), Median: m("1000.00 EUR"), Max: m("1200.00 EUR")}

	tests := []struct {
		reason string
		bounds []sp.Money
		deals  []sp.Deal
		want   metrics.DealSizes
	}{{
		reason: "default buckets: [0,1000) 500; [1000,5000) 1000, 2500.50, 4999.99; " +
			"[10000,50000) 10000; ≥100000 120000; EUR in Other; lost and open not counted",
		deals: sizeBook(),
		want: metrics.DealSizes{Won: 9, NoAmount: 1, Currencies: []metrics.CurrencySize{eurBook, usdBook},
			Buckets: defaults(1, 3, 0, 1, 0, 1), Other: 2},
	}, {
		reason: "EUR buckets: [0,1000) 800; ≥1000 1200; the six USD deals in Other",
		bounds: []sp.Money{m("0.00 EUR"), m("1000.00 EUR")},
		deals:  sizeBook(),
		want: metrics.DealSizes{Won: 9, NoAmount: 1, Currencies: []metrics.CurrencySize{eurBook, usdBook},
			Buckets: []metrics.SizeBucket{
				{Min: m("0.00 EUR"), Below: m("1000.00 EUR"), N: 1},
				{Min: m("1000.00 EUR"), N: 1},
			}, Other: 6},
	}, {
		// Sorted: -50.00 500.00 1000.00 9999.99 10000.00; median x[2] =
		// 1000.00; total 21449.99. Below 1000: -50.00 and 500.00;
		// [1000,10000): 1000.00, 9999.99 (a bound is in its own bucket);
		// ≥10000: 10000.00.
		reason: "amounts below the first bound are counted in Below, not dropped",
		bounds: usd("1000.00", "10000.00"),
		deals:  []sp.Deal{won("500.00 USD"), won("-50.00 USD"), won("1000.00 USD"), won("10000.00 USD"), won("9999.99 USD")},
		want: metrics.DealSizes{Won: 5, Currencies: []metrics.CurrencySize{{Currency: "USD", N: 5,
			Total: m("21449.99 USD"), Min: m("-50.00 USD"), Median: m("1000.00 USD"), Max: m("10000.00 USD")}},
			Buckets: []metrics.SizeBucket{
				{Min: m("1000.00 USD"), Below: m("10000.00 USD"), N: 2},
				{Min: m("10000.00 USD"), N: 1},
			}, Below: 2},
	}, {
		// 10.005 USD is finer than a cent (the exact path); sorted 10.00
		// 10.005 20.00 20.00: median midpoint of 10.005 and 20.00 =
		// 15.0025; total 60.005.
		reason: "an amount finer than the currency is kept exactly and sorted among the others",
		bounds: usd("0.00", "20.00"),
		deals:  []sp.Deal{won("20.00 USD"), won("10.005 USD"), won("10.00 USD"), won("20.00 USD")},
		want: metrics.DealSizes{Won: 4, Currencies: []metrics.CurrencySize{{Currency: "USD", N: 4,
			Total: m("60.005 USD"), Min: m("10.00 USD"), Median: m("15.0025 USD"), Max: m("20.00 USD")}},
			Buckets: []metrics.SizeBucket{
				{Min: m("0.00 USD"), Below: m("20.00 USD"), N: 2},
				{Min: m("20.00 USD"), N: 2},
			}},
	}, {
		// MaxInt64 cents = 92233720368547758.07 USD. With ...58.05:
		// median (…58.07 + …58.05) / 2 = …58.06; the total spills
		// beyond int64 cents: 184467440737095516.12.
		reason: "amounts near the int64 limit: exact total and median",
		bounds: usd("0.00"),
		deals:  []sp.Deal{won("92233720368547758.07 USD"), won("92233720368547758.05 USD")},
		want: metrics.DealSizes{Won: 2, Currencies: []metrics.CurrencySize{{Currency: "USD", N: 2,
			Total: m("184467440737095516.12 USD"), Min: m("92233720368547758.05 USD"),
			Median: m("92233720368547758.06 USD"), Max: m("92233720368547758.07 USD")}},
			Buckets: []metrics.SizeBucket{{Min: m("0.00 USD"), N: 2}}},
	}, {
		reason: "odd count with a repeated amount: median is the middle one",
		bounds: usd("0.00"),
		deals:  []sp.Deal{won("300.00 USD"), won("100.00 USD"), won("300.00 USD")},
		want: metrics.DealSizes{Won: 3, Currencies: []metrics.CurrencySize{{Currency: "USD", N: 3,
			Total: m("700.00 USD"), Min: m("100.00 USD"), Median: m("300.00 USD"), Max: m("300.00 USD")}},
			Buckets: []metrics.SizeBucket{{Min: m("0.00 USD"), N: 3}}},
	}, {
		reason: "no deal: every bucket listed with 0, no currency",
		deals:  nil,
		want:   metrics.DealSizes{Buckets: defaults(0, 0, 0, 0, 0, 0)},
	}}
	for _, tt := range tests {
		got := metrics.DealSize(tt.bounds...).Compute(metrics.Refs(tt.deals))
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
		}
	}
}

func TestDealSizePresentation(t *testing.T) {
	r := metrics.DealSize().Compute(metrics.Refs(sizeBook()))
	usd, ok := r.Of("USD")
	if !ok {
		t.Fatal("no USD figures")
	}
	// Average 139000.49 / 6 = 23166.748333… → 23166.75.
	if v, ok, err := usd.Average().Value(sp.RoundHalfEven); err != nil || !ok || v.String() != "23166.75 USD" {
		t.Errorf("USD average = %v %v %v, want 23166.75 USD", v, ok, err)
	}
	// The median 3750.245 rounds to 3750.24 half-even, 3750.25 half-up.
	if got := usd.Median.Round(sp.RoundHalfUp).String(); got != "3750.25 USD" {
		t.Errorf("median half-up = %s", got)
	}
	if _, ok := r.Of("JPY"); ok {
		t.Error("Of(JPY) found figures")
	}
	if _, err := r.Single(); !errors.Is(err, sp.ErrMixedCurrency) || !strings.Contains(err.Error(), "EUR, USD") {
		t.Errorf("Single over EUR and USD: %v", err)
	}
	want := "EUR: n=2, average 1000.00 EUR, median 1000.00 EUR; USD: n=6, average 23166.75 USD, median 3750.24 USD; " +
		"[0.00 USD, 1000.00 USD): 1, [1000.00 USD, 5000.00 USD): 3, [10000.00 USD, 50000.00 USD): 1, ≥ 100000.00 USD: 1, " +
		"other currencies: 2, no amount: 1"
	if got := r.String(); got != want {
		t.Errorf("String =\n%s\nwant\n%s", got, want)
	}
	empty := metrics.DealSize().Compute(metrics.Refs([]sp.Deal(nil)))
	if got := empty.String(); got != "– (n=0)" {
		t.Errorf("empty String = %q", got)
	}
	if s, err := empty.Single(); err != nil || s.N != 0 {
		t.Errorf("empty Single = %+v, %v", s, err)
	}
	if _, ok, _ := (metrics.CurrencySize{}).Average().Value(sp.RoundHalfEven); ok {
		t.Error("average of nothing has a value")
	}
}

func TestDealSizePanics(t *testing.T) {
	m := sp.MustParseMoney
	for _, bounds := range [][]sp.Money{
		{m("0.00 USD"), m("0.00 USD")},
		{m("10.00 USD"), m("5.00 USD")},
		{m("0.00 USD"), m("10.00 EUR")},
		{{}, m("10.00 USD")},
	} {
		func() {
			defer func() {
				if p := recover(); p == nil || !strings.HasPrefix(p.(string), "metrics: ") {
					t.Errorf("DealSize(%v): panic %v, want a metrics: panic", bounds, p)
				}
			}()
			metrics.DealSize(bounds...)
		}()
	}
}

func TestDealSizeStateJSON(t *testing.T) {
	agg := metrics.DealSize()
	s := agg.Fold(metrics.Refs(sizeBook()))
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"no_amount":1,"amounts":{"EUR":[{"amount":"800.00","count":1},{"amount":"1200.00","count":1}],` +
		`"USD":[{"amount":"500.00","count":1},{"amount":"1000.00","count":1},{"amount":"2500.50","count":1},` +
		`{"amount":"4999.99","count":1},{"amount":"10000.00","count":1},{"amount":"120000.00","count":1}]}}`
	if string(data) != want {
		t.Errorf("state JSON =\n%s\nwant\n%s", data, want)
	}
	for _, bad := range []string{
		`{"amounts":{"USD":[{"amount":"x","count":1}]}}`,
		`{"amounts":{"USD":[{"amount":"1.00","count":-1}]}}`,
		`{"amounts":{"":[{"amount":"1.00","count":1}]}}`,
		`{"no_amount":-1}`,
		`{"amounts":[]}`,
	} {
		back := agg.Fold(metrics.Refs(sizeBook()))
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("decoding %s: no error", bad)
		} else if !strings.HasPrefix(err.Error(), "metrics: ") {
			t.Errorf("decoding %s: %v, want a metrics: error", bad, err)
		}
		if diff := cmp.Diff(agg.Result(&s), agg.Result(&back)); diff != "" {
			t.Errorf("a failed decode of %s changed the state (-want +got):\n%s", bad, diff)
		}
	}
}

// TestDealSizeAddDoesNotAllocate checks that adding a deal whose amount
// the state has seen does not allocate: only a new distinct amount grows
// the map.
func TestDealSizeAddDoesNotAllocate(t *testing.T) {
	agg := metrics.DealSize()
	deals := sizeBook()
	var s metrics.DealSizeState
	agg.FoldInto(&s, metrics.Refs(deals))
	allocs := testing.AllocsPerRun(100, func() {
		for i := range deals {
			agg.Add(&s, &deals[i])
		}
	})
	if allocs != 0 {
		t.Errorf("Add of seen amounts: %v allocations, want 0", allocs)
	}
}
