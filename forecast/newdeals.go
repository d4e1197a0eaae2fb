package forecast

import (
	"fmt"
	"math"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
)

// DefaultLookback is how far back LearnNewDeals looks when
// NewDealsOptions.Lookback is zero: 365 days.
const DefaultLookback = 365 * 24 * time.Hour

const mcDay = 24 * time.Hour

// NewDealsOptions configures LearnNewDeals. The zero value looks back
// DefaultLookback.
type NewDealsOptions struct {
	// Lookback is the span before asOf whose created deals are the
	// history; 0 means DefaultLookback. It should be at least twice the
	// longest period forecast.
	Lookback time.Duration
}

// NewDeals is a model of the pipeline not created yet: how many deals are
// created per day, how big the won ones are, and how likely a deal is to
// be won within x days of its creation. It is learned by LearnNewDeals
// from the deals created in the lookback [asOf − L, asOf).
//
// Formulas, with n the deals created in the lookback (amount in the
// model's currency or no amount yet):
//
//	rate         λ = n / L (deals per unit of time)
//	F(x)         = #{created at least x before asOf, won within x of creation, by asOf}
//	               / #{created at least x before asOf}, made non-decreasing in x
//	win rate     w = F(L/2)
//	timing       G(x) = min(1, F(x) / w): if won, the chance it is won within x
//	amounts      the amounts (as of asOf) of the deals won by asOf, each equally likely
//
// Each ratio only uses deals old enough to show the outcome, so the
// estimate is not biased by deals too young to have closed; it reads
// nothing dated after asOf. In a simulation, deals are created as a
// Poisson process of rate λ over the part of the period after asOf; a deal
// created x before the period's end is won (with the period's shock, as
// open deals are) with probability w and, if won, closes inside the period
// with probability G(x) (F interpolated linearly between whole days).
//
// A nil *NewDeals is no new pipeline.
type NewDeals struct {
	currency sp.Currency
	lookback time.Duration
	ages     []time.Duration // asOf − created, sorted ascending
	winAfter []time.Duration // created → won, −1 when not won by asOf; aligned with ages
	amounts  []int64         // won amounts in minor units, sorted
	skipped  map[string]int64
}

// LearnNewDeals learns a NewDeals in currency cur from the deals of
// history created in [asOf − L, asOf), each seen through Deal.AsOf(asOf).
// Deals whose amount is in another currency, or not in int64 minor units,
// are left out of every figure and counted by Skipped. A won deal with no
// amount (the zero Money) counts for the rate, the win rate and the timing
// but not for the amounts (an unknown amount is not a zero one); Skipped
// counts it under "no amount". It panics if
// opt.Lookback is negative or cur is not a known currency.
func LearnNewDeals(history []sp.Deal, asOf time.Time, cur sp.Currency, opt NewDealsOptions) *NewDeals {
	if opt.Lookback < 0 {
		panic(fmt.Sprintf("forecast: negative Lookback %v", opt.Lookback))
	}
	if !cur.Known() {
		panic(fmt.Sprintf("forecast: unknown currency %q", cur))
	}
	n := &NewDeals{currency: cur, lookback: opt.Lookback, skipped: map[string]int64{}}
	if n.lookback == 0 {
		n.lookback = DefaultLookback
	}
	start := asOf.Add(-n.lookback)
	type rec struct{ age, win time.Duration }
	var recs []rec
	for i := range history {
		d, ok := history[i].AsOf(asOf)
		if !ok || d.Created.Before(start) || !d.Created.Before(asOf) {
			continue
		}
		if c := d.Amount.Currency(); c != "" && c != cur {
			n.skipped[mcCurrency]++
			continue
		}
		minor, ok := d.Amount.Minor()
		if !ok {
			n.skipped[mcAmount]++
			continue
		}
		r := rec{age: asOf.Sub(d.Created), win: -1}
		if d.Status == sp.Won {
			r.win = max(d.Closed.Sub(d.Created), 0)
			if d.Amount.Currency() == "" && d.Amount.IsZero() {
				// Won with no amount recorded: the win counts for the rate
				// and the timing, but an unknown amount is not a zero one.
				n.skipped[mcNoAmount]++
			} else {
				n.amounts = append(n.amounts, minor)
			}
		}
		recs = append(recs, r)
	}
	slices.SortFunc(recs, func(a, b rec) int {
		if a.age != b.age {
			return mcCmpDur(a.age, b.age)
		}
		return mcCmpDur(a.win, b.win)
	})
	for _, r := range recs {
		n.ages = append(n.ages, r.age)
		n.winAfter = append(n.winAfter, r.win)
	}
	slices.Sort(n.amounts)
	return n
}

