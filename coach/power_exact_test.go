package coach

import (
	"fmt"
	"math"
	"testing"
)

// The exact power of one comparison — the weak rep's win rate, x of 100
// at base − 0.15, against the rest of the team's, y of 100·(reps − 1) at
// base — summed over every (x, y) with its binomial probability: the
// chance that the comparison's p-value is at most Alpha/m and the rep is
// below, Benjamini–Hochberg's first threshold when m comparisons are
// tested. With one weak rep among reps, that is (up to the rare false
// flags that lower the threshold for it) the chance of finding the rep.

func binomPMF(n int64, p float64) []float64 {
	out := make([]float64, n+1)
	lp, lq := math.Log(p), math.Log1p(-p)
	for k := int64(0); k <= n; k++ {
		out[k] = math.Exp(lchoose(n, k) + float64(k)*lp + float64(n-k)*lq)
	}
	return out
}

// exactPower is P(p(x, y) ≤ a and the rep below) for x ~ Bin(n1, p1),
// y ~ Bin(n2, p2), pv giving the p-value and the sign of x/n1 − y/n2.
func exactPower(n1, n2 int64, p1, p2, a float64, pv func(x1, n1, x2, n2 int64) (float64, int)) float64 {
	f1, f2 := binomPMF(n1, p1), binomPMF(n2, p2)
	var pw float64
	for x1, w1 := range f1 {
		if w1 < 1e-12 {
			continue
		}
		for x2, w2 := range f2 {
			if w2 < 1e-12 {
				continue
			}
			if p, s := pv(int64(x1), n1, int64(x2), n2); s < 0 && p <= a {
				pw += w1 * w2
			}
		}
	}
	return pw
}

// zTwoSided is Find's default test at these counts (every expected count
// above 5): the pooled z-test.
func zTwoSided(x1, n1, x2, n2 int64) (float64, int) {
	z, p := twoProportionZ(x1, n1, x2, n2)
	return p, sign(z)
}

// fisherLeaned is the test of Config.Lean λ on a share: Fisher's one-sided
// tails, leaned.
func fisherLeaned(lambda float64) func(x1, n1, x2, n2 int64) (float64, int) {
	return func(x1, n1, x2, n2 int64) (float64, int) {
		lo, hi := proportionTails(x1, n1, x2, n2)
		return leaned(lo, hi, lambda), sign(float64(x1)*float64(n2) - float64(x2)*float64(n1))
	}
}

// neymanPearson is the power against Bin(n, p1) of the most powerful
// level-a test of Bin(n, p0), p1 < p0, randomized at its boundary: the
// bound no test of the rep's win rate can pass, even one that knew the
// team's rate exactly and spent all of Alpha on weaknesses.
func neymanPearson(n int64, p0, p1, a float64) float64 {
	f0, f1 := binomPMF(n, p0), binomPMF(n, p1)
	var size, pw float64
	for k := range f0 {
		if size+f0[k] > a {
			return pw + (a-size)/f0[k]*f1[k]
		}
		size += f0[k]
		pw += f1[k]
	}
	return pw
}

// TestExactPower asserts the exact powers of docs/coaching.md in the
// issue's scenario (12 reps, base 0.30, 100 closed deals each) to three
// decimals.
func TestExactPower(t *testing.T) {
	const reps, base = 12, 0.30
	a12, a48 := DefaultAlpha/reps, DefaultAlpha/(4*reps)
	for _, tt := range []struct {
		name string
		got  float64
		want float64
	}{
		{"z two-sided, m = 12", exactPower(100, 100*(reps-1), base-0.15, base, a12, zTwoSided), 0.752},
		{"z two-sided, m = 48", exactPower(100, 100*(reps-1), base-0.15, base, a48, zTwoSided), 0.557},
		{"Fisher leaned 0.8, m = 12", exactPower(100, 100*(reps-1), base-0.15, base, a12, fisherLeaned(LeanWeak)), 0.799},
		{"Fisher leaned 1, m = 12", exactPower(100, 100*(reps-1), base-0.15, base, a12, fisherLeaned(1)), 0.822},
		{"Neyman–Pearson bound, m = 12", neymanPearson(100, base, base-0.15, a12), 0.886},
		{"Neyman–Pearson bound, base 0.50", neymanPearson(100, 0.50, 0.35, a12), 0.737},
	} {
		if math.Abs(tt.got-tt.want) > 0.0005 {
			t.Errorf("%s: exact power %.4f, want %.3f", tt.name, tt.got, tt.want)
		}
	}
}

