package forecast_test

import (
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
)

// The quarter's revenue range from one deal already won and three open
// deals timed by their expected close dates (no history yet), with the
// default period shock.
func ExampleMonteCarlo_Simulate() {
	at := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	open := func(id, amount string, close sp.Date) sp.Deal {
		return sp.Deal{ID: id, Stage: "Proposal", Status: sp.Open, Amount: sp.MustParseMoney(amount),
			Created: at(2, 1), ExpectedClose: close}
	}
	deals := []sp.Deal{
		{ID: "D1", Stage: "Won", Status: sp.Won, Amount: sp.MustParseMoney("40000 USD"), Created: at(2, 1), Closed: at(4, 20)},
		open("D2", "60000 USD", sp.Date{Year: 2026, Month: 5, Day: 20}),
		open("D3", "25000 USD", sp.Date{Year: 2026, Month: 6, Day: 10}),
		open("D4", "90000 USD", sp.Date{Year: 2026, Month: 6, Day: 25}),
	}
	prob := map[string]float64{"D2": 0.8, "D3": 0.5, "D4": 0.3}
	mc := forecast.MonteCarlo{
		AsOf: at(5, 1), From: at(4, 1), To: at(7, 1), Currency: "USD",
		Prob: func(d *sp.Deal) (float64, bool) { p, ok := prob[d.ID]; return p, ok },
		Seed: 1,
	}
	sim, err := mc.Simulate(deals)
	if err != nil {
		fmt.Println(err)
	}
	p10, p50, p90 := sim.Range()
	m := sim.Mean()
	hit, _ := sim.ProbAtLeast(sp.MustParseMoney("100000 USD"))
	v, _ := hit.Value()
	fmt.Println("draws:", sim.N())
	fmt.Println("P10:", p10, "P50:", p50, "P90:", p90)
	fmt.Println("mean:", m.Total, "= closed", m.Closed, "+ open", m.Open, "+ new", m.New)
	// The expected open part is 0.8 × 60000 + 0.5 × 25000 + 0.3 × 90000 = 87500.
	fmt.Printf("P(revenue ≥ 100000.00 USD): %.2f\n", v)
	// Output:
	// draws: 10000
	// P10: 65000.00 USD P50: 125000.00 USD P90: 215000.00 USD
	// mean: 127902.00 USD = closed 40000.00 USD + open 87902.00 USD + new 0.00 USD
	// P(revenue ≥ 100000.00 USD): 0.86
}
