package salesperf_test

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	sp "github.com/salesperf/salesperf"
)

// benchN is the number of amounts summed per benchmark operation.
const benchN = 10_000

// benchAmounts returns benchN deal amounts in USD between 0.01 and
// 100,000.00, the same on every run.
func benchAmounts() ([]sp.Money, []decimal.Decimal) {
	r := rand.New(rand.NewPCG(1, 2))
	ms := make([]sp.Money, benchN)
	ds := make([]decimal.Decimal, benchN)
	for i := range ms {
		minor := 1 + r.Int64N(10_000_000)
		ms[i] = sp.NewMoney(minor, "USD")
		ds[i] = decimal.New(minor, -2)
	}
	return ms, ds
}

// BenchmarkSum sums 10,000 amounts per operation: through Sum (the fast
// path), with decimal.Decimal.Add as the naive baseline, and with a plain
// int64 of cents as the hand-tuned one.
func BenchmarkSum(b *testing.B) {
	ms, ds := benchAmounts()
	b.Run("salesperf.Sum", func(b *testing.B) {
		b.ReportAllocs()
		var total sp.Money
		for b.Loop() {
			var s sp.Sum
			for _, m := range ms {
				s.Add(m)
			}
			total = s.Of("USD")
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchN), "ns/add")
		_ = total
	})
	b.Run("decimal.Add", func(b *testing.B) {
		b.ReportAllocs()
		var total decimal.Decimal
		for b.Loop() {
			s := decimal.Zero
			for _, d := range ds {
				s = s.Add(d)
			}
			total = s
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchN), "ns/add")
		_ = total
	})
	b.Run("int64", func(b *testing.B) {
		// The hand-tuned baseline: a plain int64 of cents.
		cents := make([]int64, len(ms))
		for i, m := range ms {
			cents[i], _ = m.Minor()
		}
		b.ReportAllocs()
		var total int64
		for b.Loop() {
			var s int64
			for _, c := range cents {
				s += c
			}
			total = s
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchN), "ns/add")
		_ = total
	})
	b.Run("salesperf.Sum/mixed", func(b *testing.B) {
		// Every third amount in another currency: the slice path.
		mixed := make([]sp.Money, len(ms))
		curs := []sp.Currency{"USD", "EUR", "JPY"}
		for i, m := range ms {
			minor, _ := m.Minor()
			mixed[i] = sp.NewMoney(minor, curs[i%3])
		}
		b.ReportAllocs()
		for b.Loop() {
			var s sp.Sum
			for _, m := range mixed {
				s.Add(m)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchN), "ns/add")
	})
}

// BenchmarkMoneyAdd adds two amounts in the fast moneyForm.
func BenchmarkMoneyAdd(b *testing.B) {
	x, y := sp.NewMoney(123456, "USD"), sp.NewMoney(789, "USD")
	b.ReportAllocs()
	var err error
	for b.Loop() {
		x, err = x.Add(y)
	}
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkMoneyMul weights an amount by a probability.
func BenchmarkMoneyMul(b *testing.B) {
	x, p := sp.NewMoney(4850000, "EUR"), decimal.RequireFromString("0.35")
	b.ReportAllocs()
	var r sp.Money
	for b.Loop() {
		r = x.Mul(p, sp.RoundHalfEven)
	}
	_ = r
}

// BenchmarkParseMoney parses a typical CRM amount.
func BenchmarkParseMoney(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sp.ParseMoney("48500.00 EUR"); err != nil {
			b.Fatal(err)
		}
	}
}
