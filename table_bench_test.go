package salesperf_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
	"unsafe"

	sp "github.com/salesperf/salesperf"
)

// tableBenchRows is the number of deals appended per benchmark operation.
const tableBenchRows = 100_000

// scorecardFields are the deal fields a scorecard reads.
const scorecardFields = sp.DealFieldOwner | sp.DealFieldStatus | sp.DealFieldAmount | sp.DealFieldCreated | sp.DealFieldClosed

// tableBenchDeals returns tableBenchRows deals of 200 reps, the same on
// every run: a third open, the rest won or lost, amounts in USD.
func tableBenchDeals() []sp.Deal {
	r := rand.New(rand.NewPCG(3, 4))
	reps := make([]string, 200)
	for i := range reps {
		reps[i] = fmt.Sprintf("rep%03d", i)
	}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	deals := make([]sp.Deal, tableBenchRows)
	for i := range deals {
		d := &deals[i]
		d.ID = fmt.Sprintf("D%06d", i)
		d.Owner = reps[r.IntN(len(reps))]
		d.Status = sp.Status(1 + r.IntN(3))
		d.Amount = sp.NewMoney(1+r.Int64N(10_000_000), "USD")
		d.Created = start.Add(time.Duration(r.Int64N(365*24)) * time.Hour)
		if d.Status != sp.Open {
			d.Closed = d.Created.Add(time.Duration(r.Int64N(90*24)) * time.Hour)
		}
	}
	return deals
}

// BenchmarkDealTableAppend appends 100,000 deals per operation to a
// DealTable holding the scorecard's fields, and, as the baseline in the
// same loop, to a []sp.Deal. It reports each one's time and bytes a row
// (capacity held at the end: the table's columns, the slice's Deals) and
// the ratios slice/table.
func BenchmarkDealTableAppend(b *testing.B) {
	deals := tableBenchDeals()
	b.ReportAllocs()
	var tableTime, sliceTime time.Duration
	var tableBytes, sliceBytes int
	for b.Loop() {
		t0 := time.Now()
		t := sp.NewDealTable(scorecardFields, nil)
		for i := range deals {
			if err := t.Append(&deals[i]); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		var s []sp.Deal
		for i := range deals {
			s = append(s, deals[i])
		}
		t2 := time.Now()
		tableTime += t1.Sub(t0)
		sliceTime += t2.Sub(t1)
		tableBytes = 4*cap(t.Owner) + cap(t.Status) + 8*cap(t.Amount) + 2*cap(t.Currency) + 8*(cap(t.Created)+cap(t.Closed))
		sliceBytes = cap(s) * int(unsafe.Sizeof(sp.Deal{}))
	}
	rows := float64(b.N * tableBenchRows)
	b.ReportMetric(float64(tableTime.Nanoseconds())/rows, "table-ns/row")
	b.ReportMetric(float64(sliceTime.Nanoseconds())/rows, "slice-ns/row")
	b.ReportMetric(float64(tableTime)/float64(sliceTime), "time-table/slice")
	b.ReportMetric(float64(tableBytes)/tableBenchRows, "table-B/row")
	b.ReportMetric(float64(sliceBytes)/tableBenchRows, "slice-B/row")
	b.ReportMetric(float64(sliceBytes)/float64(tableBytes), "memory-slice/table")
	b.ReportMetric(0, "ns/op") // two loops in one op: read the per-row metrics
}
