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

// rejection is a rejected row as the tests compare it.
type rejection struct {
	Line int
	Err  string
}

// fatalf is what testing.T and rapid.T share.
type fatalf interface {
	Helper()
	Fatalf(string, ...any)
}

// heldDeal is d as a table holding fields gives it back (Row): the fields
// not held are zero, instants in UTC, and the creator is empty when it is
// the owner and the table holds the owner.
func heldDeal(d sp.Deal, f sp.DealFields) sp.Deal {
	var h sp.Deal
	utc := func(v time.Time) time.Time {
		if v.IsZero() {
			return v
		}
		return v.UTC()
	}
	has := func(x sp.DealFields) bool { return f&x != 0 }
	if has(sp.DealFieldID) {
		h.ID = d.ID
	}
	if has(sp.DealFieldOwner) {
		h.Owner = d.Owner
	}
	if has(sp.DealFieldCreator) {
		if c := d.CreatedBy(); c != d.Owner || !has(sp.DealFieldOwner) {
			h.Creator = c
		}
	}
	for _, x := range []struct {
		field    sp.DealFields
		dst, src *string
	}{{sp.DealFieldPipeline, &h.Pipeline, &d.Pipeline}, {sp.DealFieldStage, &h.Stage, &d.Stage},
		{sp.DealFieldLostReason, &h.LostReason, &d.LostReason}, {sp.DealFieldSource, &h.Source, &d.Source},
		{sp.DealFieldRegion, &h.Region, &d.Region}, {sp.DealFieldIndustry, &h.Industry, &d.Industry},
		{sp.DealFieldProduct, &h.Product, &d.Product}, {sp.DealFieldAccount, &h.Account, &d.Account}} {
		if has(x.field) {
			*x.dst = *x.src
		}
	}
	if has(sp.DealFieldStatus) {
		h.Status = d.Status
	}
	if has(sp.DealFieldCategory) {
		h.Category = d.Category
	}
	if has(sp.DealFieldAmount) {
		h.Amount = d.Amount
	}
	if has(sp.DealFieldCreated) {
		h.Created = utc(d.Created)
	}
	if has(sp.DealFieldClosed) {
		h.Closed = utc(d.Closed)
	}
	if has(sp.DealFieldExpectedClose) {
		h.ExpectedClose = d.ExpectedClose
	}
	if has(sp.DealFieldAttrs) && len(d.Attrs) > 0 {
		h.Attrs = d.Attrs
	}
	if has(sp.DealFieldStageHistory) {
		for _, c := range d.StageHistory {
			h.StageHistory = append(h.StageHistory, sp.StageChange{At: c.At.UTC(), Stage: c.Stage})
		}
	}
	return h
}

// outOfRange reports whether a table holding f refuses d: a held instant
// outside the years 1678–2261 in UTC (2262-01-01 in Kolkata is held).
func outOfRange(d *sp.Deal, f sp.DealFields) bool {
	bad := func(v time.Time) bool { return !v.IsZero() && (v.UTC().Year() < 1678 || v.UTC().Year() > 2261) }
	if f&sp.DealFieldCreated != 0 && bad(d.Created) || f&sp.DealFieldClosed != 0 && bad(d.Closed) {
		return true
	}
	if f&sp.DealFieldStageHistory != 0 {
		for _, c := range d.StageHistory {
			if bad(c.At) {
				return true
			}
		}
	}
	return false
}

