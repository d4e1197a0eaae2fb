package metrics_test

import (
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
	"pgregory.net/rapid"
)

// TestColumnLaws runs the law kit, table law included, on the column
// predicates and the combinators that keep column forms, beyond the
// built-ins of TestLaws.
func TestColumnLaws(t *testing.T) {
	deal, act := lawkit.Deal(), lawkit.Activity()
	tokyo := time.FixedZone("UTC+9", 9*3600)
	from := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 1, 1, 0, 0, 0, 0, tokyo)
	t.Run("SalesCycle/loc", func(t *testing.T) {
		lawkit.Check(t, metrics.SalesCycle(time.FixedZone("UTC-5", -5*3600), sp.Won, sp.Lost, sp.Open), deal,
			lawkit.Options[metrics.Histogram]{})
	})
	t.Run("WhereDeals/CreatedIn", func(t *testing.T) {
		lawkit.Check(t, metrics.WhereDeals(metrics.Counts(), metrics.CreatedIn(from, to)), deal,
			lawkit.Options[metrics.DealCounts]{})
	})
	t.Run("WhereDeals/ClosedIn", func(t *testing.T) {
		lawkit.Check(t, metrics.WhereDeals(metrics.WinRateByAmount(), metrics.ClosedIn(from, to)), deal,
			lawkit.Options[metrics.AmountRate]{})
	})
	t.Run("WhereDeals/ClosedIn/zero", func(t *testing.T) {
		// From the zero time: open deals (Closed zero) pass.
		lawkit.Check(t, metrics.WhereDeals(metrics.Count[*sp.Deal](), metrics.ClosedIn(time.Time{}, from)), deal,
			lawkit.Options[int64]{})
	})
	t.Run("WhereDeals/nested", func(t *testing.T) {
		a := metrics.WhereDeals(metrics.WhereDeals(metrics.NewOpportunities(), metrics.StatusIn(sp.Lost, sp.Open)),
			metrics.CreatedIn(time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)))
		lawkit.Check(t, a, deal, lawkit.Options[metrics.Opportunities]{})
	})
	t.Run("Ratio", func(t *testing.T) {
		won := metrics.WhereDeals(metrics.Count[*sp.Deal](), metrics.StatusIn(sp.Won))
		lawkit.Check(t, metrics.Ratio(won, metrics.Count[*sp.Deal]()), deal,
			lawkit.Options[metrics.Pair[int64, int64]]{})
	})
	t.Run("Both/nested", func(t *testing.T) {
		a := metrics.Both(metrics.Counts(), metrics.Both(metrics.WonAmount(), metrics.SalesCycle(nil)))
		lawkit.Check(t, a, deal, lawkit.Options[metrics.Pair[metrics.DealCounts, metrics.Pair[sp.Sum, metrics.Histogram]]]{})
	})
	t.Run("Both/hand-written", func(t *testing.T) {
		// A column form set by hand (no strided form) inside Both: Both
		// calls it on a copy of its half of the states.
		open := metrics.Count[*sp.Deal]()
		open.Add = func(s *int64, d *sp.Deal) {
			if d.Status == sp.Open {
				*s++
			}
		}
		open.DealNeeds = sp.DealFieldStatus
		open.DealRows = func(states []int64, b metrics.DealBatch) {
			for i, k := range b.Keys {
				if k != metrics.Skip && b.T.Status[b.Lo+i] == sp.Open {
					states[k]++
				}
			}
		}
		lawkit.Check(t, metrics.Both(metrics.WinRate(), open), deal, lawkit.Options[metrics.Pair[metrics.Rate, int64]]{})
	})
	t.Run("WhereActivities/KindIn", func(t *testing.T) {
		lawkit.Check(t, metrics.WhereActivities(metrics.TimeByCategory(), metrics.KindIn(sp.Call, sp.CustomKind)), act,
			lawkit.Options[metrics.CategoryTime]{})
	})
	t.Run("WhereActivities/AtIn", func(t *testing.T) {
		lawkit.Check(t, metrics.WhereActivities(metrics.Count[*sp.Activity](), metrics.AtIn(from, to)), act,
			lawkit.Options[int64]{})
	})
}

