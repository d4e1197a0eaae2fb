package forecast

import (
	"fmt"
	"slices"
	"strings"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
	"github.com/shopspring/decimal"
)

// The forecast methods a Backtest scores, in the order of its rows.
const (
	MethodFixed      = "fixed-stage weighted"   // closed so far + open pipeline expected in the period × the pipeline's default probabilities
	MethodLearned    = "learned-stage weighted" // the same with LearnStage's probabilities, learned as of the origin
	MethodCategories = "categories (commit)"    // the commit column: commit + closed, as of the origin
	MethodRunRate    = "run-rate"               // closed so far × period time / elapsed time
	MethodMonteCarlo = "Monte Carlo"            // MonteCarlo.Simulate's P10, P50, P90
)

// Reasons a Backtest leaves a deal out, beside those of the aggregators
// and of MonteCarlo.Simulate (keys of BacktestOrigin.LeftOut and
// BacktestResult.LeftOut).
const (
	LeftNoCreated       = "no created date"   // the deal has no created date: it cannot be placed in any past pipeline
	LeftCurrency        = "currency"          // an amount in another currency than the backtest's
	LeftNoExpectedClose = "no expected close" // CloseByExpected: an open deal without an expected close date as of the origin
	LeftNoTiming        = "no timing"         // CloseByTiming: the timing model cannot time the deal (Timing.CloseProbability's error)
	LeftDuplicateID     = "duplicate id"      // a second deal with the ID of an earlier one (input order): only the first is backtested
)

// CloseRule says which open deals the weighted and category forecasts
// expect to close in the period.
type CloseRule int8

const (
	// CloseByExpected counts an open deal whose expected close date, as
	// of the origin, falls in the period, at its whole weighted amount
	// (amount × probability): the CRM's weighted pipeline. An open deal
	// without an expected close date is left out (LeftNoExpectedClose).
	CloseByExpected CloseRule = iota
	// CloseByTiming counts every open deal at amount × probability ×
	// q, where q is Timing.CloseProbability of the timing model learned
	// as of the origin (Backtest.Timing; won-only: the chance that the
	// deal, if won, closes in the period; survival: its age-aware chance
	// of being won in the period per unit of its stage's win rate),
	// rounded half to even to 6 places: for data without expected close
	// dates. The categories method is not available.
	CloseByTiming
)

