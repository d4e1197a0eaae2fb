package metrics_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }

// book is eight deals whose figures are worked out by hand below.
//
//	id  status  amount        created  closed   cycle (days)
//	1   won     10000.00 USD  1 Mar    11 Mar   10
//	2   won      2500.50 USD  1 Mar    31 Mar   30
//	3   won       500.00 USD  5 Mar     6 Mar    1
//	4   lost     4000.00 USD  2 Mar    12 Mar   10
//	5   lost     1000.00 USD  3 Mar     3 Apr   31
//	6   lost        0.00 USD  4 Mar     4 Mar    0
//	7   open     7000.00 USD  6 Mar     –
//	8   won      3000.00 USD  1 Feb     1 Jun  120
func book() []sp.Deal {
	usd := sp.MustParseMoney
	return []sp.Deal{
		{ID: "1", Status: sp.Won, Amount: usd("10000.00 USD"), Created: day(2026, 3, 1), Closed: day(2026, 3, 11)},
		{ID: "2", Status: sp.Won, Amount: usd("2500.50 USD"), Created: day(2026, 3, 1), Closed: day(2026, 3, 31)},
		{ID: "3", Status: sp.Won, Amount: usd("500.00 USD"), Created: day(2026, 3, 5), Closed: day(2026, 3, 6)},
		{ID: "4", Status: sp.Lost, Amount: usd("4000.00 USD"), Created: day(2026, 3, 2), Closed: day(2026, 3, 12)},
		{ID: "5", Status: sp.Lost, Amount: usd("1000.00 USD"), Created: day(2026, 3, 3), Closed: day(2026, 4, 3)},
		{ID: "6", Status: sp.Lost, Amount: usd("0.00 USD"), Created: day(2026, 3, 4), Closed: day(2026, 3, 4)},
		{ID: "7", Status: sp.Open, Amount: usd("7000.00 USD"), Created: day(2026, 3, 6)},
		{ID: "8", Status: sp.Won, Amount: usd("3000.00 USD"), Created: day(2026, 2, 1), Closed: day(2026, 6, 1)},
	}
}

func TestBuiltinsOnBook(t *testing.T) {
	deals := book()
	seq := metrics.Refs(deals)

	if got, want := metrics.Counts().Compute(seq), (metrics.DealCounts{Deals: 8, Won: 4, Lost: 3, Open: 1}); got != want {
		t.Errorf("Counts = %+v, want %+v", got, want)
	}
	// Win rate by count: 4 won / (4 won + 3 lost) = 4/7 = 57.1%.
	if got := metrics.WinRate().Compute(seq); got != (metrics.Rate{Num: 4, Den: 7}) || got.String() != "57.1% (4/7)" {
		t.Errorf("WinRate = %+v %q, want 4/7 \"57.1%% (4/7)\"", got, got.String())
	}
	// Won amount: 10000.00 + 2500.50 + 500.00 + 3000.00 = 16000.50.
	won := metrics.WonAmount().Compute(seq)
	if got, _ := won.Single(); got.String() != "16000.50 USD" {
		t.Errorf("WonAmount = %v, want 16000.50 USD", got)
	}
	// By amount: 16000.50 / (16000.50 + 4000.00 + 1000.00 + 0) = 16000.50 / 21000.50 = 0.761910...
	byAmt := metrics.WinRateByAmount().Compute(seq)
	if got, ok, err := byAmt.Decimal(6, sp.RoundHalfEven); err != nil || !ok || got.String() != "0.76191" {
		t.Errorf("WinRateByAmount = %v %v %v, want 0.761910", got, ok, err)
	}
	if got := byAmt.String(); got != "76.2% (16000.50 USD/21000.50 USD)" {
		t.Errorf("WinRateByAmount.String = %q", got)
	}
	// Average won deal: 16000.50 / 4 = 4000.125 → 4000.12 half-even, 4000.13 half-up.
	avg := metrics.AverageDealSize().Compute(seq)
	for mode, want := range map[sp.RoundingMode]string{sp.RoundHalfEven: "4000.12 USD", sp.RoundHalfUp: "4000.13 USD"} {
		if got, ok, err := avg.Value(mode); err != nil || !ok || got.String() != want {
			t.Errorf("AverageDealSize.Value(%v) = %v %v %v, want %s", mode, got, ok, err, want)
		}
	}
	// Cycle of won deals: 10, 30, 1, 120 days. Sorted 1, 10, 30, 120; mean
	// 161/4 = 40.25; median (10+30)/2 = 20; p90: h = 3×0.9 = 2.7,
	// 30 + 0.7×(120−30) = 93.
	want := metrics.Summary{N: 4, Sum: 161, Min: 1, Max: 120, Median: 20, P90: 93}
	cycle := metrics.SalesCycle(nil).Compute(seq)
	if diff := cmp.Diff(want, cycle); diff != "" {
		t.Errorf("SalesCycle (-want +got):\n%s", diff)
	}
	if got := cycle.String(); got != "mean 40.2, median 20, p90 93 (n=4)" {
		t.Errorf("SalesCycle.String = %q", got)
	}
	// All closed: 10, 30, 1, 10, 31, 0, 120 → sorted 0 1 10 10 30 31 120;
	// median 10; p90 h = 6×0.9 = 5.4 → 31 + 0.4×89 = 66.6.
	closed := metrics.SalesCycle(nil, sp.Won, sp.Lost).Compute(seq)
	if closed.N != 7 || closed.Sum != 202 || closed.Median != 10 || closed.P90 != 66.6 {
		t.Errorf("SalesCycle(won, lost) = %+v, want n 7, sum 202, median 10, p90 66.6", closed)
	}
}

