package salesperf_test

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	sp "github.com/salesperf/salesperf"
)

// decimalEqual makes go-cmp compare decimals by value.
var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

func decOf(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// moneyForm describes a Money by its observable parts.
type moneyForm struct {
	String string
	Minor  int64
	Fast   bool
}

func moneyFormOf(m sp.Money) moneyForm {
	minor, ok := m.Minor()
	return moneyForm{m.String(), minor, ok}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		reason string
		in     string
		want   moneyForm
	}{
		{"amount then code", "1234.50 USD", moneyForm{"1234.50 USD", 123450, true}},
		{"code then amount", "USD 1234.50", moneyForm{"1234.50 USD", 123450, true}},
		{"negative, one decimal", "-12.5 EUR", moneyForm{"-12.50 EUR", -1250, true}},
		{"plus sign", "+3 JPY", moneyForm{"3 JPY", 3, true}},
		{"lower-case code and spaces", "  12 usd ", moneyForm{"12.00 USD", 1200, true}},
		{"tab between", "USD\t7", moneyForm{"7.00 USD", 700, true}},
		{"yen", "1234 JPY", moneyForm{"1234 JPY", 1234, true}},
		{"dinar has three places", "1.5 KWD", moneyForm{"1.500 KWD", 1500, true}},
		{"four places", "0.0001 CLF", moneyForm{"0.0001 CLF", 1, true}},
		{"leading zeros", "007.10 USD", moneyForm{"7.10 USD", 710, true}},
		{"trailing zeros within precision", "10.00000 USD", moneyForm{"10.00 USD", 1000, true}},
		{"negative zero", "-0.00 USD", moneyForm{"0.00 USD", 0, true}},
		{"finer than cents kept exactly", "10.005 USD", moneyForm{"10.005 USD", 0, false}},
		{"finer, trailing zero dropped", "10.0050 USD", moneyForm{"10.005 USD", 0, false}},
		{"half a yen", "0.5 JPY", moneyForm{"0.5 JPY", 0, false}},
		{"largest fast amount", "92233720368547758.07 USD", moneyForm{"92233720368547758.07 USD", math.MaxInt64, true}},
		{"smallest fast amount", "-92233720368547758.08 USD", moneyForm{"-92233720368547758.08 USD", math.MinInt64, true}},
		{"one cent past int64", "92233720368547758.08 USD", moneyForm{"92233720368547758.08 USD", 0, false}},
		{"many digits", "123456789012345678901234567890.12 EUR", moneyForm{"123456789012345678901234567890.12 EUR", 0, false}},
		{"the zero Money", "0", moneyForm{"0", 0, true}},
		{"the zero Money with spaces", " 0 ", moneyForm{"0", 0, true}},
	}
	for _, tt := range tests {
		m, err := sp.ParseMoney(tt.in)
		if err != nil {
			t.Errorf("%s: ParseMoney(%q): %v", tt.reason, tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, moneyFormOf(m)); diff != "" {
			t.Errorf("%s: ParseMoney(%q) (-want +got):\n%s", tt.reason, tt.in, diff)
		}
	}
}

func TestParseMoneyErrors(t *testing.T) {
	tests := []struct {
		reason string
		in     string
		want   error
		msg    string
	}{
		{"empty", "", sp.ErrSyntax, `salesperf: parse money "": invalid syntax`},
		{"code only", "USD", sp.ErrSyntax, `salesperf: parse money "USD": invalid syntax`},
		{"amount only", "12.50", sp.ErrSyntax, `salesperf: parse money "12.50": invalid syntax`},
		{"decimal comma", "12,50 USD", sp.ErrSyntax, `salesperf: parse money "12,50 USD": invalid syntax`},
		{"thousands separator", "1,234.50 USD", sp.ErrSyntax, `salesperf: parse money "1,234.50 USD": invalid syntax`},
		{"exponent", "1e3 USD", sp.ErrSyntax, `salesperf: parse money "1e3 USD": invalid syntax`},
		{"nothing after the point", "12. USD", sp.ErrSyntax, `salesperf: parse money "12. USD": invalid syntax`},
		{"nothing before the point", ".5 USD", sp.ErrSyntax, `salesperf: parse money ".5 USD": invalid syntax`},
		{"two points", "1.2.3 USD", sp.ErrSyntax, `salesperf: parse money "1.2.3 USD": invalid syntax`},
		{"two signs", "--1 USD", sp.ErrSyntax, `salesperf: parse money "--1 USD": invalid syntax`},
		{"symbol", "$12 USD", sp.ErrSyntax, `salesperf: parse money "$12 USD": invalid syntax`},
		{"three fields", "12.5 USD EUR", sp.ErrSyntax, `salesperf: parse money "12.5 USD EUR": invalid syntax`},
		{"two codes", "USD EUR", sp.ErrSyntax, `salesperf: parse money "USD EUR": invalid syntax`},
		{"two amounts", "1 2", sp.ErrSyntax, `salesperf: parse money "1 2": invalid syntax`},
		{"no space", "12USD", sp.ErrSyntax, `salesperf: parse money "12USD": invalid syntax`},
		{"unknown code", "12.50 XYZ", sp.ErrUnknownCurrency, `salesperf: parse money "12.50 XYZ": unknown currency "XYZ"`},
		{"unknown code first", "xyz 12", sp.ErrUnknownCurrency, `salesperf: parse money "xyz 12": unknown currency "XYZ"`},
		{"zero in unknown code", "0 XYZ", sp.ErrUnknownCurrency, `salesperf: parse money "0 XYZ": unknown currency "XYZ"`},
		{"too long an amount", strings.Repeat("1", 1001) + " USD", sp.ErrSyntax, `salesperf: parse money "` + strings.Repeat("1", 1001) + ` USD": invalid syntax`},
	}
	for _, tt := range tests {
		m, err := sp.ParseMoney(tt.in)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: ParseMoney(%q) = %v, %v; want error wrapping %v", tt.reason, tt.in, m, err, tt.want)
			continue
		}
		if diff := cmp.Diff(tt.msg, err.Error()); diff != "" {
			t.Errorf("%s: ParseMoney(%q) message (-want +got):\n%s", tt.reason, tt.in, diff)
		}
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		reason  string
		in      string
		cur     sp.Currency
		want    string
		wantErr error
	}{
		{reason: "dollars", in: "1234.50", cur: "USD", want: "1234.50 USD"},
		{reason: "spaces trimmed", in: " 7 ", cur: "JPY", want: "7 JPY"},
		{reason: "one fils", in: "0.001", cur: "KWD", want: "0.001 KWD"},
		{reason: "negative", in: "-0.5", cur: "EUR", want: "-0.50 EUR"},
		{reason: "finer kept", in: "0.125", cur: "EUR", want: "0.125 EUR"},
		{reason: "empty", in: "", cur: "USD", wantErr: sp.ErrSyntax},
		{reason: "blank", in: "  ", cur: "USD", wantErr: sp.ErrSyntax},
		{reason: "code included", in: "12 USD", cur: "USD", wantErr: sp.ErrSyntax},
		{reason: "unknown currency", in: "12", cur: "XYZ", wantErr: sp.ErrUnknownCurrency},
		{reason: "no currency", in: "12", cur: "", wantErr: sp.ErrUnknownCurrency},
	}
	for _, tt := range tests {
		m, err := sp.ParseAmount(tt.in, tt.cur)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: ParseAmount(%q, %q) = %v, %v; want error wrapping %v", tt.reason, tt.in, tt.cur, m, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: ParseAmount(%q, %q): %v", tt.reason, tt.in, tt.cur, err)
			continue
		}
		if diff := cmp.Diff(tt.want, m.String()); diff != "" {
			t.Errorf("%s: ParseAmount(%q, %q) (-want +got):\n%s", tt.reason, tt.in, tt.cur, diff)
		}
	}
	if _, err := sp.ParseAmount("12", "XYZ"); err == nil || err.Error() != `salesperf: parse amount "12": unknown currency "XYZ"` {
		t.Errorf("ParseAmount unknown currency message: %v", err)
	}
}

