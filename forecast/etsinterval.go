package forecast

// The forecast means and variances of the ETS models, by class (Hyndman,
// Koehler, Ord and Snyder 2008, ch. 6; R's forecast:::class1, class2,
// class3). Two deliberate differences from R's forecast 8.20, both where
// R disagrees with the book and with its own point forecasts:
//   - class 1 and 2 without a trend: R puts γ on the second seasonal state
//     (G[3]); here it is on the first, which gives the book's variance
//     σ²[1 + α²(h−1) + γk(2α + γ)], k = ⌊(h−1)/m⌋.
//   - class 3 with a damped trend: R projects the level and trend as
//     l + (1 + φ + … + φ^(h−1))·b, one step of damping late (its first
//     forecast is (l + b)·s, not (l + φb)·s); here the level–trend block is
//     F1 = [1 φ; 0 φ], H1 = [1 φ], G1 = [α αφ; β βφ], whose first forecast
//     is the model's one-step forecast (l + φb)·s.

// etsPredict returns the h forecast means and variances of the fitted
// model's class.
func etsPredict(e *ETS, h int) (mean, variance []float64) {
	x := etsPack(e.Model, e.Final)
	switch {
	case e.Model.Season == Multiplicative:
		return etsClass3(e, x, h)
	case e.Model.Error == Multiplicative:
		return etsClass2(e, x, h)
	default:
		mu, v, _ := etsClass1(e, x, h)
		return mu, v
	}
}

// etsLinear returns the matrices of the linear (additive-error) form of
// the model: y = H x + e, x' = F x + G e, over the state vector l, b, s1 …
// sm.
func etsLinear(e *ETS, p int) (H []float64, F [][]float64, G []float64) {
	trend := e.Model.Trend != NoComponent
	phi := e.Params.Phi
	H = make([]float64, p)
	G = make([]float64, p)
	F = make([][]float64, p)
	for i := range F {
		F[i] = make([]float64, p)
	}
	H[0], F[0][0], G[0] = 1, 1, e.Params.Alpha
	if trend {
		H[1], F[0][1], F[1][1], G[1] = phi, phi, phi, e.Params.Beta
	}
	if e.Model.Season != NoComponent {
		m := e.Period
		first := p - m // index of s1
		H[p-1] = 1
		F[first][p-1] = 1
		for i := 1; i < m; i++ {
			F[first+i][first+i-1] = 1
		}
		G[first] = e.Params.Gamma
	}
	return H, F, G
}

// etsClass1 returns the means H F^(j−1) x, the variances σ²(1 + Σ_{i<j}
// c_i²) and the coefficients c_j = H F^(j−1) G.
func etsClass1(e *ETS, x []float64, h int) (mu, variance, c []float64) {
	p := len(x)
	H, F, G := etsLinear(e, p)
	mu = make([]float64, h)
	variance = make([]float64, h)
	c = make([]float64, h)
	hf := append([]float64(nil), H...) // H F^(j-1)
	next := make([]float64, p)
	var sum float64
	for j := range h {
		mu[j] = etsDot(hf, x)
		c[j] = etsDot(hf, G)
		variance[j] = e.Sigma2 * (1 + sum)
		sum += c[j] * c[j]
		for k := range p {
			var v float64
			for i := range p {
				v += hf[i] * F[i][k]
			}
			next[k] = v
		}
		hf, next = next, hf
	}
	return mu, variance, c
}

// etsClass2 returns class 1's means and the variances of the
// multiplicative-error linear models: θ_1 = μ_1², θ_j = μ_j² + σ² Σ_{i<j}
// c_i² θ_(j−i), v_j = (1 + σ²) θ_j − μ_j².
func etsClass2(e *ETS, x []float64, h int) (mu, variance []float64) {
	mu, _, c := etsClass1(e, x, h)
	s2 := e.Sigma2
	theta := make([]float64, h)
	variance = make([]float64, h)
	for j := range h {
		t := mu[j] * mu[j]
		for i := 0; i < j; i++ {
			t += s2 * c[i] * c[i] * theta[j-1-i]
		}
		theta[j] = t
		variance[j] = (1+s2)*t - mu[j]*mu[j]
	}
	return mu, variance
}