func mcCmpDur(a, b time.Duration) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Created returns the number of deals created in the lookback (in the
// model's currency or without amount): n.
func (n *NewDeals) Created() int64 {
	if n == nil {
		return 0
	}
	return int64(len(n.ages))
}

// PerDay returns the rate of new deals in deals per 24 hours: n / L × 24h.
// A nil model has rate 0.
func (n *NewDeals) PerDay() float64 {
	if n == nil {
		return 0
	}
	return float64(len(n.ages)) / (float64(n.lookback) / float64(mcDay))
}

// Skipped returns how many deals of the lookback were left out, by reason
// (mcCurrency, mcAmount); a new map.
func (n *NewDeals) Skipped() map[string]int64 {
	out := map[string]int64{}
	if n != nil {
		for k, v := range n.skipped {
			out[k] = v
		}
	}
	return out
}

// WonAmounts returns the amounts of the deals won in the lookback, in
// ascending order: the sample a simulated new win draws its amount from,
// each equally likely.
func (n *NewDeals) WonAmounts() []sp.Money {
	if n == nil {
		return nil
	}
	out := make([]sp.Money, len(n.amounts))
	for i, m := range n.amounts {
		out[i] = sp.NewMoney(m, n.currency)
	}
	return out
}

// WonWithin returns F(x), the share of deals won within x of their
// creation (see NewDeals), and false when no deal of the lookback is x
// old or older. It is the raw ratio at x, not made non-decreasing.
func (n *NewDeals) WonWithin(x time.Duration) (float64, bool) {
	if n == nil {
		return 0, false
	}
	// Deals at least x old are the suffix of ages from the first age ≥ x.
	i, _ := slices.BinarySearch(n.ages, x)
	den := len(n.ages) - i
	if den == 0 {
		return 0, false
	}
	num := 0
	for _, w := range n.winAfter[i:] {
		if w >= 0 && w <= x {
			num++
		}
	}
	return float64(num) / float64(den), true
}

// mcNewPlan is a NewDeals prepared for one simulation window.
type mcNewPlan struct {
	rate    float64   // deals per second of the window
	window  float64   // seconds of the window [max(from, asOf), to)
	win     float64   // w
	g       []float64 // G at whole days 0, 1, … from the end of the window backward
	amounts []int64
}

// plan prepares the model for the window [start, end); ok is false when
// the model can add nothing (no rate, no window, no win, no amounts).
func (n *NewDeals) plan(start, end time.Time) (mcNewPlan, bool) {
	if n == nil || len(n.ages) == 0 || len(n.amounts) == 0 || !start.Before(end) {
		return mcNewPlan{}, false
	}
	w, ok := n.WonWithin(n.lookback / 2)
	if !ok || w == 0 {
		return mcNewPlan{}, false
	}
	width := end.Sub(start)
	days := int(math.Ceil(float64(width)/float64(mcDay))) + 1
	g := make([]float64, days)
	prev := 0.0
	for i := range g {
		f, ok := n.WonWithin(time.Duration(i) * mcDay)
		if !ok {
			f = prev // no deal that old: keep the last estimate
		}
		f = max(f, prev)
		prev = f
		g[i] = min(1, f/w)
	}
	return mcNewPlan{
		rate:    float64(len(n.ages)) / n.lookback.Seconds(),
		window:  width.Seconds(),
		win:     w,
		g:       g,
		amounts: n.amounts,
	}, true
}

// within returns G(x) for x seconds before the end of the window,
// interpolated between whole days.
func (p *mcNewPlan) within(x float64) float64 {
	d := x / mcDay.Seconds()
	i := int(d)
	if i >= len(p.g)-1 {
		return p.g[len(p.g)-1]
	}
	f := d - float64(i)
	return p.g[i] + f*(p.g[i+1]-p.g[i])
}
