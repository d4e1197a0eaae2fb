package segment

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// KeyColumn is a segment key prepared for one table (a [DealKey] or
// [ActivityKey] bound to it): the key of every row as a dense id.
//
//   - ids run from 0 to N−1;
//   - IDs writes the ids of rows lo … lo+len(ids)−1 of t (the table it was
//     bound to) into ids, or [metrics.Skip] for a row in no segment. It is
//     called from many goroutines at once (FoldTableN) and must not change
//     anything but ids;
//   - Key names an id: the value the row-form key returns for every row
//     that has that id. Distinct ids must have distinct keys;
//   - Space, when not nil, says which numbering the ids follow: two
//     columns with equal Spaces (compared with ==, so it must be of a
//     comparable type) give the same key the same id, and Key of either
//     names the ids both have alike. [Dense.Merge] then merges slot by
//     slot; with a nil Space it merges by key;
//   - Column, when not nil, returns the whole id column of the table (a
//     name column such as t.Owner, whose values are the ids): the fold
//     then reads the ids in place instead of copying each batch through
//     IDs, which must still give the same ids.
type KeyColumn[T any, K comparable] struct {
	N      int
	IDs    func(t *T, lo int, ids []uint32)
	Key    func(id uint32) K
	Space  any
	Column func(t *T) []uint32
}

// DealKey is a segment key over the columns of a [salesperf.DealTable]:
// the columnar counterpart of a func(*salesperf.Deal) K key such as
// [Owner]. Needs is the set of fields it reads; Bind prepares it for one
// table that holds them (it may read the whole table once, to build a
// lookup table) and fails only on a table it cannot key.
type DealKey[K comparable] struct {
	Needs sp.DealFields
	Bind  func(t *sp.DealTable) (KeyColumn[sp.DealTable, K], error)
}

// ActivityKey is a segment key over the columns of a
// [salesperf.ActivityTable], like [DealKey]: the columnar counterpart of a
// func(*salesperf.Activity) K key such as [Rep].
type ActivityKey[K comparable] struct {
	Needs sp.ActivityFields
	Bind  func(t *sp.ActivityTable) (KeyColumn[sp.ActivityTable, K], error)
}

// copyIDs is the IDs of a name column: the ids as they are.
func copyIDs(col []uint32, lo int, ids []uint32) { copy(ids, col[lo:lo+len(ids)]) }

func dictKey(need sp.DealFields, col func(t *sp.DealTable) []uint32, dict func(t *sp.DealTable) *sp.Dict) DealKey[string] {
	return DealKey[string]{Needs: need, Bind: func(t *sp.DealTable) (KeyColumn[sp.DealTable, string], error) {
		d := dict(t)
		return KeyColumn[sp.DealTable, string]{
			N:      d.Len(),
			IDs:    func(t *sp.DealTable, lo int, ids []uint32) { copyIDs(col(t), lo, ids) },
			Key:    d.Name,
			Space:  d,
			Column: col,
		}, nil
	}}
}

// OwnerID keys deals by owner, like [Owner]: the table's Owner column,
// ids in its Reps Dict.
func OwnerID() DealKey[string] {
	return dictKey(sp.DealFieldOwner, func(t *sp.DealTable) []uint32 { return t.Owner }, func(t *sp.DealTable) *sp.Dict { return t.Reps })
}

// CreatorID keys deals by who created them, like [Creator] (the creator,
// or the owner when none is recorded): the Creator column, ids in Reps.
func CreatorID() DealKey[string] {
	return dictKey(sp.DealFieldCreator, func(t *sp.DealTable) []uint32 { return t.Creator }, func(t *sp.DealTable) *sp.Dict { return t.Reps })
}

// SourceID keys deals by lead source, like [Source].
func SourceID() DealKey[string] {
	return dictKey(sp.DealFieldSource, func(t *sp.DealTable) []uint32 { return t.Source }, func(t *sp.DealTable) *sp.Dict { return t.Sources })
}

