package csvimport_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/csvimport"
	"pgregory.net/rapid"
)

// fullRejection is everything Reject is handed, as strings.
type fullRejection struct {
	Record string
	Line   int
	ID     string
	Row    []string
	Err    string
}

// sameEverywhere reads input with Deals (or Activities) and with the
// table reader, and fails unless the accepted rows, every field of every
// rejection (line, ID, cells, problems), the errors and the whole Report
// agree. Rows whose instants a table cannot hold are left out of the
// comparison on both sides (Deals yields them, the table rejects them).
func sameEverywhere(t fatalf, m csvimport.Mapping, input string, dealFields sp.DealFields, actFields sp.ActivityFields, activities bool) {
	t.Helper()
	var wantRej, gotRej []fullRejection
	collect := func(dst *[]fullRejection, skipOut bool) func(csvimport.Rejected) {
		return func(rj csvimport.Rejected) {
			if skipOut && errors.Is(rj.Err, sp.ErrOutOfRange) {
				return
			}
			*dst = append(*dst, fullRejection{rj.Record, rj.Line, rj.ID, append([]string{}, rj.Row...), rj.Err.Error()})
		}
	}
	r1 := csvimport.Reader{Mapping: m, Reject: collect(&wantRej, false)}
	r2 := csvimport.Reader{Mapping: m, Reject: collect(&gotRej, true)}
	var want, got []any
	var err1, err2 error
	outside := 0
	if !activities {
		seq, err := r1.Deals(strings.NewReader(input))
		err1 = err
		if err == nil {
			for d := range seq {
				if outOfRange(&d, dealFields) {
					outside++
					continue
				}
				want = append(want, heldDeal(d, dealFields))
			}
		}
		dt := sp.NewDealTable(dealFields, nil)
		err2 = r2.DealTable(strings.NewReader(input), dt)
		for i := range dt.Len() {
			var d sp.Deal
			dt.Row(i, &d)
			got = append(got, d)
		}
	} else {
		seq, err := r1.Activities(strings.NewReader(input))
		err1 = err
		if err == nil {
			for a := range seq {
				if actFields&sp.ActivityFieldAt != 0 && (a.At.UTC().Year() < 1678 || a.At.UTC().Year() > 2261) {
					outside++
					continue
				}
				want = append(want, heldActivity(a, actFields))
			}
		}
		at := sp.NewActivityTable(actFields, nil, nil)
		err2 = r2.ActivityTable(strings.NewReader(input), at)
		for i := range at.Len() {
			var a sp.Activity
			at.Row(i, &a)
			got = append(got, a)
		}
	}
	if err1 == nil {
		err1 = r1.Err()
	}
	if fmt.Sprint(err1) != fmt.Sprint(err2) {
		t.Fatalf("input %q: record reader error %v, table reader error %v", input, err1, err2)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("input %q: rows (-records +table)\n%s", input, diff)
	}
	if diff := cmp.Diff(wantRej, gotRej); diff != "" {
		t.Fatalf("input %q: rejected (-records +table)\n%s", input, diff)
	}
	if outside == 0 {
		if diff := cmp.Diff(r1.Report(), r2.Report()); diff != "" {
			t.Fatalf("input %q: report (-records +table)\n%s", input, diff)
		}
	}
}

