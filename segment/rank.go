package segment

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// Order says which end of a ranking is best. The zero Order is
// HigherFirst.
type Order int8

// The orders.
const (
	HigherFirst Order = iota // the highest value ranks 1: win rate, won amount, deals won
	LowerFirst               // the lowest value ranks 1: sales cycle, lead response time
)

// Ranked is one line of a ranking: a key (a rep, a team), its value and
// its rank.
type Ranked[K comparable, V any] struct {
	Key   K
	Value V
	// Rank is the standard competition rank, 1 for the best: entries with
	// equal values share a rank and the next rank skips as many places
	// (1, 2, 2, 4). It is 0 for an entry listed but not ranked: below
	// RankOptions.MinN, or without a value.
	Rank int
	// OK is false for a key of RankOptions.All that has no value (a rep
	// with no data): Value is the zero V.
	OK bool
}

// RankOptions says how a ranking treats its entries. The zero RankOptions
// ranks every entry, highest value first.
type RankOptions[K comparable, V any] struct {
	Order Order
	// MinN is the smallest sample a ranked entry needs: an entry whose
	// Count is below MinN is listed, after the ranked ones, with rank 0.
	MinN int64
	// Count is the sample size behind an entry's value (the deals it
	// counts). It is required when MinN > 0.
	Count func(key K, v V) int64
	// All lists keys to show even without a value (every rep of the
	// team): those absent from the map are listed last with OK false and
	// rank 0. Keys of the map that All does not list are shown too.
	All []K
}

// Rank ranks the entries of m by their values, best first, in standard
// competition ranking: an entry's rank is 1 + the number of ranked entries
// with a better value, so equal values share a rank (1, 2, 2, 4).
// compare(a, b) is negative when a is less than b, zero when equal and
// positive when greater, and must be a strict weak ordering (as for
// slices.SortFunc): cmp.Compare for numbers, or a function comparing
// amounts or durations exactly. With HigherFirst (the zero Order) the
// greatest value ranks 1; with LowerFirst the least.
//
// The result lists the ranked entries by rank and, within a rank, by key;
// then the entries below opts.MinN, by value (best first) and key, with
// rank 0; then the keys of opts.All without a value, by key. The ranks
// depend on the values only, never on the map's order or the keys' names:
// the keys only order equal values for display.
//
// Rank panics if compare is nil, or if opts.MinN > 0 and opts.Count is
// nil.
func Rank[K cmp.Ordered, V any](m map[K]V, compare func(a, b V) int, opts RankOptions[K, V]) []Ranked[K, V] {
	return RankFunc(m, compare, cmp.Compare[K], opts)
}

// RankFunc is [Rank] for keys of any type, ordered by keys (negative when
// a comes first) where values are equal: teams as structs, rep × period
// (Compare2). It panics if keys is nil, and as Rank does.
func RankFunc[K comparable, V any](m map[K]V, compare func(a, b V) int, keys func(a, b K) int, opts RankOptions[K, V]) []Ranked[K, V] {
	if compare == nil {
		panic("segment: nil compare function")
	}
	if keys == nil {
		panic("segment: nil key compare function")
	}
	if opts.MinN > 0 && opts.Count == nil {
		panic("segment: RankOptions.MinN needs a Count function")
	}
	better := func(a, b Ranked[K, V]) int { // negative when a ranks before b
		if opts.Order == LowerFirst {
			return compare(a.Value, b.Value)
		}
		return compare(b.Value, a.Value)
	}
	var ranked, below []Ranked[K, V]
	for k, v := range m {
		e := Ranked[K, V]{Key: k, Value: v, OK: true}
		if opts.MinN > 0 && opts.Count(k, v) < opts.MinN {
			below = append(below, e)
		} else {
			ranked = append(ranked, e)
		}
	}
	byKey := func(a, b Ranked[K, V]) int { return keys(a.Key, b.Key) }
	for i, r := range competition(ranked, better, byKey) {
		ranked[i].Rank = r
	}
	competition(below, better, byKey)
	return append(append(ranked, below...), missing(m, opts.All, keys, func(k K) Ranked[K, V] {
		return Ranked[K, V]{Key: k}
	})...)
}

