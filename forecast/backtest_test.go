package forecast_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
	"github.com/salesperf/salesperf/internal/sampledata"
	"github.com/shopspring/decimal"
)

// btTiny is a hand-made history of two monthly periods, January and
// February 2026 (UTC), in one pipeline "P" whose open stage A has the
// default probability 0.4:
//
//	H   created 12-01, won 12-20,  100 USD             history: the only closed deal before January
//	D1  created 12-10, won 01-10,  200 USD, expected close 01-20, commit
//	D2  created 12-15, open,       300 USD, expected close 02-10, best case
//	D3  created 01-05, won 02-03,  400 USD, expected close 02-25, commit
//
// Every closed deal is won, so the learned probability of A is 1 at every
// origin; no stage entry is 90 days old (the timing model's Settle), so
// the Monte Carlo times deals by their expected close dates; with no new
// deals its draws are all equal.
func btTiny() ([]sp.Deal, forecast.Backtest) {
	at := func(m time.Month, d int) time.Time {
		y := 2026
		if m == time.December {
			y = 2025
		}
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	usd := func(v int64) sp.Money { return sp.NewMoney(v*100, "USD") }
	won := func(id string, created, closed time.Time, amount int64, exp sp.Date, cat sp.ForecastCategory) sp.Deal {
		return sp.Deal{ID: id, Owner: "rep", Pipeline: "P", Stage: "Won", Status: sp.Won, Amount: usd(amount),
			Created: created, Closed: closed, ExpectedClose: exp, Category: cat,
			StageHistory: []sp.StageChange{{At: created, Stage: "A"}, {At: closed, Stage: "Won"}}}
	}
	deals := []sp.Deal{
		won("H", at(time.December, 1), at(time.December, 20), 100, sp.Date{}, sp.NoCategory),
		won("D1", at(time.December, 10), at(time.January, 10), 200, sp.Date{Year: 2026, Month: 1, Day: 20}, sp.CategoryCommit),
		{ID: "D2", Owner: "rep", Pipeline: "P", Stage: "A", Status: sp.Open, Amount: usd(300), Created: at(time.December, 15),
			ExpectedClose: sp.Date{Year: 2026, Month: 2, Day: 10}, Category: sp.CategoryBestCase,
			StageHistory: []sp.StageChange{{At: at(time.December, 15), Stage: "A"}}},
		won("D3", at(time.January, 5), at(time.February, 3), 400, sp.Date{Year: 2026, Month: 2, Day: 25}, sp.CategoryCommit),
	}
	p := &sp.Pipeline{Name: "P", Stages: []sp.Stage{
		{Name: "A", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.4")},
		{Name: "Won", Kind: sp.WonStage, Probability: decimal.NewFromInt(1)},
		{Name: "Lost", Kind: sp.LostStage},
	}}
	b := forecast.Backtest{
		Grain: sp.Month, From: at(time.January, 1), To: at(time.March, 1),
		Pipeline: p, Currency: "USD", Draws: 200, Seed: 1, NoNewDeals: true,
	}
	return deals, b
}

// TestBacktestTiny checks every forecast and score of btTiny by hand.
//
// Origins: Jan 1, Jan 16 (31 days / 2 = 15 days in), Feb 1, Feb 15 (28 / 2).
// Actual: January 200 (D1), February 400 (D3).
//
//	origin  closed  fixed                 learned          commit            run-rate            MC (all draws)
//	Jan 1     0     200×0.4 = 80          200              D1 commit 200     –                   200 (D1 p 1, expected in Jan)
//	Jan 16  200     200 (D2, D3 in Feb)   200              closed 200        200×31/15 = 413.33  200
//	Feb 1     0     (300+400)×0.4 = 280   700              D3 commit 400     –                   700
//	Feb 15  400     400 + 300×0.4 = 520   400 + 300 = 700  closed 400        400×28/14 = 800     700 (D2's date passed: closes now)
//
// Scores, Σ actual = 200 + 200 + 400 + 400 = 1200 (run-rate: 200 + 400 = 600):
//
//	fixed     errors −120, 0, −120, +120: WAPE 360/1200 = 0.3, bias −120/1200 = −0.1
//	          pinball 0.1: 0.1×120 + 0 + 0.1×120 + 0.9×120 = 132 → 0.11
//	          pinball 0.5: 60 + 0 + 60 + 60 = 180 → 0.15
//	          pinball 0.9: 0.9×120 + 0 + 0.9×120 + 0.1×120 = 228 → 0.19
//	learned   errors 0, 0, +300, +300: WAPE 0.5, bias 0.5
//	          pinball 0.1: 0.9×600 = 540 → 0.45; 0.5: 300 → 0.25; 0.9: 0.1×600 = 60 → 0.05
//	commit    every point equals the actual: 0 everywhere
//	run-rate  errors +213.33, +400: WAPE = bias = 613.33/600 = 1.0222166…
//	          pinball 0.1: 0.9×613.33 = 551.997 → 0.919995; 0.5: 306.665 → 0.5111083…; 0.9: 61.333 → 0.1022216…
//	MC        as learned (P10 = P50 = P90); coverage: Jan inside twice, Feb below P10 twice:
//	          inside 2/4, below 2/4, above 0/4
//
// The Monte Carlo column is the won-only timing's (TimingWonOnly: a won
// deal's share of closing in the period is 1 or 0 here); the default
// survival timing is hand-checked in survival_test.go.
func TestBacktestTiny(t *testing.T) {
	deals, b := btTiny()
	b.Timing.Model = forecast.TimingWonOnly
	res, err := b.Run(deals)
	if err != nil {
		t.Fatal(err)
	}
	usd := func(cents int64) sp.Money { return sp.NewMoney(cents, "USD") }
	pt := func(cents int64) forecast.Point { return forecast.Point{Value: usd(cents), OK: true} }
	type originRow struct {
		At                                  string
		Closed, Actual                      sp.Money
		Fixed, Learned, Categories, RunRate forecast.Point
		P10, P50, P90                       sp.Money
	}
	want := []originRow{
		{"2026-01-01", usd(0), usd(20000), pt(8000), pt(20000), pt(20000), forecast.Point{}, usd(20000), usd(20000), usd(20000)},
		{"2026-01-16", usd(20000), usd(20000), pt(20000), pt(20000), pt(20000), pt(41333), usd(20000), usd(20000), usd(20000)},
		{"2026-02-01", usd(0), usd(40000), pt(28000), pt(70000), pt(40000), forecast.Point{}, usd(70000), usd(70000), usd(70000)},
		{"2026-02-15", usd(40000), usd(40000), pt(52000), pt(70000), pt(40000), pt(80000), usd(70000), usd(70000), usd(70000)},
	}
	var got []originRow
	for _, o := range res.Origins {
		got = append(got, originRow{o.At.Format("2006-01-02"), o.Closed, o.Actual, o.Fixed, o.Learned, o.Categories, o.RunRate, o.P10, o.P50, o.P90})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("origins (-want +got):\n%s", diff)
	}

	type scoreRow struct {
		Method               string
		N, Skipped           int
		WAPE, Bias           float64
		Pin10, Pin50, Pin90  float64
		Inside, Below, Above float64
		HasCoverage          bool
	}
	want2 := []scoreRow{
		{forecast.MethodFixed, 4, 0, 0.3, -0.1, 0.11, 0.15, 0.19, 0, 0, 0, false},
		{forecast.MethodLearned, 4, 0, 0.5, 0.5, 0.45, 0.25, 0.05, 0, 0, 0, false},
		{forecast.MethodCategories, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, false},
		{forecast.MethodRunRate, 2, 2, 61333.0 / 60000, 61333.0 / 60000, 0.919995, 0.5111083333333333, 0.10222166666666667, 0, 0, 0, false},
		{forecast.MethodMonteCarlo, 4, 0, 0.5, 0.5, 0.45, 0.25, 0.05, 0.5, 0.5, 0, true},
	}
	var got2 []scoreRow
	for _, s := range res.Scores {
		r := scoreRow{Method: s.Method, N: s.N, Skipped: s.Skipped}
		r.WAPE, _ = s.WAPE()
		r.Bias, _ = s.Bias()
		r.Pin10, _ = s.Pinball(0)
		r.Pin50, _ = s.Pinball(1)
		r.Pin90, _ = s.Pinball(2)
		in, lo, hi := s.Coverage()
		var ok bool
		r.Inside, ok = in.Value()
		r.Below, _ = lo.Value()
		r.Above, _ = hi.Value()
		r.HasCoverage = ok
		got2 = append(got2, r)
	}
	if diff := cmp.Diff(want2, got2, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("scores (-want +got):\n%s", diff)
	}
}

// TestBacktestNoPeriod: a span without a whole period is an error.
func TestBacktestNoPeriod(t *testing.T) {
	deals, b := btTiny()
	b.To = b.From.AddDate(0, 0, 10)
	if _, err := b.Run(deals); err == nil {
		t.Fatal("no error for a span shorter than a period")
	}
}

// TestBacktestNoCategoriesNoCreated: without forecast categories the
// categories method is skipped at every origin; a deal without a created
// date is counted, not used.
func TestBacktestNoCategoriesNoCreated(t *testing.T) {
	deals, b := btTiny()
	for i := range deals {
		deals[i].Category = sp.NoCategory
	}
	deals = append(deals, sp.Deal{ID: "P0", Owner: "rep", Pipeline: "P", Stage: "A", Status: sp.Open})
	res, err := b.Run(deals)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := res.Score(forecast.MethodCategories)
	if s.N != 0 || s.Skipped != 4 {
		t.Errorf("categories: n %d skipped %d, want 0 and 4", s.N, s.Skipped)
	}
	if diff := cmp.Diff(forecast.LeftOut{forecast.LeftNoCreated: 1}, res.LeftOut); diff != "" {
		t.Errorf("left out (-want +got):\n%s", diff)
	}
}

// sampleUSD returns the sample's New Business deals and a quarterly
// backtest of one quarter, FY2026 Q2, with few draws (EUR deals are left
// out by the backtest itself).
func sampleUSD(t *testing.T) ([]sp.Deal, forecast.Backtest) {
	t.Helper()
	s := sampledata.MustLoad()
	p, _ := s.Dataset.Pipelines.Lookup("New Business")
	q := s.Calendar.PeriodOfDate(sp.Date{Year: 2025, Month: 5, Day: 1}, sp.Quarter)
	from, to := s.Calendar.Bounds(q)
	return s.Dataset.Deals, forecast.Backtest{Calendar: s.Calendar, Grain: sp.Quarter, From: from, To: to,
		Pipeline: p, Default: true, Currency: "USD", Draws: 500, Seed: 3}
}

// future changes every field of d dated after t, keeping d valid: a deal
// created after t is changed throughout; one closed after t changes its
// outcome and close; history entries after t change their value.
func future(d *sp.Deal, t time.Time) {
	bump := func(m sp.Money) sp.Money {
		if m.Currency() == "" {
			return m
		}
		v, _ := m.Add(sp.NewMoney(777_00, m.Currency()))
		return v
	}
	if d.Created.After(t) {
		d.Amount = bump(d.Amount)
		for i := range d.AmountHistory {
			d.AmountHistory[i].Amount = bump(d.AmountHistory[i].Amount)
		}
		d.Created = d.Created.Add(time.Hour)
		for i := range d.StageHistory {
			d.StageHistory[i].At = d.StageHistory[i].At.Add(time.Hour)
		}
	}
	if !d.Closed.IsZero() && d.Closed.After(t) {
		d.Closed = d.Closed.Add(48 * time.Hour)
		if d.Status == sp.Won {
			d.Status, d.Stage = sp.Lost, "Closed Lost"
		} else {
			d.Status, d.Stage = sp.Won, "Closed Won"
		}
		if n := len(d.StageHistory); n > 0 && d.StageHistory[n-1].At.After(t) {
			d.StageHistory[n-1] = sp.StageChange{At: d.Closed, Stage: d.Stage}
		}
	}
	for i := range d.AmountHistory {
		if d.AmountHistory[i].At.After(t) {
			d.AmountHistory[i].Amount = bump(d.AmountHistory[i].Amount)
			if i == len(d.AmountHistory)-1 {
				d.Amount = d.AmountHistory[i].Amount
			}
		}
	}
	for i := range d.ExpectedCloseHistory {
		if d.ExpectedCloseHistory[i].At.After(t) {
			d.ExpectedCloseHistory[i].ExpectedClose = d.ExpectedCloseHistory[i].ExpectedClose.AddDays(-40)
			if i == len(d.ExpectedCloseHistory)-1 {
				d.ExpectedClose = d.ExpectedCloseHistory[i].ExpectedClose
			}
		}
	}
	for i := range d.CategoryHistory {
		if d.CategoryHistory[i].At.After(t) {
			d.CategoryHistory[i].Category = sp.CategoryCommit
			if i == len(d.CategoryHistory)-1 {
				d.Category = sp.CategoryCommit
			}
		}
	}
}

// TestBacktestNoLeakage changes every field dated after an origin and
// checks that the origin's forecasts (everything but the actual revenue)
// do not move, for each origin of one quarter of the sample.
func TestBacktestNoLeakage(t *testing.T) {
	deals, b := sampleUSD(t)
	base, err := b.Run(deals)
	if err != nil {
		t.Fatal(err)
	}
	changedSomething := false
	for k, o := range base.Origins {
		changed := make([]sp.Deal, len(deals))
		for i := range deals {
			d := deals[i]
			d.StageHistory = slices.Clone(d.StageHistory)
			d.AmountHistory = slices.Clone(d.AmountHistory)
			d.ExpectedCloseHistory = slices.Clone(d.ExpectedCloseHistory)
			d.CategoryHistory = slices.Clone(d.CategoryHistory)
			future(&d, o.At)
			changed[i] = d
		}
		got, err := b.Run(changed)
		if err != nil {
			t.Fatal(err)
		}
		g := got.Origins[k]
		if !g.Actual.Equal(o.Actual) {
			changedSomething = true
		}
		g.Actual = o.Actual
		if diff := cmp.Diff(o, g); diff != "" {
			t.Errorf("origin %s: the forecasts read the future (-before +after):\n%s", o.At.Format("2006-01-02"), diff)
		}
	}
	if !changedSomething {
		t.Error("the changes moved no actual revenue: the test changes nothing that matters")
	}
}

// TestBacktestDeterministic: the same deals in another order give the
// same result, and two runs are equal.
func TestBacktestDeterministic(t *testing.T) {
	deals, b := sampleUSD(t)
	a, err := b.Run(deals)
	if err != nil {
		t.Fatal(err)
	}
	shuffled := slices.Clone(deals)
	r := rand.New(rand.NewPCG(9, 9))
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	c, err := b.Run(shuffled)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, c); diff != "" {
		t.Errorf("order changed the result (-sorted +shuffled):\n%s", diff)
	}
	for _, o := range a.Origins {
		c1, _ := o.P10.Cmp(o.P50)
		c2, _ := o.P50.Cmp(o.P90)
		if c1 > 0 || c2 > 0 {
			t.Errorf("origin %s: P10 %s, P50 %s, P90 %s not in order", o.At, o.P10, o.P50, o.P90)
		}
	}
	for _, s := range a.Scores {
		if w, ok := s.WAPE(); ok && (math.IsNaN(w) || w < 0) {
			t.Errorf("%s: WAPE %v", s.Method, w)
		}
	}
}

// A repeated deal ID is left out and counted: the second deal would
// otherwise share the first one's timing share (looked up by ID).
func TestBacktestDuplicateID(t *testing.T) {
	deals, b := btTiny()
	want, err := b.Run(deals)
	if err != nil {
		t.Fatal(err)
	}
	dup := deals[0]
	dup.Amount = sp.MustParseMoney("999999.00 USD")
	got, err := b.Run(append(slices.Clone(deals), dup))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(forecast.LeftOut{forecast.LeftDuplicateID: 1}, got.LeftOut); diff != "" {
		t.Errorf("left out (-want +got):\n%s", diff)
	}
	got.LeftOut = want.LeftOut
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the duplicate changed the backtest (-without +with):\n%s", diff)
	}
}
