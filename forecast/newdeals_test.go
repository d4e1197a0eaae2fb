package forecast_test

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
	"pgregory.net/rapid"
)

// A won deal with no amount counts as a win (rate, timing) but not as a
// zero-amount win: it would pull every simulated new win's amount down.
func TestLearnNewDealsWonWithoutAmount(t *testing.T) {
	asOf := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	day := func(n int) time.Time { return asOf.AddDate(0, 0, -n) }
	deals := []sp.Deal{
		{ID: "a", Owner: "r", Status: sp.Won, Amount: sp.MustParseMoney("100.00 USD"), Created: day(100), Closed: day(90)},
		{ID: "b", Owner: "r", Status: sp.Won, Created: day(80), Closed: day(70)}, // no amount
		{ID: "c", Owner: "r", Status: sp.Won, Amount: sp.MustParseMoney("40.00 USD"), Created: day(60), Closed: day(55)},
		{ID: "d", Owner: "r", Status: sp.Lost, Amount: sp.MustParseMoney("70.00 USD"), Created: day(50), Closed: day(40)},
		{ID: "e", Owner: "r", Status: sp.Open, Created: day(20)},
	}
	n := forecast.LearnNewDeals(deals, asOf, "USD", forecast.NewDealsOptions{})
	if got := n.Created(); got != 5 {
		t.Errorf("Created = %d, want 5 (the no-amount win is a created deal)", got)
	}
	want := []sp.Money{sp.MustParseMoney("40.00 USD"), sp.MustParseMoney("100.00 USD")}
	if diff := cmp.Diff(want, n.WonAmounts()); diff != "" {
		t.Errorf("WonAmounts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int64{"no amount": 1}, n.Skipped()); diff != "" {
		t.Errorf("Skipped (-want +got):\n%s", diff)
	}
	// Won within 15 days: deals a (10 days), b (10), c (5) of the 5 deals at
	// least 15 days old (all but e, 20 days old: 5 of 5 are ≥ 15 days old).
	if got, ok := n.WonWithin(15 * 24 * time.Hour); !ok || got != 3.0/5 {
		t.Errorf("WonWithin(15 days) = %v, %v; want 0.6 (the no-amount win counts)", got, ok)
	}
}

// ndHistory is the hand-computed history of TestNewDealsFormulas, ages in
// days before ndAsOf: g 300 lost; a 200 won after 10 days (100 USD); b 150
// won after 40 (300 USD); c 120 lost; d 60 won after 5 (50 USD); e 30 and
// f 10 open.
var ndAsOf = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)

func ndHistory() []sp.Deal {
	day := func(n int) time.Time { return ndAsOf.AddDate(0, 0, -n) }
	usd := func(s string) sp.Money { return sp.MustParseMoney(s + " USD") }
	return []sp.Deal{
		{ID: "g", Status: sp.Lost, Amount: usd("70.00"), Created: day(300), Closed: day(290)},
		{ID: "a", Status: sp.Won, Amount: usd("100.00"), Created: day(200), Closed: day(190)},
		{ID: "b", Status: sp.Won, Amount: usd("300.00"), Created: day(150), Closed: day(110)},
		{ID: "c", Status: sp.Lost, Amount: usd("80.00"), Created: day(120), Closed: day(100)},
		{ID: "d", Status: sp.Won, Amount: usd("50.00"), Created: day(60), Closed: day(55)},
		{ID: "e", Status: sp.Open, Amount: usd("90.00"), Created: day(30)},
		{ID: "f", Status: sp.Open, Amount: usd("60.00"), Created: day(10)},
	}
}