// RankAmounts ranks amounts of money exactly — won amount, pipeline
// created — with the rules of [Rank]: equal amounts share a rank, and the
// zero Sum (nothing won) ranks as zero. Every amount must be in one and
// the same currency (convert them first, with Sum.Convert or at the
// deals): otherwise the result is nil and an error wrapping
// salesperf.ErrMixedCurrency that names the key. It panics as Rank does.
func RankAmounts[K cmp.Ordered](m map[K]sp.Sum, opts RankOptions[K, sp.Sum]) ([]Ranked[K, sp.Sum], error) {
	return RankAmountsFunc(m, cmp.Compare[K], opts)
}

// RankAmountsFunc is [RankAmounts] for keys of any type, ordered by keys
// where amounts are equal. It panics if keys is nil.
func RankAmountsFunc[K comparable](m map[K]sp.Sum, keys func(a, b K) int, opts RankOptions[K, sp.Sum]) ([]Ranked[K, sp.Sum], error) {
	if keys == nil {
		panic("segment: nil key compare function")
	}
	var currency sp.Currency
	var first K
	for _, k := range sortedKeys(m, keys) { // in key order, so the error is the same on every run
		s := m[k]
		total, err := s.Single()
		if err != nil {
			return nil, fmt.Errorf("segment: %v: %w", k, err)
		}
		switch c := total.Currency(); {
		case c == "" || c == currency:
		case currency == "":
			currency, first = c, k
		default:
			return nil, fmt.Errorf("segment: %w: %v in %s, %v in %s", sp.ErrMixedCurrency, first, currency, k, c)
		}
	}
	compare := func(a, b sp.Sum) int {
		x, _ := a.Single() // one currency: checked above
		y, _ := b.Single()
		c, _ := x.Cmp(y)
		return c
	}
	return RankFunc(m, compare, keys, opts), nil
}

// competition sorts xs by first (negative when a ranks before b), then
// by keys, and returns the standard competition rank of each position:
// 1 + the number of entries strictly before it by first.
func competition[E any](xs []E, first, keys func(a, b E) int) []int {
	slices.SortFunc(xs, func(a, b E) int {
		if c := first(a, b); c != 0 {
			return c
		}
		return keys(a, b)
	})
	ranks := make([]int, len(xs))
	for i := range xs {
		if i > 0 && first(xs[i-1], xs[i]) == 0 {
			ranks[i] = ranks[i-1]
		} else {
			ranks[i] = i + 1
		}
	}
	return ranks
}

// missing returns an entry made by empty for each key of all absent from
// m, once each, in key order.
func missing[K comparable, V, E any](m map[K]V, all []K, keys func(a, b K) int, empty func(K) E) []E {
	var ks []K
	for _, k := range all {
		if _, ok := m[k]; !ok && !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	slices.SortFunc(ks, keys)
	out := make([]E, len(ks))
	for i, k := range ks {
		out[i] = empty(k)
	}
	return out
}

// sortedKeys returns the keys of m in the order of keys.
func sortedKeys[K comparable, V any](m map[K]V, keys func(a, b K) int) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, keys)
	return out
}

// Interval names a confidence interval on a rate.
type Interval int8

// The intervals. The zero Interval is Wilson.
const (
	Wilson   Interval = iota // the Wilson score interval: metrics.Rate.Wilson
	Jeffreys                 // the Jeffreys interval: metrics.Rate.Jeffreys
)

// String returns "Wilson", "Jeffreys" or "Interval(N)".
func (i Interval) String() string {
	switch i {
	case Wilson:
		return "Wilson"
	case Jeffreys:
		return "Jeffreys"
	}
	return fmt.Sprintf("Interval(%d)", int8(i))
}

// RankBy says which rate orders a leaderboard. The zero RankBy is
// ShrunkRate.
type RankBy int8

// The rates a leaderboard ranks by.
const (
	ShrunkRate RankBy = iota // the rate shrunk toward the team's: 2 of 2 does not outrank 45 of 60
	RawRate                  // the rate as recorded, Num / Den
)

// Prior is a beta prior on a rep's rate, Beta(Alpha, Beta): what the team
// says about a rep before looking at the rep's own deals. It weighs as
// Alpha won and Beta lost deals added to every rep's record; its mean is
// Alpha / (Alpha + Beta) and its strength Alpha + Beta.
type Prior struct {
	Alpha float64 `json:"alpha"`
	Beta  float64 `json:"beta"`
}

