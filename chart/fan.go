package chart

import (
	"io"
	"strings"
)

// Fan is a forecast fan chart: for each future period Labels[i], the
// band from P10[i] to P90[i] (eight outcomes in ten fall in it), the
// median P50[i] as a line, and an optional Target line. Each median is
// labelled with its value.
//
// The y axis runs from 0 (or the lowest value below it) to the first round
// number at or above every value. The zero Width is 720, the zero Height
// 320.
type Fan struct {
	Title         string
	Labels        []string
	P10, P50, P90 []float64
	// Target is nil for no target line; otherwise one per period.
	Target        []float64
	Format        Format
	Width, Height int
}

// WriteSVG writes the chart as a standalone SVG document. It panics if
// P10, P50, P90 or a non-nil Target does not have one value per label, if
// a value is NaN or infinite, or Width or Height is negative.
func (f Fan) WriteSVG(w io.Writer) error {
	n := len(f.Labels)
	if len(f.P10) != n || len(f.P50) != n || len(f.P90) != n || (f.Target != nil && len(f.Target) != n) {
		panic("chart: Fan needs one P10, P50, P90 (and target) per label")
	}
	checkFinite("fan value", f.P10...)
	checkFinite("fan value", f.P50...)
	checkFinite("fan value", f.P90...)
	checkFinite("fan target", f.Target...)

	var desc strings.Builder
	for i, l := range f.Labels {
		if i > 0 {
			desc.WriteString("; ")
		}
		desc.WriteString(l + ": median " + f.Format.Float(f.P50[i]) + ", 80% between " +
			f.Format.Float(f.P10[i]) + " and " + f.Format.Float(f.P90[i]))
		if f.Target != nil {
			desc.WriteString(", target " + f.Format.Float(f.Target[i]))
		}
	}
	p := newPlot(f.Width, f.Height, f.Title, desc.String(), f.Labels, f.Format, f.P10, f.P50, f.P90, f.Target)
	if n == 0 {
		return p.empty(w)
	}
	var band []float64
	if n == 1 {
		half := (p.x1 - p.x0) / 4
		band = []float64{p.x(0) - half, p.y(f.P90[0]), p.x(0) + half, p.y(f.P90[0]), p.x(0) + half, p.y(f.P10[0]), p.x(0) - half, p.y(f.P10[0])}
	} else {
		for i := range n {
			band = append(band, p.x(i), p.y(f.P90[i]))
		}
		for i := n - 1; i >= 0; i-- {
			band = append(band, p.x(i), p.y(f.P10[i]))
		}
	}
	p.c.el("polygon", "class", "band", "fill", paleBlue, "stroke", "none", "points", points(band...))
	legend := []legendItem{{name: "P10–P90", colour: paleBlue, band: true}, {name: "P50", colour: blue}}
	if f.Target != nil {
		p.line("target", f.Target, orange, "6 4")
		legend = append(legend, legendItem{name: "target", colour: orange, dash: "6 4"})
	}
	p.line("line", f.P50, blue, "")
	p.points(f.P50, f.Format)
	p.legend(legend)
	return p.c.writeTo(w)
}
