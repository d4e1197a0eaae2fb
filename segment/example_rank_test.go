package segment_test

import (
	"cmp"
	"errors"
	"fmt"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// Deals won per rep, ranked: equal counts share a rank and the next rank
// skips (1, 2, 2, 4). dan closed too few deals to be ranked, and eve, on
// the team list, has no data.
func ExampleRank() {
	won := map[string]int64{"ann": 12, "bob": 9, "cat": 9, "dan": 3, "fay": 7}
	closed := map[string]int64{"ann": 30, "bob": 20, "cat": 25, "dan": 4, "fay": 21}
	rows := segment.Rank(won, cmp.Compare[int64], segment.RankOptions[string, int64]{
		MinN:  10,
		Count: func(rep string, _ int64) int64 { return closed[rep] },
		All:   []string{"ann", "bob", "cat", "dan", "eve", "fay"},
	})
	for _, r := range rows {
		fmt.Println(r.Rank, r.Key, r.Value, r.OK)
	}
	// Output:
	// 1 ann 12 true
	// 2 bob 9 true
	// 2 cat 9 true
	// 4 fay 7 true
	// 0 dan 3 true
	// 0 eve 0 false
}

// Won amounts are compared exactly, to the cent; amounts in two
// currencies are an error until converted.
func ExampleRankAmounts() {
	sum := func(amounts ...string) sp.Sum {
		var s sp.Sum
		for _, a := range amounts {
			s.Add(sp.MustParseMoney(a))
		}
		return s
	}
	won := map[string]sp.Sum{
		"ann": sum("12000.00 USD", "3000.01 USD"),
		"bob": sum("15000.01 USD"),
		"cat": sum("9000.00 USD"),
		"dan": sum(),
	}
	rows, err := segment.RankAmounts(won, segment.RankOptions[string, sp.Sum]{})
	for _, r := range rows {
		fmt.Println(r.Rank, r.Key, r.Value.String())
	}
	fmt.Println(err)

	won["eve"] = sum("5000.00 EUR")
	_, err = segment.RankAmounts(won, segment.RankOptions[string, sp.Sum]{})
	fmt.Println(errors.Is(err, sp.ErrMixedCurrency), err)
	// Output:
	// 1 ann 15000.01 USD
	// 1 bob 15000.01 USD
	// 3 cat 9000.00 USD
	// 4 dan 0
	// <nil>
	// true segment: mixed currencies: ann in USD, eve in EUR
}

// Ranked by the raw rate, bob's 2 of 2 (100%) beats ann's 45 of 60 (75%);
// ranked by the rate shrunk toward the team's, ann is first: two deals
// say little, sixty say a lot. The interval shows it too.
func ExampleLeaderboard() {
	winRate := map[string]metrics.Rate{
		"ann": {Num: 45, Den: 60},
		"bob": {Num: 2, Den: 2},
		"cat": {Num: 12, Den: 40},
		"dan": {Num: 20, Den: 50},
		"eve": {Num: 8, Den: 30},
	}
	b := segment.Leaderboard(winRate, segment.BoardOptions[string]{})
	fmt.Printf("team %v, prior α=%.2f β=%.2f\n", b.Team, b.Prior.Alpha, b.Prior.Beta)
	for _, r := range b.Rows {
		fmt.Printf("%d %s %-16v [%.3f, %.3f] shrunk %.3f (raw rank %d)\n",
			r.ShrunkRank, r.Key, r.Rate, r.Lo, r.Hi, r.Shrunk, r.RateRank)
	}
	// Output:
	// team 47.8% (87/182), prior α=1.78 β=1.95
	// 1 ann 75.0% (45/60)    [0.628, 0.842] shrunk 0.734 (raw rank 2)
	// 2 bob 100.0% (2/2)     [0.342, 1.000] shrunk 0.660 (raw rank 1)
	// 3 dan 40.0% (20/50)    [0.276, 0.538] shrunk 0.405 (raw rank 3)
	// 4 cat 30.0% (12/40)    [0.181, 0.454] shrunk 0.315 (raw rank 4)
	// 5 eve 26.7% (8/30)     [0.142, 0.444] shrunk 0.290 (raw rank 5)
}
