package salesperf_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	sp "github.com/salesperf/salesperf"
)

func utcDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestRatesStepFunction(t *testing.T) {
	var r sp.Rates
	// Set out of order: the table sorts by day.
	r.Set("USD", "EUR", utcDay(2026, 3, 1), decOf("0.92"))
	r.Set("USD", "EUR", utcDay(2026, 1, 1), decOf("0.90"))
	r.Set("USD", "EUR", utcDay(2026, 2, 1), decOf("0.99"))
	r.Set("USD", "EUR", utcDay(2026, 2, 1), decOf("0.95")) // replaces 0.99

	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	tests := []struct {
		reason string
		on     time.Time
		want   string // rate, or the error message
	}{
		{"before the first rate", utcDay(2025, 12, 31), "salesperf: missing exchange rate: no USD→EUR rate on or before 2025-12-31"},
		{"first day", utcDay(2026, 1, 1), "0.9"},
		{"late on the last day of the step", time.Date(2026, 1, 31, 23, 59, 59, 0, time.UTC), "0.9"},
		{"31 January in New York is 1 February in UTC: the local day counts", time.Date(2026, 1, 31, 23, 0, 0, 0, ny), "0.9"},
		{"next step, replaced rate", utcDay(2026, 2, 1), "0.95"},
		{"inside the step", utcDay(2026, 2, 28), "0.95"},
		{"last step", utcDay(2026, 3, 1), "0.92"},
		{"long after", utcDay(2030, 6, 15), "0.92"},
	}
	for _, tt := range tests {
		rate, err := r.Rate("USD", "EUR", tt.on)
		got := rate.String()
		if err != nil {
			got = err.Error()
			if !errors.Is(err, sp.ErrMissingRate) {
				t.Errorf("%s: error %v does not wrap ErrMissingRate", tt.reason, err)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: Rate(USD, EUR, %v) (-want +got):\n%s", tt.reason, tt.on, diff)
		}
	}
}

func TestRatesRate(t *testing.T) {
	var r sp.Rates
	r.Set("USD", "EUR", utcDay(2026, 1, 1), decOf("0.9234"))
	tests := []struct {
		reason   string
		r        *sp.Rates
		from, to sp.Currency
		want     string
	}{
		{"set pair", &r, "USD", "EUR", "0.9234"},
		{"same currency is 1 without a rate", &r, "JPY", "JPY", "1"},
		{"the inverse is not computed", &r, "EUR", "USD", "salesperf: missing exchange rate: no EUR→USD rate on or before 2026-03-14"},
		{"unset pair", &r, "USD", "JPY", "salesperf: missing exchange rate: no USD→JPY rate on or before 2026-03-14"},
		{"zero Rates", &sp.Rates{}, "USD", "EUR", "salesperf: missing exchange rate: no USD→EUR rate on or before 2026-03-14"},
		{"nil Rates", nil, "USD", "EUR", "salesperf: missing exchange rate: no USD→EUR rate on or before 2026-03-14"},
		{"nil Rates, same currency", nil, "USD", "USD", "1"},
	}
	for _, tt := range tests {
		rate, err := tt.r.Rate(tt.from, tt.to, utcDay(2026, 3, 14))
		got := rate.String()
		if err != nil {
			got = err.Error()
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: Rate(%s, %s) (-want +got):\n%s", tt.reason, tt.from, tt.to, diff)
		}
	}
}

func TestRatesSetPanics(t *testing.T) {
	tests := []struct {
		reason   string
		from, to sp.Currency
		rate     decimal.Decimal
		want     string
	}{
		{"zero rate", "USD", "EUR", decimal.Zero, "salesperf: exchange rate not above zero"},
		{"negative rate", "USD", "EUR", decOf("-1"), "salesperf: exchange rate not above zero"},
		{"same currency", "USD", "USD", decOf("1"), "salesperf: exchange rate from a currency to itself"},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				if diff := cmp.Diff(tt.want, recover()); diff != "" {
					t.Errorf("%s: Set panic (-want +got):\n%s", tt.reason, diff)
				}
			}()
			new(sp.Rates).Set(tt.from, tt.to, utcDay(2026, 1, 1), tt.rate)
		}()
	}
}

