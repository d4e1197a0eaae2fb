package forecast

import (
	"maps"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// CategoryTotal is the amount and number of deals in one forecast
// category, or in one cumulative column.
type CategoryTotal struct {
	Amount sp.Sum `json:"amount"` // per currency, exact
	Deals  int64  `json:"deals"`
}

func (t *CategoryTotal) merge(o *CategoryTotal) {
	t.Amount.Merge(&o.Amount)
	t.Deals += o.Deals
}

func (t *CategoryTotal) clone() CategoryTotal {
	return CategoryTotal{Amount: t.Amount.Clone(), Deals: t.Deals}
}

// CategoryColumns holds one total per forecast category: the individual
// categories in a [CategoryState], the cumulative columns in a
// [CategoryRollup].
type CategoryColumns struct {
	Pipeline CategoryTotal `json:"pipeline"`
	BestCase CategoryTotal `json:"best_case"`
	Commit   CategoryTotal `json:"commit"`
	Closed   CategoryTotal `json:"closed"`
	Omitted  CategoryTotal `json:"omitted"`
}

// Of returns the column of category c, and false for NoCategory or a
// value outside the constants.
func (c *CategoryColumns) Of(cat sp.ForecastCategory) (CategoryTotal, bool) {
	if p := c.column(cat); p != nil {
		return *p, true
	}
	return CategoryTotal{}, false
}

func (c *CategoryColumns) column(cat sp.ForecastCategory) *CategoryTotal {
	switch cat {
	case sp.CategoryPipeline:
		return &c.Pipeline
	case sp.CategoryBestCase:
		return &c.BestCase
	case sp.CategoryCommit:
		return &c.Commit
	case sp.CategoryClosed:
		return &c.Closed
	case sp.CategoryOmitted:
		return &c.Omitted
	}
	return nil
}

func (c *CategoryColumns) merge(o *CategoryColumns) {
	c.Pipeline.merge(&o.Pipeline)
	c.BestCase.merge(&o.BestCase)
	c.Commit.merge(&o.Commit)
	c.Closed.merge(&o.Closed)
	c.Omitted.merge(&o.Omitted)
}

// CategoryState is the partial state of [Categories]: each category's
// own total, and the deals left out. Its zero value is the empty state.
type CategoryState struct {
	Individual CategoryColumns `json:"individual"`
	LeftOut    LeftOut         `json:"left_out,omitempty"`
}

// CategoryRollup is the forecast by category, as Salesforce's forecast
// grid shows it: each category individually, and the cumulative columns.
//
//	Cumulative.Closed   = closed
//	Cumulative.Commit   = commit + closed
//	Cumulative.BestCase = best case + commit + closed
//	Cumulative.Pipeline = pipeline + best case + commit + closed
//	Cumulative.Omitted  = omitted (never added to another column)
//
// Amounts are per currency and exact; Deals add up the same way.
type CategoryRollup struct {
	Individual CategoryColumns `json:"individual"`
	Cumulative CategoryColumns `json:"cumulative"`
	LeftOut    LeftOut         `json:"left_out,omitempty"`
}

// Categories rolls deals up by forecast category: the amount and number
// of deals in pipeline, best case, commit, closed and omitted, each
// individually and cumulatively (see [CategoryRollup]).
//
// A won deal is in closed whatever its Category field says; a lost deal
// is in omitted (as Salesforce maps Closed Lost); an open deal is in its
// Category. Left out, and counted in LeftOut by reason: an open deal with
// NoCategory (LeftNoCategory); one whose category is CategoryClosed (an
// open deal cannot be closed) or outside the constants
// (LeftInvalidCategory); a deal without an amount, the zero Money
// (LeftNoAmount); one with an invalid status (LeftInvalidStatus).
//
// The usual cohort is the forecast period: won and lost deals by their
// close date, open deals by their expected close date — segment by
// [ForecastPeriod] — so that "closed" is the revenue won in the period.
// To roll up the categories as they stood at a past instant, fold the
// deals of [PipelineAt] (their Category as of then, from CategoryHistory).
// Adding a deal does not allocate (for the first two currencies of each
// Sum).
func Categories() metrics.Aggregator[*sp.Deal, CategoryState, CategoryRollup] {
	return metrics.Aggregator[*sp.Deal, CategoryState, CategoryRollup]{
		Add: categoriesAdd,
		Merge: func(dst, src *CategoryState) {
			dst.Individual.merge(&src.Individual)
			leftMerge(&dst.LeftOut, src.LeftOut)
		},
		Result: categoriesResult,
	}
}

func categoriesAdd(s *CategoryState, d *sp.Deal) {
	var col *CategoryTotal
	switch d.Status {
	case sp.Won:
		col = &s.Individual.Closed
	case sp.Lost:
		col = &s.Individual.Omitted
	case sp.Open:
		switch d.Category {
		case sp.NoCategory:
			leftAdd(&s.LeftOut, LeftNoCategory)
			return
		case sp.CategoryClosed:
			leftAdd(&s.LeftOut, LeftInvalidCategory)
			return
		}
		if col = s.Individual.column(d.Category); col == nil {
			leftAdd(&s.LeftOut, LeftInvalidCategory)
			return
		}
	default:
		leftAdd(&s.LeftOut, LeftInvalidStatus)
		return
	}
	if d.Amount.Currency() == "" {
		leftAdd(&s.LeftOut, LeftNoAmount)
		return
	}
	col.Amount.Add(d.Amount)
	col.Deals++
}

func categoriesResult(s *CategoryState) CategoryRollup {
	in := &s.Individual
	r := CategoryRollup{
		Individual: CategoryColumns{
			Pipeline: in.Pipeline.clone(), BestCase: in.BestCase.clone(), Commit: in.Commit.clone(),
			Closed: in.Closed.clone(), Omitted: in.Omitted.clone(),
		},
		LeftOut: maps.Clone(s.LeftOut),
	}
	c := &r.Cumulative
	c.Closed = in.Closed.clone()
	c.Commit = in.Commit.clone()
	c.Commit.merge(&c.Closed)
	c.BestCase = in.BestCase.clone()
	c.BestCase.merge(&c.Commit)
	c.Pipeline = in.Pipeline.clone()
	c.Pipeline.merge(&c.BestCase)
	c.Omitted = in.Omitted.clone()
	return r
}

// ForecastPeriod returns a key that puts a deal in the forecast period of
// grain g it counts in, in calendar cal: a won or lost deal in the period
// of its close date (Closed, in cal's location), an open deal in the
// period of its expected close date. A deal without that date gets the
// zero Period, a bucket of its own that sorts first, so it is visible
// rather than dropped. It is the cohort of [Categories]. ForecastPeriod
// panics on an invalid grain or calendar.
func ForecastPeriod(cal sp.Calendar, g sp.Grain) func(*sp.Deal) sp.Period {
	if g < sp.Day || g > sp.Year {
		panic("forecast: ForecastPeriod: invalid grain " + g.String())
	}
	if err := cal.Validate(); err != nil {
		panic("forecast: ForecastPeriod: " + err.Error())
	}
	return func(d *sp.Deal) sp.Period {
		if d.IsClosed() {
			if d.Closed.IsZero() {
				return sp.Period{}
			}
			return cal.PeriodOf(d.Closed, g)
		}
		if d.ExpectedClose.IsZero() {
			return sp.Period{}
		}
		return cal.PeriodOfDate(d.ExpectedClose, g)
	}
}
