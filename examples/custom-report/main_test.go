package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/salesperf/salesperf/examples/internal/golden"
	"github.com/salesperf/salesperf/internal/sampledata"
)

// TestREADMESnippet: the code the README shows is exactly the code this
// program compiles and runs.
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
	block := between(t, string(readme), "<!-- snippet: examples/custom-report/main.go -->\n```go\n", "```\n")
	if block != want {
		t.Errorf("README's snippet differs from examples/custom-report/main.go (-program +README):\n%s", cmp.Diff(want, block))
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

func TestGolden(t *testing.T) {
	s := sampledata.MustLoad()
	var out bytes.Buffer
	report(&out, s.Dataset.Deals, s.Org, s.Calendar)
	golden.Check(t, "testdata/custom-report.golden", out.Bytes())
}
