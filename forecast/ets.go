package forecast

import (
	"fmt"
	"math"
	"strings"

	sp "github.com/salesperf/salesperf"
)

// Component is the form of one part of an exponential smoothing model:
// absent, additive or multiplicative.
type Component int8

// The components. NoComponent is the zero value: no trend, no seasonality
// (an error must be Additive or Multiplicative).
const (
	NoComponent Component = iota
	Additive
	Multiplicative
)

// String returns "N", "A" or "M", the letters of Hyndman's taxonomy.
func (c Component) String() string {
	switch c {
	case NoComponent:
		return "N"
	case Additive:
		return "A"
	case Multiplicative:
		return "M"
	}
	return fmt.Sprintf("Component(%d)", int8(c))
}

// ETSModel names an exponential smoothing state-space model in the taxonomy
// of Hyndman, Koehler, Ord and Snyder (2008) and R's forecast::ets: the
// error (additive or multiplicative), the trend (none or additive, damped or
// not) and the seasonality (none, additive or multiplicative). The
// familiar methods are
//
//	ETS(A,N,N)   simple exponential smoothing
//	ETS(A,A,N)   Holt's linear trend
//	ETS(A,Ad,N)  damped trend
//	ETS(A,A,A)   Holt–Winters additive
//	ETS(M,A,M)   Holt–Winters multiplicative
//
// and the package fits the fifteen models R's ets considers by default:
// ANN, AAN, AAdN, ANA, AAA, AAdA, MNN, MAN, MAdN, MNA, MAA, MAdA, MNM, MAM,
// MAdM. Multiplicative trends, and additive errors with multiplicative
// seasonality (numerically unstable), are not supported: [FitETS] and
// [NewETS] panic on them.
type ETSModel struct {
	Error, Trend, Season Component
	Damped               bool
}

// ParseETSModel reads a model in R's short form ("AAdN", "MAM", "ANN") or
// written out as [ETSModel.String] writes it ("ETS(A,Ad,N)"). Anything
// else, or a model the package does not support, gives an error wrapping
// salesperf.ErrSyntax that quotes s.
func ParseETSModel(s string) (ETSModel, error) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "ETS(") && strings.HasSuffix(t, ")") {
		t = strings.ReplaceAll(t[4:len(t)-1], ",", "")
	}
	var m ETSModel
	if len(t) == 4 && t[2] == 'd' {
		m.Damped = true
		t = t[:2] + t[3:]
	}
	comp := func(b byte) (Component, bool) {
		switch b {
		case 'N':
			return NoComponent, true
		case 'A':
			return Additive, true
		case 'M':
			return Multiplicative, true
		}
		return 0, false
	}
	var ok1, ok2, ok3 bool
	if len(t) == 3 {
		m.Error, ok1 = comp(t[0])
		m.Trend, ok2 = comp(t[1])
		m.Season, ok3 = comp(t[2])
	}
	if !ok1 || !ok2 || !ok3 || m.validate() != "" {
		return ETSModel{}, fmt.Errorf("forecast: %q is not a supported ETS model: %w", s, sp.ErrSyntax)
	}
	return m, nil
}

// Code returns the model in R's short form: "AAdN", "MAM".
func (m ETSModel) Code() string {
	d := ""
	if m.Damped {
		d = "d"
	}
	return m.Error.String() + m.Trend.String() + d + m.Season.String()
}

// String returns the model written out: "ETS(A,Ad,N)".
func (m ETSModel) String() string {
	d := ""
	if m.Damped {
		d = "d"
	}
	return "ETS(" + m.Error.String() + "," + m.Trend.String() + d + "," + m.Season.String() + ")"
}

// validate returns why m is not supported, or "".
func (m ETSModel) validate() string {
	switch {
	case m.Error != Additive && m.Error != Multiplicative:
		return "error must be additive or multiplicative"
	case m.Trend != NoComponent && m.Trend != Additive:
		return "trend must be none or additive"
	case m.Season < NoComponent || m.Season > Multiplicative:
		return "invalid seasonality"
	case m.Damped && m.Trend == NoComponent:
		return "damped without a trend"
	case m.Error == Additive && m.Season == Multiplicative:
		return "additive error with multiplicative seasonality"
	}
	return ""
}

