package forecast

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// DefaultDraws is the number of draws of a MonteCarlo whose Draws is zero.
const DefaultDraws = 10_000

// DefaultShock is the period shock of a MonteCarlo whose Shock is zero: a
// correlation of 0.05 between the win/lose outcomes of any two deals in one
// period (see MonteCarlo.Shock). It is a judgement, not a fit: a value in
// the range credit-risk models use for the shared factor of many small
// independent bets (Basel's retail correlations run 0.03–0.16), at the low
// end, so that a pipeline of a few hundred deals gets a range about twice
// as wide as with independent deals. Measure yours with the backtest.
const DefaultShock = 0.05

// NoShock as MonteCarlo.Shock makes deals independent (no period shock).
const NoShock = -1.0

// mcChunk is the number of draws that share one random stream per deal;
// chunks are what the workers share out, so results do not depend on the
// number of workers.
const mcChunk = 1024

// The reasons a deal is left out of a simulation: the keys of
// Simulation.LeftOut, each with the sentinel its error wraps.
const (
	mcNoProbability      = "no probability"      // Prob returned false (salesperf.ErrInvalidValue)
	mcInvalidProbability = "invalid probability" // Prob returned NaN or a value outside [0, 1] (ErrInvalidValue)
	mcCurrency           = "currency"            // amount in another currency (ErrMixedCurrency)
	mcAmount             = "amount"              // amount not in int64 minor units (ErrOverflow)
	mcNoAmount           = "no amount"           // the zero Money: no amount yet (ErrInvalidValue)
	mcNoStage            = "no stage"            // no stage known as of AsOf (ErrUnknownStage)
	mcHistoryMismatch    = "history mismatch"    // stage history ends with another stage than the current one (ErrHistoryMismatch)
	mcMissingDate        = "missing date"        // no stage history and no created date: age unknown (ErrMissingDate)
	mcNoTiming           = "no timing"           // no won deal to time it by and no expected close date (ErrMissingDate)
	mcDuplicate          = "duplicate id"        // a second deal with the same ID (ErrDuplicateID)
)

// MonteCarlo simulates the revenue of a period many times over: each
// open deal is won or not and, if won, closes inside the period or not;
// deals not created yet are added; a period-level shock moves all win
// chances of one draw together. Set the fields and call Simulate.
//
// # One draw
//
// For draw r, with Z_r a standard normal shared by every deal of the draw
// (the period shock), and ρ = Shock:
//
//		revenue_r = closed + Σ_open amount_i × won_ir × in_ir + Σ_new amount_k × won_kr × in_kr
//		won_ir    = 1 if √ρ·Z_r + √(1−ρ)·ε_ir < Φ⁻¹(p_i), ε_ir standard normal of the deal
//		in_ir     = 1 with probability q_i (independent of won_ir)
//
//	  - closed: the amounts of the deals won in [From, To) at or before AsOf.
//	  - p_i: the deal's win probability, Prob(deal as of AsOf).
//	  - q_i: Timing.CloseProbability (see Timing for the models and their
//	    fallbacks). Won-only model: the probability that the deal, if won,
//	    closes in [From, To). Survival model: min(1, π_i / w), with π_i the
//	    chance that a deal of its stage and age is won in [From, To) and w
//	    its stage's win rate, so that p_i × q_i = π_i when p_i = w.
//	  - new deals: NewDeals' Poisson process over [max(From, AsOf), To), each
//	    won with its win rate w under the same shock, then in the period
//	    with min(1, c × G(x)) (see NewDeals), its amount drawn from the
//	    amounts of the deals won as quickly, A(⌈x⌉).
//
// Every deal keeps its own chance p_i on average over the draws (the
// shock is a Gaussian copula, the one-factor model of credit risk), so
// the mean is unchanged by ρ; only the spread widens: with ρ > 0 good and
// bad periods hit every deal at once. A deal at probability 1 wins in
// every draw, at 0 in none.
//
// # Determinism, order, segments
//
// The draws are a function of Seed and the deals' IDs, not of their order:
// each deal draws from its own stream, seeded by a hash of its ID and
// Seed (and the chunk of 1,024 draws); the shocks Z_r depend on Seed and r
// only; new deals draw from a stream seeded by Seed and Segment. So
// simulating two segments with the same Seed, Shock, Draws, period and
// currency and adding their draws one by one (Simulation.Combine) gives exactly the
// draws of simulating them together, provided the segments' deals are
// disjoint and the segments' names differ. Two deals with the same ID
// would draw the same numbers: the second is left out (mcDuplicate).
//
// The work is split in chunks of draws shared among GOMAXPROCS goroutines;
// the result does not depend on their number. Memory is proportional to
// the number of deals plus the number of draws.
type MonteCarlo struct {
	// AsOf is the instant of the forecast: deals are seen as they stood
	// then (Deal.AsOf), and history after it is not read.
	AsOf time.Time
	// From and To are the period [From, To) whose revenue is forecast.
	From, To time.Time
	// Currency is the currency of every amount; a deal in another is left
	// out (mcCurrency). Convert first.
	Currency sp.Currency
	// Prob is the win probability of an open deal, given its view as of
	// AsOf; false leaves the deal out (mcNoProbability).
	Prob func(*sp.Deal) (float64, bool)
	// Timing says when a won deal closes; nil times every deal by its
	// expected close date.
	Timing *Timing
	// NewDeals adds the deals not created yet; nil adds none.
	NewDeals *NewDeals
	// Shock is ρ in [0, 1), the correlation of the deals' outcomes within
	// a draw; 0 means DefaultShock and NoShock means 0 (independent deals).
	Shock float64
	// Draws is the number of simulated periods; 0 means DefaultDraws.
	Draws int
	// Seed makes the draws reproducible.
	Seed uint64
	// Segment names the segment simulated; it seeds the new deals' stream,
	// so that segments combined with Combine draw independent new deals.
	Segment string
}

