package forecast_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
	"github.com/shopspring/decimal"
)

// fcPipeline is the pipeline of this file's tests: three open stages
// with defaults 0.1, 0.3 and 0.5, then won and lost.
func fcPipeline() *sp.Pipeline {
	return &sp.Pipeline{Name: "New", Stages: []sp.Stage{
		{Name: "Lead", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.1")},
		{Name: "Demo", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.3")},
		{Name: "Proposal", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.5")},
		{Name: "Won", Kind: sp.WonStage, Probability: decimal.RequireFromString("1")},
		{Name: "Lost", Kind: sp.LostStage, Probability: decimal.Zero},
	}}
}

// fcAt is noon UTC on a day of 2026.
func fcAt(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, time.UTC) }

// fcHist is a stage history: one entry per stage, a day apart from 1 January.
func fcHist(stages ...string) []sp.StageChange {
	h := make([]sp.StageChange, len(stages))
	for i, s := range stages {
		h[i] = sp.StageChange{At: fcAt(1, 1+i), Stage: s}
	}
	return h
}

// fcClosed is a closed deal of pipeline New with the stage history given;
// its status and stage follow the last entry.
func fcClosed(id, region string, stages ...string) sp.Deal {
	d := sp.Deal{ID: id, Pipeline: "New", Region: region, Created: fcAt(1, 1), Closed: fcAt(1, 20),
		StageHistory: fcHist(stages...), Stage: stages[len(stages)-1], Status: sp.Lost}
	if d.Stage == "Won" {
		d.Status = sp.Won
	}
	return d
}

func fcDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// fcHistory is the hand-made history of the learning tests:
//
//	W1  won   Lead → Demo → Proposal → Won
//	W2  won   Lead → Proposal → Won               (skipped Demo: reached it)
//	W3  won   no history, stage Won               (reached every open stage)
//	L1  lost  Lead → Lost                         furthest Lead
//	L2  lost  Lead → Demo → Lost                  furthest Demo
//	L3  lost  Lead → Demo → Proposal → Demo → Lost furthest Proposal (moving back does not un-reach)
//	L4  lost  Lead → Proposal → Lost              furthest Proposal (Demo skipped, reached)
//	L5  lost  Lost only                           reached no open stage
//	O1  open  Demo                                ignored (not closed)
//	X1  lost  other pipeline                      ignored
//
// Counts: won = 3 at every stage; lost that reached Lead = L1–L4 = 4,
// Demo = L2–L4 = 3, Proposal = L3, L4 = 2; so n = 7, 6, 5.
func fcHistory() []sp.Deal {
	w3 := sp.Deal{ID: "W3", Pipeline: "New", Stage: "Won", Status: sp.Won, Region: "west", Created: fcAt(1, 1), Closed: fcAt(1, 20)}
	x1 := fcClosed("X1", "east", "Lead", "Lost")
	x1.Pipeline = "Renewal"
	return []sp.Deal{
		fcClosed("W1", "east", "Lead", "Demo", "Proposal", "Won"),
		fcClosed("W2", "west", "Lead", "Proposal", "Won"),
		w3,
		fcClosed("L1", "east", "Lead", "Lost"),
		fcClosed("L2", "west", "Lead", "Demo", "Lost"),
		fcClosed("L3", "west", "Lead", "Demo", "Proposal", "Demo", "Lost"),
		fcClosed("L4", "west", "Lead", "Proposal", "Lost"),
		fcClosed("L5", "north", "Lost"),
		{ID: "O1", Pipeline: "New", Stage: "Demo", Status: sp.Open, Region: "east", Created: fcAt(1, 1)},
		x1,
	}
}

func TestFixedStage(t *testing.T) {
	p := fcPipeline()
	p.Stages = append(p.Stages, sp.Stage{Name: "Demo", Kind: sp.OpenStage, Probability: fcDec("0.9")}) // a duplicate: the first counts
	got := forecast.FixedStage(p)
	want := forecast.StageProbabilities{
		Pipeline: "New",
		Stages:   map[string]decimal.Decimal{"Lead": fcDec("0.1"), "Demo": fcDec("0.3"), "Proposal": fcDec("0.5")},
		Source:   map[string]string{"Lead": "default", "Demo": "default", "Proposal": "default"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("FixedStage (-want +got):\n%s", d)
	}
}

func TestLookup(t *testing.T) {
	probs := forecast.FixedStage(fcPipeline())
	probs.Stages["Proposal"] = fcDec("1.5")
	tests := []struct {
		reason string
		d      sp.Deal
		want   forecast.Missing
		p      string
	}{
		{"a known open stage", sp.Deal{Pipeline: "New", Stage: "Demo"}, forecast.NotMissing, "0.3"},
		{"another pipeline", sp.Deal{Pipeline: "Renewal", Stage: "Demo"}, forecast.MissingPipeline, "0"},
		{"the default pipeline, but the table is not the default", sp.Deal{Stage: "Demo"}, forecast.MissingPipeline, "0"},
		{"a won stage has no open-deal probability", sp.Deal{Pipeline: "New", Stage: "Won"}, forecast.MissingStage, "0"},
		{"an unknown stage", sp.Deal{Pipeline: "New", Stage: "Mystery"}, forecast.MissingStage, "0"},
		{"an entry above 1", sp.Deal{Pipeline: "New", Stage: "Proposal"}, forecast.MissingInvalid, "0"},
	}
	for _, tt := range tests {
		p, m := probs.Lookup(&tt.d)
		if m != tt.want || !p.Equal(fcDec(tt.p)) {
			t.Errorf("%s: Lookup = %s, %q; want %s, %q", tt.reason, p, m, tt.p, tt.want)
		}
		_, ok := probs.Of(&tt.d)
		f, fok := probs.Float(&tt.d)
		if ok != (tt.want == forecast.NotMissing) || fok != ok {
			t.Errorf("%s: Of ok = %v, Float ok = %v", tt.reason, ok, fok)
		}
		if ok && f != 0.3 {
			t.Errorf("%s: Float = %v, want 0.3", tt.reason, f)
		}
	}
	probs.Default = true
	if p, ok := probs.Of(&sp.Deal{Stage: "Lead"}); !ok || !p.Equal(fcDec("0.1")) {
		t.Errorf("default pipeline: Of = %s, %v; want 0.1, true", p, ok)
	}
}

func TestValidate(t *testing.T) {
	probs := forecast.FixedStage(fcPipeline())
	if err := probs.Validate(); err != nil {
		t.Fatalf("Validate on defaults: %v", err)
	}
	probs.Stages["Demo"] = fcDec("-0.1")
	probs.Stages["Proposal"] = fcDec("1.01")
	err := probs.Validate()
	var ve *sp.ValidationError
	if !errors.Is(err, sp.ErrInvalidValue) || !errors.As(err, &ve) || ve.Record != "pipeline" || ve.ID != "New" {
		t.Fatalf("Validate = %v; want pipeline New errors wrapping ErrInvalidValue", err)
	}
	want := `salesperf: pipeline New: stages: invalid value: probability -0.1 of stage "Demo" outside [0, 1]
salesperf: pipeline New: stages: invalid value: probability 1.01 of stage "Proposal" outside [0, 1]`
	if d := cmp.Diff(want, err.Error()); d != "" {
		t.Errorf("message (-want +got):\n%s", d)
	}
}

// TestProbabilityRange: the bounds of [0, 1] whatever the decimal's
// exponent, as Lookup and Validate check them.
func TestProbabilityRange(t *testing.T) {
	for v, want := range map[string]bool{
		"0": true, "0.00": true, "1": true, "1.0000": true, "0.999999": true, "0.5": true,
		"1.0001": false, "10": false, "-0.0001": false, "2": false, "100e-2": true, "1e1": false,
		"0.0000000000000000000001": true, "1.0000000000000000000001": false, "0.99999999999999999999999": true,
	} {
		probs := forecast.StageProbabilities{Pipeline: "New", Stages: map[string]decimal.Decimal{"Lead": fcDec(v)}}
		_, m := probs.Lookup(&sp.Deal{Pipeline: "New", Stage: "Lead"})
		if got := m == forecast.NotMissing; got != want || (probs.Validate() == nil) != want {
			t.Errorf("%s: in [0, 1] = %v, Validate %v; want %v", v, got, probs.Validate(), want)
		}
	}
}

func TestLearnStage(t *testing.T) {
	deals := fcHistory()
	tests := []struct {
		reason string
		cfg    forecast.LearnConfig
		want   forecast.StageProbabilities
	}{{
		reason: "no minimum: won / n = 3/7, 3/6, 3/5",
		want: forecast.StageProbabilities{
			Pipeline: "New",
			Stages:   map[string]decimal.Decimal{"Lead": fcDec("0.428571"), "Demo": fcDec("0.5"), "Proposal": fcDec("0.6")},
			Source:   map[string]string{"Lead": "learned", "Demo": "learned", "Proposal": "learned"},
			N:        map[string]int64{"Lead": 7, "Demo": 6, "Proposal": 5},
			Won:      map[string]int64{"Lead": 3, "Demo": 3, "Proposal": 3},
		},
	}, {
		// Proposal n = 5 < 6: (3 + 6 × 0.5) / (5 + 6) = 6/11 = 0.5454545… → 0.545455.
		reason: "MinN 6: Proposal falls back",
		cfg:    forecast.LearnConfig{MinN: 6},
		want: forecast.StageProbabilities{
			Pipeline: "New",
			Stages:   map[string]decimal.Decimal{"Lead": fcDec("0.428571"), "Demo": fcDec("0.5"), "Proposal": fcDec("0.545455")},
			Source:   map[string]string{"Lead": "learned", "Demo": "learned", "Proposal": "fallback"},
			N:        map[string]int64{"Lead": 7, "Demo": 6, "Proposal": 5},
			Won:      map[string]int64{"Lead": 3, "Demo": 3, "Proposal": 3},
		},
	}, {
		// Lead (3 + 10 × 0.1) / 17 = 4/17 = 0.2352941… → 0.2353 at 4 places;
		// Demo (3 + 3) / 16 = 0.375; Proposal (3 + 5) / 15 = 0.5333… → 0.5333.
		reason: "MinN 10, 4 places: every stage falls back",
		cfg:    forecast.LearnConfig{MinN: 10, Places: 4},
		want: forecast.StageProbabilities{
			Pipeline: "New",
			Stages:   map[string]decimal.Decimal{"Lead": fcDec("0.2353"), "Demo": fcDec("0.375"), "Proposal": fcDec("0.5333")},
			Source:   map[string]string{"Lead": "fallback", "Demo": "fallback", "Proposal": "fallback"},
			N:        map[string]int64{"Lead": 7, "Demo": 6, "Proposal": 5},
			Won:      map[string]int64{"Lead": 3, "Demo": 3, "Proposal": 3},
		},
	}}
	for _, tt := range tests {
		got := forecast.LearnStage(metrics.Refs(deals), fcPipeline(), tt.cfg)
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.reason, d)
		}
	}
}

func TestLearnStageNoData(t *testing.T) {
	got := forecast.LearnStage(metrics.Refs([]sp.Deal{}), fcPipeline(), forecast.LearnConfig{MinN: 5, Default: true})
	want := forecast.StageProbabilities{
		Pipeline: "New", Default: true,
		Stages: map[string]decimal.Decimal{"Lead": fcDec("0.1"), "Demo": fcDec("0.3"), "Proposal": fcDec("0.5")},
		Source: map[string]string{"Lead": "default", "Demo": "default", "Proposal": "default"},
		N:      map[string]int64{"Lead": 0, "Demo": 0, "Proposal": 0},
		Won:    map[string]int64{"Lead": 0, "Demo": 0, "Proposal": 0},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("no closed deal (-want +got):\n%s", d)
	}
}

// TestLearnStageAsOf: learning as of an instant sees only the deals
// closed by then, as they stood then.
func TestLearnStageAsOf(t *testing.T) {
	asOf := fcAt(2, 1)
	deals := fcHistory()
	// Won after asOf: open at asOf, ignored. Lost after asOf: ignored.
	late := fcClosed("late", "east", "Lead", "Demo", "Proposal", "Won")
	late.Closed = fcAt(3, 1)
	lateLost := fcClosed("late lost", "east", "Lead", "Lost")
	lateLost.Closed = fcAt(3, 1)
	lateLost.StageHistory[1].At = fcAt(3, 1)
	// Created after asOf: ignored.
	future := fcClosed("future", "east", "Lead", "Lost")
	future.Created, future.Closed = fcAt(2, 10), fcAt(2, 20)
	future.StageHistory = []sp.StageChange{{At: fcAt(2, 10), Stage: "Lead"}, {At: fcAt(2, 20), Stage: "Lost"}}
	got := forecast.LearnStage(metrics.Refs(append(deals, late, lateLost, future)), fcPipeline(), forecast.LearnConfig{AsOf: asOf})
	want := forecast.LearnStage(metrics.Refs(deals), fcPipeline(), forecast.LearnConfig{})
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("as of 1 February (-want +got):\n%s", d)
	}
}