// TestNewDealsFormulas checks the rate, the spans, the win curve, the
// amounts of quick wins and the period factor against hand computations
// on ndHistory (see NewDeals for the formulas).
func TestNewDealsFormulas(t *testing.T) {
	const day = 24 * time.Hour
	usd := func(ss ...string) []sp.Money {
		var out []sp.Money
		for _, s := range ss {
			out = append(out, sp.MustParseMoney(s+" USD"))
		}
		return out
	}
	recent := func(n []sp.Deal, maxAge int) []sp.Deal { // the deals at most maxAge days old
		var out []sp.Deal
		for _, d := range n {
			if ndAsOf.Sub(d.Created) <= time.Duration(maxAge)*day {
				out = append(out, d)
			}
		}
		return out
	}
	month := [2]time.Time{ndAsOf, ndAsOf.AddDate(0, 0, 30)}
	for _, tc := range []struct {
		name             string
		history          []sp.Deal
		opt              forecast.NewDealsOptions
		lookback, window time.Duration
		perDay           float64
		winRate          float64 // F(L'/2)
		within           map[int][]sp.Money
		factor           float64 // for [asOf, asOf + 30 days)
	}{{
		// L' = min(365, 300) = 300, R' = 90: d, e, f are at most 90 days
		// old. w = F(150): g, a, b are ≥ 150 days old, a and b won within
		// 150: 2/3. The period factor: F(x) = 0 (x < 5), 1/7 (5 ≤ x < 10),
		// 2/7 (x = 10), 1/3 (10 < x ≤ 30); the 30-day windows k back hold
		// f (k=1, x=10, open), e (k=1, x=30, open), d (k=2, x=30, won),
		// c (k=4, x=30, lost), b (k=5, x=30, won after 40: not before
		// the end), a (k=7, x=20, won after 10), g (k=10, x=30, lost):
		// O = 2, E = 2/7 + 6 × 1/3 = 16/7, c = 7/8.
		name: "default", history: ndHistory(),
		lookback: 300 * day, window: 90 * day, perDay: 3.0 / 90, winRate: 2.0 / 3,
		within: map[int][]sp.Money{4: nil, 5: usd("50.00"), 30: usd("50.00", "100.00"), 45: usd("50.00", "100.00", "300.00")},
		factor: 7.0 / 8,
	}, {
		// R' = 30: e (exactly 30 days old) and f.
		name: "rate window 30 days", history: ndHistory(), opt: forecast.NewDealsOptions{RateWindow: 30 * day},
		lookback: 300 * day, window: 30 * day, perDay: 2.0 / 30, winRate: 2.0 / 3,
		within: map[int][]sp.Money{30: usd("50.00", "100.00")}, factor: 7.0 / 8,
	}, {
		// L' = 100, R' = min(200, 100): d, e, f. w = F(50) = d's win, 1/1.
		// F(x) on d, e, f: 0 (x < 5), 1/3 (5 ≤ x ≤ 10), 1/2 (10 < x ≤ 30);
		// windows: f (k=1, x=10), e (k=1, x=30), d (k=2, x=30, won); k=4
		// would start 120 days back, beyond L'. O = 1, E = 1/3 + 2 × 1/2.
		name: "lookback 100 days", history: ndHistory(), opt: forecast.NewDealsOptions{Lookback: 100 * day, RateWindow: 200 * day},
		lookback: 100 * day, window: 100 * day, perDay: 3.0 / 100, winRate: 1,
		within: map[int][]sp.Money{30: usd("50.00"), 45: usd("50.00")}, factor: 1 / (1.0/3 + 1),
	}, {
		// History of 150 days: L' = 150, w = F(75): b (won after 40) and
		// c (lost) are ≥ 75 days old: 1/2. F(x): 0 (x < 5), 1/5 (5 ≤ x ≤
		// 10), 1/4 (10 < x ≤ 30); windows: f (k=1, x=10), e (k=1, x=30),
		// d (k=2, x=30, won), c (k=4, x=30), b (k=5, x=30): O = 1,
		// E = 1/5 + 4 × 1/4 = 6/5, c = 5/6.
		name: "short history", history: recent(ndHistory(), 150),
		lookback: 150 * day, window: 90 * day, perDay: 3.0 / 90, winRate: 0.5,
		within: map[int][]sp.Money{30: usd("50.00"), 45: usd("50.00", "300.00")}, factor: 5.0 / 6,
	}, {
		name: "no history", history: nil, factor: 1,
		within: map[int][]sp.Money{30: nil},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			n := forecast.LearnNewDeals(tc.history, ndAsOf, "USD", tc.opt)
			lb, rw := n.Spans()
			if lb != tc.lookback || rw != tc.window {
				t.Errorf("Spans = %v, %v; want %v, %v", lb, rw, tc.lookback, tc.window)
			}
			if got := n.PerDay(); math.Abs(got-tc.perDay) > 1e-12 {
				t.Errorf("PerDay = %v, want %v", got, tc.perDay)
			}
			if got, _ := n.WonWithin(lb / 2); math.Abs(got-tc.winRate) > 1e-12 {
				t.Errorf("WonWithin(L'/2) = %v, want %v", got, tc.winRate)
			}
			for x, want := range tc.within {
				if diff := cmp.Diff(want, n.WonAmountsWithin(time.Duration(x)*day)); diff != "" {
					t.Errorf("WonAmountsWithin(%d days) (-want +got):\n%s", x, diff)
				}
			}
			if got := n.PeriodFactor(month[0], month[1]); math.Abs(got-tc.factor) > 1e-12 {
				t.Errorf("PeriodFactor = %v, want %v", got, tc.factor)
			}
		})
	}
}

