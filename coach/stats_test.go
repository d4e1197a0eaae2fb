package coach

import (
	"math"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/salesperf/salesperf/metrics"
)

// close4 compares floats to about four significant digits (or within
// 1e−6), the precision of the published tables the expectations come
// from.
var close4 = cmpopts.EquateApprox(1e-4, 1e-6)

func TestNormalCDF(t *testing.T) {
	for _, tt := range []struct {
		x, want float64
		reason  string
	}{
		{0, 0.5, "symmetry"},
		{1.959964, 0.975, "z(0.975) = 1.959964, the two-sided 5% point"},
		{-1, 0.15866, "standard normal table: Φ(−1) = 0.15866"},
		{-3, 0.0013499, "standard normal table: Φ(−3) = 0.0013499"},
		{1.644854, 0.95, "z(0.95) = 1.644854"},
	} {
		if diff := cmp.Diff(tt.want, normalCDF(tt.x), close4); diff != "" {
			t.Errorf("Φ(%v) (%s) (-want +got):\n%s", tt.x, tt.reason, diff)
		}
	}
	// Far in the tail the two-sided p-value keeps its precision:
	// 2·Φ(−10) = 1.5239e−23 (erfc(10/√2)).
	if diff := cmp.Diff(1.5239e-23, twoSided(-10), cmpopts.EquateApprox(1e-4, 0)); diff != "" {
		t.Errorf("twoSided(−10) (-want +got):\n%s", diff)
	}
}

// TestTwoProportionZ: 31 of 64 against 52 of 100. By hand:
// p̂ = 83/164 = 0.506098; standard error √(0.506098 · 0.493902 ·
// (1/64 + 1/100)) = √(0.249963 · 0.025625) = 0.080033; z = (0.484375 −
// 0.52)/0.080033 = −0.44513; p = 2·Φ(−0.44513) = 0.65623.
func TestTwoProportionZ(t *testing.T) {
	for _, tt := range []struct {
		x1, n1, x2, n2 int64
		z, p           float64
		reason         string
	}{
		{31, 64, 52, 100, -0.44513, 0.65623, "worked by hand above"},
		{52, 100, 31, 64, 0.44513, 0.65623, "the other way round: z changes sign, p does not"},
		// 30/100 vs 30/100: no difference.
		{30, 100, 30, 100, 0, 1, "equal shares"},
		// p̂ = 0: every trial failed on both sides; nothing to compare.
		{0, 10, 0, 40, 0, 1, "pooled share 0"},
		{10, 10, 40, 40, 0, 1, "pooled share 1"},
		// 15/100 vs 330/1100: p̂ = 345/1200 = 0.2875; se = √(0.2875 ·
		// 0.7125 · (0.01 + 1/1100)) = √(0.204844 · 0.010909) = 0.047272;
		// z = (0.15 − 0.30)/0.047272 = −3.1731; p = 2·Φ(−3.1731) = 0.0015081.
		{15, 100, 330, 1100, -3.1731, 0.0015081, "the simulation's weak rep at its mean"},
	} {
		z, p := twoProportionZ(tt.x1, tt.n1, tt.x2, tt.n2)
		if diff := cmp.Diff([]float64{tt.z, tt.p}, []float64{z, p}, close4); diff != "" {
			t.Errorf("%d/%d vs %d/%d (%s): [z p] (-want +got):\n%s", tt.x1, tt.n1, tt.x2, tt.n2, tt.reason, diff)
		}
	}
}

