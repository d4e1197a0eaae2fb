package forecast_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
)

func ex(stage int, out sp.Status, fields ...string) forecast.Example {
	e := forecast.Example{Stage: stage, Outcome: out}
	for i := 0; i+1 < len(fields); i += 2 {
		e.Fields = append(e.Fields, forecast.Field{Name: fields[i], Value: fields[i+1]})
	}
	return e
}

// TestNaiveBayesByHand checks Odoo's counting and formula on tables
// worked out by hand.
func TestNaiveBayesByHand(t *testing.T) {
	// Three open stages. Two won deals (sources A, B) count toward every
	// stage; lost at 0 (A), at 1 (A), at 2 (B) count toward their stage and
	// the earlier ones.
	//   stage 0: won 2, lost 3; stage 1: won 2, lost 2; stage 2: won 2, lost 1
	//   source A: won 1, lost 2; B: won 1, lost 1
	staged := forecast.NaiveBayes{Stages: 3}
	for _, e := range []forecast.Example{
		ex(-1, sp.Won, "source", "A"), ex(2, sp.Won, "source", "B"),
		ex(0, sp.Lost, "source", "A"), ex(1, sp.Lost, "source", "A"), ex(2, sp.Lost, "source", "B"),
	} {
		if !staged.Add(&e) {
			t.Fatalf("Add(%+v) = false", e)
		}
	}
	wantTable := forecast.NaiveBayes{Stages: 3, Total: forecast.WonLost{Won: 2, Lost: 3},
		ByStage: []forecast.WonLost{{Won: 2, Lost: 3}, {Won: 2, Lost: 2}, {Won: 2, Lost: 1}},
		ByValue: map[string]map[string]forecast.WonLost{"source": {"A": {Won: 1, Lost: 2}, "B": {Won: 1, Lost: 1}}}}
	if diff := cmp.Diff(wantTable, staged); diff != "" {
		t.Errorf("table (-want +got):\n%s", diff)
	}

	// Multi-valued "tag": X on 60 records (30 won, 30 lost), Y on 10 won
	// records only; Y (10.1 + 0.1 < 50) is ignored.
	tags := forecast.NaiveBayes{Multi: []string{"tag"}}
	for i := range 60 {
		out := sp.Won
		if i%2 == 1 {
			out = sp.Lost
		}
		e := ex(-1, out, "tag", "X")
		tags.Add(&e)
	}
	for range 10 {
		e := ex(-1, sp.Won, "tag", "Y", "tag", "Y") // a repeated value counts once
		tags.Add(&e)
	}
	// Extreme: Z won 10,000 times, never lost; Q lost once.
	extreme := forecast.NaiveBayes{}
	for range 10000 {
		e := ex(-1, sp.Won, "f", "Z")
		extreme.Add(&e)
	}
	q := ex(-1, sp.Lost, "f", "Q")
	extreme.Add(&q)

	for _, tt := range []struct {
		reason string
		nb     *forecast.NaiveBayes
		e      forecast.Example
		want   float64
		ok     bool
	}{{
		// Prior 2.1/5.2 vs 3.1/5.2 (first stage, smoothed).
		// Stage 1: won 2.1/2.1, lost 2.1/3.1.
		// Source A: won 1.1/(1.1 + 1.1), lost 2.1/(2.1 + 1.1).
		// S(won) = 2.1/5.2 · 1 · 0.5 = 1.05/5.2;
		// S(lost) = 3.1/5.2 · 2.1/3.1 · 2.1/3.2 = 4.41/16.64.
		// S(won)/S(lost) = 1.05 · 16.64 / (5.2 · 4.41) = 16/21 → p = 16/37.
		reason: "stage 1, source A", nb: &staged, e: ex(1, sp.Open, "source", "A"), want: 16.0 / 37, ok: true,
	}, {
		// Stage 0 factors are 1 (the totals); source B: won 1.1/2.2, lost 1.1/3.2.
		// S(won) = 2.1/5.2 · .5, S(lost) = 3.1/5.2 · 1.1/3.2
		// → ratio 1.05 · 3.2 / (3.1 · 1.1) = 3.36/3.41 → p = 3.36/6.77.
		reason: "stage 0, source B", nb: &staged, e: ex(0, sp.Open, "source", "B"), want: 3.36 / 6.77, ok: true,
	}, {
		// An unseen value is skipped: stage 2 alone. Won 2.1/2.1, lost 1.1/3.1.
		// S(won) = 2.1/5.2, S(lost) = 1.1/5.2 → p = 2.1/3.2.
		reason: "unseen value", nb: &staged, e: ex(2, sp.Open, "source", "C"), want: 2.1 / 3.2, ok: true,
	}, {
		reason: "no stage", nb: &staged, e: ex(-1, sp.Open, "source", "A"), ok: false,
	}, {
		// X: 30.1/30.1 both ways; Y ignored (10.2 closed < 50).
		// Prior 40.1 won vs 30.1 lost → p = 40.1/70.2.
		reason: "multi-valued: rare value ignored", nb: &tags, e: ex(-1, sp.Open, "tag", "X", "tag", "Y"), want: 40.1 / 70.2, ok: true,
	}, {
		// S(lost)/S(won) = (1.1 · 0.1/1.2) / (10000.1 · 10000.1/10000.2) ≈ 9.2e-10 → clamp.
		reason: "clamped high", nb: &extreme, e: ex(-1, sp.Open, "f", "Z"), want: 0.9999, ok: true,
	}, {
		reason: "empty table", nb: &forecast.NaiveBayes{}, e: ex(-1, sp.Open), ok: false,
	}} {
		got, ok := tt.nb.Probability(&tt.e)
		if ok != tt.ok || math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%s: Probability = %.15f, %v; want %.15f, %v", tt.reason, got, ok, tt.want, tt.ok)
		}
	}
}

// TestNaiveBayesMergeAndJSON: merging two halves equals adding all; the
// table survives a JSON round trip; an open example is not counted.
func TestNaiveBayesMergeAndJSON(t *testing.T) {
	exs := []forecast.Example{
		ex(0, sp.Lost, "source", "A"), ex(1, sp.Won, "source", "B"), ex(1, sp.Lost, "source", "A", "region", "East"),
		ex(2, sp.Won, "source", "A"),
	}
	var whole, a, b forecast.NaiveBayes
	whole.Stages, a.Stages, b.Stages = 3, 3, 3
	for i := range exs {
		whole.Add(&exs[i])
		if i < 2 {
			a.Add(&exs[i])
		} else {
			b.Add(&exs[i])
		}
	}
	a.Merge(&b)
	if diff := cmp.Diff(whole, a); diff != "" {
		t.Errorf("merge (-want +got):\n%s", diff)
	}
	js, err := json.Marshal(whole)
	if err != nil {
		t.Fatal(err)
	}
	var back forecast.NaiveBayes
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(whole, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	open := ex(0, sp.Open, "source", "A")
	if whole.Add(&open) {
		t.Error("Add counted an open example")
	}
}

// TestNaiveBayesShortTable: a table whose stage counts are shorter than
// its Stages (a hand-written or corrupted JSON) scores nothing rather
// than panicking.
func TestNaiveBayesShortTable(t *testing.T) {
	nb := forecast.NaiveBayes{Stages: 3, ByStage: []forecast.WonLost{{Won: 2, Lost: 1}}}
	if p, ok := nb.Probability(&forecast.Example{Stage: 2}); ok {
		t.Errorf("Probability on a short table = %v, true; want no value", p)
	}
}
