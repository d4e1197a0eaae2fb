package forecast

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	sp "github.com/salesperf/salesperf"
)

// Scored is one prediction and what happened: the probability P in [0, 1]
// a model gave record ID, and whether it was won. ID groups the
// predictions of one record (several snapshots of one deal) for Bootstrap.
type Scored struct {
	ID  string  `json:"id"`
	P   float64 `json:"p"`
	Won bool    `json:"won"`
}

// Figure is a measured value and whether it is defined: OK is false when
// the data cannot define it (no won or no lost record for an AUC), and
// Value is then 0, never NaN.
type Figure struct {
	Value float64 `json:"value"`
	OK    bool    `json:"ok"`
}

// String formats the figure with four decimals, or "–" when undefined.
func (f Figure) String() string {
	if !f.OK {
		return "–"
	}
	return fmt.Sprintf("%.4f", f.Value)
}

// ECEBins is the number of equal-width probability bins of the expected
// calibration error.
const ECEBins = 10

// LogLossEpsilon bounds the probabilities in the log loss and the
// calibration fit to [ε, 1 − ε], so that a certain prediction that turns
// out wrong costs −ln ε ≈ 34.5 instead of infinity.
const LogLossEpsilon = 1e-15

// Evaluation is how good a set of probabilities was, in the measures a
// forecaster is judged by. With N predictions p_i, outcomes y_i (1 won,
// 0 lost), W won and L = N − W lost:
//
//	AUC          P(p of a random won record > p of a random lost one), ties counting ½:
//	             (Σ midrank of the won − W(W+1)/2) / (W·L); needs W, L > 0
//	Brier        Σ (p_i − y_i)² / N
//	LogLoss      −Σ (y_i ln p_i + (1 − y_i) ln(1 − p_i)) / N, p bounded to [1e-15, 1 − 1e-15]
//	ECE          Σ_k (n_k / N) |ȳ_k − p̄_k| over 10 equal-width bins of p
//	             (bin k holds k/10 ≤ p < (k+1)/10; p = 1 is in the last)
//	Slope        b of the logistic regression y ~ a + b·scLogit(p) (1 when calibrated,
//	             below 1 when too confident); Intercept is a. Needs W, L > 0, two
//	             distinct p and no perfect separation.
//	Lift         won share of the top decile by p / W/N; the top decile is the
//	             ⌈N/10⌉ highest p, a tie across its edge counted pro rata. Needs W > 0.
//	BaseRate     W / N
//
// An empty set has N = 0 and every figure undefined.
type Evaluation struct {
	N         int    `json:"n"`
	Won       int    `json:"won"`
	BaseRate  Figure `json:"baseRate"`
	AUC       Figure `json:"auc"`
	Brier     Figure `json:"brier"`
	LogLoss   Figure `json:"logLoss"`
	ECE       Figure `json:"ece"`
	Slope     Figure `json:"slope"`
	Intercept Figure `json:"intercept"`
	Lift      Figure `json:"lift"`
}

// Evaluate measures the predictions (see Evaluation). A probability outside
// [0, 1] (or NaN) is an error wrapping salesperf.ErrInvalidValue naming
// the first such prediction. The order of the predictions does not matter.
func Evaluate(preds []Scored) (Evaluation, error) {
	for i, s := range preds {
		if !(s.P >= 0 && s.P <= 1) {
			return Evaluation{}, fmt.Errorf("forecast: prediction %d (%q): probability %v: %w", i, s.ID, s.P, sp.ErrInvalidValue)
		}
	}
	var ev Evaluation
	n := len(preds)
	ev.N = n
	if n == 0 {
		return ev, nil
	}
	var brier, logLoss float64
	var binN [ECEBins]int
	var binP, binY [ECEBins]float64
	for _, s := range preds {
		y := 0.0
		if s.Won {
			y = 1
			ev.Won++
		}
		brier += (s.P - y) * (s.P - y)
		q := min(max(s.P, LogLossEpsilon), 1-LogLossEpsilon)
		if s.Won {
			logLoss -= math.Log(q)
		} else {
			logLoss -= math.Log1p(-q)
		}
		k := min(int(s.P*ECEBins), ECEBins-1)
		binN[k]++
		binP[k] += s.P
		binY[k] += y
	}
	var ece float64
	for k := range binN {
		if binN[k] > 0 {
			ece += math.Abs(binY[k]-binP[k]) / float64(n)
		}
	}
	ev.BaseRate = Figure{float64(ev.Won) / float64(n), true}
	ev.Brier = Figure{brier / float64(n), true}
	ev.LogLoss = Figure{logLoss / float64(n), true}
	ev.ECE = Figure{ece, true}

	sorted := slices.Clone(preds)
	slices.SortFunc(sorted, func(a, b Scored) int { return cmp.Compare(a.P, b.P) })
	ev.AUC = scAUC(sorted, ev.Won)
	ev.Lift = scLift(sorted, ev.Won)
	if a, b, ok := Recalibrate(preds); ok {
		ev.Slope, ev.Intercept = Figure{b, true}, Figure{a, true}
	}
	return ev, nil
}