// mcDeal is an open deal ready to draw.
type mcDeal struct {
	id     string
	hash   uint64
	amount int64
	p, q   float64 // win probability; probability of closing in the period if won
	thr    float64 // Φ⁻¹(p) / √(1−ρ)
}

// Simulate runs the simulation on deals: every deal is seen as it stood
// at AsOf (Deal.AsOf; deals not yet created are ignored, the NewDeals
// model stands for them). A won deal closed in [From, To) counts in
// closed; an open one is simulated; lost deals and deals won outside the
// period are ignored.
//
// Simulate never fails on data: a deal it cannot use is left out and
// counted by reason (Simulation.LeftOut). The error is nil when no deal
// was left out; otherwise it is the errors.Join of one
// *salesperf.ValidationError per deal left out, sorted by deal ID, each
// wrapping the sentinel of its reason (see mcNoProbability…), and the
// Simulation is still returned and valid.
//
// Simulate panics if Prob is nil, From is not before To, Currency is not
// known, Draws is negative, or Shock is neither NoShock nor in [0, 1).
func (m MonteCarlo) Simulate(deals []sp.Deal) (*Simulation, error) {
	rho := m.check()
	n := m.Draws
	if n == 0 {
		n = DefaultDraws
	}
	s := &Simulation{
		currency: m.Currency, asOf: m.AsOf, from: m.From, to: m.To, seed: m.Seed, shock: rho,
		open: make([]int64, n), fromNew: make([]int64, n),
		leftOut: map[string]int64{}, timing: map[string]int64{},
	}
	order := make([]int, len(deals))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(deals[a].ID, deals[b].ID) })

	var errs []error
	leave := func(d *sp.Deal, reason, field string, err error) {
		s.leftOut[reason]++
		errs = append(errs, &sp.ValidationError{Record: "deal", ID: d.ID, Field: field, Err: err})
	}
	scale := 1 / math.Sqrt(1-rho)
	var open []mcDeal
	for k, i := range order {
		raw := &deals[i]
		if k > 0 && deals[order[k-1]].ID == raw.ID {
			leave(raw, mcDuplicate, "id", sp.ErrDuplicateID)
			continue
		}
		d, ok := raw.AsOf(m.AsOf)
		if !ok {
			continue
		}
		switch d.Status {
		case sp.Won:
			if d.Closed.Before(m.From) || !d.Closed.Before(m.To) {
				continue
			}
			if minor, ok := m.amount(&d, leave); ok {
				s.closed += minor
				s.closedDeals++
			}
			continue
		case sp.Open:
		default:
			continue
		}
		if h := raw.StageHistory; len(h) > 0 && h[len(h)-1].Stage != raw.Stage {
			leave(raw, mcHistoryMismatch, "stage", fmt.Errorf("%w: history ends in %q, stage is %q", sp.ErrHistoryMismatch, h[len(h)-1].Stage, raw.Stage))
			continue
		}
		if d.Stage == "" {
			leave(raw, mcNoStage, "stage", fmt.Errorf("%w: no stage as of %s", sp.ErrUnknownStage, m.AsOf.Format(time.RFC3339)))
			continue
		}
		minor, ok := m.amount(&d, leave)
		if !ok {
			continue
		}
		p, ok := m.Prob(&d)
		if !ok {
			leave(raw, mcNoProbability, "probability", fmt.Errorf("%w: no win probability", sp.ErrInvalidValue))
			continue
		}
		if !(p >= 0 && p <= 1) {
			leave(raw, mcInvalidProbability, "probability", fmt.Errorf("%w: win probability %v outside [0, 1]", sp.ErrInvalidValue, p))
			continue
		}
		if len(d.StageHistory) == 0 && d.Created.IsZero() {
			leave(raw, mcMissingDate, "created", fmt.Errorf("%w: no stage history and no created date: age in stage unknown", sp.ErrMissingDate))
			continue
		}
		q, basis, err := m.Timing.CloseProbability(&d, m.AsOf, m.From, m.To)
		if err != nil {
			leave(raw, mcNoTiming, "expectedclose", err)
			continue
		}
		s.timing[basis]++
		s.openDeals++
		if p == 0 || q == 0 || minor == 0 {
			continue // never adds anything
		}
		open = append(open, mcDeal{id: d.ID, hash: mcHash(d.ID), amount: minor, p: p, q: q, thr: mcNormQuantile(p) * scale})
	}

	start := m.From
	if m.AsOf.After(start) {
		start = m.AsOf
	}
	plan, withNew := m.NewDeals.plan(m.From, start, m.To)
	if withNew && m.NewDeals.currency != m.Currency {
		panic(fmt.Sprintf("forecast: NewDeals in %s, MonteCarlo in %s", m.NewDeals.currency, m.Currency))
	}

	// The shared shock of each draw, as an offset on the deals' thresholds:
	// won iff ε < Φ⁻¹(p)/√(1−ρ) − √(ρ/(1−ρ))·Z_r.
	shift := make([]float64, n)
	if rho > 0 {
		r := rand.New(rand.NewPCG(m.Seed, 0x5eed_5ec7_0c4b_0001))
		c := math.Sqrt(rho / (1 - rho))
		for i := range shift {
			shift[i] = c * r.NormFloat64()
		}
	}
	newSeed := mcHash("forecast/new:"+m.Segment) ^ m.Seed
	newThr := mcNormQuantile(plan.win) * scale

	chunks := (n + mcChunk - 1) / mcChunk
	workers := min(runtime.GOMAXPROCS(0), chunks)
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := &rand.PCG{}
			r := rand.New(src)
			for {
				mu.Lock()
				c := next
				next++
				mu.Unlock()
				if c >= chunks {
					return
				}
				lo, hi := c*mcChunk, min((c+1)*mcChunk, n)
				chunkSeed := m.Seed ^ (uint64(c)+1)*0x9e3779b97f4a7c15
				acc, sh := s.open[lo:hi], shift[lo:hi]
				for i := range open {
					o := &open[i]
					src.Seed(o.hash, chunkSeed)
					mcDrawOpen(r, o, acc, sh, rho > 0)
				}
				if withNew {
					src.Seed(newSeed, chunkSeed)
					mcDrawNew(r, &plan, newThr, s.fromNew[lo:hi], sh, rho > 0)
				}
			}
		}()
	}
	wg.Wait()

	s.total = make([]int64, n)
	for i := range s.total {
		s.total[i] = s.closed + s.open[i] + s.fromNew[i]
	}
	s.sort()
	return s, errors.Join(errs...)
}