// etsClass3 returns the means and variances of the models with
// multiplicative errors and seasonality, from the moments of the product of
// the level–trend block and the seasonal block.
func etsClass3(e *ETS, x []float64, h int) (mu, variance []float64) {
	m := e.Period
	k := len(x) - m
	a, b, g, phi := e.Params.Alpha, e.Params.Beta, e.Params.Gamma, e.Params.Phi
	var H1 []float64
	var F1, G1 [][]float64
	if k == 1 {
		H1, F1, G1 = []float64{1}, [][]float64{{1}}, [][]float64{{a}}
	} else {
		H1 = []float64{1, phi}
		F1 = [][]float64{{1, phi}, {0, phi}}
		G1 = [][]float64{{a, a * phi}, {b, b * phi}}
	}
	H2 := make([]float64, m)
	H2[m-1] = 1
	F2 := etsZeros(m, m)
	F2[0][m-1] = 1
	for i := 1; i < m; i++ {
		F2[i][i-1] = 1
	}
	G2 := etsZeros(m, m)
	G2[0][m-1] = g
	s2 := e.Sigma2

	Mh := etsZeros(k, m)
	for i := range k {
		for j := range m {
			Mh[i][j] = x[i] * x[k+j]
		}
	}
	q := k * m
	Vh := etsZeros(q, q)
	H21 := etsKron([][]float64{H2}, [][]float64{H1})[0]
	F21 := etsKron(F2, F1)
	G21 := etsKron(G2, G1)
	K := etsAdd(etsKron(G2, F1), etsKron(F2, G1))
	F21t, G21t, Kt := etsT(F21), etsT(G21), etsT(K)
	F2t, G2t := etsT(F2), etsT(G2)

	mu = make([]float64, h)
	variance = make([]float64, h)
	for i := range h {
		mu[i] = etsDot(H1, etsMulVec(Mh, H2))
		variance[i] = (1+s2)*etsDot(H21, etsMulVec(Vh, H21)) + s2*mu[i]*mu[i]
		vec := make([]float64, q) // vec(Mh), column-major
		for c := range m {
			for r := range k {
				vec[c*k+r] = Mh[r][c]
			}
		}
		outer := etsZeros(q, q)
		for r := range q {
			for c := range q {
				outer[r][c] = vec[r] * vec[c]
			}
		}
		// Vh' = F21 Vh F21' + σ²(F21 Vh G21' + G21 Vh F21'
		//       + K (Vh + vec vec') K' + σ² G21 (3Vh + 2 vec vec') G21')
		t1 := etsMul(etsMul(F21, Vh), F21t)
		t2 := etsMul(etsMul(F21, Vh), G21t)
		t3 := etsMul(etsMul(G21, Vh), F21t)
		t4 := etsMul(etsMul(K, etsAdd(Vh, outer)), Kt)
		t5 := etsMul(etsMul(G21, etsAdd(etsScale(Vh, 3), etsScale(outer, 2))), G21t)
		inner := etsAdd(etsAdd(etsAdd(t2, t3), t4), etsScale(t5, s2))
		Vh = etsAdd(t1, etsScale(inner, s2))
		Mh = etsAdd(etsMul(etsMul(F1, Mh), F2t), etsScale(etsMul(etsMul(G1, Mh), G2t), s2))
	}
	return mu, variance
}

func etsDot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func etsZeros(r, c int) [][]float64 {
	out := make([][]float64, r)
	for i := range out {
		out[i] = make([]float64, c)
	}
	return out
}

func etsMul(a, b [][]float64) [][]float64 {
	out := etsZeros(len(a), len(b[0]))
	for i := range a {
		for k, aik := range a[i] {
			if aik == 0 {
				continue
			}
			for j, bkj := range b[k] {
				out[i][j] += aik * bkj
			}
		}
	}
	return out
}

func etsMulVec(a [][]float64, v []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = etsDot(a[i], v)
	}
	return out
}

func etsT(a [][]float64) [][]float64 {
	out := etsZeros(len(a[0]), len(a))
	for i := range a {
		for j := range a[i] {
			out[j][i] = a[i][j]
		}
	}
	return out
}

func etsAdd(a, b [][]float64) [][]float64 {
	out := etsZeros(len(a), len(a[0]))
	for i := range a {
		for j := range a[i] {
			out[i][j] = a[i][j] + b[i][j]
		}
	}
	return out
}

func etsScale(a [][]float64, f float64) [][]float64 {
	out := etsZeros(len(a), len(a[0]))
	for i := range a {
		for j := range a[i] {
			out[i][j] = a[i][j] * f
		}
	}
	return out
}

// etsKron returns the Kronecker product a ⊗ b.
func etsKron(a, b [][]float64) [][]float64 {
	ra, ca, rb, cb := len(a), len(a[0]), len(b), len(b[0])
	out := etsZeros(ra*rb, ca*cb)
	for i := range ra {
		for j := range ca {
			for r := range rb {
				for s := range cb {
					out[i*rb+r][j*cb+s] = a[i][j] * b[r][s]
				}
			}
		}
	}
	return out
}