func (m ETSModel) mustValidate() {
	if why := m.validate(); why != "" {
		panic("forecast: model " + m.Code() + ": " + why)
	}
}

// multiplicative reports whether the model needs positive data.
func (m ETSModel) multiplicative() bool {
	return m.Error == Multiplicative || m.Season == Multiplicative
}

// ETSParams are the smoothing parameters of an [ETSModel], in R's ets
// parameterisation: Alpha smooths the level, Beta the trend (the trend
// moves by Beta times the one-step error; Holt's β* is Beta/Alpha), Gamma
// the seasonal indices, and Phi damps the trend (1 for an undamped trend).
// Parameters the model does not have are ignored.
type ETSParams struct {
	Alpha, Beta, Gamma, Phi float64
}

// ETSStates are the states of an [ETSModel] at one time: the level, the
// trend (slope per period; 0 without a trend) and, for a seasonal model,
// the m seasonal indices, most recent first: Season[0] belongs to the
// period just observed and Season[m−1] to the next one to come (R's s1 …
// sm). Additive indices sum to 0 and multiplicative ones to m at the start.
type ETSStates struct {
	Level, Trend float64
	Season       []float64
}

func (x ETSStates) clone() ETSStates {
	if x.Season != nil {
		x.Season = append([]float64(nil), x.Season...)
	}
	return x
}

// ETS is an exponential smoothing model fitted to a series: the model, the
// parameters and initial states (estimated by [FitETS] and [AutoETS], or
// given to [NewETS]), what the fit says about itself, and the states after
// the last value, from which [ETS.Forecast] projects.
//
// LogLik is R's ets log-likelihood, −½·L with L = n·log(Σe²) for additive
// errors and n·log(Σe²) + 2·Σlog|ŷ| for multiplicative ones (e the
// one-step errors, relative for multiplicative errors; ŷ the one-step
// forecasts) — the likelihood up to a constant, as in Hyndman et al.
// (2008) §5.2. With k = NumParams + 1 (the variance counted): AIC = L + 2k,
// AICc = AIC + 2k(k+1)/(n−k−1), BIC = L + k·log n. Sigma2 = Σe² / (n −
// NumParams), the variance of the errors, which the prediction intervals
// use.
type ETS struct {
	Model  ETSModel
	Period int // m; 1 for a model without seasonality
	Params ETSParams
	// Initial are the states before the first value, Final those after the
	// last.
	Initial, Final ETSStates
	N              int // number of values fitted
	// NumParams counts the smoothing parameters (estimated or given) and
	// the free initial states: level, trend, m−1 seasonal indices.
	NumParams              int
	LogLik, AIC, AICc, BIC float64
	Sigma2                 float64
	// Fitted are the one-step forecasts ŷ[t], Residuals the errors e[t]:
	// y − ŷ for additive errors, (y − ŷ)/ŷ for multiplicative ones.
	Fitted, Residuals []float64
}

// NewETS returns the model with the given parameters and initial states run
// over the series (nothing is estimated): the fitted values, residuals,
// likelihood and final states, ready to forecast. It is the way to
// reproduce a model fitted elsewhere. For a model without seasonality,
// init.Season is ignored; for a seasonal one it must hold s.Period
// indices. Errors: salesperf.ErrInvalidValue for a value that is not
// finite, ErrNonPositive for a multiplicative model of data with a value ≤
// 0, ErrShortSeries when there are no more values than NumParams (the
// error variance has no estimate). NewETS panics if the model is not
// supported, a seasonal model is asked of a series with Period < 2 or > 24,
// or init.Season has the wrong length.
func NewETS(s Series, model ETSModel, p ETSParams, init ETSStates) (*ETS, error) {
	model.mustValidate()
	if err := s.check(); err != nil {
		return nil, err
	}
	m := etsPeriod(model, s)
	if model.Season != NoComponent && len(init.Season) != m {
		panic(fmt.Sprintf("forecast: %d initial seasonal indices for period %d", len(init.Season), m))
	}
	if np := etsParamCount(model, m); len(s.Values) <= np {
		return nil, fmt.Errorf("forecast: %s: %d values, more than its %d parameters needed: %w", model, len(s.Values), np, ErrShortSeries)
	}
	if model.multiplicative() && !tsPositive(s.Values) {
		return nil, fmt.Errorf("forecast: %s: %w", model, ErrNonPositive)
	}
	if !model.Damped {
		p.Phi = 1
	}
	if model.Trend == NoComponent {
		p.Beta, init.Trend = 0, 0
	}
	if model.Season == NoComponent {
		p.Gamma, init.Season = 0, nil
	}
	x0 := etsPack(model, init)
	e := etsModelResult(s.Values, model, m, p, x0, etsParamCount(model, m))
	return e, nil
}

