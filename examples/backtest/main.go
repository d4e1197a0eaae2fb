// Command backtest scores the forecasts of the forecast package on the
// past: for each period, from its start and its middle, it forecasts the
// period's won revenue with the fixed-stage and learned-stage weighted
// pipelines, the forecast categories, the run rate and the Monte Carlo,
// from the deals as they stood at that instant, and compares with what was
// actually won (forecast.Backtest). It prints the accuracy table and the
// forecasts of every origin.
//
//	go run ./examples/backtest -source sample
//	go run ./examples/backtest -source maven -data ../shared/data/maven-crm
//
// The sample (-source sample): the New Business pipeline of the sample
// organisation, amounts in USD (EUR amounts converted at the EUR→USD rate
// of the day each amount was set: every entry of the amount history at
// its own date, an amount without history at the created date), records
// that fail validation left out. Quarterly periods, FY2025 Q3 to FY2026 Q4
// (the first two quarters are history only), the way the organisation
// forecasts; then the same by month, August 2024 to January 2026. The
// weighted and category forecasts count open deals by their expected close
// date as of the origin.
//
// The Maven export (-source maven): sales_pipeline.csv read with the
// csvimport.Maven preset (and products.csv for list prices), monthly
// periods April to December 2017. See the package forecast's
// docs/forecast-accuracy.md for the choices; in short:
//   - the export holds dates only; every instant is moved to noon of its
//     day (New York time is not involved: UTC), so that an origin at
//     midnight sees none of that day's engagements and closes;
//   - the export records a value only at the close (0 for a lost deal),
//     so a deal's amount before its close is its product's list price
//     (products.csv), and its close value from the close on: a deal open
//     at an origin is never seen with its final value;
//   - Prospecting deals have no date at all: they enter no pipeline and
//     are counted as left out;
//   - there is no expected close date: the weighted forecasts count every
//     open deal at amount × probability × the timing model's chance that
//     it closes in the period if won (forecast.CloseByTiming);
//   - the fixed-stage probabilities are not in the export: Prospecting
//     0.10 and Engaging 0.50 are assumed, typical CRM defaults;
//   - March 2017 is left out: it is the month of the first close, so
//     no history can be learned from at its origins.
//
// The Monte Carlo draws 10,000 times with seed 1 and the default shock.
// The timing model is the survival model (forecast.TimingSurvival, the
// default); -timing won-only uses forecast.TimingWonOnly instead:
//
//	go run ./examples/backtest -source sample -timing won-only
package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/csvimport"
	"github.com/salesperf/salesperf/examples/internal/prep"
	"github.com/salesperf/salesperf/forecast"
	"github.com/salesperf/salesperf/internal/sampledata"
	"github.com/shopspring/decimal"
)

func main() {
	source := flag.String("source", "sample", "data to backtest: sample or maven")
	dir := flag.String("data", filepath.Join("..", "shared", "data", "maven-crm"), "folder of the Maven CRM export (for -source maven)")
	flag.BoolVar(&newDealsDiag, "newdeals", false, "after each accuracy table, break the new-deal model's mean down against what the new deals brought")
	timing := flag.String("timing", "survival", "timing model of the Monte Carlo and timed weighted forecasts: survival (the default) or won-only")
	flag.Parse()
	var err error
	switch *timing {
	case "survival":
		timingModel = forecast.TimingSurvival
	case "won-only":
		timingModel = forecast.TimingWonOnly
	default:
		err = fmt.Errorf("unknown -timing %q (survival or won-only)", *timing)
	}
	switch {
	case err != nil:
	case *source == "sample":
		err = runSample(os.Stdout, 0)
	case *source == "maven":
		err = runMaven(os.Stdout, *dir, 0)
	default:
		err = fmt.Errorf("unknown -source %q (sample or maven)", *source)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "backtest:", err)
		os.Exit(1)
	}
}

const seed = 1

// newDealsDiag is the -newdeals flag.
var newDealsDiag bool

// timingModel is the -timing flag: the timing model of every backtest.
var timingModel = forecast.TimingSurvival

