package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	sp "github.com/salesperf/salesperf"
)

// convert sets the report currency and puts every deal amount in it.
//
// The report currency is --currency, else the only currency of the deal
// amounts, else USD for the sample (which has exchange rates). With rates
// (the sample), an amount in another currency is converted at the rate of
// the deal's close date (its created date while open, the report's now
// when it has neither), rounded half to even to the minor unit; its
// amount history is dropped, since the deals are already seen as of the
// report's now. Without rates (files), amounts in another currency are an
// error that names the currencies.
func (d *data) convert(o *options) error {
	seen := map[sp.Currency]int{}
	for i := range d.deals {
		if c := d.deals[i].Amount.Currency(); c != "" {
			seen[c]++
		}
	}
	cs := slices.Sorted(maps.Keys(seen))
	d.currency = o.currency
	switch {
	case d.currency != "":
	case len(cs) == 1:
		d.currency = cs[0]
	case d.rates != nil || len(cs) == 0:
		d.currency = "USD"
	}
	if d.rates == nil {
		if len(cs) > 1 {
			return usagef("the deals are in several currencies (%s) and there are no exchange rates to convert them: report each currency's deals apart", join(cs))
		}
		if len(cs) == 1 && cs[0] != d.currency {
			return usagef("the deals are in %s, not %s, and there are no exchange rates to convert them: leave out --currency", cs[0], d.currency)
		}
		return nil
	}
	for i := range d.deals {
		x := &d.deals[i]
		if x.Amount.Currency() == "" || x.Amount.Currency() == d.currency {
			continue
		}
		on := x.Closed
		if on.IsZero() {
			on = x.Created
		}
		if on.IsZero() {
			on = d.asOf
		}
		m, err := d.rates.Convert(x.Amount, d.currency, on, sp.RoundHalfEven)
		if err != nil {
			return usagef("deal %s: amount: %v", x.ID, oneLine(err))
		}
		x.Amount, x.AmountHistory = m, nil
	}
	return nil
}

func join(cs []sp.Currency) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// moneyOf returns the total of s in the report currency: zero in it when
// s is empty. Every amount was converted, so another currency is an
// internal error.
func (d *data) moneyOf(s *sp.Sum) (sp.Money, error) {
	m, err := s.Single()
	if err != nil {
		return sp.Money{}, err
	}
	if m.Currency() == "" {
		return sp.NewMoney(0, d.currency), nil
	}
	if m.Currency() != d.currency {
		return sp.Money{}, fmt.Errorf("amount in %s in a report in %s", m.Currency(), d.currency)
	}
	return m, nil
}
