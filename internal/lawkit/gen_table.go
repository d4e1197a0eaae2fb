package lawkit

import (
	"math"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TableDeal draws a deal for the table law: a [Deal] with, now and then,
// what a deal table keeps apart or a column form could get wrong — an
// amount with no int64 minor form (finer than its currency, beyond int64,
// or in a currency that is not known: the table's Spill), the zero Money,
// no created date, a won or lost deal with no close date, an invalid
// status, a close date before the created date, a created date centuries
// before the close date, a creator. The deals are
// not all valid: the law is that the column form agrees with Add,
// whatever Add does with them.
func TableDeal() *rapid.Generator[*sp.Deal] {
	return rapid.Custom(func(t *rapid.T) *sp.Deal {
		d := Deal().Draw(t, "deal")
		switch rapid.IntRange(0, 9).Draw(t, "amountShape") {
		case 0:
			d.Amount = sp.MoneyFromDecimal(decimal.New(rapid.Int64Range(-100_000, 100_000).Draw(t, "fine"), -3), "USD")
		case 1:
			d.Amount = sp.MoneyFromDecimal(decimal.New(math.MaxInt64, 0).Mul(decimal.NewFromInt(rapid.Int64Range(2, 50).Draw(t, "huge"))), "EUR")
		case 2:
			d.Amount = sp.NewMoney(rapid.Int64Range(-5, 5).Draw(t, "unknown"), "XYZ")
		case 3:
			d.Amount = sp.Money{}
		}
		switch rapid.IntRange(0, 9).Draw(t, "dateShape") {
		case 0:
			d.Created = time.Time{}
		case 1:
			d.Closed = time.Time{}
		case 2:
			if !d.Closed.IsZero() {
				d.Closed = d.Created.Add(-time.Duration(rapid.Int64Range(0, 90*24*3600).Draw(t, "early")) * time.Second)
			}
		case 3:
			// Not in UTC: the table gives it back in UTC, the same instant.
			d.Created = d.Created.In(time.FixedZone("UTC+9", 9*3600))
		case 4:
			// Created long before: a cycle past a histogram's dense
			// array (4096 days), as far back as a table holds (1678).
			years := rapid.IntRange(12, 346).Draw(t, "yearsBefore")
			d.Created = d.Created.AddDate(-years, 0, -rapid.IntRange(0, 365).Draw(t, "daysBefore"))
		}
		switch rapid.IntRange(0, 19).Draw(t, "statusShape") {
		case 0:
			d.Status = 0
		case 1:
			d.Status = sp.Status(rapid.IntRange(4, 127).Draw(t, "badStatus"))
		}
		if rapid.IntRange(0, 3).Draw(t, "creatorShape") == 0 {
			d.Creator = rapid.SampledFrom([]string{"ann", "eve"}).Draw(t, "creator")
		}
		return d
	})
}

// TableActivity draws an activity for the table law: an [Activity] with,
// now and then, an invalid kind or category (counted apart by the
// metrics), a custom name on a built-in kind, no instant, or a negative
// duration. Not all are valid, on purpose.
func TableActivity() *rapid.Generator[*sp.Activity] {
	return rapid.Custom(func(t *rapid.T) *sp.Activity {
		a := Activity().Draw(t, "activity")
		switch rapid.IntRange(0, 9).Draw(t, "kindShape") {
		case 0:
			a.Kind = sp.ActivityKind(rapid.SampledFrom([]int{0, 99, -3}).Draw(t, "badKind"))
		case 1:
			a.CustomKind = "stray" // a name on a kind that is not custom
		case 2:
			a.Kind, a.CustomKind = sp.CustomKind, "" // a custom kind without a name
		}
		switch rapid.IntRange(0, 9).Draw(t, "categoryShape") {
		case 0:
			a.Category = sp.TimeCategory(rapid.SampledFrom([]int{99, -2}).Draw(t, "badCategory"))
		case 1:
			a.Category, a.CustomCategory = sp.CustomCategory, ""
		}
		switch rapid.IntRange(0, 9).Draw(t, "timeShape") {
		case 0:
			a.At = time.Time{}
		case 1:
			a.Duration = -time.Duration(rapid.Int64Range(1, 3600).Draw(t, "negative")) * time.Second
		}
		return a
	})
}
