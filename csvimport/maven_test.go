package csvimport_test

import (
	"os"
	"path/filepath"
	"testing"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/csvimport"
)

// mavenDir is the Maven CRM export, beside the repository.
var mavenDir = filepath.Join("..", "..", "shared", "data", "maven-crm")

func openMaven(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(mavenDir, name))
	if os.IsNotExist(err) {
		t.Skipf("no Maven export at %s", mavenDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestMavenExport reads the real export with the preset and checks the
// headline figures of its SOURCE.md: 8,800 deals (Won 4,238, Lost 2,473,
// Engaging 1,589, Prospecting 500), $10,005,534 won, no rejected row; and
// its 35 agents.
func TestMavenExport(t *testing.T) {
	f := openMaven(t, "sales_pipeline.csv")
	r := csvimport.Reader{Mapping: csvimport.Maven(), UniqueIDs: true,
		Reject: func(rj csvimport.Rejected) { t.Errorf("rejected: %v", rj.Err) }}
	deals, err := r.Deals(f)
	if err != nil {
		t.Fatal(err)
	}
	var n, won, lost int
	stages := map[string]int{}
	var wonSum sp.Sum
	gtxPro := 0
	for d := range deals {
		n++
		stages[d.Stage]++
		switch d.Status {
		case sp.Won:
			won++
			wonSum.Add(d.Amount)
		case sp.Lost:
			lost++
		}
		if d.Product == "GTX Pro" {
			gtxPro++
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 8800 || won != 4238 || lost != 2473 || stages["Engaging"] != 1589 || stages["Prospecting"] != 500 {
		t.Errorf("deals %d, won %d, lost %d, stages %v; want 8800, 4238, 2473, Engaging 1589, Prospecting 500", n, won, lost, stages)
	}
	if got, want := wonSum.Of("USD"), sp.MustParseMoney("10005534 USD"); !got.Equal(want) {
		t.Errorf("won %v, want %v", got, want)
	}
	if gtxPro != 1480 {
		t.Errorf("GTX Pro deals %d, want 1480 (GTXPro renamed)", gtxPro)
	}
	rep := r.Report()
	if rep.Checked["deal"] != 8800 || rep.Rejected["deal"] != 0 {
		t.Errorf("report:\n%v", rep)
	}

	teams := openMaven(t, "sales_teams.csv")
	ms, err := r.Memberships(teams)
	if err != nil {
		t.Fatal(err)
	}
	var all []sp.Membership
	for m := range ms {
		all = append(all, m)
	}
	if len(all) != 35 {
		t.Errorf("%d memberships, want 35", len(all))
	}
	if _, err := sp.NewOrg(all); err != nil {
		t.Error(err)
	}
	if rep := r.Report(); rep.Rejected["membership"] != 0 {
		t.Errorf("report:\n%v", rep)
	}
}
