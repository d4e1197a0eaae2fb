package scorecard

// PROTOTYPE of the columnar batch form proposed in docs/performance.md.
// Nothing here is library API: it exists to measure the design before the
// library adopts it. The names are the ones the proposal uses.

import (
	"os"
	"path/filepath"
	"sync"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/bench/gen"
	"github.com/salesperf/salesperf/csvimport"
	"github.com/salesperf/salesperf/metrics"
	"github.com/shopspring/decimal"
)

// Dict interns strings to dense ids 0, 1, 2… in order of first sight.
type Dict struct {
	ids   map[string]uint32
	names []string
}

// ID returns the id of s, interning it if new.
func (d *Dict) ID(s string) uint32 {
	if id, ok := d.ids[s]; ok {
		return id
	}
	if d.ids == nil {
		d.ids = make(map[string]uint32)
	}
	s = string(append([]byte(nil), s...)) // do not keep the CSV row alive
	id := uint32(len(d.names))
	d.ids[s] = id
	d.names = append(d.names, s)
	return id
}

// Name returns the string of id; Len the number of ids.
func (d *Dict) Name(id uint32) string { return d.names[id] }

// Len returns the number of strings interned.
func (d *Dict) Len() int { return len(d.names) }

// DealTable holds deals as columns: one slice per field, row i of every
// slice is deal i. Keys are dense ids into a Dict; amounts are int64 minor
// units of Currency (the prototype holds one currency; the design has a
// currency id column and a spill for amounts outside int64); dates are day
// numbers (days since 1970-01-01 in UTC).
type DealTable struct {
	Reps     *Dict
	Owner    []uint32
	Status   []sp.Status
	Amount   []int64
	Currency sp.Currency
	Created  []int32
	Closed   []int32 // 0 for an open deal
}

// Len returns the number of deals.
func (t *DealTable) Len() int { return len(t.Owner) }

// ActivityTable holds activities as columns; Rep ids are in the Dict the
// deals use, so that one rep is one id on both.
type ActivityTable struct {
	Reps *Dict
	Rep  []uint32
	Kind []sp.ActivityKind
}

// Len returns the number of activities.
func (t *ActivityTable) Len() int { return len(t.Rep) }

// BatchAggregator is the columnar form of metrics.Aggregator: AddBatch
// folds rows [lo, lo+len(keys)) of a table into states[keys[i]], reading
// only the columns it needs. One indirect call per batch, not per record;
// the states of a segment are a slice indexed by dense key id, not a map.
type BatchAggregator[Tab, S, R any] struct {
	AddBatch func(states []S, keys []uint32, t *Tab, lo int)
	Merge    func(dst, src *S)
	Result   func(s *S) R
}

// batchSize is the rows per AddBatch call: small enough for the keys and
// the columns' slices to stay in L1.
const batchSize = 1024

// FoldDense folds rows [lo, hi) of t into n states, one per key id that
// key writes for each row. key fills the ids of a batch (a column view,
// or a computed key such as a month number).
func FoldDense[Tab, S, R any](t *Tab, lo, hi, n int, key func(t *Tab, lo int, ids []uint32), a BatchAggregator[Tab, S, R]) []S {
	states := make([]S, n)
	var buf [batchSize]uint32
	for i := lo; i < hi; i += batchSize {
		ids := buf[:min(batchSize, hi-i)]
		key(t, i, ids)
		a.AddBatch(states, ids, t, i)
	}
	return states
}

// MinorSum is the exact won amount of the prototype: int64 minor units of
// one currency, spilling to a salesperf.Sum when the int64 would overflow
// (the "AddMinor fast path" the design gives salesperf.Sum).
type MinorSum struct {
	Minor int64
	Spill sp.Sum
}

// AddMinor adds x minor units of cur.
func (s *MinorSum) AddMinor(x int64, cur sp.Currency) {
	r := s.Minor + x
	if (s.Minor^r)&(x^r) < 0 { // overflow
		s.Spill.Add(sp.NewMoney(s.Minor, cur))
		r = x
	}
	s.Minor = r
}

// Merge adds o.
func (s *MinorSum) Merge(o *MinorSum, cur sp.Currency) {
	s.AddMinor(o.Minor, cur)
	s.Spill.Merge(&o.Spill)
}

