package scorecard

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/bench/gen"
	"github.com/salesperf/salesperf/csvimport"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// TableData is the data as the library's columnar form holds it: a
// salesperf.DealTable and an ActivityTable holding only the fields the
// scorecard reads, filled by csvimport's table readers, sharing one Dict
// of reps; and the org chart.
type TableData struct {
	Deals      *sp.DealTable
	Activities *sp.ActivityTable
	Org        *sp.Org
}

// The fields the scorecard reads.
const (
	tableDealFields     = sp.DealFieldOwner | sp.DealFieldStatus | sp.DealFieldAmount | sp.DealFieldCreated | sp.DealFieldClosed
	tableActivityFields = sp.ActivityFieldRep | sp.ActivityFieldKind
)

// LoadTable reads the files of gen.Write in dir with csvimport's
// Reader.DealTable and Reader.ActivityTable (gen.Mapping), then builds the
// deal table's created and closed day numbers in UTC
// (DealTable.CreatedDays, ClosedDays), which the aggregation reads. Any
// rejected row is an error: the generated data is valid.
func LoadTable(dir string) (*TableData, error) {
	var rejects []error
	r := csvimport.Reader{Mapping: gen.Mapping(), Reject: func(rj csvimport.Rejected) {
		if len(rejects) < 5 {
			rejects = append(rejects, rj.Err)
		}
	}}
	reps := &sp.Dict{}
	d := &TableData{
		Deals:      sp.NewDealTable(tableDealFields, reps),
		Activities: sp.NewActivityTable(tableActivityFields, reps, nil),
	}
	err := readFile(filepath.Join(dir, gen.OrgFile), func(f *os.File) error {
		seq, err := r.Memberships(f)
		if err != nil {
			return err
		}
		d.Org, err = sp.NewOrg(slices.Collect(seq))
		if err == nil {
			err = r.Err()
		}
		return err
	})
	if err == nil {
		err = readFile(filepath.Join(dir, gen.DealsFile), func(f *os.File) error { return r.DealTable(f, d.Deals) })
	}
	if err == nil {
		err = readFile(filepath.Join(dir, gen.ActivitiesFile), func(f *os.File) error { return r.ActivityTable(f, d.Activities) })
	}
	if err == nil && len(rejects) > 0 {
		err = fmt.Errorf("scorecard: rejected rows: %w", errors.Join(rejects...))
	}
	if err != nil {
		return nil, err
	}
	// The day numbers the aggregation reads (the sales cycle, the month of
	// close), which the table computes once and keeps: built here, as the
	// tuned loader parses its day numbers, so that the load time and the
	// data in memory count them rather than the first aggregation.
	d.Deals.CreatedDays(nil)
	d.Deals.ClosedDays(nil)
	return d, nil
}

// tableStates are the dense states of one computation.
type tableStates struct {
	deals  *segment.Dense[string, dealState]
	months *segment.Dense[sp.Period, sp.Sum]
	acts   *segment.Dense[string, metrics.KindCounts]
}

// wonAmount is the amount of won deals, with its column form (a
// WhereDeals filter keeps it, where metrics.Filter of records would not
// apply to a table).
func wonAmount() metrics.Aggregator[*sp.Deal, sp.Sum, sp.Sum] {
	return metrics.WhereDeals(metrics.Amount(), metrics.StatusIn(sp.Won))
}

func (d *TableData) fold(n int) (tableStates, error) {
	var st tableStates
	var err error
	if st.deals, err = segment.FoldTableN(d.Deals, segment.OwnerID(), dealCard(), n); err != nil {
		return st, err
	}
	if st.months, err = segment.FoldTableN(d.Deals, segment.PeriodID(sp.Calendar{}, sp.Month, segment.ByClosed), wonAmount(), n); err != nil {
		return st, err
	}
	st.acts, err = segment.FoldActivitiesN(d.Activities, segment.RepID(), metrics.ActivityCounts(), n)
	return st, err
}

// Compute computes the scorecard in one goroutine: segment.FoldTable of
// the deal table by owner id with Counts, WonAmount and SalesCycle
// (metrics.Both, through their column forms), of the won deals by month
// of close, and segment.FoldActivities of the activity table by rep id
// with ActivityCounts; then segment.RollupIDs from rep to manager and
// segment.RollupKeys from manager to region.
func (d *TableData) Compute() Scorecard { return d.ComputeWorkers(1) }

// ComputeWorkers computes the scorecard with segment.FoldTableN and
// FoldActivitiesN over n goroutines (contiguous row ranges, states merged
// slot by slot). It panics if n < 1 or the tables lack a field.
func (d *TableData) ComputeWorkers(n int) Scorecard {
	st, err := d.fold(n)
	if err != nil {
		panic(err)
	}
	sc, err := d.present(st)
	if err != nil {
		panic(err)
	}
	return sc
}

func (d *TableData) present(st tableStates) (Scorecard, error) {
	day := sp.Date{Year: 2024, Month: 1, Day: 1} // the generated org never changes
	managerOf := func(rep string) string {
		m, _ := d.Org.On(rep, day)
		return m.Manager
	}
	regionOfManager := make(map[string]string)
	for _, p := range d.Org.People() {
		if m, ok := d.Org.On(p, day); ok {
			regionOfManager[m.Manager] = m.Region
		}
	}
	regionOf := func(m string) string { return regionOfManager[m] }
	toManager := segment.DictParents(d.Deals.Reps, managerOf)
	dealsByManager, err := segment.RollupIDs(st.deals, toManager)
	if err != nil {
		return Scorecard{}, err
	}
	actsByManager, err := segment.RollupIDs(st.acts, toManager)
	if err != nil {
		return Scorecard{}, err
	}
	card := dealCard()
	sc := Scorecard{
		Rep:     apiLines(card, st.deals.Map(), st.acts.Map()),
		Manager: apiLines(card, dealsByManager.Map(), actsByManager.Map()),
		Region:  apiLines(card, segment.RollupKeys(dealsByManager, regionOf).Map(), segment.RollupKeys(actsByManager, regionOf).Map()),
		Month:   make(map[string]int64),
	}
	for p, s := range st.months.All() {
		if s.Len() > 0 { // a month of lost deals only, or the open deals' zero Period
			sc.Month[monthKey(p.Start.Year, int(p.Start.Month))] = apiCents(s)
		}
	}
	return sc, nil
}
