package salesperf

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata"
	"unsafe" // the zones below, whatever the machine has installed

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

var (
	newYork = mustLoc("America/New_York")
	berlin  = mustLoc("Europe/Berlin")
	apia    = mustLoc("Pacific/Apia")   // skipped 30 December 2011
	havana  = mustLoc("America/Havana") // clocks jump at midnight: some days start at 01:00
	// tableLocs are the locations instants are drawn in and day columns
	// computed in.
	tableLocs = []*time.Location{time.UTC, newYork, berlin, apia, havana, time.FixedZone("", -(9*3600 + 30*60))}

	firstInstant = time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC) // the first instant a table holds
	endInstant   = time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC) // the first it does not
)

// sameInstant compares times as instants in the same location, so that a
// diff shows a time that came back right but not in UTC.
var sameInstant = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) && a.Location() == b.Location() })

func genInstant() *rapid.Generator[time.Time] {
	return rapid.Custom(func(t *rapid.T) time.Time {
		var ns int64
		switch rapid.IntRange(0, 3).Draw(t, "instantKind") {
		case 0:
			return time.Time{}
		case 1:
			ns = rapid.SampledFrom([]int64{firstInstant.UnixNano(), endInstant.UnixNano() - 1, 0, -1, 1}).Draw(t, "edge")
		case 2:
			ns = rapid.Int64Range(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano(), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()).Draw(t, "recent")
		default:
			ns = rapid.Int64Range(firstInstant.UnixNano(), endInstant.UnixNano()-1).Draw(t, "ns")
		}
		return time.Unix(0, ns).In(rapid.SampledFrom(tableLocs).Draw(t, "loc"))
	})
}

func genMoney() *rapid.Generator[Money] {
	return rapid.Custom(func(t *rapid.T) Money {
		cur := rapid.SampledFrom([]Currency{"USD", "EUR", "JPY", "BHD", "CLF"}).Draw(t, "currency")
		switch rapid.IntRange(0, 6).Draw(t, "moneyKind") {
		case 0:
			return Money{}
		case 1:
			return NewMoney(rapid.Int64().Draw(t, "minor"), cur)
		case 2:
			return NewMoney(0, cur)
		case 3: // sometimes finer than the currency's minor unit
			return MoneyFromDecimal(decimal.New(rapid.Int64Range(-1e15, 1e15).Draw(t, "coef"), -int32(rapid.IntRange(0, 8).Draw(t, "places"))), cur)
		case 4: // beyond int64 minor units
			digits := rapid.StringMatching(`-?[1-9][0-9]{19,40}`).Draw(t, "digits")
			return MoneyFromDecimal(decimal.RequireFromString(digits), cur)
		case 5: // a currency that is not known
			return MoneyFromDecimal(decimal.New(rapid.Int64Range(-1e9, 1e9).Draw(t, "coef"), -int32(rapid.IntRange(0, 3).Draw(t, "places"))),
				rapid.SampledFrom([]Currency{"XYZ", "usd", "BITCOIN"}).Draw(t, "unknown"))
		default:
			return MustParseMoney(rapid.SampledFrom([]string{"10.005 USD", "-0.5 JPY", "12.34 EUR", "99999999999999999999.99 USD"}).Draw(t, "literal"))
		}
	})
}

func genDate() *rapid.Generator[Date] {
	return rapid.Custom(func(t *rapid.T) Date {
		if rapid.IntRange(0, 3).Draw(t, "noDate") == 0 {
			return Date{}
		}
		return dateFromDays(rapid.IntRange(-1_000_000, 3_000_000).Draw(t, "day"))
	})
}

// genTableDeal draws a deal with every field set at random, valid or not:
// the table keeps what it is given.
func genTableDeal() *rapid.Generator[Deal] {
	reps := []string{"ann", "bob", "Zoë"}
	return rapid.Custom(func(t *rapid.T) Deal {
		d := Deal{
			ID:            rapid.StringMatching(`[a-z0-9-]{0,6}`).Draw(t, "id"),
			Owner:         rapid.SampledFrom(append([]string{""}, reps...)).Draw(t, "owner"),
			Creator:       rapid.SampledFrom(append([]string{""}, reps...)).Draw(t, "creator"),
			Pipeline:      rapid.SampledFrom([]string{"", "new", "renewal"}).Draw(t, "pipeline"),
			Stage:         rapid.SampledFrom([]string{"", "Lead", "Demo", "Won"}).Draw(t, "stage"),
			Status:        Status(rapid.IntRange(-1, 4).Draw(t, "status")),
			Amount:        genMoney().Draw(t, "amount"),
			Created:       genInstant().Draw(t, "created"),
			Closed:        genInstant().Draw(t, "closed"),
			ExpectedClose: genDate().Draw(t, "expectedClose"),
			Category:      ForecastCategory(rapid.IntRange(-1, 7).Draw(t, "category")),
			LostReason:    rapid.SampledFrom([]string{"", "price", "timing"}).Draw(t, "lostReason"),
			Source:        rapid.SampledFrom([]string{"", "web", "referral"}).Draw(t, "source"),
			Region:        rapid.SampledFrom([]string{"", "EMEA", "AMER"}).Draw(t, "region"),
			Industry:      rapid.SampledFrom([]string{"", "retail", "banking"}).Draw(t, "industry"),
			Product:       rapid.SampledFrom([]string{"", "core", "add-on"}).Draw(t, "product"),
			Account:       rapid.SampledFrom([]string{"", "Acme", "Initech"}).Draw(t, "account"),
		}
		switch rapid.IntRange(0, 2).Draw(t, "attrsKind") {
		case 1:
			d.Attrs = map[string]string{}
		case 2:
			d.Attrs = rapid.MapOfN(rapid.SampledFrom([]string{"", "tier", "segment", "partner"}), rapid.SampledFrom([]string{"", "gold", "smb", "x"}), 1, 4).Draw(t, "attrs")
		}
		n := func(label string) int { return rapid.IntRange(-1, 3).Draw(t, label) } // -1: nil
		if k := n("stageHistory"); k >= 0 {
			d.StageHistory = make([]StageChange, k)
			for i := range d.StageHistory {
				d.StageHistory[i] = StageChange{genInstant().Draw(t, "stageAt"), rapid.SampledFrom([]string{"", "Lead", "Demo", "Proposal"}).Draw(t, "stageTo")}
			}
		}
		if k := n("amountHistory"); k >= 0 {
			d.AmountHistory = make([]AmountChange, k)
			for i := range d.AmountHistory {
				d.AmountHistory[i] = AmountChange{genInstant().Draw(t, "amountAt"), genMoney().Draw(t, "amountTo")}
			}
		}
		if k := n("expectedCloseHistory"); k >= 0 {
			d.ExpectedCloseHistory = make([]ExpectedCloseChange, k)
			for i := range d.ExpectedCloseHistory {
				d.ExpectedCloseHistory[i] = ExpectedCloseChange{genInstant().Draw(t, "expectedCloseAt"), genDate().Draw(t, "expectedCloseTo")}
			}
		}
		if k := n("categoryHistory"); k >= 0 {
			d.CategoryHistory = make([]CategoryChange, k)
			for i := range d.CategoryHistory {
				d.CategoryHistory[i] = CategoryChange{genInstant().Draw(t, "categoryAt"), ForecastCategory(rapid.IntRange(0, 5).Draw(t, "categoryTo"))}
			}
		}
		return d
	})
}

