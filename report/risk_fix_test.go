package report_test

import (
	"testing"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
)

// "large" compares the amount with LargeFactor × the exact average, not
// with the average rounded to the cent first.
func TestDealRisksLargeExact(t *testing.T) {
	usd := sp.MustParseMoney
	avg := metrics.Average{N: 3}
	avg.Total.Add(usd("100.00 USD")) // average won deal 33.333… USD; 3 × it = 100.00 USD exactly
	deals := []sp.Deal{
		// 99.99 < 100.00: not large. (3 × the rounded 33.33 is 99.99, which would flag it.)
		{ID: "a", Status: sp.Open, Amount: usd("99.99 USD"), Created: daysAgo(1)},
		// 100.00 ≥ 100.00: large; ratio 100.00 / 33.333… = 3.00.
		{ID: "b", Status: sp.Open, Amount: usd("100.00 USD"), Created: daysAgo(1)},
		// ratio 50.00 / 33.333… = 1.50 exactly (1.50015… with the rounded average: still 1.50).
		{ID: "c", Status: sp.Open, Amount: usd("50.00 USD"), Created: daysAgo(1)},
	}
	risks := report.DealRisks(metrics.Refs(deals), avg, metrics.Summary{}, nil, report.RiskConfig{AsOf: asOf})
	got := map[string]string{}
	for _, r := range risks {
		flag := ""
		if len(r.Flags) > 0 {
			flag = r.Flags[0]
		}
		got[r.Deal.ID] = r.AmountRatio.StringFixed(2) + " " + flag
	}
	want := map[string]string{"a": "3.00 ", "b": "3.00 large", "c": "1.50 "}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("deal %s: %q, want %q", id, got[id], w)
		}
	}
}