// Backtest scores forecasts of a period's won revenue on the past. For
// each period of Grain in the span, it forecasts from two origins — the
// period's start and its middle — with every method, each seeing only
// the deals as they stood at the origin, and compares with the revenue
// actually won in the period. Set the fields and call Run.
//
// # Origins
//
// The periods are those of Calendar and Grain that start at or after
// From and end at or before To. The start origin is the period's first
// instant (cal.Bounds); the middle origin is midnight (in the calendar's
// location) of the day Days()/2 days after the first day: the 16th of a
// 31-day month, day 46 of a 91-day quarter.
//
// # The forecasts, as of origin o, for the period [s, e)
//
//	closed      Σ amount of the deals won in [s, o] (as they stood at o)
//	fixed       closed + Σ round(amount × P_fixed(stage))            over open deals expected in [s, e)
//	learned     closed + Σ round(amount × P_learned(stage))          likewise; LearnStage as of o, MinN
//	categories  Cumulative.Commit of Categories over the deals of the period as of o: commit + closed
//	run-rate    closed × (e − s) / (o − s) (RunRate; calendar or business time); no value at o = s
//	Monte Carlo P10, P50, P90 of MonteCarlo.Simulate as of o with the learned probabilities,
//	            LearnTiming and LearnNewDeals as of o, Draws, Shock, Seed
//	actual      Σ amount of the deals won in [s, e), from the final data
//
// "Expected in [s, e)" follows Close. Only deals of Pipeline take part
// (Default: also those with an empty Pipeline). Every view is
// salesperf.Deal.AsOf(o) (PipelineAt), so no field dated after the origin
// is read: changing any of them does not change the origin's forecasts.
// The categories method has a value at an origin when at least one open
// deal of the pipeline has a forecast category then (the data has
// categories); otherwise the origin is skipped for it (n/a). The run-rate has no value at a period's start:
// that origin is skipped for it and counted.
//
// # The scores of a method (BacktestScore), over the origins it has a value at
//
//	WAPE       Σ |actual − forecast| / Σ actual
//	bias       Σ (forecast − actual) / Σ actual
//	pinball τ  Σ ρ_τ(actual, q_τ) / Σ actual, ρ_τ(y, q) = τ(y − q) if y ≥ q, else (1 − τ)(q − y)
//	coverage   #{P10 ≤ actual ≤ P90} / n; below: #{actual < P10} / n; above: #{actual > P90} / n
//
// where forecast is the point (the P50 for Monte Carlo) and q_τ the
// τ-quantile: P10, P50, P90 for Monte Carlo; a point method's point for
// every τ (it states no range, so it is scored as if certain). The
// pinball loss is scaled like WAPE, so that it is comparable across data
// sets; at τ = 0.5 it is half the WAPE of the same point. Coverage is for
// Monte Carlo only.
//
// Money is exact until the ratios: the sums are kept in minor units of
// Currency. A deal with an amount in another currency is left out
// (LeftCurrency): convert first. Run is deterministic: the same deals,
// in any order, give the same result.
type Backtest struct {
	Calendar sp.Calendar
	Grain    sp.Grain
	From, To time.Time
	// Pipeline is the pipeline backtested; Default says it is the
	// organisation's default, so deals with an empty Pipeline belong to
	// it.
	Pipeline *sp.Pipeline
	Default  bool
	// Currency is the currency of every amount.
	Currency sp.Currency
	// Rounding rounds each weighted amount to the minor unit; zero means
	// salesperf.RoundHalfEven.
	Rounding sp.RoundingMode
	// Close says which open deals the weighted and category forecasts
	// count (CloseByExpected, the zero value, or CloseByTiming).
	Close CloseRule
	// MinN is LearnConfig.MinN of the learned probabilities.
	MinN int64
	// Timing and NewDeals configure the models learned at each origin
	// (Timing.Model chooses the won-only or the survival timing).
	Timing   TimingOptions
	NewDeals NewDealsOptions
	// Draws, Shock and Seed configure the Monte Carlo (see MonteCarlo);
	// every origin uses the same Seed.
	Draws int
	Shock float64
	Seed  uint64
	// NoNewDeals leaves the deals not created yet out of the Monte Carlo
	// (no LearnNewDeals): the simulation of the open pipeline alone.
	NoNewDeals bool
	// Hours measures the run rate's elapsed time; nil is calendar time.
	Hours *sp.BusinessHours
}

// BacktestOrigin is one origin's forecasts and the actual revenue. A
// Point without value (OK false) is a method skipped at the origin.
type BacktestOrigin struct {
	Period sp.Period
	At     time.Time // the origin
	Middle bool      // the middle origin (false: the period's start)
	Open   int       // open deals of the pipeline at the origin

	Actual sp.Money // won in the period, final data
	Closed sp.Money // won in the period by the origin

	Fixed, Learned, Categories, RunRate Point
	P10, P50, P90                       sp.Money
	Mean                                RevenueSplit // the Monte Carlo mean, split closed / open / new

	// LeftOut counts the deals a method left out at this origin, by
	// method and reason (method → reason → deals).
	LeftOut map[string]LeftOut
}

// Point is a point forecast and whether the method had one.
type Point struct {
	Value sp.Money
	OK    bool
}

// BacktestScore is the accuracy of one method over the origins it
// forecast (see Backtest for the formulas). The sums are exact, in minor
// units of the backtest's currency; the ratios are methods.
type BacktestScore struct {
	Method   string
	N        int   // origins scored
	Skipped  int   // origins without a forecast from this method
	Interval bool  // the method gives a range (Monte Carlo): coverage is defined
	Actual   int64 // Σ actual
	AbsError int64 // Σ |actual − point|
	Error    int64 // Σ (point − actual)
	// Pinball10 holds 10 × Σ ρ_τ for τ = 0.1, 0.5, 0.9: whole minor
	// units, exact.
	Pinball10 [3]int64
	Inside    int64 // origins with P10 ≤ actual ≤ P90
	Below     int64 // origins with actual < P10
	Above     int64 // origins with actual > P90
}

// PinballLevels are the quantile levels of the pinball loss, in the
// order of BacktestScore.Pinball10.
var PinballLevels = [3]float64{0.1, 0.5, 0.9}

// WAPE returns Σ |actual − forecast| / Σ actual, and false when Σ actual
// is 0 (no origin, or nothing won).
func (s BacktestScore) WAPE() (float64, bool) { return ratio(s.AbsError, s.Actual) }

