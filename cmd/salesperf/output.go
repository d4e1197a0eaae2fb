package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/salesperf/salesperf/chart"
	"github.com/salesperf/salesperf/report"
)

// result is what a subcommand computed, ready for every format: the
// tables (table, csv, markdown, html), the charts (html) and the JSON
// document (json).
type result struct {
	title  string
	notes  []string // under the title: the span, the currency, what was left out
	tables []report.Table
	charts []chart.Chart
	doc    any
}

// write writes r in format f.
func (r *result) write(w io.Writer, f string) error {
	var b bytes.Buffer
	var err error
	switch f {
	case "table":
		err = r.writeText(&b)
	case "csv":
		err = r.writeCSV(&b)
	case "markdown":
		err = r.writeMarkdown(&b)
	case "json":
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err = enc.Encode(r.doc)
	case "html":
		p := chart.Page{Title: r.title, Notes: r.notes,
			Sections: []chart.Section{{Charts: r.charts, Tables: r.tables}}}
		err = p.WriteHTML(&b)
	default:
		err = fmt.Errorf("unknown format %q", f)
	}
	if err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

func (r *result) writeText(w io.Writer) error {
	fmt.Fprintln(w, r.title)
	for _, n := range r.notes {
		fmt.Fprintln(w, "  "+n)
	}
	for _, t := range r.tables {
		fmt.Fprintln(w)
		if err := t.WriteText(w); err != nil {
			return err
		}
	}
	return nil
}

// writeCSV writes the tables' cells with encoding/csv: the header row,
// then the rows. Tables with the same header are written as one, with a
// first column "table" holding each row's table title when there are
// several; otherwise each table follows the one before after an empty
// line.
func (r *result) writeCSV(w io.Writer) error {
	if len(r.tables) == 0 {
		return nil
	}
	cw := csv.NewWriter(w)
	same := len(r.tables) > 1
	for _, t := range r.tables[1:] {
		same = same && slices.Equal(t.Header, r.tables[0].Header)
	}
	if same {
		cw.Write(append([]string{"table"}, r.tables[0].Header...))
		for _, t := range r.tables {
			for _, row := range t.Rows {
				cw.Write(append([]string{t.Title}, row...))
			}
		}
		cw.Flush()
		return cw.Error()
	}
	for i, t := range r.tables {
		if i > 0 {
			cw.Flush()
			fmt.Fprintln(w)
		}
		cw.Write(t.Header)
		for _, row := range t.Rows {
			cw.Write(row)
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeMarkdown writes the title as a heading, the notes as a list, and
// each table as a pipe table under its own heading.
func (r *result) writeMarkdown(w io.Writer) error {
	fmt.Fprintf(w, "# %s\n\n", mdEscape(r.title))
	for _, n := range r.notes {
		fmt.Fprintf(w, "- %s\n", mdEscape(n))
	}
	for _, t := range r.tables {
		fmt.Fprintln(w)
		if t.Title != "" {
			fmt.Fprintf(w, "## %s\n\n", mdEscape(t.Title))
		}
		left := max(t.Left, 1)
		row := func(cells []string) {
			var b strings.Builder
			b.WriteString("|")
			for _, c := range cells {
				b.WriteString(" " + mdEscape(c) + " |")
			}
			fmt.Fprintln(w, b.String())
		}
		row(t.Header)
		align := make([]string, len(t.Header))
		for i := range align {
			align[i] = "---:"
			if i < left {
				align[i] = ":---"
			}
		}
		fmt.Fprintln(w, "|"+strings.Join(align, "|")+"|")
		for _, r := range t.Rows {
			row(r)
		}
		if len(t.Notes) > 0 {
			fmt.Fprintln(w)
			for _, n := range t.Notes {
				fmt.Fprintf(w, "- %s\n", mdEscape(n))
			}
		}
	}
	return nil
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
