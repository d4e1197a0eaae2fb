package forecast_test

import (
	"fmt"
	"os"
)

// A backtest of two months of a tiny history (btTiny in
// backtest_test.go: four deals, one pipeline whose open stage has the
// default probability 0.4): each method forecasts each month from its
// first day and its middle, and the table scores them against what was
// won.
func ExampleBacktest_Run() {
	deals, b := btTiny()
	res, err := b.Run(deals)
	if err != nil {
		fmt.Println(err)
		return
	}
	fixed, _ := res.Score("fixed-stage weighted")
	wape, _ := fixed.WAPE()
	fmt.Printf("fixed-stage WAPE over %d origins: %.2f\n", fixed.N, wape)
	res.Table("Accuracy by month").WriteText(os.Stdout)
	// Output:
	// fixed-stage WAPE over 4 origins: 0.30
	// Accuracy by month
	// method                  n  skipped    WAPE    bias  pinball 0.1  pinball 0.5  pinball 0.9  P10–P90  < P10  > P90
	// fixed-stage weighted    4        0   30.0%  -10.0%        11.0%        15.0%        19.0%
	// learned-stage weighted  4        0   50.0%   50.0%        45.0%        25.0%         5.0%
	// categories (commit)     4        0    0.0%    0.0%         0.0%         0.0%         0.0%
	// run-rate                2        2  102.2%  102.2%        92.0%        51.1%        10.2%
	// Monte Carlo             4        0    8.3%    8.3%         5.0%         4.2%         4.2%   100.0%   0.0%   0.0%
	//   WAPE = Σ|actual − forecast| / Σ actual; bias = Σ(forecast − actual) / Σ actual; the Monte Carlo point is its P50.
	//   pinball τ = Σ ρ_τ(actual, q_τ) / Σ actual; a point method's point is used for every quantile (it states no range).
	//   P10–P90: share of origins whose actual fell within [P10, P90] (Monte Carlo only); < P10 and > P90: each tail.
	//   origins: the start and the middle of each month; Monte Carlo: 200 draws, fixed seed.
	//   run-rate: 2 origins skipped (no elapsed time at a period's start).
}
