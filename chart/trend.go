package chart

import (
	"io"
	"math"
	"strings"
)

// Trend is a line chart of a figure over periods — won revenue per month —
// with an optional target line: Values[i] and Target[i] belong to the
// period Labels[i]. Each point is labelled with its value; the target is a
// dashed orange line, and a legend names both.
//
// The y axis runs from 0 (or the lowest value below it) to the first round
// number at or above every value and target. Period labels are thinned
// out to fit when there are many. The zero Width is 720, the zero Height
// 320.
type Trend struct {
	Title  string
	Labels []string
	Values []float64
	// Target is nil for no target line; otherwise one per period.
	Target []float64
	// Name and TargetName label the lines in the legend; "" means
	// "actual" and "target".
	Name, TargetName string
	Format           Format
	Width, Height    int
}

// WriteSVG writes the chart as a standalone SVG document. It panics if
// Values, or a non-nil Target, does not have one value per label, if a
// value is NaN or infinite, or Width or Height is negative.
func (t Trend) WriteSVG(w io.Writer) error {
	n := len(t.Labels)
	if len(t.Values) != n || (t.Target != nil && len(t.Target) != n) {
		panic("chart: Trend needs one value (and target) per label")
	}
	checkFinite("trend value", t.Values...)
	checkFinite("trend target", t.Target...)
	name, targetName := or(t.Name, "actual"), or(t.TargetName, "target")

	var desc strings.Builder
	for i, l := range t.Labels {
		if i > 0 {
			desc.WriteString("; ")
		}
		desc.WriteString(l + ": " + t.Format.Float(t.Values[i]))
		if t.Target != nil {
			desc.WriteString(" (" + targetName + " " + t.Format.Float(t.Target[i]) + ")")
		}
	}
	p := newPlot(t.Width, t.Height, t.Title, desc.String(), t.Labels, t.Format, t.Values, t.Target)
	if n == 0 {
		return p.empty(w)
	}
	legend := []legendItem{{name: name, colour: blue}}
	if t.Target != nil {
		legend = append(legend, legendItem{name: targetName, colour: orange, dash: "6 4"})
		p.line("target", t.Target, orange, "6 4")
	}
	p.line("line", t.Values, blue, "")
	p.points(t.Values, t.Format)
	p.legend(legend)
	return p.c.writeTo(w)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// plot is the frame shared by the charts over periods (Trend, Fan): a y
// axis with round ticks and grid lines, and one slot per period on the x
// axis, its label under it.
type plot struct {
	c              *canvas
	x0, x1, y0, y1 float64 // the plotting area; y0 is the top
	sy             scale
	n              int
}

// newPlot draws the frame of a chart over the periods labels, its y axis
// covering 0 and every value of the series.
func newPlot(width, height int, title, desc string, labels []string, f Format, series ...[]float64) *plot {
	w, h := size(width, height, 320)
	lo, hi := 0.0, 0.0
	for _, s := range series {
		for _, v := range s {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	ts, e := ticks(lo, hi, 5)
	axis := newAxisFormat(f, e, ts[len(ts)-1])
	axisW := 40.0
	for _, t := range ts {
		axisW = max(axisW, textWidth(axis.label(t))+16)
	}
	p := &plot{c: newCanvas(w, h, title, desc), x0: 16 + axisW, x1: w - 24, y0: titleHeight + 28, y1: h - 36, n: len(labels)}
	p.sy = scale{ts[0], ts[len(ts)-1], p.y1, p.y0}
	for _, t := range ts {
		y := p.sy.at(t)
		p.c.el("line", "class", "grid", "x1", p.x0, "y1", y, "x2", p.x1, "y2", y, "stroke", grid)
		p.c.text(axis.label(t), "class", "tick", "x", p.x0-8, "y", y+4, "text-anchor", "end", "fill", muted, "font-size", 11)
	}
	p.c.el("line", "class", "axis", "x1", p.x0, "y1", p.sy.at(0), "x2", p.x1, "y2", p.sy.at(0), "stroke", muted)
	if p.n > 0 {
		// Show every k-th label, so that labels do not overlap.
		widest := 0.0
		for _, l := range labels {
			widest = max(widest, textWidth(l)*11/fontSize+4)
		}
		every := max(1, int(math.Ceil(widest/((p.x1-p.x0)/float64(p.n)))))
		for i, l := range labels {
			if i%every == 0 {
				p.c.text(l, "class", "period", "x", p.x(i), "y", p.y1+18, "text-anchor", "middle", "fill", muted, "font-size", 11)
			}
		}
	}
	return p
}

// points marks each value of a line with a dot and its label: above the
// dot, or below it at a dip (a value below the ones on both sides) that
// is clear of the x axis, so that labels stay off the line.
func (p *plot) points(vs []float64, f Format) {
	for i, v := range vs {
		x, y := p.x(i), p.y(v)
		dip := (i == 0 || vs[i-1] > v) && (i+1 == len(vs) || vs[i+1] > v) && len(vs) > 1
		ly := y - 9
		if dip && y+18 < p.y1-4 { // under the dot, unless that is on the axis
			ly = y + 18
		}
		p.c.el("circle", "class", "point", "cx", x, "cy", y, "r", 3.5, "fill", blue)
		p.c.text(f.Float(v), "class", "value", "x", x, "y", ly, "text-anchor", "middle", "fill", ink, "font-size", 11)
	}
}

// x is the centre of period i's slot.
func (p *plot) x(i int) float64 {
	return p.x0 + (float64(i)+0.5)*(p.x1-p.x0)/float64(p.n)
}

func (p *plot) y(v float64) float64 { return p.sy.at(v) }

// line draws a polyline through one value per period; a single value is
// drawn as a short horizontal stroke across its slot.
func (p *plot) line(class string, vs []float64, stroke, dash string) {
	var xy []float64
	if len(vs) == 1 {
		half := (p.x1 - p.x0) / 4
		xy = []float64{p.x(0) - half, p.y(vs[0]), p.x(0) + half, p.y(vs[0])}
	} else {
		for i, v := range vs {
			xy = append(xy, p.x(i), p.y(v))
		}
	}
	attrs := []any{"class", class, "fill", "none", "stroke", stroke, "stroke-width", 2.5, "stroke-linejoin", "round", "points", points(xy...)}
	if dash != "" {
		attrs = append(attrs, "stroke-dasharray", dash)
	}
	p.c.el("polyline", attrs...)
}

// legendItem is a line in the legend: dashed when dash is set, a filled
// swatch when band is.
type legendItem struct {
	name, colour, dash string
	band               bool
}

// legend writes the legend at the top right, under the title: a key and
// a name for each item, left to right.
func (p *plot) legend(items []legendItem) {
	const key, gap = 30.0, 16.0 // a key and its space; the space between items
	x := p.x1
	for i, it := range items {
		x -= key + textWidth(it.name)
		if i > 0 {
			x -= gap
		}
	}
	y := titleHeight + 4
	for _, it := range items {
		if it.band {
			p.c.el("rect", "class", "legend-key", "x", x, "y", y-6, "width", 24, "height", 12, "fill", it.colour)
		} else {
			attrs := []any{"class", "legend-key", "x1", x, "y1", y, "x2", x + 24, "y2", y, "stroke", it.colour, "stroke-width", 2.5}
			if it.dash != "" {
				attrs = append(attrs, "stroke-dasharray", it.dash)
			}
			p.c.el("line", attrs...)
		}
		p.c.text(it.name, "class", "legend", "x", x+key, "y", y+4, "fill", ink)
		x += key + textWidth(it.name) + gap
	}
}

// empty finishes a chart without periods.
func (p *plot) empty(w io.Writer) error {
	p.c.text("no data", "x", (p.x0+p.x1)/2, "y", (p.y0+p.y1)/2, "text-anchor", "middle", "fill", muted)
	return p.c.writeTo(w)
}