func TestEmptyResultsHaveNoValue(t *testing.T) {
	var none []sp.Deal
	if v, ok := metrics.WinRate().Compute(metrics.Refs(none)).Value(); ok || v != 0 {
		t.Errorf("WinRate over nothing = %v, %v; want 0, false", v, ok)
	}
	if _, ok, err := metrics.AverageDealSize().Compute(metrics.Refs(none)).Value(sp.RoundHalfEven); ok || err != nil {
		t.Errorf("AverageDealSize over nothing: ok %v err %v; want false, nil", ok, err)
	}
	if s := metrics.SalesCycle(nil).Compute(metrics.Refs(none)); s.N != 0 || s.String() != "– (n=0)" {
		t.Errorf("SalesCycle over nothing = %+v %q", s, s.String())
	}
	if got := metrics.WinRate().Compute(metrics.Refs(none)).String(); got != "– (0/0)" {
		t.Errorf("empty rate prints %q", got)
	}
}

func TestMixedCurrencies(t *testing.T) {
	deals := []sp.Deal{
		{Status: sp.Won, Amount: sp.MustParseMoney("100.00 USD")},
		{Status: sp.Won, Amount: sp.MustParseMoney("100.00 EUR")},
	}
	avg := metrics.AverageDealSize().Compute(metrics.Refs(deals))
	if _, _, err := avg.Value(sp.RoundHalfEven); err == nil {
		t.Error("average over USD and EUR: no error")
	}
	rate := metrics.WinRateByAmount().Compute(metrics.Refs(deals))
	if _, _, err := rate.Value(); err == nil {
		t.Error("rate by amount over USD and EUR: no error")
	}
}

func TestCycleDaysInLocation(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	// Created 1 March 23:30 in New York (2 March 04:30 UTC), closed
	// 2 March 00:30 New York: 1 day in New York, 0 in UTC.
	d := sp.Deal{Status: sp.Won,
		Created: time.Date(2026, 3, 1, 23, 30, 0, 0, ny),
		Closed:  time.Date(2026, 3, 2, 0, 30, 0, 0, ny)}
	if got := metrics.CycleDays(&d, ny); got != 1 {
		t.Errorf("CycleDays in New York = %d, want 1", got)
	}
	if got := metrics.CycleDays(&d, nil); got != 0 {
		t.Errorf("CycleDays in UTC = %d, want 0", got)
	}
	// Across the spring-forward night: 7 March to 9 March is 2 days.
	d.Created, d.Closed = time.Date(2026, 3, 7, 12, 0, 0, 0, ny), time.Date(2026, 3, 9, 11, 0, 0, 0, ny)
	if got := metrics.CycleDays(&d, ny); got != 2 {
		t.Errorf("CycleDays across DST = %d, want 2", got)
	}
}

