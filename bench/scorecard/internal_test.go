package scorecard

import (
	"testing"
	"time"
)

// TestDays checks the day-number arithmetic of the tuned loop against hand-computed days and against package time.
func TestDays(t *testing.T) {
	for _, c := range []struct {
		y, m, d int
		want    int64
	}{
		{1970, 1, 1, 0},
		{1969, 12, 31, -1},
		{2000, 3, 1, 11017}, // 30 years × 365 + 7 leap days (72…96) + 31 + 29 (Jan, Feb 2000)
		{2023, 1, 1, 19358}, // 1672531200 / 86400
		{2024, 2, 29, 19782},
	} {
		if got := daysFromCivil(c.y, c.m, c.d); got != c.want {
			t.Errorf("daysFromCivil(%d-%02d-%02d) = %d, want %d", c.y, c.m, c.d, got, c.want)
		}
	}
	for day := int64(-1000); day < 30000; day++ {
		tm := time.Unix(day*86400, 0).UTC()
		y, m, d := civil(day)
		if y != tm.Year() || m != int(tm.Month()) || d != tm.Day() {
			t.Fatalf("civil(%d) = %d-%d-%d, want %s", day, y, m, d, tm.Format(time.DateOnly))
		}
		if got := daysFromCivil(y, m, d); got != day {
			t.Fatalf("daysFromCivil(civil(%d)) = %d", day, got)
		}
	}
}

// TestParse checks the tuned parser's cells and its rounding.
func TestParse(t *testing.T) {
	if c, ok := ParseCents([]byte("20123.45")); !ok || c != 2012345 {
		t.Errorf("ParseCents(20123.45) = %d, %v", c, ok)
	}
	for _, bad := range []string{"20123.4", "20,123.45", "-1.00", "1e3.00", ""} {
		if _, ok := ParseCents([]byte(bad)); ok {
			t.Errorf("ParseCents(%q) ok", bad)
		}
	}
	if d, ok := parseDay([]byte("2023-01-01T23:59:59Z")); !ok || d != 19358 {
		t.Errorf("parseDay = %d, %v", d, ok)
	}
	if _, ok := parseDay([]byte("2023-01-01 23:59:59")); ok {
		t.Errorf("parseDay accepted a layout without T and Z")
	}
	// 5/2 = 2.5 → 3 (half up); 4/3 = 1.33 → 1; 5/3 = 1.67 → 2.
	for _, c := range [][3]int64{{5, 2, 3}, {4, 3, 1}, {5, 3, 2}, {0, 7, 0}} {
		if got := quoHalfUp(c[0], c[1]); got != c[2] {
			t.Errorf("quoHalfUp(%d, %d) = %d, want %d", c[0], c[1], got, c[2])
		}
	}
	if got := meanCycleTuned(125, 3); got != "41.67" { // 41.666… → 41.67
		t.Errorf("meanCycleTuned(125, 3) = %s", got)
	}
	if got := avgWonTuned(1000001, 2); got != "5000.01 USD" { // 500000.5 cents → 500001
		t.Errorf("avgWonTuned(1000001, 2) = %s", got)
	}
}
