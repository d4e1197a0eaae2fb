package salesperf

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// DealFields is a set of [Deal] fields: the columns a [DealTable] holds,
// or the columns a metric reads. Combine them with |.
type DealFields uint32

// The deal fields, one per column of a [DealTable].
const (
	DealFieldID DealFields = 1 << iota
	DealFieldOwner
	DealFieldCreator
	DealFieldPipeline
	DealFieldStage
	DealFieldStatus
	DealFieldAmount // Amount and its currency
	DealFieldCreated
	DealFieldClosed
	DealFieldExpectedClose
	DealFieldCategory
	DealFieldLostReason
	DealFieldSource
	DealFieldRegion
	DealFieldIndustry
	DealFieldProduct
	DealFieldAccount
	DealFieldAttrs
	DealFieldStageHistory
	DealFieldAmountHistory
	DealFieldExpectedCloseHistory
	DealFieldCategoryHistory

	// AllDealFields is every field: a table that holds it gives back
	// every Deal it was given, as [DealTable.Row] documents (instants in
	// UTC, empty Attrs and histories nil, Creator empty when the owner
	// created the deal).
	AllDealFields DealFields = 1<<iota - 1
)

var dealFieldNames = []string{"id", "owner", "creator", "pipeline", "stage", "status", "amount", "created",
	"closed", "expected close", "category", "lost reason", "source", "region", "industry", "product", "account",
	"attrs", "stage history", "amount history", "expected close history", "category history"}

// String returns the fields' names joined by "|": "owner|status".
func (f DealFields) String() string { return fieldNames(uint32(f), dealFieldNames) }

// Missing returns the fields of need that f does not hold.
func (f DealFields) Missing(need DealFields) DealFields { return need &^ f }

// DealTable holds deals as columns: one slice per field, and row i of
// every slice is deal i. It is the compact form for large data: a deal
// takes a few bytes per field held (4 for a name, 1 for a status, 8 for
// an instant, 10 for an amount and its currency: 31 for a scorecard's
// owner, status, amount, created and closed) instead of a 400-byte [Deal]
// plus its strings; names are dense ids into a [Dict]; and the metrics
// and segments fold it a batch of rows at a time (see
// metrics.Aggregator's column forms and segment.FoldTable).
//
// A table holds only the fields in Fields, chosen when it is made
// ([NewDealTable]); a metric that needs a field the table lacks is refused
// with an error that names the field, never computed from zeros.
//
// The columns are exported so that a hand-written loop can read them; add
// rows only with [DealTable.Append], which keeps them in step and counts
// the rows ([DealTable.Len]). Columns of fields not held are nil.
//
//   - names (Owner, Creator, Pipeline, Stage, LostReason, Source, Region,
//     Industry, Product, Account) are ids into the table's Dicts; Owner and
//     Creator share Reps (Creator holds the owner's id when a deal's
//     Creator is empty, as [Deal.CreatedBy] reads it);
//   - Amount is int64 minor units (cents for USD) of the currency
//     Currencies.Name(Currency[i]); a loop that adds amounts up must
//     check the currency. An amount that has no such form (beyond int64,
//     finer than its currency as 10.005 USD is, or a non-zero amount in an
//     unknown currency) is kept exactly in Spill[i] and Amount[i] is 0
//     there: a loop that adds Amount must add Spill's amounts too, or read
//     [DealTable.AmountOf];
//   - instants (Created, Closed, history entries) are Unix nanoseconds,
//     [NoInstant] for a zero time; [DealTable.Row] gives them back in UTC;
//   - ExpectedClose is a day number ([DayOf]), [NoDay] for none;
//   - Status and Category are as in the Deal;
//   - each history is in compressed rows: row i's stage changes are
//     StageAt[StageStart[i]:StageStart[i+1]] with StageTo alike, so a
//     *Start column has Len()+1 entries; Attrs alike, sorted by key name.
//
// A DealTable is not safe for concurrent appends; folding it from many
// goroutines while nobody appends is safe.
type DealTable struct {
	Fields DealFields // the fields held

	// Dicts of the name columns. Reps is shared with an ActivityTable's
	// Reps when both are made by one importer or by NewDealTable's caller.
	DealIDs, Reps, Pipelines, Stages, LostReasons, Sources, Regions, Industries, Products, Accounts *Dict
	Currencies                                                                                      *Dict
	AttrKeys, AttrValues                                                                            *Dict

	ID, Owner, Creator, Pipeline, Stage, LostReason, Source, Region, Industry, Product, Account []uint32

	Status   []Status
	Category []ForecastCategory
	Amount   []int64
	Currency []uint16
	Spill    map[int]Money // rows whose amount has no int64 minor form

	Created, Closed []int64 // Unix nanoseconds; NoInstant for none
	ExpectedClose   []int32 // day numbers; NoDay for none

	AttrStart          []uint32 // row i's attributes: AttrKey/AttrValue[AttrStart[i]:AttrStart[i+1]], sorted by key name
	AttrKey, AttrValue []uint32 // ids in AttrKeys and AttrValues

	StageStart []uint32
	StageAt    []int64
	StageTo    []uint32 // ids in Stages

	AmountStart        []uint32
	AmountAt           []int64
	AmountMinor        []int64
	AmountCurrency     []uint16
	AmountSpill        map[int]Money // history entries (indexes into AmountAt) with no int64 form
	ExpectedCloseStart []uint32
	ExpectedCloseAt    []int64
	ExpectedCloseTo    []int32 // day numbers

	CategoryStart []uint32
	CategoryAt    []int64
	CategoryTo    []ForecastCategory

	n     int
	ready bool // ensure has run
	days  dayCache
}

