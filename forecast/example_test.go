package forecast_test

import (
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
	"github.com/shopspring/decimal"
)

// exPipeline is the examples' pipeline.
func exPipeline() *sp.Pipeline {
	return &sp.Pipeline{Name: "New Business", Stages: []sp.Stage{
		{Name: "Discovery", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.2")},
		{Name: "Proposal", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.6")},
		{Name: "Closed Won", Kind: sp.WonStage, Probability: decimal.RequireFromString("1")},
		{Name: "Closed Lost", Kind: sp.LostStage},
	}}
}

func exDay(m time.Month, d int) time.Time { return time.Date(2026, m, d, 10, 0, 0, 0, time.UTC) }

// exClosed is a closed deal whose history runs through the stages given.
func exClosed(id, region string, stages ...string) sp.Deal {
	d := sp.Deal{ID: id, Pipeline: "New Business", Region: region, Status: sp.Lost, Created: exDay(1, 5), Closed: exDay(2, 20)}
	for i, s := range stages {
		d.StageHistory = append(d.StageHistory, sp.StageChange{At: exDay(1, 5+i), Stage: s})
	}
	d.Stage = stages[len(stages)-1]
	if d.Stage == "Closed Won" {
		d.Status = sp.Won
	}
	return d
}

func exHistory() []sp.Deal {
	return []sp.Deal{
		exClosed("1", "East", "Discovery", "Proposal", "Closed Won"),
		exClosed("2", "East", "Discovery", "Closed Won"),
		exClosed("3", "East", "Discovery", "Closed Lost"),
		exClosed("4", "West", "Discovery", "Proposal", "Closed Lost"),
		exClosed("5", "West", "Discovery", "Closed Lost"),
		exClosed("6", "West", "Discovery", "Proposal", "Closed Won"),
	}
}

func ExampleFixedStage() {
	probs := forecast.FixedStage(exPipeline())
	d := sp.Deal{Pipeline: "New Business", Stage: "Proposal", Status: sp.Open}
	p, ok := probs.Of(&d)
	fmt.Println(p, ok, probs.Source["Proposal"])
	_, ok = probs.Of(&sp.Deal{Pipeline: "Renewal", Stage: "Proposal"})
	fmt.Println(ok)
	// Output:
	// 0.6 true default
	// false
}

func ExampleLearnStage() {
	// Won 3 of 6 closed deals; lost deals reached Discovery 3 times and
	// Proposal once: P(Discovery) = 3 / (3 + 3), P(Proposal) = 3 / (3 + 1).
	probs := forecast.LearnStage(metrics.Refs(exHistory()), exPipeline(), forecast.LearnConfig{AsOf: exDay(3, 1)})
	for _, s := range []string{"Discovery", "Proposal"} {
		fmt.Printf("%-9s %s (%d won of %d, %s)\n", s, probs.Stages[s], probs.Won[s], probs.N[s], probs.Source[s])
	}
	// With MinN 5, Proposal's 4 deals are too few: (3 + 5 × 0.6) / (4 + 5).
	probs = forecast.LearnStage(metrics.Refs(exHistory()), exPipeline(), forecast.LearnConfig{MinN: 5, Places: 4})
	fmt.Println("Proposal", probs.Stages["Proposal"], probs.Source["Proposal"])
	// Output:
	// Discovery 0.5 (3 won of 6, learned)
	// Proposal  0.75 (3 won of 4, learned)
	// Proposal 0.6667 fallback
}

func ExampleLearnBy() {
	// The whole pipeline: P(Proposal) = 3 / 4 = 0.75, learned. East's
	// Proposal rests on 2 won deals, West's on 1 won and 1 lost, fewer
	// than MinN 3: (2 + 3 × 0.75) / (2 + 3) and (1 + 3 × 0.75) / (2 + 3).
	probs := forecast.LearnBy(metrics.Refs(exHistory()), exPipeline(), segment.Territory, forecast.LearnConfig{MinN: 3})
	for _, region := range []string{"East", "West", "North"} {
		d := sp.Deal{Pipeline: "New Business", Stage: "Proposal", Region: region}
		p, _ := probs.Of(&d)
		src := "whole pipeline"
		if t, ok := probs.Segments[region]; ok {
			src = t.Source["Proposal"]
		}
		fmt.Println(region, p, src)
	}
	// Output:
	// East 0.85 fallback
	// West 0.65 fallback
	// North 0.75 whole pipeline
}

func ExampleWeightedPipeline() {
	due := func(m time.Month) sp.Date { return sp.Date{Year: 2026, Month: m, Day: 15} }
	deals := []sp.Deal{
		{ID: "1", Pipeline: "New Business", Stage: "Proposal", Status: sp.Open, Amount: sp.MustParseMoney("333.33 USD"), ExpectedClose: due(3)},
		{ID: "2", Pipeline: "New Business", Stage: "Discovery", Status: sp.Open, Amount: sp.MustParseMoney("1000.00 USD"), ExpectedClose: due(3)},
		{ID: "3", Pipeline: "New Business", Stage: "Proposal", Status: sp.Open, Amount: sp.MustParseMoney("2500.00 USD"), ExpectedClose: due(4)},
		{ID: "4", Pipeline: "New Business", Stage: "Negotiation", Status: sp.Open, Amount: sp.MustParseMoney("900.00 USD"), ExpectedClose: due(4)},
	}
	probs := forecast.FixedStage(exPipeline())
	weighted := forecast.WeightedPipeline(&probs, sp.RoundHalfEven)

	// 333.33 × 0.6 = 199.998 → 200.00; 1000 × 0.2 = 200; 2500 × 0.6 = 1500.
	all := weighted.Compute(metrics.Refs(deals))
	fmt.Println("weighted", all.Total, "of", all.Amount, "over", all.Deals, "deals; left out:", all.LeftOut)

	cal := sp.Calendar{}
	byMonth := segment.By(metrics.Refs(deals), segment.Period(cal, sp.Month, segment.ByExpectedClose), weighted)
	for month, w := range segment.SortedFunc(byMonth, sp.Period.Compare) {
		fmt.Println(month, w.Total)
	}
	// Output:
	// weighted 1900.00 USD of 3833.33 USD over 3 deals; left out: 1 unknown stage
	// 2026-03 400.00 USD
	// 2026-04 1500.00 USD
}

func ExampleCategories() {
	deal := func(st sp.Status, c sp.ForecastCategory, amount string) sp.Deal {
		return sp.Deal{Status: st, Category: c, Amount: sp.MustParseMoney(amount + " USD")}
	}
	deals := []sp.Deal{
		deal(sp.Won, sp.CategoryClosed, "5000.00"),
		deal(sp.Open, sp.CategoryCommit, "3000.00"),
		deal(sp.Open, sp.CategoryBestCase, "2000.00"),
		deal(sp.Open, sp.CategoryPipeline, "4000.00"),
		deal(sp.Open, sp.CategoryOmitted, "1000.00"),
		deal(sp.Open, sp.NoCategory, "700.00"),
	}
	r := forecast.Categories().Compute(metrics.Refs(deals))
	fmt.Println("closed   ", r.Cumulative.Closed.Amount)
	fmt.Println("commit   ", r.Cumulative.Commit.Amount, "(commit alone", r.Individual.Commit.Amount.String()+")")
	fmt.Println("best case", r.Cumulative.BestCase.Amount)
	fmt.Println("pipeline ", r.Cumulative.Pipeline.Amount)
	fmt.Println("omitted  ", r.Cumulative.Omitted.Amount)
	fmt.Println("left out:", r.LeftOut)
	// Output:
	// closed    5000.00 USD
	// commit    8000.00 USD (commit alone 3000.00 USD)
	// best case 10000.00 USD
	// pipeline  14000.00 USD
	// omitted   1000.00 USD
	// left out: 1 no category
}

func ExampleRunRate() {
	cal := sp.Calendar{}
	q := cal.PeriodOf(exDay(1, 1), sp.Quarter)
	from, to := cal.Bounds(q)
	deals := []sp.Deal{
		{Status: sp.Won, Amount: sp.MustParseMoney("12000.00 USD"), Closed: exDay(1, 20)},
		{Status: sp.Won, Amount: sp.MustParseMoney("6000.00 USD"), Closed: exDay(2, 3)},
		{Status: sp.Won, Amount: sp.MustParseMoney("9000.00 USD"), Closed: exDay(3, 5)}, // after AsOf
	}
	// As of 1 March: 59 of the quarter's 90 days have elapsed.
	r := forecast.RunRate(forecast.RunRateConfig{From: from, To: to, AsOf: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}).
		Compute(metrics.Refs(deals))
	p, _ := r.Projected(sp.RoundHalfEven)
	fmt.Println(q, "won so far", r.Closed, "projected", p) // 18000 × 90 / 59
	// Output:
	// 2026 Q1 won so far 18000.00 USD projected 27457.63 USD
}

func ExamplePipelineAt() {
	d := sp.Deal{ID: "7", Pipeline: "New Business", Stage: "Closed Won", Status: sp.Won,
		Amount: sp.MustParseMoney("8000.00 USD"), Created: exDay(1, 5), Closed: exDay(3, 10),
		StageHistory:  []sp.StageChange{{At: exDay(1, 5), Stage: "Discovery"}, {At: exDay(2, 10), Stage: "Proposal"}, {At: exDay(3, 10), Stage: "Closed Won"}},
		AmountHistory: []sp.AmountChange{{At: exDay(1, 5), Amount: sp.MustParseMoney("5000.00 USD")}, {At: exDay(2, 20), Amount: sp.MustParseMoney("8000.00 USD")}},
	}
	for _, t := range []time.Time{exDay(1, 1), exDay(2, 1), exDay(2, 15), exDay(3, 31)} {
		for _, v := range forecast.PipelineAt([]sp.Deal{d}, t) {
			fmt.Println(t.Format("Jan 2:"), v.Status, v.Stage, v.Amount)
		}
	}
	// Output:
	// Feb 1: open Discovery 5000.00 USD
	// Feb 15: open Proposal 5000.00 USD
	// Mar 31: won Closed Won 8000.00 USD
}

func ExampleOpenAt() {
	deals := []sp.Deal{
		{ID: "a", Status: sp.Won, Created: exDay(1, 5), Closed: exDay(2, 10)},
		{ID: "b", Status: sp.Lost, Created: exDay(1, 5), Closed: exDay(1, 25)},
		{ID: "c", Status: sp.Open, Created: exDay(1, 20)},
		{ID: "d", Status: sp.Open, Created: exDay(2, 5)},
	}
	for _, v := range forecast.OpenAt(deals, exDay(2, 1)) {
		fmt.Print(v.ID, " ")
	}
	fmt.Println()
	// Output:
	// a c
}

func ExampleCheckOpen() {
	probs := forecast.FixedStage(exPipeline())
	d := sp.Deal{ID: "42", Pipeline: "New Business", Stage: "Negotiation", Status: sp.Open,
		StageHistory: []sp.StageChange{{At: exDay(1, 5), Stage: "Proposal"}}}
	fmt.Println(forecast.CheckOpen(&d, &probs))
	// Output:
	// salesperf: deal 42: expectedClose: missing date: open deal without an expected close date
	// salesperf: deal 42: stageHistory: history disagrees with current value: last stage "Proposal", current stage "Negotiation"
	// salesperf: deal 42: stage: unknown stage "Negotiation": no probability for it
}
