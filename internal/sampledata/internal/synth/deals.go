package synth

import (
	"math"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

const (
	newBusiness = "New Business"
	renewal     = "Renewal"
	nNewDeals   = 1840
)

var nbStages = []string{"Prospecting", "Qualification", "Discovery", "Demo", "Proposal", "Negotiation"}

const (
	stageDemo, stageProposal, stageNegotiation = 3, 4, 5
	closedWon, closedLost                      = "Closed Won", "Closed Lost"
	due, quoted, renewed, churned              = "Due", "Quoted", "Renewed", "Churned"
)

func pipelines() sp.Pipelines {
	p := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	nb := sp.Pipeline{Name: newBusiness}
	for i, prob := range []string{"0.05", "0.1", "0.2", "0.4", "0.6", "0.8"} {
		nb.Stages = append(nb.Stages, sp.Stage{Name: nbStages[i], Kind: sp.OpenStage, Probability: p(prob)})
	}
	nb.Stages = append(nb.Stages,
		sp.Stage{Name: closedWon, Kind: sp.WonStage, Probability: p("1")},
		sp.Stage{Name: closedLost, Kind: sp.LostStage, Probability: p("0")})
	rn := sp.Pipeline{Name: renewal, Stages: []sp.Stage{
		{Name: due, Kind: sp.OpenStage, Probability: p("0.7")},
		{Name: quoted, Kind: sp.OpenStage, Probability: p("0.85")},
		{Name: renewed, Kind: sp.WonStage, Probability: p("1")},
		{Name: churned, Kind: sp.LostStage, Probability: p("0")},
	}}
	return sp.Pipelines{nb, rn}
}

var (
	sources      = choice{[]string{"Inbound web", "Referral", "Outbound", "Partner", "Event", "Paid search"}, []float64{0.30, 0.11, 0.25, 0.10, 0.08, 0.16}}
	products     = []string{"Core", "Analytics", "Enterprise Suite"}
	productSize  = []float64{1.0, 0.72, 1.9}
	lostReasons  = choice{[]string{"Price", "Competitor", "No budget", "No decision", "Timing", "Product fit"}, []float64{0.22, 0.20, 0.15, 0.20, 0.13, 0.10}}
	churnReasons = choice{[]string{"Price", "Competitor", "No budget", "Product fit"}, []float64{0.3, 0.2, 0.3, 0.2}}
	winFactor    = map[string]float64{"Referral": 1.35, "Partner": 1.1, "Outbound": 0.8, "Paid search": 0.9}
)

// deal is a deal with what the generator knows about it beyond the record.
type deal struct {
	sp.Deal
	acct  *account
	stale bool
	end   time.Time // when it closed, or the sample's now (or when it stalled) for open deals
}

func (g *gen) newBusiness() {
	g.ds.Pipelines = pipelines()
	creation := newDayPicker(spanStart, spanEnd, func(d sp.Date, frac float64) float64 {
		w := 1 + float64(1.6*frac)
		if weekend(d) {
			w *= 0.03
		}
		switch d.Month {
		case time.August:
			w *= 0.85
		case time.December:
			w *= 0.8
		case time.November, time.January:
			w *= 1.1
		}
		return w
	})
	repW := make([]float64, len(g.reps))
	for i, r := range g.reps {
		repW[i] = r.activity
	}
	for range nNewDeals {
		day := creation.draw(g.r)
		created := g.workTime(day)
		r := g.reps[g.r.pick(repW)]
		t := g.teamOf(r.id, day)
		a := g.byRegion[t.region][g.r.IntN(len(g.byRegion[t.region]))]
		pi := g.r.pick(t.products)
		amount := roundTo(g.r.lognormal(float64(12300*t.sizeFactor*productSize[pi]), 0.78), 50)
		d := &deal{acct: a, Deal: sp.Deal{
			Owner: r.id, Pipeline: newBusiness, Created: created,
			Source: sources.draw(g.r), Region: t.region, Industry: a.industry, Product: products[pi], Account: a.name,
			Attrs: map[string]string{"Company size": a.size},
		}}
		if g.r.chance(0.24) {
			d.Creator = sdrFor(t.region)
		}
		cur := currencyOf(t.region)
		pWin := r.win * cmpOr(winFactor[d.Source], 1)
		if amount > 3*12300*100 {
			pWin *= 0.85
		}
		won := g.r.chance(min(pWin, 0.8))
		d.stale = day.After(sp.Date{Year: 2024, Month: 5, Day: 1}) && day.Before(sp.Date{Year: 2025, Month: 7, Day: 1}) && g.r.chance(0.018)

		var cyc float64
		if won {
			cyc = g.r.lognormal(float64(50*t.cycleFactor), 0.6)
		} else {
			cyc = g.r.lognormal(float64(32*t.cycleFactor), 0.85)
		}
		if g.r.chance(0.2) {
			cyc *= 3 // a deal that drags on
		}
		closeAt := g.closeTime(created, max(cyc, 1.5), won)

		// The planned path through the funnel.
		start := 0
		if (d.Source == "Inbound web" || d.Source == "Referral" || d.Source == "Partner") && g.r.chance(0.25) {
			start = 1
		}
		top := stageNegotiation
		if !won {
			top = max(start, g.r.pick([]float64{0.14, 0.26, 0.22, 0.18, 0.12, 0.08}))
		}
		var path []int
		for s := start; s <= top; s++ {
			path = append(path, s)
		}
		if len(path) >= 3 && g.r.chance(0.2) {
			i := 1 + g.r.IntN(len(path)-2)
			path = slices.Delete(path, i, i+1)
		}
		if len(path) >= 3 && g.r.chance(0.07) {
			j := 1 + g.r.IntN(len(path)-1)
			path = slices.Insert(path, j+1, path[j-1], path[j])
		}
		end := closeAt
		if d.stale {
			path = path[:min(len(path), 1+g.r.IntN(3))]
			end = addDays(created, float64(g.r.between(20, 70)))
		}
		at := g.spread(created, end, len(path))
		for i, s := range path {
			if at[i].Before(g.asOf) {
				d.StageHistory = append(d.StageHistory, sp.StageChange{At: at[i], Stage: nbStages[s]})
			}
		}
		final := ""
		if !d.stale && closeAt.Before(g.asOf) {
			final = closedLost
			if won {
				final = closedWon
			}
			d.StageHistory = append(d.StageHistory, sp.StageChange{At: closeAt, Stage: final})
		}
		d.Stage = d.StageHistory[len(d.StageHistory)-1].Stage
		switch final {
		case closedWon:
			d.Status, d.Closed, d.end = sp.Won, closeAt, closeAt
		case closedLost:
			d.Status, d.Closed, d.end = sp.Lost, closeAt, closeAt
			d.LostReason = lostReasons.draw(g.r)
		default:
			d.Status, d.end = sp.Open, g.asOf
			if d.stale {
				d.end = end
			}
		}

		// Forecast categories follow the stages.
		cat := func(at time.Time, c sp.ForecastCategory) {
			if n := len(d.CategoryHistory); n == 0 || d.CategoryHistory[n-1].Category != c {
				d.CategoryHistory = append(d.CategoryHistory, sp.CategoryChange{At: at, Category: c})
			}
		}
		best := sp.CategoryPipeline
		for _, h := range d.StageHistory {
			switch h.Stage {
			case closedWon:
				cat(h.At, sp.CategoryClosed)
			case closedLost:
				cat(h.At, sp.CategoryOmitted)
			case nbStages[stageProposal]:
				best = max(best, sp.CategoryBestCase)
				cat(h.At, best)
			case nbStages[stageNegotiation]:
				best = sp.CategoryCommit
				cat(h.At, best)
			default:
				cat(h.At, best)
			}
		}
		d.Category = d.CategoryHistory[len(d.CategoryHistory)-1].Category

		estimate := g.dateOf(created).AddDays(int(math.Round(g.r.lognormal(float64(38*t.cycleFactor), 0.35))))
		if g.r.chance(0.5) {
			estimate = sp.Date{Year: estimate.Year, Month: estimate.Month + 1, Day: 0}.AddDays(0)
		}
		g.expected(d, estimate, 0.25, 14, 45)
		g.amounts(d, amount, cur, 0.3)
		g.deals = append(g.deals, d)
	}
}

func cmpOr(x, def float64) float64 {
	if x == 0 {
		return def
	}
	return x
}

// closeTime returns when a deal created at created closes after cyc days,
// pulled toward the last month of its fiscal quarter, on a weekday.
func (g *gen) closeTime(created time.Time, cyc float64, won bool) time.Time {
	day := g.dateOf(addDays(created, cyc))
	q := g.cal.PeriodOfDate(day, sp.Quarter)
	last := q.End.AddMonths(-1)
	p := 0.15
	if won {
		p = 0.32
	}
	if q.Number == 4 {
		p += 0.12
	}
	if day.Before(last) && g.r.chance(p) {
		n := last.DaysUntil(q.End)
		day = last.AddDays(int(float64(n) * math.Sqrt(g.r.Float64())))
	}
	for weekend(day) {
		day = day.AddDays(1)
	}
	return g.workTime(day)
}

// spread returns n instants from from (the first) to before to, in order.
func (g *gen) spread(from, to time.Time, n int) []time.Time {
	fr := make([]float64, n)
	for i := 1; i < n; i++ {
		fr[i] = g.r.Float64()
	}
	slices.Sort(fr)
	out := make([]time.Time, n)
	for i, f := range fr {
		out[i] = addDays(from, float64(f*days(from, to)))
	}
	return out
}

// expected sets the expected close date, with slips (each later by lo–hi
// days) on a share p of deals.
func (g *gen) expected(d *deal, initial sp.Date, p float64, lo, hi int) {
	d.ExpectedClose = initial
	if !g.r.chance(p) {
		return
	}
	k := g.r.between(1, 3)
	at := g.spread(d.Created, d.end, k+1)
	d.ExpectedCloseHistory = append(d.ExpectedCloseHistory, sp.ExpectedCloseChange{At: d.Created, ExpectedClose: initial})
	for i := 1; i <= k; i++ {
		initial = initial.AddDays(g.r.between(lo, hi))
		d.ExpectedCloseHistory = append(d.ExpectedCloseHistory, sp.ExpectedCloseChange{At: at[i], ExpectedClose: initial})
	}
	d.ExpectedClose = initial
}

// amounts sets the amount (minor units), revised once or twice on a share
// p of deals: the history starts from a different first estimate.
func (g *gen) amounts(d *deal, final int64, cur sp.Currency, p float64) {
	d.Amount = money(final, cur)
	if !g.r.chance(p) {
		return
	}
	k := 1
	if g.r.chance(0.3) {
		k = 2
	}
	at := g.spread(d.Created, d.end, k+1)
	vals := make([]int64, k+1)
	vals[k] = final
	for i := k - 1; i >= 0; i-- {
		vals[i] = roundTo(float64(vals[i+1])/100*(0.7+float64(0.6*g.r.Float64())), 50)
	}
	for i := range vals {
		d.AmountHistory = append(d.AmountHistory, sp.AmountChange{At: at[i], Amount: money(vals[i], cur)})
	}
}

// finishDeals orders the deals by creation and numbers them.
func (g *gen) finishDeals() {
	slices.SortStableFunc(g.deals, func(a, b *deal) int { return a.Created.Compare(b.Created) })
	for i, d := range g.deals {
		d.ID = id("D", 4, i+1)
	}
}
