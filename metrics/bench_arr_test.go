package metrics_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/shopspring/decimal"
)

// benchSubscriptions returns n subscriptions of n/5 customers, seeded:
// monthly or annual, in USD (9 in 10) or EUR, starting 2023–2026, four in
// ten ended, up to two changes each.
func benchSubscriptions(n int) []sp.Subscription {
	r := rand.New(rand.NewPCG(4, 5))
	subs := make([]sp.Subscription, n)
	customers := make([]string, max(1, n/5))
	for i := range customers {
		customers[i] = fmt.Sprintf("c%05d", i)
	}
	base := arrDate(2023, 1, 1)
	for i := range subs {
		cur := sp.Currency("USD")
		if r.IntN(10) == 0 {
			cur = "EUR"
		}
		start := base.AddDays(r.IntN(1200))
		s := sp.Subscription{
			ID:            fmt.Sprint(i),
			Customer:      customers[r.IntN(len(customers))],
			Amount:        sp.NewMoney(r.Int64N(500_000)+1000, cur),
			BillingMonths: []int{1, 12}[r.IntN(2)],
			Start:         start,
		}
		if r.IntN(10) < 4 {
			s.End = start.AddDays(30 + r.IntN(700))
		}
		from := start
		for range r.IntN(3) {
			from = from.AddDays(1 + r.IntN(200))
			if !s.End.IsZero() && !from.Before(s.End) {
				break
			}
			s.Changes = append(s.Changes, sp.SubscriptionChange{From: from, Amount: sp.NewMoney(r.Int64N(500_000)+1000, cur)})
		}
		subs[i] = s
	}
	return subs
}

// BenchmarkARR folds 100,000 subscriptions into the ARR on a date: through
// the public API, beside a naive loop on decimals and a hand-tuned loop on
// int64 minor units (which assumes amounts in the fast form).
func BenchmarkARR(b *testing.B) {
	subs := benchSubscriptions(100_000)
	on := arrDate(2025, 6, 30)
	b.Run("metrics.ARR", func(b *testing.B) {
		agg := metrics.ARR(on, sp.RoundHalfEven)
		b.ReportAllocs()
		for b.Loop() {
			s := agg.Fold(metrics.Refs(subs))
			_ = agg.Result(&s)
		}
	})
	b.Run("naive-decimal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			tot := map[sp.Currency]decimal.Decimal{}
			for i := range subs {
				s := &subs[i]
				if !s.Active(on) {
					continue
				}
				a := s.AmountOn(on)
				tot[a.Currency()] = tot[a.Currency()].Add(a.Decimal().Mul(decimal.NewFromInt(12)).Div(decimal.NewFromInt(int64(s.BillingMonths))))
			}
		}
	})
	b.Run("hand-int64", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var usd, eur int64
			for i := range subs {
				s := &subs[i]
				if !s.Active(on) {
					continue
				}
				minor, _ := s.AmountOn(on).Minor()
				minor *= int64(12 / s.BillingMonths)
				if s.Amount.Currency() == "USD" {
					usd += minor
				} else {
					eur += minor
				}
			}
			_, _ = usd, eur
		}
	})
}

// BenchmarkARRMovements folds 100,000 subscriptions of 20,000 customers
// into a quarter's ARR bridge: through the public API, beside a naive
// loop on decimals and maps.
func BenchmarkARRMovements(b *testing.B) {
	subs := benchSubscriptions(100_000)
	from, to := arrDate(2025, 4, 1), arrDate(2025, 7, 1)
	b.Run("metrics.ARRMovements", func(b *testing.B) {
		agg := metrics.ARRMovements(from, to, sp.RoundHalfEven)
		b.ReportAllocs()
		for b.Loop() {
			s := agg.Fold(metrics.Refs(subs))
			_ = agg.Result(&s)
		}
	})
	b.Run("naive-decimal", func(b *testing.B) {
		type key struct {
			customer string
			cur      sp.Currency
		}
		type ends struct {
			o, c   decimal.Decimal
			before bool
		}
		arr := func(s *sp.Subscription, d sp.Date) decimal.Decimal {
			return s.AmountOn(d).Decimal().Mul(decimal.NewFromInt(12)).Div(decimal.NewFromInt(int64(s.BillingMonths)))
		}
		open, last := from.AddDays(-1), to.AddDays(-1)
		b.ReportAllocs()
		for b.Loop() {
			per := map[key]*ends{}
			for i := range subs {
				s := &subs[i]
				k := key{s.Customer, s.Amount.Currency()}
				e := per[k]
				if e == nil {
					e = &ends{}
					per[k] = e
				}
				e.o = e.o.Add(arr(s, open))
				e.c = e.c.Add(arr(s, last))
				e.before = e.before || s.Start.Before(from)
			}
			var newARR, churn decimal.Decimal
			for _, e := range per {
				switch {
				case e.o.IsZero() && !e.c.IsZero():
					newARR = newARR.Add(e.c)
				case !e.o.IsZero() && e.c.IsZero():
					churn = churn.Add(e.o)
				}
			}
			_, _ = newARR, churn
		}
	})
}
