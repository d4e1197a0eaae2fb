package salesperf_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	sp "github.com/salesperf/salesperf"
	"pgregory.net/rapid"
)

// historyDeal: created 1 March, Demo on 5 March, amount raised on
// 10 March, expected close slipped on 12 March, Proposal on 15 March,
// won on 20 March.
func historyDeal() sp.Deal {
	return sp.Deal{
		ID: "D1", Owner: "ann", Pipeline: "new", Stage: "Won", Status: sp.Won,
		Amount:        sp.MustParseMoney("15000.00 USD"),
		Created:       at("2026-03-01T09:00:00Z"),
		Closed:        at("2026-03-20T16:00:00Z"),
		ExpectedClose: sp.Date{Year: 2026, Month: 4, Day: 15},
		Category:      sp.CategoryClosed,
		StageHistory: []sp.StageChange{
			{At: at("2026-03-01T09:00:00Z"), Stage: "Lead"},
			{At: at("2026-03-05T10:00:00Z"), Stage: "Demo"},
			{At: at("2026-03-15T11:00:00Z"), Stage: "Proposal"},
			{At: at("2026-03-20T16:00:00Z"), Stage: "Won"},
		},
		AmountHistory: []sp.AmountChange{
			{At: at("2026-03-01T09:00:00Z"), Amount: sp.MustParseMoney("10000.00 USD")},
			{At: at("2026-03-10T12:00:00Z"), Amount: sp.MustParseMoney("15000.00 USD")},
		},
		ExpectedCloseHistory: []sp.ExpectedCloseChange{
			{At: at("2026-03-01T09:00:00Z"), ExpectedClose: sp.Date{Year: 2026, Month: 3, Day: 31}},
			{At: at("2026-03-12T08:00:00Z"), ExpectedClose: sp.Date{Year: 2026, Month: 4, Day: 15}},
		},
		CategoryHistory: []sp.CategoryChange{
			{At: at("2026-03-05T10:00:00Z"), Category: sp.CategoryPipeline},
			{At: at("2026-03-15T11:00:00Z"), Category: sp.CategoryCommit},
			{At: at("2026-03-20T16:00:00Z"), Category: sp.CategoryClosed},
		},
	}
}

// state is the part of a deal the as-of view is about.
type state struct {
	Stage         string
	Status        sp.Status
	Amount        string
	ExpectedClose sp.Date
	Category      sp.ForecastCategory
	Closed        time.Time
}

func stateOf(d sp.Deal) state {
	return state{d.Stage, d.Status, d.Amount.String(), d.ExpectedClose, d.Category, d.Closed}
}

func TestDealAsOf(t *testing.T) {
	d := historyDeal()
	apr15 := sp.Date{Year: 2026, Month: 4, Day: 15}
	mar31 := sp.Date{Year: 2026, Month: 3, Day: 31}
	tests := []struct {
		name string
		at   string
		want state
	}{
		// Category history starts on 5 March: before it, the category is not known.
		{"at creation", "2026-03-01T09:00:00Z", state{"Lead", sp.Open, "10000.00 USD", mar31, sp.NoCategory, time.Time{}}},
		{"before the first category entry", "2026-03-03T00:00:00Z", state{"Lead", sp.Open, "10000.00 USD", mar31, sp.NoCategory, time.Time{}}},
		{"at the demo instant", "2026-03-05T10:00:00Z", state{"Demo", sp.Open, "10000.00 USD", mar31, sp.CategoryPipeline, time.Time{}}},
		{"a nanosecond before the raise", "2026-03-10T11:59:59.999999999Z", state{"Demo", sp.Open, "10000.00 USD", mar31, sp.CategoryPipeline, time.Time{}}},
		{"after the raise and the slip", "2026-03-13T00:00:00Z", state{"Demo", sp.Open, "15000.00 USD", apr15, sp.CategoryPipeline, time.Time{}}},
		{"in proposal", "2026-03-19T00:00:00Z", state{"Proposal", sp.Open, "15000.00 USD", apr15, sp.CategoryCommit, time.Time{}}},
		{"at close", "2026-03-20T16:00:00Z", state{"Won", sp.Won, "15000.00 USD", apr15, sp.CategoryClosed, at("2026-03-20T16:00:00Z")}},
		{"long after", "2027-01-01T00:00:00Z", state{"Won", sp.Won, "15000.00 USD", apr15, sp.CategoryClosed, at("2026-03-20T16:00:00Z")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := d.AsOf(at(tt.at))
			if !ok {
				t.Fatal("AsOf: deal reported as not existing")
			}
			if diff := cmp.Diff(tt.want, stateOf(v)); diff != "" {
				t.Errorf("AsOf(%s) (-want +got):\n%s", tt.at, diff)
			}
		})
	}
	if _, ok := d.AsOf(at("2026-02-28T23:59:59Z")); ok {
		t.Error("AsOf before Created: ok = true, want false")
	}
}

