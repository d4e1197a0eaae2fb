package forecast

import (
	"fmt"
	"math"
)

// ETSConfig tunes the estimation of [FitETS] and [AutoETS]. The zero value
// estimates every parameter, as R's ets does by default.
type ETSConfig struct {
	// Alpha, Beta, Gamma and Phi fix a smoothing parameter instead of
	// estimating it; 0 means "estimate". Parameters the model does not
	// have are ignored.
	Alpha, Beta, Gamma, Phi float64
	// MaxIter bounds the optimiser's function evaluations per model; 0
	// means 2000, R's default.
	MaxIter int
}

// The bounds of R's ets (bounds = "both"): each smoothing parameter in
// [1e-4, 0.9999], β ≤ α, γ ≤ 1 − α, φ in [0.8, 0.98], and the parameters
// admissible (the model forecastable).
var (
	etsLower = [4]float64{1e-4, 1e-4, 1e-4, 0.8}
	etsUpper = [4]float64{0.9999, 0.9999, 0.9999, 0.98}
)

// ETSCandidates are the models [AutoETS] chooses among, in the order R's
// ets tries them (the first of two with equal AICc wins): the fifteen
// models with no or an additive trend, R's default family
// (allow.multiplicative.trend = FALSE, restrict = TRUE).
func ETSCandidates() []ETSModel {
	var out []ETSModel
	for _, e := range []Component{Additive, Multiplicative} {
		for _, t := range []Component{NoComponent, Additive} {
			for _, s := range []Component{NoComponent, Additive, Multiplicative} {
				for _, d := range []bool{true, false} {
					m := ETSModel{Error: e, Trend: t, Season: s, Damped: d}
					if m.validate() == "" {
						out = append(out, m)
					}
				}
			}
		}
	}
	return out
}

// FitETS fits the model to the series by maximum likelihood, as R's
// forecast::ets(y, model = …) does: the smoothing parameters and the initial
// states together minimise L = n·log(Σe²) (+ 2·Σlog|ŷ| for multiplicative
// errors), by a Nelder–Mead search (a port of R's optim) started from R's
// heuristic initial states, within R's bounds: every parameter in [1e-4,
// 0.9999], β ≤ α, γ ≤ 1 − α, φ in [0.8, 0.98], and the parameters
// admissible (the characteristic roots of a seasonal model within the unit
// circle). The last seasonal index is not estimated: it makes the indices
// sum to 0 (additive) or m (multiplicative).
//
// Errors, never panics, for data: salesperf.ErrInvalidValue for a value
// that is not finite; ErrNonPositive for a multiplicative model of a series
// with a value ≤ 0; ErrShortSeries for a seasonal model of fewer than two
// seasons (2m values), or when the series has no more values than R's count
// of parameters plus four (2 + 2 for a trend + 1 for damping + m for
// seasonality; R leaves ets for HoltWinters there); ErrConstantSeries when
// every value is equal. FitETS panics if the model is not supported, a
// seasonal model is asked of a series with Period < 2 or > 24, or a fixed
// parameter in c is out of its bounds.
func FitETS(s Series, model ETSModel, c ETSConfig) (*ETS, error) {
	model.mustValidate()
	m := etsPeriod(model, s)
	c.mustValidate(model, m)
	if err := s.check(); err != nil {
		return nil, err
	}
	y := s.Values
	n := len(y)
	if model.Season != NoComponent && n < 2*m {
		return nil, fmt.Errorf("forecast: %s: %d values, two seasons (%d) needed: %w", model, n, 2*m, ErrShortSeries)
	}
	npars := 2
	if model.Trend != NoComponent {
		npars += 2
	}
	if model.Season != NoComponent {
		npars += m
	}
	if model.Damped {
		npars++
	}
	if n <= npars+4 {
		return nil, fmt.Errorf("forecast: %s: %d values, more than %d needed: %w", model, n, npars+4, ErrShortSeries)
	}
	if model.multiplicative() && !tsPositive(y) {
		return nil, fmt.Errorf("forecast: %s: %w", model, ErrNonPositive)
	}
	if tsConstant(y) {
		return nil, fmt.Errorf("forecast: %s: %w", model, ErrConstantSeries)
	}
	e, ok := etsFit(y, model, m, c)
	if !ok {
		return nil, fmt.Errorf("forecast: %s: %d values, too few for its %d parameters: %w", model, n, etsParamCount(model, m), ErrShortSeries)
	}
	return e, nil
}

