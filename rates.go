package salesperf

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// Rates is a table of dated exchange rates. Each currency pair has a step
// function over calendar days: a rate set for a day holds from that day
// until the day of the next rate set for the same pair. The zero Rates is
// empty and ready to use; a nil *Rates reads as empty.
//
// A day is the calendar date (year, month, day) of a [time.Time] in its own
// location: 2026-03-14 23:30 in New York is 14 March, whatever the instant
// is in UTC. Clock times are ignored.
//
// Rates are directional: setting USD→EUR does not set EUR→USD. An inverse
// is not computed silently, because 1/rate is rarely exact and the table
// a finance team publishes gives both directions; set each direction you
// need.
//
// A Rates is safe for concurrent reads ([Rates.Rate], [Rates.Convert])
// once it is no longer being [Rates.Set].
type Rates struct {
	pairs map[ratePair][]rateEntry // each sorted by day, days distinct
}

type ratePair struct{ from, to Currency }

type rateEntry struct {
	day  int64 // days since 1970-01-01 of the civil date
	rate decimal.Decimal
}

// civilDay returns the number of days from 1970-01-01 to t's calendar date
// in t's location.
func civilDay(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// Set records that, from the calendar day of day on, one unit of from buys
// rate units of to (1 USD = 0.9234 EUR is Set("USD", "EUR", day, 0.9234)).
// A rate set again for the same pair and day replaces the earlier one.
// Set panics if rate is not above zero or from equals to: both are
// programming errors, not data (the rate between a currency and itself is
// always 1).
func (r *Rates) Set(from, to Currency, day time.Time, rate decimal.Decimal) {
	if rate.Sign() <= 0 {
		panic("salesperf: exchange rate not above zero")
	}
	if from == to {
		panic("salesperf: exchange rate from a currency to itself")
	}
	if r.pairs == nil {
		r.pairs = make(map[ratePair][]rateEntry)
	}
	k := ratePair{from, to}
	es := r.pairs[k]
	e := rateEntry{day: civilDay(day), rate: rate}
	i, found := slices.BinarySearchFunc(es, e.day, func(x rateEntry, d int64) int { return cmp.Compare(x.day, d) })
	if found {
		es[i] = e
		return
	}
	r.pairs[k] = slices.Insert(es, i, e)
}

// Rate returns the rate from one unit of from to units of to in effect on
// the calendar day of on: the rate set for the latest day on or before it.
// The rate from a currency to itself is 1. When no rate is set for the
// pair on or before that day — even if the inverse pair is set — Rate
// returns an error wrapping [ErrMissingRate] that names the pair and the
// day: "salesperf: missing exchange rate: no USD→EUR rate on or before
// 2026-03-14".
func (r *Rates) Rate(from, to Currency, on time.Time) (decimal.Decimal, error) {
	if from == to {
		return decimal.New(1, 0), nil
	}
	if r != nil {
		es := r.pairs[ratePair{from, to}]
		d := civilDay(on)
		i, found := slices.BinarySearchFunc(es, d, func(x rateEntry, d int64) int { return cmp.Compare(x.day, d) })
		if found {
			return es[i].rate, nil
		}
		if i > 0 {
			return es[i-1].rate, nil
		}
	}
	return decimal.Decimal{}, fmt.Errorf("salesperf: %w: no %s→%s rate on or before %s",
		ErrMissingRate, currencyName(from), currencyName(to), on.Format(time.DateOnly))
}

// Convert returns m in currency to: m × [Rates.Rate](m's currency, to, on),
// rounded once to to's minor unit with mode. 100.00 USD at 0.9234 is
// 92.34 EUR. An amount already in to is only rounded; the zero Money (no
// currency) converts to zero in to without a rate. A missing rate gives an
// error wrapping [ErrMissingRate], a to that is not known an error
// wrapping [ErrUnknownCurrency]. Convert panics if mode is not a defined
// [RoundingMode].
func (r *Rates) Convert(m Money, to Currency, on time.Time, mode RoundingMode) (Money, error) {
	mode.valid()
	dt, ok := currencyDigits[to]
	if !ok {
		return Money{}, fmt.Errorf("salesperf: convert %s: %w %q", m, ErrUnknownCurrency, string(to))
	}
	switch {
	case m.isNone():
		return Money{cur: to}, nil
	case m.cur == to:
		return m.Round(mode), nil
	}
	rate, err := r.Rate(m.cur, to, on)
	if err != nil {
		return Money{}, err
	}
	return mulTo(m, rate, to, int32(dt), mode), nil
}

// mulTo returns m × f in currency to, rounded to dt decimal places with
// mode; without allocating when m is in the fast form and f is small.
func mulTo(m Money, f decimal.Decimal, to Currency, dt int32, mode RoundingMode) Money {
	if df, ok := currencyDigits[m.cur]; ok && m.dec == nil && f.NumDigits() <= 18 {
		// m.minor × coef × 10^(exp - df + dt) minor units of to.
		if k := int(int32(df) - dt - f.Exponent()); k >= 0 && k <= 19 {
			if v, ok := mode.mulScaled(m.minor, f.CoefficientInt64(), k); ok {
				return Money{minor: v, cur: to}
			}
		}
	}
	p := m.Decimal().Mul(f)
	return fromBig(mode.scaled(p.Coefficient(), p.Exponent(), bigOne, dt), -dt, to)
}
