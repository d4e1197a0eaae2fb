package metrics_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// actAt is an instant in March 2026, UTC.
func actAt(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }

// activityBook is fourteen activities whose figures are worked out by
// hand in the tests below.
//
//	id  rep  kind               duration   category
//	1   ann  call               10m        prospecting
//	2   ann  call               5m30.9s    prospecting   (330 s: truncated)
//	3   ann  call               0          prospecting   (untimed)
//	4   ann  meeting held       1h         presenting
//	5   ann  proposal           45m        presenting
//	6   ann  webinar (custom)   2h         training (custom)
//	7   ann  email              2m         uncategorized
//	8   bob  call               15m        prospecting
//	9   bob  meeting scheduled  3m         prospecting
//	10  bob  demo               1h30m      presenting
//	11  bob  task               30m        data entry
//	12  bob  webinar (custom)   0          lead research (untimed)
//	13  bob  site visit         1h         travel (custom)
//	14  bob  ActivityKind(0)    1m         TimeCategory(9) (both invalid)
func activityBook() []sp.Activity {
	a := func(id, rep string, k sp.ActivityKind, custom string, d time.Duration, c sp.TimeCategory, customCat string) sp.Activity {
		return sp.Activity{ID: id, Rep: rep, Kind: k, CustomKind: custom, At: actAt(2, 9), Duration: d, Category: c, CustomCategory: customCat}
	}
	return []sp.Activity{
		a("1", "ann", sp.Call, "", 10*time.Minute, sp.Prospecting, ""),
		a("2", "ann", sp.Call, "", 5*time.Minute+30*time.Second+900*time.Millisecond, sp.Prospecting, ""),
		a("3", "ann", sp.Call, "", 0, sp.Prospecting, ""),
		a("4", "ann", sp.MeetingHeld, "", time.Hour, sp.Presenting, ""),
		a("5", "ann", sp.Proposal, "", 45*time.Minute, sp.Presenting, ""),
		a("6", "ann", sp.CustomKind, "webinar", 2*time.Hour, sp.CustomCategory, "training"),
		a("7", "ann", sp.Email, "", 2*time.Minute, sp.Uncategorized, ""),
		a("8", "bob", sp.Call, "", 15*time.Minute, sp.Prospecting, ""),
		a("9", "bob", sp.MeetingScheduled, "", 3*time.Minute, sp.Prospecting, ""),
		a("10", "bob", sp.Demo, "", 90*time.Minute, sp.Presenting, ""),
		a("11", "bob", sp.Task, "", 30*time.Minute, sp.DataEntry, ""),
		a("12", "bob", sp.CustomKind, "webinar", 0, sp.LeadResearch, ""),
		a("13", "bob", sp.CustomKind, "site visit", time.Hour, sp.CustomCategory, "travel"),
		a("14", "bob", 0, "", time.Minute, 9, ""),
	}
}

func TestActivityCountsOnBook(t *testing.T) {
	acts := activityBook()
	got := metrics.ActivityCounts().Compute(metrics.Refs(acts))
	// Calls: 1, 2, 3, 8 = 4 (the untimed call 3 counts). Email 7; meeting
	// scheduled 9; meeting held 4; demo 10; proposal 5; task 11; webinar
	// 6 and 12; site visit 13; invalid 14.
	want := metrics.KindCounts{
		Kinds:       [10]int64{4, 1, 0, 0, 1, 1, 1, 0, 1, 1},
		CustomKinds: map[string]int64{"webinar": 2, "site visit": 1},
		Invalid:     1,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ActivityCounts (-want +got):\n%s", diff)
	}
	tests := []struct {
		kind   sp.ActivityKind
		want   int64
		reason string
	}{
		{sp.Call, 4, "calls, timed or not"},
		{sp.MeetingScheduled, 1, "scheduled apart from held"},
		{sp.MeetingHeld, 1, "held apart from scheduled"},
		{sp.Conversation, 0, "none"},
		{sp.CustomKind, 3, "every custom kind: 2 webinars + 1 site visit"},
		{0, 0, "the invalid kind is not a kind (see Invalid)"},
		{42, 0, "nor is 42"},
	}
	for _, tt := range tests {
		if n := got.Of(tt.kind); n != tt.want {
			t.Errorf("%s: Of(%v) = %d, want %d", tt.reason, tt.kind, n, tt.want)
		}
	}
	if n := got.Custom("webinar"); n != 2 {
		t.Errorf("Custom(webinar) = %d, want 2", n)
	}
	if n := got.Custom("nope"); n != 0 {
		t.Errorf("Custom(nope) = %d, want 0", n)
	}
	// 11 built-in + 3 custom + 1 invalid = 14, every activity once.
	if n := got.Total(); n != 14 {
		t.Errorf("Total = %d, want 14", n)
	}
	wantStr := "call 4, email 1, meeting scheduled 1, meeting held 1, demo 1, proposal 1, task 1, site visit 1, webinar 2, invalid kind 1"
	if s := got.String(); s != wantStr {
		t.Errorf("String = %q\nwant     %q", s, wantStr)
	}
	if s := (metrics.KindCounts{}).String(); s != "–" {
		t.Errorf("empty String = %q, want –", s)
	}
	// All stops when asked to.
	var first []string
	for name := range got.All() {
		first = append(first, name)
		if len(first) == 2 {
			break
		}
	}
	if diff := cmp.Diff([]string{"call", "email"}, first); diff != "" {
		t.Errorf("All, first two (-want +got):\n%s", diff)
	}
}

