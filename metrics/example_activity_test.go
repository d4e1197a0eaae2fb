package metrics_test

import (
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// exampleWeek is a week of two reps' activities: ann calls, meets and
// sends a proposal; bob calls, books a meeting and runs a webinar.
func exampleWeek() []sp.Activity {
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	return []sp.Activity{
		{ID: "1", Rep: "ann", Kind: sp.Call, At: at(2, 9), Duration: 20 * time.Minute, Category: sp.Prospecting},
		{ID: "2", Rep: "ann", Kind: sp.Call, At: at(2, 10), Duration: 10 * time.Minute, Category: sp.Prospecting},
		{ID: "3", Rep: "ann", Kind: sp.Call, At: at(3, 9), Category: sp.Prospecting}, // no duration recorded
		{ID: "4", Rep: "ann", Kind: sp.MeetingHeld, At: at(3, 14), Duration: time.Hour, Category: sp.Presenting},
		{ID: "5", Rep: "ann", Kind: sp.Proposal, At: at(4, 11), Duration: 90 * time.Minute, Category: sp.Presenting},
		{ID: "6", Rep: "ann", Kind: sp.Task, At: at(5, 16), Duration: 30 * time.Minute, Category: sp.DataEntry},
		{ID: "7", Rep: "bob", Kind: sp.Call, At: at(2, 9), Duration: 30 * time.Minute, Category: sp.Prospecting},
		{ID: "8", Rep: "bob", Kind: sp.MeetingScheduled, At: at(2, 11), Duration: 5 * time.Minute},
		{ID: "9", Rep: "bob", Kind: sp.CustomKind, CustomKind: "webinar", At: at(4, 15), Duration: time.Hour,
			Category: sp.CustomCategory, CustomCategory: "events"},
	}
}

// exampleWins are the deals the two reps won that week.
func exampleWins() []sp.Deal {
	at := func(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }
	return []sp.Deal{
		{ID: "d1", Owner: "ann", Status: sp.Won, Amount: sp.MustParseMoney("6000.00 USD"), Created: at(1), Closed: at(5)},
		{ID: "d2", Owner: "ann", Status: sp.Won, Amount: sp.MustParseMoney("1500.00 USD"), Created: at(1), Closed: at(6)},
		{ID: "d3", Owner: "bob", Status: sp.Lost, Amount: sp.MustParseMoney("9000.00 USD"), Created: at(1), Closed: at(6)},
	}
}

func ExampleActivityCounts() {
	week := exampleWeek()
	all := metrics.ActivityCounts().Compute(metrics.Refs(week))
	fmt.Println(all)
	fmt.Println("calls:", all.Of(sp.Call), "webinars:", all.Custom("webinar"), "total:", all.Total())

	byRep := segment.By(metrics.Refs(week), segment.Rep, metrics.ActivityCounts())
	for rep, c := range segment.Sorted(byRep) {
		fmt.Println(rep, c)
	}
	// Output:
	// call 4, meeting scheduled 1, meeting held 1, proposal 1, task 1, webinar 1
	// calls: 4 webinars: 1 total: 9
	// ann call 3, meeting held 1, proposal 1, task 1
	// bob call 1, meeting scheduled 1, webinar 1
}

func ExampleTimeByCategory() {
	week := exampleWeek()
	// Seconds: prospecting 1200+600+1800 = 3600, presenting 3600+5400 =
	// 9000, data entry 1800, events 3600, uncategorized 300 (bob's booked
	// meeting); total 18300. The call without a duration adds no time.
	t := metrics.TimeByCategory().Compute(metrics.Refs(week))
	fmt.Println(t)
	share, _ := t.Share(sp.Presenting).Decimal(3, sp.RoundHalfEven)
	fmt.Println("presenting:", t.Of(sp.Presenting), "s of", t.Total(), "s =", share)
	fmt.Println("activities without a duration:", t.Untimed)
	// Output:
	// prospecting 1.0h 19.7%, presenting 2.5h 49.2%, data entry 0.5h 9.8%, events 1.0h 19.7%, uncategorized 0.1h 1.6%
	// presenting: 9000 s of 18300 s = 0.492
	// activities without a duration: 1
}

// The ratios to won deals join two folds at presentation: activities by
// rep (placed by Activity.At) and deals by owner (placed by close date).
func ExampleMeetingsPerWonDeal() {
	counts := segment.By(metrics.Refs(exampleWeek()), segment.Rep, metrics.ActivityCounts())
	deals := segment.By(metrics.Refs(exampleWins()), segment.Owner, metrics.Counts())
	show := func(r metrics.Rate) string {
		if d, ok := r.Decimal(1, sp.RoundHalfEven); ok {
			return d.StringFixed(1)
		}
		return "–"
	}
	for rep, c := range segment.Sorted(counts) {
		won := deals[rep].Won
		fmt.Printf("%s: %s calls per meeting, %s meetings and %s proposals per won deal\n", rep,
			show(metrics.CallsPerMeeting(c)), show(metrics.MeetingsPerWonDeal(c, won)), show(metrics.ProposalsPerWonDeal(c, won)))
	}
	// Output:
	// ann: 3.0 calls per meeting, 0.5 meetings and 0.5 proposals per won deal
	// bob: – calls per meeting, – meetings and – proposals per won deal
}

func ExampleCallsPerMeeting() {
	perMeeting := metrics.Then(metrics.ActivityCounts(), metrics.CallsPerMeeting)
	r := perMeeting.Compute(metrics.Refs(exampleWeek()))
	v, ok := r.Value()
	fmt.Println(r.Num, "calls,", r.Den, "meeting held:", v, ok)
	// Output:
	// 4 calls, 1 meeting held: 4 true
}

// Won amount per hour per rep: won deals folded by owner, time by rep,
// joined for each rep.
func ExampleProductivity_PerHour() {
	won := segment.By(metrics.Refs(exampleWins()), segment.Owner, metrics.AverageDealSize())
	spent := segment.By(metrics.Refs(exampleWeek()), segment.Rep, metrics.TimeByCategory())
	// ann: 7500.00 USD won in 12600 s (3.5h): 7500 × 3600 / 12600 =
	// 2142.857… per hour; presenting 9000 s: 3000.00 per hour.
	for rep, t := range segment.Sorted(spent) {
		p := metrics.Productivity{Won: won[rep].Total, WonDeals: won[rep].N, Seconds: t.Total()}
		perHour, ok, err := p.PerHour(sp.RoundHalfEven)
		fmt.Println(rep, perHour, ok, err, "|", p)
		// The same won amount against the time spent presenting only.
		p.Seconds = t.Of(sp.Presenting)
		fmt.Println("  presenting:", p)
	}
	// Output:
	// ann 2142.86 USD true <nil> | 2142.86 USD/h, 57.1 won per 100h (2 won in 3.5h)
	//   presenting: 3000.00 USD/h, 80.0 won per 100h (2 won in 2.5h)
	// bob 0 true <nil> | 0/h, 0.0 won per 100h (0 won in 1.6h)
	//   presenting: –, – won per 100h (0 won in 0.0h)
}
