package main

import (
	"bytes"
	"testing"

	"github.com/salesperf/salesperf/examples/internal/golden"
	"github.com/salesperf/salesperf/internal/sampledata"
)

// TestREADMESnippet: the code the README shows is exactly the code this
// program compiles and runs.
func TestREADMESnippet(t *testing.T) {
	golden.Snippet(t, "../../README.md", "main.go", "examples/custom-report/main.go")
}

func TestGolden(t *testing.T) {
	s := sampledata.MustLoad()
	var out bytes.Buffer
	report(&out, s.Dataset.Deals, s.Org, s.Calendar)
	golden.Check(t, "testdata/custom-report.golden", out.Bytes())
}
