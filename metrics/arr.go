package metrics

import (
	"cmp"
	"math"
	"slices"
	"strings"

	sp "github.com/salesperf/salesperf"
)

// ARR is the annual recurring revenue in force on day on, per currency:
// Σ over the subscriptions active on that day of Subscription.ARROn(on) =
// the recurring amount on that day × 12 / billing months (exact for
// monthly, quarterly, half-yearly and annual billing; rounded with mode to
// the currency's minor unit otherwise, as ARROn says). Upgrades and
// downgrades count from their day on; a subscription ending on day E
// counts up to E − 1. The ARR at the end of a period is the ARR on its
// last day (the closing of [ARRMovements]).
//
// The cohort is the day on, not the records: feed every subscription, the
// date decides which count. State and result: a [salesperf.Sum], exact,
// one total per currency; empty when no subscription is active on on
// (an active subscription of zero amount keeps its currency's entry). For
// the monthly figure, see [MRR]. ARR panics if mode is not a defined
// RoundingMode.
func ARR(on sp.Date, mode sp.RoundingMode) Aggregator[*sp.Subscription, sp.Sum, sp.Sum] {
	arrCheckMode("ARR", mode)
	on = on.AddDays(0)
	return Aggregator[*sp.Subscription, sp.Sum, sp.Sum]{
		Add: func(s *sp.Sum, sub *sp.Subscription) {
			if sub.Active(on) {
				s.Add(arrOn(sub, on, mode))
			}
		},
		Merge:  func(dst, src *sp.Sum) { dst.Merge(src) },
		Result: (*sp.Sum).Clone,
	}
}

// MRR is the monthly recurring revenue derived from an ARR (a result of
// [ARR]): each currency's total / 12, rounded to the currency's minor
// unit with mode. MRR is never summed on its own: it is computed from
// the exact ARR at presentation, so the MRR of merged parts is the MRR of
// the whole. The relation is exact before rounding (MRR × 12 = ARR) and
// within rounding after it: 12 × MRR differs from ARR by at most 6 minor
// units with a half-way mode (RoundHalfEven, RoundHalfUp, RoundHalfDown)
// and by at most 11 with a directed one; it equals ARR when ARR is a
// multiple of 12 minor units. An empty ARR gives an empty Sum. MRR panics
// if mode is not a defined RoundingMode.
func MRR(arr *sp.Sum, mode sp.RoundingMode) sp.Sum {
	arrCheckMode("MRR", mode)
	var m sp.Sum
	for t := range arr.All() {
		m.Add(t.Div(12, mode))
	}
	return m
}

