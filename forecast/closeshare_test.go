package forecast

import "testing"

// TestCloseShareHalfEven: CloseByTiming's doc promises the chance of
// closing in the period rounded half to even to 6 places; 0.1234565 is a
// tie (its shortest decimal form) and goes to the even 0.123456, not to
// 0.123457 (half away from zero).
func TestCloseShareHalfEven(t *testing.T) {
	for _, tt := range []struct {
		f    float64
		want string
	}{
		{0.1234565, "0.123456"},
		{0.1234575, "0.123458"},
		{0.25, "0.25"},
		{1, "1"},
	} {
		if got := closeShare(tt.f).String(); got != tt.want {
			t.Errorf("closeShare(%v) = %s, want %s", tt.f, got, tt.want)
		}
	}
}