// BoardOptions says how Leaderboard ranks. The zero BoardOptions ranks
// every rep with data by the shrunk rate, with 95% Wilson intervals and a
// prior estimated from the entries.
type BoardOptions[K comparable] struct {
	// MinN is the fewest closed deals (Rate.Den) a ranked rep needs: a rep
	// below it is listed, after the ranked ones, with rank 0.
	MinN int64
	// Level is the confidence level of the intervals, in (0, 1); 0 means
	// 0.95.
	Level float64
	// Interval is the interval shown: Wilson (the zero value) or Jeffreys.
	Interval Interval
	// RankBy orders the rows: ShrunkRate (the zero value) or RawRate. Both
	// ranks are computed either way.
	RankBy RankBy
	// Prior is the prior to shrink toward. The zero Prior means: estimate
	// it from the entries (see Leaderboard).
	Prior Prior
	// All lists keys to show even without data (every rep of the team):
	// those absent from the map are listed last, not ranked.
	All []K
}

// Board is a leaderboard of rates: one row per key, the team's rate and
// the prior the shrunk rates use.
type Board[K comparable] struct {
	Rows []BoardRow[K]
	// Team is the pooled rate of every entry: Σ Num / Σ Den.
	Team metrics.Rate
	// Prior is the prior used: the one given in the options, or the
	// estimate from the entries.
	Prior Prior
	// Fallback is true when the prior was estimated but the spread
	// between reps did not allow the method of moments (see Leaderboard),
	// so its strength is the median rep's Den.
	Fallback bool
	Level    float64
	Interval Interval
	RankBy   RankBy
}

// BoardRow is one key's line on a leaderboard.
type BoardRow[K comparable] struct {
	Key  K
	Rate metrics.Rate
	// OK is false when Rate has no value as a share (Den = 0, or Num
	// outside [0, Den]): a rep with no data. Lo, Hi and Shrunk are then 0
	// and both ranks 0.
	OK bool
	// Lo and Hi bound the confidence interval of the rate (Board.Interval
	// at Board.Level).
	Lo, Hi float64
	// Shrunk is the rate shrunk toward the prior: (Num + α) / (Den + α + β).
	Shrunk float64
	// RateRank and ShrunkRank are the standard competition ranks (1, 2,
	// 2, 4) by the raw rate and by the shrunk rate; 0 when not ranked.
	RateRank, ShrunkRank int
}

// Leaderboard ranks reps (or teams) by a rate — win rate, conversion —
// and shows how much each rate can be trusted: a confidence interval, and
// the rate shrunk toward the team's by empirical Bayes, so that 2 of 2
// does not outrank 45 of 60.
//
// For each key with x = Num and n = Den:
//
//	rate   = x / n, compared exactly (x₁·n₂ against x₂·n₁)
//	lo, hi = the Wilson or Jeffreys interval at opts.Level (metrics.Rate.Wilson, Jeffreys)
//	shrunk = (x + α) / (n + α + β), the posterior mean under the Prior Beta(α, β)
//
// The shrunk rate always lies between the rep's rate and the prior's mean:
// the fewer deals, the closer to the team. Ranks are standard competition
// ranks (see [Rank]) among the keys with n ≥ opts.MinN, by the raw and by
// the shrunk rate; rows are ordered by the one opts.RankBy names, then by
// key, then come the keys below MinN and the keys of opts.All without
// data. The ranks depend only on the figures, never on the map's order.
//
// The prior, unless opts.Prior gives one, is estimated by the
// beta-binomial method of moments over every key with data (below MinN
// too), weighting each rep by n (Kleinman 1973). With k reps, N = Σ n,
// the team rate μ = Σ x / N and S = Σ n (x/n − μ)², it solves
// E[S] = S for the intra-class correlation ρ = 1 / (α + β + 1):
//
//	ρ     = (S / (μ(1 − μ)) − (k − 1)) / (N − Σ n² / N − (k − 1))
//	α + β = (1 − ρ) / ρ,  α = μ(α + β),  β = (1 − μ)(α + β)
//
// computed exactly in rationals, so the prior does not depend on the
// map's order either. When ρ ≥ 1 the reps differ as much as they can and
// nothing is shrunk (α = β = 0). When ρ ≤ 0 — the rates spread no more
// than chance would spread them, so the data cannot tell how much reps
// really differ — or ρ cannot be computed (fewer than two reps, every
// deal won or every deal lost, a single deal each), Board.Fallback is set
// and the strength α + β is the median n of the reps with data. Shrinking
// fully to the team rate would rank every rep equal on the strength of a
// noisy estimate from a dozen reps; a prior as strong as the median rep's
// record instead halves the weight of a typical rep's own deals, pulls a
// rep with few deals most of the way to the team, and still ranks reps by
// the evidence.
//
// Leaderboard panics if opts.Level is not 0 and not in (0, 1), or if
// opts.Prior has a negative, infinite or NaN part.
func Leaderboard[K cmp.Ordered](rates map[K]metrics.Rate, opts BoardOptions[K]) Board[K] {
	return LeaderboardFunc(rates, cmp.Compare[K], opts)
}