// mcDrawOpen adds the deal's amount to acc[r] in each draw r it is won in
// the period.
func mcDrawOpen(r *rand.Rand, o *mcDeal, acc []int64, shift []float64, shock bool) {
	if !shock {
		pq := o.p * o.q
		for i := range acc {
			if r.Float64() < pq {
				acc[i] += o.amount
			}
		}
		return
	}
	for i := range acc {
		if r.NormFloat64() < o.thr-shift[i] && (o.q == 1 || r.Float64() < o.q) {
			acc[i] += o.amount
		}
	}
}

// mcDrawNew adds the won amounts of the deals created in each draw.
func mcDrawNew(r *rand.Rand, p *mcNewPlan, thr float64, acc []int64, shift []float64, shock bool) {
	for i := range acc {
		t := 0.0
		for {
			t += r.ExpFloat64() / p.rate
			if t >= p.window {
				break
			}
			g, pool := p.within(p.window - t)
			var won bool
			if shock {
				won = r.NormFloat64() < thr-shift[i] && r.Float64() < g
			} else {
				won = r.Float64() < p.win*g
			}
			if won {
				acc[i] += pool[r.IntN(len(pool))]
			}
		}
	}
}

// amount returns d's amount in m's currency as minor units, or leaves the
// deal out.
func (m *MonteCarlo) amount(d *sp.Deal, leave func(*sp.Deal, string, string, error)) (int64, bool) {
	a := d.Amount
	switch {
	case a.Currency() == "":
		leave(d, mcNoAmount, "amount", fmt.Errorf("%w: no amount", sp.ErrInvalidValue))
		return 0, false
	case a.Currency() != m.Currency:
		leave(d, mcCurrency, "amount", fmt.Errorf("%w: %s in a %s forecast", sp.ErrMixedCurrency, a, m.Currency))
		return 0, false
	}
	minor, ok := a.Minor()
	if !ok {
		leave(d, mcAmount, "amount", fmt.Errorf("%w: %s is not a whole number of minor units within int64", sp.ErrOverflow, a))
		return 0, false
	}
	return minor, true
}