// Bias returns Σ (forecast − actual) / Σ actual: positive when the method
// forecasts too much; false when Σ actual is 0.
func (s BacktestScore) Bias() (float64, bool) { return ratio(s.Error, s.Actual) }

// Pinball returns the pinball loss at PinballLevels[i], Σ ρ_τ / Σ actual,
// and false when Σ actual is 0. It panics if i is not 0, 1 or 2.
func (s BacktestScore) Pinball(i int) (float64, bool) {
	v, ok := ratio(s.Pinball10[i], s.Actual)
	return v / 10, ok
}

// Coverage returns the share of origins whose actual revenue was within
// [P10, P90], and the shares below P10 and above P90, as exact rates over
// the N origins; Den is 0 for a point method.
func (s BacktestScore) Coverage() (inside, below, above metrics.Rate) {
	n := int64(s.N)
	if !s.Interval {
		n = 0
	}
	return metrics.Rate{Num: s.Inside, Den: n}, metrics.Rate{Num: s.Below, Den: n}, metrics.Rate{Num: s.Above, Den: n}
}

func ratio(num, den int64) (float64, bool) {
	if den == 0 {
		return 0, false
	}
	return float64(num) / float64(den), true
}

// add scores one forecast: the quantiles q (all equal for a point).
func (s *BacktestScore) add(actual int64, q [3]int64) {
	s.N++
	s.Actual += actual
	point := q[1]
	s.Error += point - actual
	if point > actual {
		s.AbsError += point - actual
	} else {
		s.AbsError += actual - point
	}
	for i, tau10 := range [3]int64{1, 5, 9} {
		if actual >= q[i] {
			s.Pinball10[i] += tau10 * (actual - q[i])
		} else {
			s.Pinball10[i] += (10 - tau10) * (q[i] - actual)
		}
	}
	switch {
	case actual < q[0]:
		s.Below++
	case actual > q[2]:
		s.Above++
	default:
		s.Inside++
	}
}

// BacktestResult is what Backtest.Run returns: one score per method (in
// the order MethodFixed, MethodLearned, MethodCategories, MethodRunRate,
// MethodMonteCarlo), the origins in time order, and the deals left out of
// the whole backtest (no created date, another currency).
type BacktestResult struct {
	Currency sp.Currency
	Grain    sp.Grain
	Close    CloseRule
	Draws    int
	Scores   []BacktestScore
	Origins  []BacktestOrigin
	LeftOut  LeftOut
}

// Score returns the score of the named method, and false if there is none.
func (r *BacktestResult) Score(method string) (BacktestScore, bool) {
	for _, s := range r.Scores {
		if s.Method == method {
			return s, true
		}
	}
	return BacktestScore{}, false
}