// genDealFields draws a set of fields, sometimes with bits beyond
// AllDealFields.
func genDealFields() *rapid.Generator[DealFields] {
	return rapid.Custom(func(t *rapid.T) DealFields {
		switch rapid.IntRange(0, 2).Draw(t, "fieldsKind") {
		case 0:
			return AllDealFields
		case 1:
			return DealFields(rapid.Uint32().Draw(t, "anyBits"))
		}
		return DealFields(rapid.Uint32Range(0, uint32(AllDealFields)).Draw(t, "fields"))
	})
}

// wantRow is what Row gives back for d from a table holding f, as
// DealTable.Row documents it: the fields held, instants in UTC, Creator
// empty when the owner created the deal (and the owner is held), empty
// Attrs and histories nil.
func wantRow(d Deal, f DealFields) Deal {
	has := func(g DealFields) bool { return f&g != 0 }
	keep := func(s string, g DealFields) string {
		if has(g) {
			return s
		}
		return ""
	}
	utc := func(t time.Time) time.Time {
		if t.IsZero() {
			return time.Time{}
		}
		return t.UTC()
	}
	w := Deal{ID: keep(d.ID, DealFieldID), Owner: keep(d.Owner, DealFieldOwner), Pipeline: keep(d.Pipeline, DealFieldPipeline),
		Stage: keep(d.Stage, DealFieldStage), LostReason: keep(d.LostReason, DealFieldLostReason), Source: keep(d.Source, DealFieldSource),
		Region: keep(d.Region, DealFieldRegion), Industry: keep(d.Industry, DealFieldIndustry), Product: keep(d.Product, DealFieldProduct),
		Account: keep(d.Account, DealFieldAccount)}
	if has(DealFieldCreator) {
		switch {
		case d.Creator == "":
			if !has(DealFieldOwner) {
				w.Creator = d.Owner // who created it, though the owner is not held
			}
		case d.Creator != d.Owner || !has(DealFieldOwner):
			w.Creator = d.Creator
		}
	}
	if has(DealFieldStatus) {
		w.Status = d.Status
	}
	if has(DealFieldAmount) {
		w.Amount = d.Amount
	}
	if has(DealFieldCreated) {
		w.Created = utc(d.Created)
	}
	if has(DealFieldClosed) {
		w.Closed = utc(d.Closed)
	}
	if has(DealFieldExpectedClose) {
		w.ExpectedClose = d.ExpectedClose
	}
	if has(DealFieldCategory) {
		w.Category = d.Category
	}
	if has(DealFieldAttrs) && len(d.Attrs) > 0 {
		w.Attrs = maps.Clone(d.Attrs)
	}
	if has(DealFieldStageHistory) {
		for _, h := range d.StageHistory {
			w.StageHistory = append(w.StageHistory, StageChange{utc(h.At), h.Stage})
		}
	}
	if has(DealFieldAmountHistory) {
		for _, h := range d.AmountHistory {
			w.AmountHistory = append(w.AmountHistory, AmountChange{utc(h.At), h.Amount})
		}
	}
	if has(DealFieldExpectedCloseHistory) {
		for _, h := range d.ExpectedCloseHistory {
			w.ExpectedCloseHistory = append(w.ExpectedCloseHistory, ExpectedCloseChange{utc(h.At), h.ExpectedClose})
		}
	}
	if has(DealFieldCategoryHistory) {
		for _, h := range d.CategoryHistory {
			w.CategoryHistory = append(w.CategoryHistory, CategoryChange{utc(h.At), h.Category})
		}
	}
	return w
}

// fataler is what the column checks need of a *testing.T or a *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// checkDealColumns fails t unless every column of a field t holds has
// Len() entries, every *Start Len()+1 ending at its entries' length, and
// every column of a field not held is empty.
func checkDealColumns(t fataler, tb *DealTable) {
	t.Helper()
	n := tb.Len()
	cols := []struct {
		f   DealFields
		len int
	}{
		{DealFieldID, len(tb.ID)}, {DealFieldOwner, len(tb.Owner)}, {DealFieldCreator, len(tb.Creator)},
		{DealFieldPipeline, len(tb.Pipeline)}, {DealFieldStage, len(tb.Stage)}, {DealFieldStatus, len(tb.Status)},
		{DealFieldAmount, len(tb.Amount)}, {DealFieldAmount, len(tb.Currency)}, {DealFieldCreated, len(tb.Created)},
		{DealFieldClosed, len(tb.Closed)}, {DealFieldExpectedClose, len(tb.ExpectedClose)}, {DealFieldCategory, len(tb.Category)},
		{DealFieldLostReason, len(tb.LostReason)}, {DealFieldSource, len(tb.Source)}, {DealFieldRegion, len(tb.Region)},
		{DealFieldIndustry, len(tb.Industry)}, {DealFieldProduct, len(tb.Product)}, {DealFieldAccount, len(tb.Account)},
	}
	for _, c := range cols {
		want := 0
		if tb.Has(c.f) {
			want = n
		}
		if c.len != want {
			t.Fatalf("column %s has %d entries, want %d (Len %d, fields %s)", c.f, c.len, want, n, tb.Fields)
		}
	}
	starts := []struct {
		f       DealFields
		start   []uint32
		entries []int
	}{
		{DealFieldAttrs, tb.AttrStart, []int{len(tb.AttrKey), len(tb.AttrValue)}},
		{DealFieldStageHistory, tb.StageStart, []int{len(tb.StageAt), len(tb.StageTo)}},
		{DealFieldAmountHistory, tb.AmountStart, []int{len(tb.AmountAt), len(tb.AmountMinor), len(tb.AmountCurrency)}},
		{DealFieldExpectedCloseHistory, tb.ExpectedCloseStart, []int{len(tb.ExpectedCloseAt), len(tb.ExpectedCloseTo)}},
		{DealFieldCategoryHistory, tb.CategoryStart, []int{len(tb.CategoryAt), len(tb.CategoryTo)}},
	}
	for _, s := range starts {
		if !tb.Has(s.f) {
			if len(s.start) != 0 || s.entries[0] != 0 {
				t.Fatalf("%s is not held but has %d starts and %d entries", s.f, len(s.start), s.entries[0])
			}
			continue
		}
		if len(s.start) != n+1 || s.start[0] != 0 {
			t.Fatalf("%s starts %v, want %d starting at 0", s.f, s.start, n+1)
		}
		for i := 1; i <= n; i++ {
			if s.start[i] < s.start[i-1] {
				t.Fatalf("%s starts decrease: %v", s.f, s.start)
			}
		}
		for _, e := range s.entries {
			if int(s.start[n]) != e {
				t.Fatalf("%s ends at %d but has %d entries", s.f, s.start[n], e)
			}
		}
	}
	for i := range tb.Spill {
		if i < 0 || i >= n || !tb.Has(DealFieldAmount) {
			t.Fatalf("Spill has row %d of %d", i, n)
		}
	}
	for i := range tb.AmountSpill {
		if i < 0 || i >= len(tb.AmountAt) {
			t.Fatalf("AmountSpill has entry %d of %d", i, len(tb.AmountAt))
		}
	}
}

func TestDealTableRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fields := genDealFields().Draw(t, "fields")
		deals := rapid.SliceOfN(genTableDeal(), 0, 6).Draw(t, "deals")
		var tb *DealTable
		if rapid.Bool().Draw(t, "zeroValue") {
			tb = &DealTable{Fields: fields & AllDealFields}
		} else {
			tb = NewDealTable(fields, nil)
		}
		if tb.Fields != fields&AllDealFields {
			t.Fatalf("Fields = %s, want %s", tb.Fields, fields&AllDealFields)
		}
		for i := range deals {
			if err := tb.Append(&deals[i]); err != nil {
				t.Fatalf("Append(deal %d): %v", i, err)
			}
			checkDealColumns(t, tb)
		}
		if tb.Len() != len(deals) {
			t.Fatalf("Len = %d, want %d", tb.Len(), len(deals))
		}
		// Row reuses d's memory: start it dirty, from another deal.
		d := genTableDeal().Draw(t, "dirty")
		for i := range deals {
			tb.Row(i, &d)
			if diff := cmp.Diff(wantRow(deals[i], tb.Fields), d, sameInstant); diff != "" {
				t.Fatalf("row %d from a table holding %s (-want +got):\n%s", i, tb.Fields, diff)
			}
			if tb.Has(DealFieldAmount) && !tb.AmountOf(i).Equal(deals[i].Amount) {
				t.Fatalf("AmountOf(%d) = %v, want %v", i, tb.AmountOf(i), deals[i].Amount)
			}
		}
	})
}

func TestDealTableHasNeed(t *testing.T) {
	tb := NewDealTable(DealFieldOwner|DealFieldStatus, nil)
	err := tb.Need(DealFieldOwner | DealFieldClosed | DealFieldAmount)
	if !errors.Is(err, ErrMissingField) {
		t.Fatalf("Need = %v, want an error wrapping ErrMissingField", err)
	}
	if want := "salesperf: deal table: missing field: amount (it holds owner|status)"; err.Error() != want {
		t.Errorf("Need error = %q, want %q", err, want)
	}
	if err := tb.Need(DealFieldOwner); err != nil {
		t.Errorf("Need(owner) = %v, want nil", err)
	}
	if !tb.Has(0) || tb.Need(0) != nil {
		t.Error("a table does not have the empty set of fields")
	}

	rapid.Check(t, func(t *rapid.T) {
		held := genDealFields().Draw(t, "held")
		need := genDealFields().Draw(t, "need")
		tb := NewDealTable(held, nil)
		missing := need &^ (held & AllDealFields)
		if tb.Has(need) != (missing == 0) || tb.Fields.Missing(need) != missing {
			t.Fatalf("Has(%s) = %v, Missing = %s; held %s", need, tb.Has(need), tb.Fields.Missing(need), held)
		}
		err := tb.Need(need)
		if missing == 0 {
			if err != nil {
				t.Fatalf("Need(%s) = %v, want nil", need, err)
			}
			return
		}
		first := ""
		for i, name := range dealFieldNames {
			if missing&(1<<i) != 0 {
				first = name
				break
			}
		}
		if first == "" {
			first = "field" // a bit beyond the known fields
		}
		if !errors.Is(err, ErrMissingField) || !strings.HasPrefix(err.Error(), "salesperf: deal table: missing field: "+first) {
			t.Fatalf("Need(%s) from %s = %v, want one naming %q", need, held, err, first)
		}
	})
}

func TestDealFieldsString(t *testing.T) {
	tests := []struct {
		f    DealFields
		want string
	}{
		{0, "none"},
		{DealFieldOwner | DealFieldStatus, "owner|status"},
		{DealFieldCategoryHistory, "category history"},
		{DealFieldID | 1<<30, "id|0x40000000"},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("%#x.String() = %q, want %q", uint32(tt.f), got, tt.want)
		}
	}
}

// TestDealTableCreator checks the Creator rule by hand: Row leaves
// Creator empty when the owner created the deal.
func TestDealTableCreator(t *testing.T) {
	tests := []struct {
		reason        string
		fields        DealFields
		owner, creatr string
		want          Deal
	}{
		{"creator empty: the owner created it", DealFieldOwner | DealFieldCreator, "ann", "", Deal{Owner: "ann"}},
		{"creator is the owner: normalised to empty", DealFieldOwner | DealFieldCreator, "ann", "ann", Deal{Owner: "ann"}},
		{"creator differs", DealFieldOwner | DealFieldCreator, "ann", "bob", Deal{Owner: "ann", Creator: "bob"}},
		{"owner not held: creator says who created it", DealFieldCreator, "ann", "", Deal{Creator: "ann"}},
		{"creator not held", DealFieldOwner, "ann", "bob", Deal{Owner: "ann"}},
	}
	for _, tt := range tests {
		tb := NewDealTable(tt.fields, nil)
		if err := tb.Append(&Deal{Owner: tt.owner, Creator: tt.creatr}); err != nil {
			t.Fatal(err)
		}
		var got Deal
		tb.Row(0, &got)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
		}
	}
}

