package salesperf

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Money is an exact amount of money in one [Currency]. It is never a float.
//
// The zero Money is zero with no currency: "no amount". It is the identity
// of [Money.Add] for every currency, compares with any Money, and is valid.
//
// Money is a small value type. Most amounts are held in a fast form, an
// int64 count of the currency's minor units (cents for USD, yen for JPY),
// so that arithmetic on them does not allocate. An amount that does not fit
// that form — beyond ±9,223,372,036,854,775,807 minor units, finer than the
// currency's minor unit (10.005 USD), or in a currency whose minor unit is
// not known — is held exactly as a decimal instead. Every function that
// returns a Money puts it in the fast form when it fits, so == is correct
// between two values that both came back with [Money.Minor] ok; in general
// compare with [Money.Equal] or [Money.Cmp] (go-cmp uses Equal by itself).
type Money struct {
	minor int64            // amount in minor units of cur, when dec == nil
	cur   Currency         // currency; "" for no currency
	dec   *decimal.Decimal // exact amount in major units, normalised, or nil
}

// maxAmountLen bounds the length of an amount string, to keep parsing cheap
// on hostile input.
const maxAmountLen = 1000

// NewMoney returns minor minor units of c: NewMoney(1234, "USD") is
// 12.34 USD and NewMoney(1234, "JPY") is 1234 JPY. For a currency that is
// not known (see [Currency.Known]) the minor unit is not defined, so minor
// is taken as whole units: NewMoney(5, "XYZ") is 5 XYZ, which
// [Money.Valid] reports. NewMoney(0, "") is the zero Money.
func NewMoney(minor int64, c Currency) Money {
	if minor == 0 || c.Known() {
		return Money{minor: minor, cur: c}
	}
	return makeSlow(big.NewInt(minor), 0, c)
}

// MoneyFromDecimal returns the exact amount d (in major units: 12.34) in
// currency c. Nothing is rounded: a value finer than c's minor unit is kept
// exactly, and [Money.Valid] reports it.
func MoneyFromDecimal(d decimal.Decimal, c Currency) Money {
	if d.NumDigits() <= 18 {
		return fromInt(d.CoefficientInt64(), d.Exponent(), c)
	}
	return fromBig(d.Coefficient(), d.Exponent(), c)
}

// fromInt returns coef×10^exp in c, canonicalised.
func fromInt(coef int64, exp int32, c Currency) Money {
	if coef == 0 {
		return Money{cur: c}
	}
	d, ok := currencyDigits[c]
	if !ok {
		return makeSlow(big.NewInt(coef), exp, c)
	}
	for int(exp)+int(d) < 0 && coef%10 == 0 {
		coef /= 10
		exp++
	}
	e := int(exp) + int(d)
	if e < 0 || e > 18 {
		return makeSlow(big.NewInt(coef), exp, c)
	}
	p := int64(pow10U[e])
	if v := coef * p; v/p == coef {
		return Money{minor: v, cur: c}
	}
	return makeSlow(big.NewInt(coef), exp, c)
}

// fromBig returns coef×10^exp in c, canonicalised. coef may be modified.
func fromBig(coef *big.Int, exp int32, c Currency) Money {
	if d, ok := currencyDigits[c]; ok && !coef.IsInt64() {
		exp = stripZeros(coef, exp, -int32(d))
	}
	if coef.IsInt64() {
		return fromInt(coef.Int64(), exp, c)
	}
	return makeSlow(coef, exp, c)
}

// makeSlow returns coef×10^exp in c in the exact form, after removing
// trailing fractional zeros; coef does not fit the fast form. coef may be
// modified.
func makeSlow(coef *big.Int, exp int32, c Currency) Money {
	exp = stripZeros(coef, exp, 0)
	d := decimal.NewFromBigInt(coef, exp)
	return Money{cur: c, dec: &d}
}

// stripZeros divides coef by 10 and increments exp while exp < limit and
// coef ends in a zero, returning the new exp.
func stripZeros(coef *big.Int, exp, limit int32) int32 {
	if exp >= limit || coef.Sign() == 0 {
		return exp
	}
	var q, r big.Int
	ten := big.NewInt(10)
	for exp < limit {
		q.QuoRem(coef, ten, &r)
		if r.Sign() != 0 {
			break
		}
		coef.Set(&q)
		exp++
	}
	return exp
}

