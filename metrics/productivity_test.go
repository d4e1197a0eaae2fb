package metrics_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

func TestTimeByCategoryOnBook(t *testing.T) {
	acts := activityBook()
	got := metrics.TimeByCategory().Compute(metrics.Refs(acts))
	// Seconds per category (see activityBook):
	//   uncategorized   7: 120
	//   prospecting     1: 600, 2: 330 (5m30.9s truncated), 8: 900, 9: 180 = 2010
	//   presenting      4: 3600, 5: 2700, 10: 5400 = 11700
	//   data entry     11: 1800
	//   lead research  12: untimed = 0
	//   training        6: 7200; travel 13: 3600
	//   invalid        14: 60
	// Untimed: 3 and 12. Total 120+2010+11700+1800+7200+3600+60 = 26490.
	want := metrics.CategoryTime{
		Seconds:          [5]int64{120, 2010, 11700, 1800, 0},
		CustomCategories: map[string]int64{"training": 7200, "travel": 3600},
		Invalid:          60,
		Untimed:          2,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("TimeByCategory (-want +got):\n%s", diff)
	}
	if n := got.Total(); n != 26490 {
		t.Errorf("Total = %d, want 26490", n)
	}
	tests := []struct {
		cat    sp.TimeCategory
		want   int64
		reason string
	}{
		{sp.Prospecting, 2010, "sub-second part of 2 dropped, untimed 3 adds nothing"},
		{sp.Uncategorized, 120, "its own share"},
		{sp.LeadResearch, 0, "only an untimed activity"},
		{sp.CustomCategory, 10800, "every custom category: 7200 + 3600"},
		{9, 0, "an invalid category is not a category (see Invalid)"},
	}
	for _, tt := range tests {
		if n := got.Of(tt.cat); n != tt.want {
			t.Errorf("%s: Of(%v) = %d, want %d", tt.reason, tt.cat, n, tt.want)
		}
		if r := got.Share(tt.cat); r != (metrics.Rate{Num: tt.want, Den: 26490}) {
			t.Errorf("%s: Share(%v) = %+v, want %d/26490", tt.reason, tt.cat, r, tt.want)
		}
	}
	if n, r := got.Custom("travel"), got.CustomShare("travel"); n != 3600 || r != (metrics.Rate{Num: 3600, Den: 26490}) {
		t.Errorf("travel: %d s, share %+v; want 3600, 3600/26490", n, r)
	}
	// Hours rounded half to even to one decimal (presenting 3.25h → 3.2h),
	// shares the same: prospecting 201000/26490 = 7.587…%, presenting
	// 1170000/26490 = 44.167…%, data entry 6.795…%, training 27.180…%,
	// travel 13.590…%, uncategorized 0.453…%, invalid 0.226…%.
	wantStr := "prospecting 0.6h 7.6%, presenting 3.2h 44.2%, data entry 0.5h 6.8%, training 2.0h 27.2%, " +
		"travel 1.0h 13.6%, uncategorized 0.0h 0.5%, invalid category 0.0h 0.2%"
	if s := got.String(); s != wantStr {
		t.Errorf("String = %q\nwant     %q", s, wantStr)
	}
}

func TestTimeByCategoryEmpty(t *testing.T) {
	got := metrics.TimeByCategory().Compute(metrics.Refs(activityBook()[2:3])) // one untimed call
	if got.Total() != 0 || got.Untimed != 1 {
		t.Errorf("one untimed call: total %d, untimed %d; want 0, 1", got.Total(), got.Untimed)
	}
	if _, ok := got.Share(sp.Prospecting).Value(); ok {
		t.Error("share of no time has a value")
	}
	if s := got.String(); s != "–" {
		t.Errorf("String = %q, want –", s)
	}
}