// runSample prints the sample's backtests with draws Monte Carlo draws
// (0: the default 10,000).
func runSample(w io.Writer, draws int) error {
	s, err := sampledata.Load()
	if err != nil {
		return err
	}
	bt, deals, err := SampleBacktest(s, draws)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Backtest: sample organisation, %s pipeline, %d deals, USD\n\n", bt.Pipeline.Name, len(deals))
	for _, g := range []sp.Grain{sp.Quarter, sp.Month} {
		b := bt
		b.Grain = g
		if g == sp.Month {
			b.From = time.Date(2024, time.August, 1, 0, 0, 0, 0, s.Calendar.Location)
		}
		res, err := b.Run(deals)
		if err != nil {
			return err
		}
		if err := print(w, res, b, deals, fmt.Sprintf("Accuracy by %s, %s to %s", g, periodName(res, 0), periodName(res, len(res.Origins)-1))); err != nil {
			return err
		}
	}
	return nil
}

func periodName(r *forecast.BacktestResult, i int) string {
	return r.Origins[i].Period.String()
}

func print(w io.Writer, res *forecast.BacktestResult, b forecast.Backtest, deals []sp.Deal, title string) error {
	if err := res.Table(title).WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w, sources(res, b, deals))
	fmt.Fprintln(w)
	if newDealsDiag {
		fmt.Fprintln(w, newDealsBreakdown(res, b, deals))
	}
	if err := res.OriginTable("Forecasts by origin").WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return nil
}

// sources compares, summed over the origins, the Monte Carlo's mean
// revenue from the open pipeline and from new deals with what each
// actually brought: the amounts won in the period after the origin by the
// deals created at or before it (open then), and by those created after.
func sources(res *forecast.BacktestResult, b forecast.Backtest, deals []sp.Deal) string {
	var open, fromNew, wonOpen, wonNew int64
	for _, o := range res.Origins {
		open += minor(o.Mean.Open)
		fromNew += minor(o.Mean.New)
		s, e := b.Calendar.Bounds(o.Period)
		for i := range deals {
			d := &deals[i]
			if d.Pipeline != b.Pipeline.Name && (d.Pipeline != "" || !b.Default) {
				continue
			}
			if d.Status != sp.Won || d.Created.IsZero() || d.Closed.Before(s) || !d.Closed.Before(e) || !d.Closed.After(o.At) {
				continue
			}
			if d.Created.After(o.At) {
				wonNew += minor(d.Amount)
			} else {
				wonOpen += minor(d.Amount)
			}
		}
	}
	ratio := func(a, b int64) string {
		if b == 0 {
			return "–"
		}
		return fmt.Sprintf("%.2f", float64(a)/float64(b))
	}
	return fmt.Sprintf("  Monte Carlo mean, summed over the origins (USD): open pipeline %d against %d won after the origin by deals open then (%s);\n"+
		"  new deals %d against %d won by deals created after the origin (%s).",
		open/100, wonOpen/100, ratio(open, wonOpen), fromNew/100, wonNew/100, ratio(fromNew, wonNew))
}

