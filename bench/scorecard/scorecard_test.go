package scorecard_test

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/salesperf/salesperf/bench/gen"
	"github.com/salesperf/salesperf/bench/scorecard"
)

// small is the size of the agreement test: big enough that every rep,
// manager, region and month has data, small enough to keep go test fast.
var small = gen.Config{Deals: 20_000, Activities: 200_000, Seed: 9}

var (
	smallOnce sync.Once
	smallDir  string
	smallErr  error
)

// smallData writes the small data set once per test binary.
func smallData(t testing.TB) string {
	t.Helper()
	smallOnce.Do(func() {
		smallDir, smallErr = os.MkdirTemp("", "scorecard-small-")
		if smallErr == nil {
			smallErr = gen.Write(smallDir, small)
		}
	})
	if smallErr != nil {
		t.Fatal(smallErr)
	}
	return smallDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if smallDir != "" {
		os.RemoveAll(smallDir)
	}
	os.Exit(code)
}

// TestAgree checks that every implementation computes the same scorecard,
// figure by figure, in one goroutine and in several.
func TestAgree(t *testing.T) {
	dir := smallData(t)
	tuned, err := scorecard.LoadTuned(dir)
	if err != nil {
		t.Fatal(err)
	}
	api, err := scorecard.LoadAPI(dir)
	if err != nil {
		t.Fatal(err)
	}
	naive, err := scorecard.LoadNaive(dir)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := scorecard.LoadTable(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := tuned.Compute()
	if len(want.Rep) != gen.Reps || len(want.Manager) != gen.Managers || len(want.Region) != gen.Regions || len(want.Month) != 36 {
		t.Fatalf("tuned: %d reps, %d managers, %d regions, %d months; want every one with data",
			len(want.Rep), len(want.Manager), len(want.Region), len(want.Month))
	}
	for name, got := range map[string]scorecard.Scorecard{
		"tuned/2": tuned.ComputeWorkers(2),
		"tuned/3": tuned.ComputeWorkers(3),
		"api":     api.Compute(),
		"api/2":   api.ComputeWorkers(2),
		"api/3":   api.ComputeWorkers(3),
		"naive":   naive.Compute(),
		"table":   tab.Compute(),
		"table/2": tab.ComputeWorkers(2),
		"table/3": tab.ComputeWorkers(3),
	} {
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s disagrees with tuned (-tuned +%s):\n%s", name, name, diff)
		}
	}
}

// TestTotals checks the scorecard's totals against the generated counts,
// and one hand-checked rule: every deal is created, and won + lost + open
// deals add up to it.
func TestTotals(t *testing.T) {
	tuned, err := scorecard.LoadTuned(smallData(t))
	if err != nil {
		t.Fatal(err)
	}
	sc := tuned.Compute()
	var created, won, lost, acts, wonCents, monthCents int64
	for _, l := range sc.Region {
		created += l.Created
		won += l.Won
		lost += l.Lost
		wonCents += l.WonCents
		for _, n := range l.Kinds {
			acts += n
		}
	}
	for _, c := range sc.Month {
		monthCents += c
	}
	if created != int64(small.Deals) || acts != int64(small.Activities) {
		t.Errorf("created %d, activities %d; want %d, %d", created, acts, small.Deals, small.Activities)
	}
	if won == 0 || lost == 0 || won+lost >= created {
		t.Errorf("won %d, lost %d of %d: want some won, some lost and some open", won, lost, created)
	}
	if monthCents != wonCents {
		t.Errorf("won amount per month sums to %d cents, per region to %d", monthCents, wonCents)
	}
}

// TestGenerateDeterministic checks that a seed writes the same bytes twice
// and another seed different ones.
func TestGenerateDeterministic(t *testing.T) {
	c := gen.Config{Deals: 2000, Activities: 20_000, Seed: 1}
	h1, h2 := hashDir(t, c), hashDir(t, c)
	if h1 != h2 {
		t.Errorf("same seed, different files")
	}
	c.Seed = 2
	if hashDir(t, c) == h1 {
		t.Errorf("different seeds, same files")
	}
}

func hashDir(t *testing.T, c gen.Config) [sha256.Size]byte {
	dir := t.TempDir()
	if err := gen.Write(dir, c); err != nil {
		t.Fatal(err)
	}
	var all bytes.Buffer
	for _, f := range []string{gen.OrgFile, gen.DealsFile, gen.ActivitiesFile} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	return sha256.Sum256(all.Bytes())
}