// Run runs the backtest on deals (their final state: the actual revenue
// comes from it; every forecast from their views as of the origins).
// It returns an error wrapping salesperf.ErrInvalidValue when the span
// holds no whole period. Bad deals are never an error: they are left out
// and counted (BacktestResult.LeftOut, BacktestOrigin.LeftOut). Run panics
// if Pipeline is nil, the calendar or grain is invalid, Currency is not
// known, or a setting is out of range (as MonteCarlo, LearnStage and
// LearnTiming panic).
func (b Backtest) Run(deals []sp.Deal) (*BacktestResult, error) {
	if b.Pipeline == nil {
		panic("forecast: Backtest: nil Pipeline")
	}
	mode := b.Rounding
	if mode == 0 {
		mode = sp.RoundHalfEven
	}
	res := &BacktestResult{Currency: b.Currency, Grain: b.Grain, Close: b.Close, Draws: b.Draws, LeftOut: LeftOut{}}
	if res.Draws == 0 {
		res.Draws = DefaultDraws
	}
	// The deals of the pipeline, sorted by ID so that nothing depends on
	// the input order.
	var own []sp.Deal
	for i := range deals {
		d := &deals[i]
		if d.Pipeline != b.Pipeline.Name && (d.Pipeline != "" || !b.Default) {
			continue
		}
		if d.Created.IsZero() {
			res.LeftOut[LeftNoCreated]++
			continue
		}
		if !inCurrency(d, b.Currency) {
			res.LeftOut[LeftCurrency]++
			continue
		}
		own = append(own, *d)
	}
	slices.SortStableFunc(own, func(a, c sp.Deal) int { return strings.Compare(a.ID, c.ID) })
	// A deal is known by its ID across origins (its timing share is looked
	// up by ID): a repeated ID keeps the first deal of the input.
	own = slices.CompactFunc(own, func(a, c sp.Deal) bool {
		if a.ID == c.ID {
			res.LeftOut[LeftDuplicateID]++
			return true
		}
		return false
	})

	var periods []sp.Period
	for p := b.Calendar.PeriodOf(b.From, b.Grain); ; p = b.Calendar.Next(p) {
		s, e := b.Calendar.Bounds(p)
		if e.After(b.To) {
			break
		}
		if !s.Before(b.From) {
			periods = append(periods, p)
		}
	}
	if len(periods) == 0 {
		return nil, fmt.Errorf("forecast: backtest: no whole %s between %s and %s: %w", b.Grain, b.From, b.To, sp.ErrInvalidValue)
	}
	scores := map[string]*BacktestScore{}
	for _, m := range []string{MethodFixed, MethodLearned, MethodCategories, MethodRunRate, MethodMonteCarlo} {
		res.Scores = append(res.Scores, BacktestScore{Method: m, Interval: m == MethodMonteCarlo})
	}
	for i := range res.Scores {
		scores[res.Scores[i].Method] = &res.Scores[i]
	}
	fixed := FixedStage(b.Pipeline)
	fixed.Default = b.Default
	for _, p := range periods {
		s, e := b.Calendar.Bounds(p)
		mid := p.Start.AddDays(p.Days() / 2).In(b.Calendar.Location)
		if b.Calendar.Location == nil {
			mid = p.Start.AddDays(p.Days() / 2).In(time.UTC)
		}
		actual := wonIn(own, s, e, b.Currency)
		for k, o := range []time.Time{s, mid} {
			org := b.origin(own, &fixed, p, s, e, o, mode)
			org.Middle = k == 1
			org.Actual = sp.NewMoney(actual, b.Currency)
			res.Origins = append(res.Origins, org)
			for _, m := range []struct {
				name string
				pt   Point
			}{{MethodFixed, org.Fixed}, {MethodLearned, org.Learned}, {MethodCategories, org.Categories}, {MethodRunRate, org.RunRate}} {
				if !m.pt.OK {
					scores[m.name].Skipped++
					continue
				}
				v := minor(m.pt.Value)
				scores[m.name].add(actual, [3]int64{v, v, v})
			}
			scores[MethodMonteCarlo].add(actual, [3]int64{minor(org.P10), minor(org.P50), minor(org.P90)})
		}
	}
	return res, nil
}

