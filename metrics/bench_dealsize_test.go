package metrics_test

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/shopspring/decimal"
)

const sizeBenchN = 1_000_000

var (
	sizeBenchOnce  sync.Once
	sizeBenchDeals []sp.Deal
)

// sizeBenchData is 1,000,000 deals, a third each won, lost and open,
// amounts in USD cents lognormal around 20,000.00 (so most won amounts
// are distinct: the worst case for the state's size), the same on every
// run.
func sizeBenchData() []sp.Deal {
	sizeBenchOnce.Do(func() {
		r := rand.New(rand.NewPCG(3, 4))
		start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
		sizeBenchDeals = make([]sp.Deal, sizeBenchN)
		for i := range sizeBenchDeals {
			created := start.Add(time.Duration(r.Int64N(3*365*24*3600)) * time.Second)
			d := sp.Deal{Status: sp.Status(1 + r.IntN(3)), Created: created,
				Amount: sp.NewMoney(int64(2_000_000*math.Exp(r.NormFloat64()*0.8)), "USD")}
			if d.Status != sp.Open {
				d.Closed = created.Add(time.Duration(40*24*3600*math.Exp(r.NormFloat64()*0.6)) * time.Second)
			}
			sizeBenchDeals[i] = d
		}
	})
	return sizeBenchDeals
}

// perDeal runs f in b.Loop and reports nanoseconds and allocations per
// deal, f folding n deals per call.
func perDeal(b *testing.B, n int, f func()) {
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		f()
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/deal")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N*n), "allocs/deal")
}

// BenchmarkDealSize computes the deal size (count, total, median and
// buckets of the won amounts) of 1,000,000 deals: through DealSize (fold
// into a fresh state then present; fold alone; fold into a state that
// has seen every amount, the steady state; present alone), beside a naive
// loop over decimal.Decimal that keeps every won amount and sorts them,
// and a hand-tuned loop over a column of int64 cents.
func BenchmarkDealSize(b *testing.B) {
	ds := sizeBenchData()
	agg := metrics.DealSize()
	b.Run("salesperf", func(b *testing.B) {
		perDeal(b, len(ds), func() { agg.Compute(metrics.Refs(ds)) })
	})
	b.Run("salesperf/fold", func(b *testing.B) {
		perDeal(b, len(ds), func() { agg.Fold(metrics.Refs(ds)) })
	})
	b.Run("salesperf/fold-warm", func(b *testing.B) {
		s := agg.Fold(metrics.Refs(ds))
		perDeal(b, len(ds), func() { agg.FoldInto(&s, metrics.Refs(ds)) })
	})
	b.Run("salesperf/result", func(b *testing.B) {
		s := agg.Fold(metrics.Refs(ds))
		r := agg.Result(&s)
		u, _ := r.Of("USD")
		perDeal(b, len(ds), func() { agg.Result(&s) })
		b.ReportMetric(float64(distinctWon(ds)), "distinct")
		b.ReportMetric(float64(u.N), "won")
	})
	b.Run("naive", func(b *testing.B) {
		perDeal(b, len(ds), func() { naiveDealSize(ds) })
	})
	b.Run("tuned", func(b *testing.B) {
		// The column is built once, outside the timing, as a columnar
		// store would hold it.
		status, cents := make([]uint8, len(ds)), make([]int64, len(ds))
		for i := range ds {
			status[i] = uint8(ds[i].Status)
			cents[i], _ = ds[i].Amount.Minor()
		}
		buf := make([]int64, 0, len(ds))
		perDeal(b, len(ds), func() { buf = tunedDealSize(status, cents, buf[:0]) })
	})
}

func distinctWon(ds []sp.Deal) int {
	seen := map[int64]bool{}
	for i := range ds {
		if ds[i].Status == sp.Won {
			v, _ := ds[i].Amount.Minor()
			seen[v] = true
		}
	}
	return len(seen)
}

var sizeBenchBounds = []int64{0, 100_000, 500_000, 1_000_000, 5_000_000, 10_000_000} // cents

// naiveDealSize is what an idiomatic program does: keep every won amount
// as a decimal, add them up, sort them for the median, and count the
// buckets.
func naiveDealSize(ds []sp.Deal) (total, median decimal.Decimal, buckets []int) {
	var amounts []decimal.Decimal
	for _, d := range ds {
		if d.Status == sp.Won {
			a := d.Amount.Decimal()
			total = total.Add(a)
			amounts = append(amounts, a)
		}
	}
	sort.Slice(amounts, func(i, j int) bool { return amounts[i].LessThan(amounts[j]) })
	if n := len(amounts); n > 0 {
		median = amounts[(n-1)/2].Add(amounts[n/2]).Div(decimal.NewFromInt(2))
	}
	buckets = make([]int, len(sizeBenchBounds))
	for _, a := range amounts {
		for j := len(sizeBenchBounds) - 1; j >= 0; j-- {
			if a.GreaterThanOrEqual(decimal.New(sizeBenchBounds[j], -2)) {
				buckets[j]++
				break
			}
		}
	}
	return total, median, buckets
}

// tunedDealSize is the hand-tuned loop: int64 cents of the won deals into
// a reused buffer, sorted, then median and buckets by binary search.
func tunedDealSize(status []uint8, cents, buf []int64) []int64 {
	var total int64
	for i, st := range status {
		if st == uint8(sp.Won) {
			total += cents[i]
			buf = append(buf, cents[i])
		}
	}
	slices.Sort(buf)
	var buckets [6]int
	lo := 0
	for j := len(sizeBenchBounds) - 1; j >= 0; j-- {
		k, _ := slices.BinarySearch(buf, sizeBenchBounds[j])
		buckets[j] = len(buf) - k - lo
		lo += buckets[j]
	}
	_ = total
	return buf
}
