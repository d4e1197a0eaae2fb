package metrics_test

import (
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

func ExamplePipelineVelocity() {
	v := metrics.PipelineVelocity(nil).Compute(metrics.Refs(velocityDeals()))
	fmt.Println(v)
	// Output:
	// 1000.00 USD per day (open 3, win rate 66.7% (2/3), average deal 7500.00 USD, cycle 15.0 days)
}

func ExamplePipelineCoverage() {
	march, april := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	c := metrics.PipelineCoverage(march, april, nil).Compute(metrics.Refs(coverageDeals()))
	target := sp.MustParseMoney("50000.00 USD")
	rem, _ := c.Remaining(target)
	cov, _, _ := c.Of(target, 2, sp.RoundHalfEven)
	fmt.Printf("open pipeline %v for %v still to win: coverage %sx\n", c.Open.String(), rem, cov)
	// Output:
	// open pipeline 45000.00 USD for 30000.00 USD still to win: coverage 1.5x
}
