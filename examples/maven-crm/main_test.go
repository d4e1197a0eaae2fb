package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
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
	for _, r := range read("sales_teams.csv") {
		manager[r[0]], office[r[0]] = r[1], r[2]
		agents[r[0]] = &tally{}
	}
	for _, r := range read("sales_pipeline.csv") {
		a := agents[r[1]]
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
		default:
			a.open++
		}
	}
	group := func(by func(agent string) string) []Row {
		sums := map[string]*tally{}
		for name, a := range agents {
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
	total := group(func(string) string { return "total" })
	return Report{Total: total[0], ByAgent: group(func(a string) string { return a }),
		ByManager: group(func(a string) string { return manager[a] }),
		ByOffice:  group(func(a string) string { return office[a] })}
}

// halfUp formats num/den with places decimals, rounded half up (away
// from zero; all values here are positive), "0.00…" when den is 0.
func halfUp(num, den int64, places int) string {
	if den == 0 {
		return new(big.Rat).FloatString(places)
	}
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	n := new(big.Int).Mul(big.NewInt(num), scale)
	n.Mul(n, big.NewInt(2))
	n.Add(n, big.NewInt(den))
	n.Quo(n, new(big.Int).Mul(big.NewInt(den), big.NewInt(2))) // floor((2·num·10^p + den) / 2·den)
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
