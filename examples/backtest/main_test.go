package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesperf/salesperf/examples/internal/golden"
)

// TestGoldenSample pins the sample's backtest tables, 2,000 draws per
// origin to keep the test short (the command draws 10,000).
func TestGoldenSample(t *testing.T) {
	var out bytes.Buffer
	if err := runSample(&out, 2000); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/sample.golden", out.Bytes())
}

// TestMaven runs the Maven backtest when the export is present: every
// origin of April to December 2017 is forecast and the 500 Prospecting
// deals, which have no date, are left out.
func TestMaven(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "maven-crm")
	if _, err := os.Stat(filepath.Join(dir, "sales_pipeline.csv")); err != nil {
		t.Skip("Maven CRM export not found:", err)
	}
	if testing.Short() {
		t.Skip("short")
	}
	var out bytes.Buffer
	if err := runMaven(&out, dir, 1000); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Monte Carlo             18", "500 no created date", "2017-12  2017-12-16"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