// TestExactPowerTable logs the exact powers of docs/coaching.md for every
// team size and base rate (with -coach.powertable).
func TestExactPowerTable(t *testing.T) {
	if !*powerTableFlag {
		t.Skip("the full table runs with -coach.powertable")
	}
	for _, reps := range []int64{6, 8, 10, 12} {
		for _, base := range []float64{0.20, 0.30, 0.40, 0.50} {
			n2 := 100 * (reps - 1)
			am, a4m := DefaultAlpha/float64(reps), DefaultAlpha/float64(4*reps)
			t.Logf("| %2d | %.2f | %.3f | %.3f | %.3f | %.3f | %.3f |", reps, base,
				exactPower(100, n2, base-0.15, base, am, zTwoSided),
				exactPower(100, n2, base-0.15, base, a4m, zTwoSided),
				exactPower(100, n2, base-0.15, base, am, fisherLeaned(LeanWeak)),
				exactPower(100, n2, base-0.15, base, a4m, fisherLeaned(LeanWeak)),
				neymanPearson(100, base, base-0.15, am))
		}
	}
}

// TestLeanedSize: the leaned p-value is valid under the null, discrete
// tests included: summed exactly over both binomials at a common rate
// (Shares, Fisher's tails) or over the conditional binomial (Ratios),
// P(p ≤ t) ≤ t at every level t and lean λ tried.
func TestLeanedSize(t *testing.T) {
	levels := []float64{0.001, 0.01, 0.05, 0.1, 0.3}
	size := func(ps, ws []float64) []float64 {
		out := make([]float64, len(levels))
		for i, p := range ps {
			for j, lv := range levels {
				if p <= lv {
					out[j] += ws[i]
				}
			}
		}
		return out
	}
	check := func(name string, ps, ws []float64) {
		t.Helper()
		for j, s := range size(ps, ws) {
			if s > levels[j]*(1+1e-9) {
				t.Errorf("%s: P(p ≤ %v) = %.6f under the null", name, levels[j], s)
			}
		}
	}
	for _, lambda := range []float64{LeanEven, LeanWeak, 1} {
		for _, c := range []struct {
			n1, n2 int64
			rate   float64
		}{{20, 100, 0.1}, {20, 220, 0.3}, {60, 220, 0.83}, {60, 60, 0.5}} {
			f1, f2 := binomPMF(c.n1, c.rate), binomPMF(c.n2, c.rate)
			var ps, ws []float64
			for x1, w1 := range f1 {
				for x2, w2 := range f2 {
					lo, hi := proportionTails(int64(x1), c.n1, int64(x2), c.n2)
					ps, ws = append(ps, leaned(lo, hi, lambda)), append(ws, w1*w2)
				}
			}
			check(fmt.Sprintf("share λ=%v %d vs %d at %v", lambda, c.n1, c.n2, c.rate), ps, ws)
		}
		for _, c := range []struct{ n, e1, e2 int64 }{{5, 1, 11}, {30, 1, 11}, {200, 3, 7}, {40, 1, 1}} {
			f := binomPMF(c.n, float64(c.e1)/float64(c.e1+c.e2))
			var ps []float64
			for k := range f {
				lo, hi := ratioTails(int64(k), c.e1, c.n-int64(k), c.e2)
				ps = append(ps, leaned(lo, hi, lambda))
			}
			check(fmt.Sprintf("ratio λ=%v n=%d exposures %d:%d", lambda, c.n, c.e1, c.e2), ps, f)
		}
	}
}