func TestDealAsOfTruncatesHistory(t *testing.T) {
	d := historyDeal()
	v, _ := d.AsOf(at("2026-03-12T08:00:00Z"))
	want := []sp.StageChange{d.StageHistory[0], d.StageHistory[1]}
	if diff := cmp.Diff(want, v.StageHistory); diff != "" {
		t.Errorf("stage history (-want +got):\n%s", diff)
	}
	if len(v.ExpectedCloseHistory) != 2 || len(v.AmountHistory) != 2 || len(v.CategoryHistory) != 1 {
		t.Errorf("history lengths: expected close %d (want 2), amount %d (want 2), category %d (want 1)",
			len(v.ExpectedCloseHistory), len(v.AmountHistory), len(v.CategoryHistory))
	}
	// Appending to the view must not write into the deal's own history.
	_ = append(v.StageHistory, sp.StageChange{Stage: "Lost"})
	if d.StageHistory[2].Stage != "Proposal" {
		t.Error("appending to the as-of view's history changed the deal")
	}
}

// TestDealAsOfProperties: for valid generated deals, the view at the close
// instant is the deal itself, and the view at t depends on nothing dated
// after t (changing every later entry leaves it unchanged).
func TestDealAsOfProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genDeal("G1").Draw(t, "deal")
		if err := sp.Validate(&sp.Dataset{Pipelines: testPipes, Deals: []sp.Deal{d}}); err != nil {
			t.Fatalf("generator made an invalid deal: %v", err)
		}
		if d.Status != sp.Open {
			v, _ := d.AsOf(d.Closed)
			if diff := cmp.Diff(d, v, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("AsOf(Closed) differs from the deal (-deal +view):\n%s", diff)
			}
		}
		cut := d.Created.Add(time.Duration(rapid.Int64Range(0, int64(200*24*time.Hour)).Draw(t, "cut")))
		v1, _ := d.AsOf(cut)
		// Tamper with the future: every entry after cut changes value.
		f := historyDealCopy(d)
		for i := range f.StageHistory {
			if f.StageHistory[i].At.After(cut) {
				f.StageHistory[i].Stage = "Tampered"
			}
		}
		for i := range f.AmountHistory {
			if f.AmountHistory[i].At.After(cut) {
				f.AmountHistory[i].Amount = sp.MustParseMoney("999.99 EUR")
			}
		}
		for i := range f.ExpectedCloseHistory {
			if f.ExpectedCloseHistory[i].At.After(cut) {
				f.ExpectedCloseHistory[i].ExpectedClose = sp.Date{Year: 1999, Month: 1, Day: 1}
			}
		}
		if !f.Closed.IsZero() && f.Closed.After(cut) {
			f.Status, f.LostReason = sp.Lost, "tampered"
		}
		v2, _ := f.AsOf(cut)
		if diff := cmp.Diff(v1, v2, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("AsOf(%v) read a field dated after the cut (-orig +tampered):\n%s", cut, diff)
		}
		if diff := cmp.Diff(stateOf(v1), stateOf(v2)); diff != "" {
			t.Fatalf("AsOf(%v) tracked fields read the future (-orig +tampered):\n%s", cut, diff)
		}
	})
}

func historyDealCopy(d sp.Deal) sp.Deal {
	d.StageHistory = append([]sp.StageChange(nil), d.StageHistory...)
	d.AmountHistory = append([]sp.AmountChange(nil), d.AmountHistory...)
	d.ExpectedCloseHistory = append([]sp.ExpectedCloseChange(nil), d.ExpectedCloseHistory...)
	d.CategoryHistory = append([]sp.CategoryChange(nil), d.CategoryHistory...)
	return d
}

func TestDealAsOfWithoutStageHistory(t *testing.T) {
	d := sp.Deal{ID: "7", Owner: "ann", Stage: "Won", Status: sp.Won, Created: at("2026-03-01T00:00:00Z"), Closed: at("2026-03-20T00:00:00Z")}
	v, _ := d.AsOf(at("2026-03-10T00:00:00Z"))
	if v.Stage != "" || v.Status != sp.Open {
		t.Errorf("before the close: stage %q, status %v; want \"\" (not recorded) and open", v.Stage, v.Status)
	}
	v, _ = d.AsOf(d.Closed)
	if v.Stage != "Won" || v.Status != sp.Won {
		t.Errorf("at the close: stage %q, status %v; want Won, won", v.Stage, v.Status)
	}
	open := sp.Deal{ID: "8", Owner: "ann", Stage: "Demo", Status: sp.Open, Created: at("2026-03-01T00:00:00Z")}
	if v, _ := open.AsOf(at("2026-03-10T00:00:00Z")); v.Stage != "Demo" {
		t.Errorf("an open deal without history keeps its stage: got %q", v.Stage)
	}
}
