package metrics

import (
	"fmt"
	"strconv"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// Rate is a ratio kept as its exact parts, Num / Den: a win rate (won /
// closed), a conversion (reached the next stage / reached this one), or a
// ratio between counts (calls per meeting). Rates merge by adding both
// parts, so a merged rate is exactly the rate of the whole. A rate over
// nothing (Den = 0) has no value: Value returns (0, false), never NaN.
type Rate struct {
	Num int64 `json:"num"`
	Den int64 `json:"den"`
}

// Value returns Num / Den, and false when Den is 0.
func (r Rate) Value() (float64, bool) {
	if r.Den == 0 {
		return 0, false
	}
	return float64(r.Num) / float64(r.Den), true
}

// Decimal returns Num / Den rounded to places decimal places with mode,
// exactly (no float in between), and false when Den is 0.
func (r Rate) Decimal(places int32, mode sp.RoundingMode) (decimal.Decimal, bool) {
	if r.Den == 0 {
		return decimal.Zero, false
	}
	return mode.Quo(decimal.NewFromInt(r.Num), decimal.NewFromInt(r.Den), places), true
}

// String formats the rate as a percentage with one decimal and its parts,
// "31.3% (5/16)", or "– (0/0)" when it has no value. The percentage is
// rounded half to even.
func (r Rate) String() string {
	parts := " (" + strconv.FormatInt(r.Num, 10) + "/" + strconv.FormatInt(r.Den, 10) + ")"
	if r.Den == 0 {
		return "–" + parts
	}
	p, _ := Rate{Num: r.Num * 100, Den: r.Den}.Decimal(1, sp.RoundHalfEven)
	return p.StringFixed(1) + "%" + parts
}

// Quotient formats the rate as a plain quotient with places decimals,
// rounded half to even, and its parts: "3.25 (13/4)" — for ratios that are
// not shares, such as calls per meeting — or "– (13/0)" without a value.
func (r Rate) Quotient(places int32) string {
	parts := " (" + strconv.FormatInt(r.Num, 10) + "/" + strconv.FormatInt(r.Den, 10) + ")"
	v, ok := r.Decimal(places, sp.RoundHalfEven)
	if !ok {
		return "–" + parts
	}
	return v.StringFixed(places) + parts
}

// WinRate is the share of closed deals that were won, by count:
// won / (won + lost). Open deals are not counted. The cohort is the
// caller's choice of deals; the usual one is the deals closed in the
// period (key the segment by close date). State and result: the [Rate].
//
// Column form: reads status.
func WinRate() Aggregator[*sp.Deal, Rate, Rate] {
	a := Aggregator[*sp.Deal, Rate, Rate]{
		Add: func(s *Rate, d *sp.Deal) {
			switch d.Status {
			case sp.Won:
				s.Num++
				s.Den++
			case sp.Lost:
				s.Den++
			}
		},
		Merge:  func(dst, src *Rate) { dst.Num += src.Num; dst.Den += src.Den },
		Result: func(s *Rate) Rate { return *s },
	}
	a.setDealCols(sp.DealFieldStatus, func(c cols[Rate], b DealBatch) {
		status, sel := b.T.Status[b.Lo:b.Lo+b.span()], b.Sel
		for j, k := range b.Keys {
			if k == Skip {
				continue
			}
			i := j
			if sel != nil {
				i = int(sel[j])
			}
			st := uint8(status[i]) // no branch on it: add 0 or 1
			s := c.at(k)
			s.Num += int64(isWon[st])
			s.Den += int64(isClosed[st])
		}
	})
	return a
}

// isWon and isClosed are 1 for the won, and the won and lost, statuses,
// by uint8(status): the column forms add them instead of branching on
// random statuses.
var isWon, isClosed = func() (won, closed [256]uint8) {
	won[uint8(sp.Won)] = 1
	closed[uint8(sp.Won)], closed[uint8(sp.Lost)] = 1, 1
	return
}()

// AmountRate is a ratio of two amounts of money kept exactly, per
// currency: Num / Den. A win rate by amount is won amount / closed amount.
type AmountRate struct {
	Num sp.Sum `json:"num"`
	Den sp.Sum `json:"den"`
}

// Value returns Num / Den when both are in one currency (the same one),
// false when Den is zero, and an error wrapping
// salesperf.ErrMixedCurrency when the amounts are in several currencies
// (convert them first, or segment by currency).
func (r AmountRate) Value() (float64, bool, error) {
	q, ok, err := r.Decimal(12, sp.RoundHalfEven)
	f, _ := q.Float64()
	return f, ok, err
}

// Decimal returns Num / Den rounded to places decimal places with mode,
// exactly, with the same conditions as Value.
func (r AmountRate) Decimal(places int32, mode sp.RoundingMode) (decimal.Decimal, bool, error) {
	den, err := r.Den.Single()
	if err != nil {
		return decimal.Zero, false, err
	}
	num, err := r.Num.Single()
	if err != nil {
		return decimal.Zero, false, err
	}
	if !num.IsZero() && num.Currency() != den.Currency() && den.Currency() != "" {
		return decimal.Zero, false, fmt.Errorf("metrics: %w: %s and %s", sp.ErrMixedCurrency, num.Currency(), den.Currency())
	}
	if den.IsZero() {
		return decimal.Zero, false, nil
	}
	return mode.Quo(num.Decimal(), den.Decimal(), places), true, nil
}

// String formats the rate as a percentage with one decimal and its
// parts, "42.0% (4200.00 USD/10000.00 USD)", "– (…)" without a value,
// or the error.
func (r AmountRate) String() string {
	parts := " (" + r.Num.String() + "/" + r.Den.String() + ")"
	p, ok, err := r.Decimal(3, sp.RoundHalfEven)
	switch {
	case err != nil:
		return err.Error()
	case !ok:
		return "–" + parts
	}
	return p.Shift(2).StringFixed(1) + "%" + parts
}

// WinRateByAmount is the share of the closed amount that was won:
// won amount / (won amount + lost amount), per currency. Open deals are
// not counted. The cohort is the caller's (usually the close date).
//
// Column form: reads status, amount.
func WinRateByAmount() Aggregator[*sp.Deal, AmountRate, AmountRate] {
	a := Aggregator[*sp.Deal, AmountRate, AmountRate]{
		Add: func(s *AmountRate, d *sp.Deal) {
			switch d.Status {
			case sp.Won:
				s.Num.Add(d.Amount)
				s.Den.Add(d.Amount)
			case sp.Lost:
				s.Den.Add(d.Amount)
			}
		},
		Merge: func(dst, src *AmountRate) {
			dst.Num.Merge(&src.Num)
			dst.Den.Merge(&src.Den)
		},
		Result: func(s *AmountRate) AmountRate { return AmountRate{Num: s.Num.Clone(), Den: s.Den.Clone()} },
	}
	a.setDealCols(sp.DealFieldStatus|sp.DealFieldAmount, func(c cols[AmountRate], b DealBatch) {
		// Compact the closed rows and, apart, the won ones (no branch on
		// the status), then add their amounts.
		status, sel, n := b.T.Status[b.Lo:b.Lo+b.span()], b.Sel, len(b.Keys)
		sc := b.Scratch
		ck, cr, wk, wr := sc.Get(n), sc.getSel(n), sc.Get(n), sc.getSel(n)
		nc, nw := 0, 0
		for j, k := range b.Keys {
			i := j
			if sel != nil {
				i = int(sel[j])
			}
			st, ok := uint8(status[i]), b2i(k != Skip)
			ck[nc], cr[nc], wk[nw], wr[nw] = k, int32(i), k, int32(i)
			nc += int(isClosed[st]) & ok
			nw += int(isWon[st]) & ok
		}
		am := amountsOf(&b)
		for j, k := range ck[:nc] {
			am.add(&c.at(k).Den, int(cr[j]))
		}
		for j, k := range wk[:nw] {
			am.add(&c.at(k).Num, int(wr[j]))
		}
		sc.Put(ck)
		sc.Put(wk)
		sc.putSel(cr)
		sc.putSel(wr)
	})
	return a
}
