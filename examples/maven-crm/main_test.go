package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// dataDir is the real export, beside the project; tests skip without it.
var dataDir = filepath.Join("..", "..", "..", "shared", "data", "maven-crm")

func needData(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dataDir, "sales_pipeline.csv")); err != nil {
		t.Skipf("the Maven CRM export is not here (%v): skipped", err)
	}
}

// TestAgainstIndependentComputation recomputes every row with plain loops
// over the CSV files — no salesperf code — and compares.
func TestAgainstIndependentComputation(t *testing.T) {
	needData(t)
	var out, errOut bytes.Buffer
	if err := run(dataDir, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if errOut.Len() > 0 {
		t.Errorf("rows rejected:\n%s", errOut.String())
	}
	var got Report
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(independent(t), got); diff != "" {
		t.Errorf("scorecard differs from the independent computation (-independent +salesperf):\n%s", diff)
	}
	// The headline figures published with the data (SOURCE.md).
	want := Row{Segment: "total", Deals: 8800, Won: 4238, Lost: 2473, Open: 2089, WinRate: "0.631501",
		WonAmount: "10005534.00", AvgWonAmount: "2360.91", AvgWonCycleDays: "51.78"}
	if diff := cmp.Diff(want, got.Total); diff != "" {
		t.Errorf("total differs from SOURCE.md (-published +got):\n%s", diff)
	}
}

type tally struct {
	deals, won, lost, open int64
	wonValue, wonDays      int64
	prospecting            int64
}

func independent(t *testing.T) Report {
	read := func(name string) [][]string {
		f, err := os.Open(filepath.Join(dataDir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs[1:]
	}
	manager, office := map[string]string{}, map[string]string{}
	agents := map[string]*tally{}
	products := map[string]*tally{}
	type quarter struct {
		won, lost int64
		days      []int64
	}
	quarters := map[string]*quarter{}
	for _, r := range read("sales_teams.csv") {
		manager[r[0]], office[r[0]] = r[1], r[2]
		agents[r[0]] = &tally{}
	}
	for _, r := range read("sales_pipeline.csv") {
		if products[r[2]] == nil {
			products[r[2]] = &tally{}
		}
		var q *quarter
		if r[6] != "" {
			c, _ := time.Parse("2006-01-02", r[6])
			name := fmt.Sprintf("%d Q%d", c.Year(), (int(c.Month())+2)/3)
			if quarters[name] == nil {
				quarters[name] = &quarter{}
			}
			q = quarters[name]
		}
		for _, a := range []*tally{agents[r[1]], products[r[2]]} {
			a.deals++
			switch r[4] {
			case "Won":
				a.won++
				v := new(big.Int)
				v.SetString(r[7], 10)
				a.wonValue += v.Int64()
				e, _ := time.Parse("2006-01-02", r[5])
				c, _ := time.Parse("2006-01-02", r[6])
				a.wonDays += int64(c.Sub(e).Hours() / 24)
			case "Lost":
				a.lost++
			case "Prospecting":
				a.prospecting++
				a.open++
			default:
				a.open++
			}
		}
		switch r[4] {
		case "Won":
			e, _ := time.Parse("2006-01-02", r[5])
			c, _ := time.Parse("2006-01-02", r[6])
			q.won++
			q.days = append(q.days, int64(c.Sub(e).Hours()/24))
		case "Lost":
			q.lost++
		}
	}
	group := func(by func(agent string) string) []Row {
		return rowsOf(agents, by)
	}
	total := group(func(string) string { return "total" })
	rep := Report{Total: total[0], ByAgent: group(func(a string) string { return a }),
		ByManager: group(func(a string) string { return manager[a] }),
		ByOffice:  group(func(a string) string { return office[a] })}
	for _, r := range rowsOf(products, func(p string) string { return p }) {
		p := products[r.Segment]
		// Every deal reached Prospecting; all but the prospecting ones
		// reached Engaging; the won ones reached Won.
		engaged := p.deals - p.prospecting
		rep.ByProduct = append(rep.ByProduct, ProductRow{Row: r, Funnel: []FunnelStep{
			{Stage: "Prospecting", Reached: p.deals, Conversion: halfUp(engaged, p.deals, 6)},
			{Stage: "Engaging", Reached: engaged, Conversion: halfUp(p.won, engaged, 6)},
			{Stage: "Won", Reached: p.won},
		}})
	}
	var names []string
	for n := range quarters {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		q := quarters[n]
		sort.Slice(q.days, func(i, j int) bool { return q.days[i] < q.days[j] })
		var sum int64
		for _, d := range q.days {
			sum += d
		}
		rep.ByCloseQuarter = append(rep.ByCloseQuarter, CycleRow{Quarter: n, Won: q.won, Lost: q.lost,
			WinRate: halfUp(q.won, q.won+q.lost, 6), Mean: halfUp(sum, q.won, 2),
			Median: type7(q.days, 1, 2), P90: type7(q.days, 9, 10)})
	}
	return rep
}

// type7 is R's type-7 quantile num/den of sorted whole numbers, with 2
// decimals rounded half up, in exact rational arithmetic: h = (n−1)·q,
// x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
func type7(xs []int64, num, den int64) string {
	h := big.NewRat(int64(len(xs)-1)*num, den)
	lo := new(big.Int).Quo(h.Num(), h.Denom()).Int64()
	frac := new(big.Rat).Sub(h, big.NewRat(lo, 1))
	v := new(big.Rat).SetInt64(xs[lo])
	if lo+1 < int64(len(xs)) {
		v.Add(v, new(big.Rat).Mul(frac, big.NewRat(xs[lo+1]-xs[lo], 1)))
	}
	return halfUpRat(v, 2)
}

// halfUpRat formats a non-negative rational with places decimals, half up.
func halfUpRat(v *big.Rat, places int) string {
	return halfUpBig(v.Num(), v.Denom(), places)
}

func rowsOf(tallies map[string]*tally, by func(string) string) []Row {
	{
		sums := map[string]*tally{}
		for name, a := range tallies {
			k := by(name)
			if sums[k] == nil {
				sums[k] = &tally{}
			}
			s := sums[k]
			s.deals += a.deals
			s.won += a.won
			s.lost += a.lost
			s.open += a.open
			s.wonValue += a.wonValue
			s.wonDays += a.wonDays
		}
		var keys []string
		for k := range sums {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var rows []Row
		for _, k := range keys {
			s := sums[k]
			rows = append(rows, Row{Segment: k, Deals: s.deals, Won: s.won, Lost: s.lost, Open: s.open,
				WinRate:         halfUp(s.won, s.won+s.lost, 6),
				WonAmount:       big.NewRat(s.wonValue, 1).FloatString(2),
				AvgWonAmount:    halfUp(s.wonValue, s.won, 2),
				AvgWonCycleDays: halfUp(s.wonDays, s.won, 2)})
		}
		return rows
	}
}

// halfUp formats num/den with places decimals, rounded half up (away
// from zero; all values here are positive), "0.00…" when den is 0.
func halfUp(num, den int64, places int) string {
	if den == 0 {
		return new(big.Rat).FloatString(places)
	}
	return halfUpBig(big.NewInt(num), big.NewInt(den), places)
}

func halfUpBig(num, den *big.Int, places int) string {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	n := new(big.Int).Mul(num, scale)
	n.Mul(n, big.NewInt(2))
	n.Add(n, den)
	n.Quo(n, new(big.Int).Mul(den, big.NewInt(2))) // floor((2·num·10^p + den) / 2·den)
	return new(big.Rat).SetFrac(n, scale).FloatString(places)
}

func TestHalfUp(t *testing.T) {
	for _, tt := range []struct {
		num, den int64
		places   int
		want     string
	}{{1, 8, 2, "0.13"}, {1, 3, 2, "0.33"}, {2, 3, 2, "0.67"}, {5, 1, 2, "5.00"}, {0, 0, 6, "0.000000"}} {
		if got := halfUp(tt.num, tt.den, tt.places); got != tt.want {
			t.Errorf("halfUp(%d, %d, %d) = %s, want %s", tt.num, tt.den, tt.places, got, tt.want)
		}
	}
}

func TestMissingData(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(t.TempDir(), &out, &errOut); err == nil {
		t.Error("no error for a folder without the export")
	}
}
