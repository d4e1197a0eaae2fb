package forecast

import (
	"errors"
	"fmt"
	"math"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// Errors of the time-series forecasts ([Series], [SeasonalNaive],
// [FitETS], [AutoETS]). Every data problem they report wraps exactly one of
// them, or salesperf.ErrInvalidValue for a value that is not a finite
// number, or salesperf.ErrMixedCurrency from [SeriesOf].
var (
	// ErrShortSeries: a series too short for the model asked for — fewer
	// values than one season for the seasonal naive forecast, fewer than
	// two seasons for a seasonal exponential smoothing model, or fewer
	// values than the model has parameters plus four.
	ErrShortSeries = errors.New("series too short")
	// ErrNonPositive: a model with multiplicative errors or seasonality
	// asked of a series holding a zero or a negative value (the relative
	// errors and the seasonal ratios are not defined).
	ErrNonPositive = errors.New("multiplicative model of a series with values at or below zero")
	// ErrConstantSeries: a model fitted by maximum likelihood to a series
	// whose values are all equal: the likelihood has no maximum (the
	// errors can all be zero). [AutoETS] falls back to a documented
	// model instead.
	ErrConstantSeries = errors.New("constant series")
)

// Series is a regular time series of period figures — won revenue per
// month, per quarter — in the order of the periods, oldest first, with no
// gaps: Values[i] is the figure of the i-th period. Period is the
// seasonal period m, the number of periods in a year: 12 for months, 4 for
// quarters, 1 (or 0) for a series without seasonality.
//
// The values are float64 on purpose: the time-series models are
// statistical estimates, not ledger figures, and their arithmetic
// (logarithms, powers, optimisation) is floating-point by nature. Exact
// money enters through [SeriesOf] and leaves through [MoneyOf], each with
// its rounding stated.
type Series struct {
	Values []float64
	Period int
}

// SeriesOf returns the series of the amounts, one per period in order, as
// float64 major units (12.34 USD is 12.34): each exact amount is converted
// to the nearest float64 (ties to even), which is exact for every amount
// below 2^53 minor units and within half a unit in the 16th significant
// digit beyond. The zero Money (no amount) is 0. All amounts must be in one
// currency: otherwise the error wraps salesperf.ErrMixedCurrency. SeriesOf
// panics if period is negative.
func SeriesOf(amounts []sp.Money, period int) (Series, error) {
	if period < 0 {
		panic("forecast: negative seasonal period")
	}
	var cur sp.Currency
	vs := make([]float64, len(amounts))
	for i, a := range amounts {
		if c := a.Currency(); c != "" {
			if cur != "" && c != cur {
				return Series{}, fmt.Errorf("forecast: series value %d in %s, earlier ones in %s: %w", i, c, cur, sp.ErrMixedCurrency)
			}
			cur = c
		}
		vs[i] = a.Decimal().InexactFloat64()
	}
	return Series{Values: vs, Period: period}, nil
}

// MoneyOf returns a forecast value v (in major units) as exact money in
// currency c: v's shortest decimal form (the one strconv prints), rounded
// to c's minor unit with mode. A value that is not a finite number gives an
// error wrapping salesperf.ErrInvalidValue. MoneyOf panics if mode is not a
// defined salesperf.RoundingMode.
func MoneyOf(v float64, c sp.Currency, mode sp.RoundingMode) (sp.Money, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return sp.Money{}, fmt.Errorf("forecast: value %v: %w", v, sp.ErrInvalidValue)
	}
	return sp.MoneyFromDecimal(decimal.NewFromFloat(v), c).Round(mode), nil
}

// period returns the seasonal period, 1 for a series without seasonality.
func (s Series) period() int {
	if s.Period < 1 {
		return 1
	}
	return s.Period
}

// check returns an error wrapping salesperf.ErrInvalidValue if a value is
// not a finite number. It panics on a negative period (misuse).
func (s Series) check() error {
	if s.Period < 0 {
		panic("forecast: negative seasonal period")
	}
	for i, v := range s.Values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("forecast: series value %d is %v: %w", i, v, sp.ErrInvalidValue)
		}
	}
	return nil
}

