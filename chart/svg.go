package chart

import (
	"html"
	"io"
	"math"
	"strconv"
	"strings"
)

// The palette, chosen to read in print and for the common colour-vision
// deficiencies (blue against orange; green and red only with a sign).
const (
	ink      = "#1f2933" // text
	muted    = "#616e7c" // secondary text, axes
	grid     = "#e4e7eb" // grid lines
	blue     = "#2f6fba" // bars, lines
	paleBlue = "#b9d3f0" // bands, unranked bars
	orange   = "#d9822b" // targets, reference lines
	green    = "#2e8b57" // increases
	red      = "#c0392b" // decreases, the leakiest stage
	slate    = "#52606d" // totals
	white    = "#ffffff"
)

const (
	defaultWidth = 720
	fontSize     = 12.0
	charWidth    = 0.6 * fontSize // rough advance of one character, for layout
	titleHeight  = 40.0           // room for the title at the top
)

// canvas builds one SVG document. Every number written into it goes
// through num, every text through html.EscapeString.
type canvas struct {
	b    strings.Builder
	w, h float64
}

// newCanvas starts an SVG of w × h with an accessible name (title, shown
// at the top too) and description.
func newCanvas(w, h float64, title, desc string) *canvas {
	c := &canvas{w: w, h: h}
	c.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg"`)
	c.attrs("width", w, "height", h, "viewBox", "0 0 "+num(w)+" "+num(h), "role", "img",
		"font-family", "DejaVu Sans, Helvetica, Arial, sans-serif", "font-size", fontSize)
	c.b.WriteString(">\n<title>" + esc(title) + "</title>\n")
	if desc != "" {
		c.b.WriteString("<desc>" + esc(desc) + "</desc>\n")
	}
	c.el("rect", "class", "background", "width", w, "height", h, "fill", white)
	c.text(title, "x", 16, "y", 24, "font-size", 15, "font-weight", "bold", "fill", ink)
	return c
}

// el writes an empty element with attributes given as name, value pairs.
func (c *canvas) el(name string, attrs ...any) {
	c.b.WriteString("<" + name)
	c.attrs(attrs...)
	c.b.WriteString("/>\n")
}

// text writes a text element holding s.
func (c *canvas) text(s string, attrs ...any) {
	c.b.WriteString("<text")
	c.attrs(attrs...)
	c.b.WriteString(">" + esc(s) + "</text>\n")
}

// attrs writes name="value" pairs: float64 values through num, ints in
// decimal, strings escaped.
func (c *canvas) attrs(kv ...any) {
	for i := 0; i+1 < len(kv); i += 2 {
		var v string
		switch x := kv[i+1].(type) {
		case float64:
			v = num(x)
		case int:
			v = strconv.Itoa(x)
		case string:
			v = esc(x)
		default:
			panic("chart: internal error: attribute of an unexpected type")
		}
		c.b.WriteString(" " + kv[i].(string) + `="` + v + `"`)
	}
}

// points writes a points attribute value from x, y pairs.
func points(xy ...float64) string {
	var b strings.Builder
	for i := 0; i+1 < len(xy); i += 2 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(xy[i]) + "," + num(xy[i+1]))
	}
	return b.String()
}

// writeTo ends the document and writes it to w.
func (c *canvas) writeTo(w io.Writer) error {
	c.b.WriteString("</svg>\n")
	_, err := io.WriteString(w, c.b.String())
	return err
}

// num writes a coordinate with one decimal at most ("12", "12.5"). A
// coordinate that is not finite is a bug in this package: num panics.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		panic("chart: internal error: coordinate is not finite")
	}
	s := strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

func esc(s string) string { return html.EscapeString(s) }

// textWidth estimates the width of s at the chart's font size.
func textWidth(s string) float64 {
	return float64(len([]rune(s))) * charWidth
}

// size returns the width and height of a chart: the ones given, or
// defaultWidth and height when 0. It panics if either is negative.
func size(w, h int, height float64) (float64, float64) {
	if w < 0 || h < 0 {
		panic("chart: negative width or height")
	}
	fw, fh := float64(w), float64(h)
	if w == 0 {
		fw = defaultWidth
	}
	if h == 0 {
		fh = height
	}
	return fw, fh
}

// checkFinite panics if a value to plot is NaN or infinite.
func checkFinite(what string, vs ...float64) {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			panic("chart: " + what + " is not finite")
		}
	}
}

// ticks returns the ticks of an axis covering [lo, hi] in about n
// intervals: the multiples of a step of 1, 2 or 5 × 10^e from the one at
// or below lo to the one at or above hi, and e. An empty range is widened
// to one step around lo.
func ticks(lo, hi float64, n int) ([]float64, int) {
	if hi <= lo {
		if lo == 0 {
			hi = 1
		} else {
			d := math.Abs(lo) / 2
			lo, hi = lo-d, hi+d
		}
	}
	raw := (hi - lo) / float64(n)
	e := int(math.Floor(math.Log10(raw)))
	m := int64(10)
	for _, c := range []int64{1, 2, 5} {
		if raw <= float64(c)*math.Pow10(e)*(1+1e-9) {
			m = c
			break
		}
	}
	if m == 10 {
		m, e = 1, e+1
	}
	step := float64(m) * math.Pow10(e)
	at := func(k int64) float64 { // k·m·10^e, with one rounding
		if e < 0 {
			return float64(k*m) / math.Pow10(-e)
		}
		return float64(k*m) * math.Pow10(e)
	}
	var out []float64
	for k := int64(math.Floor(lo/step + 1e-9)); ; k++ {
		v := at(k)
		out = append(out, v)
		if v >= hi-step*1e-9 {
			break
		}
	}
	return out, e
}

// scale maps [d0, d1] onto [r0, r1] linearly.
type scale struct{ d0, d1, r0, r1 float64 }

func (s scale) at(v float64) float64 {
	if s.d1 == s.d0 {
		return s.r0
	}
	return s.r0 + (v-s.d0)/(s.d1-s.d0)*(s.r1-s.r0)
}