// StageID keys deals by current stage, like [Stage].
func StageID() DealKey[string] {
	return dictKey(sp.DealFieldStage, func(t *sp.DealTable) []uint32 { return t.Stage }, func(t *sp.DealTable) *sp.Dict { return t.Stages })
}

// PipelineID keys deals by pipeline, like [Pipeline].
func PipelineID() DealKey[string] {
	return dictKey(sp.DealFieldPipeline, func(t *sp.DealTable) []uint32 { return t.Pipeline }, func(t *sp.DealTable) *sp.Dict { return t.Pipelines })
}

// RegionID keys deals by the region recorded on the deal, like
// [Territory]. For the region of the owner's team, use [OrgRegionID].
func RegionID() DealKey[string] {
	return dictKey(sp.DealFieldRegion, func(t *sp.DealTable) []uint32 { return t.Region }, func(t *sp.DealTable) *sp.Dict { return t.Regions })
}

// IndustryID keys deals by industry, like [Industry].
func IndustryID() DealKey[string] {
	return dictKey(sp.DealFieldIndustry, func(t *sp.DealTable) []uint32 { return t.Industry }, func(t *sp.DealTable) *sp.Dict { return t.Industries })
}

// ProductID keys deals by product, like [Product].
func ProductID() DealKey[string] {
	return dictKey(sp.DealFieldProduct, func(t *sp.DealTable) []uint32 { return t.Product }, func(t *sp.DealTable) *sp.Dict { return t.Products })
}

// AccountID keys deals by account, like [Account].
func AccountID() DealKey[string] {
	return dictKey(sp.DealFieldAccount, func(t *sp.DealTable) []uint32 { return t.Account }, func(t *sp.DealTable) *sp.Dict { return t.Accounts })
}

// LostReasonID keys deals by lost reason ("" for deals not lost), like
// [LostReason].
func LostReasonID() DealKey[string] {
	return dictKey(sp.DealFieldLostReason, func(t *sp.DealTable) []uint32 { return t.LostReason }, func(t *sp.DealTable) *sp.Dict { return t.LostReasons })
}

// statusSpace numbers statuses: id = uint8(status), the same in every
// table.
type statusSpace struct{}

// StatusID keys deals by status, like [Status]: id = the status as an
// unsigned byte (256 ids, so that an invalid status is a segment of its
// own, as in the row form).
func StatusID() DealKey[sp.Status] {
	return DealKey[sp.Status]{Needs: sp.DealFieldStatus, Bind: func(t *sp.DealTable) (KeyColumn[sp.DealTable, sp.Status], error) {
		return KeyColumn[sp.DealTable, sp.Status]{
			N: 256,
			IDs: func(t *sp.DealTable, lo int, ids []uint32) {
				for i, s := range t.Status[lo : lo+len(ids)] {
					ids[i] = uint32(uint8(s))
				}
			},
			Key:   func(id uint32) sp.Status { return sp.Status(int8(uint8(id))) },
			Space: statusSpace{},
		}, nil
	}}
}

// cohortNeeds is the field a cohort's date comes from.
func cohortNeeds(c Cohort) sp.DealFields {
	switch c {
	case ByCreated:
		return sp.DealFieldCreated
	case ByClosed:
		return sp.DealFieldClosed
	case ByExpectedClose:
		return sp.DealFieldExpectedClose
	}
	panic("segment: invalid cohort " + c.String())
}

// cohortDays returns the day-number column of cohort c in loc: the created
// or closed days in loc, or the expected close dates ([salesperf.NoDay]
// where the deal has no such date).
func cohortDays(t *sp.DealTable, c Cohort, loc *time.Location) []int32 {
	switch c {
	case ByCreated:
		return t.CreatedDays(loc)
	case ByClosed:
		return t.ClosedDays(loc)
	}
	return t.ExpectedClose
}

// periodSpace is the numbering of period ids: 0 is the zero Period (no
// date), 1+j the j-th period of grain g of cal from the one that starts
// on day start.
type periodSpace struct {
	cal   sp.Calendar
	g     sp.Grain
	start int32
}

// periodTable maps day numbers min … max to period ids: ids[day−min] is
// 1+j for the j-th period from the one containing min; periods[j] is it.
type periodTable struct {
	min     int32
	ids     []uint32
	periods []sp.Period
	space   periodSpace
}

