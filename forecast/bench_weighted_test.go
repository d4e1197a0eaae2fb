package forecast_test

import (
	"fmt"
	"sync"
	"testing"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
	"github.com/salesperf/salesperf/metrics"
	"github.com/shopspring/decimal"
)

// benchDeals are 1,000,000 open deals of pipeline "new" in USD, spread
// over its three open stages, built once.
var benchDeals = sync.OnceValue(func() []sp.Deal {
	stages := []string{"Lead", "Demo", "Proposal"}
	ds := make([]sp.Deal, 1_000_000)
	for i := range ds {
		ds[i] = sp.Deal{ID: fmt.Sprint(i), Pipeline: "new", Stage: stages[i%3], Status: sp.Open,
			Amount: sp.NewMoney(int64(100_000+(i*7919)%10_000_000), "USD")}
	}
	return ds
})

// BenchmarkWeightedPipeline folds 1,000,000 open deals into a weighted
// pipeline through the public API, beside a naive loop over
// decimal.Decimal (map lookup, Mul, Round, Add per deal: allocates) and a
// hand-tuned int64 loop (probabilities as millionths, half-even rounding
// by hand) that is the floor.
func BenchmarkWeightedPipeline(b *testing.B) {
	deals := benchDeals()
	probs := fcLawProbs(false)
	b.Run("WeightedPipeline", func(b *testing.B) {
		agg := forecast.WeightedPipeline(probs, sp.RoundHalfEven)
		b.ReportAllocs()
		for b.Loop() {
			s := agg.Fold(metrics.Refs(deals))
			if s.Deals != int64(len(deals)) {
				b.Fatal(s.Deals)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(deals)), "ns/deal")
	})
	b.Run("naive decimal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			total := decimal.Zero
			for i := range deals {
				d := &deals[i]
				if d.Status != sp.Open || d.Pipeline != "new" {
					continue
				}
				p, ok := probs.Stages[d.Stage]
				if !ok {
					continue
				}
				total = total.Add(d.Amount.Decimal().Mul(p).RoundBank(2))
			}
			if total.Sign() <= 0 {
				b.Fatal(total)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(deals)), "ns/deal")
	})
	b.Run("hand-tuned int64", func(b *testing.B) {
		micro := map[string]int64{}
		for s, p := range probs.Stages {
			micro[s] = p.Shift(6).IntPart()
		}
		b.ReportAllocs()
		for b.Loop() {
			var total int64
			for i := range deals {
				d := &deals[i]
				if d.Status != sp.Open || d.Pipeline != "new" {
					continue
				}
				p, ok := micro[d.Stage]
				if !ok {
					continue
				}
				m, _ := d.Amount.Minor()
				x := m * p // cents × millionths; no overflow at these amounts
				q, r := x/1_000_000, x%1_000_000
				if r > 500_000 || r == 500_000 && q%2 == 1 {
					q++
				}
				total += q
			}
			if total <= 0 {
				b.Fatal(total)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(deals)), "ns/deal")
	})
}