// Sum returns the total as a salesperf.Sum.
func (s *MinorSum) Sum(cur sp.Currency) sp.Sum {
	out := s.Spill.Clone()
	out.Add(sp.NewMoney(s.Minor, cur))
	return out
}

// dealColState is the per-segment state of the prototype's deal scorecard:
// the library's own exact states (DealCounts, Histogram) plus MinorSum.
type dealColState struct {
	Counts metrics.DealCounts
	Won    MinorSum
	Cycle  metrics.Histogram
}

// dealScorecardBatch counts deals by status, sums won amounts and records
// won deals' cycles, reading the Status, Amount, Created and Closed columns.
func dealScorecardBatch() BatchAggregator[DealTable, dealColState, dealColState] {
	return BatchAggregator[DealTable, dealColState, dealColState]{
		AddBatch: func(states []dealColState, keys []uint32, t *DealTable, lo int) {
			status := t.Status[lo : lo+len(keys)]
			amount := t.Amount[lo : lo+len(keys)]
			created, closed := t.Created[lo:lo+len(keys)], t.Closed[lo:lo+len(keys)]
			for i, k := range keys {
				s := &states[k]
				s.Counts.Deals++
				switch status[i] {
				case sp.Won:
					s.Counts.Won++
					s.Won.AddMinor(amount[i], t.Currency)
					s.Cycle.Add(int64(closed[i] - created[i]))
				case sp.Lost:
					s.Counts.Lost++
				case sp.Open:
					s.Counts.Open++
				}
			}
		},
		Merge: func(dst, src *dealColState) {
			dst.Counts.Deals += src.Counts.Deals
			dst.Counts.Won += src.Counts.Won
			dst.Counts.Lost += src.Counts.Lost
			dst.Counts.Open += src.Counts.Open
			dst.Won.Merge(&src.Won, "USD")
			dst.Cycle.Merge(&src.Cycle)
		},
		Result: func(s *dealColState) dealColState { return *s },
	}
}

// wonAmountBatch sums the amounts of won deals (for the months).
func wonAmountBatch() BatchAggregator[DealTable, MinorSum, MinorSum] {
	return BatchAggregator[DealTable, MinorSum, MinorSum]{
		AddBatch: func(states []MinorSum, keys []uint32, t *DealTable, lo int) {
			status, amount := t.Status[lo:lo+len(keys)], t.Amount[lo:lo+len(keys)]
			for i, k := range keys {
				if status[i] == sp.Won {
					states[k].AddMinor(amount[i], t.Currency)
				}
			}
		},
		Merge:  func(dst, src *MinorSum) { dst.Merge(src, "USD") },
		Result: func(s *MinorSum) MinorSum { return *s },
	}
}

// activityCountsBatch counts activities per kind into the library's
// KindCounts (built-in kinds only in the prototype).
func activityCountsBatch() BatchAggregator[ActivityTable, metrics.KindCounts, metrics.KindCounts] {
	return BatchAggregator[ActivityTable, metrics.KindCounts, metrics.KindCounts]{
		AddBatch: func(states []metrics.KindCounts, keys []uint32, t *ActivityTable, lo int) {
			kind := t.Kind[lo : lo+len(keys)]
			for i, k := range keys {
				if kk := kind[i]; kk >= sp.Call && kk <= sp.Task {
					states[k].Kinds[kk-1]++
				} else {
					states[k].Invalid++
				}
			}
		},
		Merge:  addKinds,
		Result: func(s *metrics.KindCounts) metrics.KindCounts { return *s },
	}
}

// dealOwner and activityRep are the key columns as batch keys.
func dealOwner(t *DealTable, lo int, ids []uint32)       { copy(ids, t.Owner[lo:]) }
func activityRep(t *ActivityTable, lo int, ids []uint32) { copy(ids, t.Rep[lo:]) }
func (c *ColumnarData) monthOfClose(t *DealTable, lo int, ids []uint32) {
	for i := range ids {
		if d := t.Closed[lo+i]; d >= c.minClosed && d <= c.maxClosed {
			ids[i] = uint32(c.monthOf[d-c.minClosed]) + 1
		} else {
			ids[i] = 0 // open deals: month 0, "no close"
		}
	}
}

