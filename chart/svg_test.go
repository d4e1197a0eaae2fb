package chart_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/salesperf/salesperf/chart"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// node is an element of a parsed SVG or HTML document.
type node struct {
	Name     string
	Attrs    map[string]string
	Text     string // the character data directly inside, trimmed
	Children []*node
}

// parse parses doc as XML (strictly) into a tree, failing t if it is not
// well-formed.
func parse(t *testing.T, doc []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	root := &node{Name: "#document"}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, doc)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{Name: tok.Name.Local, Attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.Attrs[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.Children = append(top.Children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top := stack[len(stack)-1]
			top.Text += strings.TrimSpace(string(tok))
		}
	}
	if len(stack) != 1 {
		t.Fatalf("unbalanced document: %d elements left open", len(stack)-1)
	}
	return root
}

// all returns the elements under n (n included) for which keep is true, in
// document order.
func (n *node) all(keep func(*node) bool) []*node {
	var out []*node
	if keep(n) {
		out = append(out, n)
	}
	for _, c := range n.Children {
		out = append(out, c.all(keep)...)
	}
	return out
}

// class returns the elements of class c (one of their classes).
func (n *node) class(c string) []*node {
	return n.all(func(x *node) bool { return strings.Contains(" "+x.Attrs["class"]+" ", " "+c+" ") })
}

// texts returns the text of the elements of class c.
func (n *node) texts(c string) []string {
	var out []string
	for _, x := range n.class(c) {
		out = append(out, x.Text)
	}
	return out
}

// render writes c as SVG and checks what every chart must be: one svg
// root with a viewBox matching its size, role="img", a title first
// holding title, and no NaN or Inf in any attribute. It returns the raw
// document and the svg element.
func render(t *testing.T, c chart.Chart, title string) ([]byte, *node) {
	t.Helper()
	var b bytes.Buffer
	if err := c.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	doc := parse(t, b.Bytes())
	if len(doc.Children) != 1 || doc.Children[0].Name != "svg" {
		t.Fatalf("want one svg root element, got %d elements", len(doc.Children))
	}
	svg := doc.Children[0]
	vb := strings.Fields(svg.Attrs["viewBox"])
	if len(vb) != 4 || vb[0] != "0" || vb[1] != "0" || vb[2] != svg.Attrs["width"] || vb[3] != svg.Attrs["height"] {
		t.Errorf("viewBox %q, width %q, height %q", svg.Attrs["viewBox"], svg.Attrs["width"], svg.Attrs["height"])
	}
	if svg.Attrs["role"] != "img" {
		t.Errorf("role = %q, want img", svg.Attrs["role"])
	}
	if len(svg.Children) == 0 || svg.Children[0].Name != "title" || svg.Children[0].Text != title {
		t.Errorf("the first child is not <title>%s</title>", title)
	}
	for _, n := range svg.all(func(*node) bool { return true }) {
		for k, v := range n.Attrs {
			l := strings.ToLower(v)
			if strings.Contains(l, "nan") || strings.Contains(l, "inf") {
				t.Errorf("<%s %s=%q>: not a finite number", n.Name, k, v)
			}
		}
	}
	return b.Bytes(), svg
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
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
		t.Errorf("%s differs (-want +got); check it by eye, then rerun with -update:\n%s", path, diff)
	}
}

// number reads a coordinate attribute.
func number(t *testing.T, n *node, attr string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.Attrs[attr], 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.Name, attr, n.Attrs[attr], err)
	}
	return v
}

// mustPanic checks that f panics with a "chart: " message.
func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		s, _ := r.(string)
		if !strings.HasPrefix(s, "chart: ") {
			t.Errorf("%s: recovered %v, want a panic with a \"chart: \" message", name, r)
		}
	}()
	f()
}
