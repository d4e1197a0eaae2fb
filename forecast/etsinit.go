package forecast

import "math"

// The starting point of the estimation: R's forecast:::initstate, so that
// the optimiser starts where R's does and lands where R's lands.

// etsInitState returns the heuristic initial states l, b, s0 … s(m−2) (the
// last seasonal index is implied by the normalisation) for a model with the
// given trend and seasonality:
//   - seasonal models decompose the series — classical decomposition by a
//     centred moving average when there are at least three seasons, else a
//     regression on a linear trend and one pair of Fourier terms — and take
//     the seasonal indices of the first season, in reverse order (s0 is the
//     first season's last period); multiplicative indices are floored at
//     0.01 and, if they sum to more than m, divided by Σ(s + 0.01);
//   - the level (and trend) come from the first max(10, 2m) values of the
//     seasonally adjusted series: their mean, or the intercept and slope of
//     a least-squares line.
func etsInitState(y []float64, m int, trend, season Component) []float64 {
	n := len(y)
	var initSeas, ysa []float64
	if season != NoComponent {
		var seasonal []float64
		if n < 3*m {
			b0, b1 := tsFourierTrend(y, m)
			seasonal = make([]float64, n)
			for i, v := range y {
				t := b0 + b1*float64(i+1)
				if season == Additive {
					seasonal[i] = v - t
				} else {
					seasonal[i] = v / t
				}
			}
		} else {
			seasonal = tsDecompose(y, m, season == Multiplicative)
		}
		initSeas = make([]float64, m-1)
		for i := range m - 1 {
			initSeas[i] = seasonal[m-1-i]
		}
		ysa = make([]float64, n)
		if season == Additive {
			for i, v := range y {
				ysa[i] = v - seasonal[i]
			}
		} else {
			var sum float64
			for i := range initSeas {
				initSeas[i] = math.Max(initSeas[i], 0.01)
				sum += initSeas[i]
			}
			if sum > float64(m) {
				var d float64
				for _, v := range initSeas {
					d += v + 0.01
				}
				for i := range initSeas {
					initSeas[i] /= d
				}
			}
			for i, v := range y {
				ysa[i] = v / math.Max(seasonal[i], 0.01)
			}
		}
	} else {
		m = 1
		ysa = y
	}
	maxn := min(max(10, 2*m), len(ysa))
	var out []float64
	if trend == NoComponent {
		out = []float64{tsMean(ysa[:maxn])}
	} else {
		l0, b0 := tsLine(ysa[:maxn])
		if math.Abs(l0+b0) < 1e-8 {
			l0 *= 1 + 1e-3
			b0 *= 1 - 1e-3
		}
		out = []float64{l0, b0}
	}
	return append(out, initSeas...)
}

// tsMean returns the mean of y, summed in order.
func tsMean(y []float64) float64 {
	var s float64
	for _, v := range y {
		s += v
	}
	return s / float64(len(y))
}

// tsLine returns the intercept and slope of the least-squares line of y on
// 1, 2, …, n.
func tsLine(y []float64) (a, b float64) {
	n := float64(len(y))
	xbar := (n + 1) / 2
	ybar := tsMean(y)
	var sxy, sxx float64
	for i, v := range y {
		dx := float64(i+1) - xbar
		sxy += dx * (v - ybar)
		sxx += dx * dx
	}
	b = sxy / sxx
	return ybar - b*xbar, b
}