func TestFisherExactP(t *testing.T) {
	for _, tt := range []struct {
		a, b, c, d int64
		want       float64
		reason     string
	}{
		// Fisher (1935), The Design of Experiments, the lady tasting tea:
		// 3 of 4 milk-first cups named right. With margins 4, 4, 4, 4 the
		// tables a = 0…4 have probabilities 1, 16, 36, 16, 1 out of 70; the
		// two-sided p sums those ≤ 16/70: (1 + 16 + 16 + 1)/70 = 0.485714.
		{3, 1, 1, 3, 34.0 / 70, "lady tasting tea"},
		// Wikipedia, "Fisher's exact test" (teenagers dieting, men 1 of 10,
		// women 11 of 14): two-tailed p = 0.002759.
		{1, 9, 11, 3, 0.002759, "Wikipedia dieting example"},
		// Rows swapped: same table, same p.
		{11, 3, 1, 9, 0.002759, "rows swapped"},
		// Nothing observed can be more typical: margins 2, 2, 2, 2 with
		// a = 1 has P = C(2,1)·C(2,1)/C(4,2) = 4/6, and the others 1/6
		// each, all ≤ 4/6: p = 1.
		{1, 1, 1, 1, 1, "most likely table"},
		// All successes in one row: 5 of 5 vs 0 of 5, P = 1/C(10,5) =
		// 1/252 for it and for its mirror 0 of 5 vs 5 of 5: p = 2/252.
		{5, 0, 0, 5, 2.0 / 252, "complete separation"},
	} {
		if diff := cmp.Diff(tt.want, fisherExact(tt.a, tt.b, tt.c, tt.d), close4); diff != "" {
			t.Errorf("fisher [[%d %d] [%d %d]] (%s) (-want +got):\n%s", tt.a, tt.b, tt.c, tt.d, tt.reason, diff)
		}
	}
}

func TestProportionTestChoosesFisherForSmallCounts(t *testing.T) {
	for _, tt := range []struct {
		x1, n1, x2, n2 int64
		test           string
		sign           int
		reason         string
	}{
		// Smallest expected count = 64 · 83 / 164 = 32.4: z.
		{31, 64, 52, 100, TestZ, -1, "large counts"},
		// 1 of 20 vs 40 of 400: 20 · 41 / 420 = 1.95 < 5: Fisher.
		{1, 20, 40, 400, TestFisher, -1, "rare successes"},
		// 25 of 25 vs 380 of 400: failures 20, 25 · 20 / 425 = 1.18: Fisher.
		{25, 25, 380, 400, TestFisher, 1, "rare failures"},
		// Exactly 5 expected: 10 · 50 / 100 = 5: z.
		{5, 10, 45, 90, TestZ, 0, "boundary, equal shares"},
	} {
		test, _, s := proportionTest(tt.x1, tt.n1, tt.x2, tt.n2)
		if diff := cmp.Diff([]any{tt.test, tt.sign}, []any{test, s}); diff != "" {
			t.Errorf("%d/%d vs %d/%d (%s) (-want +got):\n%s", tt.x1, tt.n1, tt.x2, tt.n2, tt.reason, diff)
		}
	}
}

func TestBinomialExact(t *testing.T) {
	for _, tt := range []struct {
		x, n   int64
		p0     float64
		want   float64
		reason string
	}{
		// R, ?binom.test: Mendel's peas, 682 of 925 against 3/4:
		// p-value = 0.3825.
		{682, 925, 0.75, 0.3825, "Mendel's peas (R documentation)"},
		// 9 of 10 at 1/2: P(9) = 10/1024; as or less likely: 0, 1, 9, 10
		// heads, (1 + 10 + 10 + 1)/1024 = 0.021484375.
		{9, 10, 0.5, 22.0 / 1024, "coin, by hand"},
		// 5 of 10 at 1/2 is the most likely outcome: p = 1.
		{5, 10, 0.5, 1, "centre"},
	} {
		if diff := cmp.Diff(tt.want, binomialExact(tt.x, tt.n, tt.p0), close4); diff != "" {
			t.Errorf("binomial %d of %d at %v (%s) (-want +got):\n%s", tt.x, tt.n, tt.p0, tt.reason, diff)
		}
	}
}