func TestMustParseMoneyPanics(t *testing.T) {
	defer func() {
		r := recover()
		err, ok := r.(error)
		if !ok || !errors.Is(err, sp.ErrSyntax) {
			t.Errorf("MustParseMoney(\"x\") panicked with %v, want an error wrapping ErrSyntax", r)
		}
	}()
	sp.MustParseMoney("x")
}

func TestMoneyString(t *testing.T) {
	tests := []struct {
		reason string
		m      sp.Money
		want   string
		amount string
	}{
		{"dollars", sp.NewMoney(123450, "USD"), "1234.50 USD", "1234.50"},
		{"yen", sp.NewMoney(1234, "JPY"), "1234 JPY", "1234"},
		{"dinar", sp.NewMoney(1250, "KWD"), "1.250 KWD", "1.250"},
		{"negative cents", sp.NewMoney(-5, "USD"), "-0.05 USD", "-0.05"},
		{"one ten-thousandth", sp.NewMoney(1, "CLF"), "0.0001 CLF", "0.0001"},
		{"zero dollars", sp.NewMoney(0, "USD"), "0.00 USD", "0.00"},
		{"zero Money", sp.Money{}, "0", "0"},
		{"NewMoney zero no currency", sp.NewMoney(0, ""), "0", "0"},
		{"unknown currency: minor taken as units", sp.NewMoney(5, "XYZ"), "5 XYZ", "5"},
		{"unknown currency from decimal", sp.MoneyFromDecimal(decOf("12.50"), "XYZ"), "12.5 XYZ", "12.5"},
		{"unknown currency, positive exponent", sp.MoneyFromDecimal(decimal.New(12, 2), "XYZ"), "1200 XYZ", "1200"},
		{"no currency, non-zero", sp.MoneyFromDecimal(decOf("5"), ""), "5", "5"},
		{"most negative", sp.NewMoney(math.MinInt64, "USD"), "-92233720368547758.08 USD", "-92233720368547758.08"},
		{"exact form, positive exponent", sp.MoneyFromDecimal(decimal.New(1, 30), "JPY"), "1000000000000000000000000000000 JPY", "1000000000000000000000000000000"},
		{"exact form, finer", sp.MoneyFromDecimal(decOf("-0.001"), "USD"), "-0.001 USD", "-0.001"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.m.String()); diff != "" {
			t.Errorf("%s: String (-want +got):\n%s", tt.reason, diff)
		}
		if diff := cmp.Diff(tt.amount, tt.m.Amount()); diff != "" {
			t.Errorf("%s: Amount (-want +got):\n%s", tt.reason, diff)
		}
	}
}

func TestMoneyFromDecimalCanonical(t *testing.T) {
	tests := []struct {
		reason string
		d      decimal.Decimal
		c      sp.Currency
		want   moneyForm
	}{
		{"cents", decOf("12.34"), "USD", moneyForm{"12.34 USD", 1234, true}},
		{"extra zeros", decimal.New(1234000, -5), "USD", moneyForm{"12.34 USD", 1234, true}},
		{"positive exponent", decimal.New(5, 3), "JPY", moneyForm{"5000 JPY", 5000, true}},
		{"zero with exponent", decimal.New(0, -7), "EUR", moneyForm{"0.00 EUR", 0, true}},
		{"finer", decOf("12.345"), "USD", moneyForm{"12.345 USD", 0, false}},
		{"beyond int64 by exponent", decimal.New(1, 18), "USD", moneyForm{"1000000000000000000.00 USD", 0, false}},
		{"zero in unknown currency", decimal.Zero, "XYZ", moneyForm{"0 XYZ", 0, true}},
		{"unknown currency", decOf("1"), "XYZ", moneyForm{"1 XYZ", 0, false}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, moneyFormOf(sp.MoneyFromDecimal(tt.d, tt.c))); diff != "" {
			t.Errorf("%s: MoneyFromDecimal(%s, %s) (-want +got):\n%s", tt.reason, tt.d, tt.c, diff)
		}
	}
	if sp.MoneyFromDecimal(decOf("12.340"), "USD") != sp.NewMoney(1234, "USD") {
		t.Error("MoneyFromDecimal(12.340 USD) != NewMoney(1234, USD): not canonical")
	}
	if sp.MoneyFromDecimal(decimal.Decimal{}, "") != (sp.Money{}) {
		t.Error("MoneyFromDecimal of the zero decimal with no currency is not the zero Money")
	}
}

