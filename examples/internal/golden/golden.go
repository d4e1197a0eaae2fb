// Package golden compares an example program's output with the file that
// pins it. Run the tests with -update to rewrite the files after checking
// a change by eye.
package golden

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// Check compares got with the golden file at path, or rewrites the file
// with -update.
func Check(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("output differs from %s (-want +got); check it, then rerun the test with -update:\n%s", path, diff)
	}
}

// Snippet checks that the README at readme shows, in the ```go block
// after the line "<!-- snippet: NAME -->", exactly the lines of the
// program at program between its "\t// README:begin" and "\t// README:end"
// lines, one tab of indentation removed: the code a reader copies is the
// code a test compiles and runs.
func Snippet(t *testing.T, readme, program, name string) {
	t.Helper()
	src, err := os.ReadFile(program)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	code := between(t, string(src), "\t// README:begin\n", "\t// README:end\n")
	var lines []string
	for _, l := range strings.SplitAfter(code, "\n") {
		lines = append(lines, strings.TrimPrefix(l, "\t"))
	}
	want := strings.Join(lines, "")
	block := between(t, string(doc), "<!-- snippet: "+name+" -->\n```go\n", "```\n")
	if block != want {
		t.Errorf("%s's snippet differs from %s (-program +README):\n%s", readme, program, cmp.Diff(want, block))
	}
}

// between returns the text of s between the first begin and the next end.
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