// etsPeriod returns the seasonal period the model uses (1 without
// seasonality); it panics on a seasonal model of a series with period
// outside [2, 24].
func etsPeriod(model ETSModel, s Series) int {
	if model.Season == NoComponent {
		return 1
	}
	m := s.period()
	if m < 2 || m > 24 {
		panic(fmt.Sprintf("forecast: seasonal model %s of a series with period %d (must be 2 to 24)", model.Code(), s.Period))
	}
	return m
}

// etsParamCount counts the smoothing parameters and free initial states.
func etsParamCount(model ETSModel, m int) int {
	k := 2 // alpha, level
	if model.Trend != NoComponent {
		k += 2
	}
	if model.Damped {
		k++
	}
	if model.Season != NoComponent {
		k += 1 + m - 1
	}
	return k
}

// etsPack lays the states out as R's state vector: l, b, s1 … sm.
func etsPack(model ETSModel, x ETSStates) []float64 {
	v := []float64{x.Level}
	if model.Trend != NoComponent {
		v = append(v, x.Trend)
	}
	if model.Season != NoComponent {
		v = append(v, x.Season...)
	}
	return v
}

// etsUnpack is the inverse of etsPack.
func etsUnpack(model ETSModel, v []float64) ETSStates {
	x := ETSStates{Level: v[0]}
	i := 1
	if model.Trend != NoComponent {
		x.Trend = v[1]
		i = 2
	}
	if model.Season != NoComponent {
		x.Season = append([]float64(nil), v[i:]...)
	}
	return x
}

// etsModelResult runs the model over y from x0 and fills an ETS with the
// fit's figures; np is the number of parameters (without the variance).
func etsModelResult(y []float64, model ETSModel, m int, p ETSParams, x0 []float64, np int) *ETS {
	n := len(y)
	r := etsRun(y, model, m, p, x0, true)
	k := float64(np + 1)
	nf := float64(n)
	e := &ETS{
		Model:     model,
		Period:    m,
		Params:    p,
		Initial:   etsUnpack(model, x0),
		Final:     etsUnpack(model, r.last),
		N:         n,
		NumParams: np,
		LogLik:    -0.5 * r.lik,
		AIC:       r.lik + 2*k,
		BIC:       r.lik + math.Log(nf)*k,
		Fitted:    r.fitted,
		Residuals: r.e,
	}
	e.AICc = e.AIC + 2*k*(k+1)/(nf-k-1)
	var sse float64
	for _, v := range r.e {
		sse += v * v
	}
	e.Sigma2 = sse / float64(n-np)
	return e
}

// Constants of R's etscalc.
const (
	etsTol  = 1e-10
	etsHuge = 1e10
)

// etsRunResult is one pass of the model over the data.
type etsRunResult struct {
	lik       float64 // n·log(Σe²) (+ 2·Σlog|ŷ| for multiplicative errors)
	e, fitted []float64
	last      []float64
}

// etsWork is scratch space for etsRun, so that the optimiser's thousands
// of passes do not allocate.
type etsWork struct {
	s, olds []float64
}

// etsRun runs the state recursion of R's etscalc over y from the state
// vector x0 (l, b, s1 … sm): the one-step forecast, the error and the
// error-correction update of each state. With keep it records the errors,
// fitted values and final state.
func etsRun(y []float64, model ETSModel, m int, p ETSParams, x0 []float64, keep bool) etsRunResult {
	var w etsWork
	return etsRunWork(&w, y, model, m, p, x0, keep)
}

