package main

import (
	"bytes"
	"strings"
	"testing"
)

// The targets section is as of the one-to-one's day: ben.carter's deal
// D-1862, won on 2026-01-30, is not yet won on 2026-01-26. Won as of that
// day: 109496.00 USD in January (FY2026 P12), 296313.00 USD in
// November–January (FY2026 Q4); with D-1862 (8150.00 USD) the figures
// would be 117646.00 and 304463.00.
func TestTargetsAsOf(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, "ben.carter", "2026-01-26", "week"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"FY2026 P12  111000.00 USD  109496.00 USD", "FY2026 Q4   277500.00 USD  296313.00 USD"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no line starting %q in:\n%s", want, out.String())
		}
	}
}