// auc is the Mann–Whitney statistic from midranks; sorted is in ascending p.
func scAUC(sorted []Scored, won int) Figure {
	n := len(sorted)
	lost := n - won
	if won == 0 || lost == 0 {
		return Figure{}
	}
	var rankSum float64 // sum of the won records' midranks (1-based)
	for i := 0; i < n; {
		j := i
		for j < n && sorted[j].P == sorted[i].P {
			j++
		}
		mid := float64(i+1+j) / 2 // ranks i+1 … j
		for _, s := range sorted[i:j] {
			if s.Won {
				rankSum += mid
			}
		}
		i = j
	}
	w, l := float64(won), float64(lost)
	return Figure{(rankSum - w*(w+1)/2) / (w * l), true}
}

// lift is the top decile's won share over the base rate; sorted is in
// ascending p.
func scLift(sorted []Scored, won int) Figure {
	n := len(sorted)
	if won == 0 {
		return Figure{}
	}
	k := (n + 9) / 10
	var inTop float64 // won records in the top k, a tie at the edge pro rata
	taken := 0
	for j := n; taken < k; {
		i := j - 1
		for i > 0 && sorted[i-1].P == sorted[j-1].P {
			i--
		}
		group := sorted[i:j]
		w := 0
		for _, s := range group {
			if s.Won {
				w++
			}
		}
		room := min(len(group), k-taken)
		inTop += float64(w) * float64(room) / float64(len(group))
		taken += room
		j = i
	}
	return Figure{(inTop / float64(k)) / (float64(won) / float64(n)), true}
}

// Recalibrate fits the logistic regression of the outcome on the logit of
// the probability, P(won) = σ(a + b·scLogit(p)), by maximum likelihood
// (Newton's method), with p bounded to [1e-15, 1 − 1e-15]. b is the
// calibration slope and a the intercept: (0, 1) for calibrated
// predictions. Used as a map, p ↦ σ(a + b·scLogit(p)) is Platt scaling. ok is
// false when the fit has no finite answer: no won or no lost prediction,
// all logits equal, or outcomes perfectly separated by p.
func Recalibrate(preds []Scored) (a, b float64, ok bool) {
	x := make([]float64, len(preds))
	y := make([]float64, len(preds))
	for i, s := range preds {
		x[i] = scLogit(s.P)
		if s.Won {
			y[i] = 1
		}
	}
	return scFit1(x, y)
}

// Calibrated returns p mapped through the recalibration (a, b) that
// Recalibrate fitted: σ(a + b·scLogit(p)).
func Calibrated(p, a, b float64) float64 { return scSigmoid(a + b*scLogit(p)) }

// fit1 fits y ~ σ(a + b x) by Newton–Raphson on the unpenalised
// log-likelihood; ok false when it does not converge to finite values.
func scFit1(x, y []float64) (a, b float64, ok bool) {
	var sy float64
	minX, maxX := math.Inf(1), math.Inf(-1)
	for i := range x {
		sy += y[i]
		minX, maxX = min(minX, x[i]), max(maxX, x[i])
	}
	if sy == 0 || sy == float64(len(y)) || minX == maxX {
		return 0, 0, false
	}
	for range 100 {
		var g0, g1, h00, h01, h11 float64
		for i := range x {
			p := scSigmoid(a + b*x[i])
			r := y[i] - p
			w := p * (1 - p)
			g0 += r
			g1 += r * x[i]
			h00 += w
			h01 += w * x[i]
			h11 += w * x[i] * x[i]
		}
		det := h00*h11 - h01*h01
		if !(det > 0) {
			return 0, 0, false
		}
		da := (h11*g0 - h01*g1) / det
		db := (h00*g1 - h01*g0) / det
		a, b = a+da, b+db
		if math.IsNaN(a) || math.IsNaN(b) || math.Abs(b) > 1e6 {
			return 0, 0, false
		}
		if math.Abs(da) < 1e-10 && math.Abs(db) < 1e-10 {
			return a, b, true
		}
	}
	return 0, 0, false // no convergence: the outcomes are (almost) separated
}