// sameAsDeals reads input with Deals and with DealTable into a table
// holding fields, and fails unless the table's rows are the deals
// (heldDeal), the rejected rows are the same (plus the rows whose instants
// the table cannot hold, rejected with salesperf.ErrOutOfRange) and the
// errors and reports agree.
func sameAsDeals(t fatalf, m csvimport.Mapping, ps sp.Pipelines, unique bool, input string, fields sp.DealFields) {
	t.Helper()
	var wantRej, gotRej []rejection
	r1 := csvimport.Reader{Mapping: m, Pipelines: ps, UniqueIDs: unique, Reject: func(rj csvimport.Rejected) {
		wantRej = append(wantRej, rejection{rj.Line, rj.Err.Error()})
	}}
	var want []sp.Deal
	outside := 0
	seq, err1 := r1.Deals(strings.NewReader(input))
	if err1 == nil {
		for d := range seq {
			if outOfRange(&d, fields) {
				outside++
				continue
			}
			want = append(want, heldDeal(d, fields))
		}
	}
	r2 := csvimport.Reader{Mapping: m, Pipelines: ps, UniqueIDs: unique, Reject: func(rj csvimport.Rejected) {
		if errors.Is(rj.Err, sp.ErrOutOfRange) {
			outside--
			return
		}
		gotRej = append(gotRej, rejection{rj.Line, rj.Err.Error()})
	}}
	dt := sp.NewDealTable(fields, nil)
	err2 := r2.DealTable(strings.NewReader(input), dt)
	if fmt.Sprint(err1) != fmt.Sprint(err2) && (err1 != nil || fmt.Sprint(r1.Err()) != fmt.Sprint(err2)) {
		t.Fatalf("input %q: Deals error %v, DealTable error %v", input, err1, err2)
	}
	var got []sp.Deal
	for i := range dt.Len() {
		var d sp.Deal
		dt.Row(i, &d)
		got = append(got, d)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("input %q, fields %v: rows (-Deals +DealTable)\n%s", input, fields, diff)
	}
	if diff := cmp.Diff(wantRej, gotRej); diff != "" {
		t.Fatalf("input %q: rejected (-Deals +DealTable)\n%s", input, diff)
	}
	if outside != 0 {
		t.Fatalf("input %q: %d rows out of range not rejected as such", input, outside)
	}
	if c1, c2 := r1.Report().Checked["deal"], r2.Report().Checked["deal"]; c1 != c2 {
		t.Fatalf("input %q: checked %d by Deals, %d by DealTable", input, c1, c2)
	}
}

// scorecardDeals are the deal fields the scorecard reads.
const scorecardDeals = sp.DealFieldOwner | sp.DealFieldStatus | sp.DealFieldAmount | sp.DealFieldCreated | sp.DealFieldClosed

var fuzzSeeds = func() []string {
	header := "id,owner,stage,status,amount,currency,created,closed,expected,category,demo,note\n"
	return []string{
		header + "1,a,Demo,,,,2026-01-01,,,,,\n",
		header + "2,a,Won,,\"1,234.50\",EUR,2026-01-01,2026-01-05,,commit,2026-01-02,x\n",
		header + "3,a,Closed Lost,,0,,1/2/2026,1/3/2026,,,,\"a\nb\"\n",
		header + "4,a,W,won,12 JPY,,2026-01-01 10:00:00,2026-01-01 09:00:00,2026-02-01,,,\n",
		"\xEF\xBB\xBF" + strings.ReplaceAll(header+"5,a,Demo,open,,,,,,,,\n6,b\n", "\n", "\r\n"),
		header + "7,a,\"Demo,x\n",
		"id\n1\n",
		"\x00\x01",
	}
}()