// TestNewDealsMidPeriodFactor: from the middle of a 60-day period
// [asOf − 30d, asOf + 30d), with a 250-day lookback (g is left out), the
// past windows are the forecast window [asOf, asOf + 30d) shifted back by
// whole periods, in ages (60k − 30, 60k]: d (60, k=1, x = 30, won), c
// (120, k=2, x = 30, lost); none holds b (150), a (200); k=5 would start
// 300 days back, beyond the lookback. On a to f, F(30) = 2/5 (a and d won
// within 30 of the 5 deals at least 30 days old) and w = F(125) = 1:
// O = 1, E = 2 × 2/5, c = 5/4.
func TestNewDealsMidPeriodFactor(t *testing.T) {
	n := forecast.LearnNewDeals(ndHistory(), ndAsOf, "USD", forecast.NewDealsOptions{Lookback: 250 * 24 * time.Hour})
	got := n.PeriodFactor(ndAsOf.AddDate(0, 0, -30), ndAsOf.AddDate(0, 0, 30))
	if math.Abs(got-1.25) > 1e-12 {
		t.Errorf("PeriodFactor = %v, want 1.25", got)
	}
}

// ndRandom draws a history of up to 40 deals created 1 to 400 days before
// ndAsOf (won, lost or open; closed 0 to 120 days after creation when
// that is before ndAsOf).
func ndRandom(t *rapid.T) []sp.Deal {
	n := rapid.IntRange(0, 40).Draw(t, "deals")
	var out []sp.Deal
	for i := range n {
		created := ndAsOf.Add(-time.Duration(rapid.IntRange(1, 400*24).Draw(t, fmt.Sprint("age hours ", i))) * time.Hour)
		d := sp.Deal{ID: fmt.Sprint("D", i), Owner: "r", Created: created,
			Amount: sp.NewMoney(int64(rapid.IntRange(1, 1_000_000).Draw(t, fmt.Sprint("amount ", i))), "USD")}
		closed := created.Add(time.Duration(rapid.IntRange(0, 120*24).Draw(t, fmt.Sprint("cycle hours ", i))) * time.Hour)
		if closed.Before(ndAsOf) {
			d.Status = rapid.SampledFrom([]sp.Status{sp.Won, sp.Lost, sp.Open}).Draw(t, fmt.Sprint("status ", i))
			if d.Status != sp.Open {
				d.Closed = closed
			}
		}
		out = append(out, d)
	}
	return out
}

// TestNewDealsProperties: the model does not depend on the order of the
// history; the amounts of quick wins are some of the won amounts; the
// rate window's deals are some of the lookback's; the period factor is
// finite and not negative.
func TestNewDealsProperties(t *testing.T) {
	const day = 24 * time.Hour
	rapid.Check(t, func(t *rapid.T) {
		h := ndRandom(t)
		opt := forecast.NewDealsOptions{
			Lookback:   time.Duration(rapid.IntRange(0, 500).Draw(t, "lookback days")) * day,
			RateWindow: time.Duration(rapid.IntRange(0, 200).Draw(t, "rate window days")) * day,
		}
		from := ndAsOf.AddDate(0, 0, -rapid.IntRange(0, 60).Draw(t, "from days back"))
		to := ndAsOf.AddDate(0, 0, rapid.IntRange(1, 100).Draw(t, "to days ahead"))
		x := time.Duration(rapid.IntRange(0, 150).Draw(t, "x days")) * day
		n := forecast.LearnNewDeals(h, ndAsOf, "USD", opt)

		perm := rapid.Permutation(h).Draw(t, "order")
		m := forecast.LearnNewDeals(perm, ndAsOf, "USD", opt)
		lb, rw := n.Spans()
		lb2, rw2 := m.Spans()
		if lb != lb2 || rw != rw2 || n.PerDay() != m.PerDay() || n.PeriodFactor(from, to) != m.PeriodFactor(from, to) ||
			!cmp.Equal(n.WonAmountsWithin(x), m.WonAmountsWithin(x)) {
			t.Fatalf("the order of the history changed the model")
		}

		all := map[string]int{}
		for _, a := range n.WonAmounts() {
			all[a.String()]++
		}
		for _, a := range n.WonAmountsWithin(x) {
			if all[a.String()]--; all[a.String()] < 0 {
				t.Fatalf("WonAmountsWithin(%v) has %s more often than WonAmounts", x, a)
			}
		}
		if rw > lb || (opt.Lookback > 0 && lb > opt.Lookback) {
			t.Fatalf("spans %v, %v for options %+v", lb, rw, opt)
		}
		if rw > 0 {
			if inWindow := n.PerDay() * float64(rw) / float64(day); inWindow > float64(n.Created())+1e-9 || inWindow < 0 {
				t.Fatalf("%v deals in the rate window, %d in the lookback", inWindow, n.Created())
			}
		}
		if c := n.PeriodFactor(from, to); c < 0 || math.IsInf(c, 0) || math.IsNaN(c) {
			t.Fatalf("PeriodFactor = %v", c)
		}
	})
}

