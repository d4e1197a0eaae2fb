package salesperf

import (
	"fmt"
	"math"
	"time"
)

// ActivityFields is a set of [Activity] fields: the columns an
// [ActivityTable] holds, or the columns a metric reads.
type ActivityFields uint32

// The activity fields, one per column of an [ActivityTable].
const (
	ActivityFieldID ActivityFields = 1 << iota
	ActivityFieldRep
	ActivityFieldDeal
	ActivityFieldLead
	ActivityFieldKind // Kind and CustomKind
	ActivityFieldAt
	ActivityFieldDuration
	ActivityFieldCategory // Category and CustomCategory
	ActivityFieldOutcome

	// AllActivityFields is every field: a table that holds it gives
	// back every Activity it was given, with At in UTC.
	AllActivityFields ActivityFields = 1<<iota - 1
)

var activityFieldNames = []string{"id", "rep", "deal", "lead", "kind", "at", "duration", "category", "outcome"}

// String returns the fields' names joined by "|": "rep|kind".
func (f ActivityFields) String() string { return fieldNames(uint32(f), activityFieldNames) }

// Missing returns the fields of need that f does not hold.
func (f ActivityFields) Missing(need ActivityFields) ActivityFields { return need &^ f }

// ActivityTable holds activities as columns, like [DealTable]: row i of
// every column is activity i; a table holds only the fields in Fields.
//
//   - Rep ids are in Reps, which a DealTable of the same data shares (its
//     Owner column), so one rep is one id in both;
//   - Deal and Lead are ids in DealIDs and LeadIDs. Pass the deal table's
//     DealIDs to [NewActivityTable] and activity i belongs to the deal j
//     whose ID[j] equals Deal[i]: a join by id, no strings compared. An
//     activity with no deal has the id of "" (no deal's ID, but it takes
//     an id in the shared Dict);
//   - Kind is the [ActivityKind]; a CustomKind row's name is
//     CustomKinds.Name(CustomKind[i]) (held sparsely: custom kinds are rare);
//     Category and CustomCategory alike;
//   - Outcome is an id in Outcomes;
//   - At is Unix nanoseconds ([NoInstant] for none), Duration nanoseconds;
//   - ID is held as text, not interned (activity IDs are unique and never
//     joined on): [ActivityTable.IDOf].
//
// An ActivityTable is not safe for concurrent appends; folding it from
// many goroutines while nobody appends is safe.
type ActivityTable struct {
	Fields ActivityFields // the fields held

	Reps, DealIDs, LeadIDs, CustomKinds, CustomCategories, Outcomes *Dict

	Rep, Deal, Lead, Outcome []uint32
	Kind                     []ActivityKind
	CustomKind               map[int]uint32 // row → id in CustomKinds, for CustomKind rows
	Category                 []TimeCategory
	CustomCategory           map[int]uint32 // row → id in CustomCategories, for CustomCategory rows
	At                       []int64        // Unix nanoseconds; NoInstant for none
	Duration                 []int64        // nanoseconds

	ids   stringColumn
	n     int
	ready bool // ensure has run
	days  dayCache
}

// NewActivityTable returns an empty table that holds the given fields
// (bits beyond [AllActivityFields] are dropped). reps and dealIDs, when
// not nil, are used as its Reps and DealIDs Dicts: pass a DealTable's, so
// that reps and deals have the same ids in both.
func NewActivityTable(fields ActivityFields, reps, dealIDs *Dict) *ActivityTable {
	t := &ActivityTable{Fields: fields, Reps: reps, DealIDs: dealIDs}
	t.ensure()
	return t
}

// ensure makes t ready for its first Append when it was not made by
// NewActivityTable: it drops unknown field bits and supplies the Dicts
// not set.
func (t *ActivityTable) ensure() {
	t.Fields &= AllActivityFields
	for _, d := range []**Dict{&t.Reps, &t.DealIDs, &t.LeadIDs, &t.CustomKinds, &t.CustomCategories, &t.Outcomes} {
		if *d == nil {
			*d = &Dict{}
		}
	}
	t.ready = true
}

// Len returns the number of activities (rows) appended.
func (t *ActivityTable) Len() int { return t.n }

// Has reports whether the table holds every field of need.
func (t *ActivityTable) Has(need ActivityFields) bool { return t.Fields&need == need }

// Need returns nil if the table holds every field of need, or an error
// that names the first missing field and wraps [ErrMissingField]:
// "salesperf: activity table: missing field: at (it holds rep|kind)".
func (t *ActivityTable) Need(need ActivityFields) error {
	if m := t.Fields.Missing(need); m != 0 {
		return fmt.Errorf("salesperf: activity table: %w: %s (it holds %s)", ErrMissingField, firstField(uint32(m), activityFieldNames), t.Fields)
	}
	return nil
}

