package segment_test

import (
	"fmt"
	"strings"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

func ExampleBy() {
	ds := deals()
	byRep := segment.By(metrics.Refs(ds), segment.Owner, metrics.WinRate())
	for rep, rate := range segment.Sorted(byRep) {
		fmt.Println(rep, rate)
	}
	// Output:
	// ann 66.7% (2/3)
	// bob 50.0% (1/2)
}

func ExampleTwo() {
	cal := sp.Calendar{} // calendar year, UTC
	ds := deals()
	key := segment.Two(segment.Owner, segment.Period(cal, sp.Month, segment.ByClosed))
	won := segment.By(metrics.Refs(ds), key, metrics.WonAmount())
	for k, amt := range segment.SortedFunc(won, segment.Compare2(strings.Compare, sp.Period.Compare)) {
		if k.B != (sp.Period{}) {
			fmt.Println(k.A, k.B, amt)
		}
	}
	// Output:
	// ann 2026-02 1000.00 USD
	// ann 2026-03 2000.00 USD
	// bob 2026-02 0
	// bob 2026-03 300.00 USD
}

// Rollup re-keys rep × month states to manager × quarter by merging
// them, without reading the deals again.
func ExampleRollup() {
	org := team(nil)
	cal := sp.Calendar{FiscalYearStart: time.February}
	ds := deals()
	agg := metrics.WinRate()
	fine := segment.Fold(metrics.Refs(ds), segment.Two(segment.Owner, segment.Period(cal, sp.Month, segment.ByClosed)), agg)
	coarse := segment.Rollup(agg, fine, func(k segment.Key2[string, sp.Period]) segment.Key2[string, sp.Period] {
		m, _ := org.On(k.A, k.B.Start)
		if k.B == (sp.Period{}) {
			return segment.Key2[string, sp.Period]{A: m.Manager}
		}
		return segment.Key2[string, sp.Period]{A: m.Manager, B: cal.PeriodOfDate(k.B.Start, sp.Quarter)}
	})
	for k, s := range coarse {
		if k.A == "max" {
			fmt.Println(k.A, k.B, agg.Result(s))
		}
	}
	// Output:
	// max FY2027 Q1 50.0% (1/2)
}
