package metrics

import (
	"fmt"
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
func PipelineCoverage(from, to time.Time, loc *time.Location) Aggregator[*sp.Deal, CoverageState, Coverage] {
	if loc == nil {
		loc = time.UTC
	}
	return Aggregator[*sp.Deal, CoverageState, Coverage]{
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
}
