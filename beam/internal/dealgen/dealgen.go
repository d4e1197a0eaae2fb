// Package dealgen generates deterministic synthetic deals for the Beam
// adapter's tests and example: Deals(n, owners, seed) always returns the
// same deals.
package dealgen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	sp "github.com/salesperf/salesperf"
)

var sources = []string{"web", "referral", "outbound", "partner", "event", "ads", "inbound", "social"}

// Deals returns n deals owned by owners reps ("rep00001"…), created over
// three years from 2023-01-01 UTC: about 40% won, 40% lost, 20% open;
// amounts lognormal around 20,000.00 USD; sales cycles lognormal around
// 40 days. The same arguments give the same deals.
func Deals(n, owners int, seed uint64) []sp.Deal {
	out := make([]sp.Deal, n)
	for i := range out {
		out[i] = Deal(i, owners, seed)
	}
	return out
}

// Deal returns the i-th deal of Deals(n, owners, seed), for any n > i:
// each deal has its own random stream, so that workers can generate
// disjoint ranges of the same data set.
func Deal(i, owners int, seed uint64) sp.Deal {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	created := start.Add(time.Duration(r.Int64N(int64(3 * 365 * 24 * time.Hour))))
	cents := int64(math.Round(2_000_000 * math.Exp(0.6*r.NormFloat64())))
	d := sp.Deal{
		ID:      fmt.Sprintf("d%07d", i),
		Owner:   fmt.Sprintf("rep%05d", r.IntN(owners)),
		Stage:   "proposal",
		Status:  sp.Open,
		Amount:  sp.NewMoney(cents, "USD"),
		Created: created,
		Source:  sources[r.IntN(len(sources))],
	}
	switch p := r.IntN(10); {
	case p < 4:
		d.Status, d.Stage = sp.Won, "won"
	case p < 8:
		d.Status, d.Stage, d.LostReason = sp.Lost, "lost", "price"
	}
	if d.Status != sp.Open {
		days := 40 * math.Exp(0.5*r.NormFloat64())
		d.Closed = created.Add(time.Duration(days * float64(24*time.Hour))).Truncate(time.Second)
	}
	return d
}
