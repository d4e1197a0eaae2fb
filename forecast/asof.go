package forecast

import (
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
)

// PipelineAt returns the deals as they stood at instant t: for each deal
// that existed at t (created at or before it), its view
// salesperf.Deal.AsOf(t), in the order of deals. A view reads no field
// dated after t: a stage, amount, expected close date or forecast
// category set later shows its value at t, a deal closed later is open,
// and a deal created later is absent. This is the pipeline a backtest
// forecasts from. The views share their histories (cut to t) and Attrs
// with deals; copy them before changing either.
func PipelineAt(deals []sp.Deal, t time.Time) []sp.Deal {
	out := make([]sp.Deal, 0, len(deals))
	for i := range deals {
		if v, ok := deals[i].AsOf(t); ok {
			out = append(out, v)
		}
	}
	return out
}

// OpenAt returns the deals that were open at instant t, as they stood
// then: the views of [PipelineAt] whose status at t is open (created at
// or before t, not closed by t), in the order of deals.
func OpenAt(deals []sp.Deal, t time.Time) []sp.Deal {
	out := make([]sp.Deal, 0, len(deals))
	for i := range deals {
		if v, ok := deals[i].AsOf(t); ok && v.Status == sp.Open {
			out = append(out, v)
		}
	}
	return out
}

// CheckOpen reports what makes an open deal bad input for a forecast, all
// problems at once, as an errors.Join of *salesperf.ValidationError
// (record "deal", the deal's ID) wrapping:
//
//   - salesperf.ErrMissingDate: no expected close date (field
//     "expectedClose"): the deal cannot be placed in a forecast period;
//   - salesperf.ErrHistoryMismatch: a history whose last entry is not
//     the current value (fields "stageHistory", "amountHistory",
//     "expectedCloseHistory", "categoryHistory"), so that the deal seen
//     as of now would not be the deal itself;
//   - when probs is not nil, the deal's probability (field "stage"):
//     salesperf.ErrUnknownPipeline for a deal of another pipeline,
//     salesperf.ErrUnknownStage for a stage that is not an open stage of
//     probs, salesperf.ErrInvalidValue for an entry outside [0, 1].
//
// A deal that is not open has nothing to check as forecast input: nil,
// unless its status is invalid (salesperf.ErrInvalidStatus, field
// "status"). CheckOpen returns nil for a good open deal.
func CheckOpen(d *sp.Deal, probs Probabilities) error {
	var errs []error
	bad := func(field string, err error) {
		errs = append(errs, &sp.ValidationError{Record: "deal", ID: d.ID, Field: field, Err: err})
	}
	switch d.Status {
	case sp.Open:
	case sp.Won, sp.Lost:
		return nil
	default:
		bad("status", fmt.Errorf("%w %d", sp.ErrInvalidStatus, int8(d.Status)))
		return joinErrs(errs)
	}
	if d.ExpectedClose.IsZero() {
		bad("expectedClose", fmt.Errorf("%w: open deal without an expected close date", sp.ErrMissingDate))
	}
	if h := d.StageHistory; len(h) > 0 && h[len(h)-1].Stage != d.Stage {
		bad("stageHistory", fmt.Errorf("%w: last stage %q, current stage %q", sp.ErrHistoryMismatch, h[len(h)-1].Stage, d.Stage))
	}
	if h := d.AmountHistory; len(h) > 0 && !h[len(h)-1].Amount.Equal(d.Amount) {
		bad("amountHistory", fmt.Errorf("%w: last amount %v, current amount %v", sp.ErrHistoryMismatch, h[len(h)-1].Amount, d.Amount))
	}
	if h := d.ExpectedCloseHistory; len(h) > 0 && h[len(h)-1].ExpectedClose != d.ExpectedClose {
		bad("expectedCloseHistory", fmt.Errorf("%w: last expected close %v, current %v", sp.ErrHistoryMismatch, h[len(h)-1].ExpectedClose, d.ExpectedClose))
	}
	if h := d.CategoryHistory; len(h) > 0 && h[len(h)-1].Category != d.Category {
		bad("categoryHistory", fmt.Errorf("%w: last category %q, current category %q", sp.ErrHistoryMismatch, h[len(h)-1].Category, d.Category))
	}
	if probs != nil {
		switch _, m := probs.Lookup(d); m {
		case NotMissing:
		case MissingPipeline:
			bad("stage", fmt.Errorf("%w: the probabilities are for another pipeline than %q", sp.ErrUnknownPipeline, d.Pipeline))
		case MissingStage:
			bad("stage", fmt.Errorf("%w %q: no probability for it", sp.ErrUnknownStage, d.Stage))
		default:
			bad("stage", fmt.Errorf("%w: probability of stage %q outside [0, 1]", sp.ErrInvalidValue, d.Stage))
		}
	}
	return joinErrs(errs)
}