func TestTimeByCategoryJSON(t *testing.T) {
	acts := activityBook()[11:13] // an untimed webinar, a trip
	s := metrics.TimeByCategory().Fold(metrics.Refs(acts))
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"seconds":[0,0,0,0,0],"custom":{"travel":3600},"untimed":1}`
	if string(data) != want {
		t.Errorf("state JSON = %s, want %s", data, want)
	}
}

func TestProductivity(t *testing.T) {
	usd := func(s string) sp.Sum {
		var sum sp.Sum
		sum.Add(sp.MustParseMoney(s))
		return sum
	}
	var xyz sp.Sum
	xyz.Add(sp.NewMoney(5, "XYZ"))
	var mixed sp.Sum
	mixed.Add(sp.MustParseMoney("1.00 USD"))
	mixed.Add(sp.MustParseMoney("1.00 EUR"))
	tests := []struct {
		p       metrics.Productivity
		mode    sp.RoundingMode
		perHour string // "" when it has no value
		per100  metrics.Rate
		reason  string
	}{
		{metrics.Productivity{Won: usd("15000.00 USD"), WonDeals: 2, Seconds: 14550}, sp.RoundHalfEven,
			"3711.34 USD", metrics.Rate{Num: 720000, Den: 14550},
			"15000 × 3600 / 14550 = 3711.3402…; 2 × 360000 / 14550 = 49.48… per 100h"},
		{metrics.Productivity{Won: usd("15000.00 USD"), WonDeals: 2, Seconds: 6300}, sp.RoundHalfEven,
			"8571.43 USD", metrics.Rate{Num: 720000, Den: 6300},
			"per presenting hour: 54000000 / 6300 = 8571.428…"},
		{metrics.Productivity{Won: usd("1.00 USD"), WonDeals: 1, Seconds: 28800}, sp.RoundHalfEven,
			"0.12 USD", metrics.Rate{Num: 360000, Den: 28800}, "1.00 / 8h = 0.125, a tie: half-even 0.12"},
		{metrics.Productivity{Won: usd("1.00 USD"), WonDeals: 1, Seconds: 28800}, sp.RoundHalfUp,
			"0.13 USD", metrics.Rate{Num: 360000, Den: 28800}, "the same tie half-up: 0.13"},
		{metrics.Productivity{Won: usd("10000 JPY"), WonDeals: 1, Seconds: 7}, sp.RoundHalfEven,
			"5142857 JPY", metrics.Rate{Num: 360000, Den: 7}, "JPY has no minor unit: 36000000 / 7 = 5142857.14…"},
		{metrics.Productivity{Won: xyz, WonDeals: 1, Seconds: 7}, sp.RoundHalfEven,
			"2571 XYZ", metrics.Rate{Num: 360000, Den: 7}, "unknown currency: the places it has (0); 18000 / 7 = 2571.4…"},
		{metrics.Productivity{Seconds: 11940}, sp.RoundHalfEven,
			"0", metrics.Rate{Num: 0, Den: 11940}, "time and nothing won: zero per hour, a value"},
		{metrics.Productivity{Won: usd("100.00 USD"), WonDeals: 1}, sp.RoundHalfEven,
			"", metrics.Rate{Num: 360000, Den: 0}, "won with no time recorded: no value"},
	}
	for _, tt := range tests {
		m, ok, err := tt.p.PerHour(tt.mode)
		if err != nil {
			t.Errorf("%s: PerHour error %v", tt.reason, err)
			continue
		}
		got := ""
		if ok {
			got = m.String()
		}
		if got != tt.perHour {
			t.Errorf("%s: PerHour = %q (ok %v), want %q", tt.reason, got, ok, tt.perHour)
		}
		if r := tt.p.DealsPer100Hours(); r != tt.per100 {
			t.Errorf("%s: DealsPer100Hours = %+v, want %+v", tt.reason, r, tt.per100)
		}
	}
	if _, ok, err := (metrics.Productivity{Won: mixed, Seconds: 3600}).PerHour(sp.RoundHalfEven); ok || !errors.Is(err, sp.ErrMixedCurrency) {
		t.Errorf("USD and EUR per hour: ok %v, err %v; want false, ErrMixedCurrency", ok, err)
	}
	// 2 × 360000 / 14550 = 49.4845… → 49.5; 14550 s = 4.04h → 4.0h.
	p := metrics.Productivity{Won: usd("15000.00 USD"), WonDeals: 2, Seconds: 14550}
	if s := p.String(); s != "3711.34 USD/h, 49.5 won per 100h (2 won in 4.0h)" {
		t.Errorf("String = %q", s)
	}
	if s := (metrics.Productivity{}).String(); s != "–, – won per 100h (0 won in 0.0h)" {
		t.Errorf("empty String = %q", s)
	}
}

// TestProductivityByRep joins deals folded by owner and activities folded
// by rep, as the Productivity doc describes.
func TestProductivityByRep(t *testing.T) {
	deals := []sp.Deal{
		{ID: "d1", Owner: "ann", Status: sp.Won, Amount: sp.MustParseMoney("12000.00 USD"), Created: actAt(1, 9), Closed: actAt(20, 9)},
		{ID: "d2", Owner: "ann", Status: sp.Won, Amount: sp.MustParseMoney("3000.00 USD"), Created: actAt(1, 9), Closed: actAt(21, 9)},
		{ID: "d3", Owner: "bob", Status: sp.Lost, Amount: sp.MustParseMoney("5000.00 USD"), Created: actAt(1, 9), Closed: actAt(22, 9)},
	}
	won := segment.By(metrics.Refs(deals), segment.Owner, metrics.AverageDealSize())
	acts := activityBook()
	spent := segment.By(metrics.Refs(acts), segment.Rep, metrics.TimeByCategory())
	got := map[string]metrics.Productivity{}
	for rep, ct := range spent {
		got[rep] = metrics.Productivity{Won: won[rep].Total, WonDeals: won[rep].N, Seconds: ct.Total()}
	}
	// ann: 600 + 330 + 3600 + 2700 + 7200 + 120 = 14550 s, 15000.00 USD
	// in 2 won deals. bob: 900 + 180 + 5400 + 1800 + 3600 + 60 = 11940 s,
	// nothing won (his lost deal counts in no Average).
	var ann sp.Sum
	ann.Add(sp.MustParseMoney("15000.00 USD"))
	want := map[string]metrics.Productivity{
		"ann": {Won: ann, WonDeals: 2, Seconds: 14550},
		"bob": {Seconds: 11940},
	}
	if diff := cmp.Diff(want, got, lawkit.Equal...); diff != "" {
		t.Errorf("productivity by rep (-want +got):\n%s", diff)
	}
}