func TestMoneyDecimal(t *testing.T) {
	tests := []struct {
		m    sp.Money
		want decimal.Decimal
	}{
		{sp.NewMoney(1234, "USD"), decOf("12.34")},
		{sp.NewMoney(1234, "JPY"), decOf("1234")},
		{sp.NewMoney(1, "KWD"), decOf("0.001")},
		{sp.MustParseMoney("10.005 USD"), decOf("10.005")},
		{sp.Money{}, decimal.Zero},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.m.Decimal(), decimalEqual); diff != "" {
			t.Errorf("%v.Decimal() (-want +got):\n%s", tt.m, diff)
		}
	}
}

func TestMoneyValid(t *testing.T) {
	tests := []struct {
		reason string
		m      sp.Money
		want   error
		msg    string
	}{
		{reason: "zero Money", m: sp.Money{}},
		{reason: "dollars", m: sp.NewMoney(1000, "USD")},
		{reason: "zero dollars", m: sp.NewMoney(0, "USD")},
		{reason: "beyond int64 minor units", m: sp.MustParseMoney("100000000000000000000 USD"), want: nil},
		{reason: "finer than cents", m: sp.MustParseMoney("10.005 USD"), want: sp.ErrPrecision,
			msg: "salesperf: 10.005 USD: precision finer than the currency allows (USD has 2 decimal places)"},
		{reason: "half a yen", m: sp.MustParseMoney("0.5 JPY"), want: sp.ErrPrecision,
			msg: "salesperf: 0.5 JPY: precision finer than the currency allows (JPY has 0 decimal places)"},
		{reason: "unknown currency", m: sp.NewMoney(5, "XYZ"), want: sp.ErrUnknownCurrency,
			msg: `salesperf: 5 XYZ: unknown currency "XYZ"`},
		{reason: "zero in unknown currency", m: sp.NewMoney(0, "XYZ"), want: sp.ErrUnknownCurrency,
			msg: `salesperf: 0 XYZ: unknown currency "XYZ"`},
		{reason: "amount without currency", m: sp.MoneyFromDecimal(decOf("5"), ""), want: sp.ErrUnknownCurrency,
			msg: `salesperf: 5: unknown currency ""`},
	}
	for _, tt := range tests {
		err := tt.m.Valid()
		if tt.want == nil {
			if err != nil {
				t.Errorf("%s: %v.Valid() = %v, want nil", tt.reason, tt.m, err)
			}
			continue
		}
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: %v.Valid() = %v, want error wrapping %v", tt.reason, tt.m, err, tt.want)
			continue
		}
		if diff := cmp.Diff(tt.msg, err.Error()); diff != "" {
			t.Errorf("%s: Valid message (-want +got):\n%s", tt.reason, diff)
		}
	}
}

func TestRoundingModeRound(t *testing.T) {
	modes := []sp.RoundingMode{sp.RoundHalfEven, sp.RoundHalfUp, sp.RoundHalfDown, sp.RoundUp, sp.RoundDown, sp.RoundCeiling, sp.RoundFloor}
	tests := []struct {
		reason string
		in     string
		places int32
		want   [7]string // HalfEven, HalfUp, HalfDown, Up, Down, Ceiling, Floor
	}{
		{"tie, even below", "2.345", 2, [7]string{"2.34", "2.35", "2.34", "2.35", "2.34", "2.35", "2.34"}},
		{"negative tie, even below", "-2.345", 2, [7]string{"-2.34", "-2.35", "-2.34", "-2.35", "-2.34", "-2.34", "-2.35"}},
		{"tie, odd below", "2.355", 2, [7]string{"2.36", "2.36", "2.35", "2.36", "2.35", "2.36", "2.35"}},
		{"negative tie, odd below", "-2.355", 2, [7]string{"-2.36", "-2.36", "-2.35", "-2.36", "-2.35", "-2.35", "-2.36"}},
		{"just above the tie", "2.3451", 2, [7]string{"2.35", "2.35", "2.35", "2.35", "2.34", "2.35", "2.34"}},
		{"just below the tie, negative", "-2.3449", 2, [7]string{"-2.34", "-2.34", "-2.34", "-2.35", "-2.34", "-2.34", "-2.35"}},
		{"already exact", "2.34", 2, [7]string{"2.34", "2.34", "2.34", "2.34", "2.34", "2.34", "2.34"}},
		{"x.5 to integer", "2.5", 0, [7]string{"2", "3", "2", "3", "2", "3", "2"}},
		{"-x.5 to integer", "-2.5", 0, [7]string{"-2", "-3", "-2", "-3", "-2", "-2", "-3"}},
		{"3.5 to integer", "3.5", 0, [7]string{"4", "4", "3", "4", "3", "4", "3"}},
		{"0.25 to tenths", "0.25", 1, [7]string{"0.2", "0.3", "0.2", "0.3", "0.2", "0.3", "0.2"}},
		{"-0.25 to tenths", "-0.25", 1, [7]string{"-0.2", "-0.3", "-0.2", "-0.3", "-0.2", "-0.2", "-0.3"}},
		{"0.75 to tenths", "0.75", 1, [7]string{"0.8", "0.8", "0.7", "0.8", "0.7", "0.8", "0.7"}},
		{"small negative to integer", "-0.4", 0, [7]string{"0", "0", "0", "-1", "0", "0", "-1"}},
		{"to hundreds", "1250", -2, [7]string{"1200", "1300", "1200", "1300", "1200", "1300", "1200"}},
		{"to hundreds, not a tie", "1234", -2, [7]string{"1200", "1200", "1200", "1300", "1200", "1300", "1200"}},
		{"long coefficient", "123456789012345678901234567890.125", 2, [7]string{
			"123456789012345678901234567890.12", "123456789012345678901234567890.13", "123456789012345678901234567890.12",
			"123456789012345678901234567890.13", "123456789012345678901234567890.12", "123456789012345678901234567890.13",
			"123456789012345678901234567890.12"}},
	}
	for _, tt := range tests {
		for i, mode := range modes {
			got := mode.Round(decOf(tt.in), tt.places)
			if diff := cmp.Diff(decOf(tt.want[i]), got, decimalEqual); diff != "" {
				t.Errorf("%s: %v.Round(%s, %d) (-want +got):\n%s", tt.reason, mode, tt.in, tt.places, diff)
			}
		}
	}
}

