package salesperf

import (
	"cmp"
	"math/big"
	"math/bits"
	"strconv"

	"github.com/shopspring/decimal"
)

// RoundingMode names how a value is rounded to a number of decimal places.
// The zero RoundingMode is invalid: rounding with it panics, so a
// forgotten mode is caught rather than silently chosen.
type RoundingMode int8

// The rounding modes. Examples at 0 places: 2.5, 3.5, -2.5 and 2.4.
const (
	// RoundHalfEven rounds to the nearest value, and a tie (exactly
	// half-way) to the even neighbour: 2, 4, -2, 2. Also called banker's
	// rounding; the default of the package where a mode must be chosen.
	RoundHalfEven RoundingMode = iota + 1
	// RoundHalfUp rounds to the nearest value and a tie away from zero:
	// 3, 4, -3, 2 (commercial rounding).
	RoundHalfUp
	// RoundHalfDown rounds to the nearest value and a tie toward zero:
	// 2, 3, -2, 2.
	RoundHalfDown
	// RoundUp rounds away from zero: 3, 4, -3, 3.
	RoundUp
	// RoundDown rounds toward zero (truncates): 2, 3, -2, 2.
	RoundDown
	// RoundCeiling rounds toward positive infinity: 3, 4, -2, 3.
	RoundCeiling
	// RoundFloor rounds toward negative infinity: 2, 3, -3, 2.
	RoundFloor
)

// String returns the mode's name without the prefix ("HalfEven", "Floor"),
// or "RoundingMode(N)" for an invalid mode.
func (r RoundingMode) String() string {
	switch r {
	case RoundHalfEven:
		return "HalfEven"
	case RoundHalfUp:
		return "HalfUp"
	case RoundHalfDown:
		return "HalfDown"
	case RoundUp:
		return "Up"
	case RoundDown:
		return "Down"
	case RoundCeiling:
		return "Ceiling"
	case RoundFloor:
		return "Floor"
	}
	return "RoundingMode(" + strconv.Itoa(int(r)) + ")"
}

// valid panics unless r is one of the defined modes.
func (r RoundingMode) valid() {
	if r < RoundHalfEven || r > RoundFloor {
		panic("salesperf: invalid rounding mode")
	}
}

// Round returns d rounded to places decimal places (places may be negative:
// -2 rounds to hundreds) with mode r. It is exact: it works on the integer
// coefficient and does not depend on any of the decimal package's settings.
// A value already within places is returned unchanged (same exponent).
// Round panics if r is not one of the defined modes (the zero
// RoundingMode included).
func (r RoundingMode) Round(d decimal.Decimal, places int32) decimal.Decimal {
	r.valid()
	exp := d.Exponent()
	if exp >= -places {
		return d
	}
	q := r.scaled(d.Coefficient(), exp, bigOne, places)
	return decimal.NewFromBigInt(q, -places)
}

// scaled returns coef×10^exp / den rounded with mode r to places decimal
// places, as the integer coefficient of a decimal with exponent -places;
// den > 0. coef is overwritten; den is not.
func (r RoundingMode) scaled(coef *big.Int, exp int32, den *big.Int, places int32) *big.Int {
	r.valid()
	shift := int64(exp) + int64(places)
	if shift >= 0 {
		coef.Mul(coef, pow10Big(shift))
		if den.Cmp(bigOne) == 0 {
			return coef
		}
		return r.quo(coef, den)
	}
	d := pow10Big(-shift)
	d.Mul(d, den)
	return r.quo(coef, d)
}

// quo returns num/den rounded to an integer with mode r; den > 0.
// num is overwritten.
func (r RoundingMode) quo(num, den *big.Int) *big.Int {
	var rem big.Int
	q, _ := num.QuoRem(num, den, &rem) // truncated toward zero
	if rem.Sign() == 0 {
		return q
	}
	neg := rem.Sign() < 0
	rem.Abs(&rem)
	rem.Lsh(&rem, 1)
	half := rem.Cmp(den) // sign of 2|rem| - den
	if r.away(neg, half, q.Bit(0) == 1) {
		if neg {
			q.Sub(q, bigOne)
		} else {
			q.Add(q, bigOne)
		}
	}
	return q
}

// away reports whether a truncated quotient with a non-zero remainder moves
// one step away from zero. neg is the sign of the exact quotient, half the
// sign of (2|remainder| - divisor), odd whether the truncated quotient is
// odd.
func (r RoundingMode) away(neg bool, half int, odd bool) bool {
	switch r {
	case RoundHalfEven:
		return half > 0 || half == 0 && odd
	case RoundHalfUp:
		return half >= 0
	case RoundHalfDown:
		return half > 0
	case RoundUp:
		return true
	case RoundDown:
		return false
	case RoundCeiling:
		return !neg
	case RoundFloor:
		return neg
	}
	panic("salesperf: invalid rounding mode")
}

// quoInt64 returns num/den rounded with mode r, and whether the result fits
// int64; den != 0. It does not allocate.
func (r RoundingMode) quoInt64(num, den int64) (int64, bool) {
	if den == -1 && num == minInt64 || den == minInt64 {
		return 0, false
	}
	q, rem := num/den, num%den
	if rem == 0 {
		return q, true
	}
	neg := (num < 0) != (den < 0)
	ar, ad := absU(rem), absU(den)
	half := cmp.Compare(ar, ad-ar)
	if r.away(neg, half, q&1 != 0) {
		if neg {
			q--
		} else {
			q++
		}
	}
	return q, true
}

// mulScaled returns a×b/10^k rounded with mode r and whether it fits int64,
// for 0 <= k <= 19, without allocating.
func (r RoundingMode) mulScaled(a, b int64, k int) (int64, bool) {
	neg := (a < 0) != (b < 0)
	hi, lo := bits.Mul64(absU(a), absU(b))
	den := pow10U[k]
	if hi >= den {
		return 0, false
	}
	q, rem := bits.Div64(hi, lo, den)
	if rem != 0 {
		half := cmp.Compare(rem, den-rem)
		if r.away(neg, half, q&1 != 0) {
			q++
			if q == 0 { // the quotient was 2^64-1
				return 0, false
			}
		}
	}
	if neg {
		if q > 1<<63 {
			return 0, false
		}
		return int64(-q), true
	}
	if q > 1<<63-1 {
		return 0, false
	}
	return int64(q), true
}

const minInt64 = -1 << 63

var bigOne = big.NewInt(1)

// pow10U holds 10^0 … 10^19, the powers of ten that fit uint64. Read only.
var pow10U = [20]uint64{
	1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
}

// pow10Big returns a new 10^n, n >= 0.
func pow10Big(n int64) *big.Int {
	if n < int64(len(pow10U)) {
		return new(big.Int).SetUint64(pow10U[n])
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(n), nil)
}

func absU(x int64) uint64 {
	if x < 0 {
		return uint64(-x) // correct for minInt64 too, by wrap-around
	}
	return uint64(x)
}