func TestActivityCountsJSON(t *testing.T) {
	acts := activityBook()[5:7] // a webinar and an email
	s := metrics.ActivityCounts().Fold(metrics.Refs(acts))
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"kinds":[0,1,0,0,0,0,0,0,0,0],"custom":{"webinar":1}}`
	if string(data) != want {
		t.Errorf("state JSON = %s, want %s", data, want)
	}
	var back metrics.KindCounts
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestActivityRatiosByRep(t *testing.T) {
	acts := activityBook()
	counts := segment.By(metrics.Refs(acts), segment.Rep, metrics.ActivityCounts())
	deals := []sp.Deal{
		{ID: "d1", Owner: "ann", Status: sp.Won, Amount: sp.MustParseMoney("12000.00 USD"), Created: actAt(1, 9), Closed: actAt(20, 9)},
		{ID: "d2", Owner: "ann", Status: sp.Won, Amount: sp.MustParseMoney("3000.00 USD"), Created: actAt(1, 9), Closed: actAt(21, 9)},
		{ID: "d3", Owner: "bob", Status: sp.Lost, Amount: sp.MustParseMoney("5000.00 USD"), Created: actAt(1, 9), Closed: actAt(22, 9)},
	}
	won := segment.By(metrics.Refs(deals), segment.Owner, metrics.Counts())
	type ratios struct{ CallsPerMeeting, MeetingsPerWon, ProposalsPerWon metrics.Rate }
	got := map[string]ratios{}
	for rep, c := range counts {
		w := won[rep].Won
		got[rep] = ratios{metrics.CallsPerMeeting(c), metrics.MeetingsPerWonDeal(c, w), metrics.ProposalsPerWonDeal(c, w)}
	}
	// ann: 3 calls / 1 meeting held; 1 meeting held / 2 won; 1 proposal /
	// 2 won. bob: 1 call / 0 meetings held (his meeting was only
	// scheduled); no won deal, so neither per-won ratio has a value.
	want := map[string]ratios{
		"ann": {metrics.Rate{Num: 3, Den: 1}, metrics.Rate{Num: 1, Den: 2}, metrics.Rate{Num: 1, Den: 2}},
		"bob": {metrics.Rate{Num: 1, Den: 0}, metrics.Rate{Num: 0, Den: 0}, metrics.Rate{Num: 0, Den: 0}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ratios by rep (-want +got):\n%s", diff)
	}
	if _, ok := got["bob"].CallsPerMeeting.Value(); ok {
		t.Error("bob's calls per meeting has a value with no meeting held")
	}
	if v, ok := got["ann"].CallsPerMeeting.Decimal(1, sp.RoundHalfEven); !ok || v.StringFixed(1) != "3.0" {
		t.Errorf("ann's calls per meeting = %v %v, want 3.0", v, ok)
	}
}

func TestActivityCountsMergeInvalidAndEmpty(t *testing.T) {
	agg := metrics.ActivityCounts()
	acts := activityBook()
	left := agg.Fold(metrics.Refs(acts[:7]))
	right := agg.Fold(metrics.Refs(acts[7:]))
	var empty metrics.KindCounts
	agg.Merge(&empty, &left)
	agg.Merge(&empty, &right)
	if got := empty.Total(); got != 14 || empty.Invalid != 1 || empty.Custom("webinar") != 2 {
		t.Errorf("merged: total %d, invalid %d, webinars %d; want 14, 1, 2", got, empty.Invalid, empty.Custom("webinar"))
	}
	// The merge left its source alone: right still has one webinar.
	if n := right.Custom("webinar"); n != 1 {
		t.Errorf("source changed: right has %d webinars, want 1", n)
	}
	if got := agg.Compute(metrics.Refs([]sp.Activity(nil))); got.Total() != 0 || got.CustomKinds != nil {
		t.Errorf("over nothing = %+v, want the zero KindCounts", got)
	}
}

// TestActivityKeys checks the ready keys over activities in the segment
// package.
func TestActivityKeys(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	org, err := sp.NewOrg([]sp.Membership{
		{Person: "ann", Manager: "max", Team: "east", Region: "amer", Until: sp.Date{Year: 2026, Month: 4, Day: 1}},
		{Person: "ann", Manager: "mia", Team: "west", Region: "emea", From: sp.Date{Year: 2026, Month: 4, Day: 1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	// 1 April 02:00 UTC is still 31 March in New York.
	a := &sp.Activity{Rep: "ann", Deal: "d7", Kind: sp.CustomKind, CustomKind: "webinar",
		Category: sp.CustomCategory, CustomCategory: "training", At: time.Date(2026, 4, 1, 2, 0, 0, 0, time.UTC)}
	cal := sp.Calendar{Location: ny}
	type keys struct {
		Rep, Kind, Category, Deal   string
		Month, MonthUTC             string
		Manager, Team, Region       string
		ManagerUTC, TeamUTC, RegUTC string
	}
	got := keys{
		segment.Rep(a), segment.Kind(a), segment.Category(a), segment.Deal(a),
		segment.ActivityPeriod(cal, sp.Month)(a).String(), segment.ActivityPeriod(sp.Calendar{}, sp.Month)(a).String(),
		segment.RepManager(org, ny)(a), segment.RepTeam(org, ny)(a), segment.RepRegion(org, ny)(a),
		segment.RepManager(org, nil)(a), segment.RepTeam(org, nil)(a), segment.RepRegion(org, nil)(a),
	}
	want := keys{"ann", "webinar", "training", "d7", "2026-03", "2026-04", "max", "east", "amer", "mia", "west", "emea"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	b := &sp.Activity{Rep: "ann", Kind: sp.MeetingHeld}
	if p := segment.ActivityPeriod(cal, sp.Week)(b); p != (sp.Period{}) {
		t.Errorf("activity without a time in period %v, want the zero Period", p)
	}
	if k := segment.RepTeam(org, ny)(b); k != "" {
		t.Errorf("activity without a time credited to team %q, want \"\"", k)
	}
	if k, c := segment.Kind(b), segment.Category(b); k != "meeting held" || c != "uncategorized" {
		t.Errorf("Kind, Category = %q, %q; want meeting held, uncategorized", k, c)
	}
	b.Rep = "zed"
	b.At = a.At
	if k := segment.RepManager(org, ny)(b); k != "" {
		t.Errorf("unknown rep credited to manager %q, want \"\"", k)
	}
}

func TestActivityPeriodPanics(t *testing.T) {
	tests := []struct {
		cal    sp.Calendar
		g      sp.Grain
		reason string
	}{
		{sp.Calendar{}, 0, "zero grain"},
		{sp.Calendar{}, sp.Year + 1, "grain past Year"},
		{sp.Calendar{FiscalYearStart: 13}, sp.Month, "invalid calendar"},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.HasPrefix(s, "segment: ") {
					t.Errorf("%s: recovered %v, want a panic starting with \"segment: \"", tt.reason, r)
				}
			}()
			segment.ActivityPeriod(tt.cal, tt.g)
		}()
	}
}
