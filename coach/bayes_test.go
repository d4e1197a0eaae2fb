package coach

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/salesperf/salesperf/metrics"
)

func TestBetaInc(t *testing.T) {
	for _, tt := range []struct {
		x, a, b, want float64
		reason        string
	}{
		// For whole a and b, I_p(a, n − a + 1) = P(Bin(n, p) ≥ a).
		{0.5, 2, 3, 0.6875, "P(Bin(4, ½) ≥ 2) = 1 − (1 + 4)/16 = 11/16"},
		{0.3, 5, 10, 0.41580, "P(Bin(14, 0.3) ≥ 5) = 1 − 0.5842 (binomial table)"},
		{0.7, 10, 3, 0.2528153, "P(Bin(12, 0.7) ≥ 10) = 0.7¹² + 12·0.3·0.7¹¹ + 66·0.09·0.7¹⁰ = 0.0138413 + 0.0711838 + 0.1677903 (the other branch of the fraction)"},
		{0.1, 1, 10, 0.6513216, "I_x(1, b) = 1 − (1 − x)^b = 1 − 0.9¹⁰"},
		{0.9, 0.5, 0.5, 0.7951672, "arcsine law: I_x(½, ½) = (2/π)·asin(√x) = (2/π)·asin(0.9486833)"},
		{0.5, 200, 200, 0.5, "symmetry: I_½(a, a) = ½"},
		{0, 2, 3, 0, "x = 0"},
		{1, 2, 3, 1, "x = 1"},
		{-0.2, 2, 3, 0, "below 0"},
		{1.5, 2, 3, 1, "above 1"},
	} {
		if diff := cmp.Diff(tt.want, metrics.BetaCDF(tt.x, tt.a, tt.b), close4); diff != "" {
			t.Errorf("I_%v(%v, %v) (%s) (-want +got):\n%s", tt.x, tt.a, tt.b, tt.reason, diff)
		}
	}
}

func TestProbBelow(t *testing.T) {
	for _, tt := range []struct {
		a, b, m, s, want, tol float64
		reason                string
	}{
		{2, 3, 0.5, 0, 0.6875, 1e-9, "s = 0: I_m(a, b)"},
		{200, 200, 0.5, 0.01, 0.5, 1e-6, "symmetric about the same centre"},
		// Beta(300, 700): mean 0.3, sd √(0.3·0.7/1001) = 0.0144841, nearly
		// normal: P ≈ Φ(0.02/√(0.0144841² + 0.01²)) = Φ(1.13623) = 0.87208.
		{300, 700, 0.32, 0.01, 0.87208, 0.004, "both nearly normal, θ the wider"},
		// Beta(3000, 7000): sd √(0.21/10001) = 0.00458; T far wider:
		// Φ(0.01/√(0.00458² + 0.02²)) = Φ(0.48736) = 0.68700.
		{3000, 7000, 0.31, 0.02, 0.68700, 0.002, "T the wider: the step follows θ's width"},
		// T far below θ's mass: P ≈ 0.
		{50, 50, 0.1, 0.01, 0, 1e-9, "no overlap"},
	} {
		got := probBelow(tt.a, tt.b, tt.m, tt.s)
		if math.Abs(got-tt.want) > tt.tol {
			t.Errorf("P(Beta(%v, %v) < N(%v, %v²)) = %.6f, want %.6f ± %v (%s)", tt.a, tt.b, tt.m, tt.s, got, tt.want, tt.tol, tt.reason)
		}
	}
}

func TestPosteriorQValues(t *testing.T) {
	// Sorted: 0.01, 0.02, 0.05, 0.05, 0.3. Running means: 0.01, 0.015,
	// then the tie of 0.05 gets the mean over both, (0.01 + 0.02 + 0.05 +
	// 0.05)/4 = 0.0325, then (0.13 + 0.3)/5 = 0.086.
	got := posteriorQValues([]float64{0.02, 0.3, 0.01, 0.05, 0.05})
	want := []float64{0.015, 0.086, 0.01, 0.0325, 0.0325}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("posterior q-values (-want +got):\n%s", diff)
	}
	if got := posteriorQValues(nil); len(got) != 0 {
		t.Errorf("posterior q-values of nothing = %v", got)
	}
}