// ColumnarData is the prototype's data: the two tables, built from the
// records the csvimport readers stream (no []salesperf.Deal is kept), and
// the org as dense arrays over the rep ids.
type ColumnarData struct {
	Deals      DealTable
	Activities ActivityTable
	Org        *sp.Org

	minClosed, maxClosed int32
	monthOf              []int32 // day − minClosed → month index from minClosed's month
}

// LoadColumnar streams the files through the csvimport readers, as
// LoadAPI does, but appends each record's fields to the tables' columns
// instead of keeping the record.
func LoadColumnar(dir string) (*ColumnarData, error) {
	var rejected int
	r := csvimport.Reader{Mapping: gen.Mapping(), Reject: func(csvimport.Rejected) { rejected++ }}
	c := &ColumnarData{minClosed: 1 << 30, maxClosed: -1 << 30}
	reps := &Dict{}
	c.Deals = DealTable{Reps: reps, Currency: "USD"}
	c.Activities = ActivityTable{Reps: reps}
	var ms []sp.Membership
	err := readFile(filepath.Join(dir, gen.OrgFile), func(f *os.File) error {
		seq, err := r.Memberships(f)
		if err != nil {
			return err
		}
		for m := range seq {
			ms = append(ms, m)
		}
		return r.Err()
	})
	if err == nil {
		c.Org, err = sp.NewOrg(ms)
	}
	if err == nil {
		err = readFile(filepath.Join(dir, gen.DealsFile), func(f *os.File) error {
			seq, err := r.Deals(f)
			if err != nil {
				return err
			}
			t := &c.Deals
			for d := range seq {
				minor, _ := d.Amount.Minor()
				t.Owner = append(t.Owner, reps.ID(d.Owner))
				t.Status = append(t.Status, d.Status)
				t.Amount = append(t.Amount, minor)
				t.Created = append(t.Created, dayNumber(d.Created.Unix()))
				var closed int32
				if d.IsClosed() {
					closed = dayNumber(d.Closed.Unix())
					c.minClosed, c.maxClosed = min(c.minClosed, closed), max(c.maxClosed, closed)
				}
				t.Closed = append(t.Closed, closed)
			}
			return r.Err()
		})
	}
	if err == nil {
		err = readFile(filepath.Join(dir, gen.ActivitiesFile), func(f *os.File) error {
			seq, err := r.Activities(f)
			if err != nil {
				return err
			}
			t := &c.Activities
			for a := range seq {
				t.Rep = append(t.Rep, reps.ID(a.Rep))
				t.Kind = append(t.Kind, a.Kind)
			}
			return r.Err()
		})
	}
	if err == nil && rejected > 0 {
		err = errFormat
	}
	if err != nil {
		return nil, err
	}
	td := TunedData{MinClosed: c.minClosed, MaxClosed: c.maxClosed}
	c.monthOf = td.monthTable()
	return c, nil
}

// dayNumber returns the UTC day number of a Unix time.
func dayNumber(unix int64) int32 {
	d := unix / 86400
	if unix < 0 && unix%86400 != 0 {
		d--
	}
	return int32(d)
}

// colStates are one worker's dense states.
type colStates struct {
	deals  []dealColState
	months []MinorSum
	acts   []metrics.KindCounts
}

func (c *ColumnarData) fold(deals, acts [2]int) colStates {
	nMonths := 1
	if len(c.monthOf) > 0 {
		nMonths = int(c.monthOf[len(c.monthOf)-1]) + 2
	}
	n := c.Deals.Reps.Len()
	return colStates{
		deals:  FoldDense(&c.Deals, deals[0], deals[1], n, dealOwner, dealScorecardBatch()),
		months: FoldDense(&c.Deals, deals[0], deals[1], nMonths, c.monthOfClose, wonAmountBatch()),
		acts:   FoldDense(&c.Activities, acts[0], acts[1], n, activityRep, activityCountsBatch()),
	}
}

// Compute computes the scorecard with dense states: FoldDense of the deal
// table by owner id and by month of close, of the activity table by rep id.
func (c *ColumnarData) Compute() Scorecard { return c.ComputeWorkers(1) }