// NewDealTable returns an empty table that holds the given fields (bits
// beyond [AllDealFields] are dropped), with fresh Dicts; reps, when not
// nil, is used as its Reps Dict (pass an ActivityTable's Reps so that both
// tables give a rep the same id).
func NewDealTable(fields DealFields, reps *Dict) *DealTable {
	t := &DealTable{Fields: fields, Reps: reps}
	t.ensure()
	return t
}

// ensure makes t ready for its first Append when it was not made by
// NewDealTable (the zero value, or a literal that sets only some Dicts):
// it drops unknown field bits, supplies the Dicts not set, and starts the
// offsets of each history held at 0.
func (t *DealTable) ensure() {
	t.Fields &= AllDealFields
	for _, d := range []**Dict{&t.DealIDs, &t.Reps, &t.Pipelines, &t.Stages, &t.LostReasons, &t.Sources, &t.Regions,
		&t.Industries, &t.Products, &t.Accounts, &t.Currencies, &t.AttrKeys, &t.AttrValues} {
		if *d == nil {
			*d = &Dict{}
		}
	}
	for _, s := range []struct {
		f     DealFields
		start *[]uint32
	}{{DealFieldAttrs, &t.AttrStart}, {DealFieldStageHistory, &t.StageStart}, {DealFieldAmountHistory, &t.AmountStart},
		{DealFieldExpectedCloseHistory, &t.ExpectedCloseStart}, {DealFieldCategoryHistory, &t.CategoryStart}} {
		if t.Fields&s.f != 0 && len(*s.start) == 0 {
			*s.start = append(*s.start, 0)
		}
	}
	t.ready = true
}

// Len returns the number of deals (rows) appended.
func (t *DealTable) Len() int { return t.n }

// Has reports whether the table holds every field of need.
func (t *DealTable) Has(need DealFields) bool { return t.Fields&need == need }

// Need returns nil if the table holds every field of need, or an error
// that names the first missing field and wraps [ErrMissingField]:
// "salesperf: deal table: missing field: created (it holds owner|status)".
func (t *DealTable) Need(need DealFields) error {
	if m := t.Fields.Missing(need); m != 0 {
		return fmt.Errorf("salesperf: deal table: %w: %s (it holds %s)", ErrMissingField, firstField(uint32(m), dealFieldNames), t.Fields)
	}
	return nil
}