// LeaderboardFunc is [Leaderboard] for keys of any type, ordered by keys
// where rates are equal. It panics if keys is nil, and as Leaderboard
// does.
func LeaderboardFunc[K comparable](rates map[K]metrics.Rate, keys func(a, b K) int, opts BoardOptions[K]) Board[K] {
	if keys == nil {
		panic("segment: nil key compare function")
	}
	level := opts.Level
	if level == 0 {
		level = 0.95
	}
	if !(level > 0 && level < 1) {
		panic("segment: BoardOptions.Level must be in (0, 1)")
	}
	if opts.Interval != Wilson && opts.Interval != Jeffreys {
		panic("segment: invalid Interval")
	}
	pr := opts.Prior
	for _, v := range []float64{pr.Alpha, pr.Beta} {
		if !(v >= 0) || math.IsInf(v, 0) {
			panic("segment: BoardOptions.Prior must have finite, non-negative parts")
		}
	}
	b := Board[K]{Level: level, Interval: opts.Interval, RankBy: opts.RankBy}
	var shares []metrics.Rate
	for _, r := range rates {
		if share(r) {
			b.Team.Num += r.Num
			b.Team.Den += r.Den
			shares = append(shares, r)
		}
	}
	team, _ := b.Team.Value()
	target := team // the shrunk rates lie between the rep's rate and target
	if pr.Alpha+pr.Beta > 0 {
		b.Prior = pr
		target = pr.Alpha / (pr.Alpha + pr.Beta)
	} else {
		b.Prior, b.Fallback = EstimatePrior(shares)
	}

	var ranked, below []BoardRow[K]
	for k, r := range rates {
		row := BoardRow[K]{Key: k, Rate: r, OK: share(r)}
		if row.OK {
			if opts.Interval == Jeffreys {
				row.Lo, row.Hi, _ = r.Jeffreys(level)
			} else {
				row.Lo, row.Hi, _ = r.Wilson(level)
			}
			row.Shrunk = shrink(r, b.Prior, target)
		}
		if row.OK && r.Den >= opts.MinN {
			ranked = append(ranked, row)
		} else {
			below = append(below, row)
		}
	}
	byRate := func(a, b BoardRow[K]) int { return compareRates(b.Rate, a.Rate) }
	byShrunk := func(a, b BoardRow[K]) int { return cmp.Compare(b.Shrunk, a.Shrunk) }
	byKey := func(a, b BoardRow[K]) int { return keys(a.Key, b.Key) }
	setRate := func(row *BoardRow[K], r int) { row.RateRank = r }
	setShrunk := func(row *BoardRow[K], r int) { row.ShrunkRank = r }
	first, setFirst, other, setOther := byShrunk, setShrunk, byRate, setRate
	if opts.RankBy == RawRate {
		first, setFirst, other, setOther = byRate, setRate, byShrunk, setShrunk
	}
	for i, r := range competition(ranked, other, byKey) {
		setOther(&ranked[i], r)
	}
	for i, r := range competition(ranked, first, byKey) { // the last sort is the display order
		setFirst(&ranked[i], r)
	}
	competition(below, func(a, b BoardRow[K]) int {
		switch {
		case a.OK && !b.OK: // rows without a value after those with one
			return -1
		case !a.OK && b.OK:
			return 1
		case !a.OK:
			return 0
		}
		return first(a, b)
	}, byKey)
	b.Rows = append(append(ranked, below...), missing(rates, opts.All, keys, func(k K) BoardRow[K] {
		return BoardRow[K]{Key: k}
	})...)
	return b
}

