package forecast_test

import (
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
)

var t0 = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

func day(n int) time.Time { return t0.AddDate(0, 0, n) }

func rules() forecast.PointRules {
	return forecast.PointRules{
		Actions:    map[string]float64{"demo request": 40, "newsletter sign-up": 5, "pricing page": 10, "demo": 30},
		Attributes: map[string]map[string]float64{"source": {"Referral": 20, "Paid search": -5}, "Company size": {"1000+": 15}},
		HalfLife:   14 * 24 * time.Hour,
		Grades:     []forecast.Grade{{Name: "A", Min: 60}, {Name: "B", Min: 30}, {Name: "C", Min: 10}, {Name: "D", Min: math.Inf(-1)}},
	}
}

func TestPointRulesByHand(t *testing.T) {
	r := rules()
	lead := sp.Lead{ID: "L1", Source: "Referral", Actions: []sp.LeadAction{
		{At: day(0), Name: "newsletter sign-up"}, {At: day(14), Name: "pricing page"},
		{At: day(28), Name: "demo request"}, {At: day(40), Name: "demo request"}, {At: day(20), Name: "webinar"},
	}}
	deal := sp.Deal{ID: "D1", Source: "Paid search", Attrs: map[string]string{"Company size": "1000+"}}
	acts := []sp.Activity{
		{Deal: "D1", Kind: sp.Demo, At: day(7)}, {Deal: "D1", Kind: sp.Call, At: day(7)},
		{Deal: "D2", Kind: sp.Demo, At: day(7)}, {Deal: "D1", Kind: sp.Demo, At: day(30)},
	}
	for _, tt := range []struct {
		reason string
		got    forecast.Points
		want   forecast.Points
	}{{
		// As of day 28: sign-up 5 · 0.5² = 1.25 (two half-lives), pricing
		// 10 · 0.5 = 5, demo request 40 (today); the day-40 request has not
		// happened; "webinar" earns nothing. Referral 20. Total 66.25: A.
		reason: "lead, day 28",
		got:    r.Lead(&lead, day(28)),
		want:   forecast.Points{Actions: 46.25, Attributes: 20, Total: 66.25, Grade: "A"},
	}, {
		// As of day 14: sign-up 2.5, pricing 10. 12.5 + 20 = 32.5: B.
		reason: "lead, day 14",
		got:    r.Lead(&lead, day(14)),
		want:   forecast.Points{Actions: 12.5, Attributes: 20, Total: 32.5, Grade: "B"},
	}, {
		// As of day 21: the day-7 demo is 30 · 0.5 = 15 (calls earn
		// nothing; D2's demo and the day-30 demo do not count). Paid search
		// −5, 1000+ 15. Total 25: C.
		reason: "deal, day 21",
		got:    r.Deal(&deal, acts, day(21)),
		want:   forecast.Points{Actions: 15, Attributes: 10, Total: 25, Grade: "C"},
	}, {
		reason: "deal before anything: attributes only",
		got:    r.Deal(&deal, acts, day(0)),
		want:   forecast.Points{Attributes: 10, Total: 10, Grade: "C"},
	}, {
		reason: "zero rules",
		got:    (&forecast.PointRules{}).Lead(&lead, day(50)),
		want:   forecast.Points{},
	}} {
		if diff := cmp.Diff(tt.want, tt.got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
		}
	}
	r.HalfLife = 0
	if got := r.Lead(&lead, day(100)); got.Actions != 95 {
		t.Errorf("no decay: actions %v, want 5 + 10 + 40 + 40", got.Actions)
	}
}

func TestPointRulesPanics(t *testing.T) {
	for _, r := range []forecast.PointRules{
		{HalfLife: -time.Hour},
		{Grades: []forecast.Grade{{Name: "B", Min: 10}, {Name: "A", Min: 20}}},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%+v: no panic", r)
				}
			}()
			r.Lead(&sp.Lead{}, t0)
		}()
	}
}

func pipeline() sp.Pipeline {
	return sp.Pipeline{Name: "NB", Stages: []sp.Stage{
		{Name: "Qualify", Kind: sp.OpenStage}, {Name: "Demo", Kind: sp.OpenStage}, {Name: "Proposal", Kind: sp.OpenStage},
		{Name: "Won", Kind: sp.WonStage}, {Name: "Lost", Kind: sp.LostStage},
	}}
}