// Append adds d as the table's last row, keeping the fields the table
// holds. It does not validate d (validate records first, as the importers
// do); it fails, with a [*ValidationError] that names the deal and the
// field and wraps [ErrOutOfRange], only when a value cannot be held: an
// instant outside the years 1678–2261 (in UTC), a date more than 5.9
// million years from 1970, more than 65,536 currencies, or more than
// 2³²−1 rows, attributes or entries of one history. A failed Append
// leaves the table as it was.
//
// The zero DealTable holds no fields; one made as a literal with Fields
// set (and any of its Dicts) is ready on its first Append, as if made by
// [NewDealTable].
func (t *DealTable) Append(d *Deal) error {
	if !t.ready {
		t.ensure()
	}
	f := t.Fields
	fail := func(field, msg string) error {
		return &ValidationError{Record: "deal", ID: d.ID, Field: field, Err: fmt.Errorf("%w: %s", ErrOutOfRange, msg)}
	}
	const badYear, badDate = "outside the years 1678–2261", "a date more than 5.9 million years from 1970"
	// Check everything that can fail before changing a column.
	var created, closed int64
	var expected int32
	var ok bool
	if f&DealFieldCreated != 0 {
		if created, ok = instant(d.Created); !ok {
			return fail("created", badYear)
		}
	}
	if f&DealFieldClosed != 0 {
		if closed, ok = instant(d.Closed); !ok {
			return fail("closed", badYear)
		}
	}
	if f&DealFieldExpectedClose != 0 {
		if expected, ok = dayNumber(d.ExpectedClose); !ok {
			return fail("expected close", badDate)
		}
	}
	if f&DealFieldStageHistory != 0 {
		for _, h := range d.StageHistory {
			if _, ok := instant(h.At); !ok {
				return fail("stage history", badYear)
			}
		}
	}
	if f&DealFieldAmountHistory != 0 {
		for _, h := range d.AmountHistory {
			if _, ok := instant(h.At); !ok {
				return fail("amount history", badYear)
			}
		}
	}
	if f&DealFieldExpectedCloseHistory != 0 {
		for _, h := range d.ExpectedCloseHistory {
			if _, ok := instant(h.At); !ok {
				return fail("expected close history", badYear)
			}
			if _, ok := dayNumber(h.ExpectedClose); !ok {
				return fail("expected close history", badDate)
			}
		}
	}
	if f&DealFieldCategoryHistory != 0 {
		for _, h := range d.CategoryHistory {
			if _, ok := instant(h.At); !ok {
				return fail("category history", badYear)
			}
		}
	}
	if field := t.currencyOverflow(d); field != "" {
		return fail(field, "more than 65,536 currencies in one table")
	}
	const tooMany = "more than 2³²−1 in one table"
	switch {
	case uint64(t.n) >= math.MaxUint32:
		return fail("", "more than 2³²−1 rows in one table")
	case f&DealFieldAttrs != 0 && uint64(len(t.AttrKey))+uint64(len(d.Attrs)) > math.MaxUint32:
		return fail("attrs", tooMany)
	case f&DealFieldStageHistory != 0 && uint64(len(t.StageAt))+uint64(len(d.StageHistory)) > math.MaxUint32:
		return fail("stage history", tooMany)
	case f&DealFieldAmountHistory != 0 && uint64(len(t.AmountAt))+uint64(len(d.AmountHistory)) > math.MaxUint32:
		return fail("amount history", tooMany)
	case f&DealFieldExpectedCloseHistory != 0 && uint64(len(t.ExpectedCloseAt))+uint64(len(d.ExpectedCloseHistory)) > math.MaxUint32:
		return fail("expected close history", tooMany)
	case f&DealFieldCategoryHistory != 0 && uint64(len(t.CategoryAt))+uint64(len(d.CategoryHistory)) > math.MaxUint32:
		return fail("category history", tooMany)
	}

	name := func(col *[]uint32, dict *Dict, s string, field DealFields) {
		if f&field != 0 {
			*col = append(*col, dict.ID(s))
		}
	}
	name(&t.ID, t.DealIDs, d.ID, DealFieldID)
	name(&t.Owner, t.Reps, d.Owner, DealFieldOwner)
	name(&t.Creator, t.Reps, d.CreatedBy(), DealFieldCreator)
	name(&t.Pipeline, t.Pipelines, d.Pipeline, DealFieldPipeline)
	name(&t.Stage, t.Stages, d.Stage, DealFieldStage)
	name(&t.LostReason, t.LostReasons, d.LostReason, DealFieldLostReason)
	name(&t.Source, t.Sources, d.Source, DealFieldSource)
	name(&t.Region, t.Regions, d.Region, DealFieldRegion)
	name(&t.Industry, t.Industries, d.Industry, DealFieldIndustry)
	name(&t.Product, t.Products, d.Product, DealFieldProduct)
	name(&t.Account, t.Accounts, d.Account, DealFieldAccount)
	if f&DealFieldStatus != 0 {
		t.Status = append(t.Status, d.Status)
	}
	if f&DealFieldCategory != 0 {
		t.Category = append(t.Category, d.Category)
	}
	if f&DealFieldAmount != 0 {
		minor, cur := t.money(d.Amount, t.n, &t.Spill)
		t.Amount = append(t.Amount, minor)
		t.Currency = append(t.Currency, cur)
	}
	if f&DealFieldCreated != 0 {
		t.Created = append(t.Created, created)
	}
	if f&DealFieldClosed != 0 {
		t.Closed = append(t.Closed, closed)
	}
	if f&DealFieldExpectedClose != 0 {
		t.ExpectedClose = append(t.ExpectedClose, expected)
	}
	if f&DealFieldAttrs != 0 {
		keys := make([]string, 0, len(d.Attrs))
		for k := range d.Attrs {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			t.AttrKey = append(t.AttrKey, t.AttrKeys.ID(k))
			t.AttrValue = append(t.AttrValue, t.AttrValues.ID(d.Attrs[k]))
		}
		t.AttrStart = append(t.AttrStart, uint32(len(t.AttrKey)))
	}
	if f&DealFieldStageHistory != 0 {
		for _, h := range d.StageHistory {
			at, _ := instant(h.At)
			t.StageAt = append(t.StageAt, at)
			t.StageTo = append(t.StageTo, t.Stages.ID(h.Stage))
		}
		t.StageStart = append(t.StageStart, uint32(len(t.StageAt)))
	}
	if f&DealFieldAmountHistory != 0 {
		for _, h := range d.AmountHistory {
			at, _ := instant(h.At)
			minor, cur := t.money(h.Amount, len(t.AmountAt), &t.AmountSpill)
			t.AmountAt = append(t.AmountAt, at)
			t.AmountMinor = append(t.AmountMinor, minor)
			t.AmountCurrency = append(t.AmountCurrency, cur)
		}
		t.AmountStart = append(t.AmountStart, uint32(len(t.AmountAt)))
	}
	if f&DealFieldExpectedCloseHistory != 0 {
		for _, h := range d.ExpectedCloseHistory {
			at, _ := instant(h.At)
			t.ExpectedCloseAt = append(t.ExpectedCloseAt, at)
			to, _ := dayNumber(h.ExpectedClose)
			t.ExpectedCloseTo = append(t.ExpectedCloseTo, to)
		}
		t.ExpectedCloseStart = append(t.ExpectedCloseStart, uint32(len(t.ExpectedCloseAt)))
	}
	if f&DealFieldCategoryHistory != 0 {
		for _, h := range d.CategoryHistory {
			at, _ := instant(h.At)
			t.CategoryAt = append(t.CategoryAt, at)
			t.CategoryTo = append(t.CategoryTo, h.Category)
		}
		t.CategoryStart = append(t.CategoryStart, uint32(len(t.CategoryAt)))
	}
	t.n++
	return nil
}

