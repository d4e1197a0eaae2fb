package salesperf

import "github.com/shopspring/decimal"

// Subscription is a customer's recurring contract, for ARR and its
// movements (new, expansion, contraction, churn, reactivation). Amount is
// charged every BillingMonths months (0 means 12: an annual amount); it
// runs from Start (inclusive) until End (exclusive; zero while active).
// Changes are upgrades and downgrades: from each change's From on, the
// recurring amount is the change's Amount, in date order.
type Subscription struct {
	ID            string
	Customer      string
	Amount        Money // recurring amount per billing period, from Start
	BillingMonths int   // months per billing period: 1 monthly, 3 quarterly, 12 annual; 0 means 12
	Start         Date
	End           Date // first day no longer active; zero while active
	Changes       []SubscriptionChange
}

// SubscriptionChange sets a subscription's recurring amount per billing
// period to Amount from day From on (an upgrade, add-on, or downgrade).
type SubscriptionChange struct {
	From   Date
	Amount Money
}

// Active reports whether the subscription runs on day d: Start ≤ d < End.
func (s *Subscription) Active(d Date) bool {
	return !d.Before(s.Start) && (s.End.IsZero() || d.Before(s.End))
}

// AmountOn returns the recurring amount per billing period on day d: the
// last change dated on or before d, else Amount. It is the zero Money in
// the subscription's currency when the subscription is not active on d.
// Changes are assumed in date order, as Validate checks.
func (s *Subscription) AmountOn(d Date) Money {
	if !s.Active(d) {
		return NewMoney(0, s.Amount.Currency())
	}
	m := s.Amount
	for _, c := range s.Changes {
		if d.Before(c.From) {
			break
		}
		m = c.Amount
	}
	return m
}

// ARROn returns the annual recurring revenue of the subscription on day d:
// AmountOn(d) × 12 / BillingMonths. The division is exact when
// BillingMonths divides 12 (monthly, quarterly, half-yearly, annual);
// otherwise it is rounded to the currency's minor unit with mode.
func (s *Subscription) ARROn(d Date, mode RoundingMode) Money {
	m := s.AmountOn(d)
	months := s.BillingMonths
	if months == 0 {
		months = 12
	}
	if 12%months == 0 {
		return m.Mul(decimal.NewFromInt(int64(12/months)), mode)
	}
	return m.Mul(decimal.NewFromInt(12), mode).Div(int64(months), mode)
}
