// Command tables computes a scorecard by rep — win rate, won amount, sales
// cycle — over salesperf's columnar tables, the form for exports of
// millions of deals: a DealTable holds only the fields the scorecard reads
// (a few bytes per deal instead of a 400-byte record), the metrics read
// its columns a batch at a time, and the fold runs on every core.
//
//	go run ./examples/tables                                    # the embedded sample
//	go run ./examples/tables -maven ../shared/data/maven-crm    # the Maven CRM export (sales_pipeline.csv)
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/csvimport"
	"github.com/salesperf/salesperf/internal/sampledata"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

func main() {
	maven := flag.String("maven", "", "folder of the Maven CRM export (sales_pipeline.csv); default: the embedded sample")
	flag.Parse()
	if err := run(os.Stdout, *maven, runtime.GOMAXPROCS(0)); err != nil {
		fmt.Fprintln(os.Stderr, "tables:", err)
		os.Exit(1)
	}
}

// run prints the scorecard of the Maven export in dir, or of the embedded
// sample when dir is "", folding on the given number of goroutines.
func run(w io.Writer, dir string, goroutines int) error {
	fields := sp.DealFieldOwner | sp.DealFieldStatus | sp.DealFieldAmount | sp.DealFieldCreated | sp.DealFieldClosed
	deals := sp.NewDealTable(fields, nil)
	if dir != "" {
		f, err := os.Open(filepath.Join(dir, "sales_pipeline.csv"))
		if err != nil {
			return err
		}
		defer f.Close()
		rejected := 0
		r := csvimport.Reader{Mapping: csvimport.Maven(), Reject: func(csvimport.Rejected) { rejected++ }}
		if err := r.DealTable(f, deals); err != nil {
			return err
		}
		if rejected > 0 {
			return fmt.Errorf("%d rows rejected", rejected)
		}
	} else {
		s := sampledata.MustLoad()
		for i := range s.Dataset.Deals { // the sample's USD deals (its EUR deals would need a rate table)
			if d := &s.Dataset.Deals[i]; d.Amount.Currency() == "USD" || d.Amount.Currency() == "" {
				if err := deals.Append(d); err != nil {
					return err
				}
			}
		}
	}
	fmt.Fprintf(w, "%d deals in a table holding %s\n\n", deals.Len(), deals.Fields)

	// README:begin
	card := metrics.Both(metrics.WinRate(), metrics.Both(metrics.WonAmount(), metrics.SalesCycle(nil)))
	byRep, err := segment.FoldTableN(deals, segment.OwnerID(), card, goroutines)
	if err != nil {
		return err // a field the metrics read is missing from the table: named here
	}
	for rep, state := range byRep.All() {
		r := card.Result(state)
		fmt.Fprintf(w, "%-20s win rate %-6s won %-18s cycle %s\n", rep, r.A, &r.B.A, r.B.B)
	}
	// README:end

	// The same fold through records gives the same states: the columnar
	// form is only faster, never different.
	records := make([]sp.Deal, deals.Len())
	for i := range records {
		deals.Row(i, &records[i])
	}
	want := segment.Fold(metrics.Refs(records), segment.Owner, card)
	if len(want) != byRep.Len() {
		return fmt.Errorf("table fold has %d reps, record fold %d", byRep.Len(), len(want))
	}
	for rep, state := range byRep.All() {
		a, b := card.Result(state), card.Result(want[rep])
		if fmt.Sprint(a.A, &a.B.A, a.B.B) != fmt.Sprint(b.A, &b.B.A, b.B.B) {
			return fmt.Errorf("%s: table fold %v differs from record fold %v", rep, a, b)
		}
	}
	fmt.Fprintf(w, "\n%d reps; the record fold over the same deals agrees\n", byRep.Len())
	return nil
}
