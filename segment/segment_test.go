package segment_test

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
	"pgregory.net/rapid"
)

func at(m time.Month, d int) time.Time { return time.Date(2026, m, d, 15, 0, 0, 0, time.UTC) }

// team: ann reports to mo until 1 March, then to max; bob to mo.
func team(t testing.TB) *sp.Org {
	org, err := sp.NewOrg([]sp.Membership{
		{Person: "ann", Manager: "mo", Team: "east", Region: "emea", Until: sp.Date{Year: 2026, Month: 3, Day: 1}},
		{Person: "ann", Manager: "max", Team: "west", Region: "amer", From: sp.Date{Year: 2026, Month: 3, Day: 1}},
		{Person: "bob", Manager: "mo", Team: "east", Region: "emea"},
		{Person: "cy", Manager: "max", Team: "west", Region: "amer"},
		{Person: "dee", Manager: "max", Team: "west", Region: "amer"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return org
}

func deals() []sp.Deal {
	usd := sp.MustParseMoney
	return []sp.Deal{
		{ID: "1", Owner: "ann", Status: sp.Won, Amount: usd("1000.00 USD"), Created: at(1, 10), Closed: at(2, 10), Source: "web"},
		{ID: "2", Owner: "ann", Status: sp.Won, Amount: usd("2000.00 USD"), Created: at(2, 1), Closed: at(3, 5), Source: "web"},
		{ID: "3", Owner: "ann", Status: sp.Lost, Amount: usd("500.00 USD"), Created: at(2, 2), Closed: at(3, 20), Source: "referral"},
		{ID: "4", Owner: "bob", Status: sp.Lost, Amount: usd("700.00 USD"), Created: at(1, 3), Closed: at(2, 27), Source: "web"},
		{ID: "5", Owner: "bob", Status: sp.Won, Amount: usd("300.00 USD"), Created: at(2, 3), Closed: at(3, 31), Source: "referral"},
		{ID: "6", Owner: "bob", Status: sp.Open, Amount: usd("900.00 USD"), Created: at(3, 3), Source: "web"},
	}
}

func TestByOwnerAndSource(t *testing.T) {
	ds := deals()
	byOwner := segment.By(metrics.Refs(ds), segment.Owner, metrics.WinRate())
	want := map[string]metrics.Rate{"ann": {Num: 2, Den: 3}, "bob": {Num: 1, Den: 2}}
	if diff := cmp.Diff(want, byOwner); diff != "" {
		t.Errorf("win rate by owner (-want +got):\n%s", diff)
	}
	bySource := segment.By(metrics.Refs(ds), segment.Source, metrics.Counts())
	wantCounts := map[string]metrics.DealCounts{
		"web":      {Deals: 4, Won: 2, Lost: 1, Open: 1},
		"referral": {Deals: 2, Won: 1, Lost: 1},
	}
	if diff := cmp.Diff(wantCounts, bySource); diff != "" {
		t.Errorf("counts by source (-want +got):\n%s", diff)
	}
}

func TestManagerAsOfEventTime(t *testing.T) {
	org := team(t)
	ds := deals()
	// By close date: ann's deal 1 closed 10 Feb (manager mo), deals 2 and 3
	// in March (max); bob's deals closed under mo; bob's open deal 6 is
	// credited as of its created date (mo).
	won := segment.By(metrics.Refs(ds), segment.Manager(org, nil, segment.ByClosed), metrics.Counts())
	want := map[string]metrics.DealCounts{
		"mo":  {Deals: 4, Won: 2, Lost: 1, Open: 1},
		"max": {Deals: 2, Won: 1, Lost: 1},
	}
	if diff := cmp.Diff(want, won); diff != "" {
		t.Errorf("by manager at close (-want +got):\n%s", diff)
	}
	// By created date every ann deal was created before March: all mo.
	created := segment.By(metrics.Refs(ds), segment.Manager(org, nil, segment.ByCreated), metrics.Count[*sp.Deal]())
	if diff := cmp.Diff(map[string]int64{"mo": 6}, created); diff != "" {
		t.Errorf("by manager at creation (-want +got):\n%s", diff)
	}
	// Someone not in the org lands in "".
	stranger := []sp.Deal{{Owner: "zed", Status: sp.Open, Created: at(1, 1)}}
	if got := segment.By(metrics.Refs(stranger), segment.Region(org, nil, segment.ByCreated), metrics.Count[*sp.Deal]()); got[""] != 1 {
		t.Errorf("unknown owner: %v, want the \"\" segment", got)
	}
}

func TestPeriodKey(t *testing.T) {
	cal := sp.Calendar{FiscalYearStart: time.February}
	ds := deals()
	byQuarter := segment.By(metrics.Refs(ds), segment.Period(cal, sp.Quarter, segment.ByClosed), metrics.Counts())
	var got []string
	for p, c := range segment.SortedFunc(byQuarter, sp.Period.Compare) {
		got = append(got, fmt.Sprintf("%v: %d deals, %d won", p, c.Deals, c.Won))
	}
	// Fiscal year from February: Feb–Apr 2026 is FY2027 Q1; January is FY2026 Q4.
	want := []string{
		"Period(invalid): 1 deals, 0 won", // the open deal has no close date
		"FY2027 Q1: 5 deals, 3 won",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("by fiscal quarter of close (-want +got):\n%s", diff)
	}
}

// TestSegmentsAddUp: the segments of an additive metric merge to the
// total exactly, whatever the key.
func TestSegmentsAddUp(t *testing.T) {
	agg := metrics.Both(metrics.Counts(), metrics.WonAmount())
	keys := map[string]func(*sp.Deal) string{"owner": segment.Owner, "source": segment.Source, "stage": segment.Stage}
	rapid.Check(t, func(t *rapid.T) {
		ds := rapid.SliceOfN(lawkit.Deal(), 0, 80).Draw(t, "deals")
		name := rapid.SampledFrom([]string{"owner", "source", "stage"}).Draw(t, "key")
		states := segment.Fold(seqOf(ds), keys[name], agg)
		total := segment.Total(agg, states)
		whole := agg.Fold(seqOf(ds))
		if diff := cmp.Diff(agg.Result(&whole), agg.Result(&total), lawkit.Equal...); diff != "" {
			t.Fatalf("segments by %s do not add up (-whole +segments):\n%s", name, diff)
		}
	})
}

// TestRollup: rep × month rolled up to manager × quarter equals folding by
// manager × quarter directly, when memberships change on month starts.
func TestRollup(t *testing.T) {
	org := team(t)
	cal := sp.Calendar{FiscalYearStart: time.February}
	agg := metrics.Both(metrics.WinRate(), metrics.SalesCycle(nil))
	fine := segment.Two(segment.Owner, segment.Period(cal, sp.Month, segment.ByClosed))
	coarse := segment.Two(segment.Manager(org, nil, segment.ByClosed), segment.Period(cal, sp.Quarter, segment.ByClosed))
	parent := func(k segment.Key2[string, sp.Period]) segment.Key2[string, sp.Period] {
		if k.B == (sp.Period{}) {
			return segment.Key2[string, sp.Period]{} // open deals: no period; not used below
		}
		m, _ := org.On(k.A, k.B.Start)
		return segment.Key2[string, sp.Period]{A: m.Manager, B: cal.PeriodOfDate(k.B.Start, sp.Quarter)}
	}
	rapid.Check(t, func(t *rapid.T) {
		ds := rapid.SliceOfN(closedDeal(), 0, 60).Draw(t, "deals")
		rolled := segment.Rollup(agg, segment.Fold(seqOf(ds), fine, agg), parent)
		direct := segment.Fold(seqOf(ds), coarse, agg)
		if diff := cmp.Diff(segment.Results(agg, direct), segment.Results(agg, rolled), lawkit.Equal...); diff != "" {
			t.Fatalf("rollup differs from the direct fold (-direct +rolled):\n%s", diff)
		}
	})
}

// closedDeal draws a closed deal of one of the team's reps in 2026.
func closedDeal() *rapid.Generator[*sp.Deal] {
	return rapid.Custom(func(t *rapid.T) *sp.Deal {
		created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.Int64Range(0, 200*24*3600).Draw(t, "created")) * time.Second)
		return &sp.Deal{
			Owner:   rapid.SampledFrom([]string{"ann", "bob", "cy", "dee"}).Draw(t, "owner"),
			Status:  sp.Status(rapid.IntRange(2, 3).Draw(t, "status")),
			Created: created,
			Closed:  created.Add(time.Duration(rapid.Int64Range(0, 150*24*3600).Draw(t, "cycle")) * time.Second),
			Amount:  sp.NewMoney(rapid.Int64Range(0, 1_000_000).Draw(t, "amount"), "USD"),
		}
	})
}

// TestPartitionsAcrossGoroutines: four partitions folded in separate
// goroutines, each state serialised to JSON and decoded, merge to exactly
// the single fold.
func TestPartitionsAcrossGoroutines(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ds := rapid.SliceOfN(lawkit.Deal(), 0, 200).Draw(t, "deals")
		tab := metrics.NewTable(
			metrics.Col("counts", metrics.Counts()),
			metrics.Col("win rate", metrics.WinRate()),
			metrics.Col("won", metrics.WonAmount()),
			metrics.Col("average", metrics.AverageDealSize()),
			metrics.Col("cycle", metrics.SalesCycle(nil)),
		)
		agg := tab.Aggregator()
		wire := make([][]byte, 4)
		var wg sync.WaitGroup
		for p := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				part := ds[p*len(ds)/4 : (p+1)*len(ds)/4]
				states := segment.Fold(seqOf(part), segment.Owner, agg)
				data, err := json.Marshal(states)
				if err != nil {
					panic(err)
				}
				wire[p] = data
			}()
		}
		wg.Wait()
		merged := map[string]*metrics.TableState{}
		for _, data := range wire {
			var raw map[string]json.RawMessage
			if err := json.Unmarshal(data, &raw); err != nil {
				t.Fatal(err)
			}
			part := map[string]*metrics.TableState{}
			for k, r := range raw {
				s, err := tab.Decode(r)
				if err != nil {
					t.Fatal(err)
				}
				part[k] = &s
			}
			segment.Merge(agg, merged, part)
		}
		want := segment.By(seqOf(ds), segment.Owner, agg)
		if diff := cmp.Diff(want, segment.Results(agg, merged), lawkit.Equal...); diff != "" {
			t.Fatalf("merged partitions differ from the single fold (-single +merged):\n%s", diff)
		}
	})
}