// mustValidate panics if a fixed parameter is outside R's bounds.
func (c ETSConfig) mustValidate(model ETSModel, m int) {
	check := func(name string, v float64, i int) {
		if v != 0 && !(v >= etsLower[i] && v <= etsUpper[i]) {
			panic(fmt.Sprintf("forecast: fixed %s = %v outside [%v, %v]", name, v, etsLower[i], etsUpper[i]))
		}
	}
	check("alpha", c.Alpha, 0)
	if model.Trend != NoComponent {
		check("beta", c.Beta, 1)
	}
	if model.Season != NoComponent {
		check("gamma", c.Gamma, 2)
	}
	if model.Damped {
		check("phi", c.Phi, 3)
	}
	if c.MaxIter < 0 {
		panic("forecast: negative MaxIter")
	}
}

// etsFit estimates the model (R's forecast:::etsmodel); ok is false when
// the model has too many parameters for the data (np ≥ n − 1) or the
// starting point is not admissible.
func etsFit(y []float64, model ETSModel, m int, c ETSConfig) (*ETS, bool) {
	lower, upper := etsLower, etsUpper
	fixA, fixB, fixG, fixP := c.Alpha != 0, c.Beta != 0 && model.Trend != NoComponent,
		c.Gamma != 0 && model.Season != NoComponent, c.Phi != 0 && model.Damped
	if fixA {
		upper[1] = math.Min(c.Alpha, upper[1])
		upper[2] = math.Min(1-c.Alpha, upper[2])
	}
	if fixB {
		lower[0] = math.Max(c.Beta, lower[0])
	}
	if fixG {
		upper[0] = math.Min(1-c.Gamma, upper[0])
	}
	// R's initparam: the starting smoothing parameters.
	mInit := float64(m)
	var par []float64
	alpha := c.Alpha
	if !fixA {
		alpha = lower[0] + 0.2*(upper[0]-lower[0])/mInit
		if alpha > 1 || alpha < 0 {
			alpha = lower[0] + 2e-3
		}
		par = append(par, alpha)
	}
	beta := c.Beta
	if model.Trend != NoComponent && !fixB {
		u := math.Min(upper[1], alpha)
		beta = lower[1] + 0.1*(u-lower[1])
		if beta < 0 || beta > alpha {
			beta = alpha - 1e-3
		}
		par = append(par, beta)
	}
	gamma := c.Gamma
	if model.Season != NoComponent && !fixG {
		u := math.Min(upper[2], 1-alpha)
		gamma = lower[2] + 0.05*(u-lower[2])
		if gamma < 0 || gamma > 1-alpha {
			gamma = 1 - alpha - 1e-3
		}
		par = append(par, gamma)
	}
	phi := c.Phi
	if model.Damped && !fixP {
		phi = lower[3] + 0.99*(upper[3]-lower[3])
		if phi < 0 || phi > 1 {
			phi = upper[3] - 1e-3
		}
		par = append(par, phi)
	}
	init := etsInitState(y, m, model.Trend, model.Season)
	nstate := len(init)
	par = append(par, init...)
	np := len(par)
	if np >= len(y)-1 {
		return nil, false
	}
	t := etsTarget{
		y: y, model: model, m: m, nstate: nstate,
		lower: lower, upper: upper,
		optA: !fixA, optB: model.Trend != NoComponent && !fixB,
		optG: model.Season != NoComponent && !fixG, optP: model.Damped && !fixP,
		p: ETSParams{Alpha: alpha, Beta: beta, Gamma: gamma, Phi: phi},
	}
	if !model.Damped {
		t.p.Phi = 1
	}
	maxit := c.MaxIter
	if maxit == 0 {
		maxit = 2000
	}
	best, _, ok := etsNelderMead(t.eval, par, math.Sqrt(2.220446049250313e-16), maxit)
	if !ok {
		return nil, false
	}
	p := t.params(best)
	x0 := t.states(best)
	// np counts the given parameters too, as R's length(fit$par) does.
	k := etsParamCount(model, m)
	return etsModelResult(y, model, m, p, x0, k), true
}

