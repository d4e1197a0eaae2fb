package forecast

import (
	"errors"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	sp "github.com/salesperf/salesperf"
)

var etsApprox = cmpopts.EquateApprox(1e-12, 1e-12)

func TestNewETSHandComputed(t *testing.T) {
	tests := []struct {
		name    string
		y       []float64
		model   string
		p       ETSParams
		init    ETSStates
		mean    []float64
		loglik  float64
		sigma2  float64
		fitted  []float64
		final   ETSStates
		comment string
	}{
		{
			// l0 = 10, α = .5. t1: ŷ 10, e 0, l 10. t2: ŷ 10, e 2, l 11.
			// t3: ŷ 11, e 0, l 11. SSE 4: L = 3·log 4, loglik −1.5·log 4;
			// σ² = 4 / (3 − 2 parameters) = 4.
			name: "simple", y: []float64{10, 12, 11}, model: "ANN",
			p: ETSParams{Alpha: 0.5}, init: ETSStates{Level: 10},
			mean: []float64{11, 11}, loglik: -1.5 * math.Log(4), sigma2: 4,
			fitted: []float64{10, 10, 11}, final: ETSStates{Level: 11},
		},
		{
			// l0 = 10, b0 = 1, α = .5, β = .1 (β/α = .2). t1: ŷ 11, e 0,
			// l 11, b 1. t2: ŷ 12, e 1, l 12.5, b 1 + .2·(1.5 − 1) = 1.1.
			// Forecasts 13.6, 14.7. SSE 1: loglik −½·2·log 1 = 0.
			name: "holt", y: []float64{11, 13}, model: "AAN",
			p: ETSParams{Alpha: 0.5, Beta: 0.1}, init: ETSStates{Level: 10, Trend: 1},
			mean: []float64{13.6, 14.7}, loglik: 0,
			fitted: []float64{11, 12}, final: ETSStates{Level: 12.5, Trend: 1.1},
		},
		{
			// φ = .9: ŷ1 = 10 + .9 = 10.9, e .1, l 10.95,
			// b = .9 + .2·(.95 − .9) = .91. Forecasts 10.95 + .9·.91 = 11.769
			// and 10.95 + (.9 + .81)·.91 = 12.5061.
			name: "damped", y: []float64{11}, model: "AAdN",
			p: ETSParams{Alpha: 0.5, Beta: 0.1, Phi: 0.9}, init: ETSStates{Level: 10, Trend: 1},
			mean: []float64{11.769, 12.5061}, loglik: -0.5 * math.Log(0.01),
			fitted: []float64{10.9}, final: ETSStates{Level: 10.95, Trend: 0.91},
		},
		{
			// m = 2, l0 = 10, seasons s1 = 1 (last period), s2 = −1 (next).
			// α = .5, γ = .2. t1: ŷ 10 − 1 = 9, y 10, e 1;
			// l = 10 + .5·((10 + 1) − 10) = 10.5; s_new = −1 + .2·((10 − 10) + 1) = −.8;
			// seasons now (−.8, 1). Forecasts 10.5 + 1 = 11.5, 10.5 − .8 = 9.7.
			name: "seasonal", y: []float64{10}, model: "ANA",
			p: ETSParams{Alpha: 0.5, Gamma: 0.2}, init: ETSStates{Level: 10, Season: []float64{1, -1}},
			mean: []float64{11.5, 9.7, 11.5}, loglik: 0,
			fitted: []float64{9}, final: ETSStates{Level: 10.5, Season: []float64{-0.8, 1}},
		},
		{
			// Multiplicative error and season, m = 2: s = (1.2, .8), l0 = 100,
			// α = .5, γ = .1. ŷ = 100·.8 = 80, y 88, e = 8/80 = .1;
			// l = 100 + .5·(88/.8 − 100) = 105; s_new = .8 + .1·(88/100 − .8) = .808.
			// Forecasts: 105·1.2 = 126 (class 3, h = 1: no correction), then
			// 105·.808 plus σ²-terms — only h = 1 checked here.
			// L = 1·log(.01) + 2·log 80.
			name: "multiplicative", y: []float64{88}, model: "MNM",
			p: ETSParams{Alpha: 0.5, Gamma: 0.1}, init: ETSStates{Level: 100, Season: []float64{1.2, 0.8}},
			mean: []float64{126}, loglik: -0.5 * (math.Log(0.01) + 2*math.Log(80)),
			fitted: []float64{80}, final: ETSStates{Level: 105, Season: []float64{0.808, 1.2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			model, err := ParseETSModel(tt.model)
			if err != nil {
				t.Fatal(err)
			}
			m := max(len(tt.init.Season), 1)
			p := tt.p
			if !model.Damped {
				p.Phi = 1
			}
			// The recursion itself: NewETS refuses series with no more values
			// than parameters (σ² has no estimate there).
			e := etsModelResult(tt.y, model, m, p, etsPack(model, tt.init), etsParamCount(model, m))
			got := e.Forecast(len(tt.mean))
			if diff := cmp.Diff(tt.mean, got.Mean, etsApprox); diff != "" {
				t.Errorf("mean (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.fitted, e.Fitted, etsApprox); diff != "" {
				t.Errorf("fitted (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.final, e.Final, etsApprox); diff != "" {
				t.Errorf("final states (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.loglik, e.LogLik, etsApprox); diff != "" {
				t.Errorf("loglik (-want +got):\n%s", diff)
			}
			if tt.sigma2 != 0 && math.Abs(e.Sigma2-tt.sigma2) > 1e-12 {
				t.Errorf("sigma2 = %v, want %v", e.Sigma2, tt.sigma2)
			}
		})
	}
}

func TestETSIntervalsHandComputed(t *testing.T) {
	// The simple model above: σ² = 4, α = .5. Variances: h = 1: 4; h = 2:
	// 4·(1 + .25) = 5. 80% limits: 11 ∓ 1.2815515655446004·sqrt(v).
	e, err := NewETS(Series{Values: []float64{10, 12, 11}}, ETSModel{Error: Additive}, ETSParams{Alpha: 0.5}, ETSStates{Level: 10})
	if err != nil {
		t.Fatal(err)
	}
	got := e.Forecast(2, 0.8).Intervals
	z := 1.2815515655446004
	want := []PredictionInterval{{Level: 0.8,
		Lower: []float64{11 - z*2, 11 - z*math.Sqrt(5)},
		Upper: []float64{11 + z*2, 11 + z*math.Sqrt(5)}}}
	if diff := cmp.Diff(want, got, etsApprox); diff != "" {
		t.Errorf("intervals (-want +got):\n%s", diff)
	}
}

func TestSeasonalNaiveHandComputed(t *testing.T) {
	// m = 4: the last season is 5, 6, 7, 9. Seasonal differences 4, 4, 4, 5:
	// σ² = (16·3 + 25)/4 = 18.25. h = 5: the fifth forecast is two seasons
	// ahead, variance 2·18.25.
	got, err := SeasonalNaive(Series{Values: []float64{1, 2, 3, 4, 5, 6, 7, 9}, Period: 4}, 5, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	z := 1.959963984540054
	sd := []float64{math.Sqrt(18.25), math.Sqrt(18.25), math.Sqrt(18.25), math.Sqrt(18.25), math.Sqrt(36.5)}
	mean := []float64{5, 6, 7, 9, 5}
	want := SeriesForecast{Method: "SNAIVE", Mean: mean, Intervals: []PredictionInterval{{Level: 0.95}}}
	for i := range mean {
		want.Intervals[0].Lower = append(want.Intervals[0].Lower, mean[i]-z*sd[i])
		want.Intervals[0].Upper = append(want.Intervals[0].Upper, mean[i]+z*sd[i])
	}
	if diff := cmp.Diff(want, got, etsApprox); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestETSErrors(t *testing.T) {
	monthly := func(n int, f func(i int) float64) Series {
		v := make([]float64, n)
		for i := range v {
			v[i] = f(i)
		}
		return Series{Values: v, Period: 12}
	}
	wave := func(i int) float64 { return 100 + 10*math.Sin(float64(i)) + float64(i%12) }
	withZero := monthly(36, wave)
	withZero.Values[5] = 0
	tests := []struct {
		name string
		err  error
		run  func() error
	}{
		{"seasonal model, one season", ErrShortSeries, func() error {
			_, err := FitETS(monthly(20, wave), ETSModel{Error: Additive, Season: Additive}, ETSConfig{})
			return err
		}},
		{"too few values for the parameters", ErrShortSeries, func() error {
			_, err := FitETS(Series{Values: []float64{1, 2, 3, 4, 5, 6, 7, 8}}, ETSModel{Error: Additive, Trend: Additive, Damped: true}, ETSConfig{})
			return err
		}},
		{"multiplicative with a zero", ErrNonPositive, func() error {
			_, err := FitETS(withZero, ETSModel{Error: Multiplicative, Trend: Additive, Season: Multiplicative}, ETSConfig{})
			return err
		}},
		{"constant", ErrConstantSeries, func() error {
			_, err := FitETS(monthly(36, func(int) float64 { return 5 }), ETSModel{Error: Additive}, ETSConfig{})
			return err
		}},
		{"NaN", sp.ErrInvalidValue, func() error {
			s := monthly(36, wave)
			s.Values[3] = math.NaN()
			_, err := AutoETS(s, ETSConfig{})
			return err
		}},
		{"auto, six values", ErrShortSeries, func() error {
			_, err := AutoETS(Series{Values: []float64{1, 2, 3, 4, 5, 6}}, ETSConfig{})
			return err
		}},
		{"seasonal naive, one season", ErrShortSeries, func() error {
			_, err := SeasonalNaive(monthly(12, wave), 3)
			return err
		}},
		{"NewETS, fewer values than parameters", ErrShortSeries, func() error {
			_, err := NewETS(Series{Values: []float64{1, 2}}, ETSModel{Error: Additive}, ETSParams{Alpha: 0.5}, ETSStates{Level: 1})
			return err
		}},
		{"mixed currencies", sp.ErrMixedCurrency, func() error {
			_, err := SeriesOf([]sp.Money{sp.MustParseMoney("1 USD"), sp.MustParseMoney("1 EUR")}, 12)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.run(); !errors.Is(err, tt.err) {
				t.Errorf("error %v, want one wrapping %v", err, tt.err)
			}
		})
	}
}

func TestAutoETSFallbacks(t *testing.T) {
	// A constant series: ANN, α = .99999, forecasts the constant, zero-width
	// intervals.
	e, err := AutoETS(Series{Values: []float64{7, 7, 7, 7, 7, 7, 7, 7}, Period: 4}, ETSConfig{})
	if err != nil {
		t.Fatal(err)
	}
	f := e.Forecast(2, 0.9)
	want := SeriesForecast{Method: "ETS(A,N,N)", Mean: []float64{7, 7},
		Intervals: []PredictionInterval{{Level: 0.9, Lower: []float64{7, 7}, Upper: []float64{7, 7}}}}
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("constant (-want +got):\n%s", diff)
	}
	// Negative values: only additive models are considered.
	s := Series{Period: 4}
	for i := range 40 {
		s.Values = append(s.Values, float64(i%4)*3-2+0.1*float64(i))
	}
	e, err = AutoETS(s, ETSConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if e.Model.Error != Additive || e.Model.Season == Multiplicative {
		t.Errorf("negative values: chose %s", e.Model)
	}
	// Fewer than two seasons: only non-seasonal models.
	e, err = AutoETS(Series{Values: s.Values[:7], Period: 4}, ETSConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if e.Model.Season != NoComponent {
		t.Errorf("short series: chose %s", e.Model)
	}
}

// TestETSNeverPanics feeds AutoETS, FitETS and SeasonalNaive awkward
// series — short, with zeros, negatives, constants, huge and tiny values —
// and accepts a result or an error wrapping a documented sentinel.
func TestETSNeverPanics(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	known := []error{ErrShortSeries, ErrNonPositive, ErrConstantSeries, sp.ErrInvalidValue}
	ok := func(err error) bool {
		if err == nil {
			return true
		}
		for _, k := range known {
			if errors.Is(err, k) {
				return true
			}
		}
		return false
	}
	for i := range 60 {
		n := r.IntN(30)
		m := []int{0, 1, 4, 12}[r.IntN(4)]
		v := make([]float64, n)
		for j := range v {
			switch r.IntN(6) {
			case 0:
				v[j] = 0
			case 1:
				v[j] = -r.Float64() * 100
			case 2:
				v[j] = 1e12 * r.Float64()
			case 3:
				v[j] = 5
			default:
				v[j] = 100 + 20*r.NormFloat64()
			}
		}
		s := Series{Values: v, Period: m}
		if _, err := AutoETS(s, ETSConfig{MaxIter: 300}); !ok(err) {
			t.Errorf("case %d: AutoETS: %v", i, err)
		}
		if _, err := FitETS(s, ETSModel{Error: Multiplicative, Trend: Additive, Damped: true}, ETSConfig{MaxIter: 300}); !ok(err) {
			t.Errorf("case %d: FitETS: %v", i, err)
		}
		if _, err := SeasonalNaive(s, 3, 0.8); !ok(err) {
			t.Errorf("case %d: SeasonalNaive: %v", i, err)
		}
	}
}

func TestETSMisusePanics(t *testing.T) {
	s := Series{Values: make([]float64, 30), Period: 4}
	for name, f := range map[string]func(){
		"additive error, multiplicative season": func() {
			_, _ = FitETS(s, ETSModel{Error: Additive, Season: Multiplicative}, ETSConfig{})
		},
		"multiplicative trend": func() { _, _ = FitETS(s, ETSModel{Error: Additive, Trend: Multiplicative}, ETSConfig{}) },
		"no error":             func() { _, _ = FitETS(s, ETSModel{}, ETSConfig{}) },
		"alpha out of bounds":  func() { _, _ = FitETS(s, ETSModel{Error: Additive}, ETSConfig{Alpha: 2}) },
		"horizon 0":            func() { _, _ = SeasonalNaive(s, 0) },
		"level 95":             func() { _, _ = SeasonalNaive(s, 1, 95) },
		"seasonal, period 1": func() {
			_, _ = FitETS(Series{Values: s.Values}, ETSModel{Error: Additive, Season: Additive}, ETSConfig{})
		},
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
}

func TestParseETSModel(t *testing.T) {
	for _, m := range ETSCandidates() {
		for _, s := range []string{m.Code(), m.String()} {
			got, err := ParseETSModel(s)
			if err != nil || got != m {
				t.Errorf("ParseETSModel(%q) = %v, %v; want %v", s, got, err, m)
			}
		}
	}
	if len(ETSCandidates()) != 15 {
		t.Errorf("%d candidates, want R's 15", len(ETSCandidates()))
	}
	for _, s := range []string{"", "AMN", "ANM", "ANdN", "XYZ", "ETS(A,N)"} {
		if _, err := ParseETSModel(s); !errors.Is(err, sp.ErrSyntax) {
			t.Errorf("ParseETSModel(%q): %v, want ErrSyntax", s, err)
		}
	}
}

func TestSeriesOfAndMoneyOf(t *testing.T) {
	s, err := SeriesOf([]sp.Money{sp.MustParseMoney("12.34 USD"), {}, sp.MustParseMoney("5 USD")}, 12)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Series{Values: []float64{12.34, 0, 5}, Period: 12}, s); diff != "" {
		t.Errorf("SeriesOf (-want +got):\n%s", diff)
	}
	// 12.345 prints as "12.345": half-even to cents is 12.34, half-up 12.35.
	for _, c := range []struct {
		mode sp.RoundingMode
		want string
	}{{sp.RoundHalfEven, "12.34 USD"}, {sp.RoundHalfUp, "12.35 USD"}} {
		got, err := MoneyOf(12.345, "USD", c.mode)
		if err != nil || got.String() != c.want {
			t.Errorf("MoneyOf(12.345, %v) = %v, %v; want %s", c.mode, got, err, c.want)
		}
	}
	if _, err := MoneyOf(math.Inf(1), "USD", sp.RoundHalfEven); !errors.Is(err, sp.ErrInvalidValue) {
		t.Errorf("MoneyOf(+Inf): %v", err)
	}
}

// TestETSRootsWithin checks the Schur–Cohn test against the roots found by
// the Aberth–Ehrlich iteration, on random polynomials of the admissibility
// form.
func TestETSRootsWithin(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	disagree := 0
	for i := range 2000 {
		m := []int{2, 4, 12}[i%3]
		a, b, g, phi := r.Float64(), r.Float64()*0.5, r.Float64()*0.5, 0.8+0.2*r.Float64()
		c := []float64{1, a + b - phi}
		for range m - 2 {
			c = append(c, a+b-a*phi)
		}
		c = append(c, a+b-a*phi+g-1, phi*(1-a-g))
		want := etsAberthMaxModulus(c)
		got := etsRootsWithin(c, 1+1e-10)
		if got != (want <= 1+1e-10) && math.Abs(want-1) > 1e-7 {
			disagree++
			t.Errorf("coefficients %v: within %v, max modulus %v", c, got, want)
		}
	}
	// z² − 0.25: roots ±0.5; z² − 4: ±2.
	if !etsRootsWithin([]float64{1, 0, -0.25}, 1) || etsRootsWithin([]float64{1, 0, -4}, 1) {
		t.Error("z² − 0.25 or z² − 4 misjudged")
	}
}

// etsAberthMaxModulus returns the largest root modulus of c[0]·z^d + … +
// c[d] by the Aberth–Ehrlich iteration: the reference for TestETSRootsWithin.
func etsAberthMaxModulus(c []float64) float64 {
	d := len(c) - 1
	a := make([]complex128, d+1)
	for i := range c {
		a[i] = complex(c[i]/c[0], 0)
	}
	poly := func(z complex128) (p, dp complex128) {
		for i := 0; i <= d; i++ {
			dp = dp*z + p
			p = p*z + a[i]
		}
		return p, dp
	}
	var rad float64
	for i := 1; i <= d; i++ {
		rad = math.Max(rad, math.Pow(cmplx.Abs(a[i]), 1/float64(i)))
	}
	if rad == 0 {
		return 0
	}
	z := make([]complex128, d)
	for k := range z {
		z[k] = cmplx.Rect(rad, 2*math.Pi*float64(k)/float64(d)+0.4)
	}
	for range 500 {
		for k := range z {
			p, dp := poly(z[k])
			if p == 0 {
				continue
			}
			ratio := p / dp
			var s complex128
			for j := range z {
				if j != k {
					s += 1 / (z[k] - z[j])
				}
			}
			if w := ratio / (1 - ratio*s); !cmplx.IsNaN(w) && !cmplx.IsInf(w) {
				z[k] -= w
			}
		}
	}
	var mx float64
	for _, v := range z {
		mx = math.Max(mx, cmplx.Abs(v))
	}
	return mx
}

// BenchmarkFitETS fits Holt–Winters multiplicative (MAM) to ten years of a
// monthly series, and the whole AutoETS selection.
func BenchmarkFitETS(b *testing.B) {
	s := Series{Period: 12}
	for i := range 120 {
		s.Values = append(s.Values, (100+float64(i))*(1+0.2*math.Sin(2*math.Pi*float64(i)/12)))
	}
	model := ETSModel{Error: Multiplicative, Trend: Additive, Season: Multiplicative}
	b.Run("MAM", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := FitETS(s, model, ETSConfig{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Auto", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := AutoETS(s, ETSConfig{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
