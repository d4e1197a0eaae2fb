package forecast

import (
	"maps"
	"strconv"
	"strings"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// LeftOut counts the deals a forecast could not use, by reason (the
// Left… constants), so that nothing is skipped silently. Each
// aggregator's doc says which reasons it counts. A nil or empty LeftOut
// means none.
type LeftOut map[string]int64

// Reasons a deal is left out, the keys of [LeftOut] in the aggregators
// of this package.
const (
	LeftOtherPipeline      = "other pipeline"      // the deal belongs to a pipeline the probabilities are not for
	LeftUnknownStage       = "unknown stage"       // its stage is not an open stage the probabilities know
	LeftInvalidStatus      = "invalid status"      // a status that is not open, won or lost
	LeftInvalidProbability = "invalid probability" // the probability of the deal's stage is outside [0, 1]
	LeftNoAmount           = "no amount"           // the deal has no amount (the zero Money)
	LeftNoCategory         = "no category"         // an open deal without a forecast category
	LeftInvalidCategory    = "invalid category"    // an open deal in "closed", or a category outside the constants
)

// Total returns the number of deals left out, all reasons together.
func (l LeftOut) Total() int64 {
	var n int64
	for _, c := range l {
		n += c
	}
	return n
}

// String lists the reasons with their counts in order of reason,
// "1 no amount, 2 unknown stage", or "none".
func (l LeftOut) String() string {
	if len(l) == 0 {
		return "none"
	}
	var b strings.Builder
	for i, r := range sortedKeys(l) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.FormatInt(l[r], 10) + " " + r)
	}
	return b.String()
}

// leftAdd counts one deal left out for reason in *l, creating the map.
func leftAdd(l *LeftOut, reason string) {
	if *l == nil {
		*l = LeftOut{}
	}
	(*l)[reason]++
}

// leftMerge adds the counts of src to *dst.
func leftMerge(dst *LeftOut, src LeftOut) {
	if len(src) == 0 {
		return
	}
	if *dst == nil {
		*dst = make(LeftOut, len(src))
	}
	for r, n := range src {
		(*dst)[r] += n
	}
}

// reason returns the LeftOut key of a missing probability.
func (m Missing) reason() string {
	switch m {
	case MissingPipeline:
		return LeftOtherPipeline
	case MissingStage:
		return LeftUnknownStage
	}
	return LeftInvalidProbability
}

// Weighted is a weighted pipeline, the state and the result of
// [WeightedPipeline]: exact per-currency totals and counts. Its zero
// value is the empty pipeline.
type Weighted struct {
	Total   sp.Sum  `json:"total"`              // Σ amount × probability, each product rounded to the minor unit; per currency
	Amount  sp.Sum  `json:"amount"`             // Σ amount of the same deals, unweighted; per currency
	Deals   int64   `json:"deals"`              // open deals weighted
	Undated int64   `json:"undated"`            // of them, deals without an expected close date (weighted all the same)
	Closed  int64   `json:"closed"`             // won or lost deals seen: not pipeline, skipped
	LeftOut LeftOut `json:"left_out,omitempty"` // deals left out, by reason; nil for none
}

// WeightedPipeline is the weighted pipeline: what the open deals are
// worth, each amount multiplied by the deal's win probability from probs,
//
//	weighted pipeline = Σ over open deals  round(amount × probability)
//
// per currency, where round rounds each deal's product to its currency's
// minor unit with mode (salesperf.Money.Mul: 333.33 USD × 0.3 = 99.999,
// 100.00 USD half to even) before the products are added; for a currency
// with no known minor unit the product is exact. Total is exact given
// those per-deal roundings, so it does not depend on the order of the
// deals or how they are split and merged. Amount is the same deals'
// unweighted pipeline, for the ratio.
//
// Only open deals are weighted; won and lost deals are counted in Closed
// and skipped. An open deal is left out, and counted in LeftOut by
// reason, when it has no probability (LeftOtherPipeline,
// LeftUnknownStage, LeftInvalidProbability: see [Missing]) or no
// amount (LeftNoAmount: the zero Money); a deal
// whose status is not valid is counted too (LeftInvalidStatus). An open deal
// without an expected close date is weighted and counted in Undated.
//
// The usual cohort is the expected close date: segment by
// segment.Period(cal, g, segment.ByExpectedClose) for the weighted
// pipeline per period of expected close (undated deals fall in the zero
// Period). To weight the pipeline as it stood at a past instant, fold the
// deals of [OpenAt]. Adding a deal does not allocate (for the first two
// currencies of a Sum; see salesperf.Sum). WeightedPipeline panics if
// probs is nil or mode is not a defined salesperf.RoundingMode.
func WeightedPipeline(probs Probabilities, mode sp.RoundingMode) metrics.Aggregator[*sp.Deal, Weighted, Weighted] {
	if probs == nil {
		panic("forecast: WeightedPipeline: nil probabilities")
	}
	checkMode("WeightedPipeline", mode)
	return metrics.Aggregator[*sp.Deal, Weighted, Weighted]{
		Add: func(s *Weighted, d *sp.Deal) {
			switch d.Status {
			case sp.Open:
			case sp.Won, sp.Lost:
				s.Closed++
				return
			default:
				leftAdd(&s.LeftOut, LeftInvalidStatus)
				return
			}
			p, m := probs.Lookup(d)
			if m != NotMissing {
				leftAdd(&s.LeftOut, m.reason())
				return
			}
			if d.Amount.Currency() == "" {
				leftAdd(&s.LeftOut, LeftNoAmount)
				return
			}
			s.Total.Add(d.Amount.Mul(p, mode))
			s.Amount.Add(d.Amount)
			s.Deals++
			if d.ExpectedClose.IsZero() {
				s.Undated++
			}
		},
		Merge: func(dst, src *Weighted) {
			dst.Total.Merge(&src.Total)
			dst.Amount.Merge(&src.Amount)
			dst.Deals += src.Deals
			dst.Undated += src.Undated
			dst.Closed += src.Closed
			leftMerge(&dst.LeftOut, src.LeftOut)
		},
		Result: func(s *Weighted) Weighted {
			r := *s
			r.Total, r.Amount, r.LeftOut = s.Total.Clone(), s.Amount.Clone(), maps.Clone(s.LeftOut)
			return r
		},
	}
}

// checkMode panics unless mode is a defined rounding mode.
func checkMode(fn string, mode sp.RoundingMode) {
	if mode < sp.RoundHalfEven || mode > sp.RoundFloor {
		panic("forecast: " + fn + ": invalid rounding mode " + mode.String())
	}
}
