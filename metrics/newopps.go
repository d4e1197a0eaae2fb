package metrics

import (
	"strconv"

	sp "github.com/salesperf/salesperf"
)

// Opportunities is a number of deals and their amount per currency: the
// new opportunities of a period, a source or a rep.
type Opportunities struct {
	Count  int64  `json:"count"`
	Amount sp.Sum `json:"amount"`
}

// String formats the opportunities as "3 deals, 34500.00 USD" (amounts in
// several currencies joined with " + ").
func (o Opportunities) String() string {
	return strconv.FormatInt(o.Count, 10) + " deals, " + o.Amount.String()
}

// NewOpportunities is the new opportunities: the deals created, counted,
// and their amounts summed per currency — Count = deals folded, Amount =
// Σ amount, whatever their status now (a deal created in March and since
// won or lost is still one of March's new opportunities). Its cohort is
// the created date: key it by segment.Period(cal, grain, segment.ByCreated),
// and by segment.Source ("by source") or segment.Creator ("by who created
// them", not only who owns them now). Over no deals the Count is 0 and the
// Amount empty.
//
// Column form: reads amount.
func NewOpportunities() Aggregator[*sp.Deal, Opportunities, Opportunities] {
	a := Aggregator[*sp.Deal, Opportunities, Opportunities]{
		Add: func(s *Opportunities, d *sp.Deal) {
			s.Count++
			s.Amount.Add(d.Amount)
		},
		Merge: func(dst, src *Opportunities) {
			dst.Count += src.Count
			dst.Amount.Merge(&src.Amount)
		},
		Result: func(s *Opportunities) Opportunities {
			return Opportunities{Count: s.Count, Amount: s.Amount.Clone()}
		},
	}
	a.setDealCols(sp.DealFieldAmount, func(c cols[Opportunities], b DealBatch) {
		am, sel := amountsOf(&b), b.Sel
		for j, k := range b.Keys {
			i := j
			if sel != nil {
				i = int(sel[j])
			}
			if k != Skip {
				s := c.at(k)
				s.Count++
				am.add(&s.Amount, i)
			}
		}
	})
	return a
}
