package prep

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// TestInCurrencyHistory: EUR→USD is 1.10 from 1 January 2025 and 1.20
// from 1 February. Deal A's history 100.00 EUR (5 Jan) → 200.00 EUR
// (5 Feb) becomes 110.00 USD → 240.00 USD, and its amount the last entry,
// 240.00 USD; deal B, 50.00 EUR without history created 10 Feb, becomes
// 60.00 USD; deal C, already in USD, is unchanged.
func TestInCurrencyHistory(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 12, 0, 0, 0, time.UTC) }
	var rates sp.Rates
	rates.Set("EUR", "USD", day(time.January, 1), decimal.RequireFromString("1.10"))
	rates.Set("EUR", "USD", day(time.February, 1), decimal.RequireFromString("1.20"))
	eur := func(s string) sp.Money { m, _ := sp.ParseAmount(s, "EUR"); return m }
	usd := func(s string) sp.Money { m, _ := sp.ParseAmount(s, "USD"); return m }
	in := []sp.Deal{
		{ID: "A", Created: day(time.January, 5), Amount: eur("200.00"),
			AmountHistory: []sp.AmountChange{{At: day(time.January, 5), Amount: eur("100.00")}, {At: day(time.February, 5), Amount: eur("200.00")}}},
		{ID: "B", Created: day(time.February, 10), Amount: eur("50.00")},
		{ID: "C", Created: day(time.January, 5), Amount: usd("7.00")},
	}
	got, err := InCurrencyHistory(in, &rates, "USD")
	if err != nil {
		t.Fatal(err)
	}
	want := []sp.Deal{
		{ID: "A", Created: day(time.January, 5), Amount: usd("240.00"),
			AmountHistory: []sp.AmountChange{{At: day(time.January, 5), Amount: usd("110.00")}, {At: day(time.February, 5), Amount: usd("240.00")}}},
		{ID: "B", Created: day(time.February, 10), Amount: usd("60.00")},
		{ID: "C", Created: day(time.January, 5), Amount: usd("7.00")},
	}
	eq := cmp.Comparer(func(a, b sp.Money) bool { return a.Currency() == b.Currency() && a.Equal(b) })
	if diff := cmp.Diff(want, got, eq); diff != "" {
		t.Errorf("InCurrencyHistory (-want +got):\n%s", diff)
	}
	if c := in[0].AmountHistory[0].Amount.Currency(); c != "EUR" {
		t.Errorf("the input history was changed: %s", c)
	}
	if _, err := InCurrencyHistory([]sp.Deal{{ID: "Z", Created: day(time.January, 5), Amount: eur("1.00")}}, &sp.Rates{}, "USD"); !errors.Is(err, sp.ErrMissingRate) {
		t.Errorf("missing rate: err = %v, want ErrMissingRate", err)
	}
}