// etsTarget is the function the optimiser minimises (R's
// EtsTargetFunction with opt.crit = "lik", bounds = "both").
type etsTarget struct {
	y                      []float64
	model                  ETSModel
	m, nstate              int
	lower, upper           [4]float64
	optA, optB, optG, optP bool
	p                      ETSParams // the fixed values, and phi = 1 undamped
	work                   etsWork
	x                      []float64
}

// params returns the smoothing parameters a point of the search stands for.
func (t *etsTarget) params(par []float64) ETSParams {
	p := t.p
	j := 0
	if t.optA {
		p.Alpha = par[j]
		j++
	}
	if t.optB {
		p.Beta = par[j]
		j++
	}
	if t.optG {
		p.Gamma = par[j]
		j++
	}
	if t.optP {
		p.Phi = par[j]
	}
	return p
}

// states returns the full initial state vector of a point of the search:
// the estimated states and the implied last seasonal index.
func (t *etsTarget) states(par []float64) []float64 {
	return append([]float64(nil), t.fill(par)...)
}

// fill is states in the target's own buffer, overwritten by the next call.
func (t *etsTarget) fill(par []float64) []float64 {
	x := append(t.x[:0], par[len(par)-t.nstate:]...)
	if t.model.Season != NoComponent {
		first := 1
		if t.model.Trend != NoComponent {
			first = 2
		}
		var sum float64
		for _, v := range x[first:] {
			sum += v
		}
		var base float64
		if t.model.Season == Multiplicative {
			base = float64(t.m)
		}
		x = append(x, base-sum)
	}
	t.x = x
	return x
}

func (t *etsTarget) eval(par []float64) float64 {
	p := t.params(par)
	if !t.check(p) {
		return math.Inf(1)
	}
	x := t.fill(par)
	if t.model.Season == Multiplicative {
		first := 1
		if t.model.Trend != NoComponent {
			first = 2
		}
		for _, v := range x[first:] {
			if v < 0 {
				return math.Inf(1)
			}
		}
	}
	r := etsRunWork(&t.work, t.y, t.model, t.m, p, x, false)
	lik := r.lik
	if lik < -1e10 {
		lik = -1e10
	}
	if math.IsNaN(lik) {
		lik = math.Inf(1)
	}
	return lik
}

// check applies R's usual bounds to the estimated parameters and the
// admissibility conditions to all.
func (t *etsTarget) check(p ETSParams) bool {
	if t.optA && (p.Alpha < t.lower[0] || p.Alpha > t.upper[0]) {
		return false
	}
	if t.optB && (p.Beta < t.lower[1] || p.Beta > p.Alpha || p.Beta > t.upper[1]) {
		return false
	}
	if t.optP && (p.Phi < t.lower[3] || p.Phi > t.upper[3]) {
		return false
	}
	if t.optG && (p.Gamma < t.lower[2] || p.Gamma > 1-p.Alpha || p.Gamma > t.upper[2]) {
		return false
	}
	return etsAdmissible(p, t.model, t.m)
}

