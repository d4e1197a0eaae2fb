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

// DefaultRateWindow is the recent span whose created deals give the rate
// of new deals when NewDealsOptions.RateWindow is zero: 90 days.
const DefaultRateWindow = 90 * 24 * time.Hour

const mcDay = 24 * time.Hour

// NewDealsOptions configures LearnNewDeals. The zero value looks back
// DefaultLookback for the win curve and the amounts, and DefaultRateWindow
// for the rate.
type NewDealsOptions struct {
	// Lookback is the span before asOf whose created deals are the
	// history of the win curve and the amounts; 0 means DefaultLookback.
	// It should be at least twice the longest period forecast.
	Lookback time.Duration
	// RateWindow is the span before asOf whose created deals give the
	// rate λ; 0 means DefaultRateWindow; it is cut to Lookback. A short
	// window follows growth (or decline) in deal creation; a long one
	// is steadier.
	RateWindow time.Duration
}

// NewDeals is a model of the pipeline not created yet: how many deals are
// created per day, how big the won ones are, and how likely a deal is to
// be won within x days of its creation. It is learned by LearnNewDeals
// from the deals created before asOf.
//
// The spans are cut to the history: with first the earliest creation
// among the deals (as of asOf), the lookback is L' = min(L, asOf − first)
// and the rate window R' = min(R, L'), so that a history shorter than the
// lookback does not read as fewer deals per day. Formulas, with n_R the
// deals created in [asOf − R', asOf) and n those created in
// [asOf − L', asOf) (amount in the model's currency or no amount yet):
//
//	rate         λ = n_R / R' (deals per unit of time), n_R less one when
//	               R' reaches the first creation and that deal is one of
//	               them: it marks the start of the history, it is not an
//	               arrival in it
//	F(x)         = #{created at least x before asOf, won within x of creation, by asOf}
//	               / #{created at least x before asOf}, over the n deals
//	               (WonWithin)
//	win rate     w = F(L'/2), the ratio itself
//	timing       G(x) = min(1, F̃(x) / w) at whole days x, linear between
//	               them: if won, the chance it is won within x, with F̃(x)
//	               the running maximum of F over the days 0, 1, …, x (a day
//	               without a deal that old keeping the last value)
//	amounts      A(x) = the amounts (as of asOf) of the deals counted in
//	               F(x)'s numerator (won within x, at least x old), each
//	               equally likely
//	period       c = O / E over the windows [s − kΔ, e − kΔ), k = 1, 2, …,
//	  factor       of a forecast window [s, e) in a period of length Δ,
//	               those that end by asOf and start within the lookback:
//	               O = #{deals created in them, won before their end},
//	               E = Σ w × G(x) over the same deals, x from creation to
//	               the window's end; c = 1 without such windows or when
//	               E = 0
//
// Each ratio only uses deals old enough to show the outcome, so the
// estimate is not biased by deals too young to have closed; it reads
// nothing dated after asOf. In a simulation, deals are created as a
// Poisson process of rate λ over the part of the period after asOf; a deal
// created x before the period's end is won (with the period's shock, as
// open deals are) with probability w and, if won, closes inside the period
// with probability min(1, c × G(x)); its amount is drawn from A(⌈x⌉) (x in whole days, rounded up; the
// last day with such deals when there is none, all won amounts when there
// is none at all): a deal won quickly is drawn among the deals that were won as
// quickly, which are often smaller.
//
// Why each piece (measured in docs/forecast-accuracy.md, "New deals"): a
// year's average rate lags a growing creation rate, and a lookback longer
// than the history counts days without data; F is the same wherever a
// deal is created, but closes bunch before period ends (the quarter's
// last month), so the deals created in a period are won before its end
// more (or less) often than F says: c measures that on the same window of
// the past periods; and quick wins are smaller deals where small and
// large deals have different cycles.
//
// A nil *NewDeals is no new pipeline.
type NewDeals struct {
	currency sp.Currency
	asOf     time.Time
	lookback time.Duration   // L'
	window   time.Duration   // R'
	recent   int             // n_R
	ages     []time.Duration // asOf − created, sorted ascending
	winAfter []time.Duration // created → won, −1 when not won by asOf; aligned with ages
	amountOf []int64         // won amount in minor units, −1 when not won or no amount; aligned with ages
	amounts  []int64         // won amounts in minor units, sorted
	skipped  map[string]int64
}

