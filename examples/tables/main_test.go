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
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	code := between(t, string(src), "\t// README:begin\n", "\t// README:end\n")
	var lines []string
	for _, l := range strings.SplitAfter(code, "\n") {
		lines = append(lines, strings.TrimPrefix(l, "\t"))
	}
	want := strings.Join(lines, "")
	block := between(t, string(readme), "<!-- snippet: examples/tables/main.go -->\n```go\n", "```\n")
	if block != want {
		t.Errorf("README's snippet differs from examples/tables/main.go (-program +README):\n%s", cmp.Diff(want, block))
	}
}

func between(t *testing.T, s, begin, end string) string {
	t.Helper()
	i := strings.Index(s, begin)
	if i < 0 {
		t.Fatalf("marker %q not found", begin)
	}
	s = s[i+len(begin):]
	j := strings.Index(s, end)
	if j < 0 {
		t.Fatalf("marker %q not found", end)
	}
	return s[:j]
}