// TestTableColumnLaws runs the table law on Tables of metrics with column
// forms: a Table has one when every column has, for deals or for
// activities, also inside [metrics.Both] (a strided view of its states).
func TestTableColumnLaws(t *testing.T) {
	p := lawkit.FunnelPipeline()
	asOf := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	deals := metrics.NewTable(
		metrics.Col("size", metrics.DealSize()),
		metrics.Col("funnel", metrics.Funnel(&p, metrics.FunnelConfig{AsOf: asOf})),
		metrics.Col("survival", metrics.CycleSurvival(metrics.SurvivalConfig{AsOf: asOf})),
		metrics.Col("velocity", metrics.PipelineVelocity(nil)),
		metrics.Col("won in 2025", metrics.WhereDeals(metrics.Counts(), metrics.ClosedIn(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), asOf))),
	)
	gen := rapid.OneOf(lawkit.Deal(), lawkit.FunnelDeal())
	t.Run("deals", func(t *testing.T) {
		lawkit.Check(t, deals.Aggregator(), gen, lawkit.Options[metrics.TableState]{Decode: deals.Decode})
	})
	t.Run("deals/inside Both", func(t *testing.T) {
		lawkit.CheckDealColumns(t, metrics.Both(metrics.Counts(), deals.Aggregator()), gen,
			lawkit.Options[metrics.Pair[metrics.DealCounts, metrics.TableState]]{})
	})
	acts := metrics.NewTable(
		metrics.Col("counts", metrics.ActivityCounts()),
		metrics.Col("time", metrics.TimeByCategory()),
		metrics.Col("calls", metrics.WhereActivities(metrics.Count[*sp.Activity](), metrics.KindIn(sp.Call))),
	)
	t.Run("activities", func(t *testing.T) {
		lawkit.Check(t, acts.Aggregator(), lawkit.Activity(), lawkit.Options[metrics.TableState]{Decode: acts.Decode})
	})
}

