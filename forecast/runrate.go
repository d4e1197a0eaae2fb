package forecast

import (
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/shopspring/decimal"
)

// RunRateConfig sets up a [RunRate]: the period [From, To) — usually
// cal.Bounds(p) for a salesperf.Period p — the instant AsOf the run rate
// is taken at, and the clock elapsed time is measured with.
type RunRateConfig struct {
	From, To time.Time
	AsOf     time.Time
	// Hours measures elapsed working time (working days and hours,
	// holidays excluded); nil means calendar time.
	Hours *sp.BusinessHours
}

// RunRateState is the partial state of a [RunRate]: the won amount so
// far, per currency, and the deals counted. Its zero value is the empty
// state.
type RunRateState struct {
	Closed   sp.Sum `json:"closed"`
	Deals    int64  `json:"deals"`
	NoAmount int64  `json:"no_amount"` // won deals in the window without an amount, left out
}

// RunRateProjection is a run-rate forecast: what was won in the period up
// to AsOf (Closed, over Deals won deals), and the elapsed and total time
// of the period on the configured clock. [RunRateProjection.Projected]
// extrapolates it.
type RunRateProjection struct {
	Closed   sp.Sum        `json:"closed"`
	Deals    int64         `json:"deals"`
	NoAmount int64         `json:"no_amount"`
	Elapsed  time.Duration `json:"elapsed"` // working (or calendar) time from From to AsOf, AsOf clamped to [From, To]
	Total    time.Duration `json:"total"`   // working (or calendar) time from From to To
}

// Projected returns the period's projected revenue if the pace so far
// holds, per currency:
//
//	projected = closed × total time / elapsed time
//
// each currency's total rounded to its minor unit with mode (to the
// places the amount has, for a currency with no known minor unit). It
// equals Closed once the period is over, and has no value (false) when no
// time has elapsed (AsOf at or before the period's start, or a period
// without working time). Projected panics if mode is not a defined
// salesperf.RoundingMode.
func (r RunRateProjection) Projected(mode sp.RoundingMode) (sp.Sum, bool) {
	checkMode("Projected", mode)
	if r.Elapsed <= 0 || r.Total <= 0 {
		return sp.Sum{}, false
	}
	var out sp.Sum
	total, elapsed := decimal.NewFromInt(int64(r.Total)), decimal.NewFromInt(int64(r.Elapsed))
	for m := range r.Closed.All() {
		places, ok := m.Currency().Digits()
		if !ok {
			places = int(max(0, -m.Decimal().Exponent()))
		}
		v := mode.Quo(m.Decimal().Mul(total), elapsed, int32(places))
		out.Add(sp.MoneyFromDecimal(v, m.Currency()))
	}
	return out, true
}

// RunRate is the run-rate forecast of a period: the revenue won so far,
// extrapolated over the whole period by the share of time elapsed (see
// [RunRateProjection.Projected]). A deal counts when it was won in the
// period by AsOf,
//
//	Status won, From ≤ Closed < To and Closed ≤ AsOf
//
// with its amount as it stood at AsOf (salesperf.Deal.AsOf), so nothing
// dated after AsOf is read; won deals in that window without an amount
// are counted in NoAmount. Elapsed time is c.Hours.Elapsed(From, AsOf')
// over c.Hours.Elapsed(From, To) with business hours, AsOf' − From over
// To − From with calendar time, where AsOf' is AsOf clamped to [From, To].
// The cohort is fixed: the close date. Adding a deal does not allocate
// (for the first two currencies). RunRate panics if To is not after From
// or c.Hours is invalid.
func RunRate(c RunRateConfig) metrics.Aggregator[*sp.Deal, RunRateState, RunRateProjection] {
	if !c.To.After(c.From) {
		panic("forecast: RunRate: To not after From")
	}
	at := c.AsOf
	if at.Before(c.From) {
		at = c.From
	}
	if at.After(c.To) {
		at = c.To
	}
	var elapsed, total time.Duration
	if c.Hours != nil {
		if err := c.Hours.Validate(); err != nil {
			panic("forecast: RunRate: " + err.Error())
		}
		elapsed, total = c.Hours.Elapsed(c.From, at), c.Hours.Elapsed(c.From, c.To)
	} else {
		elapsed, total = at.Sub(c.From), c.To.Sub(c.From)
	}
	return metrics.Aggregator[*sp.Deal, RunRateState, RunRateProjection]{
		Add: func(s *RunRateState, d *sp.Deal) {
			if d.Status != sp.Won || d.Closed.Before(c.From) || !d.Closed.Before(c.To) || d.Closed.After(c.AsOf) {
				return
			}
			v, ok := d.AsOf(c.AsOf)
			if !ok { // closed before it was created: take it as it is
				v = *d
			}
			if v.Amount.Currency() == "" {
				s.NoAmount++
				return
			}
			s.Closed.Add(v.Amount)
			s.Deals++
		},
		Merge: func(dst, src *RunRateState) {
			dst.Closed.Merge(&src.Closed)
			dst.Deals += src.Deals
			dst.NoAmount += src.NoAmount
		},
		Result: func(s *RunRateState) RunRateProjection {
			return RunRateProjection{Closed: s.Closed.Clone(), Deals: s.Deals, NoAmount: s.NoAmount, Elapsed: elapsed, Total: total}
		},
	}
}
