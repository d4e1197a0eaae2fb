package segment_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
	"github.com/shopspring/decimal"
)

// benchDeals makes n deals for 200 reps: created over three years, about
// a third still open, the rest won or lost, amounts lognormal around
// 20,000.00 USD, cycles lognormal around 40 days.
func benchDeals(n int) []sp.Deal {
	r := rand.New(rand.NewPCG(1, 2))
	reps := make([]string, 200)
	for i := range reps {
		reps[i] = fmt.Sprintf("rep%03d", i)
	}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	ds := make([]sp.Deal, n)
	for i := range ds {
		created := start.Add(time.Duration(r.Int64N(3*365*24*3600)) * time.Second)
		cents := int64(2_000_000 * math.Exp(r.NormFloat64()*0.8))
		d := sp.Deal{ID: fmt.Sprint(i), Owner: reps[r.IntN(len(reps))], Created: created,
			Amount: sp.NewMoney(cents, "USD"), Status: sp.Open, Stage: "Open"}
		switch x := r.IntN(3); x {
		case 1, 2:
			d.Status = sp.Status(x + 1)
			d.Closed = created.Add(time.Duration(40*24*3600*math.Exp(r.NormFloat64()*0.6)) * time.Second)
		}
		ds[i] = d
	}
	return ds
}

var (
	benchOnce sync.Once
	benchData []sp.Deal
)

func bench1M() []sp.Deal {
	benchOnce.Do(func() { benchData = benchDeals(1_000_000) })
	return benchData
}

// scoreAgg is win rate + won amount + sales cycle, one pass.
func scoreAgg() metrics.Aggregator[*sp.Deal, metrics.Pair[metrics.Pair[metrics.Rate, sp.Sum], metrics.Histogram], metrics.Pair[metrics.Pair[metrics.Rate, sp.Sum], metrics.Summary]] {
	return metrics.Both(metrics.Both(metrics.WinRate(), metrics.WonAmount()), metrics.SalesCycle(nil))
}

// naiveRow is what an idiomatic loop keeps per rep: decimal amounts and
// the cycle lengths themselves.
type naiveRow struct {
	won, lost int
	amount    decimal.Decimal
	cycles    []int
}

func naiveFold(ds []sp.Deal) map[string]*naiveRow {
	out := map[string]*naiveRow{}
	for _, d := range ds {
		row := out[d.Owner]
		if row == nil {
			row = &naiveRow{}
			out[d.Owner] = row
		}
		switch d.Status {
		case sp.Won:
			row.won++
			row.amount = row.amount.Add(d.Amount.Decimal())
			row.cycles = append(row.cycles, sp.DateOf(d.Created).DaysUntil(sp.DateOf(d.Closed)))
		case sp.Lost:
			row.lost++
		}
	}
	return out
}

// columns is the hand-tuned layout: one array per field, reps interned
// to dense ids, amounts in int64 cents, dates as day numbers.
type columns struct {
	rep                []int32
	status             []uint8
	cents              []int64
	createdDay, endDay []int32
	reps               int
}

func toColumns(ds []sp.Deal) columns {
	ids := map[string]int32{}
	c := columns{rep: make([]int32, len(ds)), status: make([]uint8, len(ds)), cents: make([]int64, len(ds)),
		createdDay: make([]int32, len(ds)), endDay: make([]int32, len(ds))}
	for i := range ds {
		d := &ds[i]
		id, ok := ids[d.Owner]
		if !ok {
			id = int32(len(ids))
			ids[d.Owner] = id
		}
		c.rep[i], c.status[i] = id, uint8(d.Status)
		c.cents[i], _ = d.Amount.Minor()
		c.createdDay[i] = int32(d.Created.Unix() / 86400)
		if !d.Closed.IsZero() {
			c.endDay[i] = int32(d.Closed.Unix() / 86400)
		}
	}
	c.reps = len(ids)
	return c
}

