package forecast

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"

	sp "github.com/salesperf/salesperf"
)

// LogisticConfig sets up FitLogistic. The zero LogisticConfig is the
// default: L2 1, MinCount 5.
type LogisticConfig struct {
	// L2 is the ridge penalty λ: the fit minimises
	// −log-likelihood + λ/2 · Σ β_j² over every coefficient but the
	// intercept, the numeric features standardised. 0 means 1; it panics
	// if negative.
	L2 float64
	// MinCount is how many training examples a stage or field value needs
	// to get its own coefficient; rarer values weigh nothing, like values
	// never seen. 0 means 5.
	MinCount int
}

// Logistic is a win-probability model: a logistic regression with an L2
// (ridge) penalty on the record's stage and categorical field values, one
// indicator each (one-hot, no reference level: the penalty makes the fit
// unique), and its numeric features, standardised with the training
// means and standard deviations:
//
//	z = Intercept + Stages[stage] + Σ Values[field][value] + Σ Numbers_j · (x_j − Means_j) / Scales_j
//	p = σ(z) = 1 / (1 + e^(−z))
//
// and, when Calibrated, p is mapped through the Platt recalibration
// σ(CalA + CalB · scLogit(p)). A stage or value it was not fitted on adds
// nothing. Fit it with FitLogistic; the fields are exported so that a
// fitted model survives a JSON round trip.
type Logistic struct {
	Intercept   float64                       `json:"intercept"`
	Stages      []float64                     `json:"stages,omitempty"` // by stage index; 0 for stages below MinCount
	Values      map[string]map[string]float64 `json:"values,omitempty"` // field → value → coefficient
	NumberNames []string                      `json:"numberNames,omitempty"`
	Numbers     []float64                     `json:"numbers,omitempty"` // per standardised numeric feature
	Means       []float64                     `json:"means,omitempty"`
	Scales      []float64                     `json:"scales,omitempty"`
	Calibrated  bool                          `json:"calibrated,omitempty"`
	CalA        float64                       `json:"calA,omitempty"`
	CalB        float64                       `json:"calB,omitempty"`
	N           int                           `json:"n"`          // training examples used
	Iterations  int                           `json:"iterations"` // Newton steps the fit took
}

