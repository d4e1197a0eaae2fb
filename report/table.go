package report

import (
	"io"
	"strings"
	"unicode/utf8"
)

// Table is a report as text cells: a title, a header and rows, plus notes
// printed under it (what was left out and why). The first Left columns
// (at least one) hold text and align left; the others align right.
type Table struct {
	Title  string
	Header []string
	Rows   [][]string
	Notes  []string
	Left   int
}

// WriteText writes the table with its columns aligned, two spaces apart.
func (t Table) WriteText(w io.Writer) error {
	var b strings.Builder
	if t.Title != "" {
		b.WriteString(t.Title + "\n")
	}
	width := make([]int, len(t.Header))
	all := append([][]string{t.Header}, t.Rows...)
	for _, r := range all {
		for i, c := range r {
			if i < len(width) {
				width[i] = max(width[i], utf8.RuneCountInString(c))
			}
		}
	}
	left := max(t.Left, 1)
	for _, r := range all {
		var line strings.Builder
		for i, c := range r {
			if i >= len(width) {
				break
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i > 0 {
				line.WriteString("  ")
			}
			if i < left {
				line.WriteString(c + pad)
			} else {
				line.WriteString(pad + c)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	for _, n := range t.Notes {
		b.WriteString("  " + n + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
