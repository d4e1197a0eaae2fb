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
func PipelineVelocity(loc *time.Location) Aggregator[*sp.Deal, VelocityState, Velocity] {
	return Aggregator[*sp.Deal, VelocityState, Velocity]{
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
}