func TestRoundingModeString(t *testing.T) {
	got := []string{}
	for m := sp.RoundingMode(0); m <= sp.RoundFloor+1; m++ {
		got = append(got, m.String())
	}
	want := []string{"RoundingMode(0)", "HalfEven", "HalfUp", "HalfDown", "Up", "Down", "Ceiling", "Floor", "RoundingMode(8)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RoundingMode.String (-want +got):\n%s", diff)
	}
}

func TestInvalidRoundingModePanics(t *testing.T) {
	calls := map[string]func(){
		"Round":         func() { sp.RoundingMode(0).Round(decOf("1.5"), 0) },
		"Money.Round":   func() { sp.NewMoney(1, "USD").Round(0) },
		"Money.Mul":     func() { sp.NewMoney(1, "USD").Mul(decOf("2"), 0) },
		"Money.Div":     func() { sp.NewMoney(1, "USD").Div(2, 0) },
		"Money.Div(8)":  func() { sp.NewMoney(1, "USD").Div(2, 8) },
		"Rates.Convert": func() { new(sp.Rates).Convert(sp.NewMoney(1, "USD"), "USD", utcDay(2026, 1, 1), 0) },
	}
	for name, f := range calls {
		func() {
			defer func() {
				if diff := cmp.Diff("salesperf: invalid rounding mode", recover()); diff != "" {
					t.Errorf("%s with an invalid mode: panic (-want +got):\n%s", name, diff)
				}
			}()
			f()
		}()
	}
}

func TestMoneyMul(t *testing.T) {
	tests := []struct {
		reason string
		m      string
		f      string
		mode   sp.RoundingMode
		want   string
	}{
		{"exact product", "100.00 USD", "0.125", sp.RoundHalfEven, "12.50 USD"},
		{"probability", "50000.00 USD", "0.35", sp.RoundHalfEven, "17500.00 USD"},
		{"a third, rounded", "10.00 USD", "0.333", sp.RoundHalfEven, "3.33 USD"},
		{"half a cent, half-even", "0.10 USD", "0.25", sp.RoundHalfEven, "0.02 USD"},
		{"half a cent, half-up", "0.10 USD", "0.25", sp.RoundHalfUp, "0.03 USD"},
		{"half a yen, even", "1234 JPY", "0.5", sp.RoundHalfEven, "617 JPY"},
		{"half a yen, odd", "1235 JPY", "0.5", sp.RoundHalfEven, "618 JPY"},
		{"half a yen, half-down", "1235 JPY", "0.5", sp.RoundHalfDown, "617 JPY"},
		{"negative, floor", "-1235 JPY", "0.5", sp.RoundFloor, "-618 JPY"},
		{"negative, ceiling", "-1235 JPY", "0.5", sp.RoundCeiling, "-617 JPY"},
		{"factor with positive exponent", "1.00 USD", "300", sp.RoundHalfEven, "300.00 USD"},
		{"many factor digits", "1.00 USD", "0.1234567890123456789012", sp.RoundHalfEven, "0.12 USD"},
		{"beyond int64", "92233720368547758.07 USD", "2", sp.RoundHalfEven, "184467440737095516.14 USD"},
		{"exact-form amount", "10.005 USD", "2", sp.RoundHalfEven, "20.01 USD"},
		{"zero", "0.00 USD", "0.5", sp.RoundHalfEven, "0.00 USD"},
		{"dinar", "1.000 KWD", "0.3333", sp.RoundHalfEven, "0.333 KWD"},
	}
	for _, tt := range tests {
		got := sp.MustParseMoney(tt.m).Mul(decOf(tt.f), tt.mode)
		if diff := cmp.Diff(tt.want, got.String()); diff != "" {
			t.Errorf("%s: %s × %s %v (-want +got):\n%s", tt.reason, tt.m, tt.f, tt.mode, diff)
		}
	}
	if got := sp.NewMoney(5, "XYZ").Mul(decOf("0.25"), sp.RoundHalfEven); got.String() != "1.25 XYZ" {
		t.Errorf("5 XYZ × 0.25 = %v, want the exact 1.25 XYZ", got)
	}
}