func TestRatioTest(t *testing.T) {
	for _, tt := range []struct {
		x1, e1, x2, e2 int64
		test           string
		p              float64
		sign           int
		reason         string
	}{
		// 30 calls over 10 meetings vs 60 over 40: n = 90, p0 = 10/50 =
		// 0.2, expected 18, variance 90 · 0.2 · 0.8 = 14.4, z = 12/√14.4 =
		// √10 = 3.1623, p = erfc(√5) = 0.0015654.
		{30, 10, 60, 40, TestZ, 0.0015654, 1, "score test, by hand"},
		// 9 calls over 1 meeting vs 1 over 1: n = 10, p0 = 1/2, expected 5
		// each side: the score test, z = 4/√2.5 = 2.5298, p = 0.011412.
		{9, 1, 1, 1, TestZ, 0.011412, 1, "score test at the boundary"},
		// 1 call over 1 meeting vs 9 over 3: n = 10, p0 = 1/4, expected 2.5
		// < 5: exact binomial of 1 in 10 at 1/4. P(k) for k = 0…10:
		// 0.056314, 0.187712, 0.281568, 0.250282, 0.145998, 0.058399,
		// 0.016222, 0.003090, 0.000386, 0.0000286, 0.00000095; those ≤
		// P(1) = 0.187712 are every k but 2, 3: p = 1 − 0.281568 −
		// 0.250282 = 0.468150.
		{1, 1, 9, 3, TestBinomial, 0.468150, -1, "exact, by hand"},
		{0, 5, 0, 7, TestZ, 1, 0, "no event on either side"},
	} {
		test, p, s := ratioTest(tt.x1, tt.e1, tt.x2, tt.e2)
		if diff := cmp.Diff([]any{tt.test, tt.p, tt.sign}, []any{test, p, s}, close4); diff != "" {
			t.Errorf("%d/%d vs %d/%d (%s) (-want +got):\n%s", tt.x1, tt.e1, tt.x2, tt.e2, tt.reason, diff)
		}
	}
}

func bins(values ...int64) []metrics.Bin {
	var h metrics.Histogram
	for _, v := range values {
		h.Add(v)
	}
	return h.Bins()
}

func TestMannWhitneyU(t *testing.T) {
	for _, tt := range []struct {
		a, b   []metrics.Bin
		u, p   float64
		sign   int
		reason string
	}{
		// Hollander & Wolfe (1973), p. 69, the example of R's wilcox.test
		// (permeability of membranes, × 100 to whole numbers): W = U = 35
		// is published. No ties; E[U] = 10·5/2 = 25, σ² = 10·5·16/12 =
		// 66.667, z = (10 − 0.5)/8.1650 = 1.16351, p = 2·Φ(−1.16351) =
		// 0.24462.
		{
			bins(80, 83, 189, 104, 145, 138, 191, 164, 73, 146),
			bins(115, 88, 90, 74, 121),
			35, 0.24462, 1, "Hollander & Wolfe, no ties",
		},
		// Ties, by hand: a = 1 2 2 3, b = 2 3 3 4 5. Pooled ranks: 1 → 1;
		// the three 2s share ranks 2–4, mid-rank 3; the three 3s ranks
		// 5–7, mid-rank 6; 4 → 8; 5 → 9. R1 = 1 + 3 + 3 + 6 = 13, U = 13 −
		// 4·5/2 = 3, E[U] = 10. Σ(t³ − t) = 24 + 24 = 48, σ² = 20/12 ·
		// (10 − 48/72) = 15.5556, σ = 3.94405; z = (7 − 0.5)/3.94405 =
		// 1.64805, p = 0.099342; a's values are smaller.
		{bins(1, 2, 2, 3), bins(2, 3, 3, 4, 5), 3, 0.099342, -1, "ties, by hand"},
		{bins(2, 3, 3, 4, 5), bins(1, 2, 2, 3), 17, 0.099342, 1, "ties, the other way round"},
		// Every value tied: σ = 0, no evidence either way.
		{bins(5, 5), bins(5), 1, 1, 0, "all tied"},
		// Negative values (a Histogram keeps them apart): shifted data,
		// same ranks, same U and p as the first tie case.
		{bins(-9, -8, -8, -7), bins(-8, -7, -7, -6, -5), 3, 0.099342, -1, "negative values"},
	} {
		u, p, s := mannWhitney(tt.a, tt.b)
		if diff := cmp.Diff([]any{tt.u, tt.p, tt.sign}, []any{u, p, s}, close4); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
		}
	}
}