// LearnNewDeals learns a NewDeals in currency cur from the deals of
// history created before asOf, each seen through Deal.AsOf(asOf) (see
// NewDeals for the spans). Deals whose amount is in another currency, or
// not in int64 minor units, are left out of every figure and counted by
// Skipped. A won deal with no amount (the zero Money) counts for the
// rate, the win rate and the timing but not for the amounts (an unknown
// amount is not a zero one); Skipped counts it under "no amount". It
// panics if opt.Lookback or opt.RateWindow is negative or cur is not a
// known currency.
func LearnNewDeals(history []sp.Deal, asOf time.Time, cur sp.Currency, opt NewDealsOptions) *NewDeals {
	if opt.Lookback < 0 {
		panic(fmt.Sprintf("forecast: negative Lookback %v", opt.Lookback))
	}
	if opt.RateWindow < 0 {
		panic(fmt.Sprintf("forecast: negative RateWindow %v", opt.RateWindow))
	}
	if !cur.Known() {
		panic(fmt.Sprintf("forecast: unknown currency %q", cur))
	}
	n := &NewDeals{currency: cur, asOf: asOf, lookback: opt.Lookback, window: opt.RateWindow, skipped: map[string]int64{}}
	if n.lookback == 0 {
		n.lookback = DefaultLookback
	}
	if n.window == 0 {
		n.window = DefaultRateWindow
	}
	// The history's span: from its earliest creation to asOf.
	span := time.Duration(0)
	for i := range history {
		d := &history[i]
		if !d.Created.IsZero() && d.Created.Before(asOf) {
			span = max(span, asOf.Sub(d.Created))
		}
	}
	n.lookback = min(n.lookback, span)
	n.window = min(n.window, n.lookback)
	start := asOf.Add(-n.lookback)
	type rec struct {
		age, win time.Duration
		amount   int64
	}
	var recs []rec
	first := false // the deal created first is one of the model's deals
	for i := range history {
		d, ok := history[i].AsOf(asOf)
		if !ok || d.Created.IsZero() || d.Created.Before(start) || !d.Created.Before(asOf) {
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
		r := rec{age: asOf.Sub(d.Created), win: -1, amount: -1}
		if d.Status == sp.Won {
			r.win = max(d.Closed.Sub(d.Created), 0)
			if d.Amount.Currency() == "" && d.Amount.IsZero() {
				// Won with no amount recorded: the win counts for the rate
				// and the timing, but an unknown amount is not a zero one.
				n.skipped[mcNoAmount]++
			} else {
				n.amounts = append(n.amounts, minor)
				r.amount = minor
			}
		}
		if r.age <= n.window {
			n.recent++
		}
		if r.age == span {
			first = true
		}
		recs = append(recs, r)
	}
	if first && n.window == span {
		// The rate window reaches back to the history's first creation:
		// that deal marks the start of the history, it is not an arrival
		// in it (counted, it would make one deal created an hour ago a
		// rate of 24 a day).
		n.recent--
	}
	slices.SortFunc(recs, func(a, b rec) int {
		if a.age != b.age {
			return mcCmpDur(a.age, b.age)
		}
		if a.win != b.win {
			return mcCmpDur(a.win, b.win)
		}
		return mcCmpDur(time.Duration(a.amount), time.Duration(b.amount))
	})
	for _, r := range recs {
		n.ages = append(n.ages, r.age)
		n.winAfter = append(n.winAfter, r.win)
		n.amountOf = append(n.amountOf, r.amount)
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

// Created returns the number of deals created in the lookback L' (in
// the model's currency or without amount): n.
func (n *NewDeals) Created() int64 {
	if n == nil {
		return 0
	}
	return int64(len(n.ages))
}

// PerDay returns the rate of new deals in deals per 24 hours: n_R / R' ×
// 24h, the deals created in the rate window R' (see NewDeals) per day,
// the history's first deal not counted when R' reaches back to it. A nil
// model, or one without history, has rate 0.
func (n *NewDeals) PerDay() float64 {
	if n == nil || n.window <= 0 {
		return 0
	}
	return float64(n.recent) / (float64(n.window) / float64(mcDay))
}

// Spans returns the lookback L' and the rate window R' the model was
// learned over: the options' spans cut to the history (see NewDeals).
func (n *NewDeals) Spans() (lookback, rateWindow time.Duration) {
	if n == nil {
		return 0, 0
	}
	return n.lookback, n.window
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

// WonAmountsWithin returns A(x), the amounts a simulated new deal won
// within x of its creation draws from (see NewDeals): the amounts of the
// deals at least x old that were won within x of their creation, in
// ascending order. It is empty when there are none (the simulation then
// falls back as NewDeals says).
func (n *NewDeals) WonAmountsWithin(x time.Duration) []sp.Money {
	if n == nil {
		return nil
	}
	var out []int64
	i, _ := slices.BinarySearch(n.ages, x)
	for k := i; k < len(n.ages); k++ {
		if w := n.winAfter[k]; w >= 0 && w <= x && n.amountOf[k] >= 0 {
			out = append(out, n.amountOf[k])
		}
	}
	if len(out) == 0 {
		return nil
	}
	slices.Sort(out)
	m := make([]sp.Money, len(out))
	for k, v := range out {
		m[k] = sp.NewMoney(v, n.currency)
	}
	return m
}

// PeriodFactor returns c, the period factor of a forecast of the period
// [from, to) made at the model's asOf (see NewDeals): the deals won by
// the end of the same window of past periods, over what w × G predicts
// for them. It is 1 when the model adds nothing to the period (no rate,
// win or amount, or the period ends by asOf) or no past window fits in
// the lookback.
func (n *NewDeals) PeriodFactor(from, to time.Time) float64 {
	if n == nil {
		return 1
	}
	start := from
	if n.asOf.After(start) {
		start = n.asOf
	}
	p, ok := n.plan(from, start, to)
	if !ok {
		return 1
	}
	return p.factor
}

// NewDealsMean is what a NewDeals expects the deals not created yet to
// bring to a period (NewDeals.Expect): the means the simulation draws
// around.
type NewDealsMean struct {
	// Created is the expected number of deals created in the window
	// [max(from, asOf), to) of W days: λ × W.
	Created float64
	// Won is the expected number of them won in the period:
	// λ × ∫₀^W w × min(1, c × G(x)) dx.
	Won float64
	// WonCurve is Won without the period factor (c = 1):
	// λ × ∫₀^W w × min(1, G(x)) dx.
	WonCurve float64
	// Revenue is the expected won amount in minor units:
	// λ × ∫₀^W w × min(1, c × G(x)) × mean A(⌈x⌉) dx.
	Revenue float64
	// Factor is the period factor c.
	Factor float64
}

// Expect returns the mean contribution of the deals not created yet to
// the period [from, to) forecast at the model's asOf (see NewDeals and
// NewDealsMean): G is linear between whole days, so each integral is
// exact (the cap min(1, ·) is split where it is reached). It is the zero
// NewDealsMean with Factor 1 when the model adds nothing.
func (n *NewDeals) Expect(from, to time.Time) NewDealsMean {
	if n == nil {
		return NewDealsMean{Factor: 1}
	}
	start := from
	if n.asOf.After(start) {
		start = n.asOf
	}
	p, ok := n.plan(from, start, to)
	if !ok {
		return NewDealsMean{Factor: 1}
	}
	lam := p.rate * mcDay.Seconds() // per day
	width := p.window / mcDay.Seconds()
	out := NewDealsMean{Created: lam * width, Factor: p.factor}
	for i := 0; float64(i) < width; i++ {
		hi := min(float64(i+1), width) - float64(i) // the segment [i, i + hi] in days
		g0, g1 := p.g[i], p.g[i+1]
		g1 = g0 + hi*(g1-g0) // G at the segment's end
		capped := mcCappedMean(p.factor*g0, p.factor*g1) * hi
		won := p.win * capped
		out.Won += lam * won
		out.WonCurve += lam * p.win * mcCappedMean(g0, g1) * hi
		pool := p.pools[i+1]
		var sum float64
		for _, v := range pool {
			sum += float64(v)
		}
		out.Revenue += lam * won * sum / float64(len(pool))
	}
	return out
}

// mcCappedMean returns the mean of min(1, y) over a segment on which y
// goes linearly from a to b.
func mcCappedMean(a, b float64) float64 {
	switch {
	case a <= 1 && b <= 1:
		return (a + b) / 2
	case a >= 1 && b >= 1:
		return 1
	}
	lo, hi := min(a, b), max(a, b)
	t := (1 - lo) / (hi - lo) // share of the segment below the cap
	return t*(lo+1)/2 + (1 - t)
}

// mcNewPlan is a NewDeals prepared for one simulation window.
type mcNewPlan struct {
	rate   float64   // deals per second of the window
	window float64   // seconds of the window [max(from, asOf), to)
	win    float64   // w
	g      []float64 // G at whole days 0, 1, … from the end of the window backward
	pools  [][]int64 // A at whole days 0, 1, …, as g (never empty)
	factor float64   // c, the period factor
}

// plan prepares the model for the window [start, end) of the period
// [from, end); ok is false when the model can add nothing (no rate, no
// window, no win, no amounts).
func (n *NewDeals) plan(from, start, end time.Time) (mcNewPlan, bool) {
	if n == nil || n.recent == 0 || len(n.amounts) == 0 || !start.Before(end) {
		return mcNewPlan{}, false
	}
	w, ok := n.WonWithin(n.lookback / 2)
	if !ok || w == 0 {
		return mcNewPlan{}, false
	}
	width := end.Sub(start)
	days := int(math.Ceil(float64(width)/float64(mcDay))) + 1
	g := make([]float64, days)
	pools := make([][]int64, days)
	prev := 0.0
	var last []int64
	for i := range g {
		x := time.Duration(i) * mcDay
		f, ok := n.WonWithin(x)
		if !ok {
			f = prev // no deal that old: keep the last estimate
		}
		f = max(f, prev)
		prev = f
		g[i] = min(1, f/w)
		var pool []int64
		j, _ := slices.BinarySearch(n.ages, x)
		for k := j; k < len(n.ages); k++ {
			if v := n.winAfter[k]; v >= 0 && v <= x && n.amountOf[k] >= 0 {
				pool = append(pool, n.amountOf[k])
			}
		}
		if len(pool) > 0 {
			last = pool
		}
		pools[i] = last
	}
	for i := range pools {
		if pools[i] == nil {
			pools[i] = n.amounts // no quick win with an amount yet
		}
	}
	p := mcNewPlan{
		rate:   n.PerDay() / mcDay.Seconds(),
		window: width.Seconds(),
		win:    w,
		g:      g,
		pools:  pools,
	}
	p.factor = n.periodFactor(&p, end.Sub(from), start.Sub(n.asOf), end.Sub(n.asOf))
	return p, true
}

// periodFactor returns c = O / E over the past windows [start − kΔ,
// end − kΔ), k = 1, 2, … (Δ the period's length; a and b the window's
// start and end after asOf) that end by asOf and start inside the
// lookback: O the deals created in them and won by their end, E the sum
// of w × G(x) over the same deals, x from creation to the window's end.
// It is 1 when there is no such window or E = 0.
func (n *NewDeals) periodFactor(p *mcNewPlan, period, a, b time.Duration) float64 {
	var obs, exp float64
	for k := time.Duration(1); period > 0; k++ {
		// The window k periods back, in ages: created at age in (lo, hi].
		lo, hi := k*period-b, k*period-a
		if lo < 0 {
			continue // not over by asOf
		}
		if hi > n.lookback {
			break
		}
		i, _ := slices.BinarySearch(n.ages, lo+1)
		for ; i < len(n.ages) && n.ages[i] <= hi; i++ {
			x := n.ages[i] - lo // from creation to the window's end
			exp += p.win * p.at(x.Seconds())
			if v := n.winAfter[i]; v >= 0 && v < x {
				obs++
			}
		}
	}
	if exp == 0 {
		return 1
	}
	return obs / exp
}

// at returns G(x) for x seconds, interpolated between whole days.
func (p *mcNewPlan) at(x float64) float64 {
	d := x / mcDay.Seconds()
	i := int(d)
	if i >= len(p.g)-1 {
		return p.g[len(p.g)-1]
	}
	f := d - float64(i)
	return p.g[i] + f*(p.g[i+1]-p.g[i])
}

// within returns min(1, c × G(x)) for x seconds before the end of the
// window, and the amounts A(⌈x⌉) of a win.
func (p *mcNewPlan) within(x float64) (float64, []int64) {
	d := x / mcDay.Seconds()
	up := min(int(math.Ceil(d)), len(p.pools)-1)
	return min(1, p.factor*p.at(x)), p.pools[up]
}