// origin computes every forecast of one origin o of the period [s, e).
func (b Backtest) origin(own []sp.Deal, fixed *StageProbabilities, p sp.Period, s, e, o time.Time, mode sp.RoundingMode) BacktestOrigin {
	org := BacktestOrigin{Period: p, At: o, LeftOut: map[string]LeftOut{}}
	views := PipelineAt(own, o)
	var closed int64
	var open []*sp.Deal
	for i := range views {
		v := &views[i]
		switch v.Status {
		case sp.Won:
			if !v.Closed.Before(s) && v.Closed.Before(e) {
				if m, ok := v.Amount.Minor(); ok && v.Amount.Currency() == b.Currency {
					closed += m
				}
			}
		case sp.Open:
			open = append(open, v)
		}
	}
	org.Open = len(open)
	org.Closed = sp.NewMoney(closed, b.Currency)

	learned := LearnStage(func(yield func(*sp.Deal) bool) {
		for i := range own {
			if !yield(&own[i]) {
				return
			}
		}
	}, b.Pipeline, LearnConfig{AsOf: o, MinN: b.MinN, Default: b.Default})
	timing := LearnTiming(own, o, b.Timing)

	// The open deals expected in the period, and their weights.
	var probsOf func(Probabilities) Probabilities
	var expected []*sp.Deal
	left := LeftOut{}
	switch b.Close {
	case CloseByTiming:
		q := make(map[string]decimal.Decimal, len(open))
		for _, v := range open {
			f, _, err := timing.CloseProbability(v, o, s, e)
			if err != nil {
				left[LeftNoTiming]++
				continue
			}
			q[v.ID] = closeShare(f)
			expected = append(expected, v)
		}
		probsOf = func(base Probabilities) Probabilities { return timedProbs{base: base, q: q} }
	default:
		loc := b.Calendar.Location
		if loc == nil {
			loc = time.UTC
		}
		for _, v := range open {
			if v.ExpectedClose.IsZero() {
				left[LeftNoExpectedClose]++
				continue
			}
			if t := v.ExpectedClose.In(loc); !t.Before(s) && t.Before(e) {
				expected = append(expected, v)
			}
		}
		probsOf = func(base Probabilities) Probabilities { return base }
	}
	weighted := func(method string, probs Probabilities) Point {
		w := WeightedPipeline(probsOf(probs), mode).Compute(slices.Values(expected))
		lo := LeftOut{}
		for r, n := range left {
			lo[r] += n
		}
		for r, n := range w.LeftOut {
			lo[r] += n
		}
		total, ok := w.Total.Of(b.Currency).Minor()
		if !ok {
			total = 0
		}
		if len(lo) > 0 {
			org.LeftOut[method] = lo
		}
		return Point{Value: sp.NewMoney(closed+total, b.Currency), OK: true}
	}
	org.Fixed = weighted(MethodFixed, fixed)
	org.Learned = weighted(MethodLearned, &learned)

	if b.Close == CloseByExpected {
		key := ForecastPeriod(b.Calendar, b.Grain)
		var inPeriod []*sp.Deal
		hasCategory := false
		for i := range views {
			v := &views[i]
			if v.Status == sp.Open && v.Category != sp.NoCategory {
				hasCategory = true
			}
			if key(v) == p {
				inPeriod = append(inPeriod, v)
			}
		}
		if hasCategory {
			roll := Categories().Compute(slices.Values(inPeriod))
			commit, _ := roll.Cumulative.Commit.Amount.Of(b.Currency).Minor()
			org.Categories = Point{Value: sp.NewMoney(commit, b.Currency), OK: true}
			if len(roll.LeftOut) > 0 {
				org.LeftOut[MethodCategories] = roll.LeftOut
			}
		}
	}

	rr := RunRate(RunRateConfig{From: s, To: e, AsOf: o, Hours: b.Hours}).Compute(func(yield func(*sp.Deal) bool) {
		for i := range own {
			if !yield(&own[i]) {
				return
			}
		}
	})
	if proj, ok := rr.Projected(mode); ok {
		v, _ := proj.Of(b.Currency).Minor()
		org.RunRate = Point{Value: sp.NewMoney(v, b.Currency), OK: true}
	}

	mc := MonteCarlo{
		AsOf: o, From: s, To: e, Currency: b.Currency,
		Prob:   learned.Float,
		Timing: timing,
		Shock:  b.Shock, Draws: b.Draws, Seed: b.Seed,
	}
	if !b.NoNewDeals {
		mc.NewDeals = LearnNewDeals(own, o, b.Currency, b.NewDeals)
	}
	sim, _ := mc.Simulate(own) // a deal left out is counted, not an error here
	org.P10, org.P50, org.P90 = sim.Range()
	org.Mean = sim.Mean()
	if lo := sim.LeftOut(); len(lo) > 0 {
		org.LeftOut[MethodMonteCarlo] = LeftOut(lo)
	}
	return org
}

// closeShare is a timing probability as the decimal the weighted
// forecasts multiply by: f rounded half to even to 6 places.
func closeShare(f float64) decimal.Decimal {
	return decimal.NewFromFloat(f).RoundBank(6)
}

// timedProbs is a Probabilities that multiplies a deal's probability by
// its chance of closing in the period.
type timedProbs struct {
	base Probabilities
	q    map[string]decimal.Decimal
}

func (t timedProbs) Lookup(d *sp.Deal) (decimal.Decimal, Missing) {
	p, m := t.base.Lookup(d)
	if m != NotMissing {
		return p, m
	}
	return p.Mul(t.q[d.ID]), NotMissing
}

// wonIn is the actual revenue: the final amounts of the deals won in [s, e).
func wonIn(deals []sp.Deal, s, e time.Time, c sp.Currency) int64 {
	var sum int64
	for i := range deals {
		d := &deals[i]
		if d.Status == sp.Won && !d.Closed.Before(s) && d.Closed.Before(e) && d.Amount.Currency() == c {
			m, _ := d.Amount.Minor()
			sum += m
		}
	}
	return sum
}

// inCurrency reports whether every amount of d (current and history) is
// in c, in int64 minor units, or absent.
func inCurrency(d *sp.Deal, c sp.Currency) bool {
	ok := func(m sp.Money) bool {
		if m.Currency() == "" {
			return true
		}
		_, fits := m.Minor()
		return m.Currency() == c && fits
	}
	if !ok(d.Amount) {
		return false
	}
	for _, h := range d.AmountHistory {
		if !ok(h.Amount) {
			return false
		}
	}
	return true
}

