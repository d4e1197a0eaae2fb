package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestGolden(t *testing.T) {
	for _, tt := range []struct {
		golden string
		json   bool
	}{{"testdata/scorecard.golden", false}, {"testdata/scorecard.json.golden", true}} {
		var out bytes.Buffer
		if err := run(&out, tt.json); err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(tt.golden, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(tt.golden)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), out.String()); diff != "" {
			t.Errorf("%s differs (-want +got); check, then go test ./examples/scorecard -update:\n%s", tt.golden, diff)
		}
	}
}

// TestRowsAddUp: the reps' rows and the managers' rows both add up to the
// team row (every rep has a manager in the quarter).
func TestRowsAddUp(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, true); err != nil {
		t.Fatal(err)
	}
	var r Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	for name, rows := range map[string][]Row{"reps": r.Reps, "managers": r.Managers} {
		var created, won, lost int64
		for _, x := range rows {
			created += x.Created
			won += x.Won
			lost += x.Lost
		}
		if created != r.Total.Created || won != r.Total.Won || lost != r.Total.Lost {
			t.Errorf("%s add up to created %d won %d lost %d; team row %d %d %d",
				name, created, won, lost, r.Total.Created, r.Total.Won, r.Total.Lost)
		}
	}
}