// TestQValues: the example of Benjamini and Hochberg (1995), section 4:
// 15 p-values from a study of myocardial infarction. By hand, m·p(j)/j
// for j = 1…15 is 0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0695,
// 0.063857, 0.0645, 0.0765, 0.486, 0.581182, 0.714875, 0.753231,
// 0.813214, 1; the running minimum from the end lowers the sixth to
// 0.063857. At level 0.05 the first four are rejected, as in the paper.
func TestQValues(t *testing.T) {
	p := []float64{0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
		0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000}
	want := []float64{0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.063857, 0.063857, 0.0645,
		0.0765, 0.486, 0.581182, 0.714875, 0.753231, 0.813214, 1}
	if diff := cmp.Diff(want, qValues(p), close4); diff != "" {
		t.Errorf("q-values (-want +got):\n%s", diff)
	}
	// Input order does not matter, ties share a q-value, and q ≤ 1.
	got := qValues([]float64{0.04, 0.01, 0.04, 0.9})
	// m = 4: sorted 0.01, 0.04, 0.04, 0.9 → 0.04, 0.08, 0.0533, 0.9 → running
	// minimum from the end: 0.04, 0.0533, 0.0533, 0.9.
	if diff := cmp.Diff([]float64{0.053333, 0.04, 0.053333, 0.9}, got, close4); diff != "" {
		t.Errorf("q-values of unsorted input (-want +got):\n%s", diff)
	}
	if got := qValues(nil); len(got) != 0 {
		t.Errorf("q-values of nothing = %v", got)
	}
	if got := qValues([]float64{0.5, 0.9}); got[0] > 1 || got[1] > 1 || math.IsNaN(got[0]) {
		t.Errorf("q-values above 1: %v", got)
	}
}

// TestOneSidedTails: the one-sided p-values behind Config.Lean, against
// hand-computed tails.
func TestOneSidedTails(t *testing.T) {
	// Lady tasting tea, a = 3 of margins 4, 4, 4, 4: P(a) = 1, 16, 36,
	// 16, 1 out of 70 for a = 0…4, so P(X ≤ 3) = 69/70, P(X ≥ 3) = 17/70.
	lo, hi := hyperTails(3, 1, 1, 3)
	if diff := cmp.Diff([]float64{69.0 / 70, 17.0 / 70}, []float64{lo, hi}, close4); diff != "" {
		t.Errorf("hyperTails lady tasting tea (-want +got):\n%s", diff)
	}
	// Dieting (1 of 10 vs 11 of 14, margins 12 and 24): R's
	// fisher.test(alternative = "less") gives p = 0.001379, and the two
	// tails overlap in the observed table only.
	lo, hi = proportionTails(1, 10, 11, 14)
	if diff := cmp.Diff(0.001379, lo, close4); diff != "" {
		t.Errorf("proportionTails dieting, lower (-want +got):\n%s", diff)
	}
	if hi < 0.999 || hi > 1 {
		t.Errorf("proportionTails dieting, upper = %v, want ≈ 1", hi)
	}
	// 1 call over 1 meeting vs 9 over 3: binomial of 1 in 10 at ¼, with
	// the P(k) of TestRatioTest: P(K ≤ 1) = 0.056314 + 0.187712 =
	// 0.244026, P(K ≥ 1) = 1 − 0.056314 = 0.943686.
	lo, hi = ratioTails(1, 1, 9, 3)
	if diff := cmp.Diff([]float64{0.244026, 0.943686}, []float64{lo, hi}, close4); diff != "" {
		t.Errorf("ratioTails (-want +got):\n%s", diff)
	}
	if lo, hi := ratioTails(0, 5, 0, 7); lo != 1 || hi != 1 {
		t.Errorf("ratioTails without events = %v, %v, want 1, 1", lo, hi)
	}
	// Mann–Whitney, a = {1, 2} vs b = {3, 4}: U = 0, d = −2, σ² = 2·2/12·5
	// = 5/3: lo = Φ(−1.5/1.29099) = Φ(−1.161895) = 0.122644, hi =
	// Φ(−2.5/1.29099) = Φ(−1.936492) = 0.973593 from the other side:
	// 1 − Φ(−1.936492) = 0.973593.
	lo, hi = mannWhitneyTails(bins(1, 2), bins(3, 4))
	if diff := cmp.Diff([]float64{0.122644, 0.973593}, []float64{lo, hi}, close4); diff != "" {
		t.Errorf("mannWhitneyTails (-want +got):\n%s", diff)
	}
	// leaned: worse 0.004, better 0.996 at λ = 0.8 → 0.005; at λ = 1 the
	// better side is ignored; a strength, worse 0.9, better 0.01 → 0.05.
	for _, tt := range []struct{ worse, better, lambda, want float64 }{
		{0.004, 0.996, 0.8, 0.005},
		{0.004, 0.996, 0.5, 0.008},
		{0.9, 0.01, 0.8, 0.05},
		{0.9, 0.01, 1, 0.9 / 1},
		{0.9, 0.3, 0.8, 1},
	} {
		if got := leaned(tt.worse, tt.better, tt.lambda); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("leaned(%v, %v, %v) = %v, want %v", tt.worse, tt.better, tt.lambda, got, tt.want)
		}
	}
}