func TestMoneyDiv(t *testing.T) {
	tests := []struct {
		reason string
		m      string
		n      int64
		mode   sp.RoundingMode
		want   string
	}{
		{"a third", "100.00 USD", 3, sp.RoundHalfEven, "33.33 USD"},
		{"two thirds, half-even", "200.00 USD", 3, sp.RoundHalfEven, "66.67 USD"},
		{"two thirds, down", "200.00 USD", 3, sp.RoundDown, "66.66 USD"},
		{"half a cent, half-even", "0.05 USD", 2, sp.RoundHalfEven, "0.02 USD"},
		{"half a cent, half-up", "0.05 USD", 2, sp.RoundHalfUp, "0.03 USD"},
		{"half a cent, half-down", "0.05 USD", 2, sp.RoundHalfDown, "0.02 USD"},
		{"half a cent, up", "0.05 USD", 2, sp.RoundUp, "0.03 USD"},
		{"half a cent, down", "0.05 USD", 2, sp.RoundDown, "0.02 USD"},
		{"half a cent, ceiling", "0.05 USD", 2, sp.RoundCeiling, "0.03 USD"},
		{"half a cent, floor", "0.05 USD", 2, sp.RoundFloor, "0.02 USD"},
		{"negative half a cent, floor", "-0.05 USD", 2, sp.RoundFloor, "-0.03 USD"},
		{"negative half a cent, ceiling", "-0.05 USD", 2, sp.RoundCeiling, "-0.02 USD"},
		{"negative half a cent, half-up", "-0.05 USD", 2, sp.RoundHalfUp, "-0.03 USD"},
		{"negative divisor", "0.05 USD", -2, sp.RoundHalfUp, "-0.03 USD"},
		{"3.5 cents half-even", "0.07 USD", 2, sp.RoundHalfEven, "0.04 USD"},
		{"3.5 cents half-down", "0.07 USD", 2, sp.RoundHalfDown, "0.03 USD"},
		{"yen", "100 JPY", 3, sp.RoundHalfEven, "33 JPY"},
		{"dinar", "1.000 KWD", 3, sp.RoundHalfEven, "0.333 KWD"},
		{"exact-form amount, tie to even", "10.005 USD", 1, sp.RoundHalfEven, "10.00 USD"},
		{"exact-form amount, tie to even up", "10.015 USD", 1, sp.RoundHalfEven, "10.02 USD"},
		{"beyond int64", "100000000000000000000.00 USD", 8, sp.RoundHalfEven, "12500000000000000000.00 USD"},
		{"largest by -1", "92233720368547758.07 USD", -1, sp.RoundHalfEven, "-92233720368547758.07 USD"},
		{"smallest by -1 overflows into the exact form", "-92233720368547758.08 USD", -1, sp.RoundHalfEven, "92233720368547758.08 USD"},
		{"by the smallest int64", "1.00 USD", math.MinInt64, sp.RoundUp, "-0.01 USD"},
	}
	for _, tt := range tests {
		got := sp.MustParseMoney(tt.m).Div(tt.n, tt.mode)
		if diff := cmp.Diff(tt.want, got.String()); diff != "" {
			t.Errorf("%s: %s / %d %v (-want +got):\n%s", tt.reason, tt.m, tt.n, tt.mode, diff)
		}
	}
	if got := sp.MoneyFromDecimal(decOf("10.0"), "XYZ").Div(3, sp.RoundHalfEven); got.String() != "3 XYZ" {
		t.Errorf("10 XYZ / 3 = %v, want 3 XYZ (rounded to the places it has)", got)
	}
	defer func() {
		if diff := cmp.Diff("salesperf: money divided by zero", recover()); diff != "" {
			t.Errorf("Div(0) panic (-want +got):\n%s", diff)
		}
	}()
	sp.NewMoney(1, "USD").Div(0, sp.RoundHalfEven)
}

func TestMoneyRound(t *testing.T) {
	tests := []struct {
		m    string
		mode sp.RoundingMode
		want moneyForm
	}{
		{"10.005 USD", sp.RoundHalfEven, moneyForm{"10.00 USD", 1000, true}},
		{"10.005 USD", sp.RoundHalfUp, moneyForm{"10.01 USD", 1001, true}},
		{"-10.005 USD", sp.RoundFloor, moneyForm{"-10.01 USD", -1001, true}},
		{"0.5 JPY", sp.RoundHalfEven, moneyForm{"0 JPY", 0, true}},
		{"1.5 JPY", sp.RoundHalfEven, moneyForm{"2 JPY", 2, true}},
		{"12.34 USD", sp.RoundUp, moneyForm{"12.34 USD", 1234, true}},
		{"100000000000000000000.005 USD", sp.RoundDown, moneyForm{"100000000000000000000.00 USD", 0, false}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, moneyFormOf(sp.MustParseMoney(tt.m).Round(tt.mode))); diff != "" {
			t.Errorf("%s.Round(%v) (-want +got):\n%s", tt.m, tt.mode, diff)
		}
	}
}

func TestMoneyAddSub(t *testing.T) {
	tests := []struct {
		reason   string
		a, b     sp.Money
		add, sub moneyForm
	}{
		{"cents", sp.MustParseMoney("10.50 USD"), sp.MustParseMoney("0.75 USD"),
			moneyForm{"11.25 USD", 1125, true}, moneyForm{"9.75 USD", 975, true}},
		{"zero Money on the right", sp.MustParseMoney("3 JPY"), sp.Money{},
			moneyForm{"3 JPY", 3, true}, moneyForm{"3 JPY", 3, true}},
		{"zero Money on the left", sp.Money{}, sp.MustParseMoney("3 JPY"),
			moneyForm{"3 JPY", 3, true}, moneyForm{"-3 JPY", -3, true}},
		{"both zero Money", sp.Money{}, sp.Money{}, moneyForm{"0", 0, true}, moneyForm{"0", 0, true}},
		{"overflow spills", sp.NewMoney(math.MaxInt64, "USD"), sp.NewMoney(1, "USD"),
			moneyForm{"92233720368547758.08 USD", 0, false}, moneyForm{"92233720368547758.06 USD", math.MaxInt64 - 1, true}},
		{"negative overflow spills", sp.NewMoney(math.MinInt64, "USD"), sp.NewMoney(-1, "USD"),
			moneyForm{"-92233720368547758.09 USD", 0, false}, moneyForm{"-92233720368547758.07 USD", math.MinInt64 + 1, true}},
		{"sub overflows", sp.NewMoney(0, "USD"), sp.NewMoney(math.MinInt64, "USD"),
			moneyForm{"-92233720368547758.08 USD", math.MinInt64, true}, moneyForm{"92233720368547758.08 USD", 0, false}},
		{"exact form comes back", sp.MustParseMoney("92233720368547758.08 USD"), sp.NewMoney(-1, "USD"),
			moneyForm{"92233720368547758.07 USD", math.MaxInt64, true}, moneyForm{"92233720368547758.09 USD", 0, false}},
		{"finer amounts", sp.MustParseMoney("10.005 USD"), sp.MustParseMoney("0.005 USD"),
			moneyForm{"10.01 USD", 1001, true}, moneyForm{"10.00 USD", 1000, true}},
	}
	for _, tt := range tests {
		sum, err := tt.a.Add(tt.b)
		if err != nil {
			t.Errorf("%s: %v + %v: %v", tt.reason, tt.a, tt.b, err)
		}
		if diff := cmp.Diff(tt.add, moneyFormOf(sum)); diff != "" {
			t.Errorf("%s: %v + %v (-want +got):\n%s", tt.reason, tt.a, tt.b, diff)
		}
		diffM, err := tt.a.Sub(tt.b)
		if err != nil {
			t.Errorf("%s: %v - %v: %v", tt.reason, tt.a, tt.b, err)
		}
		if diff := cmp.Diff(tt.sub, moneyFormOf(diffM)); diff != "" {
			t.Errorf("%s: %v - %v (-want +got):\n%s", tt.reason, tt.a, tt.b, diff)
		}
	}
	_, err := sp.MustParseMoney("1 USD").Add(sp.MustParseMoney("1 EUR"))
	if !errors.Is(err, sp.ErrMixedCurrency) || err.Error() != "salesperf: add: mixed currencies: USD and EUR" {
		t.Errorf("USD + EUR error = %v", err)
	}
	_, err = sp.MustParseMoney("1 USD").Sub(sp.NewMoney(0, "EUR"))
	if !errors.Is(err, sp.ErrMixedCurrency) {
		t.Errorf("USD - 0 EUR error = %v, want ErrMixedCurrency (only the zero Money is currency-free)", err)
	}
}