func minor(m sp.Money) int64 {
	v, _ := m.Minor()
	return v
}

// Table returns the scores as a text table: one row per method with
// n, skipped origins, WAPE, bias, pinball loss at 0.1, 0.5 and 0.9, and
// for Monte Carlo the P10–P90 coverage and the rates below P10 and above
// P90. The notes say how to read them.
func (r *BacktestResult) Table(title string) report.Table {
	t := report.Table{
		Title:  title,
		Header: []string{"method", "n", "skipped", "WAPE", "bias", "pinball 0.1", "pinball 0.5", "pinball 0.9", "P10–P90", "< P10", "> P90"},
		Left:   1,
	}
	pct := func(v float64, ok bool) string {
		if !ok {
			return "–"
		}
		return fmt.Sprintf("%.1f%%", 100*v)
	}
	for _, s := range r.Scores {
		row := []string{s.Method, fmt.Sprint(s.N), fmt.Sprint(s.Skipped)}
		if s.N == 0 {
			row = append(row, "n/a", "n/a", "n/a", "n/a", "n/a", "", "", "")
			t.Rows = append(t.Rows, row)
			continue
		}
		row = append(row, pct(s.WAPE()), pct(s.Bias()))
		for i := range PinballLevels {
			row = append(row, pct(s.Pinball(i)))
		}
		if s.Interval {
			in, lo, hi := s.Coverage()
			for _, rt := range []metrics.Rate{in, lo, hi} {
				row = append(row, pct(rt.Value()))
			}
		} else {
			row = append(row, "", "", "")
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = append(t.Notes,
		"WAPE = Σ|actual − forecast| / Σ actual; bias = Σ(forecast − actual) / Σ actual; the Monte Carlo point is its P50.",
		"pinball τ = Σ ρ_τ(actual, q_τ) / Σ actual; a point method's point is used for every quantile (it states no range).",
		"P10–P90: share of origins whose actual fell within [P10, P90] (Monte Carlo only); < P10 and > P90: each tail.",
		fmt.Sprintf("origins: the start and the middle of each %s; Monte Carlo: %d draws, fixed seed.", strings.ToLower(r.Grain.String()), r.Draws))
	if r.Close == CloseByTiming {
		t.Notes = append(t.Notes, "expected close: none in the data; weighted = closed + Σ amount × probability × P(closes in the period | won) from the timing model as of the origin.")
	}
	for _, s := range r.Scores {
		if s.Skipped > 0 {
			why := "no value at the origin"
			switch s.Method {
			case MethodRunRate:
				why = "no elapsed time at a period's start"
			case MethodCategories:
				why = "no open deal with a forecast category"
			}
			t.Notes = append(t.Notes, fmt.Sprintf("%s: %d origins skipped (%s).", s.Method, s.Skipped, why))
		}
	}
	if len(r.LeftOut) > 0 {
		t.Notes = append(t.Notes, "deals left out of the backtest: "+r.LeftOut.String()+".")
	}
	return t
}

// OriginTable returns the origins as a text table: the period, the
// origin, the actual revenue and each method's forecast, in major units
// of the currency rounded to whole units half to even.
func (r *BacktestResult) OriginTable(title string) report.Table {
	t := report.Table{
		Title:  title,
		Header: []string{"period", "origin", "open", "actual", "closed", "fixed", "learned", "commit", "run-rate", "P10", "P50", "P90"},
		Left:   2,
	}
	whole := func(m sp.Money) string {
		return m.Decimal().RoundBank(0).StringFixed(0)
	}
	pt := func(p Point) string {
		if !p.OK {
			return "–"
		}
		return whole(p.Value)
	}
	for _, o := range r.Origins {
		t.Rows = append(t.Rows, []string{o.Period.String(), o.At.Format("2006-01-02"), fmt.Sprint(o.Open),
			whole(o.Actual), whole(o.Closed), pt(o.Fixed), pt(o.Learned), pt(o.Categories), pt(o.RunRate),
			whole(o.P10), whole(o.P50), whole(o.P90)})
	}
	t.Notes = append(t.Notes, "amounts in "+string(r.Currency)+", whole units (half to even); – means the method has no value at the origin.")
	return t
}