// newDealsBreakdown sets, summed over the origins, each factor of the
// new-deal model's mean (forecast.NewDeals.Expect, learned as the
// backtest learns it) beside what the deals created after the origin did:
// how many were created before the period's end, how many of them were
// won in the period, their mean won amount, and the revenue; with the
// alternatives the model replaced (a year's rate, the win curve without
// the period factor, every won amount).
func newDealsBreakdown(res *forecast.BacktestResult, b forecast.Backtest, deals []sp.Deal) string {
	var own []sp.Deal
	for i := range deals {
		d := &deals[i]
		if (d.Pipeline == b.Pipeline.Name || (d.Pipeline == "" && b.Default)) && !d.Created.IsZero() {
			own = append(own, *d)
		}
	}
	var m, year forecast.NewDealsMean
	var allAmounts float64 // Σ Won × mean of every won amount
	var created, won, revenue int64
	var rows strings.Builder
	fmt.Fprintf(&rows, "  %-11s %-10s %8s %7s %7s %6s %6s %10s %10s\n", "period", "origin", "created", "actual", "won", "actual", "c", "revenue", "actual")
	for _, o := range res.Origins {
		c0, w0, r0 := created, won, revenue
		s, e := b.Calendar.Bounds(o.Period)
		n := forecast.LearnNewDeals(own, o.At, b.Currency, b.NewDeals)
		x := n.Expect(s, e)
		m.Created += x.Created
		m.Won += x.Won
		m.WonCurve += x.WonCurve
		m.Revenue += x.Revenue
		if am := n.WonAmounts(); len(am) > 0 {
			var sum float64
			for _, a := range am {
				sum += float64(minor(a))
			}
			allAmounts += x.Won * sum / float64(len(am))
		}
		opt := b.NewDeals
		opt.RateWindow = forecast.DefaultLookback
		year.Created += forecast.LearnNewDeals(own, o.At, b.Currency, opt).Expect(s, e).Created
		for i := range own {
			d := &own[i]
			if !d.Created.After(o.At) || !d.Created.Before(e) {
				continue
			}
			created++
			if d.Status == sp.Won && !d.Closed.Before(s) && d.Closed.Before(e) {
				won++
				revenue += minor(d.Amount)
			}
		}
		fmt.Fprintf(&rows, "  %-11s %-10s %8.1f %7d %7.1f %6d %6.2f %10.0f %10d\n", o.Period, o.At.Format(time.DateOnly),
			x.Created, created-c0, x.Won, won-w0, x.Factor, x.Revenue/100, (revenue-r0)/100)
	}
	r := func(a, b float64) string {
		if b == 0 {
			return "–"
		}
		return fmt.Sprintf("%.2f", a/b)
	}
	perWin := func(rev, n float64) float64 {
		if n == 0 {
			return 0
		}
		return rev / n / 100
	}
	a := func(n int64) float64 { return float64(n) }
	return fmt.Sprintf("New deals, summed over the origins: the model's mean (forecast.NewDeals.Expect) against the deals created after the origin\n"+
		"  deals created before the period's end: model %.1f, actual %d (%s); with a year's rate %.1f (%s)\n"+
		"  won in the period: model %.1f (%s); without the period factor %.1f (%s); per deal created: model %.4f, actual %.4f (%s)\n"+
		"  amount per win (%s): model %.0f, actual %.0f (%s); drawn from every won amount %.0f (%s)\n"+
		"  revenue (%s): model %.0f, actual %.0f (%s)\n%s",
		m.Created, created, r(m.Created, a(created)), year.Created, r(year.Created, a(created)),
		m.Won, r(m.Won, a(won)), m.WonCurve, r(m.WonCurve, a(won)), m.Won/m.Created, a(won)/a(created), r(m.Won/m.Created, a(won)/a(created)),
		b.Currency, perWin(m.Revenue, m.Won), perWin(a(revenue), a(won)), r(perWin(m.Revenue, m.Won), perWin(a(revenue), a(won))),
		perWin(allAmounts, m.Won), r(perWin(allAmounts, m.Won), perWin(a(revenue), a(won))),
		b.Currency, m.Revenue/100, a(revenue)/100, r(m.Revenue, a(revenue)), rows.String())
}

func minor(m sp.Money) int64 {
	v, _ := m.Minor()
	return v
}

// SampleBacktest returns the quarterly backtest of the sample's New
// Business pipeline and its valid deals in USD.
func SampleBacktest(s *sampledata.Sample, draws int) (forecast.Backtest, []sp.Deal, error) {
	valid := prep.Valid(s)
	p, ok := s.Dataset.Pipelines.Lookup("New Business")
	if !ok {
		return forecast.Backtest{}, nil, errors.New("no New Business pipeline")
	}
	deals, err := prep.InCurrencyHistory(valid.Deals, s.Rates, "USD")
	if err != nil {
		return forecast.Backtest{}, nil, err
	}
	cal := s.Calendar
	from, _ := cal.Bounds(cal.PeriodOfDate(sp.Date{Year: 2024, Month: time.August, Day: 1}, sp.Quarter))
	_, to := cal.Bounds(cal.PeriodOfDate(sp.Date{Year: 2026, Month: time.January, Day: 1}, sp.Quarter))
	return forecast.Backtest{
		Calendar: cal, Grain: sp.Quarter, From: from, To: to,
		Pipeline: p, Default: true, Currency: "USD", Rounding: sp.RoundHalfEven,
		Close: forecast.CloseByExpected, Draws: draws, Seed: seed,
		Timing: forecast.TimingOptions{Model: timingModel},
	}, deals, nil
}