// maxCurrencies is the number of currency ids a uint16 column holds.
const maxCurrencies = 1 << 16

// currencyOverflow returns the field ("amount" or "amount history") of d
// whose currency would be the table's 65,537th, or "" when they all fit.
func (t *DealTable) currencyOverflow(d *Deal) string {
	amount, history := t.Fields&DealFieldAmount != 0, t.Fields&DealFieldAmountHistory != 0
	if !history && !amount || t.Currencies.Len()+1+len(d.AmountHistory) <= maxCurrencies {
		return "" // room for every currency d has, new or not
	}
	var added []Currency // new to the table
	add := func(c Currency) bool {
		if _, known := t.Currencies.Lookup(string(c)); known || slices.Contains(added, c) {
			return true
		}
		added = append(added, c)
		return t.Currencies.Len()+len(added) <= maxCurrencies
	}
	if amount && !add(d.Amount.Currency()) {
		return "amount"
	}
	if history {
		for _, h := range d.AmountHistory {
			if !add(h.Amount.Currency()) {
				return "amount history"
			}
		}
	}
	return ""
}

// money returns m's minor units and currency id, putting m in *spill at
// index i when it has no int64 minor form.
func (t *DealTable) money(m Money, i int, spill *map[int]Money) (int64, uint16) {
	cur := uint16(t.Currencies.ID(string(m.Currency())))
	minor, ok := m.Minor()
	if !ok {
		if *spill == nil {
			*spill = make(map[int]Money)
		}
		(*spill)[i] = m
		return 0, cur
	}
	return minor, cur
}