// Bootstrap returns reps evaluations of resamples of preds, drawn with
// replacement by record: each resample draws as many IDs as preds has
// distinct IDs, and takes every prediction of each ID drawn (a cluster
// bootstrap, so that several snapshots of one deal count as one draw).
// Their spread (standard deviation, percentiles) is the sampling noise of
// each figure. Deterministic given seed; the IDs are sorted first, so the
// order of preds does not matter. preds must be valid for Evaluate (an
// error is returned otherwise); Bootstrap panics if reps < 1.
func Bootstrap(preds []Scored, reps int, seed uint64) ([]Evaluation, error) {
	if reps < 1 {
		panic("forecast: Bootstrap with reps < 1")
	}
	if _, err := Evaluate(preds); err != nil {
		return nil, err
	}
	byID := map[string][]Scored{}
	for _, s := range preds {
		byID[s.ID] = append(byID[s.ID], s)
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	r := rand.New(rand.NewPCG(seed, 0x5c0e))
	out := make([]Evaluation, reps)
	sample := make([]Scored, 0, len(preds))
	for i := range out {
		sample = sample[:0]
		for range ids {
			sample = append(sample, byID[ids[r.IntN(len(ids))]]...)
		}
		out[i], _ = Evaluate(sample)
	}
	return out, nil
}

// FigureSpread summarises the bootstrap values of one figure: their mean,
// standard deviation and the 5th and 95th percentiles (R's type 7). ok is
// false when no value is defined.
func FigureSpread(evs []Evaluation, figure func(*Evaluation) Figure) (mean, sd, p5, p95 float64, ok bool) {
	var xs []float64
	for i := range evs {
		if f := figure(&evs[i]); f.OK {
			xs = append(xs, f.Value)
		}
	}
	if len(xs) == 0 {
		return 0, 0, 0, 0, false
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	if len(xs) > 1 {
		sd = math.Sqrt(sd / float64(len(xs)-1))
	} else {
		sd = 0
	}
	slices.Sort(xs)
	return mean, sd, scQuantile7(xs, 0.05), scQuantile7(xs, 0.95), true
}

func scQuantile7(sorted []float64, q float64) float64 {
	h := q * float64(len(sorted)-1)
	lo := int(math.Floor(h))
	if lo+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func scSigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

func scLogit(p float64) float64 {
	p = min(max(p, LogLossEpsilon), 1-LogLossEpsilon)
	return math.Log(p / (1 - p))
}

// CalibratedECE returns, sorted, the expected calibration errors of reps
// simulated outcomes drawn as if the predictions were perfectly
// calibrated: the yardstick for an ECE measured on this many records.
// Each record draws one uniform u and each of its predictions is won when
// u < P, so every prediction is calibrated and the snapshots of one deal
// stay tied as real ones are. A measured ECE inside this distribution is
// indistinguishable from perfect calibration at this sample size.
// Deterministic given seed, whatever the order of preds. It panics if reps
// < 1 and returns an error like Evaluate's for an invalid probability.
func CalibratedECE(preds []Scored, reps int, seed uint64) ([]float64, error) {
	if reps < 1 {
		panic("forecast: CalibratedECE with reps < 1")
	}
	if _, err := Evaluate(preds); err != nil {
		return nil, err
	}
	sorted := slices.Clone(preds)
	slices.SortStableFunc(sorted, func(a, b Scored) int { return cmp.Compare(a.ID, b.ID) })
	r := rand.New(rand.NewPCG(seed, 0xeced))
	out := make([]float64, reps)
	for k := range out {
		var binN [ECEBins]int
		var binP, binY [ECEBins]float64
		var u float64
		for i, s := range sorted {
			if i == 0 || s.ID != sorted[i-1].ID {
				u = r.Float64()
			}
			b := min(int(s.P*ECEBins), ECEBins-1)
			binN[b]++
			binP[b] += s.P
			if u < s.P {
				binY[b]++
			}
		}
		for b := range binN {
			out[k] += math.Abs(binY[b]-binP[b]) / float64(len(sorted))
		}
	}
	slices.Sort(out)
	return out, nil
}
