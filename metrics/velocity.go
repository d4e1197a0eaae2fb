package metrics

import (
	"strconv"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// VelocityState is the exact state of [PipelineVelocity]: over one set of
// deals (one stated cohort), the open deals, the won and lost deals, the
// won amount per currency and the won deals' cycle days.
type VelocityState struct {
	Open      int64  `json:"open"`
	Won       int64  `json:"won"`
	Lost      int64  `json:"lost"`
	WonAmount sp.Sum `json:"won_amount"`
	CycleDays int64  `json:"cycle_days"` // Σ cycle days of the won deals
}

// Velocity is pipeline velocity and its four parts, all from the same
// deals: how much money the pipeline moves to won per day.
//
//	velocity = open deals × win rate × average deal size / average cycle
//	         = Open × Won/(Won+Lost) × WonAmount/Won / (CycleDays/Won)
//	         = Open × WonAmount × Won / ((Won+Lost) × CycleDays)
type Velocity struct {
	VelocityState
}

// WinRate is won / (won + lost) of the cohort.
func (v Velocity) WinRate() Rate { return Rate{Num: v.Won, Den: v.Won + v.Lost} }

// AverageDealSize is won amount / won deals of the cohort.
func (v Velocity) AverageDealSize() Average { return Average{Total: v.WonAmount.Clone(), N: v.Won} }

// MeanCycle is the mean cycle of the cohort's won deals, in days: Σ cycle
// days / won, rounded to places with mode; false when nothing was won.
func (v Velocity) MeanCycle(places int32, mode sp.RoundingMode) (decimal.Decimal, bool) {
	if v.Won == 0 {
		return decimal.Zero, false
	}
	return mode.Quo(decimal.NewFromInt(v.CycleDays), decimal.NewFromInt(v.Won), places), true
}

// PerDay returns the velocity in money per day, rounded to the currency's
// minor unit with mode, computed exactly from the parts (no intermediate
// rounding). It is false when it has no value: nothing closed, nothing
// won, or every won deal closed the day it was created (a zero cycle);
// it is an error wrapping salesperf.ErrMixedCurrency when the won amount
// is in several currencies.
func (v Velocity) PerDay(mode sp.RoundingMode) (sp.Money, bool, error) {
	won, err := v.WonAmount.Single()
	if err != nil || v.Won == 0 || v.CycleDays == 0 {
		return sp.Money{}, false, err
	}
	digits, _ := won.Currency().Digits()
	num := won.Decimal().Mul(decimal.NewFromInt(v.Open * v.Won))
	den := decimal.NewFromInt((v.Won + v.Lost) * v.CycleDays)
	q := mode.Quo(num, den, int32(digits))
	return sp.MoneyFromDecimal(q, won.Currency()), true, nil
}

// String formats the velocity and its parts.
func (v Velocity) String() string {
	per, ok, err := v.PerDay(sp.RoundHalfEven)
	days, _ := v.MeanCycle(1, sp.RoundHalfEven)
	s := "– per day"
	switch {
	case err != nil:
		s = err.Error()
	case ok:
		s = per.String() + " per day"
	}
	return s + " (open " + strconv.FormatInt(v.Open, 10) + ", win rate " + v.WinRate().String() + ", average deal " +
		v.AverageDealSize().String() + ", cycle " + days.StringFixed(1) + " days)"
}

// PipelineVelocity is the speed at which the pipeline turns into revenue:
// open opportunities × win rate × average deal size / sales-cycle length,
// all four from the same deals — the stated cohort is the caller's, and
// must be one set: for example the deals created in the last twelve
// months, whose open ones are the pipeline and whose closed ones give the
// rate, the size and the cycle. Cycle days are calendar days from created
// to closed in loc (nil means UTC), as [CycleDays]. Mixing cohorts (this
// quarter's open deals with last year's win rate) is a different figure;
// compute its parts with their own aggregators.
//
// Column form: reads status, amount, created, closed (the table's
// CreatedDays and ClosedDays in loc, day numbers computed once per table).
func PipelineVelocity(loc *time.Location) Aggregator[*sp.Deal, VelocityState, Velocity] {
	a := Aggregator[*sp.Deal, VelocityState, Velocity]{
		Add: func(s *VelocityState, d *sp.Deal) {
			switch d.Status {
			case sp.Open:
				s.Open++
			case sp.Won:
				s.Won++
				s.WonAmount.Add(d.Amount)
				s.CycleDays += CycleDays(d, loc)
			case sp.Lost:
				s.Lost++
			}
		},
		Merge: func(dst, src *VelocityState) {
			dst.Open += src.Open
			dst.Won += src.Won
			dst.Lost += src.Lost
			dst.WonAmount.Merge(&src.WonAmount)
			dst.CycleDays += src.CycleDays
		},
		Result: func(s *VelocityState) Velocity {
			c := *s
			c.WonAmount = s.WonAmount.Clone()
			return Velocity{c}
		},
	}
	a.setDealCols(sp.DealFieldStatus|sp.DealFieldAmount|sp.DealFieldCreated|sp.DealFieldClosed, func(c cols[VelocityState], b DealBatch) {
		t, lo, span, sel := b.T, b.Lo, b.span(), b.Sel
		status := t.Status[lo : lo+span]
		created, closed := t.CreatedDays(loc)[lo:lo+span], t.ClosedDays(loc)[lo:lo+span]
		am := amountsOf(&b)
		for j, k := range b.Keys {
			if k == Skip {
				continue
			}
			i := j
			if sel != nil {
				i = int(sel[j])
			}
			s := c.at(k)
			switch status[i] {
			case sp.Open:
				s.Open++
			case sp.Won:
				s.Won++
				am.add(&s.WonAmount, i)
				s.CycleDays += tableCycleDays(t, lo+i, created[i], closed[i], loc)
			case sp.Lost:
				s.Lost++
			}
		}
	})
	return a
}

// tableCycleDays is CycleDays of row i of t, from its day numbers in loc
// (created, closed): 0 while open (no close day), counted from year 1 when
// the deal has no created date, as CycleDays counts the zero time.
func tableCycleDays(t *sp.DealTable, i int, created, closed int32, loc *time.Location) int64 {
	switch {
	case closed == sp.NoDay:
		return 0
	case created == sp.NoDay:
		d := sp.Deal{Closed: time.Unix(0, t.Closed[i]).UTC()}
		return CycleDays(&d, loc)
	}
	return int64(closed) - int64(created)
}
