package main

import (
	"bytes"
	"testing"

	sp "github.com/salesperf/salesperf"

	"github.com/salesperf/salesperf/examples/internal/golden"
)

func TestGolden(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/forecast.golden", out.Bytes())
}

// TestRejected: the records left out are counted, not the kinds of
// record: 6 deals + 10 activities + 2 leads rejected are 18 records (the
// sample's), where the count of kinds would say 3.
func TestRejected(t *testing.T) {
	r := sp.ValidationReport{Rejected: map[string]int{"deal": 6, "activity": 10, "lead": 2}}
	if got := rejected(r); got != 18 {
		t.Errorf("rejected = %d, want 18", got)
	}
}
