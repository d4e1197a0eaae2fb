package csvimport

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
)

// splitter reads the rows of a CSV file as encoding/csv does (Comma set,
// FieldsPerRecord -1, no LazyQuotes, no TrimLeadingSpace, no Comment),
// with the same fields, line numbers and errors, but without copying: a
// line without a double quote is cut at the separator where it lies in
// the bufio.Reader's buffer. A line with a quote (or longer than the
// buffer) is read by an encoding/csv Reader that shares the buffer, so
// that quoted fields, quotes in the wrong place, and records over several
// lines follow encoding/csv exactly; only such rows are copied.
//
// The cells of the last row read are raw[start[i]:end[i]], valid until
// the next call to next.
type splitter struct {
	br    *bufio.Reader
	cr    *csv.Reader // shares br (bufio.NewReader returns br itself)
	comma byte        // 0: a separator of more than one byte, every row goes through cr

	fast int // lines the fast path consumed
	slow int // lines cr consumed, in its own numbering

	raw        []byte
	start, end []int
	line       int    // the line the row starts on (1 is the first line of the input)
	copied     []byte // the bytes of a row cr read
}

func newSplitter(br *bufio.Reader, comma rune) *splitter {
	s := &splitter{br: br, cr: csv.NewReader(br)}
	s.cr.Comma = comma
	s.cr.FieldsPerRecord = -1
	s.cr.ReuseRecord = true
	if comma < 0x80 {
		s.comma = byte(comma)
	}
	return s
}

// errLong is a line longer than the buffer: encoding/csv reads it.
var errLong = errors.New("long line")

// next reads the next row. It returns io.EOF at the end of the input; a
// *csv.ParseError (lines counted from the start of the input) for a row
// the CSV syntax cannot split, with the cells read before the fault; any
// other error is a failure to read.
func (s *splitter) next() error {
	for s.comma != 0 {
		line, n, err := s.peekLine()
		switch {
		case err == errLong:
		case err != nil:
			return err
		default:
			eol := n > len(line) // the line ends with '\n' (not the last line of the input)
			if eol && len(line) > 0 && line[len(line)-1] == '\r' {
				line = line[:len(line)-1] // "\r\n" is an end of line
			} else if !eol && len(line) > 0 && line[len(line)-1] == '\r' {
				line = line[:len(line)-1] // encoding/csv drops a '\r' before the end of the input
			}
			if len(line) == 0 { // an empty line: skipped, but counted
				s.br.Discard(n)
				s.fast++
				continue
			}
			if bytes.IndexByte(line, '"') >= 0 {
				break // quotes: encoding/csv's syntax
			}
			s.start, s.end = s.start[:0], s.end[:0]
			for p := 0; ; {
				i := bytes.IndexByte(line[p:], s.comma)
				if i < 0 {
					s.start, s.end = append(s.start, p), append(s.end, len(line))
					break
				}
				s.start, s.end = append(s.start, p), append(s.end, p+i)
				p += i + 1
			}
			s.raw = line
			s.fast++
			s.line = s.fast + s.slow
			s.br.Discard(n) // the bytes stay in the buffer until the next read
			return nil
		}
		break
	}
	return s.slowRow()
}

// peekLine returns the next line of the buffer without consuming it: the
// line without its '\n', and n, its length with it (len(line) for the
// last line of the input when it has no '\n'). It returns io.EOF at the
// end of the input, errLong when the line does not fit in the buffer, or
// the read error.
func (s *splitter) peekLine() (line []byte, n int, err error) {
	for {
		buf, _ := s.br.Peek(s.br.Buffered())
		if i := bytes.IndexByte(buf, '\n'); i >= 0 {
			return buf[:i], i + 1, nil
		}
		if len(buf) == s.br.Size() {
			return nil, 0, errLong
		}
		if _, err := s.br.Peek(len(buf) + 1); err != nil {
			if err != io.EOF {
				return nil, 0, err
			}
			buf, _ = s.br.Peek(s.br.Buffered())
			if len(buf) == 0 {
				return nil, 0, io.EOF
			}
			if i := bytes.IndexByte(buf, '\n'); i >= 0 {
				return buf[:i], i + 1, nil
			}
			return buf, len(buf), nil
		}
	}
}

// slowRow reads a row with encoding/csv and copies its fields.
func (s *splitter) slowRow() error {
	fields, err := s.cr.Read()
	if err == io.EOF {
		return io.EOF
	}
	var pe *csv.ParseError
	if err != nil && !errors.As(err, &pe) {
		return err
	}
	s.copied, s.start, s.end = s.copied[:0], s.start[:0], s.end[:0]
	newlines := 0
	for _, f := range fields {
		s.start = append(s.start, len(s.copied))
		s.copied = append(s.copied, f...)
		s.end = append(s.end, len(s.copied))
		newlines += bytesCount(f, '\n')
	}
	s.raw = s.copied
	if pe != nil {
		adj := *pe
		adj.StartLine += s.fast
		adj.Line += s.fast
		s.line = adj.StartLine
		s.slow = pe.Line
		return &adj
	}
	first, _ := s.cr.FieldPos(0)
	s.line = first + s.fast
	s.slow = first + newlines // every '\n' in a quoted field is a line read
	return nil
}

func bytesCount(s string, c byte) int {
	n := 0
	for i := range len(s) {
		if s[i] == c {
			n++
		}
	}
	return n
}

// cells returns the row's cells as a fresh copy (for rows kept aside).
func (s *splitter) clone() rawRow {
	return rawRow{raw: slices.Clone(s.raw), start: slices.Clone(s.start), end: slices.Clone(s.end), line: s.line}
}

// rawRow is a row read ahead.
type rawRow struct {
	raw        []byte
	start, end []int
	line       int
	err        error // a *csv.ParseError
}
