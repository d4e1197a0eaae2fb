package chart

import (
	"io"
	"math"
	"strconv"
	"strings"
)

// Bar is one row of a leaderboard: a rep (or team), its rank, its value
// and the interval around it.
type Bar struct {
	Name string
	// Rank is the rank shown before the name (standard competition
	// ranks: 1, 2, 2, 4); 0 means not ranked (too few deals): the bar is
	// drawn pale and the rank as "–".
	Rank int
	// Has is false when there is no value (a rep without closed deals):
	// no bar, "no data".
	Has bool
	// Value is the length of the bar.
	Value float64
	// Lo and Hi bound the interval drawn as a whisker across the bar's
	// end (a Wilson interval on a win rate); none when Hi ≤ Lo.
	Lo, Hi float64
	// Text labels the value at the right; "" writes Value, and the
	// interval when there is one, in the chart's Format.
	Text string
}

// Leaderboard is a leaderboard chart: one horizontal bar per row, in the
// order given, with the rank and name at the left, the interval as a
// whisker, the value at the right, and a vertical reference line (the team
// rate) when ReferenceLabel is set.
//
// The axis runs from 0 (or the lowest Value or Lo below 0) to Max, or when
// Max is 0 to the first round number at or above every Value and Hi.
// The zero Width is 720; the zero Height fits the rows (26 per row).
type Leaderboard struct {
	Title          string
	Bars           []Bar
	Format         Format
	Max            float64
	Reference      float64
	ReferenceLabel string
	Width, Height  int
}

// WriteSVG writes the chart as a standalone SVG document. It panics if a
// number is NaN or infinite, or Width or Height is negative.
func (l Leaderboard) WriteSVG(w io.Writer) error {
	const pitchDefault, bottom = 26.0, 40.0
	top := titleHeight + 16 // and the reference label
	n := len(l.Bars)
	width, height := size(l.Width, l.Height, top+float64(max(n, 1))*pitchDefault+bottom)

	texts := make([]string, n)
	nameW, textW := 60.0, 60.0
	lo, hi := min(0, l.Max), l.Max
	for i, b := range l.Bars {
		checkFinite("leaderboard value", b.Value, b.Lo, b.Hi)
		nameW = max(nameW, textWidth(b.Name)+16)
		texts[i] = b.Text
		if !b.Has {
			texts[i] = "no data"
		} else if texts[i] == "" {
			texts[i] = l.Format.Float(b.Value)
			if b.Hi > b.Lo {
				texts[i] += " (" + l.Format.Float(b.Lo) + " – " + l.Format.Float(b.Hi) + ")"
			}
		}
		textW = max(textW, textWidth(texts[i])+20)
		if b.Has {
			lo = min(lo, b.Value)
			if b.Hi > b.Lo {
				lo = min(lo, b.Lo)
			}
			if l.Max == 0 {
				hi = max(hi, b.Value, b.Hi)
			}
		}
	}
	checkFinite("leaderboard Max or Reference", l.Max, l.Reference)
	if l.ReferenceLabel != "" && l.Max == 0 {
		hi = max(hi, l.Reference)
	}
	ts, e := ticks(lo, hi, 5)
	if l.Max != 0 {
		ts, e = ticksWithin(lo, l.Max)
	}
	axis := newAxisFormat(l.Format, e, ts[len(ts)-1])
	const rankW = 32.0
	x0 := 16 + rankW + nameW
	x1 := width - textW
	sx := scale{ts[0], ts[len(ts)-1], x0, x1}
	pitch := (height - top - bottom) / float64(max(n, 1))
	barH := min(pitch*0.62, 18)
	yEnd := top + float64(n)*pitch

	var desc strings.Builder
	for i, b := range l.Bars {
		if i > 0 {
			desc.WriteString("; ")
		}
		desc.WriteString(rankText(b.Rank) + " " + b.Name + ": " + texts[i])
	}
	c := newCanvas(width, height, l.Title, desc.String())
	for _, t := range ts {
		x := sx.at(t)
		c.el("line", "class", "grid", "x1", x, "y1", top, "x2", x, "y2", yEnd, "stroke", grid)
		c.text(axis.label(t), "class", "tick", "x", x, "y", yEnd+16, "text-anchor", "middle", "fill", muted, "font-size", 11)
	}
	zero := sx.at(0)
	for i, b := range l.Bars {
		y := top + float64(i)*pitch
		mid := y + pitch/2
		c.text(rankText(b.Rank), "class", "rank", "x", 16+rankW-8, "y", mid+4, "text-anchor", "end", "fill", muted)
		c.text(b.Name, "class", "label", "x", x0-8, "y", mid+4, "text-anchor", "end", "fill", ink)
		fill := muted
		if b.Has {
			fill = ink
			bar := blue
			if b.Rank == 0 {
				bar = paleBlue
			}
			x := sx.at(b.Value)
			c.el("rect", "class", "bar", "x", min(x, zero), "y", mid-barH/2, "width", max(x, zero)-min(x, zero),
				"height", barH, "fill", bar)
			if b.Hi > b.Lo {
				xl, xh := sx.at(b.Lo), sx.at(b.Hi)
				c.el("path", "class", "whisker", "fill", "none", "stroke", ink, "stroke-width", 1.5,
					"d", "M"+points(xl, mid-5)+"V"+num(mid+5)+"M"+points(xl, mid)+"H"+num(xh)+"M"+points(xh, mid-5)+"V"+num(mid+5))
			}
		}
		c.text(texts[i], "class", "value", "x", x1+12, "y", mid+4, "fill", fill)
	}
	c.el("line", "class", "axis", "x1", zero, "y1", top, "x2", zero, "y2", yEnd, "stroke", muted)
	if l.ReferenceLabel != "" {
		x := sx.at(l.Reference)
		c.el("line", "class", "reference", "x1", x, "y1", top-4, "x2", x, "y2", yEnd, "stroke", orange,
			"stroke-width", 2, "stroke-dasharray", "6 4")
		c.text(l.ReferenceLabel, "class", "reference-label", "x", x, "y", top-8, "text-anchor", "middle", "fill", orange,
			"font-weight", "bold")
	}
	return c.writeTo(w)
}

// ticksWithin returns ticks from lo to exactly end: the round ticks of
// [lo, end] that do not pass it, and end itself. The exponent returned is
// lowered, by up to six places, until end is a multiple of 10^e, so that
// the axis writes end exactly (a Max of 0.95 is "0.95", not "0.9").
func ticksWithin(lo, end float64) ([]float64, int) {
	ts, e := ticks(lo, end, 5)
	for len(ts) > 1 && ts[len(ts)-1] > end {
		ts = ts[:len(ts)-1]
	}
	if ts[len(ts)-1] < end {
		ts = append(ts, end)
		for k := 0; k < 6 && !multipleOfPow10(end, e); k++ {
			e--
		}
	}
	return ts, e
}

// multipleOfPow10 reports whether v is, up to binary noise, a whole
// multiple of 10^e.
func multipleOfPow10(v float64, e int) bool {
	r := v / math.Pow10(e)
	return math.Abs(r-math.Round(r)) <= 1e-9*max(1, math.Abs(r))
}

func rankText(r int) string {
	if r == 0 {
		return "–"
	}
	return strconv.Itoa(r)
}