// TestDealScoringAsOf: the example as of an instant reads the stage from
// the history and counts only activities logged by then; nothing later
// changes it (no leakage), but the outcome is the deal's final one.
func TestDealScoringAsOf(t *testing.T) {
	d := sp.Deal{ID: "D1", Pipeline: "NB", Owner: "ava", Source: "Referral", Created: day(0), Closed: day(30),
		Status: sp.Won, Stage: "Won", Attrs: map[string]string{"Company size": "51-200"},
		StageHistory: []sp.StageChange{{At: day(0), Stage: "Qualify"}, {At: day(10), Stage: "Demo"}, {At: day(30), Stage: "Won"}}}
	acts := []sp.Activity{
		{Deal: "D1", Kind: sp.Call, At: day(1)}, {Deal: "D1", Kind: sp.Call, At: day(12)}, {Deal: "D1", Kind: sp.Demo, At: day(11)},
		{Deal: "D1", Kind: sp.Email, At: day(25)}, {Deal: "D1", Kind: sp.MeetingHeld, At: day(29)},
	}
	sc := forecast.DealScoring{Pipeline: pipeline(), Fields: []string{"owner", "source", "region", "Company size"},
		Activities: forecast.IndexActivities(acts)}
	got, reason, ok := sc.AsOf(&d, day(12))
	// Day 12: stage Demo (index 1); calls 2, emails 0, meetings 0, demos 1;
	// age 12 days, 2 days in stage; region unset is left out.
	want := forecast.Example{ID: "D1", Stage: 1, Outcome: sp.Won,
		Fields:  []forecast.Field{{Name: "owner", Value: "ava"}, {Name: "source", Value: "Referral"}, {Name: "Company size", Value: "51-200"}},
		Numbers: []float64{math.Log(3), 0, 0, math.Log(2), math.Log(13), math.Log(3)}}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" || !ok || reason != "" {
		t.Errorf("AsOf day 12 (-want +got), reason %q ok %v:\n%s", reason, ok, diff)
	}
	// Changing everything after day 12 changes nothing.
	late := d
	late.StageHistory = append([]sp.StageChange{}, d.StageHistory[:2]...)
	late.StageHistory = append(late.StageHistory, sp.StageChange{At: day(20), Stage: "Proposal"}, sp.StageChange{At: day(30), Stage: "Won"})
	sc2 := sc
	sc2.Activities = forecast.IndexActivities(append(acts, sp.Activity{Deal: "D1", Kind: sp.Demo, At: day(13)}))
	if got2, _, _ := sc2.AsOf(&late, day(12)); !cmp.Equal(got, got2) {
		t.Errorf("the future leaked: %+v vs %+v", got, got2)
	}
	for _, c := range []struct {
		t      time.Time
		deal   sp.Deal
		reason string
	}{
		{day(30), d, ""}, // closed by then
		{day(-1), d, ""}, // not created yet
		{day(5), sp.Deal{ID: "X", Pipeline: "Other", Created: day(0), Status: sp.Open}, forecast.ScoreLeftOtherPipeline},
		{day(5), sp.Deal{ID: "X", Pipeline: "NB", Created: day(0), Status: sp.Open, Stage: "Contract"}, forecast.ScoreLeftUnknownStage},
		{day(5), sp.Deal{ID: "X", Pipeline: "NB", Created: day(0), Status: sp.Open, Stage: "Won"}, forecast.ScoreLeftStageMismatch},
		{day(5), sp.Deal{ID: "X", Pipeline: "NB", Created: day(0), Status: sp.Open, Stage: "Demo",
			StageHistory: []sp.StageChange{{At: day(6), Stage: "Demo"}}}, forecast.ScoreLeftNoStage},
	} {
		if _, reason, ok := sc.AsOf(&c.deal, c.t); ok || reason != c.reason {
			t.Errorf("%s at %v: reason %q ok %v, want %q", c.deal.ID, c.t, reason, ok, c.reason)
		}
	}
	// Closed: a lost deal's stage is where it was lost.
	lost := sp.Deal{ID: "D2", Pipeline: "NB", Created: day(0), Closed: day(9), Status: sp.Lost, Stage: "Lost",
		StageHistory: []sp.StageChange{{At: day(0), Stage: "Qualify"}, {At: day(4), Stage: "Demo"}, {At: day(9), Stage: "Lost"}}}
	closed, left := sc.Closed([]sp.Deal{d, lost, {ID: "D3", Pipeline: "NB", Status: sp.Open}, {ID: "D4", Pipeline: "Other", Status: sp.Won}})
	if len(closed) != 2 || closed[0].Stage != 1 || closed[1].Stage != 1 || closed[1].Outcome != sp.Lost ||
		!cmp.Equal(left, forecast.ScoreLeftOut{forecast.ScoreLeftOtherPipeline: 1}) {
		t.Errorf("Closed = %+v, left %v", closed, left)
	}
}

func TestLeadExampleAndTimeSplit(t *testing.T) {
	l := sp.Lead{ID: "L1", Source: "Event", Owner: "sam", Converted: day(20), ConvertedDeal: "D9", Actions: []sp.LeadAction{
		{At: day(1), Name: "visit"}, {At: day(2), Name: "visit"}, {At: day(5), Name: "demo request"}, {At: day(30), Name: "late"}}}
	want := forecast.Example{ID: "L1", Stage: -1, Outcome: sp.Open, Fields: []forecast.Field{
		{Name: "source", Value: "Event"}, {Name: "owner", Value: "sam"}, {Name: "action", Value: "visit"}, {Name: "action", Value: "demo request"}}}
	if diff := cmp.Diff(want, forecast.LeadExample(&l, day(10))); diff != "" {
		t.Errorf("LeadExample (-want +got):\n%s", diff)
	}
	if e := forecast.LeadExample(&l, day(40)); e.Outcome != sp.Won || len(e.Fields) != 5 {
		t.Errorf("converted lead as of day 40: %+v", e)
	}
	deals := []sp.Deal{
		{ID: "a", Status: sp.Won, Closed: day(1)}, {ID: "b", Status: sp.Lost, Closed: day(10)},
		{ID: "c", Status: sp.Open}, {ID: "d", Status: sp.Lost, Closed: day(5)},
	}
	train, test := forecast.TimeSplit(deals, day(5))
	if len(train) != 1 || train[0].ID != "a" || len(test) != 2 || test[0].ID != "b" || test[1].ID != "d" {
		t.Errorf("TimeSplit: %v | %v", train, test)
	}
}