// newPeriodTable builds the table over the days of days that are not
// NoDay: one PeriodOfDate per period, not per day. field names the dates
// in its error.
func newPeriodTable(cal sp.Calendar, g sp.Grain, days []int32, field string) (*periodTable, error) {
	lo, hi := int32(math.MaxInt32), int32(math.MinInt32)
	for _, d := range days {
		if d != sp.NoDay {
			lo, hi = min(lo, d), max(hi, d)
		}
	}
	pt := &periodTable{space: periodSpace{cal: cal, g: g}}
	if lo > hi {
		return pt, nil
	}
	if int64(hi)-int64(lo) >= 1<<23 {
		return nil, fmt.Errorf("segment: period key: %s dates span %d days (from %s to %s), more than a period key handles", field, int64(hi)-int64(lo)+1, sp.DateOfDay(lo), sp.DateOfDay(hi))
	}
	pt.min = lo
	pt.ids = make([]uint32, int(hi-lo)+1)
	for day := int64(lo); day <= int64(hi); {
		p := cal.PeriodOfDate(sp.DateOfDay(int32(day)), g)
		if len(pt.periods) == 0 {
			pt.space.start = sp.DayOf(p.Start)
		}
		pt.periods = append(pt.periods, p)
		end := min(int64(sp.DayOf(p.End)), int64(hi)+1)
		if end <= day { // cannot happen for a valid calendar; never loop for ever
			end = day + 1
		}
		id := uint32(len(pt.periods))
		for ; day < end; day++ {
			pt.ids[day-int64(lo)] = id
		}
	}
	return pt, nil
}

func (pt *periodTable) fill(days []int32, ids []uint32) {
	for i, d := range days {
		if d == sp.NoDay {
			ids[i] = 0
		} else {
			ids[i] = pt.ids[d-pt.min]
		}
	}
}

func (pt *periodTable) key(id uint32) sp.Period {
	if id == 0 {
		return sp.Period{}
	}
	return pt.periods[id-1]
}

func checkPeriodKey(cal sp.Calendar, g sp.Grain) {
	if g < sp.Day || g > sp.Year {
		panic("segment: invalid grain " + g.String())
	}
	if err := cal.Validate(); err != nil {
		panic("segment: " + err.Error())
	}
}

// PeriodID keys deals by the period of grain g of calendar cal that holds
// their cohort date, like [Period](cal, g, c): id 0 is the zero Period
// (deals without the date: open deals by close date, deals without an
// expected close date), id 1+j the j-th period from the one holding the
// table's earliest such date. The created and closed days are those of
// the instants in cal's location (DealTable.CreatedDays, ClosedDays),
// the expected close day the date itself. Binding builds a day → id table
// over the table's earliest to latest day once (one
// Calendar.PeriodOfDate per period), so that a row costs one array read;
// it fails when the dates span more than 8,388,608 days (23,000 years).
// It panics on an invalid grain, cohort or calendar, as Period does.
func PeriodID(cal sp.Calendar, g sp.Grain, c Cohort) DealKey[sp.Period] {
	c.check()
	checkPeriodKey(cal, g)
	return DealKey[sp.Period]{Needs: cohortNeeds(c), Bind: func(t *sp.DealTable) (KeyColumn[sp.DealTable, sp.Period], error) {
		days := cohortDays(t, c, cal.Location)
		pt, err := newPeriodTable(cal, g, days, c.String())
		if err != nil {
			return KeyColumn[sp.DealTable, sp.Period]{}, err
		}
		return KeyColumn[sp.DealTable, sp.Period]{
			N:     len(pt.periods) + 1,
			IDs:   func(_ *sp.DealTable, lo int, ids []uint32) { pt.fill(days[lo:lo+len(ids)], ids) },
			Key:   pt.key,
			Space: pt.space,
		}, nil
	}}
}

