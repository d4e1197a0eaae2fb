package metrics_test

import (
	"fmt"
	"strings"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// exampleLeads are five leads of one week of March 2026 in New York.
func exampleLeads() []sp.Lead {
	ny, _ := time.LoadLocation("America/New_York")
	at := func(d, h, m int) time.Time { return time.Date(2026, time.March, d, h, m, 0, 0, ny) }
	return []sp.Lead{
		{ID: "1", Source: "web form", Owner: "ann", Created: at(6, 16, 30), FirstTouch: at(9, 10, 0)}, // Friday → Monday
		{ID: "2", Source: "web form", Owner: "bob", Created: at(9, 9, 0), FirstTouch: at(9, 9, 4)},
		{ID: "3", Source: "web form", Owner: "ann", Created: at(10, 11, 0)}, // never touched
		{ID: "4", Source: "webinar", Owner: "bob", Created: at(10, 14, 0), FirstTouch: at(10, 14, 45)},
		{ID: "5", Source: "webinar", Owner: "ann", Created: at(11, 9, 0), FirstTouch: at(11, 9, 2)},
	}
}

// Lead response time by source, in business hours (9:00–17:00 in New
// York), with the share answered within 5 minutes and within an hour. A
// lead nobody touched counts against the SLA.
func ExampleResponseTime() {
	ny, _ := time.LoadLocation("America/New_York")
	leads := exampleLeads()
	agg := metrics.ResponseTime(metrics.ResponseConfig{
		Hours: &sp.BusinessHours{Location: ny},
		SLAs:  []time.Duration{5 * time.Minute, time.Hour},
	})
	for source, r := range segment.Sorted(segment.By(metrics.Refs(leads), segment.LeadSource, agg)) {
		fmt.Printf("%s: %v\n", source, r)
	}
	all := agg.Compute(metrics.Refs(leads))
	fmt.Println("within 5m, of touched:", all.SLA[0].OfTouched)
	// Output:
	// web form: touched 2 of 3 (never 1): mean 47m0s, median 47m0s, p90 1h21m24s; ≤5m0s 33.3% (1/3); ≤1h0m0s 33.3% (1/3)
	// webinar: touched 2 of 2 (never 0): mean 23m30s, median 23m30s, p90 40m42s; ≤5m0s 50.0% (1/2); ≤1h0m0s 100.0% (2/2)
	// within 5m, of touched: 50.0% (2/4)
}

// A weight makes a demo request count three times as much as a newsletter
// sign-up: the weighted mean is Σ weight·time / Σ weight.
func ExampleResponseTime_weighted() {
	at := func(h, m int) time.Time { return time.Date(2026, time.March, 2, h, m, 0, 0, time.UTC) }
	leads := []sp.Lead{
		{ID: "1", Actions: []sp.LeadAction{{Name: "demo request"}}, Created: at(9, 0), FirstTouch: at(9, 10)},
		{ID: "2", Actions: []sp.LeadAction{{Name: "newsletter sign-up"}}, Created: at(9, 0), FirstTouch: at(11, 0)},
	}
	demo := func(l *sp.Lead) int64 {
		for _, a := range l.Actions {
			if a.Name == "demo request" {
				return 3
			}
		}
		return 1
	}
	plain := metrics.ResponseTime(metrics.ResponseConfig{Unit: time.Minute}).Compute(metrics.Refs(leads))
	weighted := metrics.ResponseTime(metrics.ResponseConfig{Unit: time.Minute, Weight: demo}).Compute(metrics.Refs(leads))
	pm, _ := plain.Mean()
	wm, _ := weighted.Mean()
	fmt.Println("mean:", pm, "weighted:", wm)
	// Output:
	// mean: 1h5m0s weighted: 37m30s
}

// When the CRM does not record a lead's first touch, take it from the
// activities: the earliest one that names the lead and has a rep.
func ExampleFirstTouches() {
	leads := []sp.Lead{
		{ID: "L1", Created: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)},
		{ID: "L2", Created: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)},
	}
	acts := []sp.Activity{
		{ID: "a1", Lead: "L1", Rep: "ann", Kind: sp.Email, At: time.Date(2026, 3, 2, 9, 20, 0, 0, time.UTC)},
		{ID: "a2", Lead: "L1", Rep: "ann", Kind: sp.Call, At: time.Date(2026, 3, 2, 9, 12, 0, 0, time.UTC)},
	}
	first := metrics.FirstTouches(metrics.Refs(acts))
	for i := range leads {
		if leads[i].FirstTouch.IsZero() {
			leads[i].FirstTouch = first[leads[i].ID]
		}
	}
	fmt.Println(metrics.ResponseTime(metrics.ResponseConfig{}).Compute(metrics.Refs(leads)))
	// Output:
	// touched 1 of 2 (never 1): mean 12m0s, median 12m0s, p90 12m0s
}

// New opportunities by source and by who created them (not only who owns
// them), per month of creation.
func ExampleNewOpportunities() {
	deals := newOppsBook()
	agg := metrics.NewOpportunities()
	month := segment.Period(sp.Calendar{}, sp.Month, segment.ByCreated)
	compare := segment.Compare2(strings.Compare, sp.Period.Compare)

	fmt.Println("by source:")
	bySource := segment.By(metrics.Refs(deals), segment.Two(segment.Source, month), agg)
	for k, o := range segment.SortedFunc(bySource, compare) {
		fmt.Printf("  %-8s %s  %v\n", k.A, k.B, o)
	}
	fmt.Println("by creator:")
	byCreator := segment.By(metrics.Refs(deals), segment.Two(segment.Creator, month), agg)
	for k, o := range segment.SortedFunc(byCreator, compare) {
		fmt.Printf("  %-8s %s  %v\n", k.A, k.B, o)
	}
	// Output:
	// by source:
	//   referral 2026-03  1 deals, 200.00 EUR
	//   referral 2026-04  1 deals, 0.00 USD
	//   web      2026-03  2 deals, 1500.00 USD
	//   web      2026-04  1 deals, 250.25 USD
	// by creator:
	//   ann      2026-03  1 deals, 1000.00 USD
	//   bob      2026-03  2 deals, 200.00 EUR + 500.00 USD
	//   bob      2026-04  2 deals, 250.25 USD
}
