package metrics_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// funnelBenchDeals makes n deals of salesPipeline created over two years:
// each starts in Lead (one in ten skips to Demo), makes up to five moves
// (forward mostly, sometimes a skip or a move back) a few hours to three
// weeks apart, and ends won, lost or still open.
func funnelBenchDeals(n int) []sp.Deal {
	r := rand.New(rand.NewPCG(4, 2))
	open := []string{"Lead", "Demo", "Proposal"}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	ds := make([]sp.Deal, n)
	for i := range ds {
		at := start.Add(time.Duration(r.Int64N(2*365*24*3600)) * time.Second)
		d := sp.Deal{ID: fmt.Sprint(i), Pipeline: "new", Status: sp.Open, Created: at}
		k := 0
		if r.IntN(10) == 0 {
			k = 1
		}
		h := make([]sp.StageChange, 0, 7)
		h = append(h, sp.StageChange{At: at, Stage: open[k]})
		for range r.IntN(6) {
			switch x := r.IntN(10); {
			case x < 7:
				k = min(k+1, len(open)-1)
			case x < 8:
				k = min(k+2, len(open)-1)
			default:
				k = max(k-1, 0)
			}
			at = at.Add(time.Duration(1+r.Int64N(21*24)) * time.Hour)
			h = append(h, sp.StageChange{At: at, Stage: open[k]})
		}
		switch r.IntN(3) {
		case 1:
			at = at.Add(time.Duration(1+r.Int64N(21*24)) * time.Hour)
			d.Status, d.Closed = sp.Won, at
			h = append(h, sp.StageChange{At: at, Stage: "Won"})
		case 2:
			at = at.Add(time.Duration(1+r.Int64N(21*24)) * time.Hour)
			d.Status, d.Closed = sp.Lost, at
			h = append(h, sp.StageChange{At: at, Stage: "Lost"})
		}
		d.Stage, d.StageHistory = h[len(h)-1].Stage, h
		ds[i] = d
	}
	return ds
}

var (
	funnelBenchOnce sync.Once
	funnelBenchData []sp.Deal
)

func funnelBench1M() []sp.Deal {
	funnelBenchOnce.Do(func() { funnelBenchData = funnelBenchDeals(1_000_000) })
	return funnelBenchData
}

var funnelBenchAsOf = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC) // after every entry

// naiveFunnel is what an idiomatic loop does: look stages up with
// Pipeline.Index, total each deal's days per stage in a map, keep every
// total in a slice and sort it for the median.
type naiveFunnel struct {
	reached []int64   // per step: the open stages, then won
	days    [][]int64 // per open stage: each deal's total days
}

func naiveFunnelFold(p *sp.Pipeline, ds []sp.Deal, asOf time.Time) naiveFunnel {
	var open []string
	for _, st := range p.Stages {
		if st.Kind == sp.OpenStage {
			open = append(open, st.Name)
		}
	}
	out := naiveFunnel{reached: make([]int64, len(open)+1), days: make([][]int64, len(open))}
	for _, d := range ds {
		furthest := -1
		totals := map[string]int64{}
		for i, e := range d.StageHistory {
			st, ok := p.Stage(e.Stage)
			if !ok {
				continue
			}
			switch st.Kind {
			case sp.WonStage:
				furthest = len(open)
			case sp.OpenStage:
				furthest = max(furthest, slices.Index(open, e.Stage))
				end := asOf
				if i+1 < len(d.StageHistory) {
					end = d.StageHistory[i+1].At
				} else if d.IsClosed() {
					end = d.Closed
				}
				totals[e.Stage] += int64(sp.DateOf(e.At).DaysUntil(sp.DateOf(end)))
			}
		}
		if d.Status == sp.Won {
			furthest = len(open)
		}
		for k := 0; k <= furthest; k++ {
			out.reached[k]++
		}
		for stage, t := range totals {
			k := slices.Index(open, stage)
			out.days[k] = append(out.days[k], t)
		}
	}
	for _, ds := range out.days {
		slices.Sort(ds) // for the median and p90
	}
	return out
}

// BenchmarkFunnel folds 1,000,000 deals with stage histories through the
// stage funnel with time in stage: salesperf's Funnel, then a naive loop
// over maps and slices. Adding a deal to the Funnel does not allocate:
// its allocs/op are the state's, made once per run.
func BenchmarkFunnel(b *testing.B) {
	ds := funnelBench1M()
	p := salesPipeline()
	b.Run("salesperf", func(b *testing.B) {
		agg := metrics.Funnel(&p, metrics.FunnelConfig{AsOf: funnelBenchAsOf})
		b.ReportAllocs()
		for b.Loop() {
			agg.Compute(metrics.Refs(ds))
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ds)), "ns/deal")
	})
	b.Run("naive", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			naiveFunnelFold(&p, ds, funnelBenchAsOf)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ds)), "ns/deal")
	})
}