// ParseMoney parses an amount and a currency code separated by white
// space, in either order: "1234.50 USD", "USD 1234.50", "-12.5 eur". The
// amount is an optional sign, digits, and optionally a point and more
// digits; there are no thousands separators and no exponents. The code is
// trimmed and upper-cased as by [ParseCurrency]. The string "0" alone is
// the zero Money (the [Money.String] form of "no amount").
//
// The value is exact: an amount finer than the currency allows (10.005 USD)
// is accepted as is, and [Money.Valid] reports it. An unknown currency code
// gives an error wrapping [ErrUnknownCurrency], anything else that does not
// parse an error wrapping [ErrSyntax]; both quote the input.
func ParseMoney(s string) (Money, error) {
	t := strings.TrimSpace(s)
	if t == "0" {
		return Money{}, nil
	}
	f := strings.Fields(t)
	if len(f) != 2 {
		return Money{}, fmt.Errorf("salesperf: parse money %q: %w", s, ErrSyntax)
	}
	amt, code := f[0], f[1]
	if isLetter(amt[0]) {
		amt, code = code, amt
	}
	if !isLetter(code[0]) {
		return Money{}, fmt.Errorf("salesperf: parse money %q: %w", s, ErrSyntax)
	}
	c := Currency(strings.ToUpper(code))
	if !c.Known() {
		return Money{}, fmt.Errorf("salesperf: parse money %q: %w %q", s, ErrUnknownCurrency, string(c))
	}
	m, ok := parseAmount(amt, c)
	if !ok {
		return Money{}, fmt.Errorf("salesperf: parse money %q: %w", s, ErrSyntax)
	}
	return m, nil
}

// ParseAmount parses an amount without a currency code ("1234.50",
// "-12.5") as money in c, with the rules of [ParseMoney]: exact, white
// space around it trimmed, no separators or exponents. An empty string is
// an error wrapping [ErrSyntax]; a currency c that is not known, an error
// wrapping [ErrUnknownCurrency].
func ParseAmount(s string, c Currency) (Money, error) {
	if !c.Known() {
		return Money{}, fmt.Errorf("salesperf: parse amount %q: %w %q", s, ErrUnknownCurrency, string(c))
	}
	m, ok := parseAmount(strings.TrimSpace(s), c)
	if !ok {
		return Money{}, fmt.Errorf("salesperf: parse amount %q: %w", s, ErrSyntax)
	}
	return m, nil
}

// MustParseMoney is like [ParseMoney] but panics if s does not parse. It is
// meant for literals in tests and examples.
func MustParseMoney(s string) Money {
	m, err := ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// parseAmount parses [+-]digits[.digits] exactly as money in c (any
// currency, known or not).
func parseAmount(s string, c Currency) (Money, bool) {
	if len(s) == 0 || len(s) > maxAmountLen {
		return Money{}, false
	}
	i, neg := 0, false
	switch s[0] {
	case '-':
		neg, i = true, 1
	case '+':
		i = 1
	}
	intStart, dot, n := i, -1, 0
	var coef int64
	for ; i < len(s); i++ {
		ch := s[i]
		switch {
		case '0' <= ch && ch <= '9':
			if n < 18 {
				coef = coef*10 + int64(ch-'0')
			}
			if n > 0 || ch != '0' {
				n++ // significant digits so far
			}
		case ch == '.' && dot < 0:
			dot = i
		default:
			return Money{}, false
		}
	}
	if dot == intStart || dot == len(s)-1 || len(s) == intStart {
		return Money{}, false
	}
	var exp int32
	digits := s[intStart:]
	if dot >= 0 {
		exp = -int32(len(s) - dot - 1)
		digits = s[intStart:dot] + s[dot+1:]
	}
	if n <= 18 {
		if neg {
			coef = -coef
		}
		return fromInt(coef, exp, c), true
	}
	b, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return Money{}, false
	}
	if neg {
		b.Neg(b)
	}
	return fromBig(b, exp, c), true
}

// Currency returns m's currency; "" for the zero Money.
func (m Money) Currency() Currency { return m.cur }

// Minor returns m in minor units of its currency (1234 for 12.34 USD) and
// true, or 0 and false when m is not in the fast form: beyond the int64
// range of minor units, finer than the currency's minor unit, or a
// non-zero amount in a currency that is not known. Zero is always 0, true.
func (m Money) Minor() (int64, bool) {
	if m.dec != nil {
		return 0, false
	}
	return m.minor, true
}

// Decimal returns m's exact value in major units (12.34 for 12.34 USD).
func (m Money) Decimal() decimal.Decimal {
	if m.dec != nil {
		return *m.dec
	}
	d := currencyDigits[m.cur]
	return decimal.New(m.minor, -int32(d))
}

// Valid returns nil if m is a well-formed amount of money: the zero Money
// ("no amount"), or an amount in a known currency within its minor unit.
// Otherwise it returns an error wrapping [ErrUnknownCurrency] (any amount,
// zero included, in a currency that is not known, or a non-zero amount
// with no currency) or [ErrPrecision] (10.005 USD). An amount beyond the
// int64 range of minor units is valid.
func (m Money) Valid() error {
	if m.isNone() {
		return nil
	}
	d, ok := currencyDigits[m.cur]
	if !ok {
		return fmt.Errorf("salesperf: %s: %w %q", m, ErrUnknownCurrency, string(m.cur))
	}
	if m.dec != nil && m.dec.Exponent() < -int32(d) {
		return fmt.Errorf("salesperf: %s: %w (%s has %d decimal places)", m, ErrPrecision, m.cur, d)
	}
	return nil
}

