package synth

import (
	"math"

	sp "github.com/salesperf/salesperf"
)

// targets sets, for every rep and every month and quarter of the span,
// a won-amount quota in the rep's currency (the quarter's is the sum of
// its months'), and a quarterly activity target. Quotas come from the
// team's average results, so strong reps beat them and weak ones miss.
func (g *gen) targets() {
	won := make(map[string]float64)  // team → won amount (major units)
	acts := make(map[string]float64) // team → activities
	for _, d := range g.deals {
		if d.Status == sp.Won && !d.Closed.Before(spanStart.In(g.loc)) {
			m, _ := d.Amount.Minor()
			won[g.teamOf(d.Owner, g.dateOf(d.Closed)).name] += float64(m) / 100
		}
	}
	for i := range g.ds.Activities {
		a := &g.ds.Activities[i]
		if _, ok := g.repByID[a.Rep]; ok && a.At.Before(spanEnd.In(g.loc)) {
			acts[g.teamOf(a.Rep, g.dateOf(a.At)).name]++
		}
	}
	repMonths := make(map[string]float64)
	first := g.cal.PeriodOfDate(spanStart, sp.Month)
	for m := first; m.Start.Before(spanEnd); m = g.cal.Next(m) {
		for _, r := range g.reps {
			repMonths[g.teamOf(r.id, m.Start).name]++
		}
	}
	weights := []float64{0.85, 0.95, 1.2}
	for q := g.cal.PeriodOfDate(spanStart, sp.Quarter); q.Start.Before(spanEnd); q = g.cal.Next(q) {
		qi := float64(q.Number-1) + float64(4*(q.Year-2025))
		growth := 0.9 + float64(0.2*qi/7)
		for _, r := range g.reps {
			t := g.teamOf(r.id, q.Start)
			cur := currencyOf(t.region)
			var sum sp.Sum
			m := g.cal.PeriodOfDate(q.Start, sp.Month)
			for i := range 3 {
				v := won[t.name] / repMonths[t.name] * 1.08 * growth * weights[i]
				amt := money(int64(math.Round(v/500))*50000, cur)
				sum.Add(amt)
				g.ds.Targets = append(g.ds.Targets, sp.Target{Level: sp.RepLevel, Who: r.id, Metric: sp.TargetWonAmount, Period: m, Amount: amt})
				m = g.cal.Next(m)
			}
			total, _ := sum.Single()
			g.ds.Targets = append(g.ds.Targets,
				sp.Target{Level: sp.RepLevel, Who: r.id, Metric: sp.TargetWonAmount, Period: q, Amount: total},
				sp.Target{Level: sp.RepLevel, Who: r.id, Metric: sp.TargetActivities, Period: q,
					Count: int64(math.Round(acts[t.name]/repMonths[t.name]*3*1.1/10)) * 10})
		}
	}
}

// rates makes a daily EUR→USD rate drifting between 1.05 and 1.15 from
// 2022 to the sample's now, and the USD→EUR rate of each day, both with
// four decimals.
func (g *gen) rates() {
	start := sp.Date{Year: 2022, Month: 1, Day: 1}
	n := start.DaysUntil(g.dateOf(g.asOf)) + 1
	eu := RateSeries{From: "EUR", To: "USD", Start: start}
	ue := RateSeries{From: "USD", To: "EUR", Start: start}
	x := 1.10
	for range n {
		x += float64(0.02*(1.10-x)) + float64(0.0035*g.r.NormFloat64())
		x = min(max(x, 1.05), 1.15)
		v := int64(math.Round(x * 10000))
		eu.Values = append(eu.Values, v)
		ue.Values = append(ue.Values, int64(math.Round(1e8/float64(v))))
	}
	g.rateSeries = []RateSeries{eu, ue}
}
