package synth

import (
	"cmp"
	"math"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
)

// sub is a subscription while it is being generated.
type sub struct {
	acct       *account
	billing    int
	start, end sp.Date
	amount     int64 // initial amount per billing period, minor units
	cur        int64 // amount now, as the simulation goes
	changes    []sp.SubscriptionChange
	product    string
	nextAnniv  int  // years after start of the next anniversary
	noRenewals bool // no more renewal deals (past the span, or one still open)
}

func (s *sub) active(d sp.Date) bool {
	return !d.Before(s.start) && (s.end.IsZero() || d.Before(s.end))
}

func (s *sub) change(from sp.Date, amount int64) {
	if amount == s.cur {
		return
	}
	s.cur = amount
	if !from.After(s.start) {
		s.amount = amount
		return
	}
	if n := len(s.changes); n > 0 && s.changes[n-1].From == from {
		s.changes = s.changes[:n-1]
	}
	s.changes = append(s.changes, sp.SubscriptionChange{From: from, Amount: money(amount, currencyOf(s.acct.region))})
}

// perPeriod converts an annual amount to the amount per billing period.
func perPeriod(annual int64, billing int) int64 {
	return int64(math.Round(float64(annual) * float64(billing) / 12))
}

func (g *gen) newSub(a *account, start sp.Date, annual int64, product string) *sub {
	s := &sub{acct: a, start: start, billing: 12, product: product}
	if g.r.chance(0.4) {
		s.billing = 1
	}
	s.amount = perPeriod(annual, s.billing)
	s.cur = s.amount
	asOf := g.dateOf(g.asOf)
	if s.billing == 1 {
		if g.r.chance(0.22) {
			if e := start.AddDays(g.r.between(120, 700)); e.Before(asOf) {
				s.end = e
			}
		}
	}
	a.subs = append(a.subs, s)
	g.subs = append(g.subs, s)
	return s
}

func roundCents(x float64) int64 { return int64(math.Round(x/100)) * 100 }

// subscriptions simulates each account's subscriptions over time: existing
// customers from before the span, new ones from won New Business deals,
// upgrades from later wins, annual renewals as Renewal deals (churn when
// lost), monthly cancellations, and reactivations (a churned customer who
// wins again).
func (g *gen) subscriptions() {
	wins := make(map[*account][]*deal)
	for _, d := range g.deals {
		if d.Status == sp.Won {
			wins[d.acct] = append(wins[d.acct], d)
		}
	}
	asOf := g.dateOf(g.asOf)
	for _, a := range g.accts {
		t := g.teamOf(a.home, spanStart)
		a.product = products[g.r.pick(t.products)]
		if g.r.chance(0.36) {
			start := sp.Date{Year: 2022, Month: time.January, Day: 15}.AddDays(g.r.IntN(745))
			g.newSub(a, start, roundTo(g.r.lognormal(float64(14000*t.sizeFactor), 0.7), 100), a.product)
		}
		ws := wins[a]
		slices.SortStableFunc(ws, func(x, y *deal) int { return x.Closed.Compare(y.Closed) })
		for {
			var s *sub
			if n := len(a.subs); n > 0 {
				s = a.subs[n-1]
			}
			var ann sp.Date
			hasAnn := s != nil && s.billing == 12 && s.end.IsZero() && !s.noRenewals
			if hasAnn {
				ann = s.start.AddMonths(12 * (s.nextAnniv + 1))
			}
			var win *deal
			var eff sp.Date
			if len(ws) > 0 {
				win, eff = ws[0], g.dateOf(ws[0].Closed).AddDays(1)
			}
			switch {
			case hasAnn && (win == nil || ann.Before(eff)):
				s.nextAnniv++
				g.renewal(s, ann)
			case win != nil:
				ws = ws[1:]
				annual, _ := win.Amount.Minor()
				switch {
				case s != nil && s.active(eff):
					s.change(eff, s.cur+perPeriod(annual, s.billing))
				case s != nil && eff.Before(s.start):
					s.amount += perPeriod(annual, s.billing)
					s.cur += perPeriod(annual, s.billing)
				case g.r.chance(map[bool]float64{false: 0.62, true: 0.3}[s != nil]):
					start := eff.AddDays(g.r.IntN(14))
					if !start.Before(asOf) {
						start = eff
					}
					g.newSub(a, start, annual, win.Product)
				}
			default:
				goto next
			}
		}
	next:
	}
	// Some monthly customers downgrade.
	for _, s := range g.subs {
		if s.billing != 1 || !g.r.chance(0.15) {
			continue
		}
		from := s.start.AddDays(60)
		if n := len(s.changes); n > 0 {
			from = s.changes[n-1].From.AddDays(30)
		}
		last := asOf
		if !s.end.IsZero() {
			last = s.end
		}
		if n := from.DaysUntil(last); n > 1 {
			s.change(from.AddDays(g.r.IntN(n)), roundCents(float64(s.cur)*(0.7+float64(0.2*g.r.Float64()))))
		}
	}
	slices.SortStableFunc(g.subs, func(x, y *sub) int {
		if c := x.start.Compare(y.start); c != 0 {
			return c
		}
		return cmp.Compare(x.acct.name, y.acct.name)
	})
	for i, s := range g.subs {
		g.ds.Subscriptions = append(g.ds.Subscriptions, sp.Subscription{
			ID: id("S", 3, i+1), Customer: s.acct.name, Amount: money(s.amount, currencyOf(s.acct.region)),
			BillingMonths: s.billing, Start: s.start, End: s.end, Changes: s.changes,
		})
	}
}