// tsDecompose returns the seasonal component of R's decompose: the
// detrended series (by a centred moving average of order m, 2×m for even
// m) averaged per position in the season, counted from the first value,
// and centred (additive: minus their mean; multiplicative: divided by it).
func tsDecompose(y []float64, m int, mult bool) []float64 {
	n := len(y)
	var w []float64
	if m%2 == 0 {
		w = make([]float64, m+1)
		w[0], w[m] = 0.5/float64(m), 0.5/float64(m)
		for i := 1; i < m; i++ {
			w[i] = 1 / float64(m)
		}
	} else {
		w = make([]float64, m)
		for i := range w {
			w[i] = 1 / float64(m)
		}
	}
	nf := len(w)
	shift := nf / 2
	// stats::filter, sides = 2: z[i] = Σ_j w[j]·y[i+shift−j].
	detr := make([]float64, n)
	ok := make([]bool, n)
	for i := range n {
		if i+shift-(nf-1) < 0 || i+shift >= n {
			continue
		}
		var z float64
		for j := range nf {
			z += w[j] * y[i+shift-j]
		}
		if mult {
			detr[i] = y[i] / z
		} else {
			detr[i] = y[i] - z
		}
		ok[i] = true
	}
	figure := make([]float64, m)
	for i := range m {
		var s float64
		var c int
		for t := i; t < n; t += m {
			if ok[t] {
				s += detr[t]
				c++
			}
		}
		figure[i] = s / float64(c)
	}
	fm := tsMean(figure)
	for i := range figure {
		if mult {
			figure[i] /= fm
		} else {
			figure[i] -= fm
		}
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = figure[i%m]
	}
	return out
}

// tsFourierTrend returns the intercept and slope of the least-squares fit
// of y on 1, t, sin(2πt/m), cos(2πt/m) (t = 1 … n; the sine dropped for
// m = 2, where it vanishes) — R's tslm(y ~ trend + fourier(y, 1)).
func tsFourierTrend(y []float64, m int) (b0, b1 float64) {
	n := len(y)
	cols := [][]float64{make([]float64, n), make([]float64, n)}
	for i := range n {
		cols[0][i] = 1
		cols[1][i] = float64(i + 1)
	}
	if m > 2 {
		s := make([]float64, n)
		for i := range n {
			s[i] = tsSinPi(2 * float64(i+1) / float64(m))
		}
		cols = append(cols, s)
	}
	c := make([]float64, n)
	for i := range n {
		c[i] = tsCosPi(2 * float64(i+1) / float64(m))
	}
	cols = append(cols, c)
	beta := tsLeastSquares(cols, y)
	return beta[0], beta[1]
}

// tsSinPi returns sin(πx), exact at integers and half-integers.
func tsSinPi(x float64) float64 {
	r := math.Mod(x, 2)
	switch r {
	case 0, 1, -1:
		return 0
	case 0.5, -1.5:
		return 1
	case 1.5, -0.5:
		return -1
	}
	return math.Sin(math.Pi * r)
}

// tsCosPi returns cos(πx), exact at integers and half-integers.
func tsCosPi(x float64) float64 {
	r := math.Mod(math.Abs(x), 2)
	switch r {
	case 0:
		return 1
	case 1:
		return -1
	case 0.5, 1.5:
		return 0
	}
	return math.Cos(math.Pi * r)
}

// tsLeastSquares returns the least-squares coefficients of y on the given
// columns, by Householder QR.
func tsLeastSquares(cols [][]float64, y []float64) []float64 {
	n, p := len(y), len(cols)
	a := make([][]float64, p) // columns, modified in place
	for j := range cols {
		a[j] = append([]float64(nil), cols[j]...)
	}
	b := append([]float64(nil), y...)
	for k := range p {
		var norm float64
		for i := k; i < n; i++ {
			norm = math.Hypot(norm, a[k][i])
		}
		if norm == 0 {
			continue
		}
		if a[k][k] > 0 {
			norm = -norm
		}
		// v = a[k][k:] − norm·e1, stored in a[k][k:].
		a[k][k] -= norm
		var vv float64
		for i := k; i < n; i++ {
			vv += a[k][i] * a[k][i]
		}
		reflect := func(x []float64) {
			var d float64
			for i := k; i < n; i++ {
				d += a[k][i] * x[i]
			}
			f := 2 * d / vv
			for i := k; i < n; i++ {
				x[i] -= f * a[k][i]
			}
		}
		for j := k + 1; j < p; j++ {
			reflect(a[j])
		}
		reflect(b)
		a[k][k] = norm // R[k][k]
	}
	beta := make([]float64, p)
	for k := p - 1; k >= 0; k-- {
		s := b[k]
		for j := k + 1; j < p; j++ {
			s -= a[j][k] * beta[j]
		}
		if a[k][k] != 0 {
			beta[k] = s / a[k][k]
		}
	}
	return beta
}