// runMaven prints the Maven export's monthly backtest.
func runMaven(w io.Writer, dir string, draws int) error {
	deals, rejected, err := loadMaven(dir)
	if err != nil {
		return err
	}
	b := MavenBacktest(draws)
	res, err := b.Run(deals)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Backtest: Maven CRM export, %d deals (%d rows rejected), USD\n\n", len(deals), rejected)
	return print(w, res, b, deals, "Accuracy by month, April to December 2017")
}

// mavenPipeline is the Maven pipeline with the assumed default
// probabilities (the export has none).
var mavenPipeline = sp.Pipeline{Name: "maven", Stages: []sp.Stage{
	{Name: "Prospecting", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.10")},
	{Name: "Engaging", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.50")},
	{Name: "Won", Kind: sp.WonStage, Probability: decimal.NewFromInt(1)},
	{Name: "Lost", Kind: sp.LostStage, Probability: decimal.Zero},
}}

// MavenBacktest is the monthly backtest of the Maven export.
func MavenBacktest(draws int) forecast.Backtest {
	return forecast.Backtest{
		Calendar: sp.Calendar{}, Grain: sp.Month,
		From:     time.Date(2017, time.April, 1, 0, 0, 0, 0, time.UTC),
		To:       time.Date(2018, time.January, 1, 0, 0, 0, 0, time.UTC),
		Pipeline: &mavenPipeline, Default: true, Currency: "USD", Rounding: sp.RoundHalfEven,
		Close: forecast.CloseByTiming, Draws: draws, Seed: seed,
		Timing: forecast.TimingOptions{Model: timingModel},
	}
}

// loadMaven reads the export's deals and list prices and readies them for
// the backtest (see the package doc): instants at noon, the list price as
// the amount until the close. It returns the number of rejected rows.
func loadMaven(dir string) ([]sp.Deal, int, error) {
	prices, err := listPrices(filepath.Join(dir, "products.csv"))
	if err != nil {
		return nil, 0, err
	}
	f, err := os.Open(filepath.Join(dir, "sales_pipeline.csv"))
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	rejected := 0
	r := csvimport.Reader{Mapping: csvimport.Maven(), Reject: func(csvimport.Rejected) { rejected++ }}
	seq, err := r.Deals(f)
	if err != nil {
		return nil, 0, err
	}
	var deals []sp.Deal
	for d := range seq {
		deals = append(deals, mavenDeal(d, prices))
	}
	if err := r.Err(); err != nil {
		return nil, 0, err
	}
	return deals, rejected, nil
}

// mavenDeal moves d's instants to noon and gives it its list price until
// the close.
func mavenDeal(d sp.Deal, prices map[string]sp.Money) sp.Deal {
	noon := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return t.Add(12 * time.Hour)
	}
	d.Created, d.Closed = noon(d.Created), noon(d.Closed)
	h := make([]sp.StageChange, len(d.StageHistory))
	for i, c := range d.StageHistory {
		h[i] = sp.StageChange{At: noon(c.At), Stage: c.Stage}
	}
	d.StageHistory = h
	list := prices[d.Product]
	if list.Currency() == "" || d.Created.IsZero() {
		return d
	}
	if d.Status == sp.Open {
		d.Amount = list
		d.AmountHistory = nil
		return d
	}
	d.AmountHistory = []sp.AmountChange{{At: d.Created, Amount: list}, {At: d.Closed, Amount: d.Amount}}
	return d
}

// listPrices reads products.csv: product → sales_price in USD.
func listPrices(path string) (map[string]sp.Money, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], []string{"product", "series", "sales_price"}) {
		return nil, fmt.Errorf("%s: unexpected header", path)
	}
	out := map[string]sp.Money{}
	for _, r := range rows[1:] {
		m, err := sp.ParseAmount(r[2], "USD")
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, r[0], err)
		}
		out[r[0]] = m
	}
	return out, nil
}
