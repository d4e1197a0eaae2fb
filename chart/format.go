package chart

import (
	"math"
	"math/big"
	"strings"
)

// Format says how a chart writes its numbers. The zero Format writes whole
// numbers with thousands separated by commas: 1234.5 is "1,235".
//
// A number is rounded once, from its exact value (the float64 given, or
// the exact decimal of an amount of money), to Decimals digits after the
// point, halves away from zero: there is no binary noise in a label
// (0.1 + 0.2 is "0.30" with two decimals, never "0.30000000000000004").
// Negative numbers take a true minus sign, "−".
type Format struct {
	// Decimals is the number of digits after the point (of the
	// percentage when Percent is set). Negative means 0.
	Decimals int
	// Percent writes a share as a percentage: 0.285 is "28.5%" with one
	// decimal.
	Percent bool
	// Compact writes thousands as "k", millions as "M" and billions as
	// "B", with three significant digits at least (Decimals is then the
	// fewest decimals): 1234567 is "1.23M", 386012 is "386k", 45250 is
	// "45.3k". Numbers below 1,000 are written with Decimals decimals.
	Compact bool
	// Prefix and Suffix are written before and after the number (after
	// the sign, and after "%" or the k/M/B): "$", " USD".
	Prefix, Suffix string
}

// Float returns v written in format f. Float panics if v is NaN or
// infinite.
func (f Format) Float(v float64) string {
	return f.rat(ratOf(v), false)
}

// Signed is like Float but writes a "+" before a positive number, for
// changes: "+12.5k", "−3k", "0".
func (f Format) Signed(v float64) string {
	return f.rat(ratOf(v), true)
}

// ratOf returns the exact value of v. It panics if v is NaN or infinite.
func ratOf(v float64) *big.Rat {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		panic("chart: number is not finite")
	}
	return new(big.Rat).SetFloat64(v)
}

// decimalRat returns the exact value of a decimal string such as
// "-1234.56"; it panics if s is not one (the amounts of money it reads
// always are).
func decimalRat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("chart: not a decimal number: " + s)
	}
	return r
}

var (
	thousand = big.NewRat(1000, 1)
	hundred  = big.NewRat(100, 1)
)

// rat writes r in format f; signed writes "+" before a positive number.
func (f Format) rat(r *big.Rat, signed bool) string {
	x := new(big.Rat).Set(r)
	if f.Percent {
		x.Mul(x, hundred)
	}
	places := max(f.Decimals, 0)
	if !f.Compact {
		return f.write(x, 0, places, signed)
	}
	for unit := compactUnit(x); ; unit++ {
		scaled := unscale(x, unit)
		p := places
		if unit > 0 { // three significant digits at least
			p = max(p, 3-len(new(big.Int).Quo(new(big.Int).Abs(scaled.Num()), scaled.Denom()).String()))
		}
		s := scaled.FloatString(p)
		if intPart, _, _ := strings.Cut(strings.TrimPrefix(s, "-"), "."); unit == 3 || len(intPart) <= 3 {
			return f.write(x, unit, p, signed)
		}
		// Rounding carried to 1,000 of the unit (999,960 is "1,000k"):
		// write it in the next unit.
	}
}

// compactUnit returns the power of 1,000 (0 to 3) that writes x with at
// most three digits before the point.
func compactUnit(x *big.Rat) int {
	a := new(big.Rat).Abs(x)
	unit := 0
	for unit < 3 && a.Cmp(thousand) >= 0 {
		a.Quo(a, thousand)
		unit++
	}
	return unit
}

// unscale returns x / 1000^unit.
func unscale(x *big.Rat, unit int) *big.Rat {
	s := new(big.Rat).Set(x)
	for range unit {
		s.Quo(s, thousand)
	}
	return s
}

// write writes x (already × 100 for a percentage) divided by 1000^unit
// with places decimals.
func (f Format) write(x *big.Rat, unit, places int, signed bool) string {
	s := unscale(x, unit).FloatString(places)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	zero := strings.Trim(s, "0.") == ""
	var b strings.Builder
	switch {
	case neg && !zero: // "-0.0" is zero
		b.WriteString("−")
	case signed && x.Sign() > 0 && !zero:
		b.WriteString("+")
	}
	b.WriteString(f.Prefix)
	b.WriteString(group(intPart))
	if frac != "" {
		b.WriteString("." + frac)
	}
	if f.Percent {
		b.WriteString("%")
	}
	b.WriteString([]string{"", "k", "M", "B"}[unit])
	b.WriteString(f.Suffix)
	return b.String()
}

// group separates the thousands of a string of digits with commas.
func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// axisFormat writes the tick labels of an axis: all in one compact unit,
// with the same number of decimals.
type axisFormat struct {
	f      Format
	unit   int
	places int
}

// newAxisFormat returns the format of the tick labels of an axis whose
// ticks are multiples of m × 10^e (m a whole number): f's prefix, suffix,
// percentage and the compact unit of the largest tick, top, with just
// enough decimals to write every tick exactly.
func newAxisFormat(f Format, e int, top float64) axisFormat {
	shift := 0 // the number of decimal places the written number moves left
	x := ratOf(top)
	if f.Percent {
		x.Mul(x, hundred)
		shift -= 2
	}
	unit := 0
	if f.Compact {
		unit = compactUnit(x)
		shift += 3 * unit
	}
	return axisFormat{f: f, unit: unit, places: max(0, shift-e)}
}

func (a axisFormat) label(v float64) string {
	x := ratOf(v)
	if a.f.Percent {
		x.Mul(x, hundred)
	}
	if x.Sign() == 0 {
		return a.f.write(x, 0, 0, false) // "0", not "0.0M"
	}
	return a.f.write(x, a.unit, a.places, false)
}
