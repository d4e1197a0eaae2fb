package scorecard_test

import (
	"runtime"
	"testing"

	"github.com/salesperf/salesperf/bench/scorecard"
)

// TestLoadTableBuildsDayColumns: the day numbers the table's aggregation
// reads (DealTable.CreatedDays and ClosedDays in UTC, a cache the table
// keeps) are built by LoadTable, as the tuned loader parses its day
// numbers, so that the load time and the data in memory count them, not
// the first aggregation (which the fastest-of-n timing drops).
func TestLoadTableBuildsDayColumns(t *testing.T) {
	d, err := scorecard.LoadTable(smallData(t))
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	created, closed := d.Deals.CreatedDays(nil), d.Deals.ClosedDays(nil)
	runtime.ReadMemStats(&after)
	if n := after.Mallocs - before.Mallocs; n != 0 {
		t.Errorf("the day columns were built after the load: %d allocations", n)
	}
	if len(created) != d.Deals.Len() || len(closed) != d.Deals.Len() {
		t.Errorf("day columns of %d and %d rows, want %d", len(created), len(closed), d.Deals.Len())
	}
}
