package csvimport

import (
	"errors"
	"strconv"
)

// Sentinel errors for problems with the file rather than with one record's
// values. The problems with values wrap the root package's sentinels
// (salesperf.ErrSyntax, salesperf.ErrUnknownStage…).
var (
	// ErrMissingColumn: the header lacks a column the Mapping names. It is
	// reported once, before any row is read, listing every missing column.
	ErrMissingColumn = errors.New("missing column")
	// ErrNotCSV: the input is not a CSV file the Mapping can read: binary
	// data, text that is not UTF-8, no header row, or no row among the
	// first ones with as many fields as the header. Reported once, before
	// any row is read.
	ErrNotCSV = errors.New("not a CSV file")
	// ErrFieldCount: a row with more or fewer fields than the header (a
	// problem of that row only; see ErrNotCSV for a whole file).
	ErrFieldCount = errors.New("wrong number of fields")
)

// LineError is a problem found on a line of the file: the line where the
// row starts (1 is the header) and the problem, which wraps a sentinel.
// Its message is the problem followed by the line:
//
//	invalid syntax: "2017-13-01" (line 17)
//
// Every [salesperf.ValidationError] a [Reader] reports wraps a LineError,
// so errors.As finds the line and errors.Is the sentinel.
type LineError struct {
	Line int
	Err  error
}

// Error returns "PROBLEM (line N)".
func (e *LineError) Error() string {
	return e.Err.Error() + " (line " + strconv.Itoa(e.Line) + ")"
}

// Unwrap returns Err.
func (e *LineError) Unwrap() error { return e.Err }
