package forecast

import "math"

// etsBig is the value R's Nelder–Mead gives a point where the function is
// not finite.
const etsBig = 1.0e35

// etsNelderMead minimises f from x0 by the Nelder–Mead simplex method, as
// R's optim does (nmmin in R's src/appl/optim.c, the routine forecast::ets
// calls): reflection 1, contraction 0.5, expansion 2, a first simplex of
// steps 0.1·max|x0| along each axis, stopped when the spread of the
// simplex's values is within reltol·(|f(x0)| + reltol) or after maxit
// evaluations. It returns the best point and its value; ok is false if f
// is not finite at x0.
func etsNelderMead(f func([]float64) float64, x0 []float64, reltol float64, maxit int) (best []float64, fmin float64, ok bool) {
	const alpha, bet, gamm = 1.0, 0.5, 2.0
	n := len(x0)
	bvec := append([]float64(nil), x0...)
	fv := f(bvec)
	if math.IsNaN(fv) || math.IsInf(fv, 0) {
		return bvec, fv, false
	}
	funcount := 1
	convtol := reltol * (math.Abs(fv) + reltol)
	n1 := n + 1
	C := n + 2
	// P is (n+1) rows × (n+2) columns: rows 0…n−1 the coordinates, row n
	// the values; columns 0…n the vertices, column n+1 the centroid.
	P := make([][]float64, n1)
	for i := range P {
		P[i] = make([]float64, n+2)
	}
	P[n1-1][0] = fv
	for i := range n {
		P[i][0] = bvec[i]
	}
	L := 1
	var size float64
	var step float64
	for i := range n {
		if 0.1*math.Abs(bvec[i]) > step {
			step = 0.1 * math.Abs(bvec[i])
		}
	}
	if step == 0 {
		step = 0.1
	}
	for j := 2; j <= n1; j++ {
		for i := range n {
			P[i][j-1] = bvec[i]
		}
		trystep := step
		for P[j-2][j-1] == bvec[j-2] {
			P[j-2][j-1] = bvec[j-2] + trystep
			trystep *= 10
		}
		size += trystep
	}
	oldsize := size
	calcvert := true
	eval := func() float64 {
		v := f(bvec)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			v = etsBig
		}
		funcount++
		return v
	}
	for {
		if calcvert {
			for j := range n1 {
				if j+1 != L {
					for i := range n {
						bvec[i] = P[i][j]
					}
					P[n1-1][j] = eval()
				}
			}
			calcvert = false
		}
		VL := P[n1-1][L-1]
		VH := VL
		H := L
		for j := 1; j <= n1; j++ {
			if j != L {
				v := P[n1-1][j-1]
				if v < VL {
					L = j
					VL = v
				}
				if v > VH {
					H = j
					VH = v
				}
			}
		}
		if VH <= VL+convtol || VL <= math.Inf(-1) {
			break
		}
		for i := range n {
			temp := -P[i][H-1]
			for j := range n1 {
				temp += P[i][j]
			}
			P[i][C-1] = temp / float64(n)
		}
		for i := range n {
			bvec[i] = (1+alpha)*P[i][C-1] - alpha*P[i][H-1]
		}
		VR := eval()
		if VR < VL {
			P[n1-1][C-1] = VR
			for i := range n {
				v := gamm*bvec[i] + (1-gamm)*P[i][C-1]
				P[i][C-1] = bvec[i]
				bvec[i] = v
			}
			fe := eval()
			if fe < VR {
				for i := range n {
					P[i][H-1] = bvec[i]
				}
				P[n1-1][H-1] = fe
			} else {
				for i := range n {
					P[i][H-1] = P[i][C-1]
				}
				P[n1-1][H-1] = VR
			}
		} else {
			if VR < VH {
				for i := range n {
					P[i][H-1] = bvec[i]
				}
				P[n1-1][H-1] = VR
			}
			for i := range n {
				bvec[i] = (1-bet)*P[i][H-1] + bet*P[i][C-1]
			}
			fc := eval()
			if fc < P[n1-1][H-1] {
				for i := range n {
					P[i][H-1] = bvec[i]
				}
				P[n1-1][H-1] = fc
			} else if VR >= VH {
				calcvert = true
				size = 0
				for j := range n1 {
					if j+1 != L {
						for i := range n {
							P[i][j] = bet*(P[i][j]-P[i][L-1]) + P[i][L-1]
							size += math.Abs(P[i][j] - P[i][L-1])
						}
					}
				}
				if size < oldsize {
					oldsize = size
				} else {
					break
				}
			}
		}
		if funcount > maxit {
			break
		}
	}
	best = make([]float64, n)
	for i := range n {
		best[i] = P[i][L-1]
	}
	return best, P[n1-1][L-1], true
}

// etsRootsWithin reports whether every root of the polynomial c[0]·z^d +
// c[1]·z^(d−1) + … + c[d] (c[0] ≠ 0) has modulus at most rho (rho slightly
// above 1 gives R's tolerance), by the Schur–Cohn–Jury recursion on the
// polynomial p(rho·z): the roots of p are within rho exactly when those of
// p(rho·z) are inside the unit circle, which holds when |constant| <
// |leading| and, recursively, for the reduced polynomial (c0·c_i −
// cd·c_(d−i))_(i<d). It takes O(d²) operations and no allocation beyond
// one copy on the stack.
func etsRootsWithin(c []float64, rho float64) bool {
	d := len(c) - 1
	var buf [32]float64
	a := buf[:0]
	if d+1 > len(buf) {
		a = make([]float64, 0, d+1)
	}
	a = a[:d+1]
	scale := 1.0
	for i := d; i >= 0; i-- {
		a[i] = c[i] * scale // coefficient of z^(d−i) times rho^(d−i)
		scale *= rho
	}
	for ; d > 0; d-- {
		if math.Abs(a[d]) >= math.Abs(a[0]) {
			return false
		}
		a0, ad := a[0], a[d]
		// In place: new a[i] = a0·a[i] − ad·a[d−i], pairs (i, d−i) at once.
		for i, j := 0, d; i <= j; i, j = i+1, j-1 {
			ai, aj := a[i], a[j]
			a[i] = a0*ai - ad*aj
			a[j] = a0*aj - ad*ai
		}
		// Rescale to keep the numbers in range.
		if m := math.Abs(a[0]); m != 0 && (m > 1e100 || m < 1e-100) {
			for i := 0; i < d; i++ {
				a[i] /= m
			}
		}
	}
	return true
}
