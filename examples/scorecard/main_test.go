package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/salesperf/salesperf/examples/internal/golden"
)

func TestGolden(t *testing.T) {
	for _, tt := range []struct {
		golden string
		json   bool
	}{{"testdata/scorecard.golden", false}, {"testdata/scorecard.json.golden", true}} {
		var out bytes.Buffer
		if err := run(&out, tt.json); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, tt.golden, out.Bytes())
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
