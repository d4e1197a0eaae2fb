package chart_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/salesperf/salesperf/chart"
	"github.com/salesperf/salesperf/report"
)

var page = chart.Page{
	Title: `Q4 <report> & "more"`,
	Notes: []string{"as of 2026-02-16"},
	Sections: []chart.Section{
		{
			Title:  "Funnel & trend",
			Notes:  []string{"a < b"},
			Charts: []chart.Chart{funnelChart, trendChart},
			Tables: []report.Table{{
				Title:  "Reps",
				Header: []string{"rep", "won", "rate"},
				Rows:   [][]string{{"<ann>", "3", "50.0%"}, {"bob"}},
				Notes:  []string{"rate = won / closed"},
			}},
		},
		{Title: "Empty"},
	},
}

func TestPageHTML(t *testing.T) {
	var b bytes.Buffer
	if err := page.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	raw := b.Bytes()
	if !bytes.HasPrefix(raw, []byte("<!DOCTYPE html>\n")) {
		t.Error("no doctype")
	}
	doc := parse(t, raw) // well-formed XML after the doctype
	if len(doc.Children) != 1 || doc.Children[0].Name != "html" {
		t.Fatal("the root is not one html element")
	}
	html := doc.Children[0]
	count := func(name string) int { return len(html.all(func(n *node) bool { return n.Name == name })) }
	for name, want := range map[string]int{"head": 1, "body": 1, "style": 1, "h1": 1, "section": 2, "h2": 2,
		"svg": 2, "table": 1, "caption": 1, "th": 3, "tr": 3, "td": 6, "li": 1, "script": 0, "link": 0, "img": 0} {
		if got := count(name); got != want {
			t.Errorf("%d <%s> elements, want %d", got, name, want)
		}
	}
	if got := html.all(func(n *node) bool { return n.Name == "h1" })[0].Text; got != page.Title {
		t.Errorf("h1 %q, want %q", got, page.Title)
	}
	var cells, classes []string
	for _, td := range html.all(func(n *node) bool { return n.Name == "td" }) {
		cells = append(cells, td.Text)
		classes = append(classes, td.Attrs["class"])
	}
	if diff := cmp.Diff([]string{"<ann>", "3", "50.0%", "bob", "", ""}, cells); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"", "num", "num", "", "num", "num"}, classes); diff != "" {
		t.Errorf("cell classes (-want +got):\n%s", diff)
	}
	for _, s := range []string{"&lt;ann&gt;", "Q4 &lt;report&gt; &amp; &#34;more&#34;", "<p>a &lt; b</p>"} {
		if !bytes.Contains(raw, []byte(s)) {
			t.Errorf("%q not in the page: a text is not escaped", s)
		}
	}
	checkSelfContained(t, html, raw)
}

// checkSelfContained checks that a page loads nothing: no src or href
// attribute, no script, no url() or @import in its style, and "http" only
// in the SVG namespace declarations.
func checkSelfContained(t *testing.T, html *node, raw []byte) {
	t.Helper()
	for _, n := range html.all(func(*node) bool { return true }) {
		for k, v := range n.Attrs {
			if k == "src" || k == "href" || (strings.Contains(v, "http") && k != "xmlns") {
				t.Errorf("<%s %s=%q> refers to a resource", n.Name, k, v)
			}
		}
	}
	svgs := len(html.all(func(n *node) bool { return n.Name == "svg" }))
	if got := bytes.Count(raw, []byte("http")); got != svgs {
		t.Errorf(`"http" appears %d times, want %d (the SVG namespaces only)`, got, svgs)
	}
	for _, s := range []string{"<script", "url(", "@import"} {
		if bytes.Contains(raw, []byte(s)) {
			t.Errorf("the page holds %q", s)
		}
	}
}