func TestDealTableMatchesDeals(t *testing.T) {
	noHistory := fuzzMapping()
	noHistory.Deals.StageEntered = nil
	noHistory.Deals.Attrs = nil
	for _, fields := range []sp.DealFields{sp.AllDealFields, scorecardDeals, sp.DealFieldStage | sp.DealFieldCategory | sp.DealFieldExpectedClose} {
		for _, in := range fuzzSeeds {
			sameAsDeals(t, fuzzMapping(), nil, false, in, fields)
			sameAsDeals(t, fuzzMapping(), nil, true, in, fields)
			sameAsDeals(t, noHistory, nil, false, in, fields)
		}
		for _, name := range csvimport.PresetNames() {
			m, err := csvimport.Preset(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range presetSamples(t) {
				sameAsDeals(t, m, nil, false, in, fields)
			}
		}
	}
}

// presetSamples are exports in the presets' layouts (see TestPresets):
// the vendors' samples in testdata, and a Maven one.
func presetSamples(t testing.TB) []string {
	return []string{
		readTestdata(t, "salesforce-opportunities.csv"),
		readTestdata(t, "hubspot-deals.csv"),
		readTestdata(t, "pipedrive-deals.csv"),
		"opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n" +
			"1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054\n" +
			"Z063OYW0,Darcel Schlecht,GTXPro,Isdom,Lost,2016-10-25,2017-03-11,0\n" +
			"EC4QE1BX,Darcel Schlecht,MG Special,Cancity,Engaging,2016-10-25,,\n" +
			"MV1LWRNH,Moses Frase,GTX Basic,Codehow,Won,2016-10-25,2017-13-01,733\n",
	}
}

// cellPools are the values a column of the rapid deals file takes: the
// usual forms first (good[col]), then every way a cell can go wrong.
var goodCells = map[string][]string{
	"id":       {"D1", "D2", "D3"},
	"owner":    {"ana", "bo", "rep-001"},
	"creator":  {"", "ana", "cy"},
	"pipeline": {"", "Sales", "New"},
	"stage":    {"Demo", "Won", "Lost", "Closed Won"},
	"status":   {"", ""},
	"amount":   {"", "1234.50", "0", "20000.00"},
	"currency": {""},
	"created":  {"2026-01-05", "2026-01-05T10:00:00Z", "2026-01-05 10:00:00", "2026-01-05T10:00:00"},
	"closed":   {"", "2026-02-05", "2026-02-05T10:00:00Z", "2026-02-05 10:00:00", "2026-02-05T10:00:00"},
	"won":      {""},
	"expected": {"", "2026-03-01"},
	"category": {"", "commit", "best case"},
	"source":   {"web", "", "paid search"},
	"demo":     {""},
	"note":     {"", "x"},
}

var badCells = map[string][]string{
	"id":       {"D1", "", " D3 "},
	"owner":    {"", " ana", "bo"},
	"stage":    {"won", "W", "", "Other"},
	"status":   {"open", "Won", "LOST", "maybe"},
	"amount":   {"-5", "1,234.50", "12.345", "USD 12", "99999999999999999999", "1.5", "x", `"1,2"`, "-0"},
	"currency": {"EUR", "JPY", "XXQ", "US Dollar (USD)"},
	"created": {"", "2026-13-01", "1500-01-01", "2026-01-05T10:00:00+02:00", "1/5/2026", "2026-02-29", "2024-02-29",
		"2026-03-08T02:30:00", "2026-01-05T10:00:00.5Z", "2026-01-01"},
	"closed":   {"2026-01-01", "2300-01-01", "bad", "2026-01-01T09:00:00Z", "2026-11-01T01:30:00"},
	"won":      {"2026-02-06", "2026-01-01"},
	"expected": {"2026-3-1", "x"},
	"category": {"Best Case", "nope", "Commit"},
	"demo":     {"2026-01-10", "2026-02-10"},
}

var poolHeader = []string{"id", "owner", "creator", "pipeline", "stage", "status", "amount", "currency", "created",
	"closed", "won", "expected", "category", "source", "demo", "note"}

func rapidMapping(t *rapid.T) csvimport.Mapping {
	m := csvimport.Mapping{
		Deals:    csvimport.DealColumns{ID: "id", Owner: "owner", Stage: "stage", Amount: "amount", Created: "created", Closed: "closed"},
		Stages:   map[string]sp.Status{"Demo": sp.Open, "Won": sp.Won, "Lost": sp.Lost, "Closed Won": sp.Won},
		Currency: "USD",
	}
	c := &m.Deals
	if rapid.Bool().Draw(t, "more columns") {
		c.Creator, c.Pipeline, c.Status, c.Currency, c.WonTime = "creator", "pipeline", "status", "currency", "won"
		c.ExpectedClose, c.Category, c.Source = "expected", "category", "source"
	}
	if rapid.IntRange(0, 3).Draw(t, "history") == 2 {
		c.StageEntered = map[string]string{"Demo": "demo"}
		c.Attrs = map[string]string{"note": "note"}
	}
	layouts := [][]string{nil, {"2006-01-02T15:04:05Z", "2006-01-02"}, {"2006-01-02 15:04:05", "2006-01-02", "1/2/2006"},
		{time.RFC3339}, {"2006-01-02T15:04:05"}}
	m.DateFormats = rapid.SampledFrom(layouts).Draw(t, "layouts")
	if rapid.Bool().Draw(t, "new york") {
		loc, err := time.LoadLocation("America/New_York")
		if err == nil {
			m.Location = loc
		}
	}
	m.CloseIsExpectedWhenOpen = rapid.Bool().Draw(t, "close is expected")
	m.OtherStages = rapid.SampledFrom([]csvimport.StageRule{csvimport.StageReject, csvimport.StageOpen, csvimport.StageByName}).Draw(t, "other stages")
	if rapid.Bool().Draw(t, "thousands") {
		m.Thousands = ','
	}
	if rapid.Bool().Draw(t, "replace") {
		m.Replace = map[string]map[string]string{"stage": {"W": "Won"}, "owner": {"bo": "Bo"}}
	}
	return m
}

func TestDealTableRapid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := rapidMapping(t)
		var b strings.Builder
		b.WriteString(strings.Join(poolHeader, ",") + "\n")
		for range rapid.IntRange(0, 12).Draw(t, "rows") {
			cells := make([]string, len(poolHeader))
			for i, col := range poolHeader {
				cells[i] = rapid.SampledFrom(goodCells[col]).Draw(t, col)
				if bad := badCells[col]; len(bad) > 0 && rapid.IntRange(0, 12).Draw(t, "bad "+col) == 5 {
					cells[i] = rapid.SampledFrom(bad).Draw(t, "bad "+col)
				}
			}
			if rapid.IntRange(0, 20).Draw(t, "short row") == 9 {
				cells = cells[:3]
			}
			b.WriteString(strings.Join(cells, ",") + "\n")
		}
		var ps sp.Pipelines
		if rapid.IntRange(0, 5).Draw(t, "pipelines") == 3 {
			ps = sp.Pipelines{{Name: "Sales", Stages: []sp.Stage{{Name: "Demo", Kind: sp.OpenStage}, {Name: "Won", Kind: sp.WonStage}, {Name: "Lost", Kind: sp.LostStage}}}}
		}
		fields := rapid.SampledFrom([]sp.DealFields{sp.AllDealFields, scorecardDeals,
			sp.DealFieldID | sp.DealFieldCreator | sp.DealFieldPipeline | sp.DealFieldSource | sp.DealFieldExpectedClose | sp.DealFieldCategory,
			sp.DealFields(rapid.Uint32Range(0, uint32(sp.AllDealFields)).Draw(t, "random fields"))}).Draw(t, "fields")
		sameAsDeals(t, m, ps, rapid.IntRange(0, 4).Draw(t, "unique") == 3, b.String(), fields)
	})
}