// check panics on misuse and returns ρ.
func (m *MonteCarlo) check() float64 {
	switch {
	case m.Prob == nil:
		panic("forecast: MonteCarlo.Prob is nil")
	case !m.From.Before(m.To):
		panic(fmt.Sprintf("forecast: period [%v, %v) is empty", m.From, m.To))
	case !m.Currency.Known():
		panic(fmt.Sprintf("forecast: unknown currency %q", m.Currency))
	case m.Draws < 0:
		panic(fmt.Sprintf("forecast: negative Draws %d", m.Draws))
	}
	switch rho := m.Shock; {
	case rho == NoShock:
		return 0
	case rho == 0:
		return DefaultShock
	case rho > 0 && rho < 1:
		return rho
	default:
		panic(fmt.Sprintf("forecast: Shock %v is neither NoShock nor in [0, 1)", rho))
	}
}

// mcNormQuantile returns Φ⁻¹(p): −Inf at 0, +Inf at 1.
func mcNormQuantile(p float64) float64 {
	return math.Sqrt2 * math.Erfinv(2*p-1)
}

// mcHash is FNV-1a of s, mixed (splitmix64's finaliser) so that
// similar IDs get unrelated streams.
func mcHash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	x := h.Sum64()
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Simulation is the outcome of MonteCarlo.Simulate: the revenue of the
// period in each draw, in minor units of one currency, and what was left
// out. It is read-only and safe for concurrent use.
type Simulation struct {
	currency             sp.Currency
	asOf, from, to       time.Time
	seed                 uint64
	shock                float64
	closed               int64
	open, fromNew, total []int64 // per draw, in draw order
	sorted               []int64 // total, sorted
	closedDeals          int64
	openDeals            int64
	leftOut, timing      map[string]int64
}