// orgSpans is an org chart field (manager, team or region) by rep id and
// day, as sorted spans: rep r's spans are from/id[start[r]:start[r+1]],
// span k holding from day from[k] until the next span's day; names[id] is
// the field's value ("" for no membership).
type orgSpans struct {
	start []uint32
	from  []int32
	id    []uint32
	names []string
}

// lookup returns the id of rep r's field on day.
func (o *orgSpans) lookup(r uint32, day int32) uint32 {
	lo, hi := o.start[r], o.start[r+1]
	if hi-lo == 1 {
		return o.id[lo]
	}
	// The last span whose from ≤ day; spans start at the first day the rep
	// has, so there is one.
	k := lo + uint32(sort.Search(int(hi-lo), func(k int) bool { return o.from[lo+uint32(k)] > day })) - 1
	return o.id[k]
}

// newOrgSpans asks org, through Org.On only, for the field of every rep
// id in reps (a bitmap over rep ids 0 … nReps−1) on every day of days
// (sorted, distinct): a membership found on day x holds until its Until,
// so the days before it are skipped; a day with no membership is probed
// day by day. The answers on these days are exactly Org.On's.
func newOrgSpans(org *sp.Org, repName func(uint32) string, nReps int, reps []bool, days []int32, field func(sp.Membership) string) *orgSpans {
	o := &orgSpans{start: make([]uint32, nReps+1)}
	ids := map[string]uint32{}
	intern := func(s string) uint32 {
		id, ok := ids[s]
		if !ok {
			id = uint32(len(o.names))
			ids[s] = id
			o.names = append(o.names, s)
		}
		return id
	}
	inOrg := map[string]bool{}
	for _, p := range org.People() {
		inOrg[p] = true
	}
	empty := intern("")
	for r := range nReps {
		o.start[r] = uint32(len(o.from))
		if !reps[r] || len(days) == 0 {
			o.from, o.id = append(o.from, math.MinInt32), append(o.id, empty)
			continue
		}
		name := repName(uint32(r))
		if !inOrg[name] {
			o.from, o.id = append(o.from, math.MinInt32), append(o.id, empty)
			continue
		}
		first := len(o.from)
		add := func(day int32, id uint32) {
			if len(o.from) > first && o.id[len(o.id)-1] == id {
				return
			}
			o.from, o.id = append(o.from, day), append(o.id, id)
		}
		for i := 0; i < len(days); {
			x := days[i]
			m, ok := org.On(name, sp.DateOfDay(x))
			if !ok {
				add(x, empty)
				i++
				continue
			}
			add(x, intern(field(m)))
			if m.Until.IsZero() {
				break
			}
			// The days m covers as Org.On compares dates (field by field, so
			// that an Until such as 2026-03-00 ends after 02-28, not on it as
			// its day number would say): x and every later day before Until.
			i += sort.Search(len(days)-i, func(k int) bool { return !sp.DateOfDay(days[i+k]).Before(m.Until) })
		}
		o.from[first] = math.MinInt32
	}
	o.start[nReps] = uint32(len(o.from))
	return o
}

// distinctDays returns the sorted distinct days of days other than NoDay.
func distinctDays(days []int32) []int32 {
	lo, hi := int32(math.MaxInt32), int32(math.MinInt32)
	for _, d := range days {
		if d != sp.NoDay {
			lo, hi = min(lo, d), max(hi, d)
		}
	}
	if lo > hi {
		return nil
	}
	if int64(hi)-int64(lo) > 1<<26 {
		out := slices.Clone(days)
		out = slices.DeleteFunc(out, func(d int32) bool { return d == sp.NoDay })
		slices.Sort(out)
		return slices.Compact(out)
	}
	set := make([]uint64, (int64(hi)-int64(lo))/64+1)
	for _, d := range days {
		if d != sp.NoDay {
			k := d - lo
			set[k/64] |= 1 << (k % 64)
		}
	}
	var out []int32
	for w, b := range set {
		for b != 0 {
			k := int32(w*64) + int32(bits.TrailingZeros64(b))
			out = append(out, lo+k)
			b &= b - 1
		}
	}
	return out
}

