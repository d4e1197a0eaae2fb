package metrics

import sp "github.com/salesperf/salesperf"

// CohortConversion is what became of a cohort of deals: of the Created
// deals, the shares won, lost and still open, each an exact [Rate] over
// the same denominator, Created. For valid deals Won + Lost + Open
// numerators add up to Created.
type CohortConversion struct {
	Created int64 `json:"created"`
	Won     Rate  `json:"won"`
	Lost    Rate  `json:"lost"`
	Open    Rate  `json:"open"`
}

// String formats the conversion as
// "won 30.0% (3/10), lost 50.0% (5/10), open 20.0% (2/10)".
func (c CohortConversion) String() string {
	return "won " + c.Won.String() + ", lost " + c.Lost.String() + ", open " + c.Open.String()
}

// CreatedCohortConversion is the created-cohort conversion: of the deals
// created in the period, the share won so far, won / created, with the
// shares lost, lost / created, and still open, open / created, beside it
// over the same denominator. It is the seed article's "opportunity win
// rate = closed deals / opportunities".
//
// The cohort is the created date: fold the deals created in the period
// (key the segment by created date). It differs from [WinRate], won /
// (won + lost) over the deals closed in the period: a young cohort has
// many deals still open and a low created-cohort conversion that rises as
// they close, which is why the open share is shown. The state is the
// [DealCounts] of the cohort; the result a [CohortConversion], whose
// rates have no value over no deals.
//
// Column form: [Counts]' (it is Then of Counts); reads status.
func CreatedCohortConversion() Aggregator[*sp.Deal, DealCounts, CohortConversion] {
	return Then(Counts(), func(c DealCounts) CohortConversion {
		return CohortConversion{
			Created: c.Deals,
			Won:     Rate{Num: c.Won, Den: c.Deals},
			Lost:    Rate{Num: c.Lost, Den: c.Deals},
			Open:    Rate{Num: c.Open, Den: c.Deals},
		}
	})
}
