package coach

import (
	"cmp"
	"maps"
	"math"
	"slices"

	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// This file holds the empirical-Bayes comparison of shares (Method
// Bayes): a beta-binomial prior estimated from the team, each rep's
// posterior, the posterior probability that the rep is below or above the
// rest of the team, and the Bayesian false-discovery rule over those
// probabilities.

// probBelow is P(θ < T) for θ ~ Beta(a, b) and an independent
// T ~ Normal(m, s²):
//
//	P(θ < T) = E[I_T(a, b)] = ∫ φ(u) · I_{m+s·u}(a, b) du,
//
// with I of a value outside [0, 1] taken as 0 or 1, integrated by
// Simpson's rule over u in [−7, 7] (the rest weighs under 3e−12) with a
// step of at most ¼ and at most a quarter of θ's standard deviation over
// s, so that the integrand, a smoothed step of that width, is resolved.
// With s = 0 it is I_m(a, b). a, b > 0.
func probBelow(a, b, m, s float64) float64 {
	if s <= 0 {
		return metrics.BetaCDF(m, a, b)
	}
	sd := math.Sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)))
	n := int(math.Ceil(56 * max(1, s/sd))) // intervals over [−7, 7]: h ≤ ¼ and h·s ≤ sd/4
	n += n % 2
	h := 14 / float64(n)
	var sum float64
	for i := 0; i <= n; i++ {
		u := -7 + float64(i)*h
		w := 2.0
		switch {
		case i == 0 || i == n:
			w = 1
		case i%2 == 1:
			w = 4
		}
		sum += w * math.Exp(-u*u/2) * metrics.BetaCDF(m+s*u, a, b)
	}
	return min(max(sum*h/3/math.Sqrt(2*math.Pi), 0), 1)
}

// sharePrior is the prior Find uses for a Share under Bayes: the
// beta-binomial method-of-moments estimate of segment.EstimatePrior over
// every rep's rate, tested or not. ok is false when that estimate falls
// back — the rates spread no more than chance would spread them (the
// estimated variance of the reps' true rates is zero or less), or it
// cannot be computed (one rep, every deal won or every deal lost): the
// estimate of the spread is then that the reps' true rates are all the
// team's, and no rep differs credibly. A zero prior (ρ ≥ 1: the rates
// spread as much as they can) becomes Jeffreys' Beta(½, ½).
func sharePrior(rates map[string]metrics.Rate) (segment.Prior, bool) {
	p, fallback := segment.EstimatePrior(slices.Collect(maps.Values(rates)))
	if fallback {
		return p, false
	}
	if p.Alpha <= 0 || p.Beta <= 0 {
		p = segment.Prior{Alpha: 0.5, Beta: 0.5}
	}
	return p, true
}

// shareBayes returns, under the prior Beta(α, β), the posterior
// probability P(θ < T) that rep's true share θ is below T, the true share
// of the rest of the team pooled as the figures pool it:
//
//	θ ~ Beta(x + α, n − x + β)                 (the rep's x of n)
//	θⱼ ~ Beta(xⱼ + α, nⱼ − xⱼ + β), μⱼ its mean  (every other rep j)
//	T = Σ nⱼ θⱼ / Σ nⱼ ≈ Normal(m, s²),
//	m = Σ nⱼ μⱼ / Σ nⱼ,  s² = Σ nⱼ² μⱼ(1 − μⱼ)/(nⱼ + α + β + 1) / (Σ nⱼ)²
//
// (the exact mean and variance of T; normal because it sums the others'
// independent posteriors), computed by probBelow. The rest must have a
// deal.
func shareBayes(rates map[string]metrics.Rate, rep string, p segment.Prior) float64 {
	var den, m, v float64
	for _, r := range slices.Sorted(maps.Keys(rates)) { // in order: the sums do not depend on the map's
		x := rates[r]
		if r == rep || x.Den == 0 {
			continue
		}
		n := float64(x.Den)
		a, b := float64(x.Num)+p.Alpha, float64(x.Den-x.Num)+p.Beta
		mu := a / (a + b)
		m += n * mu
		v += n * n * mu * (1 - mu) / (a + b + 1)
		den += n
	}
	m /= den
	s := math.Sqrt(v) / den
	x := rates[rep]
	a, b := float64(x.Num)+p.Alpha, float64(x.Den-x.Num)+p.Beta
	return probBelow(a, b, m, s)
}

// judge sets f's Test, P and Direction, under Bayes, from the posterior
// of the rep's true share θ under prior and the posterior of the rest of
// the team's true share T (see Find): P is the posterior probability that
// the difference is the other way round, min(P(θ < T), P(θ > T)), and
// Direction the likelier side. informative false (the prior's fallback)
// gives P = 1 and the observed Direction.
func judge(f *Finding, m Metric, rep string, prior segment.Prior, informative bool) {
	f.Test = TestBeta
	if !informative {
		f.P = 1
		return
	}
	below := shareBayes(m.Rates, rep, prior)
	s := 0
	switch {
	case below > 0.5:
		s, f.P = -1, 1-below
	case below < 0.5:
		s, f.P = 1, below
	default:
		f.P = 0.5
	}
	f.Direction = direction(s, m.Better)
}

// posteriorQValues returns the Bayesian false-discovery q-values of the
// posterior probabilities v that each finding is wrong, in the same
// order: with v sorted increasingly as v(1) ≤ … ≤ v(m),
//
//	q(i) = (v(1) + … + v(i)) / i,
//
// the posterior expected share of wrong findings among the i likeliest
// ones, and flagging every finding with q ≤ α flags the largest such set
// whose average is at most α (Newton et al., 2004; Müller et al., 2004).
// q is increasing in v; ties in v get the q of the whole tie.
func posteriorQValues(v []float64) []float64 {
	order := make([]int, len(v))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(v[x], v[y]) })
	q := make([]float64, len(v))
	var sum float64
	for r := 0; r < len(order); {
		end := r
		for end < len(order) && v[order[end]] == v[order[r]] {
			sum += v[order[end]]
			end++
		}
		for _, i := range order[r:end] {
			q[i] = sum / float64(end)
		}
		r = end
	}
	return q
}
