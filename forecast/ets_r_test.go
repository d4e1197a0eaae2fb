package forecast

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// The fixtures of testdata/ets/fixtures.json were made by R's forecast
// package (testdata/ets/make_fixtures.R); R is not needed to run these
// tests.

type etsRFixtures struct {
	RVersion        string       `json:"r_version"`
	ForecastVersion string       `json:"forecast_version"`
	Series          []etsRSeries `json:"series"`
	FixedPar        etsRParams   `json:"fixed_par"`
}

type etsRParams struct {
	Alpha *float64 `json:"alpha"`
	Beta  *float64 `json:"beta"`
	Gamma *float64 `json:"gamma"`
	Phi   *float64 `json:"phi"`
}

func (p etsRParams) params() ETSParams {
	v := func(x *float64) float64 {
		if x == nil {
			return 0
		}
		return *x
	}
	return ETSParams{Alpha: v(p.Alpha), Beta: v(p.Beta), Gamma: v(p.Gamma), Phi: v(p.Phi)}
}

type etsRLimits struct {
	Mean    []float64 `json:"mean"`
	Lower80 []float64 `json:"lower80"`
	Upper80 []float64 `json:"upper80"`
	Lower95 []float64 `json:"lower95"`
	Upper95 []float64 `json:"upper95"`
}

type etsRSeries struct {
	Name   string    `json:"name"`
	Period int       `json:"period"`
	Values []float64 `json:"values"`
	H      int       `json:"h"`
	Init   []struct {
		Trend, Season string
		State         []float64
	} `json:"init"`
	Fixed []struct {
		Model string     `json:"model"`
		Par   etsRParams `json:"par"`
		Init  []float64
		etsRLimits
		Sigma2   float64   `json:"sigma2"`
		LogLik   float64   `json:"loglik"`
		BookMean []float64 `json:"book_mean"`
		BookVar  []float64 `json:"book_var"`
	} `json:"fixed"`
	Fitted []etsRFitted `json:"fitted"`
	Auto   struct {
		Model  string  `json:"model"`
		AICc   float64 `json:"aicc"`
		LogLik float64 `json:"loglik"`
	} `json:"auto"`
	Snaive *etsRLimits `json:"snaive"`
}

type etsRFitted struct {
	Model  string     `json:"model"`
	Par    etsRParams `json:"par"`
	Init   []float64  `json:"init"`
	LogLik float64    `json:"loglik"`
	AICc   float64    `json:"aicc"`
	Sigma2 float64    `json:"sigma2"`
	Mean   []float64  `json:"mean"`
}

func etsLoadRFixtures(t *testing.T) *etsRFixtures {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "ets", "fixtures.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f etsRFixtures
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Series) < 30 {
		t.Fatalf("%d series in the fixtures, want at least 30", len(f.Series))
	}
	return &f
}

func (s etsRSeries) series() Series { return Series{Values: s.Values, Period: s.Period} }

// etsRelDiff is |a−b| / max(|b|, tiny).
func etsRelDiff(a, b float64) float64 {
	return math.Abs(a-b) / math.Max(math.Abs(b), 1e-300)
}

func etsComp(c string) Component {
	switch c {
	case "A":
		return Additive
	case "M":
		return Multiplicative
	}
	return NoComponent
}

// TestETSInitStateMatchesR: the heuristic starting states equal R's
// forecast:::initstate to 1e-6 relative.
func TestETSInitStateMatchesR(t *testing.T) {
	f := etsLoadRFixtures(t)
	var worst float64
	var count int
	for _, s := range f.Series {
		for _, in := range s.Init {
			m := s.Period
			if in.Season == "N" {
				m = 1
			}
			got := etsInitState(s.Values, m, etsComp(in.Trend), etsComp(in.Season))
			if len(got) != len(in.State) {
				t.Errorf("%s %s%s: %d states, R %d", s.Name, in.Trend, in.Season, len(got), len(in.State))
				continue
			}
			count++
			for i := range got {
				d := math.Abs(got[i]-in.State[i]) / math.Max(math.Abs(in.State[i]), 1e-9)
				worst = math.Max(worst, d)
				if d > 1e-6 {
					t.Errorf("%s %s%s: state %d = %.10g, R %.10g", s.Name, in.Trend, in.Season, i, got[i], in.State[i])
				}
			}
		}
	}
	t.Logf("initial states: %d cases, max relative difference %.3g", count, worst)
}