func (s *Simulation) sort() {
	s.sorted = slices.Clone(s.total)
	slices.Sort(s.sorted)
}

// N returns the number of draws.
func (s *Simulation) N() int { return len(s.total) }

// Currency returns the currency of every figure.
func (s *Simulation) Currency() sp.Currency { return s.currency }

// Draws returns the period's revenue in each draw, in minor units of the
// currency, in draw order (a new slice): closed + won from open deals +
// won from new deals. Draw r of two simulations made with the same Seed,
// Shock and Draws saw the same period shock, so they add up (Simulation.Combine).
func (s *Simulation) Draws() []int64 { return slices.Clone(s.total) }

// Quantile returns the p-quantile of the period's revenue over the draws,
// by the type-7 rule (Hyndman and Fan; R's default, NumPy's "linear"):
// with the draws sorted x_0 ≤ … ≤ x_{n−1}, h = (n−1)·p, j = ⌊h⌋,
//
//	Q(p) = x_j + (h − j)·(x_{j+1} − x_j)
//
// with the interpolated part rounded half to even to a minor unit, so the
// result is exact money. Quantile panics if p is not in [0, 1].
func (s *Simulation) Quantile(p float64) sp.Money {
	if !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("forecast: quantile %v outside [0, 1]", p))
	}
	return sp.NewMoney(mcQuantile7(s.sorted, p), s.currency)
}

func mcQuantile7(x []int64, p float64) int64 {
	h := float64(len(x)-1) * p
	j := int(math.Floor(h))
	if j >= len(x)-1 {
		return x[len(x)-1]
	}
	return x[j] + int64(math.RoundToEven((h-float64(j))*float64(x[j+1]-x[j])))
}

// Range returns the 10th, 50th and 90th percentiles of the period's
// revenue (Quantile at 0.1, 0.5, 0.9): P10 ≤ P50 ≤ P90, and the actual
// revenue should land between P10 and P90 four periods in five.
func (s *Simulation) Range() (p10, p50, p90 sp.Money) {
	return s.Quantile(0.1), s.Quantile(0.5), s.Quantile(0.9)
}

// ProbAtLeast returns the chance of reaching target: the share of draws
// whose revenue is at least target, as the exact Rate (draws ≥ target) /
// (draws). A target in another currency is an error wrapping
// salesperf.ErrMixedCurrency; one that is not in int64 minor units, an
// error wrapping salesperf.ErrOverflow. The zero Money is a target of 0.
func (s *Simulation) ProbAtLeast(target sp.Money) (metrics.Rate, error) {
	if c := target.Currency(); c != "" && c != s.currency {
		return metrics.Rate{}, fmt.Errorf("forecast: target %s in a %s forecast: %w", target, s.currency, sp.ErrMixedCurrency)
	}
	t, ok := target.Minor()
	if !ok {
		return metrics.Rate{}, fmt.Errorf("forecast: target %s: %w", target, sp.ErrOverflow)
	}
	below, _ := slices.BinarySearch(s.sorted, t) // draws < t
	return metrics.Rate{Num: int64(len(s.sorted) - below), Den: int64(len(s.sorted))}, nil
}

// RevenueSplit is the mean revenue of the draws and its parts: Closed (won in
// the period at or before AsOf; the same in every draw), Open (the mean
// won from deals open at AsOf), New (the mean won from deals created
// after AsOf) and Total (the mean of the draws). The means are rounded
// half to even to a minor unit, each on its own, so Closed + Open + New
// may differ from Total by a minor unit or two.
type RevenueSplit struct {
	Closed, Open, New, Total sp.Money
}

// Mean returns the mean revenue of the draws split into closed, open and
// new (see RevenueSplit): Open = Σ_r open_r / n, New = Σ_r new_r / n, Total =
// Σ_r revenue_r / n, each rounded half to even.
func (s *Simulation) Mean() RevenueSplit {
	mean := func(x []int64) sp.Money {
		var sum sp.Sum
		for _, v := range x {
			sum.Add(sp.NewMoney(v, s.currency))
		}
		return sum.Of(s.currency).Div(int64(len(x)), sp.RoundHalfEven)
	}
	return RevenueSplit{
		Closed: sp.NewMoney(s.closed, s.currency),
		Open:   mean(s.open),
		New:    mean(s.fromNew),
		Total:  mean(s.total),
	}
}