// FuzzDealTable reads arbitrary input with DealTable and with Deals (the
// fuzz mapping, with and without its history and attribute columns) and
// checks that they agree (see sameAsDeals).
func FuzzDealTable(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), uint32(sp.AllDealFields), false)
		f.Add([]byte(s), uint32(scorecardDeals), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, fields uint32, plain bool) {
		m := fuzzMapping()
		if plain {
			m.Deals.StageEntered, m.Deals.Attrs = nil, nil
		}
		sameAsDeals(t, m, nil, false, string(data), sp.DealFields(fields)&sp.AllDealFields)
	})
}

// heldActivity is a as a table holding fields gives it back.
func heldActivity(a sp.Activity, f sp.ActivityFields) sp.Activity {
	var h sp.Activity
	has := func(x sp.ActivityFields) bool { return f&x != 0 }
	if has(sp.ActivityFieldID) {
		h.ID = a.ID
	}
	if has(sp.ActivityFieldRep) {
		h.Rep = a.Rep
	}
	if has(sp.ActivityFieldDeal) {
		h.Deal = a.Deal
	}
	if has(sp.ActivityFieldLead) {
		h.Lead = a.Lead
	}
	if has(sp.ActivityFieldKind) {
		h.Kind, h.CustomKind = a.Kind, a.CustomKind
	}
	if has(sp.ActivityFieldAt) && !a.At.IsZero() {
		h.At = a.At.UTC()
	}
	if has(sp.ActivityFieldDuration) {
		h.Duration = a.Duration
	}
	if has(sp.ActivityFieldCategory) {
		h.Category, h.CustomCategory = a.Category, a.CustomCategory
	}
	if has(sp.ActivityFieldOutcome) {
		h.Outcome = a.Outcome
	}
	return h
}