// TestETSFixedMatchesR: with R's model, parameters and initial states, the
// point forecasts equal R's to 1e-6 relative (the damped class-3 model
// MAdM against the textbook means; see etsinterval.go), as do σ², the
// log-likelihood and the 80%/95% limits of the textbook variances.
func TestETSFixedMatchesR(t *testing.T) {
	f := etsLoadRFixtures(t)
	var worstMean, worstLimit, worstFit, worstRMAdM, worstRLimits, worstLimitR float64
	var count int
	for _, s := range f.Series {
		for _, c := range s.Fixed {
			model, err := ParseETSModel(c.Model)
			if err != nil {
				t.Fatal(err)
			}
			init := etsUnpack(model, c.Init)
			e, err := NewETS(s.series(), model, c.Par.params(), init)
			if err != nil {
				t.Errorf("%s %s: %v", s.Name, c.Model, err)
				continue
			}
			count++
			fc := e.Forecast(s.H, 0.8, 0.95)
			for _, d := range []float64{etsRelDiff(e.Sigma2, c.Sigma2), etsRelDiff(e.LogLik, c.LogLik)} {
				worstFit = math.Max(worstFit, d)
				if d > 1e-6 {
					t.Errorf("%s %s: sigma2 %.10g loglik %.10g, R %.10g %.10g", s.Name, c.Model, e.Sigma2, e.LogLik, c.Sigma2, c.LogLik)
				}
			}
			for i := range fc.Mean {
				want := c.Mean[i]
				if model.Season == Multiplicative && model.Damped {
					worstRMAdM = math.Max(worstRMAdM, etsRelDiff(fc.Mean[i], c.Mean[i]))
					want = c.BookMean[i]
				}
				d := etsRelDiff(fc.Mean[i], want)
				worstMean = math.Max(worstMean, d)
				if d > 1e-6 {
					t.Errorf("%s %s: mean[%d] = %.10g, want %.10g", s.Name, c.Model, i, fc.Mean[i], want)
				}
				for k, z := range []float64{1.2815515655446004, 1.959963984540054} {
					half := z * math.Sqrt(c.BookVar[i])
					lo, hi := fc.Intervals[k].Lower[i], fc.Intervals[k].Upper[i]
					for _, d := range []float64{etsRelDiff(lo, c.BookMean[i]-half), etsRelDiff(hi, c.BookMean[i]+half)} {
						worstLimit = math.Max(worstLimit, d)
						if d > 1e-6 {
							t.Errorf("%s %s: %v%% interval [%d] = [%.10g, %.10g], want [%.10g, %.10g]", s.Name, c.Model, fc.Intervals[k].Level, i, lo, hi, c.BookMean[i]-half, c.BookMean[i]+half)
						}
					}
				}
				rl := [][]float64{c.Lower80, c.Upper80, c.Lower95, c.Upper95}
				gl := [][]float64{fc.Intervals[0].Lower, fc.Intervals[0].Upper, fc.Intervals[1].Lower, fc.Intervals[1].Upper}
				// R's class formulas differ from the book's for additive
				// seasonality without a trend and for MAdM.
				rDiffers := model.Trend == NoComponent && model.Season == Additive || model.Damped && model.Season == Multiplicative
				for k := range rl {
					d := etsRelDiff(gl[k][i], rl[k][i])
					if rDiffers {
						worstRLimits = math.Max(worstRLimits, d)
					} else if d > 1e-6 {
						t.Errorf("%s %s: limit %d [%d] = %.10g, R %.10g", s.Name, c.Model, k, i, gl[k][i], rl[k][i])
					} else {
						worstLimitR = math.Max(worstLimitR, d)
					}
				}
			}
		}
	}
	t.Logf("fixed parameters: %d models; max relative difference: means %.3g, limits %.3g, sigma2/loglik %.3g", count, worstMean, worstLimit, worstFit)
	t.Logf("against R's own forecast.ets: limits of the other models %.3g; MAdM means differ by up to %.3g, limits of ANA, MNA and MAdM by up to %.3g", worstLimitR, worstRMAdM, worstRLimits)
}