// Deals returns the number of deals counted as closed (won in the period
// at or before AsOf) and the number of open deals simulated (including
// those that could add nothing: probability 0, or no chance to close in
// the period).
func (s *Simulation) Deals() (closed, open int64) { return s.closedDeals, s.openDeals }

// LeftOut returns the number of deals left out, by reason; an empty map
// when none was. The map is new. The reasons, and the sentinel the
// matching error of Simulate wraps:
//
//	"no probability"       Prob returned false                              ErrInvalidValue
//	"invalid probability"  Prob returned NaN or a value outside [0, 1]      ErrInvalidValue
//	"no amount"            the zero Money: no amount yet                    ErrInvalidValue
//	"currency"             amount in another currency                       ErrMixedCurrency
//	"amount"               amount not in int64 minor units                  ErrOverflow
//	"no stage"             no stage known as of AsOf                        ErrUnknownStage
//	"history mismatch"     stage history ends in another stage than Stage   ErrHistoryMismatch
//	"missing date"         no stage history and no created date             ErrMissingDate
//	"no timing"            no won deal to time it by, no expected close     ErrMissingDate
//	"duplicate id"         a second deal with an ID already seen            ErrDuplicateID
func (s *Simulation) LeftOut() map[string]int64 { return mcCloneCounts(s.leftOut) }

// Timing returns the number of open deals timed by each basis of the
// Timing model (BasisStage…); a new map.
func (s *Simulation) Timing() map[string]int64 { return mcCloneCounts(s.timing) }

func mcCloneCounts(m map[string]int64) map[string]int64 {
	out := make(map[string]int64, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Combine returns the simulation of two segments, s and o, together: the draws
// added one by one (revenue_r = a_r + b_r), closed, open and new parts
// likewise, counts and left-out reasons added. It is exact when a and b
// were simulated with the same Seed, Shock, Draws, AsOf and period (so
// draw r saw the same shock in both) on disjoint deals and with different
// Segment names; then Simulate(A).Combine(Simulate(B)) has the draws of
// Simulate(A ∪ B), with the new deals of both models. Combine is
// associative and commutative.
//
// Two simulations that do not match in those settings give an error
// wrapping salesperf.ErrInvalidValue (ErrMixedCurrency for different
// currencies); s and o are unchanged.
func (a *Simulation) Combine(b *Simulation) (*Simulation, error) {
	switch {
	case a.currency != b.currency:
		return nil, fmt.Errorf("forecast: combine %s with %s: %w", a.currency, b.currency, sp.ErrMixedCurrency)
	case len(a.total) != len(b.total) || a.seed != b.seed || a.shock != b.shock ||
		!a.asOf.Equal(b.asOf) || !a.from.Equal(b.from) || !a.to.Equal(b.to):
		return nil, fmt.Errorf("forecast: combine simulations of different draws, seed, shock, as-of or period: %w", sp.ErrInvalidValue)
	}
	n := len(a.total)
	s := &Simulation{
		currency: a.currency, asOf: a.asOf, from: a.from, to: a.to, seed: a.seed, shock: a.shock,
		closed: a.closed + b.closed, closedDeals: a.closedDeals + b.closedDeals, openDeals: a.openDeals + b.openDeals,
		open: make([]int64, n), fromNew: make([]int64, n), total: make([]int64, n),
		leftOut: mcCloneCounts(a.leftOut), timing: mcCloneCounts(a.timing),
	}
	for i := range n {
		s.open[i] = a.open[i] + b.open[i]
		s.fromNew[i] = a.fromNew[i] + b.fromNew[i]
		s.total[i] = a.total[i] + b.total[i]
	}
	for k, v := range b.leftOut {
		s.leftOut[k] += v
	}
	for k, v := range b.timing {
		s.timing[k] += v
	}
	s.sort()
	return s, nil
}
