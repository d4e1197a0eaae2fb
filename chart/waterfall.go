package chart

import (
	"io"
	"strconv"
	"strings"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// WaterfallStep is one column of a waterfall: a total, drawn from 0 to
// Value (the opening and the closing ARR), or a change, drawn from the
// running total to the running total + Value (new ARR up, churn down).
type WaterfallStep struct {
	Label string
	Value float64
	Total bool
	// Text labels the column; "" writes Value in the chart's Format, with
	// a sign for a change.
	Text string
}

// Waterfall is a waterfall (bridge) chart: columns left to right, totals
// in slate, increases in green and decreases in red, each change starting
// where the column before it ended, joined by thin connectors, with its
// value above it.
//
// The running total starts at 0; a total step sets it to its Value, a
// change adds its Value. The chart does not check that the changes add up
// to the next total: a bridge that does not reconcile shows a gap. The
// zero Width is 720, the zero Height 340.
type Waterfall struct {
	Title         string
	Steps         []WaterfallStep
	Format        Format
	Width, Height int
}

// ARRWaterfall returns the waterfall of an ARR bridge: opening, new,
// reactivation, expansion, − contraction, − churn, closing, titled
// "ARR bridge (" + currency + ")". The labels are written from the exact
// amounts in format f, so they are exact to f's decimals.
func ARRWaterfall(b metrics.ARRBridge, f Format) Waterfall {
	step := func(label string, m sp.Money, total bool) WaterfallStep {
		s := WaterfallStep{Label: label, Total: total}
		v, err := strconv.ParseFloat(m.Amount(), 64)
		if err != nil {
			panic("chart: internal error: amount " + m.Amount() + " is not a number")
		}
		s.Value = v
		s.Text = f.rat(decimalRat(m.Amount()), !total)
		return s
	}
	return Waterfall{
		Title: "ARR bridge (" + string(b.Currency) + ")",
		Steps: []WaterfallStep{
			step("Opening", b.Opening, true),
			step("New", b.New, false),
			step("Reactivation", b.Reactivation, false),
			step("Expansion", b.Expansion, false),
			step("Contraction", b.Contraction.Neg(), false),
			step("Churn", b.Churn.Neg(), false),
			step("Closing", b.Closing, true),
		},
		Format: f,
	}
}

// WriteSVG writes the chart as a standalone SVG document. It panics if a
// value is NaN or infinite, or Width or Height is negative.
func (wf Waterfall) WriteSVG(w io.Writer) error {
	n := len(wf.Steps)
	// The level before and after each column.
	from, to := make([]float64, n), make([]float64, n)
	run := 0.0
	lo, hi := 0.0, 0.0
	texts := make([]string, n)
	var desc strings.Builder
	for i, s := range wf.Steps {
		checkFinite("waterfall value", s.Value)
		if s.Total {
			from[i], to[i] = 0, s.Value
		} else {
			from[i], to[i] = run, run+s.Value
		}
		run = to[i]
		lo, hi = min(lo, from[i], to[i]), max(hi, from[i], to[i])
		texts[i] = s.Text
		if texts[i] == "" {
			texts[i] = wf.Format.Float(s.Value)
			if !s.Total {
				texts[i] = wf.Format.Signed(s.Value)
			}
		}
		if i > 0 {
			desc.WriteString("; ")
		}
		desc.WriteString(s.Label + " " + texts[i])
	}
	labels := make([]string, n)
	for i, s := range wf.Steps {
		labels[i] = s.Label
	}
	width, height := wf.Width, wf.Height
	if height == 0 {
		height = 340
	}
	p := newPlot(width, height, wf.Title, desc.String(), labels, wf.Format, []float64{lo, hi})
	if n == 0 {
		return p.empty(w)
	}
	slot := (p.x1 - p.x0) / float64(n)
	barW := slot * 0.6
	for i, s := range wf.Steps {
		x := p.x(i) - barW/2
		top, bottom := max(from[i], to[i]), min(from[i], to[i])
		fill, class := slate, "total"
		switch {
		case s.Total:
		case s.Value >= 0:
			fill, class = green, "increase"
		default:
			fill, class = red, "decrease"
		}
		yt, yb := p.y(top), p.y(bottom)
		c := p.c
		c.el("rect", "class", "bar "+class, "x", x, "y", yt, "width", barW, "height", yb-yt, "fill", fill)
		c.text(texts[i], "class", "value", "x", p.x(i), "y", yt-6, "text-anchor", "middle", "fill", ink, "font-size", 11)
		if i+1 < n {
			y := p.y(to[i])
			c.el("line", "class", "connector", "x1", x+barW, "y1", y, "x2", x+slot, "y2", y, "stroke", muted,
				"stroke-dasharray", "3 3")
		}
	}
	return p.c.writeTo(w)
}
