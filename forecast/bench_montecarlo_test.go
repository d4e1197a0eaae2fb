package forecast_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
)

// BenchmarkMonteCarlo simulates 10,000 open deals × 10,000 draws (the
// issue's target: under 2 s on 2 cores) beside a plain loop doing the same
// number of uniform draws and comparisons with no modelling, on one core
// and split over GOMAXPROCS goroutines; compare ns/op of the sub-benchmarks.
func BenchmarkMonteCarlo(b *testing.B) {
	const nDeals, nDraws = 10_000, 10_000
	r := rand.New(rand.NewPCG(1, 2))
	deals := make([]sp.Deal, nDeals)
	probs := map[string]float64{}
	from := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	for i := range deals {
		id := fmt.Sprintf("D%05d", i)
		deals[i] = sp.Deal{ID: id, Stage: "Demo", Status: sp.Open, Amount: sp.NewMoney(r.Int64N(10_000_000), "USD"),
			Created: from.AddDate(0, -2, 0), ExpectedClose: sp.Date{Year: 2026, Month: time.Month(4 + i%2), Day: 15}}
		probs[id] = r.Float64()
	}
	prob := func(d *sp.Deal) (float64, bool) { p, ok := probs[d.ID]; return p, ok }
	for _, shock := range []float64{forecast.NoShock, forecast.DefaultShock} {
		b.Run(fmt.Sprintf("simulate/shock=%v", shock), func(b *testing.B) {
			mc := forecast.MonteCarlo{AsOf: from, From: from, To: from.AddDate(0, 3, 0), Currency: "USD", Prob: prob, Shock: shock, Draws: nDraws, Seed: 1}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := mc.Simulate(deals); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	ps := make([]float64, nDeals)
	amounts := make([]int64, nDeals)
	for i := range ps {
		ps[i] = probs[deals[i].ID]
		amounts[i], _ = deals[i].Amount.Minor()
	}
	plain := func(sums []int64, seed uint64) {
		r := rand.New(rand.NewPCG(seed, 3))
		for i, p := range ps {
			for d := range sums {
				if r.Float64() < p {
					sums[d] += amounts[i]
				}
			}
		}
	}
	b.Run("plain loop/1 core", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			plain(make([]int64, nDraws), 1)
		}
	})
	b.Run("plain loop/2 goroutines", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sums := make([]int64, nDraws)
			done := make(chan bool)
			go func() { plain(sums[:nDraws/2], 1); done <- true }()
			plain(sums[nDraws/2:], 2)
			<-done
		}
	})
}