// FitLogistic fits a Logistic to the examples whose outcome is Won or Lost
// (the others are not used; the model's N counts those used), by
// iteratively reweighted least squares: Newton's method on the penalised
// log-likelihood, which is concave, so it converges to the one maximum
// (step halving guards the first steps). numberNames names the examples'
// Numbers. It returns an error wrapping salesperf.ErrInvalidValue when
// there is no won or no lost example, an example's Numbers do not match
// numberNames, or a number is not finite. It panics if cfg is invalid.
func FitLogistic(examples []Example, numberNames []string, cfg LogisticConfig) (*Logistic, error) {
	if cfg.L2 < 0 || math.IsNaN(cfg.L2) || cfg.MinCount < 0 {
		panic("forecast: LogisticConfig with negative L2 or MinCount")
	}
	lambda := cfg.L2
	if lambda == 0 {
		lambda = 1
	}
	minCount := cfg.MinCount
	if minCount == 0 {
		minCount = 5
	}
	m := &Logistic{NumberNames: slices.Clone(numberNames)}
	var used []*Example
	won := 0
	stageN := map[int]int{}
	valueN := map[Field]int{}
	nNum := len(numberNames)
	for i := range examples {
		e := &examples[i]
		if e.Outcome != sp.Won && e.Outcome != sp.Lost {
			continue
		}
		if len(e.Numbers) != nNum {
			return nil, fmt.Errorf("forecast: example %s: %d numbers for %d names: %w", e.ID, len(e.Numbers), nNum, sp.ErrInvalidValue)
		}
		for j, x := range e.Numbers {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("forecast: example %s: %s is %v: %w", e.ID, numberNames[j], x, sp.ErrInvalidValue)
			}
		}
		used = append(used, e)
		if e.Outcome == sp.Won {
			won++
		}
		if e.Stage >= 0 {
			stageN[e.Stage]++
		}
		for k, f := range e.Fields {
			if !slices.Contains(e.Fields[:k], f) {
				valueN[f]++
			}
		}
	}
	m.N = len(used)
	if won == 0 || won == len(used) {
		return nil, fmt.Errorf("forecast: fitting needs won and lost examples, got %d won of %d: %w", won, len(used), sp.ErrInvalidValue)
	}

	// Columns: 0 intercept, then stages, field values (sorted, so the fit
	// does not depend on map order), numbers.
	col := 1
	stageCol := map[int]int{}
	for _, s := range slices.Sorted(maps.Keys(stageN)) {
		if stageN[s] >= minCount {
			stageCol[s] = col
			col++
		}
	}
	valueCol := map[Field]int{}
	fields := slices.SortedFunc(maps.Keys(valueN), func(a, b Field) int {
		if a.Name != b.Name {
			return cmp.Compare(a.Name, b.Name)
		}
		return cmp.Compare(a.Value, b.Value)
	})
	for _, f := range fields {
		if valueN[f] >= minCount {
			valueCol[f] = col
			col++
		}
	}
	numCol := col
	p := col + nNum
	m.Means = make([]float64, nNum)
	m.Scales = make([]float64, nNum)
	for _, e := range used {
		for j, x := range e.Numbers {
			m.Means[j] += x
		}
	}
	for j := range m.Means {
		m.Means[j] /= float64(len(used))
	}
	for _, e := range used {
		for j, x := range e.Numbers {
			m.Scales[j] += (x - m.Means[j]) * (x - m.Means[j])
		}
	}
	for j := range m.Scales {
		m.Scales[j] = math.Sqrt(m.Scales[j] / float64(len(used)))
		if m.Scales[j] == 0 {
			m.Scales[j] = 1
		}
	}

	// The design as sparse rows of (column, value).
	type entry struct {
		c int
		v float64
	}
	rows := make([][]entry, len(used))
	y := make([]float64, len(used))
	for i, e := range used {
		r := []entry{{0, 1}}
		if c, ok := stageCol[e.Stage]; ok {
			r = append(r, entry{c, 1})
		}
		for k, f := range e.Fields {
			if c, ok := valueCol[f]; ok && !slices.Contains(e.Fields[:k], f) {
				r = append(r, entry{c, 1})
			}
		}
		for j, x := range e.Numbers {
			r = append(r, entry{numCol + j, (x - m.Means[j]) / m.Scales[j]})
		}
		rows[i] = r
		if e.Outcome == sp.Won {
			y[i] = 1
		}
	}

	beta := make([]float64, p)
	beta[0] = math.Log(float64(won) / float64(len(used)-won))
	objective := func(b []float64) float64 {
		var ll float64
		for i, r := range rows {
			var z float64
			for _, x := range r {
				z += b[x.c] * x.v
			}
			// log σ(z) and log(1 − σ(z)), stably.
			if y[i] == 1 {
				ll -= scSoftplus(-z)
			} else {
				ll -= scSoftplus(z)
			}
		}
		for j := 1; j < p; j++ {
			ll -= lambda / 2 * b[j] * b[j]
		}
		return ll
	}
	h := make([]float64, p*p)
	g := make([]float64, p)
	cur := objective(beta)
	for it := 1; it <= 100; it++ {
		clear(h)
		clear(g)
		for i, r := range rows {
			var z float64
			for _, x := range r {
				z += beta[x.c] * x.v
			}
			q := scSigmoid(z)
			w := q * (1 - q)
			res := y[i] - q
			for _, a := range r {
				g[a.c] += res * a.v
				for _, b := range r {
					h[a.c*p+b.c] += w * a.v * b.v
				}
			}
		}
		for j := 1; j < p; j++ {
			g[j] -= lambda * beta[j]
			h[j*p+j] += lambda
		}
		step, ok := scCholSolve(h, g, p)
		if !ok {
			return nil, fmt.Errorf("forecast: logistic fit: singular system: %w", sp.ErrInvalidValue)
		}
		next := make([]float64, p)
		t := 1.0
		for range 30 {
			for j := range next {
				next[j] = beta[j] + t*step[j]
			}
			if v := objective(next); v >= cur-1e-12 {
				cur = v
				break
			}
			t /= 2
		}
		var maxStep float64
		for j := range step {
			maxStep = max(maxStep, math.Abs(t*step[j]))
		}
		beta = next
		m.Iterations = it
		if maxStep < 1e-10 {
			break
		}
	}

	m.Intercept = beta[0]
	if len(stageN) > 0 {
		m.Stages = make([]float64, slices.Max(slices.Collect(maps.Keys(stageN)))+1)
		for s, c := range stageCol {
			m.Stages[s] = beta[c]
		}
	}
	m.Values = map[string]map[string]float64{}
	for f, c := range valueCol {
		if m.Values[f.Name] == nil {
			m.Values[f.Name] = map[string]float64{}
		}
		m.Values[f.Name][f.Value] = beta[c]
	}
	m.Numbers = slices.Clone(beta[numCol:])
	return m, nil
}

