package report

import (
	"cmp"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/shopspring/decimal"
)

// RiskConfig sets the thresholds of the deal-risk report.
type RiskConfig struct {
	AsOf        time.Time
	Location    *time.Location // days are counted in it; nil means UTC
	LargeFactor int64          // amount ≥ this × the average won deal: "large"; 0 means 3
	IdleAfter   time.Duration  // no activity for this long and none scheduled: "stalled"; 0 means 14 days
	Slips       int            // expected close moved later at least this many times: "slipping"; 0 means 2
}

// Risk is one open deal's risk signals: its amount against the average
// won deal, its age against the typical cycle, the days since its last
// activity (and whether one is scheduled), how many times its expected
// close date slipped, and the flags raised.
type Risk struct {
	Deal         *sp.Deal
	AmountRatio  decimal.Decimal // amount / average won deal (exact average), rounded half to even to 2 decimals; zero when not comparable
	AgeDays      int64           // days since created, in the location
	SinceTouch   int64           // days since the last activity, or since creation without one
	Scheduled    bool            // an activity is scheduled after AsOf
	SlippedTimes int             // times the expected close date moved later
	Flags        []string        // "large", "old", "stalled", "slipping", in that order
}

// DealRisks flags the open deals of deals that need attention:
//
//   - large: amount ≥ LargeFactor × avg, the average won deal, compared
//     exactly (amount × avg.N ≥ LargeFactor × avg.Total; same currency
//     only, others are not compared);
//   - old: age in days > the p90 of the won deals' cycle (typical);
//   - stalled: no activity for IdleAfter and none scheduled after AsOf — a
//     deal with a meeting booked is not stalled, however quiet it was;
//   - slipping: the expected close date moved later at least Slips times.
//
// avg and typical usually come from metrics.AverageDealSize and
// metrics.SalesCycle over the last year's won deals; touches from
// [Touches]. Deals come back most flags first, then largest amount ratio.
func DealRisks(deals iter.Seq[*sp.Deal], avg metrics.Average, typical metrics.Summary, touches map[string]Touch, cfg RiskConfig) []Risk {
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	factor := cmp.Or(cfg.LargeFactor, 3)
	idle := cmp.Or(cfg.IdleAfter, 14*24*time.Hour)
	slips := cmp.Or(cfg.Slips, 2)
	// The average is used exactly, as its parts: total / n.
	avgTotal, err := avg.Total.Single()
	hasAvg := err == nil && avg.N > 0 && avgTotal.Sign() > 0
	n := decimal.NewFromInt(avg.N)
	today := sp.DateOf(cfg.AsOf.In(loc))
	var out []Risk
	for d := range deals {
		if d.Status != sp.Open {
			continue
		}
		r := Risk{Deal: d}
		if !d.Created.IsZero() {
			r.AgeDays = int64(sp.DateOf(d.Created.In(loc)).DaysUntil(today))
		}
		if hasAvg && d.Amount.Currency() == avgTotal.Currency() {
			// amount / (total / n) = amount × n / total
			r.AmountRatio = sp.RoundHalfEven.Quo(d.Amount.Decimal().Mul(n), avgTotal.Decimal(), 2)
			if d.Amount.Decimal().Mul(n).GreaterThanOrEqual(avgTotal.Decimal().Mul(decimal.NewFromInt(factor))) {
				r.Flags = append(r.Flags, "large")
			}
		}
		if typical.N > 0 && float64(r.AgeDays) > typical.P90 {
			r.Flags = append(r.Flags, "old")
		}
		t := touches[d.ID]
		last := t.Last
		if last.IsZero() {
			last = d.Created
		}
		if !last.IsZero() {
			r.SinceTouch = int64(sp.DateOf(last.In(loc)).DaysUntil(today))
		}
		r.Scheduled = !t.Next.IsZero()
		if !r.Scheduled && !last.IsZero() && cfg.AsOf.Sub(last) > idle {
			r.Flags = append(r.Flags, "stalled")
		}
		for i := 1; i < len(d.ExpectedCloseHistory); i++ {
			if d.ExpectedCloseHistory[i].ExpectedClose.After(d.ExpectedCloseHistory[i-1].ExpectedClose) {
				r.SlippedTimes++
			}
		}
		if r.SlippedTimes >= slips {
			r.Flags = append(r.Flags, "slipping")
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b Risk) int {
		return cmp.Or(cmp.Compare(len(b.Flags), len(a.Flags)), b.AmountRatio.Cmp(a.AmountRatio), cmp.Compare(a.Deal.ID, b.Deal.ID))
	})
	return out
}

// RiskTable returns the flagged deals (at most limit, 0 for all) as a
// text table, with a note of how many open deals were looked at.
func RiskTable(risks []Risk, limit int) Table {
	t := Table{Title: "Deals at risk",
		Header: []string{"deal", "owner", "stage", "amount", "× avg", "age", "since touch", "scheduled", "slips", "flags"}, Left: 3}
	flagged := 0
	for _, r := range risks {
		if len(r.Flags) == 0 {
			continue
		}
		flagged++
		if limit > 0 && flagged > limit {
			continue
		}
		sched := "no"
		if r.Scheduled {
			sched = "yes"
		}
		t.Rows = append(t.Rows, []string{r.Deal.ID, r.Deal.Owner, r.Deal.Stage, r.Deal.Amount.String(),
			r.AmountRatio.StringFixed(2), strconv.FormatInt(r.AgeDays, 10), strconv.FormatInt(r.SinceTouch, 10),
			sched, strconv.Itoa(r.SlippedTimes), strings.Join(r.Flags, ", ")})
	}
	t.Notes = append(t.Notes, strconv.Itoa(flagged)+" of "+strconv.Itoa(len(risks))+" open deals flagged")
	if limit > 0 && flagged > limit {
		t.Notes = append(t.Notes, "showing the first "+strconv.Itoa(limit))
	}
	return t
}