func TestSorted(t *testing.T) {
	m := map[string]int{"cy": 3, "ann": 1, "bob": 2}
	var got []string
	for k, v := range segment.Sorted(m) {
		got = append(got, fmt.Sprintf("%s %d", k, v))
	}
	if diff := cmp.Diff([]string{"ann 1", "bob 2", "cy 3"}, got); diff != "" {
		t.Errorf("Sorted (-want +got):\n%s", diff)
	}
}

func TestInvalidKeysPanic(t *testing.T) {
	for name, f := range map[string]func(){
		"nil key":       func() { segment.Fold(seqOf(nil), (func(*sp.Deal) string)(nil), metrics.Count[*sp.Deal]()) },
		"zero cohort":   func() { segment.Period(sp.Calendar{}, sp.Month, 0) },
		"zero grain":    func() { segment.Period(sp.Calendar{}, 0, segment.ByClosed) },
		"manager of 0":  func() { segment.Manager(nil, nil, 0) },
		"cohort date 9": func() { segment.Cohort(9).Date(&sp.Deal{}, nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

func seqOf(ds []*sp.Deal) func(func(*sp.Deal) bool) {
	return func(yield func(*sp.Deal) bool) {
		for _, d := range ds {
			if !yield(d) {
				return
			}
		}
	}
}