// TestETSFittedMatchesR: estimated by maximum likelihood, the parameters
// are within 0.02 of R's, the log-likelihood and AICc within 2%, and the
// point forecasts within 2% (of R's value, or of the series' mean absolute
// value where R's forecast is nearer zero than that).
func TestETSFittedMatchesR(t *testing.T) {
	f := etsLoadRFixtures(t)
	var worstPar, worstLik, worstAICc, worstMean, worstMeanNotMAdM float64
	var count, exact int
	for _, s := range f.Series {
		var scale float64
		for _, v := range s.Values {
			scale += math.Abs(v)
		}
		scale /= float64(len(s.Values))
		for _, c := range s.Fitted {
			model, err := ParseETSModel(c.Model)
			if err != nil {
				t.Fatal(err)
			}
			e, err := FitETS(s.series(), model, ETSConfig{})
			if err != nil {
				t.Errorf("%s %s: %v", s.Name, c.Model, err)
				continue
			}
			count++
			rp := c.Par.params()
			dp := math.Max(math.Max(math.Abs(e.Params.Alpha-rp.Alpha), math.Abs(e.Params.Beta-rp.Beta)),
				math.Abs(e.Params.Gamma-rp.Gamma))
			if model.Damped {
				dp = math.Max(dp, math.Abs(e.Params.Phi-rp.Phi))
			}
			dl := math.Abs(e.LogLik-c.LogLik) / math.Max(math.Abs(c.LogLik), 1)
			da := math.Abs(e.AICc-c.AICc) / math.Max(math.Abs(c.AICc), 1)
			var dm float64
			fc := e.Forecast(s.H)
			for i := range c.Mean {
				dm = math.Max(dm, math.Abs(fc.Mean[i]-c.Mean[i])/math.Max(math.Abs(c.Mean[i]), scale))
			}
			if !(model.Damped && model.Season == Multiplicative) {
				worstMeanNotMAdM = math.Max(worstMeanNotMAdM, dm)
			}
			worstPar, worstLik, worstAICc, worstMean = math.Max(worstPar, dp), math.Max(worstLik, dl), math.Max(worstAICc, da), math.Max(worstMean, dm)
			if dm < 1e-6 && dl < 1e-6 {
				exact++
			}
			if dp > 0.02 || dl > 0.02 || da > 0.02 || dm > 0.02 {
				t.Errorf("%s %s: params %+v loglik %.6g aicc %.6g; R %+v %.6g %.6g (mean diff %.3g)", s.Name, c.Model, e.Params, e.LogLik, e.AICc, rp, c.LogLik, c.AICc, dm)
			}
		}
	}
	t.Logf("fitted: %d models (%d to 1e-6); max differences: parameters %.3g (absolute), loglik %.3g, AICc %.3g, forecasts %.3g (relative; %.3g without MAdM)", count, exact, worstPar, worstLik, worstAICc, worstMean, worstMeanNotMAdM)
}

// TestAutoETSAgreesWithR: the model AutoETS chooses is R's ets() choice on
// at least 90% of the series.
func TestAutoETSAgreesWithR(t *testing.T) {
	f := etsLoadRFixtures(t)
	agree := 0
	for _, s := range f.Series {
		e, err := AutoETS(s.series(), ETSConfig{})
		if err != nil {
			t.Errorf("%s: %v", s.Name, err)
			continue
		}
		if e.Model.Code() == s.Auto.Model {
			agree++
		} else {
			t.Logf("%s: chose %s (AICc %.4f), R %s (AICc %.4f)", s.Name, e.Model.Code(), e.AICc, s.Auto.Model, s.Auto.AICc)
		}
	}
	share := float64(agree) / float64(len(f.Series))
	t.Logf("model selection: %d of %d series agree with R's ets (%.1f%%)", agree, len(f.Series), 100*share)
	if share < 0.9 {
		t.Errorf("selection agrees on %.1f%%, want at least 90%%", 100*share)
	}
}

// TestSeasonalNaiveMatchesR: SeasonalNaive equals R's snaive to 1e-6.
func TestSeasonalNaiveMatchesR(t *testing.T) {
	f := etsLoadRFixtures(t)
	var worst float64
	var count int
	for _, s := range f.Series {
		if s.Snaive == nil {
			continue
		}
		fc, err := SeasonalNaive(s.series(), s.H, 0.8, 0.95)
		if err != nil {
			t.Errorf("%s: %v", s.Name, err)
			continue
		}
		count++
		want := [][]float64{s.Snaive.Mean, s.Snaive.Lower80, s.Snaive.Upper80, s.Snaive.Lower95, s.Snaive.Upper95}
		got := [][]float64{fc.Mean, fc.Intervals[0].Lower, fc.Intervals[0].Upper, fc.Intervals[1].Lower, fc.Intervals[1].Upper}
		for k := range want {
			for i := range want[k] {
				d := math.Abs(got[k][i]-want[k][i]) / math.Max(math.Abs(want[k][i]), 1e-9)
				worst = math.Max(worst, d)
				if d > 1e-6 {
					t.Errorf("%s: column %d [%d] = %.10g, R %.10g", s.Name, k, i, got[k][i], want[k][i])
				}
			}
		}
	}
	t.Logf("seasonal naive: %d series, max relative difference %.3g", count, worst)
}