func TestDealTableShape(t *testing.T) {
	// Hand-checked columns for two deals.
	reps := &Dict{}
	reps.ID("cy") // shared with another table that saw cy first
	tb := NewDealTable(DealFieldOwner|DealFieldStatus|DealFieldAmount|DealFieldCreated|DealFieldStageHistory, reps)
	d1 := Deal{Owner: "ann", Status: Won, Amount: MustParseMoney("12.34 USD"), Created: time.Date(1970, 1, 2, 0, 0, 0, 0, time.UTC),
		StageHistory: []StageChange{{time.Unix(1, 0), "Lead"}, {time.Unix(2, 0), "Won"}}}
	d2 := Deal{Owner: "cy", Status: Open, Amount: MustParseMoney("10.005 USD")}
	for _, d := range []*Deal{&d1, &d2} {
		if err := tb.Append(d); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string]any{"owner": tb.Owner, "status": tb.Status, "amount": tb.Amount, "currency": tb.Currency, "created": tb.Created,
		"stageStart": tb.StageStart, "stageAt": tb.StageAt, "stageTo": tb.StageTo, "spill": tb.Spill}
	want := map[string]any{"owner": []uint32{1, 0}, "status": []Status{Won, Open}, "amount": []int64{1234, 0}, "currency": []uint16{0, 0},
		"created": []int64{86400e9, NoInstant}, "stageStart": []uint32{0, 2, 2}, "stageAt": []int64{1e9, 2e9}, "stageTo": []uint32{0, 1},
		"spill": map[int]Money{1: MustParseMoney("10.005 USD")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	if tb.Closed != nil || tb.ID != nil {
		t.Errorf("columns not held are not nil: Closed %v, ID %v", tb.Closed, tb.ID)
	}
}

// dealTableState is what a failed Append must leave unchanged.
type dealTableState struct {
	N     int
	Rows  []Deal
	Dicts []int
	Spill int
}

func stateOf(tb *DealTable) dealTableState {
	s := dealTableState{N: tb.Len(), Spill: len(tb.Spill) + len(tb.AmountSpill)}
	for i := range tb.Len() {
		var d Deal
		tb.Row(i, &d)
		s.Rows = append(s.Rows, d)
	}
	for _, d := range []*Dict{tb.DealIDs, tb.Reps, tb.Pipelines, tb.Stages, tb.LostReasons, tb.Sources, tb.Regions, tb.Industries,
		tb.Products, tb.Accounts, tb.Currencies, tb.AttrKeys, tb.AttrValues} {
		s.Dicts = append(s.Dicts, d.Len())
	}
	return s
}

func TestDealTableAppendOutOfRange(t *testing.T) {
	good := Deal{ID: "d1", Owner: "ann", Status: Won, Amount: MustParseMoney("5 USD"), Created: time.Date(2026, 1, 5, 9, 0, 0, 0, newYork)}
	tooEarly := time.Date(1677, 12, 31, 23, 59, 59, 0, time.UTC)
	tooLate := time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC)
	beyondInt64 := time.Date(2262, 6, 1, 0, 0, 0, 0, time.UTC) // UnixNano would wrap
	tests := []struct {
		reason string
		deal   Deal
		field  string
	}{
		{"created before 1678", Deal{ID: "x1", Created: tooEarly}, "created"},
		{"created in 2262", Deal{ID: "x2", Created: tooLate}, "created"},
		{"closed beyond int64 nanoseconds", Deal{ID: "x3", Closed: beyondInt64}, "closed"},
		{"year 2262 in UTC though 2261 in New York", Deal{ID: "x4", Closed: tooLate.In(newYork)}, "closed"},
		{"year 1677 in UTC though 1678 in Berlin", Deal{ID: "x5", Closed: tooEarly.In(berlin)}, "closed"},
		{"year 1 (the zero time is fine, not this)", Deal{ID: "x6", Created: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC)}, "created"},
		{"stage history", Deal{ID: "x7", StageHistory: []StageChange{{good.Created, "Lead"}, {tooLate, "Won"}}}, "stage history"},
		{"amount history", Deal{ID: "x8", AmountHistory: []AmountChange{{tooEarly, NewMoney(1, "EUR")}}}, "amount history"},
		{"expected close history", Deal{ID: "x9", ExpectedCloseHistory: []ExpectedCloseChange{{tooLate, Date{2026, 1, 1}}}}, "expected close history"},
		{"category history", Deal{ID: "x10", CategoryHistory: []CategoryChange{{beyondInt64, CategoryCommit}}}, "category history"},
		{"expected close beyond int32 day numbers", Deal{ID: "x11", ExpectedClose: Date{6_000_000, 1, 1}}, "expected close"},
		{"expected close on the NoDay day number", Deal{ID: "x12", ExpectedClose: dateFromDays(math.MinInt32)}, "expected close"},
		{"expected close history far in the past", Deal{ID: "x13", ExpectedCloseHistory: []ExpectedCloseChange{{good.Created, Date{-6_000_000, 1, 1}}}}, "expected close history"},
	}
	for _, tt := range tests {
		tb := NewDealTable(AllDealFields, nil)
		if err := tb.Append(&good); err != nil {
			t.Fatal(err)
		}
		before := stateOf(tb)
		err := tb.Append(&tt.deal)
		var ve *ValidationError
		if !errors.As(err, &ve) || !errors.Is(err, ErrOutOfRange) {
			t.Errorf("%s: Append = %v, want a *ValidationError wrapping ErrOutOfRange", tt.reason, err)
			continue
		}
		if ve.Record != "deal" || ve.ID != tt.deal.ID || ve.Field != tt.field {
			t.Errorf("%s: error names %s %s field %q, want deal %s field %q", tt.reason, ve.Record, ve.ID, ve.Field, tt.deal.ID, tt.field)
		}
		checkDealColumns(t, tb)
		if diff := cmp.Diff(before, stateOf(tb), sameInstant); diff != "" {
			t.Errorf("%s: a failed Append changed the table (-before +after):\n%s", tt.reason, diff)
		}
		// A table that does not hold the field takes the deal.
		if err := NewDealTable(DealFieldID|DealFieldOwner, nil).Append(&tt.deal); err != nil {
			t.Errorf("%s: a table without the field: %v", tt.reason, err)
		}
	}
}

func TestDealTableAppendLimitsInRange(t *testing.T) {
	d := Deal{ID: "edge", Created: firstInstant.In(newYork), Closed: endInstant.Add(-1).In(berlin),
		ExpectedClose: dateFromDays(math.MaxInt32), ExpectedCloseHistory: []ExpectedCloseChange{{firstInstant, dateFromDays(math.MinInt32 + 1)}}}
	tb := NewDealTable(AllDealFields, nil)
	if err := tb.Append(&d); err != nil {
		t.Fatalf("Append of the extreme instants and days: %v", err)
	}
	var got Deal
	tb.Row(0, &got)
	if diff := cmp.Diff(wantRow(d, AllDealFields), got, sameInstant); diff != "" {
		t.Errorf("row (-want +got):\n%s", diff)
	}
}

func TestDealTableCurrencyLimit(t *testing.T) {
	// fill returns a table whose Currencies already hold n codes.
	fill := func(f DealFields, n int) *DealTable {
		tb := NewDealTable(f, nil)
		for i := range n {
			tb.Currencies.ID(fmt.Sprintf("C%d", i))
		}
		return tb
	}
	newCur := func(c string) Money { return NewMoney(0, Currency(c)) }

	// The 65,536th currency fits; the 65,537th does not.
	tb := fill(DealFieldAmount, 65535)
	if err := tb.Append(&Deal{ID: "last", Amount: newCur("LAST")}); err != nil {
		t.Fatalf("the 65,536th currency: %v", err)
	}
	if got := tb.AmountOf(0).Currency(); got != "LAST" {
		t.Errorf("currency = %q, want LAST", got)
	}
	err := tb.Append(&Deal{ID: "one-too-many", Amount: newCur("MORE")})
	var ve *ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, ErrOutOfRange) || ve.Field != "amount" || ve.ID != "one-too-many" {
		t.Errorf("the 65,537th currency: %v, want an out-of-range error on amount", err)
	}
	if err := tb.Append(&Deal{ID: "known", Amount: newCur("C7")}); err != nil {
		t.Errorf("a known currency in a full table: %v", err)
	}

	// New currencies in the amount history count too.
	tb = fill(DealFieldAmount|DealFieldAmountHistory, 65535)
	before := stateOf(tb)
	err = tb.Append(&Deal{ID: "hist", Amount: newCur("C0"), AmountHistory: []AmountChange{{At: time.Unix(0, 0), Amount: newCur("H1")}, {At: time.Unix(1, 0), Amount: newCur("H2")}}})
	if !errors.As(err, &ve) || !errors.Is(err, ErrOutOfRange) || ve.Field != "amount history" {
		t.Errorf("two new currencies in the history of a table with room for one: %v, want an out-of-range error on amount history", err)
	}
	if diff := cmp.Diff(before, stateOf(tb), sameInstant); diff != "" {
		t.Errorf("a failed Append changed the table (-before +after):\n%s", diff)
	}

	// The current amount does not count when the table does not hold it.
	tb = fill(DealFieldAmountHistory, 65535)
	if err := tb.Append(&Deal{ID: "unheld", Amount: newCur("NEW1"), AmountHistory: []AmountChange{{At: time.Unix(0, 0), Amount: newCur("C1")}}}); err != nil {
		t.Errorf("a new currency in an amount the table does not hold: %v", err)
	}
}

