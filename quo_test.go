package salesperf_test

import (
	"testing"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

func TestRoundingModeQuo(t *testing.T) {
	tests := []struct {
		x, y   string
		places int32
		mode   sp.RoundingMode
		want   string
	}{
		{"1", "8", 2, sp.RoundHalfEven, "0.12"}, // 0.125: tie, to even
		{"1", "8", 2, sp.RoundHalfUp, "0.13"},
		{"3", "8", 2, sp.RoundHalfEven, "0.38"}, // 0.375: tie, to even
		{"-1", "8", 2, sp.RoundHalfEven, "-0.12"},
		{"-1", "8", 2, sp.RoundHalfUp, "-0.13"},
		{"1", "-8", 2, sp.RoundFloor, "-0.13"},
		{"2", "3", 4, sp.RoundHalfEven, "0.6667"},
		{"2", "3", 4, sp.RoundDown, "0.6666"},
		{"4238", "6711", 6, sp.RoundHalfUp, "0.631501"}, // the Maven CRM win rate
		{"219452", "4238", 2, sp.RoundHalfUp, "51.78"},  // its average cycle: 51.7820...
		{"10005534", "4238", 2, sp.RoundHalfUp, "2360.91"},
		{"0.05", "2", 2, sp.RoundHalfEven, "0.02"},
		{"0.05", "2", 2, sp.RoundHalfUp, "0.03"},
		{"1.5", "0.5", 0, sp.RoundHalfEven, "3"},
		{"123456789012345678901234567890", "7", 3, sp.RoundHalfEven, "17636684144620811271604938270.000"},
	}
	for _, tt := range tests {
		got := tt.mode.Quo(decimal.RequireFromString(tt.x), decimal.RequireFromString(tt.y), tt.places)
		if got.StringFixed(tt.places) != tt.want {
			t.Errorf("%v.Quo(%s, %s, %d) = %s, want %s", tt.mode, tt.x, tt.y, tt.places, got.StringFixed(tt.places), tt.want)
		}
	}
}