type tunedRow struct {
	won, lost, cents int64
	cycle            [1024]int32 // histogram of cycle days, as exact as ours
}

func tunedFold(c *columns, rows []tunedRow) {
	for i, r := range c.rep {
		row := &rows[r]
		switch c.status[i] {
		case 2:
			row.won++
			row.cents += c.cents[i]
			if d := c.endDay[i] - c.createdDay[i]; d < 1024 {
				row.cycle[d]++
			}
		case 3:
			row.lost++
		}
	}
}

// BenchmarkScorecard folds 1,000,000 deals through win rate, won amount
// and cycle length by owner three ways in one run: salesperf's public
// API, a naive loop over decimal.Decimal and maps, and a hand-tuned
// columnar loop (the practical limit). Compare the ns/op of the three.
func BenchmarkScorecard(b *testing.B) {
	ds := bench1M()
	b.Run("salesperf", func(b *testing.B) {
		agg := scoreAgg()
		b.ReportAllocs()
		for b.Loop() {
			segment.Fold(metrics.Refs(ds), segment.Owner, agg)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ds)), "ns/deal")
	})
	b.Run("naive-decimal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			naiveFold(ds)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ds)), "ns/deal")
	})
	b.Run("hand-tuned", func(b *testing.B) {
		c := toColumns(ds)
		rows := make([]tunedRow, c.reps)
		b.ReportAllocs()
		for b.Loop() {
			clear(rows)
			tunedFold(&c, rows)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ds)), "ns/deal")
	})
}

// TestScorecardBaselinesAgree: the three implementations of the benchmark
// give the same figures, so the comparison is fair.
func TestScorecardBaselinesAgree(t *testing.T) {
	ds := benchDeals(20_000)
	agg := scoreAgg()
	ours := segment.By(metrics.Refs(ds), segment.Owner, agg)
	naive := naiveFold(ds)
	c := toColumns(ds)
	rows := make([]tunedRow, c.reps)
	tunedFold(&c, rows)
	ids := map[string]int32{}
	for i := range ds {
		ids[ds[i].Owner] = c.rep[i]
	}
	for rep, r := range ours {
		n, tr := naive[rep], rows[ids[rep]]
		won, _ := r.A.B.Single()
		if r.A.A.Num != int64(n.won) || r.A.A.Den != int64(n.won+n.lost) || !won.Decimal().Equal(n.amount) ||
			r.A.A.Num != tr.won || won.Decimal().Shift(2).IntPart() != tr.cents || r.B.N != int64(len(n.cycles)) ||
			r.B.Sum != sumInts(n.cycles) || r.B.Sum != tr.cycleSum() {
			t.Fatalf("%s: salesperf %v %v %v, naive %+v, tuned won %d cents %d", rep, r.A.A, won, r.B, n, tr.won, tr.cents)
		}
	}
}

// TestFoldAllocatesPerSegmentNotPerDeal: folding 40,000 deals allocates
// no more than folding 4,000 (states are made per rep, never per deal).
func TestFoldAllocatesPerSegmentNotPerDeal(t *testing.T) {
	agg := scoreAgg()
	small, large := benchDeals(4_000), benchDeals(40_000)
	a1 := testing.AllocsPerRun(3, func() { segment.Fold(metrics.Refs(small), segment.Owner, agg) })
	a2 := testing.AllocsPerRun(3, func() { segment.Fold(metrics.Refs(large), segment.Owner, agg) })
	if a2 > a1*1.5+50 {
		t.Errorf("allocations grow with the deals: %v for 4,000 deals, %v for 40,000", a1, a2)
	}
	t.Logf("allocations: %v for 4,000 deals, %v for 40,000 (200 reps)", a1, a2)
}

func sumInts(xs []int) int64 {
	var s int64
	for _, x := range xs {
		s += int64(x)
	}
	return s
}

func (r *tunedRow) cycleSum() int64 {
	var s int64
	for d, n := range r.cycle {
		s += int64(d) * int64(n)
	}
	return s
}
