package metrics_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// newOppsBook is five deals whose new-opportunity figures are worked out
// by hand in TestNewOpportunities.
//
//	id  source    owner  creator  status  amount        created
//	1   web       ann    –        open    1000.00 USD   3 Mar
//	2   web       ann    bob      won      500.00 USD  20 Mar
//	3   referral  bob    –        lost     200.00 EUR  31 Mar
//	4   referral  ann    bob      open       0.00 USD   1 Apr
//	5   web       bob    –        won      250.25 USD   9 Apr
func newOppsBook() []sp.Deal {
	m := sp.MustParseMoney
	c := func(mo time.Month, d int) time.Time { return time.Date(2026, mo, d, 15, 0, 0, 0, time.UTC) }
	return []sp.Deal{
		{ID: "1", Source: "web", Owner: "ann", Status: sp.Open, Amount: m("1000.00 USD"), Created: c(3, 3)},
		{ID: "2", Source: "web", Owner: "ann", Creator: "bob", Status: sp.Won, Amount: m("500.00 USD"), Created: c(3, 20), Closed: c(5, 1)},
		{ID: "3", Source: "referral", Owner: "bob", Status: sp.Lost, Amount: m("200.00 EUR"), Created: c(3, 31), Closed: c(4, 2)},
		{ID: "4", Source: "referral", Owner: "ann", Creator: "bob", Status: sp.Open, Amount: m("0.00 USD"), Created: c(4, 1)},
		{ID: "5", Source: "web", Owner: "bob", Status: sp.Won, Amount: m("250.25 USD"), Created: c(4, 9), Closed: c(4, 30)},
	}
}

func TestNewOpportunities(t *testing.T) {
	deals := newOppsBook()
	agg := metrics.NewOpportunities()
	cal := sp.Calendar{}
	month := segment.Period(cal, sp.Month, segment.ByCreated)

	// All: 5 deals; USD 1000.00 + 500.00 + 0.00 + 250.25 = 1750.25, EUR 200.00.
	if got, want := agg.Compute(metrics.Refs(deals)).String(), "5 deals, 200.00 EUR + 1750.25 USD"; got != want {
		t.Errorf("all = %q, want %q", got, want)
	}
	// Empty.
	if got, want := agg.Compute(metrics.Refs([]sp.Deal(nil))).String(), "0 deals, 0"; got != want {
		t.Errorf("empty = %q, want %q", got, want)
	}

	str := func(m map[string]metrics.Opportunities) map[string]string {
		out := map[string]string{}
		for k, v := range m {
			out[k] = v.String()
		}
		return out
	}
	// By source: web 1, 2, 5 = 3 deals, 1750.25 USD; referral 3, 4 = 2 deals, 200.00 EUR + 0.00 USD.
	bySource := str(segment.By(metrics.Refs(deals), segment.Source, agg))
	wantSource := map[string]string{"web": "3 deals, 1750.25 USD", "referral": "2 deals, 200.00 EUR + 0.00 USD"}
	if d := cmp.Diff(wantSource, bySource); d != "" {
		t.Errorf("by source (-want +got):\n%s", d)
	}
	// By creator (not owner): ann created 1 = 1000.00 USD; bob created 2, 3, 4, 5 =
	// 500.00 + 0.00 + 250.25 = 750.25 USD and 200.00 EUR.
	byCreator := str(segment.By(metrics.Refs(deals), segment.Creator, agg))
	wantCreator := map[string]string{"ann": "1 deals, 1000.00 USD", "bob": "4 deals, 200.00 EUR + 750.25 USD"}
	if d := cmp.Diff(wantCreator, byCreator); d != "" {
		t.Errorf("by creator (-want +got):\n%s", d)
	}
	// By month created: March 1, 2, 3; April 4, 5 (deal 2 closed in May still counts in March).
	byMonth := map[string]string{}
	for p, o := range segment.By(metrics.Refs(deals), month, agg) {
		byMonth[p.String()] = o.String()
	}
	wantMonth := map[string]string{"2026-03": "3 deals, 200.00 EUR + 1500.00 USD", "2026-04": "2 deals, 250.25 USD"}
	if d := cmp.Diff(wantMonth, byMonth); d != "" {
		t.Errorf("by month created (-want +got):\n%s", d)
	}

	// The figures are exact parts: the state is what the result shows.
	got := agg.Compute(metrics.Refs(deals[:2]))
	var want sp.Sum
	want.Add(sp.MustParseMoney("1500.00 USD"))
	if d := cmp.Diff(metrics.Opportunities{Count: 2, Amount: want}, got, lawkit.Equal...); d != "" {
		t.Errorf("first two (-want +got):\n%s", d)
	}
}