// isNone reports whether m is the zero Money: zero with no currency.
func (m Money) isNone() bool { return m.cur == "" && m.dec == nil }

// IsZero reports whether m's amount is zero, in any currency.
func (m Money) IsZero() bool { return m.dec == nil && m.minor == 0 }

// Sign returns -1, 0 or +1 as m is below, at or above zero.
func (m Money) Sign() int {
	switch {
	case m.dec != nil:
		return m.dec.Sign()
	case m.minor < 0:
		return -1
	case m.minor > 0:
		return 1
	}
	return 0
}

// Neg returns -m, exactly (in the exact form when -m overflows int64
// minor units).
func (m Money) Neg() Money {
	if m.dec == nil && m.minor != minInt64 {
		return Money{minor: -m.minor, cur: m.cur}
	}
	return MoneyFromDecimal(m.Decimal().Neg(), m.cur)
}

// Abs returns |m|, exactly.
func (m Money) Abs() Money {
	if m.Sign() < 0 {
		return m.Neg()
	}
	return m
}

// Cmp compares m and o: -1 if m < o, 0 if equal, +1 if m > o. Amounts in
// different currencies do not compare: the result is an error wrapping
// [ErrMixedCurrency]. The zero Money (no currency) compares as zero with
// an amount in any currency.
func (m Money) Cmp(o Money) (int, error) {
	if m.cur != o.cur && !m.isNone() && !o.isNone() {
		return 0, mixedError("compare", m.cur, o.cur)
	}
	if m.dec == nil && o.dec == nil && m.cur == o.cur {
		switch {
		case m.minor < o.minor:
			return -1, nil
		case m.minor > o.minor:
			return 1, nil
		}
		return 0, nil
	}
	return m.Decimal().Cmp(o.Decimal()), nil
}

// Equal reports whether m and o have the same currency and the same value.
// Unlike == it is correct for amounts in the exact form too. A zero in a
// currency is not Equal to the zero Money (no currency); use [Money.Cmp]
// to compare across that difference.
func (m Money) Equal(o Money) bool {
	if m.cur != o.cur {
		return false
	}
	if m.dec == nil || o.dec == nil {
		// Canonical form: a fast value never equals an exact one.
		return m.dec == nil && o.dec == nil && m.minor == o.minor
	}
	return m.dec.Cmp(*o.dec) == 0
}

// Add returns m + o, exactly. The zero Money (no currency) is the identity
// for any currency; otherwise amounts in different currencies give an
// error wrapping [ErrMixedCurrency]. A sum beyond int64 minor units is
// returned in the exact form, never wrong.
func (m Money) Add(o Money) (Money, error) {
	if m.cur == o.cur && m.dec == nil && o.dec == nil {
		r := m.minor + o.minor
		if (m.minor^r)&(o.minor^r) >= 0 {
			return Money{minor: r, cur: m.cur}, nil
		}
	}
	return m.addSlow(o, "add")
}

// Sub returns m - o, exactly, with the rules of [Money.Add].
func (m Money) Sub(o Money) (Money, error) {
	if m.cur == o.cur && m.dec == nil && o.dec == nil {
		r := m.minor - o.minor
		if (m.minor^o.minor)&(m.minor^r) >= 0 {
			return Money{minor: r, cur: m.cur}, nil
		}
	}
	return m.addSlow(o.Neg(), "subtract")
}

func (m Money) addSlow(o Money, op string) (Money, error) {
	switch {
	case o.isNone():
		return m, nil
	case m.isNone():
		return o, nil
	case m.cur != o.cur:
		return Money{}, mixedError(op, m.cur, o.cur)
	}
	return MoneyFromDecimal(m.Decimal().Add(o.Decimal()), m.cur), nil
}

func mixedError(op string, a, b Currency) error {
	return fmt.Errorf("salesperf: %s: %w: %s and %s", op, ErrMixedCurrency, currencyName(a), currencyName(b))
}

func currencyName(c Currency) string {
	if c == "" {
		return "no currency"
	}
	return string(c)
}

