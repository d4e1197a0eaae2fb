package salesperf

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCurrencyDigits(t *testing.T) {
	tests := []struct {
		reason string
		c      Currency
		digits int
		ok     bool
	}{
		{"yen has no minor unit", "JPY", 0, true},
		{"dollar has cents", "USD", 2, true},
		{"euro has cents", "EUR", 2, true},
		{"Kuwaiti dinar has fils", "KWD", 3, true},
		{"Bahraini dinar has fils", "BHD", 3, true},
		{"Chilean unidad de fomento has four", "CLF", 4, true},
		{"Uruguayan unidad previsional has four", "UYW", 4, true},
		{"Chilean peso has none", "CLP", 0, true},
		{"Icelandic krona has none", "ISK", 0, true},
		{"new Caribbean guilder", "XCG", 2, true},
		{"Zimbabwe gold", "ZWG", 2, true},
		{"empty is unknown", "", 0, false},
		{"lower case is unknown", "usd", 0, false},
		{"made-up code", "XYZ", 0, false},
		{"gold has no minor unit", "XAU", 0, false},
		{"testing code has no minor unit", "XTS", 0, false},
	}
	for _, tt := range tests {
		d, ok := tt.c.Digits()
		if diff := cmp.Diff([2]any{tt.digits, tt.ok}, [2]any{d, ok}); diff != "" {
			t.Errorf("%s: %q.Digits() (-want +got):\n%s", tt.reason, tt.c, diff)
		}
		if got := tt.c.Known(); got != tt.ok {
			t.Errorf("%s: %q.Known() = %v, want %v", tt.reason, tt.c, got, tt.ok)
		}
	}
}

func TestCurrencyTable(t *testing.T) {
	if n := len(currencyDigits); n < 150 {
		t.Errorf("currency table has %d codes, want every active ISO 4217 code (about 155)", n)
	}
	for c, d := range currencyDigits {
		if len(c) != 3 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' || c[2] < 'A' || c[2] > 'Z' {
			t.Errorf("code %q is not three upper-case letters", c)
		}
		if d != 0 && d != 2 && d != 3 && d != 4 {
			t.Errorf("%s has %d digits; ISO 4217 uses 0, 2, 3 or 4", c, d)
		}
	}
}

func TestParseCurrency(t *testing.T) {
	tests := []struct {
		reason  string
		in      string
		want    Currency
		wantErr error
		msg     string
	}{
		{reason: "upper case", in: "USD", want: "USD"},
		{reason: "lower case and spaces", in: "  eur\t", want: "EUR"},
		{reason: "mixed case", in: "Jpy", want: "JPY"},
		{reason: "unknown", in: "xyz", wantErr: ErrUnknownCurrency, msg: `salesperf: unknown currency "XYZ"`},
		{reason: "empty", in: "", wantErr: ErrUnknownCurrency, msg: `salesperf: unknown currency ""`},
		{reason: "too long", in: "USDX", wantErr: ErrUnknownCurrency, msg: `salesperf: unknown currency "USDX"`},
	}
	for _, tt := range tests {
		got, err := ParseCurrency(tt.in)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) || err.Error() != tt.msg {
				t.Errorf("%s: ParseCurrency(%q) error = %v, want %q wrapping %v", tt.reason, tt.in, err, tt.msg, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: ParseCurrency(%q): %v", tt.reason, tt.in, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: ParseCurrency(%q) (-want +got):\n%s", tt.reason, tt.in, diff)
		}
	}
}

// TestCurrencyMinorUnitsISO checks hand-picked codes against ISO 4217 list
// one (SIX, published 2026-01-01; cross-checked with the 2024-06-25 XML):
// every code whose minor unit is not 2, a spread of 2s, the codes added
// since 2021, the funds, and the N.A. codes that must stay absent.
func TestCurrencyMinorUnitsISO(t *testing.T) {
	want := map[Currency]int{
		// Minor unit 0.
		"BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0,
		"KRW": 0, "PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0,
		"XAF": 0, "XOF": 0, "XPF": 0,
		// Minor unit 3.
		"BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
		// Minor unit 4.
		"CLF": 4, "UYW": 4,
		// Minor unit 2, including some often mistaken for 0 or 3.
		"USD": 2, "EUR": 2, "GBP": 2, "CHF": 2, "CNY": 2, "INR": 2, "IDR": 2,
		"HUF": 2, "TWD": 2, "COP": 2, "IRR": 2, "LAK": 2, "LBP": 2, "MGA": 2,
		"MMK": 2, "MRU": 2, "KPW": 2, "SYP": 2, "UZS": 2, "YER": 2, "DZD": 2,
		"MAD": 2, "AED": 2, "SAR": 2, "QAR": 2, "CDF": 2, "KHR": 2, "SOS": 2,
		"MXN": 2, "BRL": 2, "ZAR": 2,
		// Funds.
		"BOV": 2, "CHE": 2, "CHW": 2, "COU": 2, "MXV": 2, "USN": 2,
		// Added since 2021.
		"SLE": 2, "VED": 2, "VES": 2, "XCG": 2, "ZWG": 2,
		// Withdrawn, kept for old records.
		"ANG": 2, "BGN": 2, "CUC": 2, "HRK": 2, "SLL": 2, "ZWL": 2,
	}
	for c, w := range want {
		if d, ok := c.Digits(); !ok || d != w {
			t.Errorf("%s.Digits() = %d, %v; want %d, true", c, d, ok, w)
		}
	}
	// Every code whose minor unit is not 2 is listed above: a wrong 0 or 3
	// anywhere in the table shows up here.
	for c, d := range currencyDigits {
		if d != 2 && want[c] != int(d) {
			t.Errorf("%s has minor unit %d; ISO 4217 says 2", c, d)
		}
	}
	// Minor unit "N.A." in the standard: no defined precision.
	for _, c := range []Currency{"XAU", "XAG", "XPT", "XPD", "XDR", "XSU", "XUA", "XAD", "XBA", "XBB", "XBC", "XBD", "XTS", "XXX"} {
		if c.Known() {
			t.Errorf("%s is known; its ISO 4217 minor unit is N.A.", c)
		}
	}
}