// TestNewDealsNoLeakage learns the new-deal model at an origin from the
// sample's deals and from the same deals with every field dated after the
// origin changed (future): the rate, spans, win curve, amounts, period
// factor and the simulated new revenue are the same.
func TestNewDealsNoLeakage(t *testing.T) {
	deals, b := sampleUSD(t)
	asOf := b.From.AddDate(0, 0, 20)
	changed := make([]sp.Deal, len(deals))
	for i := range deals {
		d := deals[i]
		d.StageHistory = slices.Clone(d.StageHistory)
		d.AmountHistory = slices.Clone(d.AmountHistory)
		d.ExpectedCloseHistory = slices.Clone(d.ExpectedCloseHistory)
		d.CategoryHistory = slices.Clone(d.CategoryHistory)
		future(&d, asOf)
		changed[i] = d
	}
	type view struct {
		Lookback, Window time.Duration
		PerDay, Factor   float64
		Within           []float64
		Amounts          []string
		P10, P50, P90    string
	}
	look := func(deals []sp.Deal, asOf time.Time) view {
		n := forecast.LearnNewDeals(deals, asOf, "USD", forecast.NewDealsOptions{})
		var v view
		v.Lookback, v.Window = n.Spans()
		v.PerDay, v.Factor = n.PerDay(), n.PeriodFactor(b.From, b.To)
		for x := range 100 {
			f, _ := n.WonWithin(time.Duration(x) * 24 * time.Hour)
			v.Within = append(v.Within, f)
			for _, a := range n.WonAmountsWithin(time.Duration(x) * 24 * time.Hour) {
				v.Amounts = append(v.Amounts, a.String())
			}
		}
		sim, err := forecast.MonteCarlo{AsOf: asOf, From: b.From, To: b.To, Currency: "USD", NewDeals: n, Draws: 500, Seed: 1,
			Prob: func(*sp.Deal) (float64, bool) { return 0, false }}.Simulate(nil)
		if err != nil {
			t.Fatal(err)
		}
		p10, p50, p90 := sim.Range()
		v.P10, v.P50, v.P90 = p10.String(), p50.String(), p90.String()
		return v
	}
	before, after := look(deals, asOf), look(changed, asOf)
	if before.PerDay == 0 || before.P90 == before.P10 {
		t.Fatalf("the model adds nothing (%+v): the test checks too little", before)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("the new-deal model read the future (-before +after):\n%s", diff)
	}
	// The changes matter once they are in the past.
	if cmp.Equal(look(deals, b.To), look(changed, b.To)) {
		t.Error("learned after the origin, the changed deals give the same model: the test changes nothing that matters")
	}
}

// TestNewDealsExpect checks the model's means for [asOf, asOf + 30 days)
// on ndHistory by hand. λ = 3/90 a day, W = 30: Created = 1. w × G(x) =
// F(x), linear between whole days: 0 up to day 4, 1/7 on days 5–9, 2/7 on
// day 10, 1/3 from day 11; its integral over [0, 30] is 1/14 (day 4–5) +
// 4/7 + 3/14 (9–10) + 13/42 (10–11) + 19/3 = 7.5, so WonCurve = 7.5/30 =
// 0.25 and, with c = 7/8 (TestNewDealsFormulas; c × G ≤ 7/16, never
// capped), Won = 0.21875. Amounts: A(⌈x⌉) is d's 50 on days 5–9 and
// {50, 100} (mean 75) from day 10, so Revenue = λ c (50 × (1/14 + 4/7) +
// 75 × (3/14 + 13/42 + 19/3)) = 15.9375 USD = 1593.75 cents.
func TestNewDealsExpect(t *testing.T) {
	n := forecast.LearnNewDeals(ndHistory(), ndAsOf, "USD", forecast.NewDealsOptions{})
	got := n.Expect(ndAsOf, ndAsOf.AddDate(0, 0, 30))
	want := forecast.NewDealsMean{Created: 1, Won: 0.21875, WonCurve: 0.25, Revenue: 1593.75, Factor: 0.875}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("Expect (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(forecast.NewDealsMean{Factor: 1}, (*forecast.NewDeals)(nil).Expect(ndAsOf, ndAsOf.AddDate(0, 0, 30))); diff != "" {
		t.Errorf("nil Expect (-want +got):\n%s", diff)
	}
}

