package scorecard

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/bench/gen"
	"github.com/salesperf/salesperf/csvimport"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
	"github.com/shopspring/decimal"
)

// APIData is the data as the public API holds it: the records the
// csvimport readers yield, collected in slices, and the org chart.
type APIData struct {
	Deals      []sp.Deal
	Activities []sp.Activity
	Org        *sp.Org
}

// LoadAPI reads the files of gen.Write in dir through csvimport with
// gen.Mapping. Any rejected row is an error: the generated data is valid.
func LoadAPI(dir string) (*APIData, error) {
	var rejects []error
	r := csvimport.Reader{Mapping: gen.Mapping(), Reject: func(rj csvimport.Rejected) {
		if len(rejects) < 5 {
			rejects = append(rejects, rj.Err)
		}
	}}
	var d APIData
	var ms []sp.Membership
	err := readFile(filepath.Join(dir, gen.OrgFile), func(f *os.File) error {
		seq, err := r.Memberships(f)
		if err != nil {
			return err
		}
		ms = slices.Collect(seq)
		return r.Err()
	})
	if err == nil {
		d.Org, err = sp.NewOrg(ms)
	}
	if err == nil {
		err = readFile(filepath.Join(dir, gen.DealsFile), func(f *os.File) error {
			seq, err := r.Deals(f)
			if err != nil {
				return err
			}
			d.Deals = slices.Collect(seq)
			return r.Err()
		})
	}
	if err == nil {
		err = readFile(filepath.Join(dir, gen.ActivitiesFile), func(f *os.File) error {
			seq, err := r.Activities(f)
			if err != nil {
				return err
			}
			d.Activities = slices.Collect(seq)
			return r.Err()
		})
	}
	if err == nil && len(rejects) > 0 {
		err = fmt.Errorf("scorecard: rejected rows: %w", errors.Join(rejects...))
	}
	if err != nil {
		return nil, err
	}
	return &d, nil
}

func readFile(path string, read func(*os.File) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return read(f)
}

// dealCard is the per-segment deal aggregator of the scorecard: deal
// counts by status, won amount and the sales cycle of won deals, in one
// pass.
func dealCard() metrics.Aggregator[*sp.Deal, dealState, dealResult] {
	return metrics.Both(metrics.Counts(), metrics.Both(metrics.WonAmount(), metrics.SalesCycle(nil)))
}

type (
	dealState  = metrics.Pair[metrics.DealCounts, metrics.Pair[sp.Sum, metrics.Histogram]]
	dealResult = metrics.Pair[metrics.DealCounts, metrics.Pair[sp.Sum, metrics.Summary]]
)

// apiStates are the partial states of one fold: deals per rep, won
// amount per month of close, activities per rep.
type apiStates struct {
	deals  map[string]*dealState
	months map[sp.Period]*sp.Sum
	acts   map[string]*metrics.KindCounts
}

var monthOfClose = segment.Period(sp.Calendar{}, sp.Month, segment.ByClosed)

func foldAPI(deals []sp.Deal, acts []sp.Activity) apiStates {
	return apiStates{
		deals:  segment.Fold(metrics.Refs(deals), segment.Owner, dealCard()),
		months: segment.Fold(metrics.Filter(metrics.Refs(deals), metrics.IsWon), monthOfClose, metrics.Amount()),
		acts:   segment.Fold(metrics.Refs(acts), segment.Rep, metrics.ActivityCounts()),
	}
}

// Compute computes the scorecard in one goroutine: segment.Fold of the
// deals by owner with Counts, WonAmount and SalesCycle (metrics.Both),
// of the won deals by month of close with Amount, and of the activities
// by rep with ActivityCounts; then segment.Rollup from rep to manager and
// from manager to region.
func (d *APIData) Compute() Scorecard {
	return d.present(foldAPI(d.Deals, d.Activities))
}

// ComputeWorkers computes the scorecard with n goroutines, each folding a
// contiguous part of the deals and of the activities, and merges their
// states with segment.Merge. It panics if n < 1.
func (d *APIData) ComputeWorkers(n int) Scorecard {
	if n < 1 {
		panic("scorecard: workers < 1")
	}
	parts := make([]apiStates, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[i] = foldAPI(part(d.Deals, i, n), part(d.Activities, i, n))
		}()
	}
	wg.Wait()
	all := parts[0]
	for _, p := range parts[1:] {
		segment.Merge(dealCard(), all.deals, p.deals)
		segment.Merge(metrics.Amount(), all.months, p.months)
		segment.Merge(metrics.ActivityCounts(), all.acts, p.acts)
	}
	return d.present(all)
}

// part returns the i-th of n contiguous parts of s.
func part[T any](s []T, i, n int) []T {
	return s[len(s)*i/n : len(s)*(i+1)/n]
}

func (d *APIData) present(st apiStates) Scorecard {
	day := sp.Date{Year: 2024, Month: 1, Day: 1} // the generated org never changes
	regionOfManager := make(map[string]string)
	for _, p := range d.Org.People() {
		if m, ok := d.Org.On(p, day); ok {
			regionOfManager[m.Manager] = m.Region
		}
	}
	managerOf := func(rep string) string {
		m, _ := d.Org.On(rep, day)
		return m.Manager
	}
	card, counts := dealCard(), metrics.ActivityCounts()
	dealsByManager := segment.Rollup(card, st.deals, managerOf)
	actsByManager := segment.Rollup(counts, st.acts, managerOf)
	regionOf := func(m string) string { return regionOfManager[m] }
	sc := Scorecard{
		Rep:     apiLines(card, st.deals, st.acts),
		Manager: apiLines(card, dealsByManager, actsByManager),
		Region:  apiLines(card, segment.Rollup(card, dealsByManager, regionOf), segment.Rollup(counts, actsByManager, regionOf)),
		Month:   make(map[string]int64),
	}
	for p, s := range st.months {
		sc.Month[monthKey(p.Start.Year, int(p.Start.Month))] = apiCents(s)
	}
	return sc
}

func apiLines(card metrics.Aggregator[*sp.Deal, dealState, dealResult], deals map[string]*dealState, acts map[string]*metrics.KindCounts) map[string]Line {
	out := make(map[string]Line)
	for k, s := range deals {
		r := card.Result(s)
		counts, won, cycle := r.A, r.B.A, r.B.B
		l := Line{Created: counts.Deals, Won: counts.Won, Lost: counts.Lost, WonCents: apiCents(&won), CycleDays: cycle.Sum, AvgWon: "–", MeanCycle: "–"}
		if avg, ok, err := (metrics.Average{Total: won, N: counts.Won}).Value(sp.RoundHalfUp); err != nil {
			l.AvgWon = err.Error()
		} else if ok {
			l.AvgWon = avg.String()
		}
		if cycle.N > 0 {
			l.MeanCycle = sp.RoundHalfUp.Quo(decimal.NewFromInt(cycle.Sum), decimal.NewFromInt(cycle.N), 2).StringFixed(2)
		}
		out[k] = l
	}
	for k, s := range acts {
		l := out[k]
		for i, kind := range gen.Kinds {
			l.Kinds[i] = s.Of(kind)
		}
		out[k] = l
	}
	return out
}

// apiCents returns a sum of USD in cents; a sum in another currency, or
// beyond int64 cents, is a bug of the benchmark and panics.
func apiCents(s *sp.Sum) int64 {
	m, err := s.Single()
	if err != nil {
		panic(err)
	}
	c, ok := m.Minor()
	if !ok || (m.Currency() != "USD" && m.Currency() != "") {
		panic("scorecard: unexpected amount " + m.String())
	}
	return c
}