// sameAsActivities is sameAsDeals for activities.
func sameAsActivities(t fatalf, m csvimport.Mapping, input string, fields sp.ActivityFields) {
	t.Helper()
	var wantRej, gotRej []rejection
	r1 := csvimport.Reader{Mapping: m, Reject: func(rj csvimport.Rejected) { wantRej = append(wantRej, rejection{rj.Line, rj.Err.Error()}) }}
	var want []sp.Activity
	outside := 0
	seq, err1 := r1.Activities(strings.NewReader(input))
	if err1 == nil {
		for a := range seq {
			if fields&sp.ActivityFieldAt != 0 && (a.At.UTC().Year() < 1678 || a.At.UTC().Year() > 2261) {
				outside++
				continue
			}
			want = append(want, heldActivity(a, fields))
		}
	}
	r2 := csvimport.Reader{Mapping: m, Reject: func(rj csvimport.Rejected) {
		if errors.Is(rj.Err, sp.ErrOutOfRange) {
			outside--
			return
		}
		gotRej = append(gotRej, rejection{rj.Line, rj.Err.Error()})
	}}
	at := sp.NewActivityTable(fields, nil, nil)
	err2 := r2.ActivityTable(strings.NewReader(input), at)
	if fmt.Sprint(err1) != fmt.Sprint(err2) && (err1 != nil || fmt.Sprint(r1.Err()) != fmt.Sprint(err2)) {
		t.Fatalf("input %q: Activities error %v, ActivityTable error %v", input, err1, err2)
	}
	var got []sp.Activity
	for i := range at.Len() {
		var a sp.Activity
		at.Row(i, &a)
		got = append(got, a)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("input %q, fields %v: rows (-Activities +ActivityTable)\n%s", input, fields, diff)
	}
	if diff := cmp.Diff(wantRej, gotRej); diff != "" {
		t.Fatalf("input %q: rejected (-Activities +ActivityTable)\n%s", input, diff)
	}
	if outside != 0 {
		t.Fatalf("input %q: %d rows out of range not rejected as such", input, outside)
	}
}

var activityHeader = []string{"id", "rep", "deal", "lead", "type", "when", "minutes", "category", "outcome"}

var goodActivityCells = [][]string{
	{"a1", "a2"}, {"ana", "bo"}, {"", "D1", "D2"}, {"", "L1"}, {"call", "email", "meeting held", "Phone"},
	{"2026-03-02 09:00:00", "2026-03-02", "2026-03-02T10:00:00Z", "2026-03-02T10:00:00"}, {""}, {"", "prospecting", "admin"}, {"", "connected"},
}

var badActivityCells = [][]string{
	{""}, {"", " ana"}, {" D1"}, {"L 2"}, {"", "Call", "Meeting_Held", "fax", "phone", "custom"},
	{"", "1500-01-01", "2026-13-01", "3/2/2026", "2026-03-02T10:00:00+01:00"}, {"15", "1:30", "-5", "soon"}, {"Admin", "golf", "data entry"}, {" x "},
}

