// Package csvimport reads the records of the root package — deals,
// activities, leads, targets, org memberships and subscriptions — from CSV
// files such as a CRM exports, through a column [Mapping].
//
// # Reading
//
// A [Reader] holds the Mapping and a Reject callback. Each of its methods
// ([Reader.Deals], [Reader.Activities], [Reader.Leads], [Reader.Targets],
// [Reader.Memberships], [Reader.Subscriptions]) reads the header at once,
// so that a mapped column the file lacks, or a file that is not CSV,
// is one error before any row is read; it then returns an [iter.Seq] that
// streams the valid records. Every bad row goes to Reject with all its
// problems and the file line it starts on, and is counted per column and
// reason in [Reader.Report], so nothing is dropped silently:
//
//	r := csvimport.Reader{Mapping: csvimport.Maven(), Reject: func(rj csvimport.Rejected) { log.Print(rj.Err) }}
//	deals, err := r.Deals(f)
//	if err != nil { ... } // missing column, not a CSV file
//	for d := range deals { ... }
//	if err := r.Err(); err != nil { ... } // reading f failed
//	fmt.Print(r.Report())
//
// A valid record is one whose cells parse and which passes the per-record
// checks of [salesperf.Validator] (against [Reader.Pipelines] when set).
// A problem is a *[salesperf.ValidationError] naming the record, its ID
// when known and the column, wrapping a *[LineError] that gives the line
// and wraps a sentinel:
//
//	salesperf: deal 1C1I7A6R: close_date: invalid syntax: "2017-13-01" (line 17)
//
// # Formats
//
// Files are UTF-8 with or without a byte-order mark, LF or CRLF line
// endings, fields quoted or not, separated by a comma or [Mapping.Comma].
// Dates are read with a list of layouts tried in order, in a location for
// those without a zone; amounts with an optional thousands separator and a
// decimal point or comma, never through a float; stage names map to
// open, won or lost through [Mapping.Stages] and a [StageRule].
//
// # Reading into tables
//
// For large files, [Reader.DealTable] and [Reader.ActivityTable] append
// the valid rows straight to a [salesperf.DealTable] or
// [salesperf.ActivityTable], keeping only the fields the table holds, and
// accept and reject exactly the rows Deals and Activities would (plus a
// row with an instant the table cannot hold). Most rows are read in
// place: cells are cut out of the read buffer (a quoted row goes through
// encoding/csv), timestamps in the first layout's fixed form are read
// without time.Parse, stage, kind and category cells are looked up as
// written, names are interned in the table's Dicts without allocating for
// a known one, and columns the table does not hold and that cannot make a
// row invalid are skipped. Any row the fast path cannot settle takes the
// record readers' code, so that the result is the same. A million deals
// with the scorecard's fields (owner, status, amount, created, closed) and
// ten million activities (rep, kind) load in about twice the time of a
// parser written for the one layout (1.8–2.1× in docs/performance.md).
//
// # Presets
//
// [Salesforce], [HubSpot], [Pipedrive] and [Maven] return the Mapping of
// those exports, each documented with the header it expects; [Preset]
// finds one by name. Maven's is checked against the real data set. The
// vendors' three were checked (2026-11) against what each vendor
// publishes about its field labels: each doc comment cites the pages that
// confirm a column, names the columns and formats that could not be
// confirmed, and says how to adjust the Mapping for a known variant of the
// export (an older label, a single-currency org, a translated header).
// testdata holds a sample export in each vendor's layout.
//
// The package does no I/O of its own beyond the io.Reader it is given,
// keeps no global state and never reads the clock.
package csvimport
