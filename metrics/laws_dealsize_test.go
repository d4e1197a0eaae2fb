package metrics_test

import (
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// oddAmountDeal draws the law kit's deals, but a third of them with no
// amount, an amount finer than its currency (the exact path) or in a
// currency with no known minor unit, from few values so that they repeat.
func oddAmountDeal() *rapid.Generator[*sp.Deal] {
	return rapid.Custom(func(t *rapid.T) *sp.Deal {
		d := lawkit.Deal().Draw(t, "deal")
		switch rapid.IntRange(0, 5).Draw(t, "odd") {
		case 0:
			d.Amount = sp.Money{}
		case 1:
			d.Amount = sp.MoneyFromDecimal(decimal.New(rapid.Int64Range(-3, 3).Draw(t, "mills"), -3), "USD")
		case 2:
			d.Amount = sp.NewMoney(rapid.Int64Range(0, 3).Draw(t, "units"), "XTS")
		}
		return d
	})
}

// TestLawsDealSize runs the law kit on DealSize and CycleSurvival.
func TestLawsDealSize(t *testing.T) {
	deal := lawkit.Deal()
	t.Run("DealSize", func(t *testing.T) {
		lawkit.Check(t, metrics.DealSize(), deal, lawkit.Options[metrics.DealSizeState]{})
	})
	t.Run("DealSize/odd amounts", func(t *testing.T) {
		lawkit.Check(t, metrics.DealSize(), oddAmountDeal(), lawkit.Options[metrics.DealSizeState]{})
	})
	t.Run("DealSize/EUR", func(t *testing.T) {
		bounds := []sp.Money{sp.MustParseMoney("0 EUR"), sp.MustParseMoney("100000.00 EUR")}
		lawkit.Check(t, metrics.DealSize(bounds...), deal, lawkit.Options[metrics.DealSizeState]{})
	})
	// The law kit's deals are created from January 2025 over 700 days and
	// close up to 400 days later: seen as of 1 January 2026, some are
	// open, some closed after AsOf, some created after it.
	asOf := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.UTC
	}
	for _, c := range []metrics.SurvivalConfig{
		{AsOf: asOf},
		{AsOf: asOf, End: metrics.TimeToClose, Location: ny},
		// AsOf beyond the instants a table holds: every deal later, or
		// every deal seen (the column form clamps AsOf to compare it).
		{AsOf: time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)},
		{AsOf: time.Date(2400, 1, 1, 0, 0, 0, 0, time.UTC), End: metrics.TimeToClose, Location: ny},
		// AsOf at an instant a deal was created or closed on, to the
		// nanosecond: the law kit's deals start at midnight UTC.
		{AsOf: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		t.Run("CycleSurvival/"+c.End.String()+"/"+c.AsOf.Format("2006"), func(t *testing.T) {
			lawkit.Check(t, metrics.CycleSurvival(c), deal, lawkit.Options[metrics.SurvivalState]{})
		})
	}
}
