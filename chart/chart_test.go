package chart_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/chart"
	"github.com/salesperf/salesperf/metrics"
)

// funnelChart: 200 → 120 → 90 → 18. Conversions 120/200 = 60.0%,
// 90/120 = 75.0%, 18/90 = 20.0% (the leakiest); drop-offs 80 (40.0%),
// 30 (25.0%), 72 (80.0%); overall 18/200 = 9.0%.
var funnelChart = chart.Funnel{
	Title: "New Business <Q4>",
	Steps: []chart.FunnelStep{
		{Stage: "Prospecting", Reached: 200},
		{Stage: `Demo <& "Pitch">`, Reached: 120},
		{Stage: "Proposal", Reached: 90},
		{Stage: "Won", Reached: 18},
	},
}

func TestFunnelSVG(t *testing.T) {
	raw, svg := render(t, funnelChart, "New Business <Q4>")
	if got := len(svg.class("bar")); got != 4 {
		t.Errorf("%d bars, want 4", got)
	}
	if got := len(svg.class("connector")); got != 3 {
		t.Errorf("%d connectors, want 3", got)
	}
	want := []string{
		"↓ 60.0% go on · 80 dropped (40.0%)",
		"↓ 75.0% go on · 30 dropped (25.0%)",
		"↓ 20.0% go on · 72 dropped (80.0%) · leakiest",
	}
	if diff := cmp.Diff(want, svg.texts("conversion")); diff != "" {
		t.Errorf("conversions (-want +got):\n%s", diff)
	}
	if got := svg.class("conversion")[2].Attrs["fill"]; got != "#c0392b" {
		t.Errorf("the leakiest step is filled %s, want red", got)
	}
	if diff := cmp.Diff([]string{"200 reached", "120 reached", "90 reached", "18 reached"}, svg.texts("value")); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Prospecting", `Demo <& "Pitch">`, "Proposal", "Won"}, svg.texts("label")); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	if !bytes.Contains(raw, []byte("Demo &lt;&amp; &#34;Pitch&#34;&gt;")) {
		t.Error("the stage name is not escaped")
	}
	if got := svg.texts("footer"); len(got) != 1 || !strings.HasPrefix(got[0], "Overall: 9.0% ") {
		t.Errorf("footer %q, want the overall 9.0%%", got)
	}
	bars := svg.class("bar")
	if w0, w1 := number(t, bars[0], "width"), number(t, bars[1], "width"); math.Abs(w1/w0-0.6) > 0.01 {
		t.Errorf("bar widths %g and %g are not as 200 to 120", w0, w1)
	}
	checkGolden(t, "funnel.svg", raw)
}

