package metrics_test

import (
	"fmt"

	"github.com/salesperf/salesperf/metrics"
)

// 8 won out of 10 closed: the true win rate is somewhere between about
// 49% and 94%. Eighty out of a hundred pins it down much better.
func ExampleRate_Wilson() {
	for _, r := range []metrics.Rate{{Num: 8, Den: 10}, {Num: 80, Den: 100}, {Num: 0, Den: 10}, {}} {
		lo, hi, ok := r.Wilson(0.95)
		fmt.Printf("%-16v %.4f %.4f %v\n", r, lo, hi, ok)
	}
	// Output:
	// 80.0% (8/10)     0.4902 0.9433 true
	// 80.0% (80/100)   0.7112 0.8666 true
	// 0.0% (0/10)      0.0000 0.2775 true
	// – (0/0)          0.0000 0.0000 false
}

func ExampleRate_Jeffreys() {
	lo, hi, _ := metrics.Rate{Num: 8, Den: 10}.Jeffreys(0.95)
	fmt.Printf("%.4f %.4f\n", lo, hi)
	lo, hi, _ = metrics.Rate{Num: 0, Den: 10}.Jeffreys(0.95)
	fmt.Printf("%.4f %.4f\n", lo, hi)
	// Output:
	// 0.4972 0.9559
	// 0.0000 0.2172
}

func ExampleNormalQuantile() {
	fmt.Printf("%.6f %.6f\n", metrics.NormalQuantile(0.975), metrics.NormalQuantile(0.995))
	// Output: 1.959964 2.575829
}

// The chance that a rep's true win rate is below 50% after 1 win in 4
// closed deals, with a flat prior: Beta(1+1, 3+1), so I_½(2, 4) = 13/16.
func ExampleBetaCDF() {
	fmt.Printf("%.4f\n", metrics.BetaCDF(0.5, 2, 4))
	// Output:
	// 0.8125
}
