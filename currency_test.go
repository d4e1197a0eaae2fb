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