func TestHistogramQuantiles(t *testing.T) {
	tests := []struct {
		values []int64
		q      float64
		want   float64
		reason string
	}{
		{[]int64{5}, 0.5, 5, "one value"},
		{[]int64{1, 2, 3, 10}, 0.5, 2.5, "even count: midway"},
		{[]int64{1, 2, 3, 10}, 0.9, 7.9, "h = 2.7: 3 + 0.7×7"},
		{[]int64{1, 2, 3, 10}, 0, 1, "minimum"},
		{[]int64{1, 2, 3, 10}, 1, 10, "maximum"},
		{[]int64{-3, 5000, 7, 7}, 0.5, 7, "sparse values on both sides: -3 7 7 5000"},
		{[]int64{-3, 5000, 7, 7}, 0.9, 3502.1, "h = 2.7: 7 + 0.7×4993"},
	}
	for _, tt := range tests {
		var h metrics.Histogram
		for _, v := range tt.values {
			h.Add(v)
		}
		got, ok := h.Quantile(tt.q)
		if !ok || got != tt.want {
			t.Errorf("%s: Quantile(%v) of %v = %v, want %v", tt.reason, tt.q, tt.values, got, tt.want)
		}
	}
}

func TestTable(t *testing.T) {
	deals := book()
	tab := scorecardTable()
	row := tab.Aggregator().Compute(metrics.Refs(deals))
	if got := metrics.Value[metrics.Rate](row, "win rate"); got != (metrics.Rate{Num: 4, Den: 7}) {
		t.Errorf("win rate column = %v", got)
	}
	want := "deals: {8 4 3 1}, win rate: 57.1% (4/7), won amount: 16000.50 USD, average deal: 4000.12 USD, cycle: mean 40.2, median 20, p90 93 (n=4)"
	if got := row.String(); got != want {
		t.Errorf("row = %q\nwant %q", got, want)
	}
	data, err := json.Marshal(row)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON := `{"deals":{"deals":8,"won":4,"lost":3,"open":1},"win rate":{"num":4,"den":7},"won amount":{"USD":"16000.50"},"average deal":{"total":{"USD":"16000.50"},"n":4},"cycle":{"n":4,"sum":161,"min":1,"max":120,"median":20,"p90":93}}`
	if string(data) != wantJSON {
		t.Errorf("row JSON = %s\nwant %s", data, wantJSON)
	}
	// The empty table still has its columns.
	empty := tab.Aggregator().Compute(metrics.Refs([]sp.Deal(nil)))
	if diff := cmp.Diff(tab.Names(), empty.Names); diff != "" {
		t.Errorf("empty row names (-want +got):\n%s", diff)
	}
}

func TestTableDecodeErrors(t *testing.T) {
	tab := scorecardTable()
	for _, in := range []string{`{`, `[1,2]`, `[{},{},{},{},{"bins":[{"value":1,"count":-1}]}]`} {
		if _, err := tab.Decode([]byte(in)); err == nil {
			t.Errorf("Decode(%s): no error", in)
		}
	}
}

var _ = lawkit.Equal

func TestRateQuotient(t *testing.T) {
	for _, tt := range []struct {
		r      metrics.Rate
		places int32
		want   string
	}{
		{metrics.Rate{Num: 13, Den: 4}, 2, "3.25 (13/4)"},
		{metrics.Rate{Num: 13, Den: 4}, 1, "3.2 (13/4)"}, // 3.25: a tie, to even
		{metrics.Rate{Num: 7, Den: 3}, 1, "2.3 (7/3)"},
		{metrics.Rate{Num: 5, Den: 0}, 1, "– (5/0)"},
	} {
		if got := tt.r.Quotient(tt.places); got != tt.want {
			t.Errorf("%+v.Quotient(%d) = %q, want %q", tt.r, tt.places, got, tt.want)
		}
	}
}
