package segment_test

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
	"pgregory.net/rapid"
)

func TestRankTiesAndOrder(t *testing.T) {
	type row = segment.Ranked[string, float64]
	for _, tt := range []struct {
		name   string
		in     map[string]float64
		opts   segment.RankOptions[string, float64]
		want   []row
		reason string
	}{
		{
			name:   "competition ranking",
			in:     map[string]float64{"d": 5, "b": 7, "a": 10, "c": 7},
			want:   []row{{"a", 10, 1, true}, {"b", 7, 2, true}, {"c", 7, 2, true}, {"d", 5, 4, true}},
			reason: "two 7s share rank 2; the next rank is 4, not 3; ties listed by key",
		},
		{
			name: "lower first",
			in:   map[string]float64{"d": 5, "b": 7, "a": 10, "c": 7},
			opts: segment.RankOptions[string, float64]{Order: segment.LowerFirst},
			want: []row{{"d", 5, 1, true}, {"b", 7, 2, true}, {"c", 7, 2, true}, {"a", 10, 4, true}},
		},
		{
			name: "all tied",
			in:   map[string]float64{"x": 1, "y": 1, "z": 1},
			want: []row{{"x", 1, 1, true}, {"y", 1, 1, true}, {"z", 1, 1, true}},
		},
		{
			name: "min n and keys without data",
			in:   map[string]float64{"a": 3, "b": 9, "c": 4, "d": 8},
			opts: segment.RankOptions[string, float64]{
				MinN:  5,
				Count: func(k string, _ float64) int64 { return map[string]int64{"a": 5, "b": 4, "c": 6, "d": 1}[k] },
				All:   []string{"e", "a", "e", "b"},
			},
			// ranked: a (3, n 5), c (4, n 6) → c 1, a 2; below: b 9, d 8 by value; then e once.
			want:   []row{{"c", 4, 1, true}, {"a", 3, 2, true}, {"b", 9, 0, true}, {"d", 8, 0, true}, {"e", 0, 0, false}},
			reason: "below MinN: listed by value with rank 0, even when better; keys of All without data last, once",
		},
		{
			name: "empty",
			in:   nil,
			want: nil,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := segment.Rank(tt.in, cmp.Compare[float64], tt.opts)
			if diff := gocmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

// TestRankIsPure: the rank of an entry is 1 + the number of entries
// with a strictly better value (the definition, counted naively), whatever
// the keys and the order the map was built in; relabelling the keys
// changes no value's rank.
func TestRankIsPure(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		values := rapid.SliceOfN(rapid.IntRange(0, 6), 0, 30).Draw(t, "values")
		perm := rapid.Permutation(values).Draw(t, "permutation")
		order := rapid.SampledFrom([]segment.Order{segment.HigherFirst, segment.LowerFirst}).Draw(t, "order")
		build := func(vs []int, prefix string) map[string]int {
			m := map[string]int{}
			for i, v := range vs {
				m[fmt.Sprintf("%s%02d", prefix, i)] = v
			}
			return m
		}
		rankOf := func(m map[string]int) map[int]int { // value → rank
			out := map[int]int{}
			for _, r := range segment.Rank(m, cmp.Compare[int], segment.RankOptions[string, int]{Order: order}) {
				if prev, ok := out[r.Value]; ok && prev != r.Rank {
					t.Fatalf("value %d has ranks %d and %d", r.Value, prev, r.Rank)
				}
				out[r.Value] = r.Rank
			}
			return out
		}
		a, b := rankOf(build(values, "a")), rankOf(build(perm, "z"))
		if diff := gocmp.Diff(a, b); diff != "" {
			t.Fatalf("ranks depend on input order or keys (-first +permuted):\n%s", diff)
		}
		for v, r := range a {
			better := 0
			for _, w := range values {
				if (order == segment.HigherFirst && w > v) || (order == segment.LowerFirst && w < v) {
					better++
				}
			}
			if r != better+1 {
				t.Fatalf("value %d: rank %d, want 1 + %d better", v, r, better)
			}
		}
	})
}

func TestRankFuncStructKeys(t *testing.T) {
	type team struct{ Region, Name string }
	byKey := func(a, b team) int { return cmp.Or(cmp.Compare(a.Region, b.Region), cmp.Compare(a.Name, b.Name)) }
	m := map[team]int{{"west", "smb"}: 4, {"east", "ent"}: 4, {"central", "mid"}: 9}
	got := segment.RankFunc(m, cmp.Compare[int], byKey, segment.RankOptions[team, int]{All: []team{{"north", "new"}}})
	want := []segment.Ranked[team, int]{
		{team{"central", "mid"}, 9, 1, true}, {team{"east", "ent"}, 4, 2, true},
		{team{"west", "smb"}, 4, 2, true}, {team{"north", "new"}, 0, 0, false},
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestRankAmounts(t *testing.T) {
	sum := func(amounts ...string) sp.Sum {
		var s sp.Sum
		for _, a := range amounts {
			s.Add(sp.MustParseMoney(a))
		}
		return s
	}
	won := map[string]sp.Sum{
		"a": sum("0.01 EUR"), "b": sum("100.00 EUR"), "c": sum("99.99 EUR", "0.01 EUR"), "d": sum(), "e": sum("-5 EUR"),
	}
	got, err := segment.RankAmounts(won, segment.RankOptions[string, sp.Sum]{})
	if err != nil {
		t.Fatal(err)
	}
	var ranks []string
	for _, r := range got {
		ranks = append(ranks, fmt.Sprintf("%d %s", r.Rank, r.Key))
	}
	// b = c = 100.00 exactly; a 0.01; d nothing (zero); e −5.
	want := []string{"1 b", "1 c", "3 a", "4 d", "5 e"}
	if diff := gocmp.Diff(want, ranks); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	for name, m := range map[string]map[string]sp.Sum{
		"two currencies in one sum": {"a": sum("1 USD", "1 EUR")},
		"two keys, two currencies":  {"a": sum("1 USD"), "b": sum("1 EUR")},
	} {
		if _, err := segment.RankAmounts(m, segment.RankOptions[string, sp.Sum]{}); !errors.Is(err, sp.ErrMixedCurrency) {
			t.Errorf("%s: error %v, want ErrMixedCurrency", name, err)
		}
	}
}

func TestLeaderboardHand(t *testing.T) {
	r := func(n, d int64) metrics.Rate { return metrics.Rate{Num: n, Den: d} }
	type row = segment.BoardRow[string]
	approx := cmpopts.EquateApprox(0, 1e-9)
	for _, tt := range []struct {
		name     string
		in       map[string]metrics.Rate
		opts     segment.BoardOptions[string]
		team     metrics.Rate
		prior    segment.Prior
		fallback bool
		want     []row // Lo, Hi checked elsewhere: zeroed here
	}{
		{
			// N = 20, X = 10, μ = 1/2, μ(1 − μ) = 1/4, S = 64/10 + 4/10 − 100/20 = 1.8,
			// ρ = (1.8/0.25 − 1) / (20 − 200/20 − 1) = 6.2/9 = 31/45,
			// α + β = (14/45)/(31/45) = 14/31, α = β = 7/31.
			// shrunk a = (8 + 7/31)/(10 + 14/31) = 255/324, b = 69/324.
			name:  "method of moments",
			in:    map[string]metrics.Rate{"a": r(8, 10), "b": r(2, 10)},
			team:  r(10, 20),
			prior: segment.Prior{Alpha: 7.0 / 31, Beta: 7.0 / 31},
			want: []row{
				{Key: "a", Rate: r(8, 10), OK: true, Shrunk: 255.0 / 324, RateRank: 1, ShrunkRank: 1},
				{Key: "b", Rate: r(2, 10), OK: true, Shrunk: 69.0 / 324, RateRank: 2, ShrunkRank: 2},
			},
		},
		{
			// a 5/10, b 5/10, c 6/20: X = 16, N = 40, μ = 0.4;
			// S = 25/10 + 25/10 + 36/20 − 256/40 = 2.5 + 2.5 + 1.8 − 6.4 = 0.4,
			// S/μ(1−μ) = 0.4/0.24 = 1.667 < k − 1 = 2: ρ < 0 → fallback, strength = median n = 10,
			// α = 4, β = 6; shrunk a = b = 9/20 = 0.45, c = 10/30.
			// MinN 11: a and b are listed, not ranked; z has no data.
			name:     "fallback to the median n, min n, no data",
			in:       map[string]metrics.Rate{"a": r(5, 10), "b": r(5, 10), "c": r(6, 20)},
			opts:     segment.BoardOptions[string]{MinN: 11, All: []string{"z", "a"}},
			team:     r(16, 40),
			prior:    segment.Prior{Alpha: 4, Beta: 6},
			fallback: true,
			want: []row{
				{Key: "c", Rate: r(6, 20), OK: true, Shrunk: 10.0 / 30, RateRank: 1, ShrunkRank: 1},
				{Key: "a", Rate: r(5, 10), OK: true, Shrunk: 0.45},
				{Key: "b", Rate: r(5, 10), OK: true, Shrunk: 0.45},
				{Key: "z"},
			},
		},
		{
			// A given prior Beta(1, 1): shrunk = (x + 1)/(n + 2). a 2/2 → 3/4, b 45/60 → 46/62,
			// c 1/2 → 2/4, d 0/0 has no value. Ranked by raw rate: a 1, b 2, c 3; shrunk: a 1, b 2, c 3.
			name:  "given prior, raw rank order, rate over nothing",
			in:    map[string]metrics.Rate{"a": r(2, 2), "b": r(45, 60), "c": r(1, 2), "d": r(0, 0), "e": r(3, 2)},
			opts:  segment.BoardOptions[string]{RankBy: segment.RawRate, Prior: segment.Prior{Alpha: 1, Beta: 1}},
			team:  r(48, 64),
			prior: segment.Prior{Alpha: 1, Beta: 1},
			want: []row{
				{Key: "a", Rate: r(2, 2), OK: true, Shrunk: 0.75, RateRank: 1, ShrunkRank: 1},
				{Key: "b", Rate: r(45, 60), OK: true, Shrunk: 46.0 / 62, RateRank: 2, ShrunkRank: 2},
				{Key: "c", Rate: r(1, 2), OK: true, Shrunk: 0.5, RateRank: 3, ShrunkRank: 3},
				{Key: "d", Rate: r(0, 0)},
				{Key: "e", Rate: r(3, 2)},
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := segment.Leaderboard(tt.in, tt.opts)
			for i := range b.Rows {
				b.Rows[i].Lo, b.Rows[i].Hi = 0, 0
			}
			if diff := gocmp.Diff(tt.want, b.Rows, approx); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if diff := gocmp.Diff(tt.prior, b.Prior, approx); diff != "" {
				t.Errorf("prior (-want +got):\n%s", diff)
			}
			if b.Team != tt.team || b.Fallback != tt.fallback || b.Level != 0.95 {
				t.Errorf("team %v fallback %v level %v, want %v %v 0.95", b.Team, b.Fallback, b.Level, tt.team, tt.fallback)
			}
		})
	}
}

func TestLeaderboardIntervals(t *testing.T) {
	in := map[string]metrics.Rate{"a": {Num: 8, Den: 10}}
	for _, tt := range []struct {
		interval segment.Interval
		lo, hi   float64
	}{
		{segment.Wilson, 0.4902, 0.9433},   // Wilson 8/10 at 95% (Wilson 1927; see metrics)
		{segment.Jeffreys, 0.4972, 0.9559}, // Jeffreys 8/10 at 95%
	} {
		b := segment.Leaderboard(in, segment.BoardOptions[string]{Interval: tt.interval})
		row := b.Rows[0]
		if math.Abs(row.Lo-tt.lo) > 5e-5 || math.Abs(row.Hi-tt.hi) > 5e-5 || b.Interval != tt.interval {
			t.Errorf("%v: [%.4f, %.4f], want [%.4f, %.4f]", tt.interval, row.Lo, row.Hi, tt.lo, tt.hi)
		}
	}
	// At 90%, z = 1.644854, z² = 2.705543, 1 + z²/n = 1.2705543:
	// centre = (0.8 + 0.1352771)/1.2705543 = 0.736117,
	// half = 1.644854/1.2705543 · √(0.016 + 2.705543/400) = 1.294592 · 0.150877 = 0.195324:
	// (0.5408, 0.9314).
	b := segment.Leaderboard(in, segment.BoardOptions[string]{Level: 0.9})
	if row := b.Rows[0]; math.Abs(row.Lo-0.5408) > 5e-5 || math.Abs(row.Hi-0.9314) > 5e-5 {
		t.Errorf("Wilson 90%%: [%.4f, %.4f], want [0.5408, 0.9314]", row.Lo, row.Hi)
	}
}

// TestLeaderboardProperties: on random teams, the shrunk rate lies between
// the rep's rate and the team rate; the board does not depend on the order
// the map was built in or on the keys; the raw ranks follow the exact
// rates.
func TestLeaderboardProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(0, 15).Draw(t, "reps")
		var rates []metrics.Rate
		for i := range k {
			n := rapid.Int64Range(0, 200).Draw(t, fmt.Sprintf("n%d", i))
			rates = append(rates, metrics.Rate{Num: rapid.Int64Range(0, n).Draw(t, fmt.Sprintf("x%d", i)), Den: n})
		}
		opts := segment.BoardOptions[string]{
			MinN:   rapid.Int64Range(0, 30).Draw(t, "minN"),
			RankBy: rapid.SampledFrom([]segment.RankBy{segment.ShrunkRate, segment.RawRate}).Draw(t, "rankBy"),
		}
		perm := rapid.Permutation(rates).Draw(t, "permutation")
		board := func(rs []metrics.Rate, prefix string) segment.Board[string] {
			m := map[string]metrics.Rate{}
			for i, r := range rs {
				m[fmt.Sprintf("%s%02d", prefix, i)] = r
			}
			return segment.Leaderboard(m, opts)
		}
		a, b := board(rates, "a"), board(perm, "b")
		if a.Prior != b.Prior || a.Team != b.Team {
			t.Fatalf("prior or team depends on order: %v %v / %v %v", a.Prior, a.Team, b.Prior, b.Team)
		}
		ranks := func(bd segment.Board[string]) map[metrics.Rate][2]int {
			out := map[metrics.Rate][2]int{}
			for _, r := range bd.Rows {
				got := [2]int{r.RateRank, r.ShrunkRank}
				if prev, ok := out[r.Rate]; ok && prev != got {
					t.Fatalf("rate %v ranked %v and %v", r.Rate, prev, got)
				}
				out[r.Rate] = got
			}
			return out
		}
		if diff := gocmp.Diff(ranks(a), ranks(b)); diff != "" {
			t.Fatalf("ranks depend on order or keys (-first +permuted):\n%s", diff)
		}
		team, _ := a.Team.Value()
		for _, r := range a.Rows {
			if !r.OK {
				continue
			}
			raw, _ := r.Rate.Value()
			if r.Shrunk < min(raw, team) || r.Shrunk > max(raw, team) {
				t.Fatalf("%v: shrunk %v not between rate %v and team %v", r.Rate, r.Shrunk, raw, team)
			}
			if r.Lo > raw || r.Hi < raw {
				t.Fatalf("%v: interval [%v, %v] misses the rate", r.Rate, r.Lo, r.Hi)
			}
			if r.RateRank == 0 {
				if r.Rate.Den >= opts.MinN {
					t.Fatalf("%v not ranked with MinN %d", r.Rate, opts.MinN)
				}
				continue
			}
			better := 0 // exact: x'·n > x·n'
			for _, o := range rates {
				if o.Den >= max(opts.MinN, 1) && o.Num*r.Rate.Den > r.Rate.Num*o.Den {
					better++
				}
			}
			if r.RateRank != better+1 {
				t.Fatalf("%v: raw rank %d, want 1 + %d better", r.Rate, r.RateRank, better)
			}
		}
	})
}

