package chart

import (
	"io"
	"math/bits"
	"strconv"
	"strings"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// FunnelStep is one step of a funnel: a stage and the number of deals that
// reached it.
type FunnelStep struct {
	Stage   string
	Reached int64
}

// Funnel is a stage funnel chart: one centred bar per step, as wide as the
// deals that reached it, and between two steps the conversion
// (reached(k+1) / reached(k)) and the drop-off (reached(k) − reached(k+1),
// and its share of reached(k)). The leakiest step — the lowest conversion,
// the first on ties, as metrics.FunnelResult.Leakiest — is marked in red.
// A footer gives the overall conversion, last step / first step.
//
// Percentages are exact, rounded half to even to one decimal. The zero
// Width is 720; the zero Height fits the steps (56 per step).
type Funnel struct {
	Title         string
	Steps         []FunnelStep
	Width, Height int
}

// FunnelOf returns the funnel chart of a funnel result, titled after its
// pipeline.
func FunnelOf(r metrics.FunnelResult) Funnel {
	f := Funnel{Title: "Stage funnel: " + r.Pipeline}
	for _, s := range r.Steps {
		f.Steps = append(f.Steps, FunnelStep{Stage: s.Stage, Reached: s.Reached})
	}
	return f
}

// Leakiest returns the index k of the step whose conversion to step k+1 is
// the lowest (the first on ties), among the steps reached by some deal and
// followed by another; false when there is none.
func (f Funnel) Leakiest() (int, bool) {
	best := -1
	for k := 0; k+1 < len(f.Steps); k++ {
		if f.Steps[k].Reached <= 0 || f.Steps[k+1].Reached < 0 {
			continue
		}
		if best < 0 || less(f.Steps[k+1].Reached, f.Steps[k].Reached, f.Steps[best+1].Reached, f.Steps[best].Reached) {
			best = k
		}
	}
	return best, best >= 0
}

// less reports whether a/b < c/d exactly, for non-negative a, c and
// positive b, d.
func less(a, b, c, d int64) bool {
	xh, xl := bits.Mul64(uint64(a), uint64(d))
	yh, yl := bits.Mul64(uint64(c), uint64(b))
	return xh < yh || (xh == yh && xl < yl)
}

// pct writes num / den as a percentage with one decimal, exactly, rounded
// half to even; "–" when den is 0.
func pct(num, den int64) string {
	v, ok := metrics.Rate{Num: num, Den: den}.Decimal(3, sp.RoundHalfEven)
	if !ok {
		return "–"
	}
	return v.Shift(2).StringFixed(1) + "%"
}

// WriteSVG writes the chart as a standalone SVG document. It panics if a
// step's Reached is negative, or Width or Height is negative.
func (f Funnel) WriteSVG(w io.Writer) error {
	const pitchDefault, footer = 56.0, 30.0
	n := len(f.Steps)
	top := titleHeight + 6
	width, height := size(f.Width, f.Height, top+float64(max(n, 1))*pitchDefault+footer)
	leak, hasLeak := f.Leakiest()
	var biggest int64
	labelW := 80.0
	for _, s := range f.Steps {
		if s.Reached < 0 {
			panic("chart: funnel step " + strconv.Quote(s.Stage) + " has a negative Reached")
		}
		biggest = max(biggest, s.Reached)
		labelW = max(labelW, textWidth(s.Stage)+24)
	}
	// The conversion lines, and the right column that holds them.
	lines := make([]string, n)
	rightW := 160.0
	for k := 0; k+1 < n; k++ {
		cur, next := f.Steps[k].Reached, f.Steps[k+1].Reached
		lines[k] = "↓ " + pct(next, cur) + " go on · " + Format{}.Float(float64(cur-next)) + " dropped (" + pct(cur-next, cur) + ")"
		if k == leak && hasLeak {
			lines[k] += " · leakiest"
		}
		rightW = max(rightW, textWidth(lines[k])+28)
	}
	x0, x1 := labelW, width-rightW
	cx := (x0 + x1) / 2
	pitch := (height - top - footer) / float64(max(n, 1))
	barH := pitch / 2

	var desc strings.Builder
	for k, s := range f.Steps {
		if k > 0 {
			desc.WriteString("; ")
		}
		desc.WriteString(s.Stage + " " + Format{}.Float(float64(s.Reached)))
		if k > 0 {
			desc.WriteString(" (" + pct(s.Reached, f.Steps[k-1].Reached) + " of the step before)")
		}
	}
	c := newCanvas(width, height, f.Title, desc.String())
	if n == 0 || biggest == 0 {
		c.text("no deals", "x", width/2, "y", top+pitch/2, "text-anchor", "middle", "fill", muted)
		return c.writeTo(w)
	}
	barW := func(r int64) float64 { return (x1 - x0) * float64(r) / float64(biggest) }
	for k, s := range f.Steps {
		y := top + float64(k)*pitch
		bw := barW(s.Reached)
		if k+1 < n { // the connector to the next bar
			nw := barW(f.Steps[k+1].Reached)
			c.el("polygon", "class", "connector", "fill", paleBlue, "fill-opacity", "0.5",
				"points", points(cx-bw/2, y+barH, cx+bw/2, y+barH, cx+nw/2, y+pitch, cx-nw/2, y+pitch))
		}
		c.el("rect", "class", "bar", "x", cx-bw/2, "y", y, "width", bw, "height", barH, "fill", blue)
		c.text(s.Stage, "class", "label", "x", x0-10, "y", y+barH/2+4, "text-anchor", "end", "fill", ink)
		c.text(Format{}.Float(float64(s.Reached))+" reached", "class", "value", "x", x1+12, "y", y+barH/2+4,
			"font-weight", "bold", "fill", ink)
		if k+1 < n {
			fill, weight := muted, "normal"
			if hasLeak && k == leak {
				fill, weight = red, "bold"
			}
			c.text(lines[k], "class", "conversion", "x", x1+12, "y", y+barH+(pitch-barH)/2+4, "fill", fill, "font-weight", weight)
		}
	}
	first, last := f.Steps[0], f.Steps[n-1]
	c.text("Overall: "+pct(last.Reached, first.Reached)+" of the deals that reached "+first.Stage+" reached "+last.Stage+
		" ("+Format{}.Float(float64(last.Reached))+" of "+Format{}.Float(float64(first.Reached))+")",
		"class", "footer", "x", 16, "y", height-12, "fill", muted)
	return c.writeTo(w)
}