// etsAdmissible reports whether the parameters make the model forecastable
// (R's admissible): for a non-seasonal model α in [1−1/φ, 1+1/φ] and β in
// [α(φ−1), (1+φ)(2−α)]; for a seasonal one the bounds on γ, α and β of
// Hyndman et al. (2008, ch. 10) and the roots of the characteristic
// polynomial z^(m+1) + (α+β−φ)z^m + (α+β−αφ)(z^(m−1)+…+z²) +
// (α+β−αφ+γ−1)z + φ(1−α−γ) within the unit circle (1e−10 tolerance).
func etsAdmissible(p ETSParams, model ETSModel, m int) bool {
	a, b, g, phi := p.Alpha, p.Beta, p.Gamma, p.Phi
	if phi < 0 || phi > 1+1e-8 {
		return false
	}
	if model.Season == NoComponent {
		if a < 1-1/phi || a > 1+1/phi {
			return false
		}
		if model.Trend != NoComponent && (b < a*(phi-1) || b > (1+phi)*(2-a)) {
			return false
		}
		return true
	}
	if m <= 1 {
		return true
	}
	if model.Trend == NoComponent {
		b = 0
	}
	mf := float64(m)
	if g < math.Max(1-1/phi-a, 0) || g > 1+1/phi-a {
		return false
	}
	if a < 1-1/phi-g*(1-mf+phi+phi*mf)/(2*phi*mf) {
		return false
	}
	if b < -(1-phi)*(g/mf+a) {
		return false
	}
	var buf [32]float64
	c := append(buf[:0], 1, a+b-phi)
	for range m - 2 {
		c = append(c, a+b-a*phi)
	}
	c = append(c, a+b-a*phi+g-1, phi*(1-a-g))
	return etsRootsWithin(c, 1+1e-10)
}

// AutoETS fits every candidate model that suits the series and returns the
// one with the smallest AICc, as R's forecast::ets(y) does with its
// defaults: the models of [ETSCandidates], each fitted as by [FitETS]
// (models with too many parameters for the data are skipped, as R's are).
// The documented fallbacks, instead of errors:
//   - a series with a value ≤ 0: only models with additive errors and
//     seasonality are considered;
//   - a series without seasonality (Period ≤ 1), with a Period above 24, or
//     shorter than two seasons (fewer than 2m values): only non-seasonal
//     models are considered (R would try seasonal ones from m + 4 values);
//   - a constant series: the model ETS(A,N,N) with α = 0.99999 and the
//     level at the constant, which forecasts the constant with intervals
//     of width 0; its LogLik is +Inf and its AIC, AICc and BIC −Inf (a
//     perfect fit), as R returns ses(y, alpha = 0.99999) there.
//
// Errors: salesperf.ErrInvalidValue for a value that is not finite;
// ErrShortSeries for fewer than 7 values (R leaves ets for HoltWinters
// below that) or when no candidate can be fitted. AutoETS panics if a fixed
// parameter in c is out of its bounds.
func AutoETS(s Series, c ETSConfig) (*ETS, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	y := s.Values
	n := len(y)
	if n < 7 {
		return nil, fmt.Errorf("forecast: ets: %d values, 7 needed: %w", n, ErrShortSeries)
	}
	if tsConstant(y) {
		return etsConstant(y), nil
	}
	m := s.period()
	seasonal := m >= 2 && m <= 24 && n >= 2*m
	positive := tsPositive(y)
	var best *ETS
	for _, model := range ETSCandidates() {
		if model.Season != NoComponent && !seasonal {
			continue
		}
		if model.multiplicative() && !positive {
			continue
		}
		mm := etsPeriod(model, s)
		c.mustValidate(model, mm)
		e, ok := etsFit(y, model, mm, c)
		if !ok || math.IsNaN(e.AICc) {
			continue
		}
		if best == nil || e.AICc < best.AICc {
			best = e
		}
	}
	if best == nil {
		return nil, fmt.Errorf("forecast: ets: no model could be fitted to %d values: %w", n, ErrShortSeries)
	}
	return best, nil
}

// etsConstant is AutoETS's model of a constant series.
func etsConstant(y []float64) *ETS {
	n := len(y)
	e := &ETS{
		Model:     ETSModel{Error: Additive},
		Period:    1,
		Params:    ETSParams{Alpha: 0.99999, Phi: 1},
		Initial:   ETSStates{Level: y[0]},
		Final:     ETSStates{Level: y[0]},
		N:         n,
		NumParams: 2,
		LogLik:    math.Inf(1),
		AIC:       math.Inf(-1),
		AICc:      math.Inf(-1),
		BIC:       math.Inf(-1),
		Fitted:    append([]float64(nil), y...),
		Residuals: make([]float64, n),
	}
	return e
}
