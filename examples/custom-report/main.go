// Command custom-report is the README's quick start: a custom report in
// about ten lines of user code — win rate and won amount by region and
// fiscal quarter of close — run on the sample organisation.
//
//	go run ./examples/custom-report
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/sampledata"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

func main() {
	s := sampledata.MustLoad()
	report(os.Stdout, s.Dataset.Deals, s.Org, s.Calendar)
}

// report prints win rate and won amount by region and fiscal quarter of
// close. The lines between the README markers are copied into README.md
// verbatim, and a test checks that they stay identical.
func report(w io.Writer, deals []salesperf.Deal, org *salesperf.Org, cal salesperf.Calendar) {
	// README:begin
	closed := metrics.Filter(metrics.Refs(deals), metrics.IsClosed)
	key := segment.Two(
		segment.Region(org, cal.Location, segment.ByClosed),      // the rep's region when the deal closed
		segment.Period(cal, salesperf.Quarter, segment.ByClosed)) // the fiscal quarter it closed in
	report := segment.By(closed, key, metrics.Both(metrics.WinRate(), metrics.WonAmount()))

	order := segment.Compare2(strings.Compare, salesperf.Period.Compare)
	for k, r := range segment.SortedFunc(report, order) {
		fmt.Fprintf(w, "%-8s %-10s %-18v %v\n", k.A, k.B, r.A, r.B)
	}
	// README:end
}
