package metrics_test

import (
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
)

// handOpen counts open deals with a column form set by hand: no strided
// form, so the combinators call it through their fallback (a copy of the
// states, the selection expanded into Skip keys).
func handOpen() metrics.Aggregator[*sp.Deal, int64, int64] {
	open := metrics.Count[*sp.Deal]()
	open.Add = func(s *int64, d *sp.Deal) {
		if d.Status == sp.Open {
			*s++
		}
	}
	open.DealNeeds = sp.DealFieldStatus
	open.DealRows = func(states []int64, b metrics.DealBatch) {
		if b.Sel != nil {
			panic("a hand-written column form got a selection vector")
		}
		for i, k := range b.Keys {
			if k != metrics.Skip && b.T.Status[b.Lo+i] == sp.Open {
				states[k]++
			}
		}
	}
	return open
}

// handCalls counts calls with an activity column form set by hand.
func handCalls() metrics.Aggregator[*sp.Activity, int64, int64] {
	calls := metrics.Count[*sp.Activity]()
	calls.Add = func(s *int64, a *sp.Activity) {
		if a.Kind == sp.Call {
			*s++
		}
	}
	calls.ActivityNeeds = sp.ActivityFieldKind
	calls.ActivityRows = func(states []int64, b metrics.ActivityBatch) {
		if b.Sel != nil {
			panic("a hand-written column form got a selection vector")
		}
		for i, k := range b.Keys {
			if k != metrics.Skip && b.T.Kind[b.Lo+i] == sp.Call {
				states[k]++
			}
		}
	}
	return calls
}

// TestColumnLawsCombinations runs the table law on nestings of the
// combinators that keep column forms — filters over pairs, pairs of
// filters, forms set by hand at every depth, predicates that pass nothing
// or only invalid records — and on the sales cycle in zones whose clocks
// jump.
func TestColumnLawsCombinations(t *testing.T) {
	deal, act := lawkit.Deal(), lawkit.Activity()
	from := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Skipf("no zone %s: %v", name, err)
		}
		return loc
	}
	t.Run("WhereDeals/Both/hand", func(t *testing.T) {
		a := metrics.WhereDeals(metrics.Both(metrics.WinRateByAmount(), handOpen()), metrics.CreatedIn(from, to))
		lawkit.Check(t, a, deal, lawkit.Options[metrics.Pair[metrics.AmountRate, int64]]{})
	})
	t.Run("Both/WhereDeals/hand", func(t *testing.T) {
		a := metrics.Both(metrics.WhereDeals(handOpen(), metrics.ClosedIn(time.Time{}, to)),
			metrics.Then(metrics.WhereDeals(metrics.SalesCycle(nil, sp.Won, sp.Lost), metrics.StatusIn(sp.Lost)), metrics.Summary.String))
		lawkit.Check(t, a, deal, lawkit.Options[metrics.Pair[int64, metrics.Histogram]]{})
	})
	t.Run("WhereDeals/WhereDeals/Both", func(t *testing.T) {
		inner := metrics.Both(metrics.AverageDealSize(), metrics.Both(metrics.Counts(), metrics.NewOpportunities()))
		a := metrics.WhereDeals(metrics.WhereDeals(inner, metrics.StatusIn(sp.Won, sp.Lost, 0, 5)), metrics.ClosedIn(time.Time{}, to))
		lawkit.Check(t, a, deal, lawkit.Options[metrics.Pair[metrics.Average, metrics.Pair[metrics.DealCounts, metrics.Opportunities]]]{})
	})
	t.Run("StatusIn/none", func(t *testing.T) {
		lawkit.Check(t, metrics.WhereDeals(metrics.Amount(), metrics.StatusIn()), deal, lawkit.Options[sp.Sum]{})
	})
	t.Run("StatusIn/invalid", func(t *testing.T) {
		a := metrics.WhereDeals(metrics.Counts(), metrics.StatusIn(0, 4, 100, -1))
		lawkit.Check(t, a, deal, lawkit.Options[metrics.DealCounts]{})
	})
	t.Run("SalesCycle/Havana", func(t *testing.T) {
		lawkit.Check(t, metrics.SalesCycle(zone("America/Havana"), sp.Won, sp.Lost, sp.Open), deal, lawkit.Options[metrics.Histogram]{})
	})
	t.Run("SalesCycle/Apia", func(t *testing.T) {
		lawkit.Check(t, metrics.SalesCycle(zone("Pacific/Apia")), deal, lawkit.Options[metrics.Histogram]{})
	})
	t.Run("SalesCycle/UTC", func(t *testing.T) {
		lawkit.Check(t, metrics.SalesCycle(time.UTC, sp.Lost), deal, lawkit.Options[metrics.Histogram]{})
	})
	t.Run("WhereActivities/Both/hand", func(t *testing.T) {
		a := metrics.WhereActivities(metrics.Both(metrics.Both(metrics.ActivityCounts(), handCalls()), metrics.TimeByCategory()),
			metrics.AtIn(from, to))
		lawkit.Check(t, a, act, lawkit.Options[metrics.Pair[metrics.Pair[metrics.KindCounts, int64], metrics.CategoryTime]]{})
	})
	t.Run("Both/WhereActivities/KindIn/invalid", func(t *testing.T) {
		a := metrics.Both(metrics.WhereActivities(handCalls(), metrics.KindIn(sp.Call, sp.CustomKind, 0, 99)),
			metrics.WhereActivities(metrics.ActivityCounts(), metrics.KindIn(0, -3, sp.CustomKind)))
		lawkit.Check(t, a, act, lawkit.Options[metrics.Pair[int64, metrics.KindCounts]]{})
	})
	t.Run("Ratio/hand", func(t *testing.T) {
		a := metrics.Ratio(handOpen(), metrics.WhereDeals(metrics.Count[*sp.Deal](), metrics.CreatedIn(time.Time{}, from)))
		lawkit.Check(t, a, deal, lawkit.Options[metrics.Pair[int64, int64]]{})
	})
}