// orgKey is ManagerID, TeamID and OrgRegionID.
func orgKey(org *sp.Org, loc *time.Location, c Cohort, field func(sp.Membership) string) DealKey[string] {
	c.check()
	if loc == nil {
		loc = time.UTC
	}
	// The day a deal with neither its cohort date nor a created date is
	// credited on: the row form's DateOf(time.Time{}.In(loc)).
	zeroDay := sp.DayOf(sp.DateOf(time.Time{}.In(loc)))
	return DealKey[string]{Needs: sp.DealFieldOwner | sp.DealFieldCreated | cohortNeeds(c), Bind: func(t *sp.DealTable) (KeyColumn[sp.DealTable, string], error) {
		cohort, created := cohortDays(t, c, loc), t.CreatedDays(loc)
		day := func(i int) int32 {
			if d := cohort[i]; d != sp.NoDay {
				return d
			}
			if d := created[i]; d != sp.NoDay {
				return d
			}
			return zeroDay
		}
		nReps := t.Reps.Len()
		reps := make([]bool, nReps)
		all := make([]int32, t.Len())
		for i, r := range t.Owner {
			reps[r] = true
			all[i] = day(i)
		}
		spans := newOrgSpans(org, t.Reps.Name, nReps, reps, distinctDays(all), field)
		return KeyColumn[sp.DealTable, string]{
			N: len(spans.names),
			IDs: func(t *sp.DealTable, lo int, ids []uint32) {
				for i, r := range t.Owner[lo : lo+len(ids)] {
					ids[i] = spans.lookup(r, day(lo+i))
				}
			},
			Key: func(id uint32) string { return spans.names[id] },
		}, nil
	}}
}

// ManagerID keys deals by their owner's manager as of the deal's cohort
// date in loc, like [Manager](org, loc, c): a deal without the cohort date
// is credited as of its created date, and a deal whose owner has no
// membership that day gets the key "". Binding asks the org, once per
// owner and membership (and per day of a gap between memberships), for
// the spans of days each owner's manager holds; a row then costs a search
// among its owner's few spans, with no string work. It panics on an
// invalid cohort.
func ManagerID(org *sp.Org, loc *time.Location, c Cohort) DealKey[string] {
	return orgKey(org, loc, c, func(m sp.Membership) string { return m.Manager })
}

// TeamID keys deals by their owner's team as of the deal's cohort date,
// like [Team], as [ManagerID] does for the manager.
func TeamID(org *sp.Org, loc *time.Location, c Cohort) DealKey[string] {
	return orgKey(org, loc, c, func(m sp.Membership) string { return m.Team })
}

// OrgRegionID keys deals by their owner's region in the org chart as of
// the deal's cohort date, like [Region], as [ManagerID] does for the
// manager. For the region recorded on the deal, use [RegionID].
func OrgRegionID(org *sp.Org, loc *time.Location, c Cohort) DealKey[string] {
	return orgKey(org, loc, c, func(m sp.Membership) string { return m.Region })
}

// RepID keys activities by rep, like [Rep]: the table's Rep column, ids in
// its Reps Dict (shared with a deal table's owners when made so).
func RepID() ActivityKey[string] {
	return ActivityKey[string]{Needs: sp.ActivityFieldRep, Bind: func(t *sp.ActivityTable) (KeyColumn[sp.ActivityTable, string], error) {
		return KeyColumn[sp.ActivityTable, string]{
			N:      t.Reps.Len(),
			IDs:    func(t *sp.ActivityTable, lo int, ids []uint32) { copyIDs(t.Rep, lo, ids) },
			Key:    t.Reps.Name,
			Space:  t.Reps,
			Column: func(t *sp.ActivityTable) []uint32 { return t.Rep },
		}, nil
	}}
}