func TestMoneyNegAbsSign(t *testing.T) {
	tests := []struct {
		m        sp.Money
		neg, abs string
		sign     int
		zero     bool
	}{
		{sp.MustParseMoney("12.50 USD"), "-12.50 USD", "12.50 USD", 1, false},
		{sp.MustParseMoney("-12.50 USD"), "12.50 USD", "12.50 USD", -1, false},
		{sp.NewMoney(0, "JPY"), "0 JPY", "0 JPY", 0, true},
		{sp.Money{}, "0", "0", 0, true},
		{sp.NewMoney(math.MinInt64, "USD"), "92233720368547758.08 USD", "92233720368547758.08 USD", -1, false},
		{sp.MustParseMoney("-10.005 USD"), "10.005 USD", "10.005 USD", -1, false},
	}
	for _, tt := range tests {
		got := []any{tt.m.Neg().String(), tt.m.Abs().String(), tt.m.Sign(), tt.m.IsZero()}
		if diff := cmp.Diff([]any{tt.neg, tt.abs, tt.sign, tt.zero}, got); diff != "" {
			t.Errorf("%v: Neg, Abs, Sign, IsZero (-want +got):\n%s", tt.m, diff)
		}
	}
	// -(-2^63 minor) is exact; negating it again returns to the fast form.
	if got := sp.NewMoney(math.MinInt64, "USD").Neg().Neg(); got != sp.NewMoney(math.MinInt64, "USD") {
		t.Errorf("Neg(Neg(min)) = %#v, not the canonical fast form", got)
	}
}

func TestMoneyCmpEqual(t *testing.T) {
	tests := []struct {
		reason string
		a, b   sp.Money
		cmp    int
		equal  bool
	}{
		{"less", sp.MustParseMoney("1.00 USD"), sp.MustParseMoney("2.00 USD"), -1, false},
		{"greater", sp.MustParseMoney("2.00 USD"), sp.MustParseMoney("-2.00 USD"), 1, false},
		{"equal", sp.MustParseMoney("2 USD"), sp.MustParseMoney("2.000 USD"), 0, true},
		{"exact forms equal", sp.MustParseMoney("2.005 USD"), sp.MustParseMoney("2.0050 USD"), 0, true},
		{"exact and fast", sp.MustParseMoney("2.005 USD"), sp.MustParseMoney("2.01 USD"), -1, false},
		{"huge", sp.MustParseMoney("100000000000000000000 USD"), sp.NewMoney(math.MaxInt64, "USD"), 1, false},
		{"zero Money and a positive amount", sp.Money{}, sp.MustParseMoney("1 EUR"), -1, false},
		{"zero Money and zero", sp.Money{}, sp.NewMoney(0, "EUR"), 0, false},
		{"negative amount and zero Money", sp.MustParseMoney("-1 JPY"), sp.Money{}, -1, false},
	}
	for _, tt := range tests {
		c, err := tt.a.Cmp(tt.b)
		if err != nil {
			t.Errorf("%s: %v.Cmp(%v): %v", tt.reason, tt.a, tt.b, err)
		}
		if diff := cmp.Diff([]any{tt.cmp, tt.equal}, []any{c, tt.a.Equal(tt.b)}); diff != "" {
			t.Errorf("%s: %v vs %v: Cmp, Equal (-want +got):\n%s", tt.reason, tt.a, tt.b, diff)
		}
	}
	_, err := sp.MustParseMoney("1 USD").Cmp(sp.MustParseMoney("1 EUR"))
	if !errors.Is(err, sp.ErrMixedCurrency) {
		t.Errorf("Cmp(USD, EUR) error = %v, want ErrMixedCurrency", err)
	}
	// go-cmp uses Money.Equal.
	if diff := cmp.Diff(sp.MustParseMoney("2.005 USD"), sp.MustParseMoney("2.00500 USD")); diff != "" {
		t.Errorf("cmp.Diff of equal exact-form amounts (-want +got):\n%s", diff)
	}
}

func TestMoneyText(t *testing.T) {
	type rec struct{ Amount sp.Money }
	for _, s := range []string{"1234.50 USD", "0", "10.005 USD", "-7 JPY", "100000000000000000000.001 KWD"} {
		in := rec{sp.MustParseMoney(s)}
		b, err := json.Marshal(in)
		if err != nil {
			t.Errorf("Marshal %s: %v", s, err)
			continue
		}
		if diff := cmp.Diff(`{"Amount":"`+s+`"}`, string(b)); diff != "" {
			t.Errorf("Marshal %s (-want +got):\n%s", s, diff)
		}
		var out rec
		if err := json.Unmarshal(b, &out); err != nil {
			t.Errorf("Unmarshal %s: %v", b, err)
		}
		if diff := cmp.Diff(in, out); diff != "" {
			t.Errorf("round trip of %s (-want +got):\n%s", s, diff)
		}
	}
	if _, err := json.Marshal(rec{sp.NewMoney(5, "XYZ")}); !errors.Is(err, sp.ErrUnknownCurrency) {
		t.Errorf("Marshal 5 XYZ: error = %v, want ErrUnknownCurrency", err)
	}
	m := sp.MustParseMoney("1 USD")
	if err := m.UnmarshalText([]byte("1 XYZ")); !errors.Is(err, sp.ErrUnknownCurrency) || m.String() != "1.00 USD" {
		t.Errorf("UnmarshalText(1 XYZ) = %v, m = %v; want ErrUnknownCurrency and m unchanged", err, m)
	}
}

