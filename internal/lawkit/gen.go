package lawkit

import (
	"fmt"
	"math"
	"time"

	sp "github.com/salesperf/salesperf"
	"pgregory.net/rapid"
)

// Deal draws a deal for aggregator laws: any status with dates to match,
// owners among a few reps, amounts in USD, EUR or JPY — mostly ordinary,
// sometimes near the int64 limit so that sums spill — sources and stages
// from small sets. The deals are valid unless stated otherwise; the laws
// do not need more.
func Deal() *rapid.Generator[*sp.Deal] {
	return rapid.Custom(func(t *rapid.T) *sp.Deal {
		created := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.Int64Range(0, 700*24*3600).Draw(t, "created")) * time.Second)
		d := &sp.Deal{
			ID:       fmt.Sprint(rapid.IntRange(1, 1_000_000).Draw(t, "id")),
			Owner:    rapid.SampledFrom([]string{"ann", "bob", "cy", "dee"}).Draw(t, "owner"),
			Pipeline: "new",
			Status:   sp.Status(rapid.IntRange(1, 3).Draw(t, "status")),
			Created:  created,
			Source:   rapid.SampledFrom([]string{"web", "referral", "outbound"}).Draw(t, "source"),
			Stage:    rapid.SampledFrom([]string{"Lead", "Demo", "Proposal"}).Draw(t, "stage"),
		}
		cur := sp.Currency(rapid.SampledFrom([]string{"USD", "USD", "USD", "EUR", "JPY"}).Draw(t, "currency"))
		var minor int64
		switch rapid.IntRange(0, 9).Draw(t, "size") {
		case 0:
			minor = math.MaxInt64 - rapid.Int64Range(0, 1000).Draw(t, "big")
		case 1:
			minor = 0
		default:
			minor = rapid.Int64Range(1, 100_000_000).Draw(t, "minor")
		}
		d.Amount = sp.NewMoney(minor, cur)
		switch d.Status {
		case sp.Won:
			d.Stage = "Won"
		case sp.Lost:
			d.Stage, d.LostReason = "Lost", "price"
		}
		if d.Status != sp.Open {
			d.Closed = created.Add(time.Duration(rapid.Int64Range(0, 400*24*3600).Draw(t, "cycle")) * time.Second)
		}
		return d
	})
}