// TestColumnForms checks which aggregators have column forms and the
// fields they read, as their docs say.
func TestColumnForms(t *testing.T) {
	const (
		status   = sp.DealFieldStatus
		amount   = sp.DealFieldAmount
		created  = sp.DealFieldCreated
		closed   = sp.DealFieldClosed
		pipeline = sp.DealFieldPipeline
		stage    = sp.DealFieldStage
		history  = sp.DealFieldStageHistory
		expected = sp.DealFieldExpectedClose
	)
	type form struct {
		has  bool
		need sp.DealFields
	}
	withWhere := metrics.NewTable(metrics.Col("deals", metrics.Counts()),
		metrics.Col("won", metrics.Where(metrics.Count[*sp.Deal](), metrics.IsWon))).Aggregator()
	deals := []struct {
		name string
		has  bool
		need sp.DealFields
	}{
		{"Count", metrics.Count[*sp.Deal]().DealRows != nil, metrics.Count[*sp.Deal]().DealNeeds},
		{"Counts", metrics.Counts().DealRows != nil, metrics.Counts().DealNeeds},
		{"Amount", metrics.Amount().DealRows != nil, metrics.Amount().DealNeeds},
		{"WonAmount", metrics.WonAmount().DealRows != nil, metrics.WonAmount().DealNeeds},
		{"WinRate", metrics.WinRate().DealRows != nil, metrics.WinRate().DealNeeds},
		{"WinRateByAmount", metrics.WinRateByAmount().DealRows != nil, metrics.WinRateByAmount().DealNeeds},
		{"AverageDealSize", metrics.AverageDealSize().DealRows != nil, metrics.AverageDealSize().DealNeeds},
		{"SalesCycle", metrics.SalesCycle(nil).DealRows != nil, metrics.SalesCycle(nil).DealNeeds},
		{"NewOpportunities", metrics.NewOpportunities().DealRows != nil, metrics.NewOpportunities().DealNeeds},
		{"Both", metrics.Both(metrics.Counts(), metrics.SalesCycle(nil)).DealRows != nil,
			metrics.Both(metrics.Counts(), metrics.SalesCycle(nil)).DealNeeds},
		{"Then", metrics.Then(metrics.Amount(), sp.Sum.String).DealRows != nil, metrics.Then(metrics.Amount(), sp.Sum.String).DealNeeds},
		{"WhereDeals", metrics.WhereDeals(metrics.Count[*sp.Deal](), metrics.ClosedIn(time.Time{}, time.Now())).DealRows != nil,
			metrics.WhereDeals(metrics.Count[*sp.Deal](), metrics.ClosedIn(time.Time{}, time.Now())).DealNeeds},
		{"Where drops it", metrics.Where(metrics.Counts(), metrics.IsWon).DealRows != nil, metrics.Where(metrics.Counts(), metrics.IsWon).DealNeeds},
		{"Of drops it", metrics.Of(metrics.Count[sp.Money](), func(d *sp.Deal) sp.Money { return d.Amount }).DealRows != nil,
			metrics.Of(metrics.Count[sp.Money](), func(d *sp.Deal) sp.Money { return d.Amount }).DealNeeds},
		{"Both without one side", metrics.Both(metrics.Counts(), metrics.Where(metrics.Counts(), metrics.IsWon)).DealRows != nil,
			metrics.Both(metrics.Counts(), metrics.Where(metrics.Counts(), metrics.IsWon)).DealNeeds},
		{"DealSize", metrics.DealSize().DealRows != nil, metrics.DealSize().DealNeeds},
		{"Funnel", metrics.Funnel(&sp.Pipeline{}, metrics.FunnelConfig{}).DealRows != nil, metrics.Funnel(&sp.Pipeline{}, metrics.FunnelConfig{}).DealNeeds},
		{"CycleSurvival", metrics.CycleSurvival(metrics.SurvivalConfig{AsOf: time.Now()}).DealRows != nil, metrics.CycleSurvival(metrics.SurvivalConfig{AsOf: time.Now()}).DealNeeds},
		{"PipelineVelocity", metrics.PipelineVelocity(nil).DealRows != nil, metrics.PipelineVelocity(nil).DealNeeds},
		{"PipelineCoverage", metrics.PipelineCoverage(time.Time{}, time.Now(), nil).DealRows != nil,
			metrics.PipelineCoverage(time.Time{}, time.Now(), nil).DealNeeds},
		{"CreatedCohortConversion", metrics.CreatedCohortConversion().DealRows != nil, metrics.CreatedCohortConversion().DealNeeds},
		{"Table", scorecardTable().Aggregator().DealRows != nil, scorecardTable().Aggregator().DealNeeds},
		{"Table with a Where column", withWhere.DealRows != nil, withWhere.DealNeeds},
	}
	want := map[string]form{
		"Count": {true, 0}, "Counts": {true, status}, "Amount": {true, amount}, "WonAmount": {true, status | amount},
		"WinRate": {true, status}, "WinRateByAmount": {true, status | amount}, "AverageDealSize": {true, status | amount},
		"SalesCycle": {true, status | created | closed}, "NewOpportunities": {true, amount},
		"Both": {true, status | created | closed}, "Then": {true, amount}, "WhereDeals": {true, closed},
		"Where drops it": {false, 0}, "Of drops it": {false, 0}, "Both without one side": {false, 0},
		"DealSize": {true, status | amount}, "Funnel": {true, pipeline | stage | status | created | closed | history},
		"CycleSurvival": {true, status | created | closed}, "PipelineVelocity": {true, status | amount | created | closed},
		"PipelineCoverage": {true, status | amount | expected | closed}, "CreatedCohortConversion": {true, status},
		"Table": {true, status | amount | created | closed}, "Table with a Where column": {false, 0},
	}
	for _, d := range deals {
		if got := (form{d.has, d.need}); got != want[d.name] {
			t.Errorf("%s: column form %v reading %s, want %v reading %s", d.name, got.has, got.need, want[d.name].has, want[d.name].need)
		}
	}
	actTable := metrics.NewTable(metrics.Col("counts", metrics.ActivityCounts()), metrics.Col("time", metrics.TimeByCategory())).Aggregator()
	acts := []struct {
		name string
		has  bool
		need sp.ActivityFields
		want sp.ActivityFields
	}{
		{"Count", metrics.Count[*sp.Activity]().ActivityRows != nil, metrics.Count[*sp.Activity]().ActivityNeeds, 0},
		{"ActivityCounts", metrics.ActivityCounts().ActivityRows != nil, metrics.ActivityCounts().ActivityNeeds, sp.ActivityFieldKind},
		{"TimeByCategory", metrics.TimeByCategory().ActivityRows != nil, metrics.TimeByCategory().ActivityNeeds,
			sp.ActivityFieldDuration | sp.ActivityFieldCategory},
		{"Table", actTable.ActivityRows != nil, actTable.ActivityNeeds, sp.ActivityFieldKind | sp.ActivityFieldDuration | sp.ActivityFieldCategory},
		{"WhereActivities", metrics.WhereActivities(metrics.ActivityCounts(), metrics.AtIn(time.Time{}, time.Now())).ActivityRows != nil,
			metrics.WhereActivities(metrics.ActivityCounts(), metrics.AtIn(time.Time{}, time.Now())).ActivityNeeds,
			sp.ActivityFieldKind | sp.ActivityFieldAt},
	}
	for _, a := range acts {
		if !a.has || a.need != a.want {
			t.Errorf("%s: activity column form %v reading %s, want one reading %s", a.name, a.has, a.need, a.want)
		}
	}
}