// hostileCell writes v as a CSV cell for comma: plain when it can be,
// else (or when quote is set) quoted with doubled quotes.
func hostileCell(v string, comma rune, quote bool) string {
	if quote || strings.ContainsRune(v, comma) || strings.ContainsAny(v, "\"\r\n") {
		return `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
	}
	return v
}

// hostileMapping draws every Mapping option the table readers read.
func hostileMapping(t *rapid.T) csvimport.Mapping {
	m := csvimport.Mapping{
		Deals: csvimport.DealColumns{ID: "id", Owner: "owner", Creator: "creator", Pipeline: "pipeline", Stage: "stage",
			Status: "status", Amount: "amount", Created: "created", Closed: "closed", WonTime: "won", LostTime: "lost",
			ExpectedClose: "expected", Category: "category", LostReason: "reason", Source: "source", Region: "region",
			Industry: "industry", Product: "product", Account: "account"},
		Activities: csvimport.ActivityColumns{ID: "id", Rep: "owner", Deal: "deal", Lead: "lead", Kind: "kind",
			At: "created", Duration: "minutes", Category: "tcat", Outcome: "outcome"},
		Stages: map[string]sp.Status{"Demo": sp.Open, "Won": sp.Won, "Lost": sp.Lost, "closed won": sp.Won, "Nego": sp.Open},
	}
	m.Comma = rapid.SampledFrom([]rune{0, ',', ';', '\t', '|', '¦'}).Draw(t, "comma")
	if rapid.Bool().Draw(t, "status column dropped") {
		m.Deals.Status = ""
	}
	switch rapid.IntRange(0, 3).Draw(t, "currency") {
	case 0:
		m.Currency = "USD"
	case 1:
		m.Currency = rapid.SampledFrom([]sp.Currency{"JPY", "BHD", "EUR"}).Draw(t, "constant currency")
	case 2:
		m.Deals.Currency = "currency"
	case 3:
		m.Currency, m.Deals.Currency = "EUR", "currency"
	}
	switch rapid.IntRange(0, 4).Draw(t, "numbers") {
	case 1:
		m.Thousands = ','
	case 2:
		m.Thousands, m.DecimalComma = '.', true
	case 3:
		m.Thousands, m.DecimalComma = ' ', true
	case 4:
		m.Thousands = rapid.SampledFrom([]rune{'\'', '\u00a0', '\u202f'}).Draw(t, "thousands")
	}
	m.DateFormats = rapid.SampledFrom([][]string{nil, nil, nil, {}, {"2006-01-02"}, {time.RFC3339}, {time.RFC3339Nano, "2006-01-02"},
		{"2006-01-02T15:04:05Z", "2006-01-02"}, {"2006-01-02 15:04:05", "2006-01-02", "02.01.2006"}, {"2006-01-02T15:04:05"},
		{"01/02/2006", "2006-01-02"}, {"2006-01-02 15:04"}}).Draw(t, "layouts")
	if name := rapid.SampledFrom([]string{"", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "America/Sao_Paulo", "UTC"}).Draw(t, "zone"); name != "" {
		if loc, err := time.LoadLocation(name); err == nil {
			m.Location = loc
		}
	}
	m.CloseIsExpectedWhenOpen = rapid.Bool().Draw(t, "close is expected")
	m.OtherStages = rapid.SampledFrom([]csvimport.StageRule{csvimport.StageReject, csvimport.StageOpen, csvimport.StageByName}).Draw(t, "other stages")
	if rapid.Bool().Draw(t, "kinds") {
		m.Kinds = map[string]sp.ActivityKind{"Phone": sp.Call, "Mail": sp.Email, "call": sp.Demo, "Fax": sp.CustomKind}
	}
	if rapid.Bool().Draw(t, "categories") {
		m.Categories = map[string]sp.TimeCategory{"Admin": sp.DataEntry, "prospecting": sp.DataEntry}
	}
	if rapid.Bool().Draw(t, "replace") {
		m.Replace = map[string]map[string]string{"stage": {"W": "Won", "x": " Demo"}, "owner": {"bo": "Bo", "zed": ""},
			"amount": {"n/a": "", "lots": "1 000"}, "created": {"today": "2026-01-05"}, "kind": {"tel": "call"}}
	}
	return m
}

var hostileHeader = []string{"id", "owner", "creator", "pipeline", "stage", "status", "amount", "currency", "created",
	"closed", "won", "lost", "expected", "category", "reason", "source", "region", "industry", "product", "account",
	"deal", "lead", "kind", "minutes", "tcat", "outcome"}

// hostileCells are the values of each column: good ones in every form,
// and every way a cell can go wrong.
var hostileCells = map[string][]string{
	"id":       {"D1", "D2", "", " D3 ", "D\u00a04", "D,5", `D"6`, "\xff\xfe"},
	"owner":    {"ana", "bo", "", " ana", "zed", "Ana\u00a0", "ana\r", "é"},
	"creator":  {"", "ana", "cy"},
	"pipeline": {"", "Sales"},
	"stage":    {"Demo", "Won", "Lost", "won", "W", "x", "", "Closed Won", "closed won", "Nego", "Other", "Lost "},
	"status":   {"", "", "open", "Won", "LOST", "maybe", " won "},
	"amount": {"1234", "", "1234.50", "1234,50", "1.234,50", "1,234.50", "1 234,50", "1\u00a0234.50", "1'234.50", "0", "-0", "-5",
		"12.345", "USD 12", "12 usd", "99999999999999999999", "9223372036854775807", "92233720368547758.07", "1.5", "x",
		"n/a", "lots", "+7", ".5", "5.", "1,2", strings.Repeat("9", 101)},
	"currency": {"", "", "EUR", "jpy", "XXQ", "US Dollar (USD)", "BHD"},
	"created": {"2026-01-05", "", "2026-01-05T10:00:00Z", "2026-01-05 10:00:00", "2026-01-05T10:00:00", "2026-01-05 10:00",
		"2026-01-05T10:00:00+02:00", "2026-01-05T10:00:00-05:00", "2026-01-05T10:00:00+05:30", "2026-01-05T23:30:00-05:45", "2026-01-05T10:00:00.5Z", "2026-13-01", "2024-02-29",
		"2026-02-29", "2026-03-08T02:30:00", "2026-11-01 01:30:00", "2026-03-08", "1500-01-01", "2300-01-01",
		"0001-01-01", "1/5/2026", "05.01.2026", "today", "2026-01-05T24:00:00", " 2026-01-05 ", "2026-1-5"},
	"closed": {"", "", "2026-02-05", "2026-02-05T10:00:00Z", "2026-02-05 10:00:00", "2026-01-01", "2262-01-01", "bad",
		"2026-02-05T23:30:00-05:30", "2026-02-05T00:30:00+09:30"},
	"won":      {"", "", "2026-02-06", "2026-01-01"},
	"lost":     {"", "", "2026-02-07", "x"},
	"expected": {"", "2026-03-01", "2026-3-1", "9999-12-31", "x", "2026-03-01T23:30:00-05:30", "2026-03-01T00:30:00+05:30"},
	"category": {"", "commit", "best case", "Best Case", "bestcase", "nope"},
	"reason":   {"", "price"},
	"source":   {"", "web"},
	"region":   {"", "EMEA"},
	"industry": {"", "retail"},
	"product":  {"", "GTX"},
	"account":  {"", "Acme"},
	"deal":     {"", "D1", " D2"},
	"lead":     {"", "L1"},
	"kind":     {"call", "email", "meeting held", "Phone", "Mail", "Call", "Meeting_Held", "fax", "Fax", "tel", "", "demo"},
	"minutes":  {"", "", "", "15", "1:30", "-5", "soon"},
	"tcat":     {"", "prospecting", "admin", "Admin", "data entry", "golf", "Prospecting"},
	"outcome":  {"", "connected"},
}

// TestTablesHostileRapid draws every Mapping option and a file with
// quotes, CRLF, a BOM, empty lines, ragged rows, long fields, invalid
// UTF-8 and NUL bytes past the sniffed start, and checks that the table
// readers agree with the record readers on everything (sameEverywhere).
func TestTablesHostileRapid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := hostileMapping(t)
		comma := m.Comma
		if comma == 0 {
			comma = ','
		}
		sep := string(comma)
		eol := rapid.SampledFrom([]string{"\n", "\r\n"}).Draw(t, "eol")
		var b strings.Builder
		if rapid.Bool().Draw(t, "bom") {
			b.WriteString("\xEF\xBB\xBF")
		}
		head := make([]string, len(hostileHeader))
		for i, h := range hostileHeader {
			head[i] = hostileCell(h, comma, rapid.IntRange(0, 9).Draw(t, "quote header") == 0)
		}
		b.WriteString(strings.Join(head, sep) + eol)
		if rapid.Bool().Draw(t, "padding") { // push later rows past the sniffed 4 KiB
			b.WriteString(strings.Repeat("#pad"+sep+"x"+eol, 400))
		}
		for range rapid.IntRange(0, 10).Draw(t, "rows") {
			switch rapid.IntRange(0, 14).Draw(t, "row kind") {
			case 0:
				b.WriteString(eol) // an empty line
				continue
			case 1:
				b.WriteString("\xff\x00" + sep + "\x00" + eol) // binary past the start
				continue
			}
			cells := make([]string, len(hostileHeader))
			mess := rapid.SampledFrom([]int{0, 0, 20, 3}).Draw(t, "mess") // 1 in mess cells varies
			for i, col := range hostileHeader {
				pool := hostileCells[col]
				v := pool[0]
				if mess > 0 && rapid.IntRange(0, mess).Draw(t, "vary "+col) == 0 {
					v = rapid.SampledFrom(pool).Draw(t, col)
				}
				if rapid.IntRange(0, 1500).Draw(t, "huge "+col) == 0 {
					v += strings.Repeat("y", 70000)
				}
				cells[i] = hostileCell(v, comma, rapid.IntRange(0, 12).Draw(t, "quote "+col) == 0)
			}
			switch rapid.IntRange(0, 40).Draw(t, "ragged") {
			case 0:
				cells = cells[:rapid.IntRange(1, len(cells)-1).Draw(t, "short")]
			case 1:
				cells = append(cells, "extra")
			case 2:
				cells[3] = `"unterminated` + cells[3]
			case 3:
				cells[4] += `x"y`
			}
			b.WriteString(strings.Join(cells, sep))
			if rapid.IntRange(0, 8).Draw(t, "no eol") != 0 {
				b.WriteString(eol)
			}
		}
		dealFields := rapid.SampledFrom([]sp.DealFields{sp.AllDealFields &^ sp.DealFieldAttrs, scorecardDeals,
			sp.DealFields(rapid.Uint32Range(0, uint32(sp.AllDealFields)).Draw(t, "random deal fields"))}).Draw(t, "deal fields")
		actFields := rapid.SampledFrom([]sp.ActivityFields{sp.AllActivityFields, sp.ActivityFieldRep | sp.ActivityFieldKind,
			sp.ActivityFields(rapid.Uint32Range(0, uint32(sp.AllActivityFields)).Draw(t, "random activity fields"))}).Draw(t, "activity fields")
		in := b.String()
		sameEverywhere(t, m, in, dealFields, actFields, false)
		sameEverywhere(t, m, in, dealFields, actFields, true)
	})
}
