package salesperf_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesperf/salesperf"
)

func ExampleParseMoney() {
	for _, s := range []string{"1234.5 USD", "JPY 980", "-0.125 KWD", "10.005 USD", "12,50 EUR", "12 XYZ"} {
		m, err := salesperf.ParseMoney(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(m, m.Valid())
	}
	// Output:
	// 1234.50 USD <nil>
	// 980 JPY <nil>
	// -0.125 KWD <nil>
	// 10.005 USD salesperf: 10.005 USD: precision finer than the currency allows (USD has 2 decimal places)
	// salesperf: parse money "12,50 EUR": invalid syntax
	// salesperf: parse money "12 XYZ": unknown currency "XYZ"
}

func ExampleMoney_Div() {
	won := salesperf.MustParseMoney("100.00 USD")
	// The average of three deals totalling 100.00 USD.
	fmt.Println(won.Div(3, salesperf.RoundHalfEven))
	// Half a cent either way.
	fmt.Println(salesperf.MustParseMoney("0.05 USD").Div(2, salesperf.RoundHalfEven))
	fmt.Println(salesperf.MustParseMoney("0.05 USD").Div(2, salesperf.RoundHalfUp))
	// Output:
	// 33.33 USD
	// 0.02 USD
	// 0.03 USD
}

func ExampleMoney_Mul() {
	amount := salesperf.MustParseMoney("48500.00 EUR")
	// Weighted by a 35% win probability.
	fmt.Println(amount.Mul(decimal.RequireFromString("0.35"), salesperf.RoundHalfEven))
	// Output:
	// 16975.00 EUR
}

func ExampleSum() {
	var won salesperf.Sum
	for _, s := range []string{"1200.00 USD", "150000 JPY", "800.50 USD", "0"} {
		won.Add(salesperf.MustParseMoney(s))
	}
	fmt.Println(won.String())
	fmt.Println(won.Of("USD"))

	_, err := won.Single()
	fmt.Println(err, errors.Is(err, salesperf.ErrMixedCurrency))

	var usd salesperf.Sum
	usd.Add(salesperf.MustParseMoney("10 USD"))
	usd.Add(salesperf.MustParseMoney("2.5 USD"))
	fmt.Println(usd.Single())
	// Output:
	// 150000 JPY + 2000.50 USD
	// 2000.50 USD
	// salesperf: sum: mixed currencies: JPY, USD true
	// 12.50 USD <nil>
}

func ExampleRates_Convert() {
	var rates salesperf.Rates
	rates.Set("USD", "EUR", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), decimal.RequireFromString("0.9234"))
	rates.Set("JPY", "EUR", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), decimal.RequireFromString("0.0061"))
	on := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)

	fmt.Println(rates.Convert(salesperf.MustParseMoney("100.00 USD"), "EUR", on, salesperf.RoundHalfEven))

	var pipeline salesperf.Sum
	pipeline.Add(salesperf.MustParseMoney("100.00 USD"))
	pipeline.Add(salesperf.MustParseMoney("123 JPY")) // 0.7503 EUR
	fmt.Println(pipeline.Convert(&rates, "EUR", on, salesperf.RoundHalfEven))

	_, err := rates.Convert(salesperf.MustParseMoney("5 GBP"), "EUR", on, salesperf.RoundHalfEven)
	fmt.Println(err)
	// Output:
	// 92.34 EUR <nil>
	// 93.09 EUR <nil>
	// salesperf: missing exchange rate: no GBP→EUR rate on or before 2026-03-14
}

func ExampleRoundingMode() {
	modes := []salesperf.RoundingMode{
		salesperf.RoundHalfEven, salesperf.RoundHalfUp, salesperf.RoundHalfDown,
		salesperf.RoundUp, salesperf.RoundDown, salesperf.RoundCeiling, salesperf.RoundFloor,
	}
	for _, mode := range modes {
		fmt.Printf("%-8v", mode)
		for _, s := range []string{"2.345 USD", "-2.345 USD", "2.355 USD"} {
			fmt.Printf(" %10v", salesperf.MustParseMoney(s).Round(mode))
		}
		fmt.Println()
	}
	// Output:
	// HalfEven   2.34 USD  -2.34 USD   2.36 USD
	// HalfUp     2.35 USD  -2.35 USD   2.36 USD
	// HalfDown   2.34 USD  -2.34 USD   2.35 USD
	// Up         2.35 USD  -2.35 USD   2.36 USD
	// Down       2.34 USD  -2.34 USD   2.35 USD
	// Ceiling    2.35 USD  -2.34 USD   2.36 USD
	// Floor      2.34 USD  -2.35 USD   2.35 USD
}