// genMoney draws an amount in USD, JPY or KWD: small, anywhere in int64,
// near the int64 limits, or finer than the currency (exact form).
func genMoney() *rapid.Generator[sp.Money] {
	return rapid.Custom(func(t *rapid.T) sp.Money {
		c := rapid.SampledFrom([]sp.Currency{"USD", "JPY", "KWD"}).Draw(t, "currency")
		switch rapid.IntRange(0, 4).Draw(t, "kind") {
		case 0:
			return sp.NewMoney(rapid.Int64Range(-1_000_000, 1_000_000).Draw(t, "small"), c)
		case 1:
			return sp.NewMoney(rapid.Int64().Draw(t, "any"), c)
		case 2:
			return sp.NewMoney(math.MaxInt64-rapid.Int64Range(0, 1000).Draw(t, "belowMax"), c)
		case 3:
			return sp.NewMoney(math.MinInt64+rapid.Int64Range(0, 1000).Draw(t, "aboveMin"), c)
		}
		return sp.MoneyFromDecimal(decimal.New(rapid.Int64().Draw(t, "fine"), -5), c)
	})
}

func TestMoneyAddMatchesDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genMoney().Draw(t, "a")
		b := sp.MoneyFromDecimal(genMoney().Draw(t, "b").Decimal(), a.Currency())
		sum, err := a.Add(b)
		if err != nil {
			t.Fatal(err)
		}
		if want := a.Decimal().Add(b.Decimal()); !sum.Decimal().Equal(want) {
			t.Fatalf("%v + %v = %v, decimal says %s", a, b, sum, want)
		}
		diff, err := a.Sub(b)
		if err != nil {
			t.Fatal(err)
		}
		if want := a.Decimal().Sub(b.Decimal()); !diff.Decimal().Equal(want) {
			t.Fatalf("%v - %v = %v, decimal says %s", a, b, diff, want)
		}
		if back, _ := sum.Sub(b); back != a && !back.Equal(a) {
			t.Fatalf("(%v + %v) - %v = %v", a, b, b, back)
		}
	})
}

func TestMoneyDivMatchesDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genMoney().Draw(t, "m")
		n := rapid.OneOf(rapid.Int64Range(-1000, 1000), rapid.Int64()).Filter(func(n int64) bool { return n != 0 }).Draw(t, "n")
		d, _ := m.Currency().Digits()
		got := m.Div(n, sp.RoundDown)
		// Truncation by decimal's own QuoRem is independent of our rounding code.
		want, _ := m.Decimal().QuoRem(decimal.NewFromInt(n), int32(d))
		if !got.Decimal().Equal(want) {
			t.Fatalf("%v / %d down = %v, decimal says %s", m, n, got, want)
		}
	})
}

func TestMoneyStringRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genMoney().Draw(t, "m")
		back, err := sp.ParseMoney(m.String())
		if err != nil {
			t.Fatal(err)
		}
		if back != m && !back.Equal(m) {
			t.Fatalf("ParseMoney(%q) = %v", m.String(), back)
		}
		amt, err := sp.ParseAmount(m.Amount(), m.Currency())
		if err != nil || !amt.Equal(m) {
			t.Fatalf("ParseAmount(%q) = %v, %v", m.Amount(), amt, err)
		}
	})
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"1234.50 USD", "USD 1234.50", "-12.5 EUR", "0", "10.005 USD", "92233720368547758.08 USD", "1e3 USD", "", "0.0001 CLF", "+7 jpy"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := sp.ParseMoney(s)
		if err != nil {
			return
		}
		out := m.String()
		back, err := sp.ParseMoney(out)
		if err != nil {
			t.Fatalf("ParseMoney(%q) = %v, but ParseMoney(%q): %v", s, m, out, err)
		}
		if !back.Equal(m) || back.String() != out {
			t.Fatalf("ParseMoney(%q) = %v, ParseMoney(%q) = %v", s, m, out, back)
		}
		if b, err := m.MarshalText(); err != nil || string(b) != out {
			t.Fatalf("MarshalText of %v = %q, %v", m, b, err)
		}
	})
}

// TestMoneyMulCarryAtUint64Max is a regression test: a product whose
// truncated quotient is 2^64-1 and that rounds up used to wrap around to 0
// in the allocation-free path. 103459024530059179 × 1783 is
// 10×(2^64-1) + 7, so 1034590245300591.79 USD × 178.3 is
// 18446744073709551615.7 cents: 184467440737095516.16 USD rounded half-even
// (up), 184467440737095516.15 USD rounded down.
func TestMoneyMulCarryAtUint64Max(t *testing.T) {
	m := sp.NewMoney(103459024530059179, "USD")
	tests := []struct {
		mode sp.RoundingMode
		want string
	}{
		{sp.RoundHalfEven, "184467440737095516.16 USD"},
		{sp.RoundHalfUp, "184467440737095516.16 USD"},
		{sp.RoundUp, "184467440737095516.16 USD"},
		{sp.RoundCeiling, "184467440737095516.16 USD"},
		{sp.RoundDown, "184467440737095516.15 USD"},
		{sp.RoundFloor, "184467440737095516.15 USD"},
	}
	for _, tt := range tests {
		if got := m.Mul(decOf("178.3"), tt.mode); got.String() != tt.want {
			t.Errorf("%v × 178.3 %v = %v, want %s", m, tt.mode, got, tt.want)
		}
		neg := "-" + tt.want
		mode := tt.mode
		switch mode { // mirror image: ceiling and floor swap
		case sp.RoundCeiling:
			mode = sp.RoundFloor
		case sp.RoundFloor:
			mode = sp.RoundCeiling
		}
		if got := m.Neg().Mul(decOf("178.3"), mode); got.String() != neg {
			t.Errorf("%v × 178.3 %v = %v, want %s", m.Neg(), mode, got, neg)
		}
	}
	var r sp.Rates
	r.Set("USD", "EUR", utcDay(2026, 1, 1), decOf("178.3"))
	got, err := r.Convert(m, "EUR", utcDay(2026, 1, 2), sp.RoundHalfEven)
	if err != nil || got.String() != "184467440737095516.16 EUR" {
		t.Errorf("Convert(%v) at 178.3 = %v, %v; want 184467440737095516.16 EUR", m, got, err)
	}
}

