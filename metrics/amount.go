package metrics

import (
	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// Amount sums the deals' amounts per currency: the pipeline amount of the
// deals folded. Combine it with [WhereDeals] for a subset (WonAmount is
// WhereDeals(Amount(), StatusIn(salesperf.Won))). State and result: a
// [salesperf.Sum], exact, one total per currency.
//
// Column form: reads amount.
func Amount() Aggregator[*sp.Deal, sp.Sum, sp.Sum] {
	a := Aggregator[*sp.Deal, sp.Sum, sp.Sum]{
		Add:    func(s *sp.Sum, d *sp.Deal) { s.Add(d.Amount) },
		Merge:  func(dst, src *sp.Sum) { dst.Merge(src) },
		Result: (*sp.Sum).Clone,
	}
	a.setDealCols(sp.DealFieldAmount, func(c cols[sp.Sum], b DealBatch) {
		am, sel := amountsOf(&b), b.Sel
		for j, k := range b.Keys {
			i := j
			if sel != nil {
				i = int(sel[j])
			}
			if k != Skip {
				am.add(c.at(k), i)
			}
		}
	})
	return a
}

// WonAmount is the amount of the won deals, per currency: closed-won
// revenue, WhereDeals(Amount(), StatusIn(salesperf.Won)). The cohort is
// the caller's (usually the close date).
//
// Column form: reads status, amount.
func WonAmount() Aggregator[*sp.Deal, sp.Sum, sp.Sum] {
	return WhereDeals(Amount(), StatusIn(sp.Won))
}

// Average is an amount of money averaged over a count, kept exactly as
// its parts: Total (per currency) and N.
type Average struct {
	Total sp.Sum `json:"total"`
	N     int64  `json:"n"`
}

// Value returns Total / N rounded to the currency's minor unit with mode,
// false when N is 0, and an error wrapping salesperf.ErrMixedCurrency
// when Total is in several currencies (segment by currency, or convert
// the amounts first).
func (a Average) Value(mode sp.RoundingMode) (sp.Money, bool, error) {
	t, err := a.Total.Single()
	if err != nil || a.N == 0 {
		return sp.Money{}, false, err
	}
	return t.Div(a.N, mode), true, nil
}

// Decimal returns Total / N rounded to places decimal places with mode,
// with the same conditions as Value: for reports that fix the number of
// decimals whatever the currency.
func (a Average) Decimal(places int32, mode sp.RoundingMode) (decimal.Decimal, bool, error) {
	t, err := a.Total.Single()
	if err != nil || a.N == 0 {
		return decimal.Zero, false, err
	}
	return mode.Quo(t.Decimal(), decimal.NewFromInt(a.N), places), true, nil
}

// String formats the average rounded half to even, "12500.00 USD", "–"
// over nothing, or the error.
func (a Average) String() string {
	v, ok, err := a.Value(sp.RoundHalfEven)
	switch {
	case err != nil:
		return err.Error()
	case !ok:
		return "–"
	}
	return v.String()
}

// AverageDealSize is the average amount of a won deal: won amount / won
// deals, per currency. The cohort is the caller's (usually the close
// date). Result: an [Average], exact until presented.
//
// Column form: reads status, amount.
func AverageDealSize() Aggregator[*sp.Deal, Average, Average] {
	return WhereDeals(averageAmount(), StatusIn(sp.Won))
}

// averageAmount averages the amounts of every deal folded.
func averageAmount() Aggregator[*sp.Deal, Average, Average] {
	a := Aggregator[*sp.Deal, Average, Average]{
		Add: func(s *Average, d *sp.Deal) {
			s.Total.Add(d.Amount)
			s.N++
		},
		Merge: func(dst, src *Average) {
			dst.Total.Merge(&src.Total)
			dst.N += src.N
		},
		Result: func(s *Average) Average { return Average{Total: s.Total.Clone(), N: s.N} },
	}
	a.setDealCols(sp.DealFieldAmount, func(c cols[Average], b DealBatch) {
		am, sel := amountsOf(&b), b.Sel
		for j, k := range b.Keys {
			i := j
			if sel != nil {
				i = int(sel[j])
			}
			if k != Skip {
				s := c.at(k)
				am.add(&s.Total, i)
				s.N++
			}
		}
	})
	return a
}
