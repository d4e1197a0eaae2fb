package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
)

// TestViewCountsLaterRecords: the records dated at or after the report's
// now are not read, and counted rather than dropped silently.
func TestViewCountsLaterRecords(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, time.January, d, 0, 0, 0, 0, time.UTC) }
	d := &data{asOf: day(10), cal: sp.Calendar{Location: time.UTC},
		deals:      []sp.Deal{{ID: "a", Created: day(1)}, {ID: "b", Created: day(10)}, {ID: "c", Created: day(20)}},
		activities: []sp.Activity{{ID: "x", At: day(9)}, {ID: "y", At: day(10)}},
		leads:      []sp.Lead{{ID: "l1", Created: day(2)}, {ID: "l2", Created: day(11)}, {ID: "l3"}},
	}
	d.view()
	// b (created at the now) and c are later deals; y is a later activity;
	// l2 a later lead; l3 has no date and is kept.
	want := map[string]int{"deal": 2, "activity": 1, "lead": 1}
	if diff := cmp.Diff(want, d.later); diff != "" {
		t.Errorf("later (-want +got):\n%s", diff)
	}
	if len(d.deals) != 1 || len(d.activities) != 1 || len(d.leads) != 2 {
		t.Errorf("kept %d deals, %d activities, %d leads; want 1, 1, 2", len(d.deals), len(d.activities), len(d.leads))
	}
	if got, want := d.laterNote(), "not read: 1 activity, 2 deals, 1 lead dated after the report's now"; got != want {
		t.Errorf("laterNote = %q, want %q", got, want)
	}
}

// TestViewCutsLeadOutcomes: a lead created before the report's now is
// seen without what happened to it later: a conversion, a
// disqualification, a first touch or an action dated at or after the now
// did not happen yet.
func TestViewCutsLeadOutcomes(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, time.January, d, 0, 0, 0, 0, time.UTC) }
	d := &data{asOf: day(10), leads: []sp.Lead{
		{ID: "early", Created: day(1), FirstTouch: day(2), Converted: day(3), ConvertedDeal: "D1",
			Actions: []sp.LeadAction{{At: day(1), Name: "demo request"}}},
		{ID: "late", Created: day(1), FirstTouch: day(10), Converted: day(12), ConvertedDeal: "D2",
			Disqualified: day(15), DisqualifyReason: "budget",
			Actions: []sp.LeadAction{{At: day(1), Name: "newsletter"}, {At: day(11), Name: "demo request"}}},
	}}
	orig := d.leads[1].Actions
	d.view()
	want := []sp.Lead{
		{ID: "early", Created: day(1), FirstTouch: day(2), Converted: day(3), ConvertedDeal: "D1",
			Actions: []sp.LeadAction{{At: day(1), Name: "demo request"}}},
		{ID: "late", Created: day(1), Actions: []sp.LeadAction{{At: day(1), Name: "newsletter"}}},
	}
	if diff := cmp.Diff(want, d.leads); diff != "" {
		t.Errorf("leads (-want +got):\n%s", diff)
	}
	if len(orig) != 2 || orig[1].Name != "demo request" {
		t.Errorf("the original actions were changed: %v", orig)
	}
}

// TestAsOfLaterDealsReported: --as-of 2025-01-12 on testdata/deals.csv
// reads D1 and D2 (created 2025-01-05 and 2025-01-10) and says that the
// three later deals were not read, in the notes and in the JSON.
func TestAsOfLaterDealsReported(t *testing.T) {
	code, out, errs := runCmd("scorecard", "--deals", "testdata/deals.csv", "--as-of", "2025-01-12")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "not read: 3 deals dated after the report's now") {
		t.Errorf("no note of the later deals:\n%s", out)
	}
	code, out, errs = runCmd("scorecard", "--deals", "testdata/deals.csv", "--as-of", "2025-01-12", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Later map[string]int `json:"after_as_of"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"deal": 3}, v.Later); diff != "" {
		t.Errorf("after_as_of (-want +got):\n%s", diff)
	}
}

// TestForecastCountsOffStageDeals: as of 2025-01-12, D1 (won on
// 2025-02-10) and D2 (lost on 2025-02-20) of testdata/deals.csv were open,
// but the export has no stage history, so their views are in the stages
// Won and Lost, which have no probability: the weighted pipeline must say
// it left the two out instead of dropping them.
func TestForecastCountsOffStageDeals(t *testing.T) {
	code, out, errs := runCmd("forecast", "--deals", "testdata/deals.csv", "--as-of", "2025-01-12")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "open deals left out: 2 unknown stage") {
		t.Errorf("the two open deals in closed stages are not reported:\n%s", out)
	}
}

// TestMavenAsOfHidesCloseValue: the Maven export records close_value at
// the close (0 for a lost deal). As of 2017-03-15, M1 (won 2017-04-01,
// 1000) and M2 (lost 2017-04-02, 0) were open: their final values must not
// show, or the forecast would know which one is won. With both left out
// for no amount, the open pipeline is 0 deals and 0.00.
func TestMavenAsOfHidesCloseValue(t *testing.T) {
	dir := t.TempDir()
	csv := "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n" +
		"M0,Ann,GTXPro,Acme,Won,2017-01-02,2017-02-01,500\n" +
		"M1,Ann,GTXPro,Acme,Won,2017-02-01,2017-04-01,1000\n" +
		"M2,Bob,GTXPro,Acme,Lost,2017-02-03,2017-04-02,0\n"
	path := filepath.Join(dir, "sales_pipeline.csv")
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd("forecast", "--preset", "maven", "--deals", path, "--as-of", "2017-03-15", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Weighted struct {
			Deals  int64 `json:"deals"`
			Amount struct {
				Amount string `json:"amount"`
			} `json:"amount"`
		} `json:"weighted"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Weighted.Deals != 0 || v.Weighted.Amount.Amount != "0.00" {
		t.Errorf("open pipeline as of 2017-03-15: %d deals, %s; want 0 deals, 0.00 (the close values are not known yet)", v.Weighted.Deals, v.Weighted.Amount.Amount)
	}
}

// TestLatestSeesEveryHistory: the default now is the day after the latest
// dated change, a change of expected close date or forecast category
// included; else view would cut that change off without a word.
func TestLatestSeesEveryHistory(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, time.January, d, 9, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		name string
		deal sp.Deal
	}{
		{"expected close", sp.Deal{Created: day(1), ExpectedCloseHistory: []sp.ExpectedCloseChange{{At: day(7)}}}},
		{"category", sp.Deal{Created: day(1), CategoryHistory: []sp.CategoryChange{{At: day(7)}}}},
	} {
		d := &data{deals: []sp.Deal{tt.deal}}
		if got, ok := d.latest(); !ok || !got.Equal(day(7)) {
			t.Errorf("%s: latest = %v, %v; want %v", tt.name, got, ok, day(7))
		}
	}
}