// ARRMovements is the ARR bridge of the period [from, to), per currency:
// how each customer's ARR moved from the start of the period to its end,
// classified as new, reactivation, expansion, contraction or churn, so
// that
//
//	opening + new + reactivation + expansion − contraction − churn = closing
//
// exactly, to the minor unit, in each currency.
//
// Opening is a customer's total ARR (over all their subscriptions, as
// [ARR] computes it) at the start of the period: on day from − 1, before
// anything dated from. Closing is the total at the end of the period: on
// its last day, to − 1. So every start, end and change dated from
// through to − 1 moves ARR in this period; a subscription whose End is
// to still counts at closing and churns in the next period. The closing
// of one period is the opening of the next, and the opening and closing
// are [ARR] on from − 1 and on to − 1.
//
// Each customer, in each currency, is classified by comparing opening o
// with closing c (the usual period-end SaaS definition; what happened in
// between is not seen: a customer who upgrades and then cancels within
// the period is churn of o, one who starts and cancels within it is
// nothing):
//
//   - new: o = 0 and c > 0, and the customer had no ARR in that currency
//     on any day before from; amount c;
//   - reactivation: o = 0 and c > 0, and the customer had ARR before
//     (an earlier subscription that ended); amount c;
//   - expansion: c > o > 0; amount c − o;
//   - contraction: 0 < c < o; amount o − c (a cancelled subscription is
//     contraction, not churn, while the customer keeps another one);
//   - churn: o > 0 and c = 0; amount o;
//   - no movement when c = o (a switch from monthly to annual billing at
//     the same ARR moves nothing).
//
// Customers are told apart by Subscription.Customer, and currencies are
// kept apart: a customer is one (customer, currency) pair per currency,
// so a customer moving from USD to EUR contracts or churns in USD and is
// new (or reactivated) in EUR. Should invalid data give a negative ARR,
// the same rules by o = 0, c = 0, c > o and c < o still reconcile.
//
// Feed every subscription of the customers, whole histories included:
// the state keeps, per customer and currency, the exact opening and
// closing totals and whether they had ARR before from (which a
// subscription that ended long ago tells), so a customer's subscriptions
// may be spread over any partitions and the states merge exactly. The
// result is one [ARRBridge] per currency in which some customer has a
// non-zero opening or closing, sorted by currency; empty when none has.
//
// ARRMovements panics if from or to is the zero Date, if to is not after
// from, or if mode is not a defined RoundingMode (used by ARROn for
// billing periods that do not divide a year).
func ARRMovements(from, to sp.Date, mode sp.RoundingMode) Aggregator[*sp.Subscription, ARRMovementsState, []ARRBridge] {
	arrCheckMode("ARRMovements", mode)
	if from.IsZero() || to.IsZero() {
		panic("metrics: ARRMovements: zero date")
	}
	from, to = from.AddDays(0), to.AddDays(0)
	if !from.Before(to) {
		panic("metrics: ARRMovements: to " + to.String() + " is not after from " + from.String())
	}
	opening, closing := from.AddDays(-1), to.AddDays(-1)
	return Aggregator[*sp.Subscription, ARRMovementsState, []ARRBridge]{
		Add: func(s *ARRMovementsState, sub *sp.Subscription) {
			s.add(sub, opening, closing, from, mode)
		},
		Merge:  func(dst, src *ARRMovementsState) { dst.merge(src) },
		Result: func(s *ARRMovementsState) []ARRBridge { return s.bridges() },
	}
}

// ARRMovementsState is the partial state of [ARRMovements]: per customer,
// the exact opening and closing ARR per currency and the currencies in
// which the customer had ARR before the period. Its zero value is the
// empty state. It marshals to JSON. Only states of the same
// ARRMovements (same period) merge meaningfully.
type ARRMovementsState struct {
	Customers map[string]*CustomerARR `json:"customers,omitempty"`
}

// CustomerARR is one customer's part of an [ARRMovementsState]: the
// customer's total ARR per currency at the start of the period (Opening)
// and at its end (Closing), over the subscriptions folded so far, and
// Before, the currencies, sorted, in which one of them had ARR above zero
// on some day before the period. Opening and Closing only hold non-zero
// amounts added; parts merge by adding the totals and joining Before.
type CustomerARR struct {
	Opening sp.Sum        `json:"opening"`
	Closing sp.Sum        `json:"closing"`
	Before  []sp.Currency `json:"before,omitempty"`
}

// customer returns the entry of customer c, creating it.
func (s *ARRMovementsState) customer(c string) *CustomerARR {
	e := s.Customers[c]
	if e == nil {
		if s.Customers == nil {
			s.Customers = make(map[string]*CustomerARR)
		}
		e = new(CustomerARR)
		s.Customers[c] = e
	}
	return e
}

// markBefore records that the customer had ARR in cur before the period.
func (e *CustomerARR) markBefore(cur sp.Currency) {
	if i, found := slices.BinarySearch(e.Before, cur); !found {
		e.Before = slices.Insert(e.Before, i, cur)
	}
}

func (s *ARRMovementsState) add(sub *sp.Subscription, opening, closing, from sp.Date, mode sp.RoundingMode) {
	var e *CustomerARR
	o := arrOn(sub, opening, mode)
	if o.Sign() != 0 {
		e = s.customer(sub.Customer)
		e.Opening.Add(o)
	}
	if c := arrOn(sub, closing, mode); c.Sign() != 0 {
		if e == nil {
			e = s.customer(sub.Customer)
		}
		e.Closing.Add(c)
	}
	if !sub.Start.Before(from) {
		return
	}
	// Had ARR before from? ARR is constant from the subscription's start
	// and from each change: it had some if it had some on one of those
	// days. In the usual case of a subscription in one currency, a
	// positive opening or a currency already marked settles it, and the
	// first positive day ends the search.
	cur, single := sub.Amount.Currency(), true
	for _, c := range sub.Changes {
		single = single && c.Amount.Currency() == cur
	}
	if single && o.Sign() > 0 {
		e.markBefore(cur)
		return
	}
	if single && e != nil && slices.Contains(e.Before, cur) {
		return
	}
	mark := func(d sp.Date) bool {
		a := arrOn(sub, d, mode)
		if a.Sign() <= 0 {
			return false
		}
		if e == nil {
			e = s.customer(sub.Customer)
		}
		e.markBefore(a.Currency())
		return single
	}
	if mark(sub.Start) {
		return
	}
	for _, c := range sub.Changes {
		if c.From.After(sub.Start) && c.From.Before(from) && mark(c.From) {
			return
		}
	}
}

