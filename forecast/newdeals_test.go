package forecast_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
)

// A won deal with no amount counts as a win (rate, timing) but not as a
// zero-amount win: it would pull every simulated new win's amount down.
func TestLearnNewDealsWonWithoutAmount(t *testing.T) {
	asOf := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	day := func(n int) time.Time { return asOf.AddDate(0, 0, -n) }
	deals := []sp.Deal{
		{ID: "a", Owner: "r", Status: sp.Won, Amount: sp.MustParseMoney("100.00 USD"), Created: day(100), Closed: day(90)},
		{ID: "b", Owner: "r", Status: sp.Won, Created: day(80), Closed: day(70)}, // no amount
		{ID: "c", Owner: "r", Status: sp.Won, Amount: sp.MustParseMoney("40.00 USD"), Created: day(60), Closed: day(55)},
		{ID: "d", Owner: "r", Status: sp.Lost, Amount: sp.MustParseMoney("70.00 USD"), Created: day(50), Closed: day(40)},
		{ID: "e", Owner: "r", Status: sp.Open, Created: day(20)},
	}
	n := forecast.LearnNewDeals(deals, asOf, "USD", forecast.NewDealsOptions{})
	if got := n.Created(); got != 5 {
		t.Errorf("Created = %d, want 5 (the no-amount win is a created deal)", got)
	}
	want := []sp.Money{sp.MustParseMoney("40.00 USD"), sp.MustParseMoney("100.00 USD")}
	if diff := cmp.Diff(want, n.WonAmounts()); diff != "" {
		t.Errorf("WonAmounts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int64{"no amount": 1}, n.Skipped()); diff != "" {
		t.Errorf("Skipped (-want +got):\n%s", diff)
	}
	// Won within 15 days: deals a (10 days), b (10), c (5) of the 5 deals at
	// least 15 days old (all but e, 20 days old: 5 of 5 are ≥ 15 days old).
	if got, ok := n.WonWithin(15 * 24 * time.Hour); !ok || got != 3.0/5 {
		t.Errorf("WonWithin(15 days) = %v, %v; want 0.6 (the no-amount win counts)", got, ok)
	}
}
