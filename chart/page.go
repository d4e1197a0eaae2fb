package chart

import (
	"bytes"
	"io"
	"strings"

	"github.com/salesperf/salesperf/report"
)

// Chart is a chart that writes itself as a standalone SVG document:
// Funnel, Leaderboard, Trend, Fan and Waterfall.
type Chart interface {
	WriteSVG(w io.Writer) error
}

// Page is a report as one self-contained HTML page: a title, notes under
// it, and sections. The page has its style inline and its charts as
// inline SVG; it loads nothing and runs no script, so it can be mailed,
// archived or opened offline as it is.
type Page struct {
	Title    string
	Notes    []string // paragraphs under the title
	Sections []Section
}

// Section is one titled part of a Page: its notes (paragraphs), then its
// charts, then its tables.
type Section struct {
	Title  string
	Notes  []string
	Charts []Chart
	Tables []report.Table
}

// pageStyle is the page's inline style sheet.
const pageStyle = `
body { margin: 0; background: #f5f7fa; color: #1f2933; font: 14px/1.45 "DejaVu Sans", Helvetica, Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 18px; margin: 0 0 8px; }
section { background: #ffffff; border: 1px solid #e4e7eb; border-radius: 6px; padding: 16px 20px; margin: 20px 0; }
p { margin: 4px 0 8px; color: #52606d; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.chart svg { display: block; max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: 12px 0 4px; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { padding: 3px 10px; border-bottom: 1px solid #e4e7eb; white-space: nowrap; }
th { text-align: left; background: #f0f4f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fafbfc; }
ul.notes { margin: 4px 0 12px; padding-left: 18px; color: #52606d; font-size: 12px; }
`

// WriteHTML writes the page as one HTML document, well-formed as XML
// after its doctype. Every text is escaped. A table's first Left columns
// (at least one) align left, the others right, as report.Table.WriteText
// aligns them; its notes are listed under it.
func (p Page) WriteHTML(w io.Writer) error {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
	b.WriteString("<title>" + esc(p.Title) + "</title>\n<style>" + pageStyle + "</style>\n</head>\n<body>\n<main>\n")
	b.WriteString("<h1>" + esc(p.Title) + "</h1>\n")
	paragraphs(&b, p.Notes)
	for _, s := range p.Sections {
		b.WriteString("<section>\n<h2>" + esc(s.Title) + "</h2>\n")
		paragraphs(&b, s.Notes)
		if len(s.Charts) > 0 {
			b.WriteString("<div class=\"charts\">\n")
			for _, c := range s.Charts {
				var svg bytes.Buffer
				if err := c.WriteSVG(&svg); err != nil {
					return err
				}
				b.WriteString("<figure class=\"chart\" style=\"margin: 0\">\n")
				b.Write(svg.Bytes())
				b.WriteString("</figure>\n")
			}
			b.WriteString("</div>\n")
		}
		for _, t := range s.Tables {
			table(&b, t)
		}
		b.WriteString("</section>\n")
	}
	b.WriteString("</main>\n</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func paragraphs(b *strings.Builder, ps []string) {
	for _, p := range ps {
		b.WriteString("<p>" + esc(p) + "</p>\n")
	}
}

// table writes t as an HTML table; rows are cut or padded to the header's
// width.
func table(b *strings.Builder, t report.Table) {
	left := max(t.Left, 1)
	cell := func(tag string, i int, s string) {
		class := ""
		if i >= left {
			class = ` class="num"`
		}
		b.WriteString("<" + tag + class + ">" + esc(s) + "</" + tag + ">")
	}
	b.WriteString("<table>\n")
	if t.Title != "" {
		b.WriteString("<caption>" + esc(t.Title) + "</caption>\n")
	}
	b.WriteString("<thead><tr>")
	for i, h := range t.Header {
		cell("th", i, h)
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, r := range t.Rows {
		b.WriteString("<tr>")
		for i := range max(len(t.Header), len(r)) {
			if len(t.Header) > 0 && i >= len(t.Header) {
				break
			}
			s := ""
			if i < len(r) {
				s = r[i]
			}
			cell("td", i, s)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	if len(t.Notes) > 0 {
		b.WriteString("<ul class=\"notes\">\n")
		for _, n := range t.Notes {
			b.WriteString("<li>" + esc(n) + "</li>\n")
		}
		b.WriteString("</ul>\n")
	}
}
