package forecast_test

import (
	"fmt"
	"math"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
)

// Points for what a lead did, halved every two weeks, plus points for its
// source, graded A to D.
func ExamplePointRules() {
	rules := forecast.PointRules{
		Actions:    map[string]float64{"demo request": 40, "newsletter sign-up": 5},
		Attributes: map[string]map[string]float64{"source": {"Referral": 20}},
		HalfLife:   14 * 24 * time.Hour,
		Grades:     []forecast.Grade{{Name: "A", Min: 60}, {Name: "B", Min: 30}, {Name: "C", Min: 10}, {Name: "D", Min: math.Inf(-1)}},
	}
	start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	lead := sp.Lead{ID: "L-1", Source: "Referral", Actions: []sp.LeadAction{
		{At: start, Name: "newsletter sign-up"},
		{At: start.AddDate(0, 0, 14), Name: "demo request"},
	}}
	for _, days := range []int{0, 14, 42} {
		p := lead.Actions[0].At.AddDate(0, 0, days)
		fmt.Printf("day %2d: %s\n", days, fmtPoints(rules.Lead(&lead, p)))
	}
	// Output:
	// day  0: 25.00 points (5.00 actions + 20.00 attributes), grade C
	// day 14: 62.50 points (42.50 actions + 20.00 attributes), grade A
	// day 42: 30.62 points (10.62 actions + 20.00 attributes), grade B
}

func fmtPoints(p forecast.Points) string {
	return fmt.Sprintf("%.2f points (%.2f actions + %.2f attributes), grade %s", p.Total, p.Actions, p.Attributes, p.Grade)
}

// Odoo's naive Bayes: closed deals fill the frequency table (a won deal
// counts toward every stage, a lost one toward the stages up to where it
// was lost), then open deals are scored by stage and source.
func ExampleNaiveBayes() {
	nb := forecast.NaiveBayes{Stages: 3}
	closed := []forecast.Example{
		{Stage: 2, Outcome: sp.Won, Fields: []forecast.Field{{Name: "source", Value: "Referral"}}},
		{Stage: 2, Outcome: sp.Won, Fields: []forecast.Field{{Name: "source", Value: "Outbound"}}},
		{Stage: 0, Outcome: sp.Lost, Fields: []forecast.Field{{Name: "source", Value: "Outbound"}}},
		{Stage: 1, Outcome: sp.Lost, Fields: []forecast.Field{{Name: "source", Value: "Outbound"}}},
	}
	for i := range closed {
		nb.Add(&closed[i])
	}
	for _, stage := range []int{0, 2} {
		for _, src := range []string{"Referral", "Outbound"} {
			p, _ := nb.Probability(&forecast.Example{Stage: stage, Fields: []forecast.Field{{Name: "source", Value: src}}})
			fmt.Printf("stage %d, %-8s %.4f\n", stage, src, p)
		}
	}
	// Output:
	// stage 0, Referral 0.9167
	// stage 0, Outbound 0.3438
	// stage 2, Referral 0.9957
	// stage 2, Outbound 0.9167
}

// Evaluate scores any set of probabilities against what happened.
func ExampleEvaluate() {
	preds := []forecast.Scored{
		{ID: "a", P: 0.9, Won: true}, {ID: "b", P: 0.8}, {ID: "c", P: 0.6, Won: true},
		{ID: "d", P: 0.3}, {ID: "e", P: 0.3, Won: true},
	}
	ev, err := forecast.Evaluate(preds)
	if err != nil {
		panic(err)
	}
	fmt.Println("AUC", ev.AUC, "Brier", ev.Brier, "log loss", ev.LogLoss)
	fmt.Println("ECE", ev.ECE, "slope", ev.Slope, "lift", ev.Lift)
	// Output:
	// AUC 0.5833 Brier 0.2780 log loss 0.7573
	// ECE 0.3400 slope 0.2193 lift 1.6667
}

// FitLogistic on snapshots of deals: the stage, the fields and the
// numbers (here one, the log of calls logged so far).
func ExampleFitLogistic() {
	var train []forecast.Example
	for i := range 200 {
		calls := float64(i % 7)
		out := sp.Lost
		if (i*37)%100 < 10+10*int(calls) {
			out = sp.Won
		}
		train = append(train, forecast.Example{Stage: i % 3, Outcome: out, Numbers: []float64{math.Log1p(calls)}})
	}
	m, err := forecast.FitLogistic(train, []string{"log1p calls"}, forecast.LogisticConfig{})
	if err != nil {
		panic(err)
	}
	for _, calls := range []float64{0, 6} {
		p, _ := m.Probability(&forecast.Example{Stage: 1, Numbers: []float64{math.Log1p(calls)}})
		fmt.Printf("%v calls: %.2f\n", calls, p)
	}
	// Output:
	// 0 calls: 0.08
	// 6 calls: 0.63
}