// EstimatePrior estimates the team's prior on a rate from the reps' rates
// by the beta-binomial method of moments, as [Leaderboard] describes: the
// prior's mean is the team rate Σ Num / Σ Den and its strength α + β
// solves for the spread of the rates beyond chance, weighting each rep by
// Den. fallback is true when that spread is not positive or cannot be
// computed, and the strength is then the median Den. Rates with no value
// as a share (Den = 0, Num outside [0, Den]) are ignored; with none left
// the prior is zero. The result does not depend on the order of rates.
func EstimatePrior(rates []metrics.Rate) (p Prior, fallback bool) {
	var ns []int64
	x, n, k := new(big.Int), new(big.Int), int64(0)
	s, q := new(big.Rat), new(big.Int) // Σ x²/n, Σ n²
	for _, r := range rates {
		if !share(r) {
			continue
		}
		k++
		ns = append(ns, r.Den)
		xi, ni := big.NewInt(r.Num), big.NewInt(r.Den)
		x.Add(x, xi)
		n.Add(n, ni)
		s.Add(s, new(big.Rat).SetFrac(new(big.Int).Mul(xi, xi), ni))
		q.Add(q, new(big.Int).Mul(ni, ni))
	}
	if k == 0 {
		return Prior{}, true
	}
	mu := new(big.Rat).SetFrac(x, n)
	withStrength := func(strength *big.Rat) Prior {
		a := new(big.Rat).Mul(mu, strength)
		b := new(big.Rat).Sub(strength, a)
		fa, _ := a.Float64()
		fb, _ := b.Float64()
		return Prior{Alpha: fa, Beta: fb}
	}
	slices.Sort(ns)
	median := new(big.Rat).SetFrac64(ns[(k-1)/2]+ns[k/2], 2)
	if k < 2 || x.Sign() == 0 || x.Cmp(n) == 0 {
		return withStrength(median), true
	}
	// S = Σ n (x/n − μ)² = Σ x²/n − X²/N
	spread := new(big.Rat).Sub(s, new(big.Rat).SetFrac(new(big.Int).Mul(x, x), n))
	variance := new(big.Rat).Mul(mu, new(big.Rat).Sub(big.NewRat(1, 1), mu)) // μ(1 − μ)
	km1 := new(big.Rat).SetInt64(k - 1)
	num := new(big.Rat).Sub(new(big.Rat).Quo(spread, variance), km1)
	den := new(big.Rat).Sub(new(big.Rat).SetInt(n), new(big.Rat).SetFrac(q, n))
	den.Sub(den, km1)
	if den.Sign() <= 0 || num.Sign() <= 0 {
		return withStrength(median), true
	}
	rho := num.Quo(num, den)
	if rho.Cmp(big.NewRat(1, 1)) >= 0 {
		return Prior{}, false
	}
	return withStrength(new(big.Rat).Quo(new(big.Rat).Sub(big.NewRat(1, 1), rho), rho)), false
}

// share reports whether r has a value as a share: Den > 0, 0 ≤ Num ≤ Den.
func share(r metrics.Rate) bool { return r.Den > 0 && r.Num >= 0 && r.Num <= r.Den }

// shrink returns (Num + α) / (Den + α + β), kept between r's rate and
// target (the prior's mean) against rounding.
func shrink(r metrics.Rate, p Prior, target float64) float64 {
	raw, _ := r.Value()
	v := (float64(r.Num) + p.Alpha) / (float64(r.Den) + p.Alpha + p.Beta)
	return min(max(v, min(raw, target)), max(raw, target))
}

// compareRates compares two shares exactly, by a.Num·b.Den against
// b.Num·a.Den in 128 bits.
func compareRates(a, b metrics.Rate) int {
	ah, al := bits.Mul64(uint64(a.Num), uint64(b.Den))
	bh, bl := bits.Mul64(uint64(b.Num), uint64(a.Den))
	if c := cmp.Compare(ah, bh); c != 0 {
		return c
	}
	return cmp.Compare(al, bl)
}
