package report_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
)

func TestLeadSources(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 3, 2, h, m, 0, 0, time.UTC) }
	leads := []sp.Lead{
		{ID: "L1", Source: "web", Created: at(10, 0), FirstTouch: at(10, 30), ConvertedDeal: "D1"},
		{ID: "L2", Source: "web", Created: at(10, 0), FirstTouch: at(12, 0)},
		{ID: "L3", Source: "web", Created: at(10, 0)},
		{ID: "L4", Source: "referral", Created: at(9, 0), FirstTouch: at(9, 5), ConvertedDeal: "D3"},
	}
	usd := sp.MustParseMoney
	deals := []sp.Deal{
		{ID: "D1", Source: "web", Status: sp.Won, Amount: usd("100.00 USD"), Created: at(11, 0), Closed: at(11, 0).AddDate(0, 0, 10)},
		{ID: "D2", Source: "web", Status: sp.Lost, Created: at(11, 0), Closed: at(11, 0).AddDate(0, 0, 1)},
		{ID: "D3", Source: "referral", Status: sp.Won, Amount: usd("50.00 USD"), Created: at(9, 10), Closed: at(9, 10).AddDate(0, 0, 4)},
		{ID: "D4", Source: "partner", Status: sp.Open, Created: at(9, 10)},
	}
	r := report.LeadSourcesReport(metrics.Refs(leads), metrics.Refs(deals),
		metrics.ResponseConfig{SLAs: []time.Duration{time.Hour}, Unit: time.Minute}, nil)
	// web: response 30 and 120 minutes, median (type 7) 75 = 1h15m; within 1h: 1 of 3 leads.
	want := "Lead sources\n" +
		"source    leads  touched  median response  within 1h  opportunities  conversion  won  win rate  won amount  median cycle (days)\n" +
		"partner       0        0                –          –              1           –    0         –           0                    –\n" +
		"referral      1        1               5m     100.0%              1      100.0%    1    100.0%   50.00 USD                    4\n" +
		"web           3        2            1h15m      33.3%              2       33.3%    1     50.0%  100.00 USD                   10\n"
	if diff := cmp.Diff(want, cells(r.Table())); diff != "" {
		t.Errorf("lead sources (-want +got):\n%s", diff)
	}
}
