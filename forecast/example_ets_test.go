package forecast_test

import (
	"fmt"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
)

// Quarterly won revenue over four years, in thousands: growth, and a strong
// fourth quarter.
var quarterly = forecast.Series{Period: 4, Values: []float64{
	210, 232, 251, 340,
	236, 259, 282, 383,
	262, 288, 311, 425,
	290, 318, 344, 470,
}}

func ExampleAutoETS() {
	e, err := forecast.AutoETS(quarterly, forecast.ETSConfig{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s  AICc %.1f\n", e.Model, e.AICc)
	f := e.Forecast(4, 0.8)
	for i, v := range f.Mean {
		fmt.Printf("Q%d: %.0f (80%%: %.0f–%.0f)\n", i+1, v, f.Intervals[0].Lower[i], f.Intervals[0].Upper[i])
	}
	// Output:
	// ETS(M,A,M)  AICc 103.6
	// Q1: 318 (80%: 315–320)
	// Q2: 348 (80%: 345–351)
	// Q3: 375 (80%: 372–378)
	// Q4: 511 (80%: 507–516)
}

func ExampleFitETS() {
	// Holt–Winters with multiplicative seasonality, parameters by maximum
	// likelihood.
	model, _ := forecast.ParseETSModel("MAM")
	e, err := forecast.FitETS(quarterly, model, forecast.ETSConfig{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s alpha %.3f beta %.4f gamma %.4f\n", e.Model, e.Params.Alpha, e.Params.Beta, e.Params.Gamma)
	fmt.Printf("next year: %.0f\n", e.Forecast(4).Mean)
	// Output:
	// ETS(M,A,M) alpha 0.082 beta 0.0001 gamma 0.9166
	// next year: [318 348 375 511]
}

func ExampleNewETS() {
	// Simple exponential smoothing with α = 0.5 from a level of 100: each
	// forecast moves half-way towards the value it missed.
	s := forecast.Series{Values: []float64{100, 110, 104, 120}}
	e, err := forecast.NewETS(s, forecast.ETSModel{Error: forecast.Additive}, forecast.ETSParams{Alpha: 0.5}, forecast.ETSStates{Level: 100})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Fitted, e.Forecast(2).Mean)
	// Output:
	// [100 100 105 104.5] [112.25 112.25]
}

func ExampleSeasonalNaive() {
	f, err := forecast.SeasonalNaive(quarterly, 4, 0.95)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Method, f.Mean)
	fmt.Printf("Q1 95%%: %.1f–%.1f\n", f.Intervals[0].Lower[0], f.Intervals[0].Upper[0])
	// Output:
	// SNAIVE [290 318 344 470]
	// Q1 95%: 225.2–354.8
}

func ExampleSeriesOf() {
	// Exact monthly revenue in, a float series for the model, exact money
	// out, rounded half to even to the cent.
	won := []sp.Money{
		sp.MustParseMoney("1200.50 USD"), sp.MustParseMoney("1350.25 USD"), sp.MustParseMoney("1280.00 USD"),
		sp.MustParseMoney("1410.75 USD"), sp.MustParseMoney("1390.10 USD"), sp.MustParseMoney("1505.40 USD"),
		sp.MustParseMoney("1470.00 USD"), sp.MustParseMoney("1580.95 USD"),
	}
	s, err := forecast.SeriesOf(won, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := forecast.FitETS(s, forecast.ETSModel{Error: forecast.Additive, Trend: forecast.Additive}, forecast.ETSConfig{})
	if err != nil {
		fmt.Println(err) // eight values are too few for Holt's four parameters plus four
	}
	e, err = forecast.FitETS(s, forecast.ETSModel{Error: forecast.Additive}, forecast.ETSConfig{})
	if err != nil {
		fmt.Println(err)
		return
	}
	next, _ := forecast.MoneyOf(e.Forecast(1).Mean[0], "USD", sp.RoundHalfEven)
	fmt.Println(e.Model, next)
	// Output:
	// forecast: ETS(A,A,N): 8 values, more than 8 needed: series too short
	// ETS(A,N,N) 1551.93 USD
}
