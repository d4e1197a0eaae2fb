package metrics_test

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
)

// benchColDeals makes n deals for 200 reps, in USD, a third of them open,
// created over two years and closed up to a year later.
func benchColDeals(n int) []sp.Deal {
	r := rand.New(rand.NewPCG(5, 6))
	reps := make([]string, 200)
	for i := range reps {
		reps[i] = fmt.Sprintf("rep%03d", i)
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	ds := make([]sp.Deal, n)
	for i := range ds {
		d := sp.Deal{ID: fmt.Sprint(i), Owner: reps[r.IntN(len(reps))], Status: sp.Status(1 + r.IntN(3)),
			Amount:  sp.NewMoney(1+r.Int64N(10_000_000), "USD"),
			Created: start.Add(time.Duration(r.Int64N(730*24*3600)) * time.Second)}
		if d.Status != sp.Open {
			d.Closed = d.Created.Add(time.Duration(r.Int64N(365*24*3600)) * time.Second)
		}
		ds[i] = d
	}
	return ds
}

var (
	benchColOnce     sync.Once
	benchColDealData []sp.Deal
	benchColDealTab  *sp.DealTable
	benchColActTab   *sp.ActivityTable
)

// benchColData returns 200,000 deals and 1,000,000 activities, as records
// and as tables holding every field, made once.
func benchColData(b *testing.B) ([]sp.Deal, *sp.DealTable, []sp.Activity, *sp.ActivityTable) {
	benchColOnce.Do(func() {
		benchColDealData = benchColDeals(200_000)
		benchColDealTab = sp.NewDealTable(sp.AllDealFields, nil)
		for i := range benchColDealData {
			if err := benchColDealTab.Append(&benchColDealData[i]); err != nil {
				panic(err)
			}
		}
		as := benchActivities1M()
		benchColActTab = sp.NewActivityTable(sp.AllActivityFields, benchColDealTab.Reps, benchColDealTab.DealIDs)
		for i := range as {
			if err := benchColActTab.Append(&as[i]); err != nil {
				panic(err)
			}
		}
	})
	b.ResetTimer()
	return benchColDealData, benchColDealTab, benchActivities1M(), benchColActTab
}

// scorecard is the deal scorecard of the benchmarks: deals by status, won
// amount and sales cycle.
type scorecard = metrics.Pair[metrics.DealCounts, metrics.Pair[sp.Sum, metrics.Histogram]]

func scorecardAgg() metrics.Aggregator[*sp.Deal, scorecard, metrics.Pair[metrics.DealCounts, metrics.Pair[sp.Sum, metrics.Summary]]] {
	return metrics.Both(metrics.Counts(), metrics.Both(metrics.WonAmount(), metrics.SalesCycle(nil)))
}

// handScorecard is the hand-written loop over the columns: one pass, one
// struct per owner id, the won amount as int64 cents (the data is in USD
// and far from overflow), the cycle in an exact Histogram.
type handCard struct {
	counts metrics.DealCounts
	won    int64
	cycle  metrics.Histogram
}

func handScorecard(t *sp.DealTable) []handCard {
	cards := make([]handCard, t.Reps.Len())
	n := t.Len()
	owner, status, amount := t.Owner[:n], t.Status[:n], t.Amount[:n]
	created, closed := t.CreatedDays(nil)[:n], t.ClosedDays(nil)[:n]
	for i, o := range owner {
		c := &cards[o]
		c.counts.Deals++
		switch status[i] {
		case sp.Won:
			c.counts.Won++
			c.won += amount[i]
			c.cycle.Add(int64(closed[i] - created[i]))
		case sp.Lost:
			c.counts.Lost++
		case sp.Open:
			c.counts.Open++
		}
	}
	return cards
}

// foldDeals folds t into states by owner id with a's column form, 1,024
// rows per batch: the loop segment.FoldTable runs.
func foldDeals[S, R any](a metrics.Aggregator[*sp.Deal, S, R], t *sp.DealTable, states []S, sc *metrics.Scratch) {
	for lo := 0; lo < t.Len(); lo += 1024 {
		hi := min(lo+1024, t.Len())
		a.DealRows(states, metrics.DealBatch{T: t, Lo: lo, Keys: t.Owner[lo:hi], Scratch: sc})
	}
}

func foldActivities[S, R any](a metrics.Aggregator[*sp.Activity, S, R], t *sp.ActivityTable, states []S, sc *metrics.Scratch) {
	for lo := 0; lo < t.Len(); lo += 1024 {
		hi := min(lo+1024, t.Len())
		a.ActivityRows(states, metrics.ActivityBatch{T: t, Lo: lo, Keys: t.Rep[lo:hi], Scratch: sc})
	}
}

// TestBenchColumnsAgree checks, on the benchmarks' data cut short, that
// the three forms the benchmarks time give the same scorecards.
func TestBenchColumnsAgree(t *testing.T) {
	deals := benchColDeals(20_000)
	tab := sp.NewDealTable(sp.AllDealFields, nil)
	for i := range deals {
		if err := tab.Append(&deals[i]); err != nil {
			t.Fatal(err)
		}
	}
	a := scorecardAgg()
	byOwner := map[string]*scorecard{}
	for i := range deals {
		s := byOwner[deals[i].Owner]
		if s == nil {
			s = new(scorecard)
			byOwner[deals[i].Owner] = s
		}
		a.Add(s, &deals[i])
	}
	states := make([]scorecard, tab.Reps.Len())
	foldDeals(a, tab, states, &metrics.Scratch{})
	hand := handScorecard(tab)
	for id := range states {
		owner := tab.Reps.Name(uint32(id))
		if d := cmp.Diff(a.Result(byOwner[owner]), a.Result(&states[id]), lawkit.Equal...); d != "" {
			t.Fatalf("%s: rows and columns differ (-rows +columns):\n%s", owner, d)
		}
		h := hand[id]
		want := metrics.Pair[metrics.DealCounts, metrics.Pair[sp.Sum, metrics.Summary]]{A: h.counts}
		want.B.A.AddMinor("USD", h.won)
		want.B.B = h.cycle.Summary()
		if h.counts.Won == 0 {
			want.B.A = sp.Sum{}
		}
		if d := cmp.Diff(want, a.Result(&states[id]), lawkit.Equal...); d != "" {
			t.Fatalf("%s: hand loop and columns differ (-hand +columns):\n%s", owner, d)
		}
	}
}

// BenchmarkColumns times the scorecard Both(Counts, Both(WonAmount,
// SalesCycle(nil))) by owner over 200,000 deals, and ActivityCounts by rep
// over 1,000,000 activities: the row form (Add over records into a map by
// name), the column form (DealRows over a table in batches of 1,024 into
// states by id) and a hand-written loop over the same columns. It reports
// ns/row and, for the row and column forms, their time over the hand
// loop's (x-hand). Run the hand loop first: go test -bench Columns.
// deals/columns/Counts, …/WonAmount and …/SalesCycle fold each part of
// the scorecard alone (x-hand is still over the whole hand loop).
func BenchmarkColumns(b *testing.B) {
	deals, dt, acts, at := benchColData(b)
	var hand float64
	perRow := func(b *testing.B, n int) float64 {
		ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N*n)
		b.ReportMetric(ns, "ns/row")
		return ns
	}
	ratio := func(b *testing.B, ns float64) {
		if hand > 0 {
			b.ReportMetric(ns/hand, "x-hand")
		}
	}
	b.Run("deals/hand", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			handScorecard(dt)
		}
		hand = perRow(b, dt.Len())
	})
	b.Run("deals/columns", func(b *testing.B) {
		a := scorecardAgg()
		var sc metrics.Scratch
		b.ReportAllocs()
		for b.Loop() {
			states := make([]scorecard, dt.Reps.Len())
			foldDeals(a, dt, states, &sc)
		}
		ratio(b, perRow(b, dt.Len()))
	})
	// The scorecard's parts, each folded alone: where its time goes.
	part := func(name string, fold func(sc *metrics.Scratch)) {
		b.Run("deals/columns/"+name, func(b *testing.B) {
			var sc metrics.Scratch
			b.ReportAllocs()
			for b.Loop() {
				fold(&sc)
			}
			ratio(b, perRow(b, dt.Len()))
		})
	}
	part("Counts", func(sc *metrics.Scratch) {
		foldDeals(metrics.Counts(), dt, make([]metrics.DealCounts, dt.Reps.Len()), sc)
	})
	part("WonAmount", func(sc *metrics.Scratch) {
		foldDeals(metrics.WonAmount(), dt, make([]sp.Sum, dt.Reps.Len()), sc)
	})
	part("SalesCycle", func(sc *metrics.Scratch) {
		foldDeals(metrics.SalesCycle(nil), dt, make([]metrics.Histogram, dt.Reps.Len()), sc)
	})
	b.Run("deals/rows", func(b *testing.B) {
		a := scorecardAgg()
		b.ReportAllocs()
		for b.Loop() {
			byOwner := map[string]*scorecard{}
			for i := range deals {
				s := byOwner[deals[i].Owner]
				if s == nil {
					s = new(scorecard)
					byOwner[deals[i].Owner] = s
				}
				a.Add(s, &deals[i])
			}
		}
		ratio(b, perRow(b, len(deals)))
	})
	b.Run("activities/hand", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			counts := make([]metrics.KindCounts, at.Reps.Len())
			n := at.Len()
			rep, kind := at.Rep[:n], at.Kind[:n]
			for i, r := range rep {
				c := &counts[r]
				switch k := kind[i]; {
				case k >= sp.Call && k <= sp.Task:
					c.Kinds[k-1]++
				case k == sp.CustomKind:
					if c.CustomKinds == nil {
						c.CustomKinds = map[string]int64{}
					}
					c.CustomKinds[at.CustomKindOf(i)]++
				default:
					c.Invalid++
				}
			}
		}
		hand = perRow(b, at.Len())
	})
	b.Run("activities/columns", func(b *testing.B) {
		a := metrics.ActivityCounts()
		var sc metrics.Scratch
		b.ReportAllocs()
		for b.Loop() {
			states := make([]metrics.KindCounts, at.Reps.Len())
			foldActivities(a, at, states, &sc)
		}
		ratio(b, perRow(b, at.Len()))
	})
	b.Run("activities/rows", func(b *testing.B) {
		a := metrics.ActivityCounts()
		b.ReportAllocs()
		for b.Loop() {
			byRep := map[string]*metrics.KindCounts{}
			for i := range acts {
				s := byRep[acts[i].Rep]
				if s == nil {
					s = new(metrics.KindCounts)
					byRep[acts[i].Rep] = s
				}
				a.Add(s, &acts[i])
			}
		}
		ratio(b, perRow(b, len(acts)))
	})
}