func TestRatesConvert(t *testing.T) {
	var r sp.Rates
	on := utcDay(2026, 3, 14)
	r.Set("USD", "EUR", utcDay(2026, 1, 1), decOf("0.9234"))
	r.Set("JPY", "USD", utcDay(2026, 1, 1), decOf("0.0064"))
	r.Set("EUR", "KWD", utcDay(2026, 1, 1), decOf("0.3312"))
	r.Set("USD", "JPY", utcDay(2026, 1, 1), decOf("149.505"))
	r.Set("EUR", "USD", utcDay(2026, 1, 1), decOf("1.0830"))
	r.Set("USD", "CLF", utcDay(2026, 1, 1), decOf("0.0254321"))
	tests := []struct {
		reason string
		m      sp.Money
		to     sp.Currency
		mode   sp.RoundingMode
		want   string
	}{
		{"dollars to euros", sp.MustParseMoney("100.00 USD"), "EUR", sp.RoundHalfEven, "92.34 EUR"},
		{"a million yen", sp.MustParseMoney("1000000 JPY"), "USD", sp.RoundHalfEven, "6400.00 USD"},
		{"yen, half-even", sp.MustParseMoney("123 JPY"), "USD", sp.RoundHalfEven, "0.79 USD"},
		{"yen, down", sp.MustParseMoney("123 JPY"), "USD", sp.RoundDown, "0.78 USD"},
		{"euros to dinars", sp.MustParseMoney("10.00 EUR"), "KWD", sp.RoundHalfEven, "3.312 KWD"},
		{"dollar to yen, up from .505", sp.MustParseMoney("1.00 USD"), "JPY", sp.RoundHalfEven, "150 JPY"},
		{"dollar to yen, down", sp.MustParseMoney("1.00 USD"), "JPY", sp.RoundDown, "149 JPY"},
		{"negative, floor", sp.MustParseMoney("-1.00 USD"), "JPY", sp.RoundFloor, "-150 JPY"},
		{"euro tie", sp.MustParseMoney("5.00 EUR"), "USD", sp.RoundHalfEven, "5.42 USD"},
		{"euro tie, half-down", sp.MustParseMoney("5.00 EUR"), "USD", sp.RoundHalfDown, "5.41 USD"},
		{"four places", sp.MustParseMoney("1000.00 USD"), "CLF", sp.RoundHalfEven, "25.4321 CLF"},
		{"same currency is only rounded", sp.MustParseMoney("10.005 USD"), "USD", sp.RoundHalfEven, "10.00 USD"},
		{"zero Money needs no rate", sp.Money{}, "EUR", sp.RoundHalfEven, "0.00 EUR"},
		{"beyond int64", sp.MustParseMoney("100000000000000000000.00 USD"), "EUR", sp.RoundHalfEven, "92340000000000000000.00 EUR"},
		{"exact-form amount", sp.MustParseMoney("0.005 USD"), "JPY", sp.RoundUp, "1 JPY"},
	}
	for _, tt := range tests {
		got, err := r.Convert(tt.m, tt.to, on, tt.mode)
		if err != nil {
			t.Errorf("%s: Convert(%v, %s): %v", tt.reason, tt.m, tt.to, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got.String()); diff != "" {
			t.Errorf("%s: Convert(%v, %s, %v) (-want +got):\n%s", tt.reason, tt.m, tt.to, tt.mode, diff)
		}
	}
	if _, err := r.Convert(sp.MustParseMoney("1 GBP"), "EUR", on, sp.RoundHalfEven); !errors.Is(err, sp.ErrMissingRate) ||
		err.Error() != "salesperf: missing exchange rate: no GBP→EUR rate on or before 2026-03-14" {
		t.Errorf("Convert GBP→EUR: %v", err)
	}
	if _, err := r.Convert(sp.MustParseMoney("1 USD"), "XYZ", on, sp.RoundHalfEven); !errors.Is(err, sp.ErrUnknownCurrency) {
		t.Errorf("Convert to XYZ: error = %v, want ErrUnknownCurrency", err)
	}
}

// TestRatesDayBoundariesInLocations sets rates with days given in
// non-UTC locations and reads them at the instants around local midnight,
// including a daylight-saving day and days before 1970.
func TestRatesDayBoundariesInLocations(t *testing.T) {
	ny, berlin, tokyo := loadLoc(t, "America/New_York"), loadLoc(t, "Europe/Berlin"), loadLoc(t, "Asia/Tokyo")
	var r sp.Rates
	// 05:00 on 10 March in Tokyo is still 9 March in UTC: the Tokyo day counts.
	r.Set("USD", "EUR", time.Date(2026, 3, 10, 5, 0, 0, 0, tokyo), decOf("0.91"))
	// 23:30 on 10 March in New York is 11 March in UTC: the New York day counts.
	r.Set("USD", "EUR", time.Date(2026, 3, 10, 23, 30, 0, 0, ny), decOf("0.92")) // replaces 0.91
	r.Set("USD", "EUR", time.Date(2026, 3, 29, 12, 0, 0, 0, berlin), decOf("0.93"))
	r.Set("USD", "EUR", time.Date(1969, 12, 31, 22, 0, 0, 0, ny), decOf("1.10"))
	r.Set("USD", "EUR", time.Date(1970, 1, 1, 0, 0, 0, 0, tokyo), decOf("1.20"))
	r.Set("USD", "EUR", time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), decOf("2.00"))

	tests := []struct {
		reason string
		on     time.Time
		want   string
	}{
		{"before 1900", time.Date(1899, 12, 31, 23, 59, 0, 0, time.UTC), "missing"},
		{"1900 rate", time.Date(1969, 12, 30, 23, 59, 0, 0, time.UTC), "2"},
		{"31 December 1969, any location", time.Date(1969, 12, 31, 0, 0, 0, 0, tokyo), "1.1"},
		{"last instant of 1969 in Tokyo", time.Date(1969, 12, 31, 23, 59, 59, 999999999, tokyo), "1.1"},
		{"first instant of 1970 in Tokyo", time.Date(1970, 1, 1, 0, 0, 0, 0, tokyo), "1.2"},
		{"that instant in UTC is still 1969", time.Date(1970, 1, 1, 0, 0, 0, 0, tokyo).UTC(), "1.1"},
		{"9 March", time.Date(2026, 3, 9, 23, 59, 59, 0, time.UTC), "1.2"},
		{"10 March in UTC", time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), "0.92"},
		{"the last instant of 9 March in New York is 10 March in UTC", time.Date(2026, 3, 9, 23, 59, 59, 0, ny), "1.2"},
		{"the same instant in UTC", time.Date(2026, 3, 9, 23, 59, 59, 0, ny).UTC(), "0.92"},
		{"28 March late in Berlin", time.Date(2026, 3, 28, 23, 59, 59, 0, berlin), "0.92"},
		{"29 March at Berlin midnight (22:00 UTC on the 28th)", time.Date(2026, 3, 29, 0, 0, 0, 0, berlin), "0.93"},
		{"29 March just before the jump", time.Date(2026, 3, 29, 1, 59, 59, 0, berlin), "0.93"},
		{"29 March just after the jump", time.Date(2026, 3, 29, 3, 0, 0, 0, berlin), "0.93"},
		{"29 March, last instant", time.Date(2026, 3, 29, 23, 59, 59, 0, berlin), "0.93"},
	}
	for _, tt := range tests {
		rate, err := r.Rate("USD", "EUR", tt.on)
		got := rate.String()
		if err != nil {
			got = "missing"
		}
		if got != tt.want {
			t.Errorf("%s: Rate on %v = %s (%v), want %s", tt.reason, tt.on, got, err, tt.want)
		}
	}
}

func loadLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	return loc
}