func TestActivityTableRapid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := csvimport.Mapping{
			Activities: csvimport.ActivityColumns{ID: "id", Rep: "rep", Deal: "deal", Lead: "lead", Kind: "type",
				At: "when", Duration: "minutes", Category: "category", Outcome: "outcome"},
			DateFormats: rapid.SampledFrom([][]string{nil, {"2006-01-02 15:04:05", "2006-01-02"}, {"2006-01-02T15:04:05Z"}, {time.RFC3339}}).Draw(t, "layouts"),
		}
		if rapid.IntRange(0, 2).Draw(t, "kinds") == 1 {
			m.Kinds = map[string]sp.ActivityKind{"Phone": sp.Call, "custom": sp.CustomKind}
			m.Categories = map[string]sp.TimeCategory{"admin": sp.DataEntry}
		}
		var b strings.Builder
		b.WriteString(strings.Join(activityHeader, ",") + "\n")
		for range rapid.IntRange(0, 12).Draw(t, "rows") {
			cells := make([]string, len(activityHeader))
			for i, col := range activityHeader {
				cells[i] = rapid.SampledFrom(goodActivityCells[i]).Draw(t, col)
				if rapid.IntRange(0, 10).Draw(t, "bad "+col) == 5 {
					cells[i] = rapid.SampledFrom(badActivityCells[i]).Draw(t, "bad "+col)
				}
			}
			b.WriteString(strings.Join(cells, ",") + "\n")
		}
		fields := rapid.SampledFrom([]sp.ActivityFields{sp.AllActivityFields, sp.ActivityFieldRep | sp.ActivityFieldKind,
			sp.ActivityFields(rapid.Uint32Range(0, uint32(sp.AllActivityFields)).Draw(t, "random fields"))}).Draw(t, "fields")
		sameAsActivities(t, m, b.String(), fields)
	})
}

// TestTableEmptyDateFormats: a Mapping whose DateFormats is an empty
// (not nil) slice has no layout, so every date cell is a syntax error in
// Deals and Activities; the table readers reject the same rows instead of
// panicking in the fast path.
func TestTableEmptyDateFormats(t *testing.T) {
	m := csvimport.Mapping{
		Deals:       csvimport.DealColumns{ID: "id", Owner: "owner", Status: "status", Created: "created"},
		Activities:  csvimport.ActivityColumns{ID: "id", Rep: "owner", Kind: "status", At: "created"},
		DateFormats: []string{},
	}
	deals := "id,owner,status,created\n1,a,open,2026-01-01\n2,a,open,\n"
	sameAsDeals(t, m, nil, false, deals, sp.AllDealFields)
	sameAsDeals(t, m, nil, false, deals, scorecardDeals)
	var lines []int
	r := csvimport.Reader{Mapping: m, Reject: func(rj csvimport.Rejected) { lines = append(lines, rj.Line) }}
	dt := sp.NewDealTable(sp.AllDealFields, nil)
	if err := r.DealTable(strings.NewReader(deals), dt); err != nil {
		t.Fatal(err)
	}
	if dt.Len() != 1 || !cmp.Equal(lines, []int{2}) {
		t.Fatalf("DealTable kept %d rows and rejected lines %v, want 1 row (line 3) and line 2 rejected", dt.Len(), lines)
	}
	acts := "id,owner,status,created\n1,a,call,2026-01-01\n"
	sameAsActivities(t, m, acts, sp.AllActivityFields)
}

// TestTableKeepsLiteralDicts: a table made as a literal with some of its
// Dicts set (as DealTable.Append and ActivityTable.Append allow) keeps
// them when an importer fills it: an activity table given the deal
// table's DealIDs joins its deals by id.
func TestTableKeepsLiteralDicts(t *testing.T) {
	m := csvimport.Mapping{
		Deals:      csvimport.DealColumns{ID: "id", Owner: "owner", Status: "status"},
		Activities: csvimport.ActivityColumns{ID: "id", Rep: "rep", Kind: "kind", At: "at", Deal: "deal"},
	}
	r := csvimport.Reader{Mapping: m, Reject: func(rj csvimport.Rejected) { t.Errorf("line %d rejected: %v", rj.Line, rj.Err) }}
	ids, reps := &sp.Dict{}, &sp.Dict{}
	dt := &sp.DealTable{Fields: sp.DealFieldID | sp.DealFieldOwner | sp.DealFieldStatus, DealIDs: ids}
	if err := r.DealTable(strings.NewReader("id,owner,status\nD7,ana,open\nD9,bo,open\n"), dt); err != nil {
		t.Fatal(err)
	}
	at := &sp.ActivityTable{Fields: sp.ActivityFieldRep | sp.ActivityFieldDeal, Reps: reps, DealIDs: ids}
	if err := r.ActivityTable(strings.NewReader("id,rep,kind,at,deal\na1,bo,call,2026-01-01,D9\n"), at); err != nil {
		t.Fatal(err)
	}
	if dt.DealIDs != ids || at.DealIDs != ids || at.Reps != reps {
		t.Fatalf("the importer replaced the tables' Dicts")
	}
	// D7 is id 0, D9 id 1: the activity's deal is the deal table's row 1.
	if at.Len() != 1 || at.Deal[0] != dt.ID[1] || at.Rep[0] != 0 || reps.Name(0) != "bo" {
		t.Fatalf("activity deal id %v (deal ids %v), rep id %v", at.Deal, dt.ID, at.Rep)
	}
}

