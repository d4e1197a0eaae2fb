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
