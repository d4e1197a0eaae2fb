package report_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/report"
)

func TestOneOnOne(t *testing.T) {
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, time.UTC) }
	call := func(rep string, when time.Time) sp.Activity { return sp.Activity{Rep: rep, Kind: sp.Call, At: when} }
	acts := []sp.Activity{
		call("ann", at(3, 10, 9)), call("ann", at(3, 10, 10)), call("ann", at(3, 11, 9)), // this week: 3
		{Rep: "ann", Kind: sp.Demo, At: at(3, 12, 9)},
		call("ann", at(3, 4, 9)), // last week: 1
		call("bob", at(3, 9, 9)), call("bob", at(3, 9, 10)), call("bob", at(3, 9, 11)), call("bob", at(3, 13, 9)), call("bob", at(3, 15, 9)),
	}
	usd := sp.MustParseMoney
	deals := []sp.Deal{
		{Owner: "ann", Status: sp.Won, Amount: usd("1000.00 USD"), Created: at(3, 2, 9), Closed: at(3, 11, 9)}, // 9 days
		{Owner: "ann", Status: sp.Lost, Amount: usd("700.00 USD"), Created: at(3, 2, 9), Closed: at(3, 12, 9)},
		{Owner: "ann", Status: sp.Won, Amount: usd("500.00 USD"), Created: at(3, 1, 9), Closed: at(3, 5, 9)},    // last week, 4 days
		{Owner: "bob", Status: sp.Won, Amount: usd("2000.00 USD"), Created: at(3, 1, 9), Closed: at(3, 11, 9)},  // 10 days
		{Owner: "bob", Status: sp.Won, Amount: usd("3000.00 USD"), Created: at(2, 23, 9), Closed: at(3, 15, 9)}, // 20 days
	}
	leads := []sp.Lead{{ID: "L1", Owner: "ann", Created: at(3, 10, 9), FirstTouch: at(3, 10, 9).Add(30 * time.Minute)}}
	o := report.OneOnOneReport(deals, acts, leads, report.OneOnOneConfig{Rep: "ann", Team: []string{"ann", "bob", "cy"},
		Calendar: sp.Calendar{WeekStart: time.Monday}, AsOf: at(3, 16, 0)})
	if o.Period.Start != (sp.Date{Year: 2026, Month: 3, Day: 9}) || o.Previous.Start != (sp.Date{Year: 2026, Month: 3, Day: 2}) {
		t.Fatalf("periods %v and %v, want the weeks of 9 and 2 March", o.Period, o.Previous)
	}
	type row struct{ Metric, Rep, Previous, Change, Team string }
	got := map[string]row{}
	for _, r := range o.Rows {
		ch := r.Change
		if r.Better == 1 {
			ch += ", better"
		} else if r.Better == -1 {
			ch += ", worse"
		}
		got[r.Metric] = row{r.Metric, r.Rep.Text, r.Previous.Text, ch, r.TeamMedian.Text}
	}
	want := []row{
		// calls: ann 3 (last week 1); team 3, 5, 0 → median 3.
		{"calls", "3", "1", "up, better", "3"},
		// win rate: 1 of 2 (last week 1 of 1); team 50%, 100%, cy nothing closed → median 75%.
		{"win rate", "50.0%", "100.0%", "down, worse", "75.0%"},
		// won amount: 1000.00 (last week 500.00); team 1000, 5000, 0 → 1000.00.
		{"won amount", "1000.00", "500.00", "up, better", "1000.00"},
		// lost: 1 (last week 0): more lost deals is worse.
		{"lost", "1", "0", "up, worse", "0"},
		// median cycle: ann 9 (last week 4: longer is worse); bob 10 and 20 → 15; median of 9, 15 → 12.
		{"median cycle (days)", "9", "4", "up, worse", "12"},
		// median response: 30 minutes; no lead last week.
		{"median response", "30m", "–", "", "30m"},
	}
	for _, w := range want {
		if diff := cmp.Diff(w, got[w.Metric]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", w.Metric, diff)
		}
	}
}