// TestMoneyMulDivExactForm checks Mul and Div on amounts held in the exact
// form (beyond int64 minor units, or finer than the minor unit), with ties
// on both signs.
func TestMoneyMulDivExactForm(t *testing.T) {
	big := "100000000000000000000.05 USD" // 10^22 + 5 cents: beyond int64
	tests := []struct {
		reason string
		got    sp.Money
		want   string
	}{
		{"huge × 0.5, tie, half-even to even", sp.MustParseMoney(big).Mul(decOf("0.5"), sp.RoundHalfEven), "50000000000000000000.02 USD"},
		{"huge × 0.5, tie, half-up", sp.MustParseMoney(big).Mul(decOf("0.5"), sp.RoundHalfUp), "50000000000000000000.03 USD"},
		{"-huge × 0.5, tie, half-up", sp.MustParseMoney("-"+big).Mul(decOf("0.5"), sp.RoundHalfUp), "-50000000000000000000.03 USD"},
		{"-huge × 0.5, tie, half-down", sp.MustParseMoney("-"+big).Mul(decOf("0.5"), sp.RoundHalfDown), "-50000000000000000000.02 USD"},
		{"-huge × 0.5, tie, floor", sp.MustParseMoney("-"+big).Mul(decOf("0.5"), sp.RoundFloor), "-50000000000000000000.03 USD"},
		{"-huge × 0.5, tie, ceiling", sp.MustParseMoney("-"+big).Mul(decOf("0.5"), sp.RoundCeiling), "-50000000000000000000.02 USD"},
		{"huge × -0.5, tie, half-even", sp.MustParseMoney(big).Mul(decOf("-0.5"), sp.RoundHalfEven), "-50000000000000000000.02 USD"},
		{"huge × 0, zero in the fast form", sp.MustParseMoney(big).Mul(decOf("0"), sp.RoundHalfEven), "0.00 USD"},
		{"huge × 10^-20 comes back to the fast form", sp.MustParseMoney(big).Mul(decOf("0.00000000000000000001"), sp.RoundHalfEven), "1.00 USD"},
		{"-10.005 × 1, half-even", sp.MustParseMoney("-10.005 USD").Mul(decOf("1"), sp.RoundHalfEven), "-10.00 USD"},
		{"-10.015 × 1, half-even", sp.MustParseMoney("-10.015 USD").Mul(decOf("1"), sp.RoundHalfEven), "-10.02 USD"},
		{"-10.005 × 1, half-up", sp.MustParseMoney("-10.005 USD").Mul(decOf("1"), sp.RoundHalfUp), "-10.01 USD"},
		{"huge / 2, tie, half-even", sp.MustParseMoney(big).Div(2, sp.RoundHalfEven), "50000000000000000000.02 USD"},
		{"-huge / 2, tie, half-up", sp.MustParseMoney("-"+big).Div(2, sp.RoundHalfUp), "-50000000000000000000.03 USD"},
		{"huge / -2, tie, floor", sp.MustParseMoney(big).Div(-2, sp.RoundFloor), "-50000000000000000000.03 USD"},
		{"-huge / -2, tie, ceiling", sp.MustParseMoney("-"+big).Div(-2, sp.RoundCeiling), "50000000000000000000.03 USD"},
		{"-10.005 / 1, half-even", sp.MustParseMoney("-10.005 USD").Div(1, sp.RoundHalfEven), "-10.00 USD"},
		{"-10.005 / -1, half-down", sp.MustParseMoney("-10.005 USD").Div(-1, sp.RoundHalfDown), "10.00 USD"},
		{"huge / 10^20 comes back to the fast form", sp.MustParseMoney("100000000000000000000.00 USD").Div(100000000000000000, sp.RoundHalfEven), "1000.00 USD"},
	}
	for _, tt := range tests {
		if tt.got.String() != tt.want {
			t.Errorf("%s: got %v, want %s", tt.reason, tt.got, tt.want)
		}
		if want := sp.MustParseMoney(tt.want); moneyFormOf(tt.got) != moneyFormOf(want) || !tt.got.Equal(want) {
			t.Errorf("%s: %+v is not in the canonical form of %s", tt.reason, moneyFormOf(tt.got), tt.want)
		}
	}
}

// TestMoneyMulMatchesDecimal checks Mul, fast and exact paths, against the
// decimal package's own rounding, for every mode it has.
func TestMoneyMulMatchesDecimal(t *testing.T) {
	ref := map[sp.RoundingMode]func(d decimal.Decimal, places int32) decimal.Decimal{
		sp.RoundHalfEven: decimal.Decimal.RoundBank,
		sp.RoundHalfUp:   decimal.Decimal.Round, // half away from zero
		sp.RoundUp:       decimal.Decimal.RoundUp,
		sp.RoundDown:     decimal.Decimal.RoundDown,
		sp.RoundCeiling:  decimal.Decimal.RoundCeil,
		sp.RoundFloor:    decimal.Decimal.RoundFloor,
	}
	modes := []sp.RoundingMode{sp.RoundHalfEven, sp.RoundHalfUp, sp.RoundUp, sp.RoundDown, sp.RoundCeiling, sp.RoundFloor}
	rapid.Check(t, func(t *rapid.T) {
		m := genMoney().Draw(t, "m")
		f := decimal.New(
			rapid.OneOf(rapid.Int64Range(-2000, 2000), rapid.Int64(), rapid.Int64Range(math.MaxInt64/1000, math.MaxInt64)).Draw(t, "coef"),
			int32(rapid.IntRange(-22, 3).Draw(t, "exp")))
		mode := rapid.SampledFrom(modes).Draw(t, "mode")
		d, _ := m.Currency().Digits()
		got := m.Mul(f, mode)
		want := ref[mode](m.Decimal().Mul(f), int32(d))
		if !got.Decimal().Equal(want) {
			t.Fatalf("%v × %s %v = %v, decimal says %s", m, f, mode, got, want)
		}
		if canon := sp.MoneyFromDecimal(got.Decimal(), got.Currency()); moneyFormOf(canon) != moneyFormOf(got) {
			t.Fatalf("%v × %s %v = %+v, not canonical (%+v)", m, f, mode, moneyFormOf(got), moneyFormOf(canon))
		}
	})
}
