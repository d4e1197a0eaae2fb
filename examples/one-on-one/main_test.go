package main

import (
	"bytes"
	"testing"

	"github.com/salesperf/salesperf/examples/internal/golden"
)

func TestGolden(t *testing.T) {
	for _, tt := range []struct{ rep, grain, golden string }{
		{"ben.carter", "week", "testdata/one-on-one.golden"},
		{"daniel.evans", "month", "testdata/one-on-one-month.golden"},
	} {
		var out bytes.Buffer
		if err := run(&out, tt.rep, "2026-01-26", tt.grain); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, tt.golden, out.Bytes())
	}
}

func TestBadFlags(t *testing.T) {
	for _, c := range [][3]string{{"nobody", "2026-01-26", "week"}, {"ben.carter", "2026-13-01", "week"}, {"ben.carter", "2026-01-26", "year"}} {
		if err := run(&bytes.Buffer{}, c[0], c[1], c[2]); err == nil {
			t.Errorf("run(%q, %q, %q): no error", c[0], c[1], c[2])
		}
	}
}
