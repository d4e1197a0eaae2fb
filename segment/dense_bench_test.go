package segment_test

import (
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// benchTable returns 200,000 deals for 200 reps and their table (owner
// and status only).
func benchTable(b *testing.B) ([]sp.Deal, *sp.DealTable) {
	ds := benchDeals(200_000)
	return ds, dealTable(b, ds, sp.DealFieldOwner|sp.DealFieldStatus)
}

// handCounts is the baseline: a loop over the owner and status columns
// into a slice of states indexed by owner id.
func handCounts(t *sp.DealTable, states []statusCounts) {
	st := t.Status
	for i, o := range t.Owner {
		states[o].add(st[i])
	}
}

// BenchmarkDenseFold compares, on 200,000 deals by owner with a
// by-status count: segment.Fold over []sp.Deal (map by owner name),
// FoldTable over a DealTable by OwnerID with the metric's column form,
// and a hand-written loop over the columns. The sub-benchmark "ratios"
// times the three alternately in the same iterations and reports
// fold/hand and table/hand.
func BenchmarkDenseFold(b *testing.B) {
	ds, t := benchTable(b)
	a := countByStatus()
	fold := func() { segment.Fold(metrics.Refs(ds), segment.Owner, a) }
	table := func() {
		if _, err := segment.FoldTable(t, segment.OwnerID(), a); err != nil {
			b.Fatal(err)
		}
	}
	table2 := func() {
		if _, err := segment.FoldTableN(t, segment.OwnerID(), a, 2); err != nil {
			b.Fatal(err)
		}
	}
	hand := func() { handCounts(t, make([]statusCounts, t.Reps.Len())) }
	perDeal := func(b *testing.B) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ds)), "ns/deal")
	}
	for _, c := range []struct {
		name string
		f    func()
	}{{"Fold", fold}, {"FoldTable", table}, {"FoldTableN2", table2}, {"hand", hand}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				c.f()
			}
			perDeal(b)
		})
	}
	b.Run("ratios", func(b *testing.B) {
		var tf, tt, th time.Duration
		timed := func(f func()) time.Duration { s := time.Now(); f(); return time.Since(s) }
		for range b.N {
			th += timed(hand)
			tt += timed(table)
			tf += timed(fold)
		}
		b.ReportMetric(float64(tf)/float64(th), "fold/hand")
		b.ReportMetric(float64(tt)/float64(th), "table/hand")
		b.ReportMetric(float64(tf)/float64(tt), "fold/table")
	})
}