func TestDealTableZeroValue(t *testing.T) {
	d := Deal{ID: "d1", Owner: "ann", Stage: "Lead", Status: Open, Amount: MustParseMoney("1 USD"), Attrs: map[string]string{"tier": "gold"},
		StageHistory: []StageChange{{time.Unix(5, 0), "Lead"}}, CategoryHistory: []CategoryChange{{time.Unix(6, 0), CategoryCommit}}}
	shared := &Dict{}
	shared.ID("zed")
	tables := map[string]*DealTable{
		"zero value":             {},
		"zero value with fields": {Fields: AllDealFields},
		"only Reps set":          {Fields: AllDealFields, Reps: shared},
	}
	for name, tb := range tables {
		for range 2 {
			if err := tb.Append(&d); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		checkDealColumns(t, tb)
		for i := range 2 {
			var got Deal
			tb.Row(i, &got)
			if diff := cmp.Diff(wantRow(d, tb.Fields), got, sameInstant); diff != "" {
				t.Errorf("%s: row %d (-want +got):\n%s", name, i, diff)
			}
		}
	}
	if tables["only Reps set"].Reps != shared || shared.Len() != 2 {
		t.Errorf("a table made with a Reps Dict did not keep it")
	}
}

func TestDealTableRowNormalisesDates(t *testing.T) {
	tb := NewDealTable(DealFieldExpectedClose, nil)
	if err := tb.Append(&Deal{ExpectedClose: Date{2026, 2, 30}}); err != nil {
		t.Fatal(err)
	}
	var got Deal
	tb.Row(0, &got)
	if want := (Date{2026, 3, 2}); got.ExpectedClose != want {
		t.Errorf("ExpectedClose = %v, want %v", got.ExpectedClose, want)
	}
}

func TestDealTableRowPanicsOutOfRange(t *testing.T) {
	tb := NewDealTable(DealFieldOwner, nil)
	for _, i := range []int{-1, 0} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Row(%d) of an empty table did not panic", i)
				}
			}()
			var d Deal
			tb.Row(i, &d)
		}()
	}
}

func TestDayOfHandComputed(t *testing.T) {
	tests := []struct {
		d    Date
		want int32
	}{
		{Date{}, NoDay},
		{Date{1970, 1, 1}, 0},
		{Date{1969, 12, 31}, -1},
		{Date{2000, 1, 1}, 10957},
		{Date{2026, 3, 7}, 20519},
		{Date{1, 1, 1}, -719162},
		{Date{9999, 12, 31}, 2932896},
		{Date{2370, 1, 1}, 146097}, // one 400-year cycle
		{Date{1970 + 400*1000, 1, 1}, 1000 * 146097},
		{Date{1970 - 400*1000, 1, 1}, -1000 * 146097},
		{Date{1970 + 400*14699, 1, 1}, 14699 * 146097}, // near the int32 limit
		{Date{1970 - 400*14699, 1, 1}, -14699 * 146097},
	}
	for _, tt := range tests {
		if got := DayOf(tt.d); got != tt.want {
			t.Errorf("DayOf(%v) = %d, want %d", tt.d, got, tt.want)
		}
		if got := DateOfDay(tt.want); got != tt.d {
			t.Errorf("DateOfDay(%d) = %v, want %v", tt.want, got, tt.d)
		}
	}
}

func TestDayOfRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.Int32Range(math.MinInt32+1, math.MaxInt32).Draw(t, "day")
		d := DateOfDay(n)
		if !d.valid() || d.IsZero() {
			t.Fatalf("DateOfDay(%d) = %v, not a real day", n, d)
		}
		if DayOf(d) != n || d.days() != int(n) {
			t.Fatalf("DayOf(DateOfDay(%d)) = %d, days() = %d", n, DayOf(d), d.days())
		}
		if n > math.MinInt32+1 && DateOfDay(n-1).AddDays(1) != d {
			t.Fatalf("the day before %v is not %v", d, DateOfDay(n-1))
		}
		// Within time.Time's comfortable range, agree with the time package.
		if n > -3_000_000 && n < 3_000_000 {
			tt := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n))
			if DateOf(tt) != d {
				t.Fatalf("DateOfDay(%d) = %v, time says %v", n, d, DateOf(tt))
			}
		}
	})
}

func TestDayNumber(t *testing.T) {
	ny := func(y int, m time.Month, d, h, min int) int64 {
		return time.Date(y, m, d, h, min, 0, 0, newYork).UnixNano()
	}
	tests := []struct {
		reason string
		ns     int64
		loc    *time.Location
		want   int32
	}{
		{"epoch", 0, nil, 0},
		{"a nanosecond before the epoch", -1, time.UTC, -1},
		{"evening in New York is the next day in UTC", ny(2026, 3, 7, 21, 0), time.UTC, 20520},
		{"…and the same day in New York", ny(2026, 3, 7, 21, 0), newYork, 20519},
		{"Berlin is ahead", time.Date(2026, 3, 7, 23, 30, 0, 0, time.UTC).UnixNano(), berlin, 20520},
		{"Apia skipped 30 December 2011", time.Date(2011, 12, 30, 10, 0, 0, 0, time.UTC).UnixNano(), apia, 15339},
		{"Apia the second before", time.Date(2011, 12, 30, 9, 59, 59, 0, time.UTC).UnixNano(), apia, 15337},
		{"Havana's 8 March 2026 starts at 01:00", time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC).UnixNano(), havana, 20520},
		{"Havana a second earlier is still the 7th", time.Date(2026, 3, 8, 4, 59, 59, 0, time.UTC).UnixNano(), havana, 20519},
		{"no instant has no day", NoInstant, nil, NoDay},
		{"no instant has no day anywhere", NoInstant, newYork, NoDay},
	}
	for _, tt := range tests {
		if got := DayNumber(tt.ns, tt.loc); got != tt.want {
			t.Errorf("%s: DayNumber = %d, want %d", tt.reason, got, tt.want)
		}
	}
}