func TestLearnBy(t *testing.T) {
	deals := fcHistory()
	got := forecast.LearnBy(metrics.Refs(deals), fcPipeline(), segment.Territory, forecast.LearnConfig{MinN: 2})
	// Whole: every n ≥ 2, learned: 3/7, 3/6, 3/5.
	// east: W1 won, L1 lost at Lead. Lead n = 2: 1/2. Demo n = 1:
	// (1 + 2 × 0.5) / 3 = 0.666667. Proposal n = 1: (1 + 2 × 0.6) / 3 =
	// 0.733333.
	// west: W2, W3 won; L2 (Demo), L3, L4 (Proposal); L5 reached nothing.
	// Lead n = 5: 2/5; Demo n = 5: 2/5; Proposal n = 4: 2/4.
	// north: only L5, which reached no stage: no table.
	east := &forecast.StageProbabilities{
		Pipeline: "New",
		Stages:   map[string]decimal.Decimal{"Lead": fcDec("0.5"), "Demo": fcDec("0.666667"), "Proposal": fcDec("0.733333")},
		Source:   map[string]string{"Lead": "learned", "Demo": "fallback", "Proposal": "fallback"},
		N:        map[string]int64{"Lead": 2, "Demo": 1, "Proposal": 1},
		Won:      map[string]int64{"Lead": 1, "Demo": 1, "Proposal": 1},
	}
	west := &forecast.StageProbabilities{
		Pipeline: "New",
		Stages:   map[string]decimal.Decimal{"Lead": fcDec("0.4"), "Demo": fcDec("0.4"), "Proposal": fcDec("0.5")},
		Source:   map[string]string{"Lead": "learned", "Demo": "learned", "Proposal": "learned"},
		N:        map[string]int64{"Lead": 5, "Demo": 5, "Proposal": 4},
		Won:      map[string]int64{"Lead": 2, "Demo": 2, "Proposal": 2},
	}
	if d := cmp.Diff(forecast.LearnStage(metrics.Refs(deals), fcPipeline(), forecast.LearnConfig{MinN: 2}), got.Whole); d != "" {
		t.Errorf("Whole (-want +got):\n%s", d)
	}
	if d := cmp.Diff(map[string]*forecast.StageProbabilities{"east": east, "west": west}, got.Segments); d != "" {
		t.Errorf("Segments (-want +got):\n%s", d)
	}
	for _, tt := range []struct {
		region, stage, want string
	}{
		{"east", "Demo", "0.666667"},
		{"west", "Demo", "0.4"},
		{"south", "Demo", "0.5"}, // no table: the whole pipeline's
	} {
		p, ok := got.Of(&sp.Deal{Pipeline: "New", Region: tt.region, Stage: tt.stage})
		if !ok || !p.Equal(fcDec(tt.want)) {
			t.Errorf("%s %s: Of = %s, %v; want %s", tt.region, tt.stage, p, ok, tt.want)
		}
	}
}

func TestLearnPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"nil pipeline":   func() { forecast.LearnStage(metrics.Refs([]sp.Deal{}), nil, forecast.LearnConfig{}) },
		"negative MinN":  func() { forecast.LearnStage(metrics.Refs([]sp.Deal{}), fcPipeline(), forecast.LearnConfig{MinN: -1}) },
		"nil key":        func() { forecast.LearnBy(metrics.Refs([]sp.Deal{}), fcPipeline(), nil, forecast.LearnConfig{}) },
		"FixedStage nil": func() { forecast.FixedStage(nil) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