// ActivityPeriodID keys activities by the period of grain g of calendar
// cal that holds their At, like [ActivityPeriod](cal, g): id 0 is the zero
// Period (no time), id 1+j the j-th period from the one holding the
// earliest activity, through a day → id table built once, as [PeriodID].
// It panics on an invalid grain or calendar.
func ActivityPeriodID(cal sp.Calendar, g sp.Grain) ActivityKey[sp.Period] {
	checkPeriodKey(cal, g)
	return ActivityKey[sp.Period]{Needs: sp.ActivityFieldAt, Bind: func(t *sp.ActivityTable) (KeyColumn[sp.ActivityTable, sp.Period], error) {
		days := t.Days(cal.Location)
		pt, err := newPeriodTable(cal, g, days, "at")
		if err != nil {
			return KeyColumn[sp.ActivityTable, sp.Period]{}, err
		}
		return KeyColumn[sp.ActivityTable, sp.Period]{
			N:     len(pt.periods) + 1,
			IDs:   func(_ *sp.ActivityTable, lo int, ids []uint32) { pt.fill(days[lo:lo+len(ids)], ids) },
			Key:   pt.key,
			Space: pt.space,
		}, nil
	}}
}

// KindID keys activities by kind as a report prints it, like [Kind]
// (Activity.KindName): one id per distinct name, so that a custom kind
// named like a built-in one shares its segment. A row reads its kind; only
// a CustomKind row looks up its name.
func KindID() ActivityKey[string] {
	return ActivityKey[string]{Needs: sp.ActivityFieldKind, Bind: func(t *sp.ActivityTable) (KeyColumn[sp.ActivityTable, string], error) {
		var names []string
		index := map[string]uint32{}
		intern := func(s string) uint32 {
			id, ok := index[s]
			if !ok {
				id = uint32(len(names))
				index[s] = id
				names = append(names, s)
			}
			return id
		}
		var byKind [256]uint32
		for k := range byKind {
			byKind[k] = intern(sp.ActivityKind(int8(uint8(k))).String())
		}
		custom := make([]uint32, t.CustomKinds.Len())
		for c := range custom {
			custom[c] = intern(t.CustomKinds.Name(uint32(c)))
		}
		none := intern("")
		return KeyColumn[sp.ActivityTable, string]{
			N: len(names),
			IDs: func(t *sp.ActivityTable, lo int, ids []uint32) {
				for i, k := range t.Kind[lo : lo+len(ids)] {
					if k != sp.CustomKind {
						ids[i] = byKind[uint8(k)]
					} else if c, ok := t.CustomKind[lo+i]; ok {
						ids[i] = custom[c]
					} else {
						ids[i] = none
					}
				}
			},
			Key: func(id uint32) string { return names[id] },
		}, nil
	}}
}

// pairSpace numbers pair ids as a·nb + b.
type pairSpace struct {
	a, b any
	nb   int
}

// twoColumns combines two bound keys: id = a·Nb + b, Skip when either is.
func twoColumns[T any, A, B comparable](ka KeyColumn[T, A], kb KeyColumn[T, B]) (KeyColumn[T, Key2[A, B]], error) {
	n := uint64(ka.N) * uint64(kb.N)
	if n >= uint64(metrics.Skip) {
		return KeyColumn[T, Key2[A, B]]{}, fmt.Errorf("segment: a pair of keys with %d × %d ids has more than 2³²−1 ids", ka.N, kb.N)
	}
	nb := uint32(kb.N)
	var space any
	if ka.Space != nil && kb.Space != nil {
		space = pairSpace{ka.Space, kb.Space, kb.N}
	}
	return KeyColumn[T, Key2[A, B]]{
		N: int(n),
		IDs: func(t *T, lo int, ids []uint32) {
			ka.IDs(t, lo, ids)
			var buf [batchRows]uint32
			for start := 0; start < len(ids); start += batchRows {
				part := ids[start:min(start+batchRows, len(ids))]
				b := buf[:len(part)]
				kb.IDs(t, lo+start, b)
				for i, a := range part {
					if a == metrics.Skip || b[i] == metrics.Skip {
						part[i] = metrics.Skip
					} else {
						part[i] = a*nb + b[i]
					}
				}
			}
		},
		Key:   func(id uint32) Key2[A, B] { return Key2[A, B]{ka.Key(id / nb), kb.Key(id % nb)} },
		Space: space,
	}, nil
}

