package salesperf

import "github.com/shopspring/decimal"

// Quo returns x / y rounded to places decimal places with mode r,
// exactly: the quotient is never truncated to some working precision
// before it is rounded, so ties are ties (1 / 8 to two places is 0.12
// half-even, 0.13 half-up). It is the division every rate, average and
// share in salesperf is presented with.
//
// Quo panics if y is zero or r is not one of the defined modes.
func (r RoundingMode) Quo(x, y decimal.Decimal, places int32) decimal.Decimal {
	if y.Sign() == 0 {
		panic("salesperf: division by zero")
	}
	num, den := x.Coefficient(), y.Coefficient()
	if den.Sign() < 0 {
		num.Neg(num)
		den.Neg(den)
	}
	q := r.scaled(num, x.Exponent()-y.Exponent(), den, places)
	return decimal.NewFromBigInt(q, -places)
}