// TestDealTableOffsets reads RFC 3339 cells whose offsets are not the
// Location's, half-hour ones included: the instants are the record
// readers', the expected close date is the date as written (23:30 at
// -05:30 is already the next day in UTC), and the fast path does not
// allocate per row for them (time.FixedZone would, three times, for an
// offset that is not whole hours): the file costs what the same file with
// UTC cells costs.
func TestDealTableOffsets(t *testing.T) {
	m := csvimport.Mapping{
		Deals:       csvimport.DealColumns{ID: "id", Owner: "owner", Status: "status", Amount: "amount", Created: "created", Closed: "closed", ExpectedClose: "expected"},
		Activities:  csvimport.ActivityColumns{ID: "id", Rep: "owner", Kind: "status", At: "created"},
		Currency:    "INR",
		DateFormats: []string{time.RFC3339},
	}
	in := "id,owner,status,amount,created,closed,expected\n" +
		"1,a,won,10,2026-01-05T10:00:00+05:30,2026-02-05T23:30:00-05:30,2026-03-01T23:30:00-05:30\n" +
		"2,a,open,10,2026-01-05T23:30:00-05:45,2026-03-01T23:30:00-05:30,\n" +
		"3,a,lost,10,2026-01-05T00:10:00+09:30,2026-01-05T00:20:00+09:30,2026-03-01T00:30:00+05:30\n"
	for _, expected := range []bool{false, true} {
		m.CloseIsExpectedWhenOpen = expected
		sameAsDeals(t, m, nil, false, in, sp.AllDealFields)
	}
	r := csvimport.Reader{Mapping: m, Reject: func(rj csvimport.Rejected) { t.Errorf("line %d rejected: %v", rj.Line, rj.Err) }}
	dt := sp.NewDealTable(sp.AllDealFields, nil)
	if err := r.DealTable(strings.NewReader(in), dt); err != nil {
		t.Fatal(err)
	}
	want := []sp.Date{{Year: 2026, Month: 3, Day: 1}, {Year: 2026, Month: 3, Day: 1}, {Year: 2026, Month: 3, Day: 1}}
	var got []sp.Date
	for i := range dt.Len() {
		var d sp.Deal
		dt.Row(i, &d)
		got = append(got, d.ExpectedClose)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("expected close dates (-want +got):\n%s", diff)
	}
	acts := "id,owner,status,created\n1,a,call,2026-01-05T23:30:00-05:30\n2,a,call,2026-01-05T10:00:00+05:45\n"
	sameAsActivities(t, m, acts, sp.AllActivityFields)

	// Allocations: 2,000 rows with +05:30 cost what 2,000 with Z cost.
	file := func(cell string) string {
		var b strings.Builder
		b.WriteString("id,owner,status,amount,created,closed,expected\n")
		for i := range 2000 {
			fmt.Fprintf(&b, "D%d,rep%d,won,10,%s,%s,\n", i%10, i%10, cell, cell)
		}
		return b.String()
	}
	allocs := func(in string) float64 {
		return testing.AllocsPerRun(3, func() {
			if err := r.DealTable(strings.NewReader(in), sp.NewDealTable(scorecardDeals, nil)); err != nil {
				t.Fatal(err)
			}
		})
	}
	utc, offset := allocs(file("2026-01-05T10:00:00Z")), allocs(file("2026-01-05T10:00:00+05:30"))
	if offset > utc+20 {
		t.Errorf("2,000 rows with +05:30 cells: %v allocations, with Z cells: %v", offset, utc)
	}
}