// ComputeWorkers computes the scorecard with n goroutines over contiguous
// row ranges and merges the dense states slot by slot. It panics if n < 1.
func (c *ColumnarData) ComputeWorkers(n int) Scorecard {
	if n < 1 {
		panic("scorecard: workers < 1")
	}
	parts := make([]colStates, n)
	var wg sync.WaitGroup
	for w := range n {
		deals := [2]int{c.Deals.Len() * w / n, c.Deals.Len() * (w + 1) / n}
		acts := [2]int{c.Activities.Len() * w / n, c.Activities.Len() * (w + 1) / n}
		if n == 1 {
			parts[w] = c.fold(deals, acts)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[w] = c.fold(deals, acts)
		}()
	}
	wg.Wait()
	da, wa := dealScorecardBatch(), wonAmountBatch()
	all := parts[0]
	for _, p := range parts[1:] {
		for i := range all.deals {
			da.Merge(&all.deals[i], &p.deals[i])
		}
		for i := range all.months {
			wa.Merge(&all.months[i], &p.months[i])
		}
		for i := range all.acts {
			for k := range all.acts[i].Kinds {
				all.acts[i].Kinds[k] += p.acts[i].Kinds[k]
			}
			all.acts[i].Invalid += p.acts[i].Invalid
		}
	}
	return c.present(all)
}

// present rolls the dense rep states up to managers and regions (dense
// too: a parent id per child id) and builds the Scorecard.
func (c *ColumnarData) present(st colStates) Scorecard {
	day := sp.Date{Year: 2024, Month: 1, Day: 1}
	reps := c.Deals.Reps
	managers, regions := &Dict{}, &Dict{}
	managerOf := make([]uint32, reps.Len())
	regionOf := []uint32{}
	for r := range reps.Len() {
		m, _ := c.Org.On(reps.Name(uint32(r)), day)
		managerOf[r] = managers.ID(m.Manager)
		if int(managerOf[r]) == len(regionOf) {
			regionOf = append(regionOf, regions.ID(m.Region))
		}
	}
	da := dealScorecardBatch()
	mDeals, mActs := make([]dealColState, managers.Len()), make([]metrics.KindCounts, managers.Len())
	gDeals, gActs := make([]dealColState, regions.Len()), make([]metrics.KindCounts, regions.Len())
	for r := range st.deals {
		m := managerOf[r]
		da.Merge(&mDeals[m], &st.deals[r])
		addKinds(&mActs[m], &st.acts[r])
	}
	for m := range mDeals {
		g := regionOf[m]
		da.Merge(&gDeals[g], &mDeals[m])
		addKinds(&gActs[g], &mActs[m])
	}
	sc := Scorecard{Rep: colLines(reps, st.deals, st.acts), Manager: colLines(managers, mDeals, mActs), Region: colLines(regions, gDeals, gActs), Month: map[string]int64{}}
	if len(c.monthOf) > 0 {
		y0, m0, _ := civil(int64(c.minClosed))
		for i, s := range st.months[1:] {
			if s.Minor != 0 {
				mi := m0 - 1 + i
				sc.Month[monthKey(y0+mi/12, mi%12+1)] = s.Minor
			}
		}
	}
	return sc
}

func addKinds(dst, src *metrics.KindCounts) {
	for k := range dst.Kinds {
		dst.Kinds[k] += src.Kinds[k]
	}
	dst.Invalid += src.Invalid
}

func colLines(names *Dict, deals []dealColState, acts []metrics.KindCounts) map[string]Line {
	out := make(map[string]Line, names.Len())
	for i := range deals {
		s := &deals[i]
		won := s.Won.Sum("USD")
		l := Line{Created: s.Counts.Deals, Won: s.Counts.Won, Lost: s.Counts.Lost, WonCents: apiCents(&won), CycleDays: s.Cycle.Sum(), AvgWon: "–", MeanCycle: "–"}
		if avg, ok, err := (metrics.Average{Total: won, N: s.Counts.Won}).Value(sp.RoundHalfUp); err != nil {
			l.AvgWon = err.Error()
		} else if ok {
			l.AvgWon = avg.String()
		}
		if n := s.Cycle.N(); n > 0 {
			l.MeanCycle = sp.RoundHalfUp.Quo(decimal.NewFromInt(s.Cycle.Sum()), decimal.NewFromInt(n), 2).StringFixed(2)
		}
		for k, kind := range gen.Kinds {
			l.Kinds[k] = acts[i].Of(kind)
		}
		out[names.Name(uint32(i))] = l
	}
	return out
}
