package forecast_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// fcCategoryDeals are the deals of the categories table:
//
//	open pipeline   100 USD    open best case 200 USD    open commit 300 USD
//	won (category commit on the record) 400 USD → closed
//	lost 50 USD → omitted       open omitted 25 USD → omitted
//	open, no category 10 USD → left out (no category)
//	open, category closed 5 USD → left out (invalid category)
//	open commit, no amount → left out (no amount)
func fcCategoryDeals() []sp.Deal {
	due := sp.Date{Year: 2026, Month: 3, Day: 15}
	mk := func(id string, st sp.Status, cat sp.ForecastCategory, amount string) sp.Deal {
		d := sp.Deal{ID: id, Status: st, Category: cat, Created: fcAt(1, 1), ExpectedClose: due}
		if amount != "" {
			d.Amount = sp.MustParseMoney(amount + " USD")
		}
		if st != sp.Open {
			d.Closed = fcAt(3, 10)
		}
		return d
	}
	return []sp.Deal{
		mk("P", sp.Open, sp.CategoryPipeline, "100.00"),
		mk("B", sp.Open, sp.CategoryBestCase, "200.00"),
		mk("C", sp.Open, sp.CategoryCommit, "300.00"),
		mk("W", sp.Won, sp.CategoryCommit, "400.00"),
		mk("L", sp.Lost, sp.CategoryBestCase, "50.00"),
		mk("O", sp.Open, sp.CategoryOmitted, "25.00"),
		mk("N", sp.Open, sp.NoCategory, "10.00"),
		mk("X", sp.Open, sp.CategoryClosed, "5.00"),
		mk("Z", sp.Open, sp.CategoryCommit, ""),
	}
}

func fcTotal(amount string, n int64) forecast.CategoryTotal {
	return forecast.CategoryTotal{Amount: fcSums(amount), Deals: n}
}

func TestCategories(t *testing.T) {
	got := forecast.Categories().Compute(metrics.Refs(fcCategoryDeals()))
	want := forecast.CategoryRollup{
		Individual: forecast.CategoryColumns{
			Pipeline: fcTotal("100.00 USD", 1), BestCase: fcTotal("200.00 USD", 1), Commit: fcTotal("300.00 USD", 1),
			Closed: fcTotal("400.00 USD", 1), Omitted: fcTotal("75.00 USD", 2),
		},
		// closed 400; commit 300 + 400 = 700; best case 200 + 700 = 900;
		// pipeline 100 + 900 = 1000; omitted on its own.
		Cumulative: forecast.CategoryColumns{
			Pipeline: fcTotal("1000.00 USD", 4), BestCase: fcTotal("900.00 USD", 3), Commit: fcTotal("700.00 USD", 2),
			Closed: fcTotal("400.00 USD", 1), Omitted: fcTotal("75.00 USD", 2),
		},
		LeftOut: forecast.LeftOut{"no category": 1, "invalid category": 1, "no amount": 1},
	}
	if d := cmp.Diff(want, got, lawkit.Equal...); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if c, ok := got.Cumulative.Of(sp.CategoryCommit); !ok || c.Deals != 2 {
		t.Errorf("Cumulative.Of(commit) = %v, %v", c, ok)
	}
	if _, ok := got.Cumulative.Of(sp.NoCategory); ok {
		t.Error("Of(NoCategory) has a column")
	}
}

// TestCategoriesByPeriod: by forecast period, the won deal counts in the
// month it closed and the open ones in the month they are expected to.
func TestCategoriesByPeriod(t *testing.T) {
	deals := []sp.Deal{
		{ID: "won in Feb, expected in Mar", Status: sp.Won, Amount: sp.MustParseMoney("400.00 USD"),
			Created: fcAt(1, 1), Closed: fcAt(2, 27), ExpectedClose: sp.Date{Year: 2026, Month: 3, Day: 31}},
		{ID: "commit in Mar", Status: sp.Open, Category: sp.CategoryCommit, Amount: sp.MustParseMoney("300.00 USD"),
			Created: fcAt(1, 1), ExpectedClose: sp.Date{Year: 2026, Month: 3, Day: 2}},
		{ID: "undated", Status: sp.Open, Category: sp.CategoryPipeline, Amount: sp.MustParseMoney("1.00 USD"), Created: fcAt(1, 1)},
	}
	cal := sp.Calendar{}
	got := segment.By(metrics.Refs(deals), forecast.ForecastPeriod(cal, sp.Month), forecast.Categories())
	feb, mar := cal.PeriodOf(fcAt(2, 1), sp.Month), cal.PeriodOf(fcAt(3, 1), sp.Month)
	if c := got[feb].Cumulative.Commit; c.Deals != 1 || c.Amount.Of("USD").String() != "400.00 USD" {
		t.Errorf("February commit column = %v", c)
	}
	if c := got[mar].Cumulative.Commit; c.Deals != 1 || c.Amount.Of("USD").String() != "300.00 USD" {
		t.Errorf("March commit column = %v", c)
	}
	if c := got[sp.Period{}].Cumulative.Pipeline; c.Deals != 1 {
		t.Errorf("undated pipeline column = %v", c)
	}
}

// TestCategoriesAsOf: the category as it stood at t, from the history.
func TestCategoriesAsOf(t *testing.T) {
	d := sp.Deal{ID: "1", Status: sp.Open, Category: sp.CategoryCommit, Amount: sp.MustParseMoney("300.00 USD"),
		Created: fcAt(1, 1), ExpectedClose: sp.Date{Year: 2026, Month: 3, Day: 2},
		CategoryHistory: []sp.CategoryChange{{At: fcAt(1, 1), Category: sp.CategoryPipeline}, {At: fcAt(2, 10), Category: sp.CategoryCommit}}}
	got := forecast.Categories().Compute(metrics.Refs(forecast.PipelineAt([]sp.Deal{d}, fcAt(2, 1))))
	if got.Individual.Pipeline.Deals != 1 || got.Individual.Commit.Deals != 0 {
		t.Errorf("as of 1 February: %+v, want the deal in pipeline", got.Individual)
	}
}

func TestForecastPeriodPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic on an invalid grain")
		}
	}()
	forecast.ForecastPeriod(sp.Calendar{Location: time.UTC}, 0)
}
