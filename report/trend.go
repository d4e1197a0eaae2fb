package report

import (
	"fmt"
	"iter"
	"strconv"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
	"github.com/shopspring/decimal"
)

// TrendRow is one period of a trend: the metric's value, and its change
// from the period before, absolute and relative. Has is false when the
// period has no value (a rate over no deals); Change and Relative are
// then not defined, nor for the next period.
type TrendRow struct {
	Period      sp.Period
	Value       decimal.Decimal
	Has         bool
	Change      decimal.Decimal // Value − previous Value
	Relative    decimal.Decimal // Change / |previous Value|, 4 decimals, half to even
	HasChange   bool            // both values exist
	HasRelative bool            // and the previous one is not zero
}

// Trend returns the change of any metric period over period: for each
// period of periods (in order), value(period) and its change from the
// period before. value returns false when the period has no value.
func Trend(periods []sp.Period, value func(sp.Period) (decimal.Decimal, bool)) []TrendRow {
	out := make([]TrendRow, len(periods))
	for i, p := range periods {
		v, ok := value(p)
		out[i] = TrendRow{Period: p, Value: v, Has: ok}
		if i == 0 || !ok || !out[i-1].Has {
			continue
		}
		prev := out[i-1].Value
		out[i].Change, out[i].HasChange = v.Sub(prev), true
		if !prev.IsZero() {
			out[i].Relative, out[i].HasRelative = sp.RoundHalfEven.Quo(out[i].Change, prev.Abs(), 4), true
		}
	}
	return out
}

// RevenueRow is one period of a revenue trend: won deals, won amount and
// average deal, and the change of the won amount from the period before
// split into a count effect (more or fewer deals at the old average size)
// and a size effect (the rest: bigger or smaller deals):
//
//	ΔRevenue     = Revenue − previous Revenue
//	CountEffect  = (Won − previous Won) × previous Revenue / previous Won, to the cent (the mode of RevenueTrend)
//	SizeEffect   = ΔRevenue − CountEffect, exactly
//
// so CountEffect + SizeEffect = ΔRevenue to the cent. When the previous
// period won nothing, the whole change is count effect. "More deals, same
// revenue" shows as a positive count effect and an equal negative size
// effect: the deals got smaller.
type RevenueRow struct {
	Period      sp.Period
	Won         int64
	Revenue     sp.Money
	Average     metrics.Average
	Change      sp.Money
	CountEffect sp.Money
	SizeEffect  sp.Money
	HasChange   bool // false for the first period
}

// RevenueTrend is the won amount per period of grain g in calendar cal
// (close-date cohort: the period a deal closed in), over every period from
// the first to the last with a won deal (periods without one show zero),
// with the change split into count and size effects. Won deals with no
// amount (the zero Money) count in Won and add nothing to Revenue.
// Amounts must be in one currency (convert them first); otherwise it
// returns an error wrapping salesperf.ErrMixedCurrency. A won deal without
// a close date cannot be placed in a period: it gives an error wrapping
// salesperf.ErrClosedWithoutDate rather than being left out.
func RevenueTrend(deals iter.Seq[*sp.Deal], cal sp.Calendar, g sp.Grain, mode sp.RoundingMode) ([]RevenueRow, error) {
	won := metrics.Filter(deals, metrics.IsWon)
	byPeriod := segment.By(won, segment.Period(cal, g, segment.ByClosed), metrics.AverageDealSize())
	var first, last sp.Period
	var cur sp.Currency
	for p, a := range byPeriod {
		if p == (sp.Period{}) { // segment.Period's bucket for deals without a close date
			return nil, fmt.Errorf("report: revenue trend: %d won deals: %w", a.N, sp.ErrClosedWithoutDate)
		}
		if first == (sp.Period{}) || p.Compare(first) < 0 {
			first = p
		}
		if last == (sp.Period{}) || p.Compare(last) > 0 {
			last = p
		}
		m, err := a.Total.Single()
		if err != nil {
			return nil, fmt.Errorf("report: revenue trend, %v: %w", p, err)
		}
		switch {
		case m.Currency() == "": // only won deals with no amount: zero revenue, in no currency
		case cur != "" && m.Currency() != cur:
			return nil, fmt.Errorf("report: revenue trend: %w: %s and %s", sp.ErrMixedCurrency, cur, m.Currency())
		default:
			cur = m.Currency()
		}
	}
	if first == (sp.Period{}) {
		return nil, nil
	}
	var out []RevenueRow
	for p := first; p.Compare(last) <= 0; p = cal.Next(p) {
		a := byPeriod[p]
		rev, _ := a.Total.Single()
		if rev.Currency() == "" {
			rev = sp.NewMoney(0, cur)
		}
		row := RevenueRow{Period: p, Won: a.N, Revenue: rev, Average: a}
		if n := len(out); n > 0 {
			prev := out[n-1]
			row.HasChange = true
			row.Change, _ = rev.Sub(prev.Revenue)
			if prev.Won == 0 {
				row.CountEffect, row.SizeEffect = row.Change, sp.NewMoney(0, cur)
			} else {
				digits, _ := cur.Digits()
				ce := mode.Quo(prev.Revenue.Decimal().Mul(decimal.NewFromInt(row.Won-prev.Won)), decimal.NewFromInt(prev.Won), int32(digits))
				row.CountEffect = sp.MoneyFromDecimal(ce, cur)
				row.SizeEffect, _ = row.Change.Sub(row.CountEffect)
			}
		}
		out = append(out, row)
	}
	return out, nil
}

// RevenueTable returns a revenue trend as a text table.
func RevenueTable(rows []RevenueRow) Table {
	t := Table{Title: "Won revenue by period, change split into count and size effects",
		Header: []string{"period", "won", "revenue", "avg deal", "change", "count effect", "size effect"}}
	for _, r := range rows {
		ch, ce, se := "", "", ""
		if r.HasChange {
			ch, ce, se = r.Change.Amount(), r.CountEffect.Amount(), r.SizeEffect.Amount()
		}
		t.Rows = append(t.Rows, []string{r.Period.String(), strconv.FormatInt(r.Won, 10), r.Revenue.String(), r.Average.String(), ch, ce, se})
	}
	return t
}
