package metrics

import (
	"testing"

	"pgregory.net/rapid"
)

// TestDenseSummary checks that Summary's allocation-free path for dense
// histograms gives exactly what the general path (sorted bins, quantiles
// in decimal) gives, and that it applies to every histogram of dense
// values.
func TestDenseSummary(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var h Histogram
		for _, v := range rapid.SliceOfN(rapid.Int64Range(0, denseLimit-1), 1, 200).Draw(t, "values") {
			h.addCount(v, rapid.Int64Range(1, 5).Draw(t, "count"))
		}
		got, ok := h.denseSummary()
		if !ok {
			t.Fatalf("dense path does not apply to %+v", h)
		}
		bins := h.Bins()
		want := Summary{N: h.n, Sum: h.sum, Min: bins[0].Value, Max: bins[len(bins)-1].Value,
			Median: quantile(bins, h.n, 0.5), P90: quantile(bins, h.n, 0.9)}
		if got != want {
			t.Fatalf("dense path %+v, general path %+v", got, want)
		}
	})
	// Values outside the dense array take the general path.
	var h Histogram
	h.Add(-3)
	h.Add(5)
	if _, ok := h.denseSummary(); ok {
		t.Error("dense path taken with a negative value")
	}
	if s := h.Summary(); s != (Summary{N: 2, Sum: 2, Min: -3, Max: 5, Median: 1, P90: 4.2}) {
		t.Errorf("Summary of -3, 5 = %+v", s)
	}
}
