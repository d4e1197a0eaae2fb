package metrics

import (
	"fmt"
	"math"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// CoverageState is the exact state of [PipelineCoverage]: the open
// pipeline expected to close in the period and the amount already won in
// it, per currency.
type CoverageState struct {
	Open sp.Sum `json:"open"` // open deals whose expected close date is in the period
	Won  sp.Sum `json:"won"`  // deals won (closed) in the period
}

// Coverage is pipeline coverage for one period: is there enough open
// pipeline to reach the target?
//
//	coverage = open pipeline expected to close in the period / (target − won so far)
//
// A coverage of 3 means three times the remaining target is in play.
type Coverage struct {
	CoverageState
}

// Of returns the coverage against target rounded to places decimal
// places with mode. It is false when the target is already reached (no
// remaining target: coverage is not defined), and an error wrapping
// salesperf.ErrMixedCurrency when the pipeline, the won amount and the
// target are not all in one currency.
func (c Coverage) Of(target sp.Money, places int32, mode sp.RoundingMode) (decimal.Decimal, bool, error) {
	open, err := c.Open.Single()
	if err != nil {
		return decimal.Zero, false, err
	}
	won, err := c.Won.Single()
	if err != nil {
		return decimal.Zero, false, err
	}
	for _, m := range []sp.Money{open, won} {
		if m.Currency() != "" && m.Currency() != target.Currency() {
			return decimal.Zero, false, fmt.Errorf("metrics: coverage: %w: %s against a %s target", sp.ErrMixedCurrency, m.Currency(), target.Currency())
		}
	}
	gap := target.Decimal().Sub(won.Decimal())
	if gap.Sign() <= 0 {
		return decimal.Zero, false, nil
	}
	return mode.Quo(open.Decimal(), gap, places), true, nil
}

// Remaining returns the target still to reach, target − won, floored at
// zero; an error wrapping salesperf.ErrMixedCurrency when the won amount
// is in another currency.
func (c Coverage) Remaining(target sp.Money) (sp.Money, error) {
	won, err := c.Won.Single()
	if err != nil {
		return sp.Money{}, err
	}
	if won.Currency() == "" {
		return target, nil
	}
	gap, err := target.Sub(won)
	if err != nil {
		return sp.Money{}, err
	}
	if gap.Sign() < 0 {
		return sp.NewMoney(0, target.Currency()), nil
	}
	return gap, nil
}

// PipelineCoverage measures, for the period [from, to) (instants, usually
// a Calendar's Bounds), the open pipeline expected to close in it — open
// deals whose ExpectedClose date, taken at midnight in loc (nil means
// UTC), falls in [from, to) — and the amount won in it (deals won with a
// close instant in [from, to)). Coverage against a target comes at
// presentation: [Coverage.Of]. Fold the deals as they stand now (or as
// of an instant, with Deal.AsOf): an open deal without an expected close
// date is not in any period's pipeline.
//
// Column form: reads status, amount, expected close (day numbers, tested
// against the days whose midnight in loc is in [from, to), worked out
// once) and closed.
func PipelineCoverage(from, to time.Time, loc *time.Location) Aggregator[*sp.Deal, CoverageState, Coverage] {
	if loc == nil {
		loc = time.UTC
	}
	a := Aggregator[*sp.Deal, CoverageState, Coverage]{
		Add: func(s *CoverageState, d *sp.Deal) {
			switch d.Status {
			case sp.Open:
				if !d.ExpectedClose.IsZero() {
					if t := d.ExpectedClose.In(loc); !t.Before(from) && t.Before(to) {
						s.Open.Add(d.Amount)
					}
				}
			case sp.Won:
				if !d.Closed.Before(from) && d.Closed.Before(to) {
					s.Won.Add(d.Amount)
				}
			}
		},
		Merge: func(dst, src *CoverageState) {
			dst.Open.Merge(&src.Open)
			dst.Won.Merge(&src.Won)
		},
		Result: func(s *CoverageState) Coverage {
			return Coverage{CoverageState{Open: s.Open.Clone(), Won: s.Won.Clone()}}
		},
	}
	expected, closedIn := midnightsIn(from, to, loc), instantIn(from, to)
	a.setDealCols(sp.DealFieldStatus|sp.DealFieldAmount|sp.DealFieldExpectedClose|sp.DealFieldClosed, func(c cols[CoverageState], b DealBatch) {
		t, lo, span, sel := b.T, b.Lo, b.span(), b.Sel
		status, exp, closed := t.Status[lo:lo+span], t.ExpectedClose[lo:lo+span], t.Closed[lo:lo+span]
		am := amountsOf(&b)
		for j, k := range b.Keys {
			if k == Skip {
				continue
			}
			i := j
			if sel != nil {
				i = int(sel[j])
			}
			switch status[i] {
			case sp.Open:
				if expected.in(exp[i]) {
					am.add(&c.at(k).Open, i)
				}
			case sp.Won:
				if closedIn.in(closed[i]) {
					am.add(&c.at(k).Won, i)
				}
			}
		}
	})
	return a
}

// dayRange is the set of day numbers n whose day begins in [from, to) in
// a location — from ≤ DateOfDay(n).In(loc) < to — as a test on a table's
// day column, worked out once. Far from from's and to's own days the
// answer is an interval: a day two or more days after from's day begins
// after from, and one two or more days before it begins before from
// (clocks never go back a whole day), likewise for to. The days next to
// them, where a change of clocks around midnight could decide, are
// computed exactly with Date.In, once, and kept in two masks.
type dayRange struct {
	from, to         int64 // the days of from and to in loc
	fromBits, toBits uint8 // bit d: whether day from−1+d (to−1+d) is in, d = 0, 1, 2
}

// midnightsIn returns the dayRange of [from, to) in loc.
func midnightsIn(from, to time.Time, loc *time.Location) dayRange {
	epoch := sp.Date{Year: 1970, Month: time.January, Day: 1}
	r := dayRange{
		from: int64(epoch.DaysUntil(sp.DateOf(from.In(loc)))),
		to:   int64(epoch.DaysUntil(sp.DateOf(to.In(loc)))),
	}
	exact := func(n int64) bool {
		if n <= math.MinInt32 || n > math.MaxInt32 {
			return false // no table holds this day (NoDay is never in)
		}
		t := sp.DateOfDay(int32(n)).In(loc)
		return !t.Before(from) && t.Before(to)
	}
	for d := range int64(3) {
		r.fromBits |= uint8(b2i(exact(r.from-1+d))) << d
		r.toBits |= uint8(b2i(exact(r.to-1+d))) << d
	}
	return r
}

// in reports whether the day n of a table's column begins in the range;
// NoDay (no date) is never in.
func (r dayRange) in(n int32) bool {
	x := int64(n)
	if d := x - (r.from - 1); d >= 0 && d < 3 {
		return r.fromBits>>d&1 != 0
	}
	if d := x - (r.to - 1); d >= 0 && d < 3 {
		return r.toBits>>d&1 != 0
	}
	return n != sp.NoDay && x > r.from+1 && x < r.to-1
}