// AmountOf returns the amount of row i as a Money, exact whether it is
// in Amount or in Spill. It panics if the table does not hold amounts or
// i is out of range.
func (t *DealTable) AmountOf(i int) Money {
	return t.moneyAt(t.Amount[i], t.Currency[i], t.Spill, i)
}

func (t *DealTable) moneyAt(minor int64, cur uint16, spill map[int]Money, i int) Money {
	if m, ok := spill[i]; ok {
		return m
	}
	return NewMoney(minor, Currency(t.Currencies.Name(uint32(cur))))
}

// Row sets *d to deal i, with the fields the table holds; the others are
// left zero. It gives back what [DealTable.Append] was given, except that
// instants come back in UTC (the same instants), Creator is empty when the
// owner created the deal (when the table holds Owner; without it, Creator
// is who created the deal, as [Deal.CreatedBy] says), empty Attrs and
// histories come back nil, and an ExpectedClose with fields out of range
// (2026-02-30) comes back normalised (2026-03-02). It panics if i is out
// of range.
//
// To save allocations Row reuses d's history slices and Attrs map: a Deal
// kept from an earlier call (appended to a slice) shares them and is
// overwritten. Pass a fresh Deal for each row you keep.
func (t *DealTable) Row(i int, d *Deal) {
	if i < 0 || i >= t.n {
		panic(fmt.Sprintf("salesperf: deal table row %d out of range [0, %d)", i, t.n))
	}
	f := t.Fields
	sh, ah, eh, ch, attrs := d.StageHistory[:0], d.AmountHistory[:0], d.ExpectedCloseHistory[:0], d.CategoryHistory[:0], d.Attrs
	clear(attrs)
	*d = Deal{}
	name := func(col []uint32, dict *Dict, field DealFields) string {
		if f&field == 0 {
			return ""
		}
		return dict.Name(col[i])
	}
	d.ID = name(t.ID, t.DealIDs, DealFieldID)
	d.Owner = name(t.Owner, t.Reps, DealFieldOwner)
	if f&DealFieldCreator != 0 {
		if c := t.Reps.Name(t.Creator[i]); c != d.Owner || f&DealFieldOwner == 0 {
			d.Creator = c
		}
	}
	d.Pipeline = name(t.Pipeline, t.Pipelines, DealFieldPipeline)
	d.Stage = name(t.Stage, t.Stages, DealFieldStage)
	d.LostReason = name(t.LostReason, t.LostReasons, DealFieldLostReason)
	d.Source = name(t.Source, t.Sources, DealFieldSource)
	d.Region = name(t.Region, t.Regions, DealFieldRegion)
	d.Industry = name(t.Industry, t.Industries, DealFieldIndustry)
	d.Product = name(t.Product, t.Products, DealFieldProduct)
	d.Account = name(t.Account, t.Accounts, DealFieldAccount)
	if f&DealFieldStatus != 0 {
		d.Status = t.Status[i]
	}
	if f&DealFieldCategory != 0 {
		d.Category = t.Category[i]
	}
	if f&DealFieldAmount != 0 {
		d.Amount = t.AmountOf(i)
	}
	if f&DealFieldCreated != 0 {
		d.Created = timeOf(t.Created[i])
	}
	if f&DealFieldClosed != 0 {
		d.Closed = timeOf(t.Closed[i])
	}
	if f&DealFieldExpectedClose != 0 {
		d.ExpectedClose = dateOfDay(t.ExpectedClose[i])
	}
	if f&DealFieldAttrs != 0 && t.AttrStart[i] < t.AttrStart[i+1] {
		if attrs == nil {
			attrs = make(map[string]string, t.AttrStart[i+1]-t.AttrStart[i])
		}
		for j := t.AttrStart[i]; j < t.AttrStart[i+1]; j++ {
			attrs[t.AttrKeys.Name(t.AttrKey[j])] = t.AttrValues.Name(t.AttrValue[j])
		}
		d.Attrs = attrs
	}
	if f&DealFieldStageHistory != 0 {
		for j := t.StageStart[i]; j < t.StageStart[i+1]; j++ {
			sh = append(sh, StageChange{At: timeOf(t.StageAt[j]), Stage: t.Stages.Name(t.StageTo[j])})
		}
	}
	if f&DealFieldAmountHistory != 0 {
		for j := t.AmountStart[i]; j < t.AmountStart[i+1]; j++ {
			m := t.moneyAt(t.AmountMinor[j], t.AmountCurrency[j], t.AmountSpill, int(j))
			ah = append(ah, AmountChange{At: timeOf(t.AmountAt[j]), Amount: m})
		}
	}
	if f&DealFieldExpectedCloseHistory != 0 {
		for j := t.ExpectedCloseStart[i]; j < t.ExpectedCloseStart[i+1]; j++ {
			eh = append(eh, ExpectedCloseChange{At: timeOf(t.ExpectedCloseAt[j]), ExpectedClose: dateOfDay(t.ExpectedCloseTo[j])})
		}
	}
	if f&DealFieldCategoryHistory != 0 {
		for j := t.CategoryStart[i]; j < t.CategoryStart[i+1]; j++ {
			ch = append(ch, CategoryChange{At: timeOf(t.CategoryAt[j]), Category: t.CategoryTo[j]})
		}
	}
	if len(sh) > 0 {
		d.StageHistory = sh
	}
	if len(ah) > 0 {
		d.AmountHistory = ah
	}
	if len(eh) > 0 {
		d.ExpectedCloseHistory = eh
	}
	if len(ch) > 0 {
		d.CategoryHistory = ch
	}
}

// CreatedDays returns the calendar day, in loc (nil means UTC), each deal
// was created on, as day numbers ([DayOf]; [NoDay] where Created is
// unknown): the day a rep in loc would write down. The column is computed
// once per location and kept, and extended when rows are appended;
// metrics that count days (the sales cycle) read it instead of converting
// instants per row. It is empty when the table does not hold Created. It
// is safe to call from many goroutines while nobody appends. Do not modify
// the slice. The cache is kept per *time.Location value: pass the same
// one each time (time.LoadLocation returns a new one at each call).
func (t *DealTable) CreatedDays(loc *time.Location) []int32 {
	return t.days.get(0, t.Created, loc)
}

// ClosedDays returns the calendar day, in loc (nil means UTC), each deal
// was closed on ([NoDay] while open), like [DealTable.CreatedDays]. It is
// empty when the table does not hold Closed.
func (t *DealTable) ClosedDays(loc *time.Location) []int32 {
	return t.days.get(1, t.Closed, loc)
}