// Logit returns z, the model's log-odds of a win for e before any
// recalibration, and false when e's Numbers do not match the model's.
func (m *Logistic) Logit(e *Example) (float64, bool) {
	if len(e.Numbers) != len(m.Numbers) {
		return 0, false
	}
	z := m.Intercept
	if e.Stage >= 0 && e.Stage < len(m.Stages) {
		z += m.Stages[e.Stage]
	}
	for k, f := range e.Fields {
		if !slices.Contains(e.Fields[:k], f) {
			z += m.Values[f.Name][f.Value]
		}
	}
	for j, x := range e.Numbers {
		z += m.Numbers[j] * (x - m.Means[j]) / m.Scales[j]
	}
	return z, true
}

// Probability returns the probability that e is won, recalibrated when the
// model is Calibrated, and false when e's Numbers do not match the model's
// (a different DealScoring built it).
func (m *Logistic) Probability(e *Example) (float64, bool) {
	z, ok := m.Logit(e)
	if !ok {
		return 0, false
	}
	p := scSigmoid(z)
	if m.Calibrated {
		p = Calibrated(p, m.CalA, m.CalB)
	}
	return p, true
}

// Recalibrate fits Platt scaling on held-out examples (closed, never used
// in the fit): the logistic regression of their outcomes on the model's
// logit (see the package-level Recalibrate), and sets Calibrated. It
// reports false, and leaves the model as it was, when that fit has no
// answer (see Recalibrate) or no example's Numbers match.
func (m *Logistic) Recalibrate(heldOut []Example) bool {
	var preds []Scored
	for i := range heldOut {
		e := &heldOut[i]
		if e.Outcome != sp.Won && e.Outcome != sp.Lost {
			continue
		}
		z, ok := m.Logit(e)
		if !ok {
			continue
		}
		preds = append(preds, Scored{ID: e.ID, P: scSigmoid(z), Won: e.Outcome == sp.Won})
	}
	a, b, ok := Recalibrate(preds)
	if !ok {
		return false
	}
	m.Calibrated, m.CalA, m.CalB = true, a, b
	return true
}

// String names the model's size: "logistic: 42 coefficients, 2310 examples".
func (m *Logistic) String() string {
	n := 1 + len(m.Numbers)
	for _, c := range m.Stages {
		if c != 0 {
			n++
		}
	}
	for _, vs := range m.Values {
		n += len(vs)
	}
	return "logistic: " + strconv.Itoa(n) + " coefficients, " + strconv.Itoa(m.N) + " examples"
}

// cholSolve solves A x = b for the symmetric positive definite p×p matrix
// A (row-major), by Cholesky decomposition; false if A is not positive
// definite. A is overwritten.
func scCholSolve(a, b []float64, p int) ([]float64, bool) {
	for j := 0; j < p; j++ {
		s := a[j*p+j]
		for k := 0; k < j; k++ {
			s -= a[j*p+k] * a[j*p+k]
		}
		if !(s > 0) {
			return nil, false
		}
		d := math.Sqrt(s)
		a[j*p+j] = d
		for i := j + 1; i < p; i++ {
			s := a[i*p+j]
			for k := 0; k < j; k++ {
				s -= a[i*p+k] * a[j*p+k]
			}
			a[i*p+j] = s / d
		}
	}
	x := slices.Clone(b)
	for i := 0; i < p; i++ { // L y = b
		s := x[i]
		for k := 0; k < i; k++ {
			s -= a[i*p+k] * x[k]
		}
		x[i] = s / a[i*p+i]
	}
	for i := p - 1; i >= 0; i-- { // Lᵀ x = y
		s := x[i]
		for k := i + 1; k < p; k++ {
			s -= a[k*p+i] * x[k]
		}
		x[i] = s / a[i*p+i]
	}
	return x, true
}

// softplus is log(1 + e^z), without overflow.
func scSoftplus(z float64) float64 {
	if z > 0 {
		return z + math.Log1p(math.Exp(-z))
	}
	return math.Log1p(math.Exp(z))
}
