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
	u, d, v := mwMoments(a, b)
	if v <= 0 {
		return u, 1, 0
	}
	z := max(math.Abs(d)-0.5, 0) / math.Sqrt(v)
	return u, twoSided(z), sign(d)
}

// mwMoments returns the U statistic of a against b (see mannWhitney),
// d = U − n1·n2/2 and the tie-corrected variance σ² of U.
func mwMoments(a, b []metrics.Bin) (u, d, v float64) {
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
	d = u - f1*f2/2
	v = f1 * f2 / 12 * ((n + 1) - ties/(n*(n-1)))
	return u, d, v
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

// The one-sided p-values below back Config.Lean: lo is the p-value of
// the test against the alternative that the rep's figure is lower than
// the rest of the team's, hi against higher. Fisher's and the
// binomial's exact tails are valid p-values under the null hypothesis
// that the two are equal (P(lo ≤ t) ≤ t, conditionally on the margins or
// the total count, so also unconditionally), so that
// min(lo/λ, hi/(1 − λ)) is one too (see leaned); the Mann–Whitney tails
// are so only as far as its normal approximation holds.

// proportionTails returns the one-sided p-values of x1 of n1 against x2
// of n2 by Fisher's exact test, whatever the counts: the hypergeometric
// tails of a = x1 given the table's margins, lo = P(X ≤ x1) and
// hi = P(X ≥ x1). Exact tails, not the z-test's Φ(z): one tail of a
// binomial share far from ½ is heavier than the normal's (a conversion
// of 0.83 on 60 deals is found below at 1.9 times the nominal rate by
// Φ(z) alone), and the two tails of the two-sided test no longer offset
// each other once they are weighted unevenly.
func proportionTails(x1, n1, x2, n2 int64) (lo, hi float64) {
	return hyperTails(x1, n1-x1, x2, n2-x2)
}

// hyperTails returns P(X ≤ a) and P(X ≥ a) for the hypergeometric law of
// fisherExact (the table's margins fixed), each at most 1.
func hyperTails(a, b, c, d int64) (lo, hi float64) {
	n1, k, n := a+b, a+c, a+b+c+d
	first, last := max(0, n1+k-n), min(n1, k)
	// P(mode) by log-gammas (it is at least 1/(last − first + 1), so it
	// cannot underflow, while P(first) does on large tables), the others
	// outward from it by the ratio
	// r(x) = P(x+1)/P(x) = (k − x)(n1 − x) / ((x + 1)(n − k − n1 + x + 1)).
	mode := min(max(int64(float64(k+1)*float64(n1+1)/float64(n+2)), first), last)
	r := func(x int64) float64 {
		return float64(k-x) * float64(n1-x) / (float64(x+1) * float64(n-k-n1+x+1))
	}
	add := func(x int64, p float64) {
		if x <= a {
			lo += p
		}
		if x >= a {
			hi += p
		}
	}
	pm := math.Exp(lchoose(k, mode) + lchoose(n-k, n1-mode) - lchoose(n, n1))
	add(mode, pm)
	for x, p := mode, pm; x < last && p > 0; x++ {
		p *= r(x)
		add(x+1, p)
	}
	for x, p := mode, pm; x > first && p > 0; x-- {
		p /= r(x - 1)
		add(x-1, p)
	}
	return min(lo, 1), min(hi, 1)
}

// ratioTails returns the one-sided p-values of x1 events over exposure e1
// against x2 over e2 by the exact conditional test, whatever the counts
// (for the reason of proportionTails): the binomial tails of x1 in
// n = x1 + x2 at p0 = e1/(e1 + e2), lo = P(K ≤ x1) and hi = P(K ≥ x1).
// No event at all gives 1 and 1.
func ratioTails(x1, e1, x2, e2 int64) (lo, hi float64) {
	n := x1 + x2
	if n == 0 {
		return 1, 1
	}
	p0 := float64(e1) / float64(e1+e2)
	lp, lq := math.Log(p0), math.Log1p(-p0)
	for k := int64(0); k <= n; k++ {
		p := math.Exp(lchoose(n, k) + float64(k)*lp + float64(n-k)*lq)
		if k <= x1 {
			lo += p
		}
		if k >= x1 {
			hi += p
		}
	}
	return min(lo, 1), min(hi, 1)
}

// mannWhitneyTails returns the one-sided p-values of the Mann–Whitney
// test of mannWhitney, by the same normal approximation with a
// continuity correction of ½: with d = U − n1·n2/2,
// lo = Φ((d + ½)/σ) (a's values tend to be smaller) and
// hi = Φ(−(d − ½)/σ). Every value tied (σ = 0) gives 1 and 1.
func mannWhitneyTails(a, b []metrics.Bin) (lo, hi float64) {
	_, d, v := mwMoments(a, b)
	if v <= 0 {
		return 1, 1
	}
	sd := math.Sqrt(v)
	return min(normalCDF((d+0.5)/sd), 1), min(normalCDF(-(d-0.5)/sd), 1)
}

// leaned is the p-value of a comparison whose error budget is split
// unevenly between its two sides: with worse the one-sided p-value
// against the rep being worse than the team and better against better,
//
//	p = min(1, worse/λ, better/(1 − λ)),
//
// the better side dropped when λ = 1. Under the null hypothesis that the
// rep equals the team, P(p ≤ t) ≤ P(worse ≤ λt) + P(better ≤ (1 − λ)t)
// ≤ λt + (1 − λ)t = t: p is a valid p-value, so Benjamini–Hochberg over
// such p-values keeps its guarantee. It is the Bonferroni combination of
// the two one-sided tests with weights λ and 1 − λ; λ = ½ gives twice the
// smaller one-sided p-value, the usual two-sided one for a symmetric
// test.
func leaned(worse, better, lambda float64) float64 {
	p := min(1, worse/lambda)
	if lambda < 1 {
		p = min(p, better/(1-lambda))
	}
	return p
}