func (s *ARRMovementsState) merge(src *ARRMovementsState) {
	for c, se := range src.Customers {
		e := s.customer(c)
		if e == se {
			continue // merging a state into itself: nothing new to join
		}
		e.Opening.Merge(&se.Opening)
		e.Closing.Merge(&se.Closing)
		for _, cur := range se.Before {
			e.markBefore(cur)
		}
	}
}

// bridges classifies every customer and totals the movements per
// currency.
func (s *ARRMovementsState) bridges() []ARRBridge {
	type totals struct {
		opening, new, reactivation, expansion, contraction, churn, closing sp.Sum
		n                                                                  ARRCustomers
	}
	byCur := make(map[sp.Currency]*totals)
	for _, e := range s.Customers {
		classify := func(cur sp.Currency) {
			t := byCur[cur]
			if t == nil {
				t = new(totals)
				byCur[cur] = t
			}
			o, c := e.Opening.Of(cur), e.Closing.Of(cur)
			t.opening.Add(o)
			t.closing.Add(c)
			if o.Sign() != 0 {
				t.n.Opening++
			}
			if c.Sign() != 0 {
				t.n.Closing++
			}
			switch d, _ := c.Cmp(o); {
			case d == 0:
			case o.Sign() == 0 && slices.Contains(e.Before, cur):
				t.reactivation.Add(c)
				t.n.Reactivation++
			case o.Sign() == 0:
				t.new.Add(c)
				t.n.New++
			case c.Sign() == 0:
				t.churn.Add(o)
				t.n.Churn++
			case d > 0:
				t.expansion.Add(c)
				t.expansion.Add(o.Neg())
				t.n.Expansion++
			default:
				t.contraction.Add(o)
				t.contraction.Add(c.Neg())
				t.n.Contraction++
			}
		}
		if e.Opening.Len() <= 1 && e.Closing.Len() <= 1 { // the usual case
			o, _ := e.Opening.Single()
			c, _ := e.Closing.Single()
			if o.Currency() != "" {
				classify(o.Currency())
			}
			if c.Currency() != "" && c.Currency() != o.Currency() {
				classify(c.Currency())
			}
			continue
		}
		for m := range e.Opening.All() {
			classify(m.Currency())
		}
		for m := range e.Closing.All() {
			if !arrHas(&e.Opening, m.Currency()) {
				classify(m.Currency())
			}
		}
	}
	if len(byCur) == 0 {
		return nil
	}
	out := make([]ARRBridge, 0, len(byCur))
	for cur, t := range byCur {
		out = append(out, ARRBridge{
			Currency:     cur,
			Opening:      t.opening.Of(cur),
			New:          t.new.Of(cur),
			Reactivation: t.reactivation.Of(cur),
			Expansion:    t.expansion.Of(cur),
			Contraction:  t.contraction.Of(cur),
			Churn:        t.churn.Of(cur),
			Closing:      t.closing.Of(cur),
			Customers:    t.n,
		})
	}
	slices.SortFunc(out, func(a, b ARRBridge) int { return cmp.Compare(a.Currency, b.Currency) })
	return out
}

// arrHas reports whether s has an entry for cur.
func arrHas(s *sp.Sum, cur sp.Currency) bool {
	for m := range s.All() {
		if m.Currency() == cur {
			return true
		}
	}
	return false
}

