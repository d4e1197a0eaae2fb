package chart_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/chart"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
)

func ExampleFormat() {
	fmt.Println(chart.Format{Decimals: 2}.Float(0.1 + 0.2))
	fmt.Println(chart.Format{Percent: true, Decimals: 1}.Float(0.285))
	fmt.Println(chart.Format{Compact: true, Prefix: "$"}.Float(1234567))
	fmt.Println(chart.Format{Compact: true, Prefix: "$"}.Signed(-45250))
	// Output:
	// 0.30
	// 28.5%
	// $1.23M
	// −$45.3k
}

func ExampleARRWaterfall() {
	b := metrics.ARRBridge{
		Currency:    "USD",
		Opening:     sp.MustParseMoney("1000000.00 USD"),
		New:         sp.MustParseMoney("125000.00 USD"),
		Expansion:   sp.MustParseMoney("40000.00 USD"),
		Contraction: sp.MustParseMoney("5000.00 USD"),
		Churn:       sp.MustParseMoney("60000.00 USD"),
		Closing:     sp.MustParseMoney("1100000.00 USD"),
	}
	wf := chart.ARRWaterfall(b, chart.Format{Compact: true, Prefix: "$"})
	for _, s := range wf.Steps {
		fmt.Printf("%-12s %s\n", s.Label, s.Text)
	}
	// Output:
	// Opening      $1.00M
	// New          +$125k
	// Reactivation $0
	// Expansion    +$40.0k
	// Contraction  −$5.00k
	// Churn        −$60.0k
	// Closing      $1.10M
}

func ExampleFunnel() {
	f := chart.Funnel{Title: "New Business", Steps: []chart.FunnelStep{
		{Stage: "Qualification", Reached: 120}, {Stage: "Demo", Reached: 60}, {Stage: "Won", Reached: 21},
	}}
	var b bytes.Buffer
	if err := f.WriteSVG(&b); err != nil {
		panic(err)
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.Contains(line, `class="conversion"`) {
			fmt.Println(line[strings.Index(line, ">")+1 : strings.LastIndex(line, "<")])
		}
	}
	// Output:
	// ↓ 50.0% go on · 60 dropped (50.0%)
	// ↓ 35.0% go on · 39 dropped (65.0%) · leakiest
}

func ExamplePage_WriteHTML() {
	p := chart.Page{
		Title: "Sales report",
		Sections: []chart.Section{{
			Title: "Win rates",
			Charts: []chart.Chart{chart.Leaderboard{
				Title:  "Win rate by rep",
				Format: chart.Format{Percent: true, Decimals: 1},
				Bars: []chart.Bar{
					{Name: "ava", Rank: 1, Has: true, Value: 0.45, Lo: 0.33, Hi: 0.58},
					{Name: "ben", Rank: 2, Has: true, Value: 0.30, Lo: 0.19, Hi: 0.44},
				},
			}},
			Tables: []report.Table{{Header: []string{"rep", "win rate"}, Rows: [][]string{{"ava", "45.0% (27/60)"}, {"ben", "30.0% (15/50)"}}}},
		}},
	}
	if err := p.WriteHTML(os.Stdout); err != nil {
		panic(err)
	}
}