func TestFunnelRounding(t *testing.T) {
	// 2/3 = 66.7% (0.6666… to 0.667), 1/3 = 33.3%.
	_, svg := render(t, chart.Funnel{Title: "t", Steps: []chart.FunnelStep{{"a", 3}, {"b", 2}}}, "t")
	if diff := cmp.Diff([]string{"↓ 66.7% go on · 1 dropped (33.3%) · leakiest"}, svg.texts("conversion")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestFunnelLeakiest(t *testing.T) {
	for _, tt := range []struct {
		reason string
		steps  []int64
		want   int
		ok     bool
	}{
		{"ties go to the first step", []int64{100, 50, 25}, 0, true},
		{"lowest conversion", []int64{100, 90, 30, 29}, 1, true},
		{"a step nobody reached is skipped", []int64{0, 0}, 0, false},
		{"one step has no conversion", []int64{5}, 0, false},
		{"no steps", nil, 0, false},
	} {
		var f chart.Funnel
		for _, r := range tt.steps {
			f.Steps = append(f.Steps, chart.FunnelStep{Stage: "s", Reached: r})
		}
		k, ok := f.Leakiest()
		if ok != tt.ok || (ok && k != tt.want) {
			t.Errorf("%s: Leakiest() = %d, %v; want %d, %v", tt.reason, k, ok, tt.want, tt.ok)
		}
	}
}

func TestFunnelOf(t *testing.T) {
	r := metrics.FunnelResult{Pipeline: "NB", Deals: 12, Steps: []metrics.FunnelStep{
		{Stage: "Qualify", Kind: sp.OpenStage, Reached: 10, Conversion: metrics.Rate{Num: 4, Den: 10}, DropOff: 6},
		{Stage: "Closed Won", Kind: sp.WonStage, Reached: 4},
	}}
	want := chart.Funnel{Title: "Stage funnel: NB", Steps: []chart.FunnelStep{{"Qualify", 10}, {"Closed Won", 4}}}
	if diff := cmp.Diff(want, chart.FunnelOf(r)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	k, ok := chart.FunnelOf(r).Leakiest()
	wk, wok := r.Leakiest()
	if k != wk || ok != wok {
		t.Errorf("Leakiest() = %d, %v; metrics says %d, %v", k, ok, wk, wok)
	}
}

// leaderboardChart: ranked, unranked (2 of 2) and no-data rows, in
// percentages with one decimal, the team at 55%.
var leaderboardChart = chart.Leaderboard{
	Title: "Win rate by rep",
	Bars: []chart.Bar{
		{Name: "ann", Rank: 1, Has: true, Value: 0.6, Lo: 0.4, Hi: 0.77},
		{Name: "bob <b>", Rank: 2, Has: true, Value: 0.5, Lo: 0.3, Hi: 0.7},
		{Name: "cy", Has: true, Value: 1, Lo: 0.34, Hi: 1, Text: "100.0% (2/2)"},
		{Name: "dee"},
	},
	Format:         chart.Format{Percent: true, Decimals: 1},
	Reference:      0.55,
	ReferenceLabel: "team 55.0%",
}

func TestLeaderboardSVG(t *testing.T) {
	raw, svg := render(t, leaderboardChart, "Win rate by rep")
	bars := svg.class("bar")
	if len(bars) != 3 {
		t.Fatalf("%d bars, want 3 (one row has no data)", len(bars))
	}
	if got := len(svg.class("whisker")); got != 3 {
		t.Errorf("%d whiskers, want 3", got)
	}
	if got := bars[2].Attrs["fill"]; got != "#b9d3f0" {
		t.Errorf("the unranked bar is filled %s, want pale", got)
	}
	if w0, w1 := number(t, bars[0], "width"), number(t, bars[1], "width"); math.Abs(w1/w0-0.5/0.6) > 0.01 {
		t.Errorf("bar widths %g and %g are not as 0.6 to 0.5", w0, w1)
	}
	if diff := cmp.Diff([]string{"1", "2", "–", "–"}, svg.texts("rank")); diff != "" {
		t.Errorf("ranks (-want +got):\n%s", diff)
	}
	want := []string{"60.0% (40.0% – 77.0%)", "50.0% (30.0% – 70.0%)", "100.0% (2/2)", "no data"}
	if diff := cmp.Diff(want, svg.texts("value")); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	// The axis ends at the largest Hi, 1: ticks every 20%.
	if diff := cmp.Diff([]string{"0%", "20%", "40%", "60%", "80%", "100%"}, svg.texts("tick")); diff != "" {
		t.Errorf("ticks (-want +got):\n%s", diff)
	}
	if got := svg.texts("reference-label"); len(got) != 1 || got[0] != "team 55.0%" || len(svg.class("reference")) != 1 {
		t.Errorf("reference line: labels %q", got)
	}
	if !bytes.Contains(raw, []byte(">bob &lt;b&gt;<")) {
		t.Error("the name is not escaped")
	}
	checkGolden(t, "leaderboard.svg", raw)
}

func TestLeaderboardMax(t *testing.T) {
	l := chart.Leaderboard{Title: "t", Max: 0.75, Format: chart.Format{Percent: true},
		Bars: []chart.Bar{{Name: "a", Rank: 1, Has: true, Value: 0.5}}}
	_, svg := render(t, l, "t")
	if diff := cmp.Diff([]string{"0%", "20%", "40%", "60%", "75%"}, svg.texts("tick")); diff != "" {
		t.Errorf("ticks (-want +got):\n%s", diff)
	}
}

// TestLeaderboardMaxOffStep: a Max that is not a multiple of the tick
// step is written exactly; 0.95 with steps of 0.2 was labelled "0.9".
func TestLeaderboardMaxOffStep(t *testing.T) {
	l := chart.Leaderboard{Title: "t", Max: 0.95,
		Bars: []chart.Bar{{Name: "a", Rank: 1, Has: true, Value: 0.5}}}
	_, svg := render(t, l, "t")
	if diff := cmp.Diff([]string{"0", "0.20", "0.40", "0.60", "0.80", "0.95"}, svg.texts("tick")); diff != "" {
		t.Errorf("ticks (-want +got):\n%s", diff)
	}
}

// trendChart: 0.1 + 0.2 must read "0.30", not 0.30000000000000004; 150
// is a dip, labelled under its point, 0.30 one on the axis, labelled
// above.
var trendChart = chart.Trend{
	Title:  "Won revenue",
	Labels: []string{"Jan", "Feb & Mar", "Apr", "May", "Jun"},
	Values: []float64{100, 250.5, 150, 400, 0.1 + 0.2},
	Target: []float64{200, 200, 200, 200, 200},
	Format: chart.Format{Decimals: 2},
}

func TestTrendSVG(t *testing.T) {
	raw, svg := render(t, trendChart, "Won revenue")
	line, target := svg.class("line"), svg.class("target")
	if len(line) != 1 || len(target) != 1 {
		t.Fatalf("%d lines and %d target lines, want 1 and 1", len(line), len(target))
	}
	if got := len(strings.Fields(line[0].Attrs["points"])); got != 5 {
		t.Errorf("the line has %d points, want 5", got)
	}
	if got := len(strings.Fields(target[0].Attrs["points"])); got != 5 {
		t.Errorf("the target line has %d points, want 5", got)
	}
	if target[0].Attrs["stroke-dasharray"] == "" {
		t.Error("the target line is not dashed")
	}
	if diff := cmp.Diff([]string{"100.00", "250.50", "150.00", "400.00", "0.30"}, svg.texts("value")); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Jan", "Feb & Mar", "Apr", "May", "Jun"}, svg.texts("period")); diff != "" {
		t.Errorf("periods (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"0", "100", "200", "300", "400"}, svg.texts("tick")); diff != "" {
		t.Errorf("ticks (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"actual", "target"}, svg.texts("legend")); diff != "" {
		t.Errorf("legend (-want +got):\n%s", diff)
	}
	points, values := svg.class("point"), svg.class("value")
	if len(points) != 5 {
		t.Fatalf("%d points, want 5", len(points))
	}
	if number(t, values[2], "y") <= number(t, points[2], "cy") {
		t.Error("the dip's label is not under its point")
	}
	if number(t, values[4], "y") >= number(t, points[4], "cy") {
		t.Error("the label of a point on the axis is not above it")
	}
	if number(t, values[1], "y") >= number(t, points[1], "cy") {
		t.Error("a peak's label is not above its point")
	}
	checkGolden(t, "trend.svg", raw)
}

func TestTrendThinsLabels(t *testing.T) {
	tr := chart.Trend{Title: "t"}
	for i := range 36 {
		tr.Labels = append(tr.Labels, "FY2026 M"+string(rune('A'+i%26)))
		tr.Values = append(tr.Values, float64(i))
	}
	_, svg := render(t, tr, "t")
	got := svg.texts("period")
	if len(got) == 0 || len(got) >= 36 || got[0] != tr.Labels[0] {
		t.Errorf("%d of 36 period labels shown, starting %q", len(got), got)
	}
	if len(svg.class("target")) != 0 {
		t.Error("a target line without Target")
	}
}

var fanChart = chart.Fan{
	Title:  "Forecast",
	Labels: []string{"Q1", "Q2", "Q3"},
	P10:    []float64{80, 90, 100},
	P50:    []float64{100, 120, 140},
	P90:    []float64{130, 160, 190},
	Target: []float64{150, 150, 150},
}

func TestFanSVG(t *testing.T) {
	raw, svg := render(t, fanChart, "Forecast")
	band := svg.class("band")
	if len(band) != 1 {
		t.Fatalf("%d bands, want 1", len(band))
	}
	if got := len(strings.Fields(band[0].Attrs["points"])); got != 6 {
		t.Errorf("the band has %d corners, want 6 (P90 forward, P10 back)", got)
	}
	if len(svg.class("line")) != 1 || len(svg.class("target")) != 1 {
		t.Error("want one P50 line and one target line")
	}
	if diff := cmp.Diff([]string{"100", "120", "140"}, svg.texts("value")); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"P10–P90", "P50", "target"}, svg.texts("legend")); diff != "" {
		t.Errorf("legend (-want +got):\n%s", diff)
	}
	// The band's top at Q1 is P90 = 130 and its bottom P10 = 80: it lies
	// above the P50 point (smaller y) and below it.
	corners := strings.Fields(band[0].Attrs["points"])
	y := func(pt string) float64 {
		_, v, _ := strings.Cut(pt, ",")
		return number(t, &node{Attrs: map[string]string{"y": v}}, "y")
	}
	p50 := number(t, svg.class("point")[0], "cy")
	if !(y(corners[0]) < p50 && p50 < y(corners[5])) {
		t.Errorf("P50 at y %g is not inside the band %s … %s", p50, corners[0], corners[5])
	}
	checkGolden(t, "fan.svg", raw)

	one := chart.Fan{Title: "one", Labels: []string{"Q1"}, P10: []float64{1}, P50: []float64{2}, P90: []float64{3}}
	_, svg = render(t, one, "one")
	if b := svg.class("band"); len(b) != 1 || len(strings.Fields(b[0].Attrs["points"])) != 4 {
		t.Error("a one-period fan has no band")
	}
}

// bridge reconciles: 1000.00 + 250.00 + 0 + 75.50 − 20.25 − 100.00 = 1205.25.
var bridge = metrics.ARRBridge{
	Currency:     "USD",
	Opening:      sp.MustParseMoney("1000.00 USD"),
	New:          sp.MustParseMoney("250.00 USD"),
	Reactivation: sp.MustParseMoney("0.00 USD"),
	Expansion:    sp.MustParseMoney("75.50 USD"),
	Contraction:  sp.MustParseMoney("20.25 USD"),
	Churn:        sp.MustParseMoney("100.00 USD"),
	Closing:      sp.MustParseMoney("1205.25 USD"),
}

func TestWaterfallSVG(t *testing.T) {
	wf := chart.ARRWaterfall(bridge, chart.Format{Decimals: 2, Prefix: "$"})
	raw, svg := render(t, wf, "ARR bridge (USD)")
	for class, want := range map[string]int{"bar": 7, "total": 2, "increase": 3, "decrease": 2, "connector": 6} {
		if got := len(svg.class(class)); got != want {
			t.Errorf("%d elements of class %s, want %d", got, class, want)
		}
	}
	want := []string{"$1,000.00", "+$250.00", "$0.00", "+$75.50", "−$20.25", "−$100.00", "$1,205.25"}
	if diff := cmp.Diff(want, svg.texts("value")); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	want = []string{"Opening", "New", "Reactivation", "Expansion", "Contraction", "Churn", "Closing"}
	if diff := cmp.Diff(want, svg.texts("period")); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	// Each change starts where the one before ended: New's bottom is the
	// opening's top, and the closing's top is churn's bottom.
	bars := svg.class("bar")
	top := func(i int) float64 { return number(t, bars[i], "y") }
	bottom := func(i int) float64 { return top(i) + number(t, bars[i], "height") }
	if math.Abs(bottom(1)-top(0)) > 0.11 || math.Abs(top(6)-bottom(5)) > 0.11 {
		t.Errorf("the bridge does not join: new bottom %g, opening top %g; closing top %g, churn bottom %g",
			bottom(1), top(0), top(6), bottom(5))
	}
	checkGolden(t, "waterfall.svg", raw)
}

func TestWaterfallExactLabels(t *testing.T) {
	// 1,235,000 is 1.235M: three significant digits, half away from zero,
	// from the exact amount: "1.24M" (dividing in float64 would give 1.23).
	b := bridge
	b.Opening = sp.MustParseMoney("1235000.00 USD")
	wf := chart.ARRWaterfall(b, chart.Format{Compact: true, Prefix: "$"})
	if got := wf.Steps[0].Text; got != "$1.24M" {
		t.Errorf("opening %q, want $1.24M", got)
	}
}

func TestWaterfallBelowZero(t *testing.T) {
	wf := chart.Waterfall{Title: "t", Steps: []chart.WaterfallStep{
		{Label: "start", Value: 100, Total: true}, {Label: "loss", Value: -250}, {Label: "end", Value: -150, Total: true},
	}}
	_, svg := render(t, wf, "t")
	if diff := cmp.Diff([]string{"100", "−250", "−150"}, svg.texts("value")); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	if ticks := svg.texts("tick"); len(ticks) == 0 || !strings.HasPrefix(ticks[0], "−") {
		t.Errorf("ticks %q do not reach below zero", ticks)
	}
}

func TestEmptyCharts(t *testing.T) {
	for name, c := range map[string]chart.Chart{
		"funnel": chart.Funnel{}, "leaderboard": chart.Leaderboard{}, "trend": chart.Trend{},
		"fan": chart.Fan{}, "waterfall": chart.Waterfall{},
		"funnel of nothing": chart.Funnel{Steps: []chart.FunnelStep{{"a", 0}, {"b", 0}}},
		"flat trend":        chart.Trend{Labels: []string{"a", "b"}, Values: []float64{0, 0}},
	} {
		t.Run(name, func(t *testing.T) { render(t, c, "") })
	}
}

func TestSize(t *testing.T) {
	for name, c := range map[string]chart.Chart{
		"funnel": chart.Funnel{Width: 500, Height: 300, Steps: funnelChart.Steps},
		"trend":  chart.Trend{Width: 500, Height: 300, Labels: trendChart.Labels, Values: trendChart.Values},
	} {
		_, svg := render(t, c, "")
		if svg.Attrs["width"] != "500" || svg.Attrs["height"] != "300" {
			t.Errorf("%s: %s × %s, want 500 × 300", name, svg.Attrs["width"], svg.Attrs["height"])
		}
	}
}

func TestMisusePanics(t *testing.T) {
	var b bytes.Buffer
	mustPanic(t, "trend lengths", func() { chart.Trend{Labels: []string{"a"}}.WriteSVG(&b) })
	mustPanic(t, "trend target lengths", func() {
		chart.Trend{Labels: []string{"a"}, Values: []float64{1}, Target: []float64{1, 2}}.WriteSVG(&b)
	})
	mustPanic(t, "trend NaN", func() { chart.Trend{Labels: []string{"a"}, Values: []float64{math.NaN()}}.WriteSVG(&b) })
	mustPanic(t, "fan lengths", func() { chart.Fan{Labels: []string{"a"}, P50: []float64{1}}.WriteSVG(&b) })
	mustPanic(t, "leaderboard Inf", func() {
		chart.Leaderboard{Bars: []chart.Bar{{Has: true, Value: math.Inf(1)}}}.WriteSVG(&b)
	})
	mustPanic(t, "waterfall NaN", func() { chart.Waterfall{Steps: []chart.WaterfallStep{{Value: math.NaN()}}}.WriteSVG(&b) })
	mustPanic(t, "negative reached", func() { chart.Funnel{Steps: []chart.FunnelStep{{"a", -1}}}.WriteSVG(&b) })
	mustPanic(t, "negative width", func() { chart.Funnel{Width: -1}.WriteSVG(&b) })
	mustPanic(t, "format NaN", func() { chart.Format{}.Float(math.NaN()) })
}

func TestDeterministic(t *testing.T) {
	for _, c := range []chart.Chart{funnelChart, leaderboardChart, trendChart, fanChart, chart.ARRWaterfall(bridge, chart.Format{})} {
		var a, b bytes.Buffer
		if err := c.WriteSVG(&a); err != nil {
			t.Fatal(err)
		}
		if err := c.WriteSVG(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%T: two renderings differ", c)
		}
	}
}