// Append adds a as the table's last row, keeping the fields the table
// holds. It does not validate a; it fails, with a [*ValidationError] that
// names the activity and the field and wraps [ErrOutOfRange], only when a
// value cannot be held: an instant outside the years 1678–2261 (in UTC),
// more than 2³²−1 rows or 4 GiB of IDs. A failed Append leaves the table
// as it was.
//
// The zero ActivityTable holds no fields; one made as a literal with
// Fields set (and any of its Dicts) is ready on its first Append, as if
// made by [NewActivityTable].
func (t *ActivityTable) Append(a *Activity) error {
	if !t.ready {
		t.ensure()
	}
	f := t.Fields
	var at int64
	if f&ActivityFieldAt != 0 {
		var ok bool
		if at, ok = instant(a.At); !ok {
			return &ValidationError{Record: "activity", ID: a.ID, Field: "at", Err: fmt.Errorf("%w: outside the years 1678–2261", ErrOutOfRange)}
		}
	}
	if uint64(t.n) >= math.MaxUint32 {
		return &ValidationError{Record: "activity", ID: a.ID, Err: fmt.Errorf("%w: more than 2³² rows in one table", ErrOutOfRange)}
	}
	if f&ActivityFieldID != 0 {
		if err := t.ids.append(a.ID); err != nil {
			return &ValidationError{Record: "activity", ID: a.ID, Field: "id", Err: fmt.Errorf("%w: %v", ErrOutOfRange, err)}
		}
	}
	if f&ActivityFieldRep != 0 {
		t.Rep = append(t.Rep, t.Reps.ID(a.Rep))
	}
	if f&ActivityFieldDeal != 0 {
		t.Deal = append(t.Deal, t.DealIDs.ID(a.Deal))
	}
	if f&ActivityFieldLead != 0 {
		t.Lead = append(t.Lead, t.LeadIDs.ID(a.Lead))
	}
	if f&ActivityFieldKind != 0 {
		t.Kind = append(t.Kind, a.Kind)
		if a.Kind == CustomKind || a.CustomKind != "" {
			if t.CustomKind == nil {
				t.CustomKind = make(map[int]uint32)
			}
			t.CustomKind[t.n] = t.CustomKinds.ID(a.CustomKind)
		}
	}
	if f&ActivityFieldAt != 0 {
		t.At = append(t.At, at)
	}
	if f&ActivityFieldDuration != 0 {
		t.Duration = append(t.Duration, int64(a.Duration))
	}
	if f&ActivityFieldCategory != 0 {
		t.Category = append(t.Category, a.Category)
		if a.Category == CustomCategory || a.CustomCategory != "" {
			if t.CustomCategory == nil {
				t.CustomCategory = make(map[int]uint32)
			}
			t.CustomCategory[t.n] = t.CustomCategories.ID(a.CustomCategory)
		}
	}
	if f&ActivityFieldOutcome != 0 {
		t.Outcome = append(t.Outcome, t.Outcomes.ID(a.Outcome))
	}
	t.n++
	return nil
}

// IDOf returns the ID of row i ("" when the table does not hold IDs). It
// panics if i is out of range.
func (t *ActivityTable) IDOf(i int) string {
	if t.Fields&ActivityFieldID == 0 {
		return ""
	}
	return t.ids.at(i)
}

// CustomKindOf returns the custom kind name of row i, "" if none.
func (t *ActivityTable) CustomKindOf(i int) string {
	if id, ok := t.CustomKind[i]; ok {
		return t.CustomKinds.Name(id)
	}
	return ""
}

// CustomCategoryOf returns the custom category name of row i, "" if none.
func (t *ActivityTable) CustomCategoryOf(i int) string {
	if id, ok := t.CustomCategory[i]; ok {
		return t.CustomCategories.Name(id)
	}
	return ""
}

// Row sets *a to activity i, with the fields the table holds; the others
// are left zero. It gives back what [ActivityTable.Append] was given,
// except that At comes back in UTC (the same instant). It panics if i is
// out of range.
func (t *ActivityTable) Row(i int, a *Activity) {
	if i < 0 || i >= t.n {
		panic(fmt.Sprintf("salesperf: activity table row %d out of range [0, %d)", i, t.n))
	}
	f := t.Fields
	*a = Activity{ID: t.IDOf(i)}
	if f&ActivityFieldRep != 0 {
		a.Rep = t.Reps.Name(t.Rep[i])
	}
	if f&ActivityFieldDeal != 0 {
		a.Deal = t.DealIDs.Name(t.Deal[i])
	}
	if f&ActivityFieldLead != 0 {
		a.Lead = t.LeadIDs.Name(t.Lead[i])
	}
	if f&ActivityFieldKind != 0 {
		a.Kind, a.CustomKind = t.Kind[i], t.CustomKindOf(i)
	}
	if f&ActivityFieldAt != 0 {
		a.At = timeOf(t.At[i])
	}
	if f&ActivityFieldDuration != 0 {
		a.Duration = time.Duration(t.Duration[i])
	}
	if f&ActivityFieldCategory != 0 {
		a.Category, a.CustomCategory = t.Category[i], t.CustomCategoryOf(i)
	}
	if f&ActivityFieldOutcome != 0 {
		a.Outcome = t.Outcomes.Name(t.Outcome[i])
	}
}

// Days returns the calendar day, in loc (nil means UTC), of each
// activity's At, as day numbers ([DayOf]; [NoDay] where At is unknown),
// computed once per location, kept, and extended when rows are appended,
// like [DealTable.CreatedDays]. It is empty when the table does not hold
// At. Do not modify the slice; pass the same *time.Location each time.
func (t *ActivityTable) Days(loc *time.Location) []int32 {
	return t.days.get(0, t.At, loc)
}