// TwoID combines two deal keys into one, like [Two]: TwoID(OwnerID(),
// PeriodID(cal, Month, ByClosed)) segments by rep and month of close. The
// pair of ids a, b is the id a·Nb + b; binding fails when Na·Nb ≥ 2³²−1.
func TwoID[A, B comparable](a DealKey[A], b DealKey[B]) DealKey[Key2[A, B]] {
	return DealKey[Key2[A, B]]{Needs: a.Needs | b.Needs, Bind: func(t *sp.DealTable) (KeyColumn[sp.DealTable, Key2[A, B]], error) {
		ka, err := a.Bind(t)
		if err != nil {
			return KeyColumn[sp.DealTable, Key2[A, B]]{}, err
		}
		kb, err := b.Bind(t)
		if err != nil {
			return KeyColumn[sp.DealTable, Key2[A, B]]{}, err
		}
		return twoColumns(ka, kb)
	}}
}

// TwoActivityID combines two activity keys into one, as [TwoID] does for
// deals: TwoActivityID(RepID(), KindID()) segments by rep and kind.
func TwoActivityID[A, B comparable](a ActivityKey[A], b ActivityKey[B]) ActivityKey[Key2[A, B]] {
	return ActivityKey[Key2[A, B]]{Needs: a.Needs | b.Needs, Bind: func(t *sp.ActivityTable) (KeyColumn[sp.ActivityTable, Key2[A, B]], error) {
		ka, err := a.Bind(t)
		if err != nil {
			return KeyColumn[sp.ActivityTable, Key2[A, B]]{}, err
		}
		kb, err := b.Bind(t)
		if err != nil {
			return KeyColumn[sp.ActivityTable, Key2[A, B]]{}, err
		}
		return twoColumns(ka, kb)
	}}
}

// activityOrgKey is RepManagerID, RepTeamID and RepRegionID.
func activityOrgKey(org *sp.Org, loc *time.Location, field func(sp.Membership) string) ActivityKey[string] {
	if loc == nil {
		loc = time.UTC
	}
	return ActivityKey[string]{Needs: sp.ActivityFieldRep | sp.ActivityFieldAt, Bind: func(t *sp.ActivityTable) (KeyColumn[sp.ActivityTable, string], error) {
		days := t.Days(loc)
		nReps := t.Reps.Len()
		reps := make([]bool, nReps)
		for _, r := range t.Rep {
			reps[r] = true
		}
		spans := newOrgSpans(org, t.Reps.Name, nReps, reps, distinctDays(days), field)
		// newOrgSpans interns "" first: id 0 is the key of an activity
		// without a time.
		return KeyColumn[sp.ActivityTable, string]{
			N: len(spans.names),
			IDs: func(t *sp.ActivityTable, lo int, ids []uint32) {
				for i, r := range t.Rep[lo : lo+len(ids)] {
					if d := days[lo+i]; d == sp.NoDay {
						ids[i] = 0
					} else {
						ids[i] = spans.lookup(r, d)
					}
				}
			},
			Key: func(id uint32) string { return spans.names[id] },
		}, nil
	}}
}

// RepManagerID keys activities by their rep's manager as of the day of At
// in loc (nil means UTC), like [RepManager]: "" for an activity without a
// time or whose rep has no membership that day. Binding finds each rep's
// membership spans once, as [ManagerID] does; a row costs a search among
// its rep's few spans.
func RepManagerID(org *sp.Org, loc *time.Location) ActivityKey[string] {
	return activityOrgKey(org, loc, func(m sp.Membership) string { return m.Manager })
}

// RepTeamID keys activities by their rep's team as of the day of At, like
// [RepTeam], as [RepManagerID] does for the manager.
func RepTeamID(org *sp.Org, loc *time.Location) ActivityKey[string] {
	return activityOrgKey(org, loc, func(m sp.Membership) string { return m.Team })
}

// RepRegionID keys activities by their rep's region in the org chart as
// of the day of At, like [RepRegion], as [RepManagerID] does for the
// manager.
func RepRegionID(org *sp.Org, loc *time.Location) ActivityKey[string] {
	return activityOrgKey(org, loc, func(m sp.Membership) string { return m.Region })
}