// dayOfIn is the documented meaning of a day column: the day number of
// the date a rep in loc would write down.
func dayOfIn(t time.Time, loc *time.Location) int32 {
	if t.IsZero() {
		return NoDay
	}
	return DayOf(DateOf(t.In(loc)))
}

func TestDealTableDays(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tb := NewDealTable(DealFieldCreated|DealFieldClosed, nil)
		var deals []Deal
		for round := range 3 {
			more := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) Deal {
				return Deal{Created: genInstant().Draw(t, "created"), Closed: genInstant().Draw(t, "closed")}
			}), 0, 5).Draw(t, fmt.Sprintf("deals%d", round))
			for i := range more {
				if err := tb.Append(&more[i]); err != nil {
					t.Fatal(err)
				}
			}
			deals = append(deals, more...)
			for _, loc := range append(tableLocs, nil) {
				created, closed := tb.CreatedDays(loc), tb.ClosedDays(loc)
				if len(created) != len(deals) || len(closed) != len(deals) {
					t.Fatalf("round %d: %d created and %d closed days for %d deals", round, len(created), len(closed), len(deals))
				}
				l := loc
				if l == nil {
					l = time.UTC
				}
				for i, d := range deals {
					if w := dayOfIn(d.Created, l); created[i] != w {
						t.Fatalf("round %d: created day %d in %v = %d, want %d (%v)", round, i, l, created[i], w, d.Created)
					}
					if w := dayOfIn(d.Closed, l); closed[i] != w {
						t.Fatalf("round %d: closed day %d in %v = %d, want %d (%v)", round, i, l, closed[i], w, d.Closed)
					}
				}
			}
		}
	})
}

func TestDealTableDaysExtendedAndStable(t *testing.T) {
	tb := NewDealTable(DealFieldCreated, nil)
	add := func(ts ...time.Time) {
		for _, c := range ts {
			if err := tb.Append(&Deal{Created: c}); err != nil {
				t.Fatal(err)
			}
		}
	}
	add(time.Date(2026, 3, 8, 3, 0, 0, 0, time.UTC), time.Time{})
	first := tb.CreatedDays(newYork)
	if diff := cmp.Diff([]int32{20519, NoDay}, first); diff != "" {
		t.Errorf("first days (-want +got):\n%s", diff)
	}
	add(time.Date(2026, 3, 8, 12, 0, 0, 0, time.UTC))
	second := tb.CreatedDays(newYork)
	if diff := cmp.Diff([]int32{20519, NoDay, 20520}, second); diff != "" {
		t.Errorf("days after an Append (-want +got):\n%s", diff)
	}
	if len(first) != 2 || cap(first) != 2 {
		t.Errorf("the first slice changed or can grow into the cache: len %d cap %d", len(first), cap(first))
	}
	if tb.CreatedDays(nil)[0] != 20520 {
		t.Errorf("UTC day = %d, want 20520", tb.CreatedDays(nil)[0])
	}
	if got := NewDealTable(DealFieldOwner, nil).CreatedDays(nil); len(got) != 0 {
		t.Errorf("a table without Created gives %v", got)
	}
}