// Mul returns m × f (f a probability, a share, a rate) rounded to m's
// currency's minor unit with mode: 100.00 USD × 0.125 is 12.50 USD with
// RoundHalfEven. For a currency that is not known the product is exact.
// The zero Money times anything is the zero Money. Mul panics if mode is
// not a defined [RoundingMode].
func (m Money) Mul(f decimal.Decimal, mode RoundingMode) Money {
	mode.valid()
	d, ok := currencyDigits[m.cur]
	if !ok {
		if m.IsZero() {
			return m
		}
		return MoneyFromDecimal(m.Decimal().Mul(f), m.cur)
	}
	return mulTo(m, f, m.cur, int32(d), mode)
}

// Div returns m / n rounded to m's currency's minor unit with mode: the
// average of n deals totalling m. 100.00 USD / 3 is 33.33 USD with
// RoundHalfEven. For a currency that is not known the quotient is rounded
// to the decimal places m already has. Div panics if n is 0 or mode is not
// a defined [RoundingMode].
func (m Money) Div(n int64, mode RoundingMode) Money {
	mode.valid()
	if n == 0 {
		panic("salesperf: money divided by zero")
	}
	d, ok := currencyDigits[m.cur]
	if ok && m.dec == nil {
		if v, ok := mode.quoInt64(m.minor, n); ok {
			return Money{minor: v, cur: m.cur}
		}
	}
	v := m.Decimal()
	places := int32(d)
	if !ok {
		places = max(0, -v.Exponent())
	}
	num, den := v.Coefficient(), big.NewInt(n)
	if n < 0 {
		num.Neg(num)
		den.Neg(den)
	}
	return fromBig(mode.scaled(num, v.Exponent(), den, places), -places, m.cur)
}

// Round returns m rounded to its currency's minor unit with mode (10.005 USD
// to 10.00 or 10.01). An amount already within the minor unit, or in a
// currency that is not known, is returned unchanged. Round panics if mode
// is not a defined [RoundingMode].
func (m Money) Round(mode RoundingMode) Money {
	mode.valid()
	d, ok := currencyDigits[m.cur]
	if !ok || m.dec == nil || m.dec.Exponent() >= -int32(d) {
		return m
	}
	return fromBig(mode.scaled(m.dec.Coefficient(), m.dec.Exponent(), bigOne, int32(d)), -int32(d), m.cur)
}

// String returns the amount and the currency code: "1234.50 USD",
// "-12.50 EUR", "1234 JPY", "1.250 KWD" — always with the currency's
// decimal places, and more when the amount is finer ("10.005 USD"). An
// amount in a currency that is not known shows the digits it has. The zero
// Money is "0". [ParseMoney] reads the string back exactly.
func (m Money) String() string {
	if m.isNone() {
		return "0"
	}
	if m.cur == "" {
		return m.Amount()
	}
	return m.Amount() + " " + string(m.cur)
}

// Amount returns the amount of m without the currency code, as
// [Money.String] writes it: "1234.50" for 1234.50 USD, "0" for the zero
// Money. [ParseAmount] reads it back exactly.
func (m Money) Amount() string {
	d := int(currencyDigits[m.cur])
	if m.dec == nil {
		return formatScaled(m.minor < 0, strconv.FormatUint(absU(m.minor), 10), d)
	}
	exp := int(m.dec.Exponent())
	places := max(d, -exp)
	c := m.dec.Coefficient()
	neg := c.Sign() < 0
	c.Abs(c)
	if shift := exp + places; shift > 0 {
		c.Mul(c, pow10Big(int64(shift)))
	}
	return formatScaled(neg, c.String(), places)
}

// formatScaled writes the non-negative integer digits divided by
// 10^places, with exactly places decimals.
func formatScaled(neg bool, digits string, places int) string {
	var b strings.Builder
	b.Grow(len(digits) + places + 3)
	if neg {
		b.WriteByte('-')
	}
	if places == 0 {
		b.WriteString(digits)
		return b.String()
	}
	if len(digits) <= places {
		b.WriteString("0.")
		for range places - len(digits) {
			b.WriteByte('0')
		}
		b.WriteString(digits)
		return b.String()
	}
	b.WriteString(digits[:len(digits)-places])
	b.WriteByte('.')
	b.WriteString(digits[len(digits)-places:])
	return b.String()
}

// MarshalText returns [Money.String]'s form, so that encoding/json writes
// Money as "1234.50 USD". An amount that [ParseMoney] could not read back
// — in a currency that is not known, or with no currency but not zero —
// gives an error wrapping [ErrUnknownCurrency].
func (m Money) MarshalText() ([]byte, error) {
	if !m.isNone() && !m.cur.Known() {
		return nil, fmt.Errorf("salesperf: marshal %s: %w %q", m, ErrUnknownCurrency, string(m.cur))
	}
	return []byte(m.String()), nil
}

// UnmarshalText sets m to the amount in text, read by [ParseMoney]. On
// error m is unchanged.
func (m *Money) UnmarshalText(text []byte) error {
	v, err := ParseMoney(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