func etsRunWork(w *etsWork, y []float64, model ETSModel, m int, p ETSParams, x0 []float64, keep bool) etsRunResult {
	trend, season := model.Trend != NoComponent, model.Season
	l := x0[0]
	var b float64
	si := 1
	if trend {
		b = x0[1]
		si = 2
	}
	if cap(w.s) < m {
		w.s, w.olds = make([]float64, m), make([]float64, m)
	}
	s, olds := w.s[:m], w.olds[:m]
	if season != NoComponent {
		copy(s, x0[si:si+m])
	}
	var r etsRunResult
	if keep {
		r.e = make([]float64, len(y))
		r.fitted = make([]float64, len(y))
	}
	phi := p.Phi
	var sse, lik2 float64
	for i, yi := range y {
		oldl, oldb := l, b
		if season != NoComponent {
			copy(olds, s)
		}
		// One-step forecast.
		f := oldl
		if trend {
			f = oldl + phi*oldb
		}
		switch season {
		case Additive:
			f += olds[m-1]
		case Multiplicative:
			f *= olds[m-1]
		}
		var e float64
		if model.Error == Additive {
			e = yi - f
		} else {
			e = (yi - f) / f
		}
		if keep {
			r.e[i], r.fitted[i] = e, f
		}
		sse += e * e
		lik2 += math.Log(math.Abs(f))
		// Update.
		var q, phib float64
		if trend {
			phib = phi * oldb
			q = oldl + phib
		} else {
			q = oldl
		}
		var pp float64
		switch season {
		case NoComponent:
			pp = yi
		case Additive:
			pp = yi - olds[m-1]
		default:
			if math.Abs(olds[m-1]) < etsTol {
				pp = etsHuge
			} else {
				pp = yi / olds[m-1]
			}
		}
		l = q + p.Alpha*(pp-q)
		if trend {
			rr := l - oldl
			b = phib + (p.Beta/p.Alpha)*(rr-phib)
		}
		if season != NoComponent {
			var t float64
			if season == Additive {
				t = yi - q
			} else if math.Abs(q) < etsTol {
				t = etsHuge
			} else {
				t = yi / q
			}
			s[0] = olds[m-1] + p.Gamma*(t-olds[m-1])
			copy(s[1:], olds[:m-1])
		}
	}
	r.lik = float64(len(y)) * math.Log(sse)
	if model.Error == Multiplicative {
		r.lik += 2 * lik2
	}
	if keep {
		last := []float64{l}
		if trend {
			last = append(last, b)
		}
		if season != NoComponent {
			last = append(last, s...)
		}
		r.last = last
	}
	return r
}

// Forecast returns the point forecasts of the next h periods and, for each
// level (0.8 for 80%), a prediction interval. The point forecast is the
// mean of the future value given the data: for the linear models (additive
// or multiplicative errors, no multiplicative seasonality) it is l + φ_h·b
// (+ s), with φ_h = φ + φ² + … + φ^h; for the models with multiplicative
// seasonality it includes the small correction for the product of trend
// and season (Hyndman et al. 2008, ch. 6, class 3), as R's forecast.ets
// does — except that for ETS(M,Ad,M) the damping applies from the first
// step, as in the model's one-step forecasts, where R's forecast 8.20
// starts it one step late (its means are up to about 1.4% higher on the
// test series). The intervals are analytic, never simulated: mean ± z·sqrt(v_h)
// with the variance v_h of the h-step error of the model's class — class 1
// (additive errors), class 2 (multiplicative errors, linear forecasts) or
// class 3 (multiplicative errors and seasonality), the formulas of R's
// class1/class2/class3 — and z the normal quantile. Forecast panics if h <
// 1 or a level is outside (0, 1).
func (e *ETS) Forecast(h int, levels ...float64) SeriesForecast {
	if h < 1 {
		panic("forecast: forecast horizon below 1")
	}
	tsLevels(levels)
	mean, variance := etsPredict(e, h)
	return SeriesForecast{Method: e.Model.String(), Mean: mean, Intervals: tsIntervals(mean, variance, levels)}
}
