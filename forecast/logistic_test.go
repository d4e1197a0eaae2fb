package forecast_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/forecast"
	"pgregory.net/rapid"
)

// TestLogisticRecoversCoefficients simulates outcomes from a known model,
// z = −0.5 + 1.0·x1 − 2.0·x2 + (0.5 if g = a, −0.5 if g = b), with a fixed
// seed, and checks that the fit (almost no penalty) finds it again: the
// numeric coefficients on the raw scale and the difference between the
// two levels of g, within about three standard errors (n = 20,000).
func TestLogisticRecoversCoefficients(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var exs []forecast.Example
	for i := range 20000 {
		x1, x2 := r.NormFloat64(), 1+0.5*r.NormFloat64()
		g, eff := "a", 0.5
		if r.IntN(2) == 0 {
			g, eff = "b", -0.5
		}
		z := -0.5 + 1.0*x1 - 2.0*x2 + eff
		out := sp.Lost
		if r.Float64() < 1/(1+math.Exp(-z)) {
			out = sp.Won
		}
		exs = append(exs, forecast.Example{ID: string(rune(i)), Stage: -1, Outcome: out,
			Fields: []forecast.Field{{Name: "g", Value: g}}, Numbers: []float64{x1, x2}})
	}
	m, err := forecast.FitLogistic(exs, []string{"x1", "x2"}, forecast.LogisticConfig{L2: 1e-6})
	if err != nil {
		t.Fatal(err)
	}
	b1 := m.Numbers[0] / m.Scales[0]
	b2 := m.Numbers[1] / m.Scales[1]
	diff := m.Values["g"]["a"] - m.Values["g"]["b"]
	// The intercept on the raw scale, with g at its mean effect (a and b
	// equally likely, so the one-hot pair adds their average).
	b0 := m.Intercept - m.Numbers[0]*m.Means[0]/m.Scales[0] - m.Numbers[1]*m.Means[1]/m.Scales[1] +
		(m.Values["g"]["a"]+m.Values["g"]["b"])/2
	for _, c := range []struct {
		name      string
		got, want float64
		tol       float64
	}{{"x1", b1, 1, 0.08}, {"x2", b2, -2, 0.15}, {"a − b", diff, 1, 0.12}, {"intercept", b0, -0.5, 0.25}} {
		if math.Abs(c.got-c.want) > c.tol {
			t.Errorf("%s = %.4f, want %.1f ± %.2f (%s)", c.name, c.got, c.want, c.tol, m)
		}
	}
	if m.N != 20000 || m.Iterations < 2 || m.Iterations > 30 {
		t.Errorf("N %d, iterations %d", m.N, m.Iterations)
	}
}

func TestLogisticErrors(t *testing.T) {
	allWon := []forecast.Example{{Outcome: sp.Won}, {Outcome: sp.Won}, {Outcome: sp.Open}}
	if _, err := forecast.FitLogistic(allWon, nil, forecast.LogisticConfig{}); !errors.Is(err, sp.ErrInvalidValue) {
		t.Errorf("all won: %v", err)
	}
	short := []forecast.Example{{Outcome: sp.Won, Numbers: []float64{1}}, {Outcome: sp.Lost}}
	if _, err := forecast.FitLogistic(short, []string{"x"}, forecast.LogisticConfig{}); !errors.Is(err, sp.ErrInvalidValue) {
		t.Errorf("missing number: %v", err)
	}
	nan := []forecast.Example{{Outcome: sp.Won, Numbers: []float64{math.NaN()}}, {Outcome: sp.Lost, Numbers: []float64{1}}}
	if _, err := forecast.FitLogistic(nan, []string{"x"}, forecast.LogisticConfig{}); !errors.Is(err, sp.ErrInvalidValue) {
		t.Errorf("NaN: %v", err)
	}
}

// TestProbabilitiesInRange: on any data, both models give probabilities
// in [0, 1] (naive Bayes in [0.0001, 0.9999]) for any record, seen or not.
func TestProbabilitiesInRange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 60).Draw(t, "n")
		nb := forecast.NaiveBayes{Stages: 3, Multi: []string{"tag"}}
		var exs []forecast.Example
		for i := range n {
			out := sp.Lost
			if i == 0 || i > 1 && rapid.Bool().Draw(t, "won") {
				out = sp.Won
			}
			e := forecast.Example{Stage: rapid.IntRange(-1, 2).Draw(t, "stage"), Outcome: out,
				Fields: []forecast.Field{
					{Name: "src", Value: rapid.SampledFrom([]string{"a", "b", "c"}).Draw(t, "src")},
					{Name: "tag", Value: rapid.SampledFrom([]string{"x", "y"}).Draw(t, "tag")},
				},
				Numbers: []float64{rapid.Float64Range(-5, 5).Draw(t, "x")}}
			nb.Add(&e)
			exs = append(exs, e)
		}
		lr, err := forecast.FitLogistic(exs, []string{"x"}, forecast.LogisticConfig{L2: rapid.Float64Range(0.01, 10).Draw(t, "l2"), MinCount: 1})
		if err != nil {
			t.Fatal(err)
		}
		probe := forecast.Example{Stage: rapid.IntRange(0, 2).Draw(t, "probe stage"),
			Fields:  []forecast.Field{{Name: "src", Value: rapid.SampledFrom([]string{"a", "d"}).Draw(t, "probe src")}},
			Numbers: []float64{rapid.Float64Range(-50, 50).Draw(t, "probe x")}}
		if p, ok := nb.Probability(&probe); ok && !(p >= forecast.NBMinProbability && p <= forecast.NBMaxProbability) {
			t.Fatalf("naive Bayes p = %v", p)
		}
		if p, ok := lr.Probability(&probe); !ok || !(p >= 0 && p <= 1) {
			t.Fatalf("logistic p = %v, %v", p, ok)
		}
	})
}
