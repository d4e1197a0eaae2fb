package csvimport_test

import (
	"errors"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/csvimport"
)

// collect ranges over a reader's sequence and returns the records and the
// messages of the rejected rows, one string per row.
func collect[T any](t *testing.T, r *csvimport.Reader, read func(*csvimport.Reader) (iter.Seq[T], error)) ([]T, []string) {
	t.Helper()
	var rejected []string
	r.Reject = func(rj csvimport.Rejected) { rejected = append(rejected, rj.Err.Error()) }
	seq, err := read(r)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	var got []T
	for v := range seq {
		got = append(got, v)
	}
	if err := r.Err(); err != nil {
		t.Fatalf("Err: %v", err)
	}
	return got, rejected
}

func readDeals(t *testing.T, m csvimport.Mapping, ps sp.Pipelines, input string) ([]sp.Deal, []string) {
	t.Helper()
	r := &csvimport.Reader{Mapping: m, Pipelines: ps}
	return collect(t, r, func(r *csvimport.Reader) (iter.Seq[sp.Deal], error) { return r.Deals(strings.NewReader(input)) })
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func usd(s string) sp.Money { return sp.MustParseMoney(s + " USD") }

// dealMapping reads the test files' deal header:
//
//	id,owner,stage,amount,currency,created,closed,category
func dealMapping() csvimport.Mapping {
	return csvimport.Mapping{
		Deals: csvimport.DealColumns{ID: "id", Owner: "owner", Stage: "stage", Amount: "amount", Currency: "currency",
			Created: "created", Closed: "closed", Category: "category"},
		Currency: "USD",
		Stages:   map[string]sp.Status{"Demo": sp.Open, "Won": sp.Won, "Lost": sp.Lost},
	}
}

const dealHeader = "id,owner,stage,amount,currency,created,closed,category\n"

// TestDeals reads one row at a time: each good row gives its deal, each
// bad one the exact message of every problem, on line 2.
func TestDeals(t *testing.T) {
	tests := []struct {
		name string
		row  string
		want []sp.Deal
		err  string
	}{
		{name: "open deal with empty cells", row: "1,ana,Demo,,,2026-01-05,,",
			want: []sp.Deal{{ID: "1", Owner: "ana", Stage: "Demo", Status: sp.Open, Created: day(2026, 1, 5)}}},
		{name: "open deal without created date", row: "1,ana,Demo,,,,,",
			want: []sp.Deal{{ID: "1", Owner: "ana", Stage: "Demo", Status: sp.Open}}},
		{name: "won deal in its currency, RFC 3339 close, category", row: "2,bo,Won,1234.5,eur,2026-01-05,2026-02-01T10:30:00+01:00,Commit",
			want: []sp.Deal{{ID: "2", Owner: "bo", Stage: "Won", Status: sp.Won, Amount: sp.MustParseMoney("1234.50 EUR"),
				Created: day(2026, 1, 5), Closed: time.Date(2026, 2, 1, 9, 30, 0, 0, time.UTC), Category: sp.CategoryCommit}}},
		{name: "quoted fields, a comma and a quote inside", row: `"3","Smith, ""Jo""",Lost,"0",,2026-01-05,2026-01-20,`,
			want: []sp.Deal{{ID: "3", Owner: `Smith, "Jo"`, Stage: "Lost", Status: sp.Lost, Amount: usd("0"),
				Created: day(2026, 1, 5), Closed: day(2026, 1, 20)}}},
		{name: "stage matched ignoring case, spaces trimmed", row: " 4 , ana , won ,10,,2026-01-05,2026-01-06,",
			want: []sp.Deal{{ID: "4", Owner: "ana", Stage: "won", Status: sp.Won, Amount: usd("10"),
				Created: day(2026, 1, 5), Closed: day(2026, 1, 6)}}},
		{name: "amount with its code", row: "5,ana,Won,JPY 1200,,2026-01-05,2026-01-06,",
			want: []sp.Deal{{ID: "5", Owner: "ana", Stage: "Won", Status: sp.Won, Amount: sp.MustParseMoney("1200 JPY"),
				Created: day(2026, 1, 5), Closed: day(2026, 1, 6)}}},

		{name: "bad date", row: "1C1I7A6R,ana,Won,10,,2017-03-01,2017-13-01,",
			err: `salesperf: deal 1C1I7A6R: closed: invalid syntax: "2017-13-01" (line 2)`},
		{name: "thousands separator not set", row: `6,ana,Won,"1,234.50",,2026-01-05,2026-01-06,`,
			err: `salesperf: deal 6: amount: invalid syntax: "1,234.50" (line 2)`},
		{name: "unknown stage", row: "7,ana,Negotiation,10,,2026-01-05,,",
			err: `salesperf: deal 7: stage: unknown stage: "Negotiation" (line 2)`},
		{name: "empty stage", row: "7,ana,,10,,2026-01-05,,",
			err: `salesperf: deal 7: stage: unknown stage: "" (line 2)`},
		{name: "unknown currency", row: "8,ana,Won,10,XYZ,2026-01-05,2026-01-06,",
			err: `salesperf: deal 8: currency: unknown currency: "XYZ" (line 2)`},
		{name: "unknown currency in the amount", row: "8,ana,Won,10 ABC,,2026-01-05,2026-01-06,",
			err: `salesperf: deal 8: currency: unknown currency: "ABC" (line 2)`},
		{name: "bad category", row: "9,ana,Demo,10,,2026-01-05,,maybe",
			err: `salesperf: deal 9: category: invalid value: forecast category "maybe" (line 2)`},
		{name: "two problems in one row", row: "11,ana,Won,1.2.3,,2026-01-05,01/06/2026,",
			err: `salesperf: deal 11: amount: invalid syntax: "1.2.3" (line 2)` + "\n" +
				`salesperf: deal 11: closed: invalid syntax: "01/06/2026" (line 2)`},
		// Problems the root validator finds, named by their column.
		{name: "close before create", row: "12,ana,Won,10,,2026-02-01,2026-01-01,",
			err: `salesperf: deal 12: closed: close date before create date: closed 2026-01-01T00:00:00Z, created 2026-02-01T00:00:00Z (line 2)`},
		{name: "missing owner and id", row: ",,Demo,,,2026-01-05,,",
			err: `salesperf: deal "": id: missing id (line 2)` + "\n" + `salesperf: deal "": owner: missing owner (line 2)`},
		{name: "won without close date", row: "13,ana,Won,10,,2026-01-05,,",
			err: `salesperf: deal 13: closed: closed deal without close date (line 2)`},
		{name: "open with close date", row: "14,ana,Demo,10,,2026-01-05,2026-01-06,",
			err: `salesperf: deal 14: closed: open deal with close date: closed 2026-01-06T00:00:00Z (line 2)`},
		{name: "negative amount", row: "15,ana,Won,-5,,2026-01-05,2026-01-06,",
			err: `salesperf: deal 15: amount: negative amount: -5.00 USD (line 2)`},
		{name: "finer than the currency", row: "16,ana,Won,10.005,,2026-01-05,2026-01-06,",
			err: `salesperf: deal 16: amount: precision finer than the currency allows: 10.005 USD has more than 2 decimal places (line 2)`},
		{name: "closed without created", row: "17,ana,Lost,0,,,2026-01-06,",
			err: `salesperf: deal 17: created: missing date (line 2)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rejected := readDeals(t, dealMapping(), nil, dealHeader+tt.row+"\n")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("deals (-want +got):\n%s", diff)
			}
			var want []string
			if tt.err != "" {
				want = []string{tt.err}
			}
			if diff := cmp.Diff(want, rejected); diff != "" {
				t.Errorf("rejected (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDealsRules covers the settings of a Mapping one by one.
func TestDealsRules(t *testing.T) {
	pipes := sp.Pipelines{{Name: "new", Stages: []sp.Stage{
		{Name: "Qualify", Kind: sp.OpenStage}, {Name: "Signed", Kind: sp.WonStage}, {Name: "Gone", Kind: sp.LostStage}}}}
	tests := []struct {
		name  string
		m     func(*csvimport.Mapping)
		ps    sp.Pipelines
		input string
		want  []sp.Deal
		err   []string
	}{
		{name: "other stages by name",
			m:     func(m *csvimport.Mapping) { m.OtherStages = csvimport.StageByName },
			input: dealHeader + "1,a,Closed Won,1,,2026-01-01,2026-01-02,\n2,a,closed-lost,0,,2026-01-01,2026-01-02,\n3,a,Won't say,,,2026-01-01,,\n",
			want: []sp.Deal{
				{ID: "1", Owner: "a", Stage: "Closed Won", Status: sp.Won, Amount: usd("1"), Created: day(2026, 1, 1), Closed: day(2026, 1, 2)},
				{ID: "2", Owner: "a", Stage: "closed-lost", Status: sp.Lost, Amount: usd("0"), Created: day(2026, 1, 1), Closed: day(2026, 1, 2)},
				{ID: "3", Owner: "a", Stage: "Won't say", Status: sp.Open, Created: day(2026, 1, 1)},
			}},
		{name: "other stages open",
			m:     func(m *csvimport.Mapping) { m.OtherStages = csvimport.StageOpen },
			input: dealHeader + "1,a,Closed Won,,,2026-01-01,,\n",
			want:  []sp.Deal{{ID: "1", Owner: "a", Stage: "Closed Won", Status: sp.Open, Created: day(2026, 1, 1)}}},
		{name: "stages from the pipelines, and checked against them",
			ps:    pipes,
			input: dealHeader + "1,a,Signed,5,,2026-01-01,2026-01-02,\n2,a,Nowhere,,,2026-01-01,,\n",
			want:  []sp.Deal{{ID: "1", Owner: "a", Stage: "Signed", Status: sp.Won, Amount: usd("5"), Created: day(2026, 1, 1), Closed: day(2026, 1, 2)}},
			err:   []string{`salesperf: deal 2: stage: unknown stage: "Nowhere" (line 3)`}},
		{name: "a stage of the mapping the pipeline does not know",
			ps:    pipes,
			input: dealHeader + "1,a,Demo,,,2026-01-01,,\n",
			err:   []string{`salesperf: deal 1: stage: unknown stage: "Demo" in pipeline "new" (line 2)`}},
		{name: "close date of an open deal is the expected close",
			m:     func(m *csvimport.Mapping) { m.CloseIsExpectedWhenOpen = true },
			input: dealHeader + "1,a,Demo,,,2026-01-01,2026-03-31,\n2,a,Won,1,,2026-01-01,2026-01-02,\n",
			want: []sp.Deal{
				{ID: "1", Owner: "a", Stage: "Demo", Status: sp.Open, Created: day(2026, 1, 1), ExpectedClose: sp.Date{Year: 2026, Month: 3, Day: 31}},
				{ID: "2", Owner: "a", Stage: "Won", Status: sp.Won, Amount: usd("1"), Created: day(2026, 1, 1), Closed: day(2026, 1, 2)},
			}},
		{name: "date formats in order, location for dates without a zone",
			m: func(m *csvimport.Mapping) {
				m.DateFormats = []string{"01/02/2006", "2006-01-02 15:04:05", time.RFC3339}
				m.Location = time.FixedZone("X", -5*3600)
			},
			input: dealHeader + "1,a,Won,1,,01/15/2026,2026-01-20 08:00:00,\n2,a,Won,1,,01/15/2026,2026-01-20T08:00:00Z,\n",
			want: []sp.Deal{
				{ID: "1", Owner: "a", Stage: "Won", Status: sp.Won, Amount: usd("1"), Created: time.Date(2026, 1, 15, 5, 0, 0, 0, time.UTC), Closed: time.Date(2026, 1, 20, 13, 0, 0, 0, time.UTC)},
				{ID: "2", Owner: "a", Stage: "Won", Status: sp.Won, Amount: usd("1"), Created: time.Date(2026, 1, 15, 5, 0, 0, 0, time.UTC), Closed: time.Date(2026, 1, 20, 8, 0, 0, 0, time.UTC)},
			}},
		{name: "semicolons, decimal comma, dot for thousands",
			m: func(m *csvimport.Mapping) {
				m.Comma, m.DecimalComma, m.Thousands, m.Currency = ';', true, '.', "EUR"
			},
			input: "id;owner;stage;amount;currency;created;closed;category\r\n1;a;Won;1.234,5;;2026-01-01;2026-01-02;\r\n2;a;Won;1234,50;;2026-01-01;2026-01-02;\r\n3;a;Won;1,234.50;;2026-01-01;2026-01-02;\r\n",
			want: []sp.Deal{
				{ID: "1", Owner: "a", Stage: "Won", Status: sp.Won, Amount: sp.MustParseMoney("1234.50 EUR"), Created: day(2026, 1, 1), Closed: day(2026, 1, 2)},
				{ID: "2", Owner: "a", Stage: "Won", Status: sp.Won, Amount: sp.MustParseMoney("1234.50 EUR"), Created: day(2026, 1, 1), Closed: day(2026, 1, 2)},
			},
			err: []string{`salesperf: deal 3: amount: invalid syntax: "1,234.50" (line 4)`}},
		{name: "thousands separator set",
			m:     func(m *csvimport.Mapping) { m.Thousands = ',' },
			input: dealHeader + "1,a,Won,\"1,234.50\",,2026-01-01,2026-01-02,\n2,a,Won,\"1,23.50\",,2026-01-01,2026-01-02,\n",
			want:  []sp.Deal{{ID: "1", Owner: "a", Stage: "Won", Status: sp.Won, Amount: usd("1234.50"), Created: day(2026, 1, 1), Closed: day(2026, 1, 2)}},
			err:   []string{`salesperf: deal 2: amount: invalid syntax: "1,23.50" (line 3)`}},
		{name: "line numbers after a quoted field on two lines",
			input: dealHeader + "1,\"a\nb\",Demo,,,2026-01-01,,\n2,a,Demo,,,2026-01-32,,\n",
			want:  []sp.Deal{{ID: "1", Owner: "a\nb", Stage: "Demo", Status: sp.Open, Created: day(2026, 1, 1)}},
			err:   []string{`salesperf: deal 2: created: invalid syntax: "2026-01-32" (line 4)`}},
		{name: "a quote in an unquoted field",
			input: dealHeader + "1,a\"b,Demo,,,2026-01-01,,\n2,a,Demo,,,2026-01-01,,\n",
			want:  []sp.Deal{{ID: "2", Owner: "a", Stage: "Demo", Status: sp.Open, Created: day(2026, 1, 1)}},
			err:   []string{`salesperf: deal 1: row: invalid syntax: bare " in non-quoted-field (line 2)`}},
		{name: "field count",
			input: dealHeader + "1,a,Demo,,,2026-01-01,,\n10,ana,Demo\n",
			want:  []sp.Deal{{ID: "1", Owner: "a", Stage: "Demo", Status: sp.Open, Created: day(2026, 1, 1)}},
			err:   []string{`salesperf: deal 10: row: wrong number of fields: 3, the header has 8 (line 3)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := dealMapping()
			if tt.m != nil {
				tt.m(&m)
			}
			got, rejected := readDeals(t, m, tt.ps, tt.input)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("deals (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.err, rejected); diff != "" {
				t.Errorf("rejected (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDealsStatusColumn: a status column decides over the stage; won and
// lost times give the close.
func TestDealsStatusColumn(t *testing.T) {
	m := csvimport.Mapping{
		Deals: csvimport.DealColumns{ID: "id", Owner: "owner", Stage: "stage", Status: "status", Closed: "closed",
			WonTime: "won", LostTime: "lost", LostReason: "reason", ExpectedClose: "expected",
			Attrs: map[string]string{"name": "title"}},
	}
	input := "id,owner,stage,status,closed,won,lost,reason,expected,title\n" +
		"1,a,Proposal,won,2026-02-01,2026-01-31 10:00:00,,,2026-02-15,Big one\n" +
		"2,a,Proposal,LOST,,,2026-01-20 09:00:00,price,,\n" +
		"3,a,Proposal,open,,,,,2026-03-01,\n" +
		"4,a,Proposal,deleted,,,,,,\n" +
		"5,a,,,,,,,,\n"
	got, rejected := readDeals(t, m, nil, input)
	want := []sp.Deal{
		{ID: "1", Owner: "a", Stage: "Proposal", Status: sp.Won, Closed: time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC),
			ExpectedClose: sp.Date{Year: 2026, Month: 2, Day: 15}, Attrs: map[string]string{"name": "Big one"}},
		{ID: "2", Owner: "a", Stage: "Proposal", Status: sp.Lost, Closed: time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC),
			LostReason: "price", Attrs: map[string]string{}},
		{ID: "3", Owner: "a", Stage: "Proposal", Status: sp.Open, ExpectedClose: sp.Date{Year: 2026, Month: 3, Day: 1}, Attrs: map[string]string{}},
	}
	// Created is not mapped: the won and lost deals lack it.
	wantErr := []string{
		`salesperf: deal 1: created: missing date (line 2)`,
		`salesperf: deal 2: created: missing date (line 3)`,
		`salesperf: deal 4: status: invalid status: "deleted" (line 5)`,
		`salesperf: deal 5: stage: unknown stage: "" (line 6)`,
	}
	if diff := cmp.Diff(want[2:], got); diff != "" {
		t.Errorf("deals (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantErr, rejected); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
	// With created dates, the first two pass.
	m.Deals.Created = "created"
	input = strings.ReplaceAll(strings.ReplaceAll(input, "\n", ",2026-01-01\n"), "title,2026-01-01", "title,created")
	got, _ = readDeals(t, m, nil, input)
	for i := range want {
		want[i].Created = day(2026, 1, 1)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("deals with created (-want +got):\n%s", diff)
	}
}

// TestDealsHistory builds the stage history from the stage-entered
// columns and the close.
func TestDealsHistory(t *testing.T) {
	m := csvimport.Mapping{
		Deals: csvimport.DealColumns{ID: "id", Owner: "owner", Stage: "stage", Created: "created", Closed: "closed",
			StageEntered: map[string]string{"Demo": "demo", "Proposal": "proposal"}},
		Stages: map[string]sp.Status{"Demo": sp.Open, "Proposal": sp.Open, "Won": sp.Won},
	}
	input := "id,owner,stage,created,closed,demo,proposal\n" +
		"1,a,Won,2026-01-01,2026-01-09,2026-01-02,2026-01-05\n" +
		"2,a,Proposal,2026-01-01,,2026-01-03,2026-01-04\n" +
		"3,a,Proposal,2026-01-01,,2026-01-03,\n"
	got, rejected := readDeals(t, m, nil, input)
	want := []sp.Deal{
		{ID: "1", Owner: "a", Stage: "Won", Status: sp.Won, Created: day(2026, 1, 1), Closed: day(2026, 1, 9),
			StageHistory: []sp.StageChange{{At: day(2026, 1, 2), Stage: "Demo"}, {At: day(2026, 1, 5), Stage: "Proposal"}, {At: day(2026, 1, 9), Stage: "Won"}}},
		{ID: "2", Owner: "a", Stage: "Proposal", Status: sp.Open, Created: day(2026, 1, 1),
			StageHistory: []sp.StageChange{{At: day(2026, 1, 3), Stage: "Demo"}, {At: day(2026, 1, 4), Stage: "Proposal"}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("deals (-want +got):\n%s", diff)
	}
	wantErr := []string{`salesperf: deal 3: stageHistory: history disagrees with current value: last stage "Demo", current stage "Proposal" (line 4)`}
	if diff := cmp.Diff(wantErr, rejected); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
}

// TestDealsLineEndings: LF, CRLF, a byte-order mark, no final newline,
// blank lines — the same deals.
func TestDealsLineEndings(t *testing.T) {
	lf := dealHeader + "1,a,Demo,,,2026-01-01,,\n\"2\",\"a\",\"Won\",\"1,5\",,2026-01-01,2026-01-02,\n"
	m := dealMapping()
	m.DecimalComma = true
	want, rejected := readDeals(t, m, nil, lf)
	if len(want) != 2 || len(rejected) != 0 || !want[1].Amount.Equal(usd("1.50")) {
		t.Fatalf("LF: %v %v", want, rejected)
	}
	for name, input := range map[string]string{
		"CRLF":            strings.ReplaceAll(lf, "\n", "\r\n"),
		"BOM":             "\xEF\xBB\xBF" + lf,
		"BOM and CRLF":    "\xEF\xBB\xBF" + strings.ReplaceAll(lf, "\n", "\r\n"),
		"no final EOL":    strings.TrimSuffix(lf, "\n"),
		"blank lines":     strings.ReplaceAll(lf, "\n", "\n\n"),
		"CRLF, no EOL":    strings.TrimSuffix(strings.ReplaceAll(lf, "\n", "\r\n"), "\r\n"),
		"quoted BOM head": "\xEF\xBB\xBF\"id\",\"owner\",\"stage\",\"amount\",\"currency\",\"created\",\"closed\",\"category\"\r\n" + strings.SplitN(lf, "\n", 2)[1],
	} {
		got, rejected := readDeals(t, m, nil, input)
		if diff := cmp.Diff(want, got); diff != "" || len(rejected) != 0 {
			t.Errorf("%s: deals (-LF +%s):\n%s%v", name, name, diff, rejected)
		}
	}
}

// TestDealsFileErrors: problems with the whole file are one error, before
// any row is read.
func TestDealsFileErrors(t *testing.T) {
	tests := []struct {
		name   string
		m      func(*csvimport.Mapping)
		input  string
		is     error
		errMsg string
	}{
		{name: "missing columns", input: "id,owner,stage,amount,created\n1,a,Demo,,\n", is: csvimport.ErrMissingColumn,
			errMsg: `csvimport: deals: missing column "currency", "closed", "category"; the header has "id", "owner", "stage", "amount", "created"`},
		{name: "wrong separator", input: "id;owner;stage;amount;currency;created;closed;category\n", is: csvimport.ErrMissingColumn,
			errMsg: `csvimport: deals: missing column "id", "owner", "stage", "amount", "currency", "created", "closed", "category"; the header has "id;owner;stage;amount;currency;created;closed;category" (one column: is the field separator not Mapping.Comma?)`},
		{name: "empty", input: "", is: csvimport.ErrNotCSV,
			errMsg: `csvimport: deals: not a CSV file: empty input, no header row`},
		{name: "binary", input: "id,owner\x00\x01\x02", is: csvimport.ErrNotCSV,
			errMsg: `csvimport: deals: not a CSV file: binary data (a NUL byte at offset 8)`},
		{name: "UTF-16", input: "\xFF\xFEi\x00d\x00", is: csvimport.ErrNotCSV,
			errMsg: `csvimport: deals: not a CSV file: UTF-16 text; save the file as UTF-8`},
		{name: "Latin-1", input: dealHeader + "1,Andr\xE9,Demo,,,,,\n", is: csvimport.ErrNotCSV,
			errMsg: `csvimport: deals: not a CSV file: not UTF-8 text (byte 0xE9 at offset 61); save the file as UTF-8`},
		{name: "wrong field counts everywhere", input: dealHeader + "1,a\n2,b,c\n3\n", is: csvimport.ErrNotCSV,
			errMsg: `csvimport: deals: not a CSV file: the header has 8 fields, but none of the first 3 rows has (they have 2, 3, 1)`},
		{name: "no ID column", m: func(m *csvimport.Mapping) { m.Deals.ID = "" }, input: dealHeader, is: sp.ErrInvalidValue,
			errMsg: `csvimport: deals: invalid value: the mapping has no ID column`},
		{name: "no stage or status", m: func(m *csvimport.Mapping) { m.Deals.Stage = "" }, input: dealHeader, is: sp.ErrInvalidValue,
			errMsg: `csvimport: deals: invalid value: the mapping has neither a stage nor a status column`},
		{name: "no currency", m: func(m *csvimport.Mapping) { m.Deals.Currency, m.Currency = "", "" }, input: dealHeader, is: sp.ErrInvalidValue,
			errMsg: `csvimport: deals: invalid value: the mapping has an amount column but no currency (column or constant)`},
		{name: "unknown constant currency", m: func(m *csvimport.Mapping) { m.Currency = "usd" }, input: dealHeader, is: sp.ErrInvalidValue,
			errMsg: `csvimport: deals: invalid value: currency "usd" is not an ISO 4217 code`},
		{name: "same separators", m: func(m *csvimport.Mapping) { m.Thousands = '.' }, input: dealHeader, is: sp.ErrInvalidValue,
			errMsg: `csvimport: deals: invalid value: thousands separator '.' is the decimal separator`},
		{name: "bad field separator", m: func(m *csvimport.Mapping) { m.Comma = '"' }, input: dealHeader, is: sp.ErrInvalidValue,
			errMsg: `csvimport: deals: invalid value: field separator '"'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := dealMapping()
			if tt.m != nil {
				tt.m(&m)
			}
			r := csvimport.Reader{Mapping: m, Reject: func(rj csvimport.Rejected) { t.Errorf("rejected %v", rj.Err) }}
			seq, err := r.Deals(strings.NewReader(tt.input))
			if seq != nil || !errors.Is(err, tt.is) {
				t.Fatalf("got %v, %v; want an error wrapping %v", seq, err, tt.is)
			}
			if err.Error() != tt.errMsg {
				t.Errorf("error\n got %s\nwant %s", err, tt.errMsg)
			}
		})
	}
}

// TestDealsReport: what the report counts, and the Rejected values.
func TestDealsReport(t *testing.T) {
	input := dealHeader +
		"1,a,Demo,,,2026-01-01,,\n" +
		"2,a,Demo,,,2026-01-32,,\n" +
		"3,a,Nope,x,,2026-01-32,,\n" +
		"4,a\n" +
		"1,a,Demo,,,2026-01-01,,\n"
	var rejected []csvimport.Rejected
	r := csvimport.Reader{Mapping: dealMapping(), UniqueIDs: true, Reject: func(rj csvimport.Rejected) {
		rj.Row = append([]string(nil), rj.Row...) // valid only during the call
		rejected = append(rejected, rj)
	}}
	deals, err := r.Deals(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range deals {
		n++
	}
	if n != 1 {
		t.Errorf("%d deals, want 1", n)
	}
	got := make([]string, len(rejected))
	for i, rj := range rejected {
		got[i] = rj.Record + " " + rj.ID + " line " + string(rune('0'+rj.Line)) + " " + strings.Join(rj.Row, "|")
	}
	want := []string{
		"deal 2 line 3 2|a|Demo|||2026-01-32||",
		"deal 3 line 4 3|a|Nope|x||2026-01-32||",
		"deal 4 line 5 4|a",
		"deal 1 line 6 1|a|Demo|||2026-01-01||",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
	var le *csvimport.LineError
	if !errors.As(rejected[0].Err, &le) || le.Line != 3 || !errors.Is(rejected[0].Err, sp.ErrSyntax) {
		t.Errorf("errors.As LineError: %v, %+v", rejected[0].Err, le)
	}
	wantReport := `deal: 5 checked, 4 rejected
  amount: invalid syntax: 1
  created: invalid syntax: 2
  id: duplicate id: 1
  row: wrong number of fields: 1
  stage: unknown stage: 1
`
	if got := r.Report().String(); got != wantReport {
		t.Errorf("report:\n%s\nwant:\n%s", got, wantReport)
	}
}

// TestReaderErr: a read failure ends the sequence and is kept in Err.
func TestReaderErr(t *testing.T) {
	rows := strings.Repeat("1,a,Demo,,,2026-01-01,,\n", 20)
	src := failingReader(dealHeader+rows, errors.New("disk on fire"))
	r := csvimport.Reader{Mapping: dealMapping(), Reject: func(rj csvimport.Rejected) { t.Error(rj.Err) }}
	deals, err := r.Deals(src)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range deals {
		n++
	}
	if n != 20 || r.Err() == nil || r.Err().Error() != "csvimport: deals: disk on fire" {
		t.Errorf("%d deals, Err %v", n, r.Err())
	}
	// The sequence is used up.
	for range deals {
		t.Error("second range yielded")
	}
}

func TestRejectNil(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	r := csvimport.Reader{Mapping: dealMapping()}
	r.Deals(strings.NewReader(dealHeader))
}