// TestHyperTailsLargeTable: on a table whose least likely cells underflow
// float64 (a rep with 2 000 closed deals in a team of 20 000), the tails
// still sum the probabilities, against exact integer arithmetic:
// P(X ≤ a) = Σ_{x ≤ a} C(k, x)·C(n − k, n1 − x) / C(n, n1).
func TestHyperTailsLargeTable(t *testing.T) {
	exact := func(a, n1, k, n int64) (lo, hi float64) {
		den := new(big.Int).Binomial(n, n1)
		sumLo, sumHi := new(big.Int), new(big.Int)
		// C(k, x) and C(n − k, n1 − x), stepped exactly in x.
		x := max(0, n1+k-n)
		ck, cr := new(big.Int).Binomial(k, x), new(big.Int).Binomial(n-k, n1-x)
		for ; x <= min(n1, k); x++ {
			term := new(big.Int).Mul(ck, cr)
			if x <= a {
				sumLo.Add(sumLo, term)
			}
			if x >= a {
				sumHi.Add(sumHi, term)
			}
			ck.Mul(ck, big.NewInt(k-x)).Quo(ck, big.NewInt(x+1))
			if n1-x > 0 {
				cr.Mul(cr, big.NewInt(n1-x)).Quo(cr, big.NewInt(n-k-n1+x+1))
			}
		}
		l, _ := new(big.Rat).SetFrac(sumLo, den).Float64()
		h, _ := new(big.Rat).SetFrac(sumHi, den).Float64()
		return l, h
	}
	for _, c := range [][4]int64{
		{600, 2000, 5400, 18000}, // the rep at the team's rate
		{540, 2000, 5400, 18000}, // 3 points below
		{3, 4, 1, 4},
	} {
		x1, n1, x2, n2 := c[0], c[1], c[2], c[3]
		wantLo, wantHi := exact(x1, n1, x1+x2, n1+n2)
		lo, hi := proportionTails(x1, n1, x2, n2)
		if diff := cmp.Diff([]float64{wantLo, wantHi}, []float64{lo, hi}, cmpopts.EquateApprox(1e-9, 1e-300)); diff != "" {
			t.Errorf("proportionTails(%d, %d, %d, %d) (-want +got):\n%s", x1, n1, x2, n2, diff)
		}
	}
}