// TestNewDealsExpectSimulated: the Monte Carlo's mean new revenue is the
// model's Expect within the simulation's noise (4 standard errors), with
// and without the shock, on the sample's history: two computations of
// the same mean, one by drawing, one by integrating.
func TestNewDealsExpectSimulated(t *testing.T) {
	deals, b := sampleUSD(t)
	asOf := b.From.AddDate(0, 0, 20)
	n := forecast.LearnNewDeals(deals, asOf, "USD", forecast.NewDealsOptions{})
	want := n.Expect(b.From, b.To)
	if want.Revenue == 0 || want.Factor == 1 {
		t.Fatalf("Expect = %+v: the test checks too little", want)
	}
	for _, shock := range []float64{forecast.NoShock, 0} {
		sim, err := forecast.MonteCarlo{AsOf: asOf, From: b.From, To: b.To, Currency: "USD", NewDeals: n,
			Prob: func(*sp.Deal) (float64, bool) { return 0, false }, Shock: shock, Draws: 20000, Seed: 5}.Simulate(nil)
		if err != nil {
			t.Fatal(err)
		}
		mean, _ := sim.Mean().New.Minor()
		// The draws' standard deviation, from P10–P90 of a roughly normal sum.
		p10, _, p90 := sim.Range()
		lo, _ := p10.Minor()
		hi, _ := p90.Minor()
		se := float64(hi-lo) / 2.56 / math.Sqrt(20000)
		t.Logf("shock %v: simulated mean %d, Expect %.0f, standard error %.0f", shock, mean, want.Revenue, se)
		if math.Abs(float64(mean)-want.Revenue) > 4*se+1 {
			t.Errorf("shock %v: simulated mean %d, Expect %.0f (± %.0f)", shock, mean, want.Revenue, 4*se)
		}
	}
}

// TestNewDealsRateShortHistory: when the rate window reaches back to the
// history's first creation, that deal marks the start of the history
// rather than an arrival in it, so it is not counted: a single deal
// created an hour ago (and won) gives no rate, not 24 deals a day, and
// two deals created 10 and 5 days ago give 1 deal in 10 days.
func TestNewDealsRateShortHistory(t *testing.T) {
	usd := sp.MustParseMoney("100.00 USD")
	one := []sp.Deal{{ID: "a", Status: sp.Won, Amount: usd, Created: ndAsOf.Add(-time.Hour), Closed: ndAsOf.Add(-30 * time.Minute)}}
	n := forecast.LearnNewDeals(one, ndAsOf, "USD", forecast.NewDealsOptions{})
	if got := n.PerDay(); got != 0 {
		t.Errorf("one deal an hour old: PerDay = %v, want 0", got)
	}
	if got := n.Expect(ndAsOf, ndAsOf.AddDate(0, 3, 0)); got.Created != 0 || got.Revenue != 0 {
		t.Errorf("one deal an hour old: Expect = %+v, want nothing", got)
	}
	two := []sp.Deal{
		{ID: "a", Status: sp.Open, Amount: usd, Created: ndAsOf.AddDate(0, 0, -10)},
		{ID: "b", Status: sp.Open, Amount: usd, Created: ndAsOf.AddDate(0, 0, -5)},
	}
	n = forecast.LearnNewDeals(two, ndAsOf, "USD", forecast.NewDealsOptions{})
	if got := n.PerDay(); math.Abs(got-0.1) > 1e-12 {
		t.Errorf("two deals, 10 and 5 days old: PerDay = %v, want 1/10", got)
	}
	// A first deal in another currency is the history's start but not one
	// of the model's deals: both USD deals after it are arrivals.
	three := append([]sp.Deal{{ID: "e", Status: sp.Open, Amount: sp.MustParseMoney("1.00 EUR"), Created: ndAsOf.AddDate(0, 0, -20)}}, two...)
	n = forecast.LearnNewDeals(three, ndAsOf, "USD", forecast.NewDealsOptions{})
	if got := n.PerDay(); math.Abs(got-0.1) > 1e-12 {
		t.Errorf("EUR deal 20 days old, USD deals 10 and 5: PerDay = %v, want 2/20", got)
	}
}
