package csvimport

import (
	"errors"
	"strings"
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// TestAmount: the amount parser, setting by setting.
func TestAmount(t *testing.T) {
	tests := []struct {
		thousands rune
		comma     bool
		in        string
		cur       sp.Currency
		want      string // Money.String, or "error"
	}{
		{0, false, "1234.50", "USD", "1234.50 USD"},
		{0, false, "-12.5", "USD", "-12.50 USD"},
		{0, false, "+7", "USD", "7.00 USD"},
		{0, false, ".5", "USD", "0.50 USD"},
		{0, false, "0", "USD", "0.00 USD"},
		{0, false, "1,234.50", "USD", "error"}, // no thousands separator set
		{0, false, "5.", "USD", "error"},
		{0, false, "", "USD", "error"},
		{0, false, "-", "USD", "error"},
		{0, false, "1e3", "USD", "error"},
		{0, false, "12 34", "USD", "error"},
		{0, false, "1234", "JPY", "1234 JPY"},
		{0, false, "1.5", "JPY", "1.5 JPY"}, // kept exactly; validation reports the precision
		{0, false, "10.005", "USD", "10.005 USD"},
		{0, false, "92233720368547758.07", "USD", "92233720368547758.07 USD"},
		{0, false, "99999999999999999999.99", "USD", "99999999999999999999.99 USD"}, // beyond int64 minor units
		{0, false, "USD 12", "EUR", "12.00 USD"},
		{0, false, "12 eur", "USD", "12.00 EUR"},
		{',', false, "1,234.50", "USD", "1234.50 USD"},
		{',', false, "1234.50", "USD", "1234.50 USD"},
		{',', false, "12,345,678", "USD", "12345678.00 USD"},
		{',', false, "1,23.50", "USD", "error"},
		{',', false, "1234,567", "USD", "error"},
		{',', false, ",123", "USD", "error"},
		{',', false, "1,", "USD", "error"},
		{',', false, "1,,234", "USD", "error"},
		{'.', true, "1.234,50", "EUR", "1234.50 EUR"},
		{'.', true, "1234,5", "EUR", "1234.50 EUR"},
		{'.', true, "1,234.50", "EUR", "error"},
		{0, true, "1234,50", "EUR", "1234.50 EUR"},
		{0, true, "1234.50", "EUR", "error"},
		{' ', true, "1 234 567,89", "EUR", "1234567.89 EUR"},
		{'\u00a0', true, "1\u00a0234,5", "EUR", "1234.50 EUR"},
		{'\'', false, "1'234.50", "CHF", "1234.50 CHF"},
		{0, false, "1", "", "error"},
	}
	for _, tt := range tests {
		f, err := newNumFormat(tt.thousands, tt.comma)
		if err != nil {
			t.Fatal(err)
		}
		m, err := f.money(tt.in, tt.cur)
		got := m.String()
		if err != nil {
			got = "error"
		}
		if got != tt.want {
			t.Errorf("money(%q, %q) with thousands %q, decimal comma %v = %s (%v), want %s", tt.in, tt.cur, tt.thousands, tt.comma, got, err, tt.want)
		}
	}
}

func TestDuration(t *testing.T) {
	tests := []struct {
		in   string
		unit time.Duration
		want time.Duration
		ok   bool
	}{
		{"30", 0, 30 * time.Minute, true},
		{"1.5", 0, 90 * time.Second, true},
		{"90", time.Second, 90 * time.Second, true},
		{"1h30m", 0, 90 * time.Minute, true},
		{"1:30", 0, 90 * time.Minute, true},
		{"0:01:30", 0, 90 * time.Second, true},
		{"1:3", 0, 0, false},
		{"1:60", 0, 0, false},
		{"1:00:00:00", 0, 0, false},
		{"soon", 0, 0, false},
		{"Inf", 0, 0, false},
		{"1e300", 0, 0, false},
	}
	for _, tt := range tests {
		got, ok := duration(tt.in, tt.unit)
		if got != tt.want || ok != tt.ok {
			t.Errorf("duration(%q, %v) = %v, %v; want %v, %v", tt.in, tt.unit, got, ok, tt.want, tt.ok)
		}
	}
}

func TestByName(t *testing.T) {
	for stage, want := range map[string]sp.Status{
		"Closed Won": sp.Won, "closed-lost": sp.Lost, "WON": sp.Won, "Won't say": sp.Open, "Lost and won": sp.Won,
		"Wonderful": sp.Open, "Demo": sp.Open, "closedwon": sp.Open,
	} {
		if got := byName(stage); got != want {
			t.Errorf("byName(%q) = %v, want %v", stage, got, want)
		}
	}
}

// FuzzAmount: whatever the cell, the amount parser does not panic, and
// an amount it accepts is exactly the number its digits say.
func FuzzAmount(f *testing.F) {
	for _, s := range []string{"1,234.50", "1.234,50", "-12", "USD 5", "99999999999999999999.99", "1,23", ".5", "+0.000"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, comma bool) {
		thousands, point := ',', "."
		if comma {
			thousands, point = '.', ","
		}
		nf, err := newNumFormat(thousands, comma)
		if err != nil {
			t.Fatal(err)
		}
		m, err := nf.money(s, "EUR")
		if err != nil {
			if !errors.Is(err, sp.ErrSyntax) && !errors.Is(err, sp.ErrUnknownCurrency) {
				t.Fatalf("money(%q): %v", s, err)
			}
			return
		}
		plain := s
		if len(plain) > 4 && plain[3] == ' ' {
			plain = strings.TrimSpace(plain[4:])
		} else if n := len(plain); n > 4 && plain[n-4] == ' ' {
			plain = strings.TrimSpace(plain[:n-4])
		}
		plain = strings.ReplaceAll(plain, string(thousands), "")
		plain = strings.Replace(plain, point, ".", 1)
		want, err := decimal.NewFromString(plain)
		if err != nil {
			t.Fatalf("money(%q) = %v, but %q is not a decimal: %v", s, m, plain, err)
		}
		if !m.Decimal().Equal(want) {
			t.Fatalf("money(%q) = %v, want %v", s, m, want)
		}
	})
}
