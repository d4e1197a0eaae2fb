package csvimport

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

// splitRow is a row as encoding/csv gives it: its fields, the line it
// starts on, and the error.
type splitRow struct {
	Fields []string
	Line   int
	Err    string
}

// csvRows reads in with encoding/csv, as the Reader did before the splitter.
func csvRows(in string, comma rune) []splitRow {
	cr := csv.NewReader(strings.NewReader(in))
	cr.Comma, cr.FieldsPerRecord = comma, -1
	var rows []splitRow
	for {
		f, err := cr.Read()
		if err == io.EOF {
			return rows
		}
		r := splitRow{Fields: append([]string{}, f...)}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			r.Line, r.Err = pe.StartLine, pe.Error()
		} else if err != nil {
			r.Err = err.Error()
		} else {
			r.Line, _ = cr.FieldPos(0)
		}
		rows = append(rows, r)
	}
}

func splitRows(in string, comma rune) []splitRow {
	s := newSplitter(bufio.NewReaderSize(strings.NewReader(in), 4096), comma)
	var rows []splitRow
	for {
		err := s.next()
		if err == io.EOF {
			return rows
		}
		r := splitRow{Line: s.line}
		for i := range s.start {
			r.Fields = append(r.Fields, string(s.raw[s.start[i]:s.end[i]]))
		}
		if err != nil {
			r.Err = err.Error()
		}
		rows = append(rows, r)
	}
}

func checkSplit(t interface{ Fatalf(string, ...any) }, in string, comma rune) {
	if diff := cmp.Diff(csvRows(in, comma), splitRows(in, comma), cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("input %q comma %q: (-encoding/csv +splitter)\n%s", in, comma, diff)
	}
}

func TestSplitEdges(t *testing.T) {
	for _, in := range []string{
		"", "\n", "a", "a\n", "a,b\r\n", "a,b\r", "a,b\r\r\n", "\r\n\r\na,b\n\n", "a\rb,c\n",
		`a,"b,c"` + "\nd,e\n", "\"a\nb\",c\nd\n", "\"a\r\nb\"\r\nc\r\n", `a,b"c` + "\nd\n", `"a"b,c` + "\nd\n",
		"\"abc\n", "x\n\"a\n\nb\"\ny\n", ",,\n,\n", "é,ü\n", "a;b,c\n" + strings.Repeat("x", 5000) + ",y\nz\n",
		strings.Repeat("x,", 3000) + "\"q\"\nz\n",
	} {
		checkSplit(t, in, ',')
		checkSplit(t, in, ';')
		checkSplit(t, in, '¦')
	}
}

func TestSplitRapid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		parts := rapid.SliceOf(rapid.SampledFrom([]string{"a", "bc", ",", ";", "\"", "\"\"", "\n", "\r", "\r\n", " ", "é", "\xff", strings.Repeat("y", 4100)})).Draw(t, "parts")
		comma := rapid.SampledFrom([]rune{',', ';', '\t', '¦'}).Draw(t, "comma")
		checkSplit(t, strings.Join(parts, ""), comma)
	})
}

func FuzzSplit(f *testing.F) {
	f.Add("a,\"b\nc\",d\r\ne\n\n\"f\"g\n", byte(','))
	f.Fuzz(func(t *testing.T, in string, c byte) {
		comma := rune(c)
		if comma == 0 || comma == '"' || comma == '\r' || comma == '\n' || comma >= 0x80 {
			comma = ','
		}
		checkSplit(t, in, comma)
	})
}