func TestTableDaysConcurrent(t *testing.T) {
	dt := NewDealTable(DealFieldCreated|DealFieldClosed, nil)
	at := NewActivityTable(ActivityFieldAt, nil, nil)
	start := time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC)
	for i := range 500 {
		c := start.Add(time.Duration(i) * 7 * time.Hour)
		if err := dt.Append(&Deal{Created: c, Closed: c.Add(90 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if err := at.Append(&Activity{At: c}); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range len(tableLocs) {
				loc := tableLocs[(g+k)%len(tableLocs)]
				cols := map[string][]int32{"created": dt.CreatedDays(loc), "closed": dt.ClosedDays(loc), "at": at.Days(loc)}
				for i := range 500 {
					c := start.Add(time.Duration(i) * 7 * time.Hour)
					want := map[string]int32{"created": dayOfIn(c, loc), "closed": dayOfIn(c.Add(90*time.Hour), loc), "at": dayOfIn(c, loc)}
					for name, col := range cols {
						if col[i] != want[name] {
							errs <- fmt.Sprintf("%s day %d in %v = %d, want %d", name, i, loc, col[i], want[name])
							return
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func genActivity() *rapid.Generator[Activity] {
	return rapid.Custom(func(t *rapid.T) Activity {
		return Activity{
			ID:             rapid.StringMatching(`[a-zé0-9]{0,5}`).Draw(t, "id"),
			Rep:            rapid.SampledFrom([]string{"", "ann", "bob"}).Draw(t, "rep"),
			Deal:           rapid.SampledFrom([]string{"", "d1", "d2"}).Draw(t, "deal"),
			Lead:           rapid.SampledFrom([]string{"", "l1"}).Draw(t, "lead"),
			Kind:           ActivityKind(rapid.IntRange(-1, 12).Draw(t, "kind")),
			CustomKind:     rapid.SampledFrom([]string{"", "", "webinar", "site visit"}).Draw(t, "customKind"),
			At:             genInstant().Draw(t, "at"),
			Duration:       time.Duration(rapid.Int64().Draw(t, "duration")),
			Category:       TimeCategory(rapid.IntRange(-1, 7).Draw(t, "category")),
			CustomCategory: rapid.SampledFrom([]string{"", "", "travel", "training"}).Draw(t, "customCategory"),
			Outcome:        rapid.SampledFrom([]string{"", "connected", "no answer"}).Draw(t, "outcome"),
		}
	})
}

func wantActivityRow(a Activity, f ActivityFields) Activity {
	var w Activity
	if f&ActivityFieldID != 0 {
		w.ID = a.ID
	}
	if f&ActivityFieldRep != 0 {
		w.Rep = a.Rep
	}
	if f&ActivityFieldDeal != 0 {
		w.Deal = a.Deal
	}
	if f&ActivityFieldLead != 0 {
		w.Lead = a.Lead
	}
	if f&ActivityFieldKind != 0 {
		w.Kind, w.CustomKind = a.Kind, a.CustomKind
	}
	if f&ActivityFieldAt != 0 && !a.At.IsZero() {
		w.At = a.At.UTC()
	}
	if f&ActivityFieldDuration != 0 {
		w.Duration = a.Duration
	}
	if f&ActivityFieldCategory != 0 {
		w.Category, w.CustomCategory = a.Category, a.CustomCategory
	}
	if f&ActivityFieldOutcome != 0 {
		w.Outcome = a.Outcome
	}
	return w
}

func checkActivityColumns(t fataler, tb *ActivityTable) {
	t.Helper()
	n := tb.Len()
	cols := []struct {
		f   ActivityFields
		len int
	}{
		{ActivityFieldRep, len(tb.Rep)}, {ActivityFieldDeal, len(tb.Deal)}, {ActivityFieldLead, len(tb.Lead)},
		{ActivityFieldKind, len(tb.Kind)}, {ActivityFieldAt, len(tb.At)}, {ActivityFieldDuration, len(tb.Duration)},
		{ActivityFieldCategory, len(tb.Category)}, {ActivityFieldOutcome, len(tb.Outcome)}, {ActivityFieldID, len(tb.ids.end)},
	}
	for _, c := range cols {
		want := 0
		if tb.Has(c.f) {
			want = n
		}
		if c.len != want {
			t.Fatalf("column %s has %d entries, want %d (Len %d, fields %s)", c.f, c.len, want, n, tb.Fields)
		}
	}
	for i := range tb.CustomKind {
		if i < 0 || i >= n {
			t.Fatalf("CustomKind has row %d of %d", i, n)
		}
	}
	for i := range tb.CustomCategory {
		if i < 0 || i >= n {
			t.Fatalf("CustomCategory has row %d of %d", i, n)
		}
	}
}

func TestActivityTableRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var fields ActivityFields
		switch rapid.IntRange(0, 2).Draw(t, "fieldsKind") {
		case 0:
			fields = AllActivityFields
		case 1:
			fields = ActivityFields(rapid.Uint32().Draw(t, "anyBits"))
		default:
			fields = ActivityFields(rapid.Uint32Range(0, uint32(AllActivityFields)).Draw(t, "fields"))
		}
		acts := rapid.SliceOfN(genActivity(), 0, 8).Draw(t, "activities")
		var tb *ActivityTable
		if rapid.Bool().Draw(t, "zeroValue") {
			tb = &ActivityTable{Fields: fields & AllActivityFields}
		} else {
			tb = NewActivityTable(fields, nil, nil)
		}
		if tb.Fields != fields&AllActivityFields {
			t.Fatalf("Fields = %s, want %s", tb.Fields, fields&AllActivityFields)
		}
		for i := range acts {
			if err := tb.Append(&acts[i]); err != nil {
				t.Fatalf("Append(activity %d): %v", i, err)
			}
			checkActivityColumns(t, tb)
		}
		if tb.Len() != len(acts) {
			t.Fatalf("Len = %d, want %d", tb.Len(), len(acts))
		}
		a := genActivity().Draw(t, "dirty")
		for i := range acts {
			tb.Row(i, &a)
			want := wantActivityRow(acts[i], tb.Fields)
			if diff := cmp.Diff(want, a, sameInstant); diff != "" {
				t.Fatalf("row %d from a table holding %s (-want +got):\n%s", i, tb.Fields, diff)
			}
			if tb.IDOf(i) != want.ID || tb.CustomKindOf(i) != want.CustomKind || tb.CustomCategoryOf(i) != want.CustomCategory {
				t.Fatalf("row %d: IDOf %q, CustomKindOf %q, CustomCategoryOf %q; want %q, %q, %q", i,
					tb.IDOf(i), tb.CustomKindOf(i), tb.CustomCategoryOf(i), want.ID, want.CustomKind, want.CustomCategory)
			}
		}
		// Need and Has.
		need := ActivityFields(rapid.Uint32Range(0, uint32(AllActivityFields)).Draw(t, "need"))
		missing := need &^ tb.Fields
		err := tb.Need(need)
		if tb.Has(need) != (missing == 0) || (err == nil) != (missing == 0) {
			t.Fatalf("Has(%s) = %v, Need = %v; held %s", need, tb.Has(need), err, tb.Fields)
		}
		if missing != 0 {
			first := ""
			for i, name := range activityFieldNames {
				if missing&(1<<i) != 0 {
					first = name
					break
				}
			}
			if !errors.Is(err, ErrMissingField) || !strings.HasPrefix(err.Error(), "salesperf: activity table: missing field: "+first+" (") {
				t.Fatalf("Need(%s) from %s = %v, want one naming %q", need, tb.Fields, err, first)
			}
		}
	})
}

func TestActivityTableSharesDicts(t *testing.T) {
	deals := NewDealTable(DealFieldID|DealFieldOwner, nil)
	for _, d := range []Deal{{ID: "d1", Owner: "ann"}, {ID: "d2", Owner: "bob"}} {
		if err := deals.Append(&d); err != nil {
			t.Fatal(err)
		}
	}
	acts := NewActivityTable(ActivityFieldRep|ActivityFieldDeal|ActivityFieldKind, deals.Reps, deals.DealIDs)
	for _, a := range []Activity{{Rep: "bob", Deal: "d2", Kind: Call}, {Rep: "cy", Deal: "", Kind: CustomKind, CustomKind: "webinar"}} {
		if err := acts.Append(&a); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string]any{"rep": acts.Rep, "deal": acts.Deal, "owner": deals.Owner, "id": deals.ID, "kind": acts.Kind, "custom": acts.CustomKind}
	want := map[string]any{"rep": []uint32{1, 2}, "deal": []uint32{1, 2}, "owner": []uint32{0, 1}, "id": []uint32{0, 1},
		"kind": []ActivityKind{Call, CustomKind}, "custom": map[int]uint32{1: 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	if deals.Reps.Len() != 3 {
		t.Errorf("the shared Reps has %d names, want 3", deals.Reps.Len())
	}
}

func TestActivityTableAppendOutOfRange(t *testing.T) {
	tb := NewActivityTable(AllActivityFields, nil, nil)
	good := Activity{ID: "a1", Rep: "ann", Kind: Call, At: time.Date(2026, 1, 5, 9, 0, 0, 0, berlin)}
	if err := tb.Append(&good); err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC), endInstant, endInstant.In(newYork), time.Date(3000, 1, 1, 0, 0, 0, 0, apia)} {
		bad := Activity{ID: "a2", Rep: "newrep", Kind: CustomKind, CustomKind: "new", At: at}
		err := tb.Append(&bad)
		var ve *ValidationError
		if !errors.As(err, &ve) || !errors.Is(err, ErrOutOfRange) || ve.Record != "activity" || ve.ID != "a2" || ve.Field != "at" {
			t.Errorf("At %v: Append = %v, want an out-of-range error on activity a2's at", at, err)
		}
		checkActivityColumns(t, tb)
		if tb.Len() != 1 || tb.Reps.Len() != 1 || tb.CustomKinds.Len() != 0 || len(tb.CustomKind) != 0 {
			t.Errorf("At %v: a failed Append changed the table: Len %d, Reps %d, CustomKinds %d", at, tb.Len(), tb.Reps.Len(), tb.CustomKinds.Len())
		}
	}
	if err := NewActivityTable(ActivityFieldRep, nil, nil).Append(&Activity{At: endInstant}); err != nil {
		t.Errorf("a table without At: %v", err)
	}
}

func TestActivityTableZeroValue(t *testing.T) {
	a := Activity{ID: "a1", Rep: "ann", Deal: "d1", Lead: "l1", Kind: CustomKind, CustomKind: "webinar", At: time.Unix(60, 0),
		Duration: time.Minute, Category: CustomCategory, CustomCategory: "travel", Outcome: "ok"}
	shared := &Dict{}
	tables := map[string]*ActivityTable{
		"zero value":             {},
		"zero value with fields": {Fields: AllActivityFields},
		"only Reps set":          {Fields: AllActivityFields, Reps: shared},
		"only DealIDs set":       {Fields: AllActivityFields, DealIDs: &Dict{}},
	}
	for name, tb := range tables {
		for range 2 {
			if err := tb.Append(&a); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		checkActivityColumns(t, tb)
		var got Activity
		tb.Row(1, &got)
		if diff := cmp.Diff(wantActivityRow(a, tb.Fields), got, sameInstant); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	if shared.Len() != 1 {
		t.Errorf("a table made with a Reps Dict did not use it")
	}
}

// TestBuilds32Bit compiles the package for a 32-bit platform, where int
// cannot hold the 2³² limits the tables check.
func TestBuilds32Bit(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the package")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command(gobin, "build", ".")
	cmd.Env = append(cmd.Environ(), "GOARCH=386", "GOOS=linux", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("GOARCH=386 go build: %v\n%s", err, out)
	}
}

// columnBytes returns the bytes of capacity of every column slice of t
// (not its Dicts, Spill maps or day caches).
func columnBytes(t *DealTable) int {
	n := 4 * (cap(t.ID) + cap(t.Owner) + cap(t.Creator) + cap(t.Pipeline) + cap(t.Stage) + cap(t.LostReason) + cap(t.Source) +
		cap(t.Region) + cap(t.Industry) + cap(t.Product) + cap(t.Account))
	n += cap(t.Status) + cap(t.Category) + 8*cap(t.Amount) + 2*cap(t.Currency) + 8*(cap(t.Created)+cap(t.Closed)) + 4*cap(t.ExpectedClose)
	n += 4 * (cap(t.AttrStart) + cap(t.AttrKey) + cap(t.AttrValue))
	n += 4*(cap(t.StageStart)+cap(t.StageTo)) + 8*cap(t.StageAt)
	n += 4*cap(t.AmountStart) + 8*(cap(t.AmountAt)+cap(t.AmountMinor)) + 2*cap(t.AmountCurrency)
	n += 4*(cap(t.ExpectedCloseStart)+cap(t.ExpectedCloseTo)) + 8*cap(t.ExpectedCloseAt)
	n += 4*cap(t.CategoryStart) + 8*cap(t.CategoryAt) + cap(t.CategoryTo)
	return n
}

// TestDealTableMemory checks the point of the table: a scorecard's deals
// (owner, status, amount, created, closed: 4+1+8+2+8+8 = 31 bytes of
// values) cost at most 40 bytes a row of column capacity, whatever the
// number of rows, against the 400-odd bytes of a Deal.
func TestDealTableMemory(t *testing.T) {
	tb := NewDealTable(DealFieldOwner|DealFieldStatus|DealFieldAmount|DealFieldCreated|DealFieldClosed, nil)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	reps := []string{"ann", "bob", "cy", "dee"}
	n := 300_000
	if testing.Short() {
		n = 60_000
	}
	worst := 0.0
	for i := range n {
		c := start.Add(time.Duration(i) * time.Minute)
		d := Deal{Owner: reps[i%len(reps)], Status: Won, Amount: NewMoney(int64(i), "USD"), Created: c, Closed: c.Add(time.Hour)}
		if err := tb.Append(&d); err != nil {
			t.Fatal(err)
		}
		if rows := i + 1; rows >= 10_000 && rows%997 == 0 {
			worst = max(worst, float64(columnBytes(tb))/float64(rows))
		}
	}
	if worst > 40 {
		t.Errorf("columns cost up to %.1f bytes a row, want at most 40", worst)
	}
	if sz := unsafe.Sizeof(Deal{}); worst*5 > float64(sz) {
		t.Errorf("columns cost %.1f bytes a row against %d for a Deal: less than 5× smaller", worst, sz)
	}
	t.Logf("at most %.1f bytes a row (a Deal is %d bytes)", worst, unsafe.Sizeof(Deal{}))
}

func TestActivityTableNeedAndString(t *testing.T) {
	tb := NewActivityTable(ActivityFieldRep|ActivityFieldKind, nil, nil)
	err := tb.Need(ActivityFieldRep | ActivityFieldDuration | ActivityFieldAt)
	if want := "salesperf: activity table: missing field: at (it holds rep|kind)"; err == nil || err.Error() != want || !errors.Is(err, ErrMissingField) {
		t.Errorf("Need = %v, want %q wrapping ErrMissingField", err, want)
	}
	if got := (AllActivityFields).String(); got != "id|rep|deal|lead|kind|at|duration|category|outcome" {
		t.Errorf("AllActivityFields = %q", got)
	}
	if got := ActivityFields(0).String(); got != "none" {
		t.Errorf("no fields = %q, want none", got)
	}
}

// TestDealTableRowReusesMemory checks what Row's doc promises: reading
// rows into one Deal allocates nothing once its slices and map are big
// enough.
func TestDealTableRowReusesMemory(t *testing.T) {
	tb := NewDealTable(AllDealFields, nil)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	d := Deal{ID: "d1", Owner: "ann", Creator: "bob", Stage: "Demo", Status: Open, Amount: MustParseMoney("10.005 USD"), Created: at,
		Attrs:                map[string]string{"tier": "gold", "segment": "smb"},
		StageHistory:         []StageChange{{at, "Lead"}, {at.Add(time.Hour), "Demo"}},
		AmountHistory:        []AmountChange{{at, MustParseMoney("5 USD")}, {at.Add(time.Hour), MustParseMoney("10.005 USD")}},
		ExpectedCloseHistory: []ExpectedCloseChange{{at, Date{2026, 4, 1}}},
		CategoryHistory:      []CategoryChange{{at, CategoryPipeline}}}
	for range 2 {
		if err := tb.Append(&d); err != nil {
			t.Fatal(err)
		}
	}
	var got Deal
	tb.Row(0, &got)
	allocs := testing.AllocsPerRun(50, func() {
		tb.Row(1, &got)
		tb.Row(0, &got)
	})
	if allocs != 0 {
		t.Errorf("Row into a reused Deal allocates %v times, want 0", allocs)
	}
	if diff := cmp.Diff(wantRow(d, AllDealFields), got, sameInstant); diff != "" {
		t.Errorf("row (-want +got):\n%s", diff)
	}
}

func TestCanHold(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	for _, c := range []struct {
		t    time.Time
		want bool
	}{
		{time.Time{}, true},
		{time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(1677, 12, 31, 23, 59, 59, 0, time.UTC), false},
		{time.Date(2261, 12, 31, 23, 59, 59, 0, time.UTC), true},
		{time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2261, 12, 31, 20, 0, 0, 0, ny), false}, // 2262-01-01T01:00Z: still 2261 in New York
	} {
		if got := CanHold(c.t); got != c.want {
			t.Errorf("CanHold(%s) = %v, want %v", c.t, got, c.want)
		}
	}
}
