package coach

import (
	"math"
	"slices"

	"github.com/salesperf/salesperf/metrics"
)

// This file holds the statistics behind Find, written with the standard
// library's math only. Every test is two-sided and returns the p-value
// with the sign of the observed difference (rep − rest of the team):
// +1 when the rep's figure is higher, −1 when lower, 0 when equal.

// minExpected is the smallest expected cell count for which a normal
// approximation is used (the usual rule of thumb, Cochran 1954); below it
// proportions get Fisher's exact test and count ratios the exact binomial
// test.
const minExpected = 5

// relErr is the tolerance with which exact two-sided tests compare the
// probabilities of tables with the observed one, as R's fisher.test and
// binom.test do: tables as likely as the observed one up to rounding
// count as "as extreme".
const relErr = 1 + 1e-7

// normalCDF is the standard normal distribution function,
// Φ(x) = ½·erfc(−x/√2).
func normalCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// twoSided is the two-sided p-value of a standard normal statistic z,
// 2·Φ(−|z|) = erfc(|z|/√2), computed without cancellation for large |z|.
func twoSided(z float64) float64 { return math.Erfc(math.Abs(z) / math.Sqrt2) }

func sign(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// twoProportionZ is the pooled two-proportion z-test of x1 successes in
// n1 trials against x2 in n2:
//
//	p̂ = (x1 + x2) / (n1 + n2)
//	z = (x1/n1 − x2/n2) / √(p̂·(1 − p̂)·(1/n1 + 1/n2))
//	p = 2·Φ(−|z|)
//
// with no continuity correction. When p̂ is 0 or 1 the samples cannot
// differ: z = 0 and p = 1. n1 and n2 must be positive.
func twoProportionZ(x1, n1, x2, n2 int64) (z, p float64) {
	pooled := float64(x1+x2) / float64(n1+n2)
	v := pooled * (1 - pooled) * (1/float64(n1) + 1/float64(n2))
	if v <= 0 {
		return 0, 1
	}
	z = (float64(x1)/float64(n1) - float64(x2)/float64(n2)) / math.Sqrt(v)
	return z, twoSided(z)
}

// lchoose is log C(n, k) through the log-gamma function,
// lgamma(n+1) − lgamma(k+1) − lgamma(n−k+1).
func lchoose(n, k int64) float64 {
	a, _ := math.Lgamma(float64(n) + 1)
	b, _ := math.Lgamma(float64(k) + 1)
	c, _ := math.Lgamma(float64(n-k) + 1)
	return a - b - c
}

// fisherExact is Fisher's exact test of the 2×2 table
//
//	a  b    (row 1: a successes, b failures)
//	c  d    (row 2)
//
// two-sided by the method of R's fisher.test: with the margins fixed, a
// follows the hypergeometric law
//
//	P(x) = C(K, x)·C(N − K, n1 − x) / C(N, n1),   K = a + c, n1 = a + b, N = a + b + c + d,
//
// and p = Σ P(x) over the x with P(x) ≤ P(a) (up to relErr). The sign
// compares a/(a+b) with c/(c+d).
func fisherExact(a, b, c, d int64) float64 {
	n1, k, n := a+b, a+c, a+b+c+d
	lo, hi := max(0, n1+k-n), min(n1, k)
	base := lchoose(n, n1)
	logP := func(x int64) float64 { return lchoose(k, x) + lchoose(n-k, n1-x) - base }
	obs := logP(a)
	var p float64
	for x := lo; x <= hi; x++ {
		if lp := logP(x); lp <= obs+math.Log(relErr) {
			p += math.Exp(lp)
		}
	}
	return min(p, 1)
}

// proportionTest compares x1 of n1 with x2 of n2: the pooled z-test when
// every expected cell count of the 2×2 table is at least minExpected,
// Fisher's exact test otherwise. It returns the test's name, the p-value
// and the sign of x1/n1 − x2/n2.
func proportionTest(x1, n1, x2, n2 int64) (test string, p float64, s int) {
	s = sign(float64(x1)*float64(n2) - float64(x2)*float64(n1))
	n, k := n1+n2, x1+x2
	// The smallest expected count is (smaller row) × (smaller column) / N.
	if e := float64(min(n1, n2)) * float64(min(k, n-k)) / float64(n); e < minExpected {
		return TestFisher, fisherExact(x1, n1-x1, x2, n2-x2), s
	}
	_, p = twoProportionZ(x1, n1, x2, n2)
	return TestZ, p, s
}

// binomialExact is the exact two-sided binomial test of x successes in n
// trials with success probability p0, by the method of R's binom.test:
// p = Σ P(k) over the k with P(k) ≤ P(x) (up to relErr), where
// P(k) = C(n, k)·p0^k·(1 − p0)^(n−k). 0 < p0 < 1.
func binomialExact(x, n int64, p0 float64) float64 {
	lp, lq := math.Log(p0), math.Log1p(-p0)
	logP := func(k int64) float64 { return lchoose(n, k) + float64(k)*lp + float64(n-k)*lq }
	obs := logP(x)
	var p float64
	for k := int64(0); k <= n; k++ {
		if l := logP(k); l <= obs+math.Log(relErr) {
			p += math.Exp(l)
		}
	}
	return min(p, 1)
}

// ratioTest compares two rates of events per unit of exposure, x1 events
// over exposure e1 against x2 over e2 (calls per meeting held: calls over
// meetings), as Poisson rates. Given the total x1 + x2, x1 follows a
// binomial law with n = x1 + x2 and p0 = e1/(e1 + e2) when the rates are
// equal (the conditional test of Przyborowski and Wilenski, 1940). With
// n·p0 and n·(1 − p0) both at least minExpected it is the score test
//
//	z = (x1 − n·p0) / √(n·p0·(1 − p0)),   p = 2·Φ(−|z|),
//
// otherwise the exact binomial test. No event at all gives p = 1.
// e1 and e2 must be positive. The sign compares x1/e1 with x2/e2.
func ratioTest(x1, e1, x2, e2 int64) (test string, p float64, s int) {
	s = sign(float64(x1)*float64(e2) - float64(x2)*float64(e1))
	n := x1 + x2
	if n == 0 {
		return TestZ, 1, 0
	}
	p0 := float64(e1) / float64(e1+e2)
	nf := float64(n)
	if nf*p0 < minExpected || nf*(1-p0) < minExpected {
		return TestBinomial, binomialExact(x1, n, p0), s
	}
	z := (float64(x1) - nf*p0) / math.Sqrt(nf*p0*(1-p0))
	return TestZ, twoSided(z), s
}

// mannWhitney is the Mann–Whitney U test (Wilcoxon rank-sum) of sample a
// against sample b, both given as histograms of whole numbers (bins in
// increasing order of value, as metrics.Histogram.Bins returns them),
// with mid-ranks for ties, the tie-corrected variance and the normal
// approximation with a continuity correction of ½:
//
//	R1 = Σ over a's values of their mid-rank in the pooled sample
//	U  = R1 − n1·(n1 + 1)/2
//	σ² = n1·n2/12 · ((N + 1) − Σ (t³ − t) / (N·(N − 1))),  t = size of each tie group, N = n1 + n2
//	z  = (|U − n1·n2/2| − ½) / σ, at least 0
//	p  = 2·Φ(−z)
//
// It returns U, p, and the sign of U − n1·n2/2 (+1: a's values tend to
// be larger). When every value is tied (σ = 0) p is 1. Both samples must
// be non-empty.
func mannWhitney(a, b []metrics.Bin) (u, p float64, s int) {
	var n1, n2 int64
	for _, x := range a {
		n1 += x.Count
	}
	for _, x := range b {
		n2 += x.Count
	}
	n := float64(n1 + n2)
	var below, r1, ties float64 // values seen so far, rank sum of a, Σ(t³ − t)
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		var v int64
		switch {
		case j == len(b) || (i < len(a) && a[i].Value < b[j].Value):
			v = a[i].Value
		default:
			v = b[j].Value
		}
		var ca, cb float64
		if i < len(a) && a[i].Value == v {
			ca = float64(a[i].Count)
			i++
		}
		if j < len(b) && b[j].Value == v {
			cb = float64(b[j].Count)
			j++
		}
		t := ca + cb
		r1 += ca * (below + (t+1)/2) // mid-rank of the group: ranks below+1 … below+t
		ties += t*t*t - t
		below += t
	}
	f1, f2 := float64(n1), float64(n2)
	u = r1 - f1*(f1+1)/2
	d := u - f1*f2/2
	v := f1 * f2 / 12 * ((n + 1) - ties/(n*(n-1)))
	if v <= 0 {
		return u, 1, 0
	}
	z := max(math.Abs(d)-0.5, 0) / math.Sqrt(v)
	return u, twoSided(z), sign(d)
}

// qValues returns the Benjamini–Hochberg adjusted p-values (q-values) of
// p, in the same order: with the m p-values sorted increasingly as
// p(1) ≤ … ≤ p(m),
//
//	q(i) = min over j ≥ i of min(1, m·p(j)/j),
//
// so q is monotone in p, and rejecting every test with q ≤ α is the
// Benjamini–Hochberg (1995) step-up procedure at false-discovery rate α.
// Ties in p get the same q.
func qValues(p []float64) []float64 {
	m := len(p)
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		switch {
		case p[x] < p[y]:
			return -1
		case p[x] > p[y]:
			return 1
		}
		return 0
	})
	q := make([]float64, m)
	run := 1.0
	for r := m - 1; r >= 0; r-- {
		i := order[r]
		run = min(run, float64(m)*p[i]/float64(r+1))
		q[i] = run
	}
	return q
}