func TestLeaderboardPanics(t *testing.T) {
	for name, opts := range map[string]segment.BoardOptions[string]{
		"level 1":        {Level: 1},
		"level negative": {Level: -0.5},
		"level NaN":      {Level: math.NaN()},
		"prior negative": {Prior: segment.Prior{Alpha: -1, Beta: 2}},
		"prior inf":      {Prior: segment.Prior{Alpha: math.Inf(1)}},
		"interval":       {Interval: 7},
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			segment.Leaderboard(map[string]metrics.Rate{"a": {Num: 1, Den: 2}}, opts)
		})
	}
	defer func() {
		if recover() == nil {
			t.Error("MinN without Count: no panic")
		}
	}()
	segment.Rank(map[string]int{"a": 1}, cmp.Compare[int], segment.RankOptions[string, int]{MinN: 1})
}

func TestEstimatePrior(t *testing.T) {
	r := func(n, d int64) metrics.Rate { return metrics.Rate{Num: n, Den: d} }
	for _, tt := range []struct {
		name     string
		in       []metrics.Rate
		want     segment.Prior
		fallback bool
	}{
		{"none", nil, segment.Prior{}, true},
		{"one rep: median n", []metrics.Rate{{Num: 3, Den: 4}}, segment.Prior{Alpha: 3, Beta: 1}, true},
		{"all lost: median of 2, 4, 9 is 4", []metrics.Rate{r(0, 2), r(0, 9), r(0, 4)}, segment.Prior{Alpha: 0, Beta: 4}, true},
		{"one deal each: not identifiable", []metrics.Rate{r(1, 1), r(0, 1), r(1, 1)}, segment.Prior{Alpha: 2.0 / 3, Beta: 1.0 / 3}, true},
		// all or nothing: a 10/10, b 0/10: S = 10 − 5 = 5, S/μ(1−μ) = 20, ρ = 19/(20 − 10 − 1) = 19/9 ≥ 1: no shrinking.
		{"reps differ all the way", []metrics.Rate{r(10, 10), r(0, 10)}, segment.Prior{}, false},
	} {
		got, fb := segment.EstimatePrior(tt.in)
		if diff := gocmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" || fb != tt.fallback {
			t.Errorf("%s: fallback %v, want %v; prior (-want +got):\n%s", tt.name, fb, tt.fallback, diff)
		}
	}
}
