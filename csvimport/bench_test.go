package csvimport_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"runtime"
	"sync"
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/csvimport"
)

const benchRows = 1_000_000

// benchFile is a deals export of benchRows rows in the Maven layout: half
// won, a quarter lost, a quarter open with empty close fields.
var benchFile = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	b.WriteString("opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n")
	for i := range benchRows {
		created := time.Date(2016, 10, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%400)
		closed := created.AddDate(0, 0, 1+i%90)
		switch i % 4 {
		case 0, 1:
			fmt.Fprintf(&b, "D%07d,Agent %d,GTX Basic,Account %d,Won,%s,%s,%d\n", i, i%30, i%85, created.Format("2006-01-02"), closed.Format("2006-01-02"), 500+i%5000)
		case 2:
			fmt.Fprintf(&b, "D%07d,Agent %d,MG Special,Account %d,Lost,%s,%s,0\n", i, i%30, i%85, created.Format("2006-01-02"), closed.Format("2006-01-02"))
		default:
			fmt.Fprintf(&b, "D%07d,Agent %d,GTX Pro,,Engaging,%s,,\n", i, i%30, created.Format("2006-01-02"))
		}
	}
	return b.Bytes()
})

// BenchmarkDeals reads 1,000,000 deal rows through the Reader (parsing,
// status from the stage, validation) beside a hand-written encoding/csv
// loop that parses the same cells into the same deals without checking
// them. Figures per row: ns/row, allocs/row.
func BenchmarkDeals(b *testing.B) {
	data := benchFile()
	m := csvimport.Mapping{
		Deals: csvimport.DealColumns{ID: "opportunity_id", Owner: "sales_agent", Product: "product", Account: "account",
			Stage: "deal_stage", Created: "engage_date", Closed: "close_date", Amount: "close_value"},
		DateFormats: []string{"2006-01-02"},
		Currency:    "USD",
		Stages:      map[string]sp.Status{"Prospecting": sp.Open, "Engaging": sp.Open, "Won": sp.Won, "Lost": sp.Lost},
	}
	var won sp.Sum
	b.Run("csvimport", func(b *testing.B) {
		perRow(b, func() int {
			r := csvimport.Reader{Mapping: m, Reject: func(rj csvimport.Rejected) { b.Fatal(rj.Err) }}
			deals, err := r.Deals(bytes.NewReader(data))
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for d := range deals {
				if d.Status == sp.Won {
					won.Add(d.Amount)
				}
				n++
			}
			return n
		})
	})
	b.Run("csvimport-maven-preset", func(b *testing.B) { // with the stage history and the product rename
		perRow(b, func() int {
			r := csvimport.Reader{Mapping: csvimport.Maven(), Reject: func(rj csvimport.Rejected) { b.Fatal(rj.Err) }}
			deals, err := r.Deals(bytes.NewReader(data))
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for range deals {
				n++
			}
			return n
		})
	})
	b.Run("encoding-csv-loop", func(b *testing.B) {
		perRow(b, func() int {
			return handLoop(b, data, func(d *sp.Deal) {
				if d.Status == sp.Won {
					won.Add(d.Amount)
				}
			})
		})
	})
}

// handLoop is what one writes by hand for one known layout: columns by
// position, ISO dates, whole-dollar amounts, no validation.
func handLoop(b *testing.B, data []byte, use func(*sp.Deal)) int {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.ReuseRecord = true
	if _, err := cr.Read(); err != nil {
		b.Fatal(err)
	}
	n := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return n
		}
		if err != nil {
			b.Fatal(err)
		}
		d := sp.Deal{ID: rec[0], Owner: rec[1], Product: rec[2], Account: rec[3], Stage: rec[4]}
		switch rec[4] {
		case "Won":
			d.Status = sp.Won
		case "Lost":
			d.Status = sp.Lost
		default:
			d.Status = sp.Open
		}
		if rec[5] != "" {
			day, err := sp.ParseDate(rec[5])
			if err != nil {
				b.Fatal(err)
			}
			d.Created = day.In(time.UTC)
		}
		if rec[6] != "" {
			day, err := sp.ParseDate(rec[6])
			if err != nil {
				b.Fatal(err)
			}
			d.Closed = day.In(time.UTC)
		}
		if rec[7] != "" {
			if d.Amount, err = sp.ParseAmount(rec[7], "USD"); err != nil {
				b.Fatal(err)
			}
		}
		use(&d)
		n++
	}
}

// perRow runs read (which returns the rows it read) in b.Loop and reports
// the time and allocations per row.
func perRow(b *testing.B, read func() int) {
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	rows := 0
	for b.Loop() {
		if n := read(); n != benchRows {
			b.Fatalf("%d rows, want %d", n, benchRows)
		}
		rows += benchRows
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(rows), "ns/row")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(rows), "allocs/row")
}

// actFile is an activities export of benchRows rows in bench/gen's layout:
// 200 reps, seven kinds by name, UTC timestamps with a literal Z.
var actFile = sync.OnceValue(func() []byte {
	kinds := []sp.ActivityKind{sp.Call, sp.Email, sp.Social, sp.MeetingScheduled, sp.MeetingHeld, sp.Demo, sp.Proposal}
	var b bytes.Buffer
	b.WriteString("id,rep,deal,kind,at\n")
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range benchRows {
		at := start.Add(time.Duration(i) * 97 * time.Second)
		fmt.Fprintf(&b, "A%08d,rep-%03d,D%08d,%s,%s\n", i, i*7%200, i%100_000, kinds[i%len(kinds)], at.Format("2006-01-02T15:04:05Z"))
	}
	return b.Bytes()
})

// BenchmarkActivities reads 1,000,000 activity rows through the Reader
// beside a hand-written encoding/csv loop that parses the same cells
// without checking them. Figures per row: ns/row, allocs/row.
func BenchmarkActivities(b *testing.B) {
	data := actFile()
	m := csvimport.Mapping{
		Activities:  csvimport.ActivityColumns{ID: "id", Rep: "rep", Deal: "deal", Kind: "kind", At: "at"},
		DateFormats: []string{"2006-01-02T15:04:05Z", "2006-01-02"},
	}
	calls := 0
	b.Run("csvimport", func(b *testing.B) {
		perRow(b, func() int {
			r := csvimport.Reader{Mapping: m, Reject: func(rj csvimport.Rejected) { b.Fatal(rj.Err) }}
			acts, err := r.Activities(bytes.NewReader(data))
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for a := range acts {
				if a.Kind == sp.Call {
					calls++
				}
				n++
			}
			return n
		})
	})
	b.Run("encoding-csv-loop", func(b *testing.B) {
		perRow(b, func() int {
			cr := csv.NewReader(bytes.NewReader(data))
			cr.ReuseRecord = true
			if _, err := cr.Read(); err != nil {
				b.Fatal(err)
			}
			n := 0
			for {
				rec, err := cr.Read()
				if err == io.EOF {
					return n
				}
				if err != nil {
					b.Fatal(err)
				}
				a := sp.Activity{ID: rec[0], Rep: rec[1], Deal: rec[2]}
				for k := sp.Call; k < sp.CustomKind; k++ {
					if k.String() == rec[3] {
						a.Kind = k
					}
				}
				if a.At, err = time.Parse("2006-01-02T15:04:05Z", rec[4]); err != nil {
					b.Fatal(err)
				}
				if a.Kind == sp.Call {
					calls++
				}
				n++
			}
		})
	})
}