// TestFunnelBaselineAgrees: the benchmark's naive loop gives the same
// figures as Funnel, so the comparison is fair.
func TestFunnelBaselineAgrees(t *testing.T) {
	ds := funnelBenchDeals(20_000)
	p := salesPipeline()
	got := metrics.Funnel(&p, metrics.FunnelConfig{AsOf: funnelBenchAsOf}).Compute(metrics.Refs(ds))
	naive := naiveFunnelFold(&p, ds, funnelBenchAsOf)
	type row struct {
		Reached, N, Sum, Min, Max int64
	}
	var want, have []row
	for k, st := range got.Steps {
		have = append(have, row{st.Reached, st.Days.N, st.Days.Sum, st.Days.Min, st.Days.Max})
		w := row{Reached: naive.reached[k]}
		if k < len(naive.days) && len(naive.days[k]) > 0 {
			d := naive.days[k]
			w.N, w.Min, w.Max = int64(len(d)), d[0], d[len(d)-1]
			for _, v := range d {
				w.Sum += v
			}
		}
		want = append(want, w)
	}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("Funnel against the naive loop (-naive +funnel):\n%s", diff)
	}
	if got.Steps[0].Reached != 20_000 || got.Steps[1].Untimed != 0 {
		t.Errorf("first step reached by %d, want every deal; untimed %d", got.Steps[0].Reached, got.Steps[1].Untimed)
	}
}

// funnelTable appends ds to a deal table holding the fields Funnel's
// column form reads.
func funnelTable(tb testing.TB, ds []sp.Deal, need sp.DealFields) *sp.DealTable {
	t := sp.NewDealTable(need, nil)
	for i := range ds {
		if err := t.Append(&ds[i]); err != nil {
			tb.Fatal(err)
		}
	}
	return t
}

// foldOne folds every row of t into one state with a's column form,
// 1,024 rows per batch, as segment.FoldTable does with one segment.
func foldOne[S, R any](a metrics.Aggregator[*sp.Deal, S, R], t *sp.DealTable, sc *metrics.Scratch) S {
	var keys [1024]uint32 // all 0: one state
	states := make([]S, 1)
	for lo := 0; lo < t.Len(); lo += 1024 {
		hi := min(lo+1024, t.Len())
		a.DealRows(states, metrics.DealBatch{T: t, Lo: lo, Keys: keys[:hi-lo], Scratch: sc})
	}
	return states[0]
}

// TestFunnelColumnsAgree: on the benchmark's data cut short, the column
// form gives the record form's result, in UTC and in Paris, so that
// BenchmarkFunnelColumns compares the same work.
func TestFunnelColumnsAgree(t *testing.T) {
	ds := funnelBenchDeals(5_000)
	p := salesPipeline()
	for _, loc := range []*time.Location{nil, paris} {
		agg := metrics.Funnel(&p, metrics.FunnelConfig{AsOf: funnelBenchAsOf, Location: loc})
		tab := funnelTable(t, ds, agg.DealNeeds)
		want := agg.Compute(metrics.Refs(ds))
		s := foldOne(agg, tab, nil)
		if d := cmp.Diff(want, agg.Result(&s)); d != "" {
			t.Errorf("%v: column form against the record form (-records +columns):\n%s", loc, d)
		}
	}
}

// BenchmarkFunnelColumns folds 100,000 deals with stage histories
// through the Funnel: from records (Add over *Deal, the baseline), then
// from a deal table with the column form; x-records is the column
// form's time over the records' (below 1 is faster). In UTC days are a
// division; in Paris each entry's day goes through the location.
func BenchmarkFunnelColumns(b *testing.B) {
	ds := funnelBenchDeals(100_000)
	p := salesPipeline()
	for _, loc := range []*time.Location{nil, paris} {
		agg := metrics.Funnel(&p, metrics.FunnelConfig{AsOf: funnelBenchAsOf, Location: loc})
		tab := funnelTable(b, ds, agg.DealNeeds)
		name := "UTC"
		if loc != nil {
			name = loc.String()
		}
		var records float64
		b.Run(name+"/records", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				agg.Compute(metrics.Refs(ds))
			}
			records = float64(b.Elapsed().Nanoseconds()) / float64(b.N*len(ds))
			b.ReportMetric(records, "ns/deal")
		})
		b.Run(name+"/columns", func(b *testing.B) {
			var sc metrics.Scratch
			b.ReportAllocs()
			for b.Loop() {
				s := foldOne(agg, tab, &sc)
				agg.Result(&s)
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N*len(ds))
			b.ReportMetric(ns, "ns/deal")
			if records > 0 {
				b.ReportMetric(ns/records, "x-records")
			}
		})
	}
}
