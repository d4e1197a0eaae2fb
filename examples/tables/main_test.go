package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/salesperf/salesperf/examples/internal/golden"
)

// TestGolden checks the program's output on the embedded sample, with one
// and with three goroutines (the same figures).
func TestGolden(t *testing.T) {
	var one, three bytes.Buffer
	if err := run(&one, "", 1); err != nil {
		t.Fatal(err)
	}
	if err := run(&three, "", 3); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(one.String(), three.String()); diff != "" {
		t.Errorf("three goroutines differ from one (-1 +3):\n%s", diff)
	}
	golden.Check(t, filepath.Join("testdata", "sample.golden"), one.Bytes())
}

// TestMaven runs the program on the Maven export when ../shared holds it.
func TestMaven(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "maven-crm")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("Maven CRM export absent:", err)
	}
	var out bytes.Buffer
	if err := run(&out, dir, 2); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "8800 deals") || !strings.Contains(out.String(), "Darcel Schlecht      win rate 63.1% (349/553) won 1153214.00 USD") {
		t.Errorf("Maven scorecard:\n%s", out.String())
	}
}

// TestREADMESnippet keeps the README's columnar snippet identical to the
// program's code between the README markers.
func TestREADMESnippet(t *testing.T) {
	golden.Snippet(t, "../../README.md", "main.go", "examples/tables/main.go")
}
