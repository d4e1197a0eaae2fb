package report_test

import (
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/report"
)

// A lead created in the period but first touched after AsOf had not been
// answered as of AsOf: its response time is not known yet and must not
// leak into the one-to-one (a report run for a past AsOf on today's data
// sees the same figures as one run on that day).
func TestOneOnOneResponseAsOf(t *testing.T) {
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, time.UTC) }
	leads := []sp.Lead{
		{ID: "L1", Owner: "ann", Created: at(3, 10, 9), FirstTouch: at(3, 10, 9).Add(30 * time.Minute)},
		{ID: "L2", Owner: "ann", Created: at(3, 13, 9), FirstTouch: at(3, 20, 9)}, // touched after AsOf
	}
	o := report.OneOnOneReport(nil, nil, leads, report.OneOnOneConfig{Rep: "ann", Team: []string{"ann"},
		Calendar: sp.Calendar{WeekStart: time.Monday}, AsOf: at(3, 16, 0)})
	for _, r := range o.Rows {
		if r.Metric != "median response" {
			continue
		}
		// As of 16 March only L1 was answered, in 30 minutes; with L2's
		// future touch (7 days later) the median would be 84h15m.
		if r.Rep.Text != "30m" {
			t.Errorf("median response %q, want 30m", r.Rep.Text)
		}
		return
	}
	t.Fatal("no median response row")
}

// A deal's amount changed after AsOf: the one-to-one shows the pipeline
// as it stood at AsOf, not today's amount.
func TestOneOnOneDealsAsOf(t *testing.T) {
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, time.UTC) }
	usd := sp.MustParseMoney
	deals := []sp.Deal{{
		ID: "D1", Owner: "ann", Status: sp.Open, Created: at(3, 10, 9), Amount: usd("5000.00 USD"),
		AmountHistory: []sp.AmountChange{{At: at(3, 10, 9), Amount: usd("1000.00 USD")}, {At: at(3, 20, 9), Amount: usd("5000.00 USD")}},
	}}
	o := report.OneOnOneReport(deals, nil, nil, report.OneOnOneConfig{Rep: "ann", Team: []string{"ann"},
		Calendar: sp.Calendar{WeekStart: time.Monday}, AsOf: at(3, 16, 0)})
	for _, r := range o.Rows {
		if r.Metric != "new pipeline" {
			continue
		}
		// As of 16 March the deal was worth 1000.00; it became 5000.00 on the 20th.
		if r.Rep.Text != "1000.00" {
			t.Errorf("new pipeline %q, want 1000.00", r.Rep.Text)
		}
		return
	}
	t.Fatal("no new pipeline row")
}
