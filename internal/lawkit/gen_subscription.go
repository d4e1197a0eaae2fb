package lawkit

import (
	"fmt"
	"math"
	"slices"

	sp "github.com/salesperf/salesperf"
	"pgregory.net/rapid"
)

// Subscription draws a subscription for ARR laws: customers among a
// handful, so that customers have several subscriptions, some ended
// before others start (reactivations after a gap) and some overlapping;
// monthly, quarterly, annual (as 12 or 0) and now and then 7-monthly
// billing (whose ARR is rounded); starts from 2024 to 2026, ends (or
// none) after them; up to three upgrades and downgrades in date order
// inside the subscription; amounts in USD or EUR — mostly ordinary, some
// zero, now and then so large that ARR totals spill beyond int64. The
// subscriptions are valid.
func Subscription() *rapid.Generator[*sp.Subscription] {
	return rapid.Custom(func(t *rapid.T) *sp.Subscription {
		cur := sp.Currency(rapid.SampledFrom([]string{"USD", "USD", "USD", "EUR"}).Draw(t, "currency"))
		amount := func(label string) sp.Money {
			var minor int64
			switch rapid.IntRange(0, 19).Draw(t, label+"-size") {
			case 0:
				minor = math.MaxInt64/4 - rapid.Int64Range(0, 1000).Draw(t, label+"-big")
			case 1, 2:
				minor = 0
			default:
				minor = rapid.Int64Range(1, 10_000_00).Draw(t, label)
			}
			return sp.NewMoney(minor, cur)
		}
		start := sp.Date{Year: 2024, Month: 1, Day: 1}.AddDays(rapid.IntRange(0, 1000).Draw(t, "start"))
		s := &sp.Subscription{
			ID:            fmt.Sprint(rapid.IntRange(1, 1_000_000).Draw(t, "id")),
			Customer:      rapid.SampledFrom([]string{"acme", "globex", "initech", "umbrella", "hooli"}).Draw(t, "customer"),
			Amount:        amount("amount"),
			BillingMonths: rapid.SampledFrom([]int{1, 1, 12, 0, 3, 7}).Draw(t, "billing"),
			Start:         start,
		}
		length := 0 // days; 0 while active
		if rapid.IntRange(0, 9).Draw(t, "ended") < 6 {
			length = rapid.IntRange(1, 500).Draw(t, "length")
			s.End = start.AddDays(length)
		}
		span := length - 1 // changes fall on days Start+1 … End−1
		if length == 0 {
			span = 600
		}
		if span > 0 {
			offsets := rapid.SliceOfNDistinct(rapid.IntRange(1, span), 0, min(3, span), rapid.ID[int]).Draw(t, "changes")
			slices.Sort(offsets)
			for i, o := range offsets {
				s.Changes = append(s.Changes, sp.SubscriptionChange{From: start.AddDays(o), Amount: amount(fmt.Sprint("change", i))})
			}
		}
		return s
	})
}
