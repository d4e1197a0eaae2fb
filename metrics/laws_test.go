package metrics_test

import (
	"testing"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
	"pgregory.net/rapid"
)

// TestLaws runs the law kit on every built-in aggregator. Every new
// metric is added here.
func TestLaws(t *testing.T) {
	deal := lawkit.Deal()
	t.Run("Count", func(t *testing.T) { lawkit.Check(t, metrics.Count[*sp.Deal](), deal, lawkit.Options[int64]{}) })
	t.Run("Counts", func(t *testing.T) { lawkit.Check(t, metrics.Counts(), deal, lawkit.Options[metrics.DealCounts]{}) })
	t.Run("Amount", func(t *testing.T) { lawkit.Check(t, metrics.Amount(), deal, lawkit.Options[sp.Sum]{}) })
	t.Run("WonAmount", func(t *testing.T) { lawkit.Check(t, metrics.WonAmount(), deal, lawkit.Options[sp.Sum]{}) })
	t.Run("WinRate", func(t *testing.T) { lawkit.Check(t, metrics.WinRate(), deal, lawkit.Options[metrics.Rate]{}) })
	t.Run("WinRateByAmount", func(t *testing.T) {
		lawkit.Check(t, metrics.WinRateByAmount(), deal, lawkit.Options[metrics.AmountRate]{})
	})
	t.Run("AverageDealSize", func(t *testing.T) {
		lawkit.Check(t, metrics.AverageDealSize(), deal, lawkit.Options[metrics.Average]{})
	})
	t.Run("SalesCycle", func(t *testing.T) {
		lawkit.Check(t, metrics.SalesCycle(nil), deal, lawkit.Options[metrics.Histogram]{})
	})
	t.Run("SalesCycle/closed", func(t *testing.T) {
		lawkit.Check(t, metrics.SalesCycle(nil, sp.Won, sp.Lost), deal, lawkit.Options[metrics.Histogram]{})
	})
	t.Run("Histogram", func(t *testing.T) {
		h := metrics.Aggregator[int64, metrics.Histogram, metrics.Summary]{
			Add:    func(s *metrics.Histogram, v int64) { s.Add(v) },
			Merge:  func(dst, src *metrics.Histogram) { dst.Merge(src) },
			Result: func(s *metrics.Histogram) metrics.Summary { return s.Summary() },
		}
		values := rapid.OneOf(rapid.Int64Range(0, 200), rapid.Int64Range(-5000, 100_000))
		lawkit.Check(t, h, values, lawkit.Options[metrics.Histogram]{})
	})
	t.Run("Both", func(t *testing.T) {
		lawkit.Check(t, metrics.Both(metrics.WinRate(), metrics.WonAmount()), deal,
			lawkit.Options[metrics.Pair[metrics.Rate, sp.Sum]]{})
	})
	t.Run("Ratio", func(t *testing.T) {
		won := metrics.Where(metrics.Count[*sp.Deal](), metrics.IsWon)
		lawkit.Check(t, metrics.Ratio(won, metrics.Count[*sp.Deal]()), deal,
			lawkit.Options[metrics.Pair[int64, int64]]{})
	})
	t.Run("Table", func(t *testing.T) {
		tab := scorecardTable()
		lawkit.Check(t, tab.Aggregator(), deal, lawkit.Options[metrics.TableState]{Decode: tab.Decode})
	})
}

// scorecardTable is a table of the first built-ins.
func scorecardTable() *metrics.Table[*sp.Deal] {
	return metrics.NewTable(
		metrics.Col("deals", metrics.Counts()),
		metrics.Col("win rate", metrics.WinRate()),
		metrics.Col("won amount", metrics.WonAmount()),
		metrics.Col("average deal", metrics.AverageDealSize()),
		metrics.Col("cycle", metrics.SalesCycle(nil)),
	)
}