// tsPositive reports whether every value is above zero.
func tsPositive(y []float64) bool {
	for _, v := range y {
		if !(v > 0) {
			return false
		}
	}
	return true
}

// tsConstant reports whether every value equals the first.
func tsConstant(y []float64) bool {
	for _, v := range y {
		if v != y[0] {
			return false
		}
	}
	return true
}

// SeriesForecast is a forecast of the next periods of a [Series]: the point
// forecasts Mean[0] (the next period), Mean[1], … and, for each level asked
// for, a prediction interval. Method names the model ("SNAIVE",
// "ETS(M,Ad,M)").
type SeriesForecast struct {
	Method    string
	Mean      []float64
	Intervals []PredictionInterval
}

// PredictionInterval is the range that holds the future value with
// probability Level (0.8 for an 80% interval) under the model's
// assumptions (normal errors): Lower[i] and Upper[i] bound Mean[i] of the
// [SeriesForecast] it belongs to.
type PredictionInterval struct {
	Level        float64
	Lower, Upper []float64
}

// tsLevels checks the levels asked for; it panics (misuse) on a level
// outside (0, 1).
func tsLevels(levels []float64) {
	for _, l := range levels {
		if !(l > 0 && l < 1) {
			panic(fmt.Sprintf("forecast: prediction level %v outside (0, 1)", l))
		}
	}
}

// tsNormalQuantile returns the p quantile of the standard normal
// distribution.
func tsNormalQuantile(p float64) float64 {
	return math.Sqrt2 * math.Erfinv(2*p-1)
}

// tsIntervals returns the normal intervals mean ± z·sqrt(variance) for each
// level.
func tsIntervals(mean, variance []float64, levels []float64) []PredictionInterval {
	out := make([]PredictionInterval, len(levels))
	for k, l := range levels {
		z := tsNormalQuantile(0.5 + l/2)
		lo := make([]float64, len(mean))
		hi := make([]float64, len(mean))
		for i := range mean {
			d := z * math.Sqrt(math.Max(variance[i], 0))
			lo[i], hi[i] = mean[i]-d, mean[i]+d
		}
		out[k] = PredictionInterval{Level: l, Lower: lo, Upper: hi}
	}
	return out
}

// SeasonalNaive forecasts each of the next h periods by the value of the
// same period one season earlier: Mean[i] = y[n−m+(i mod m)] (0-based), the
// baseline every model must beat. For a series without seasonality (m = 1)
// it is the naive forecast, the last value. The prediction intervals are
// normal with standard error σ·sqrt(⌊i/m⌋+1) for Mean[i], where σ² is the
// mean of the squared seasonal differences (y[t] − y[t−m])² — the formulas
// of R's forecast::snaive. An empty or invalid series gives an error:
// ErrShortSeries when there are fewer than m+1 values (no seasonal
// difference to measure the error by), salesperf.ErrInvalidValue for a
// value that is not finite. SeasonalNaive panics if h < 1 or a level is
// outside (0, 1).
func SeasonalNaive(s Series, h int, levels ...float64) (SeriesForecast, error) {
	if h < 1 {
		panic("forecast: forecast horizon below 1")
	}
	tsLevels(levels)
	if err := s.check(); err != nil {
		return SeriesForecast{}, err
	}
	m, y := s.period(), s.Values
	n := len(y)
	if n <= m {
		return SeriesForecast{}, fmt.Errorf("forecast: seasonal naive: %d values, %d needed: %w", n, m+1, ErrShortSeries)
	}
	var sse float64
	for t := m; t < n; t++ {
		d := y[t] - y[t-m]
		sse += d * d
	}
	mse := sse / float64(n-m)
	mean := make([]float64, h)
	variance := make([]float64, h)
	for i := range h {
		mean[i] = y[n-m+i%m]
		variance[i] = mse * float64(i/m+1)
	}
	return SeriesForecast{Method: "SNAIVE", Mean: mean, Intervals: tsIntervals(mean, variance, levels)}, nil
}
