package main

import (
	"bytes"
	"testing"

	"github.com/salesperf/salesperf/examples/internal/golden"
)

func TestGolden(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/forecast.golden", out.Bytes())
}