// renewal makes the Renewal deal for an annual subscription's anniversary
// ann, and applies its outcome: a renewal (perhaps at a new price) or churn.
func (g *gen) renewal(s *sub, ann sp.Date) {
	a := s.acct
	createdDay := ann.AddDays(-g.r.between(60, 80))
	for weekend(createdDay) {
		createdDay = createdDay.AddDays(1)
	}
	if createdDay.Before(spanStart) {
		return // renewed before the span, without a deal on record
	}
	if !createdDay.Before(spanEnd) {
		s.noRenewals = true
		return
	}
	owner := g.homeRep(a, createdDay)
	r := g.repByID[owner]
	created := g.workTime(createdDay)
	closeDay := ann.AddDays(g.r.between(-25, 5))
	for weekend(closeDay) {
		closeDay = closeDay.AddDays(1)
	}
	closeAt := g.workTime(closeDay)
	won := g.r.chance(0.84 + float64(0.3*(r.win-0.3)))
	cur := currencyOf(a.region)
	d := &deal{acct: a, Deal: sp.Deal{
		Owner: owner, Pipeline: renewal, Created: created,
		Region: a.region, Industry: a.industry, Product: s.product, Account: a.name,
		Attrs: map[string]string{"Company size": a.size},
	}}
	n := 1
	if g.r.chance(0.9) {
		n = 2
	}
	at := g.spread(created, closeAt, n)
	for i := range n {
		if at[i].Before(g.asOf) {
			d.StageHistory = append(d.StageHistory, sp.StageChange{At: at[i], Stage: []string{due, quoted}[i]})
		}
	}
	arr := s.cur * int64(12/s.billing)
	final := arr
	if closeAt.Before(g.asOf) {
		d.Closed, d.end = closeAt, closeAt
		if won {
			d.Status = sp.Won
			d.StageHistory = append(d.StageHistory, sp.StageChange{At: closeAt, Stage: renewed})
			switch u := g.r.Float64(); {
			case u < 0.4:
				final = roundCents(float64(arr) * (1.03 + float64(0.07*g.r.Float64())))
			case u < 0.48:
				final = roundCents(float64(arr) * (0.7 + float64(0.2*g.r.Float64())))
			}
			s.change(ann, final)
		} else {
			d.Status = sp.Lost
			d.StageHistory = append(d.StageHistory, sp.StageChange{At: closeAt, Stage: churned})
			d.LostReason = churnReasons.draw(g.r)
			s.end = ann
		}
	} else {
		d.Status, d.end = sp.Open, g.asOf
		s.noRenewals = true
	}
	d.Stage = d.StageHistory[len(d.StageHistory)-1].Stage
	g.expected(d, ann, 0.1, 10, 30)
	d.Amount = money(final, cur)
	if final != arr {
		at := d.Created
		if len(d.StageHistory) > 1 {
			at = d.StageHistory[1].At
		}
		d.AmountHistory = []sp.AmountChange{{At: d.Created, Amount: money(arr, cur)}, {At: at, Amount: d.Amount}}
	}
	g.deals = append(g.deals, d)
}
