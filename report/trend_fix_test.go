package report_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
)

// A period whose won deals have no amount (the zero Money, valid data) is
// a period with zero revenue, not a currency of its own.
func TestRevenueTrendNoAmount(t *testing.T) {
	won := func(m time.Month, amount sp.Money) sp.Deal {
		return sp.Deal{Status: sp.Won, Amount: amount, Closed: time.Date(2026, m, 10, 0, 0, 0, 0, time.UTC)}
	}
	deals := []sp.Deal{
		won(1, sp.MustParseMoney("100.00 USD")),
		won(2, sp.Money{}), // won, amount not recorded
		won(3, sp.MustParseMoney("50.00 USD")),
	}
	// Jan 100.00 (1 deal); Feb 0.00 (1 deal): change −100.00, count effect
	// (1−1) × 100/1 = 0.00, size −100.00; Mar 50.00 (1 deal): change
	// +50.00, count effect 0.00, size +50.00.
	want := [][4]string{
		{"100.00 USD", "", "", ""},
		{"0.00 USD", "-100.00", "0.00", "-100.00"},
		{"50.00 USD", "50.00", "0.00", "50.00"},
	}
	for range 50 { // map order varies from run to run
		rows, err := report.RevenueTrend(metrics.Refs(deals), sp.Calendar{}, sp.Month, sp.RoundHalfEven)
		if err != nil {
			t.Fatal(err)
		}
		var got [][4]string
		for _, r := range rows {
			g := [4]string{r.Revenue.String()}
			if r.HasChange {
				g[1], g[2], g[3] = r.Change.Amount(), r.CountEffect.Amount(), r.SizeEffect.Amount()
			}
			got = append(got, g)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("revenue, change, count effect, size effect (-want +got):\n%s", diff)
		}
	}
}

// A won deal without a close date (invalid data) is reported, never
// dropped silently, and never makes the result depend on map order.
func TestRevenueTrendWonWithoutCloseDate(t *testing.T) {
	deals := []sp.Deal{
		{ID: "1", Status: sp.Won, Amount: sp.MustParseMoney("100.00 USD"), Closed: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)},
		{ID: "2", Status: sp.Won, Amount: sp.MustParseMoney("10.00 USD")}, // no Closed
	}
	for range 50 {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panic: %v", r)
				}
			}()
			_, err := report.RevenueTrend(metrics.Refs(deals), sp.Calendar{}, sp.Month, sp.RoundHalfEven)
			if !errors.Is(err, sp.ErrClosedWithoutDate) {
				t.Fatalf("err = %v, want one wrapping ErrClosedWithoutDate", err)
			}
		}()
	}
}
