package report

import (
	"cmp"
	"iter"
	"slices"
	"strconv"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// LostReasonRow is one lost reason within one group (a rep, the stage the
// deals were lost at, or the whole team): how many deals were lost for it,
// their amount per currency, and its share of the group's lost deals.
type LostReasonRow struct {
	Group  string
	Reason string // "(none)" for deals lost without a reason
	Deals  int64
	Amount sp.Sum
	Share  metrics.Rate // Deals / lost deals of the group
}

// LostReasons is the lost-reasons report: rows by group, and in each
// group by number of deals, most first (ties by reason).
type LostReasons struct {
	By   string // what the groups are: "rep", "stage lost at", "" for none
	Rows []LostReasonRow
}

// LostReasonsBy counts the lost deals of deals per group and reason:
// count, amount, share = deals lost for the reason / deals lost in the
// group. Deals that are not lost are ignored (pass the deals closed in
// the period: the usual cohort is the close date). by names each deal's
// group (segment.Owner for "by rep", segment.LostAtStage for "by the
// stage the deal was lost at", nil for one group); byName labels it.
func LostReasonsBy(deals iter.Seq[*sp.Deal], by func(*sp.Deal) string, byName string) LostReasons {
	if by == nil {
		by = func(*sp.Deal) string { return "" }
	}
	reason := func(d *sp.Deal) string {
		if d.LostReason == "" {
			return "(none)"
		}
		return d.LostReason
	}
	lost := metrics.Filter(deals, metrics.IsLost)
	agg := metrics.Both(metrics.Count[*sp.Deal](), metrics.Amount())
	cells := segment.By(lost, segment.Two(by, reason), agg)
	totals := map[string]int64{}
	for k, r := range cells {
		totals[k.A] += r.A
	}
	out := LostReasons{By: byName}
	for k, r := range cells {
		out.Rows = append(out.Rows, LostReasonRow{Group: k.A, Reason: k.B, Deals: r.A, Amount: r.B,
			Share: metrics.Rate{Num: r.A, Den: totals[k.A]}})
	}
	slices.SortFunc(out.Rows, func(a, b LostReasonRow) int {
		return cmp.Or(cmp.Compare(a.Group, b.Group), cmp.Compare(b.Deals, a.Deals), cmp.Compare(a.Reason, b.Reason))
	})
	return out
}

// Table returns the report as a text table.
func (r LostReasons) Table() Table {
	t := Table{Title: "Lost reasons", Header: []string{"reason", "deals", "share", "amount"}, Left: 1}
	if r.By != "" {
		t.Title += " by " + r.By
		t.Header = append([]string{r.By}, t.Header...)
		t.Left = 2
	}
	for _, x := range r.Rows {
		row := []string{x.Reason, strconv.FormatInt(x.Deals, 10), percent(x.Share), x.Amount.String()}
		if r.By != "" {
			row = append([]string{dash(x.Group)}, row...)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// percent prints a rate as a percentage with one decimal, "–" without a value.
func percent(r metrics.Rate) string {
	v, ok := metrics.Rate{Num: r.Num * 100, Den: r.Den}.Decimal(1, sp.RoundHalfEven)
	if !ok {
		return "–"
	}
	return v.StringFixed(1) + "%"
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