// ARRBridge is the ARR bridge (or waterfall) of one currency over a
// period, as [ARRMovements] computes it: the ARR at the start of the
// period, the movements, and the ARR at its end. Contraction and Churn
// are amounts lost, positive; the bridge reconciles exactly:
//
//	Opening + New + Reactivation + Expansion − Contraction − Churn = Closing
//
// Every amount is in Currency (zero in it when nothing moved). Customers
// counts the customers on each line.
type ARRBridge struct {
	Currency     sp.Currency
	Opening      sp.Money // ARR at the start of the period (day from − 1)
	New          sp.Money // ARR of customers with none at the start and none ever before
	Reactivation sp.Money // ARR of customers with none at the start who had some before
	Expansion    sp.Money // growth of customers with ARR at both ends
	Contraction  sp.Money // decrease of customers still with ARR at the end
	Churn        sp.Money // opening ARR of customers with none at the end
	Closing      sp.Money // ARR at the end of the period (day to − 1)
	Customers    ARRCustomers
}

// ARRCustomers counts the customers of an [ARRBridge]: those with ARR at
// the start (Opening) and at the end (Closing) of the period, and those
// classified on each movement line. Opening + New + Reactivation − Churn
// = Closing.
type ARRCustomers struct {
	Opening, New, Reactivation, Expansion, Contraction, Churn, Closing int64
}

// NRR is the net revenue retention of the period: the share of the
// opening ARR kept by the customers who had ARR at the start, with their
// upgrades and downgrades,
//
//	NRR = (Opening − Contraction − Churn + Expansion) / Opening
//
// (which is their closing ARR over their opening ARR). New and
// reactivated customers are left out. It can exceed 100%. The result is
// an exact [AmountRate]; it has no value when Opening is zero.
func (b ARRBridge) NRR() AmountRate {
	r := b.GRR()
	r.Num.Add(b.Expansion)
	return r
}

// GRR is the gross revenue retention of the period: the share of the
// opening ARR kept, counting losses but not expansion,
//
//	GRR = (Opening − Contraction − Churn) / Opening
//
// at most 100%. New and reactivated customers are left out. The result is
// an exact [AmountRate]; it has no value when Opening is zero.
func (b ARRBridge) GRR() AmountRate {
	var r AmountRate
	r.Den.Add(b.Opening)
	r.Num.Add(b.Opening)
	r.Num.Add(b.Contraction.Neg())
	r.Num.Add(b.Churn.Neg())
	return r
}

// String writes the bridge as its reconciliation line, "opening 1000.00
// + new 200.00 + reactivation 0.00 + expansion 50.00 − contraction 20.00
// − churn 100.00 = closing 1130.00 USD".
func (b ARRBridge) String() string {
	var w strings.Builder
	for _, p := range []struct {
		sep, name string
		m         sp.Money
	}{
		{"", "opening ", b.Opening}, {" + ", "new ", b.New}, {" + ", "reactivation ", b.Reactivation},
		{" + ", "expansion ", b.Expansion}, {" − ", "contraction ", b.Contraction}, {" − ", "churn ", b.Churn},
		{" = ", "closing ", b.Closing},
	} {
		w.WriteString(p.sep + p.name + p.m.Amount())
	}
	w.WriteString(" " + string(b.Currency))
	return w.String()
}

// arrOn is sub.ARROn(d, mode), with a fast path that skips decimal
// arithmetic for an amount in int64 minor units billed over a period that
// divides a year (the product is exact, as ARROn's is).
func arrOn(sub *sp.Subscription, d sp.Date, mode sp.RoundingMode) sp.Money {
	months := sub.BillingMonths
	if months == 0 {
		months = 12
	}
	if months > 0 && 12%months == 0 {
		a := sub.AmountOn(d)
		if minor, ok := a.Minor(); ok && minor <= math.MaxInt64/12 && minor >= -math.MaxInt64/12 {
			return sp.NewMoney(minor*int64(12/months), a.Currency())
		}
	}
	return sub.ARROn(d, mode)
}

// arrCheckMode panics, naming fn, if mode is not a defined RoundingMode.
func arrCheckMode(fn string, mode sp.RoundingMode) {
	if mode < sp.RoundHalfEven || mode > sp.RoundFloor {
		panic("metrics: " + fn + ": invalid rounding mode " + mode.String())
	}
}
