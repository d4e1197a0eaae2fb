package chart_test

import (
	"testing"

	"github.com/salesperf/salesperf/chart"
)

func TestFormat(t *testing.T) {
	for _, tt := range []struct {
		reason string
		f      chart.Format
		v      float64
		signed bool
		want   string
	}{
		{"whole, grouped, half away from zero", chart.Format{}, 1234.5, false, "1,235"},
		{"no binary noise", chart.Format{Decimals: 2}, 0.1 + 0.2, false, "0.30"},
		{"a true minus, prefix after the sign", chart.Format{Prefix: "$"}, -1234567, false, "−$1,234,567"},
		{"negative zero is zero", chart.Format{Decimals: 2}, -0.001, false, "0.00"},
		{"percentage", chart.Format{Percent: true, Decimals: 1}, 0.285, false, "28.5%"},
		{"percentage, half away from zero", chart.Format{Percent: true}, 0.125, false, "13%"},
		{"compact millions, three digits", chart.Format{Compact: true}, 1234567, false, "1.23M"},
		{"compact, exact tie", chart.Format{Compact: true}, 1235000, false, "1.24M"},
		{"compact thousands", chart.Format{Compact: true}, 386012, false, "386k"},
		{"compact, one decimal", chart.Format{Compact: true}, 45250, false, "45.3k"},
		{"compact, carry to the next unit", chart.Format{Compact: true}, 999960, false, "1.00M"},
		{"compact, below a thousand", chart.Format{Compact: true}, 999.4, false, "999"},
		{"compact, with more decimals", chart.Format{Compact: true, Decimals: 3}, 1234567, false, "1.235M"},
		{"compact billions past 999", chart.Format{Compact: true}, 1.5e12, false, "1,500B"},
		{"suffix after the unit", chart.Format{Compact: true, Suffix: " USD"}, 2000, false, "2.00k USD"},
		{"signed positive", chart.Format{Prefix: "$"}, 5, true, "+$5"},
		{"signed negative", chart.Format{}, -5, true, "−5"},
		{"signed zero after rounding", chart.Format{Decimals: 1}, 0.01, true, "0.0"},
	} {
		got := tt.f.Float(tt.v)
		if tt.signed {
			got = tt.f.Signed(tt.v)
		}
		if got != tt.want {
			t.Errorf("%s: %+v of %v = %q, want %q", tt.reason, tt.f, tt.v, got, tt.want)
		}
	}
}
