package salesperf_test

import (
	"fmt"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// testPipes is a two-pipeline organisation used across the tests.
var testPipes = sp.Pipelines{
	{Name: "new", Stages: []sp.Stage{
		{Name: "Lead", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.1")},
		{Name: "Demo", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.3")},
		{Name: "Proposal", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.6")},
		{Name: "Won", Kind: sp.WonStage, Probability: decimal.RequireFromString("1")},
		{Name: "Lost", Kind: sp.LostStage, Probability: decimal.Zero},
	}},
	{Name: "renewal", Stages: []sp.Stage{
		{Name: "Due", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.8")},
		{Name: "Renewed", Kind: sp.WonStage, Probability: decimal.RequireFromString("1")},
		{Name: "Churned", Kind: sp.LostStage, Probability: decimal.Zero},
	}},
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// genDeal draws a valid deal of pipeline "new" with a consistent history:
// stages entered in funnel order (sometimes skipping one), amount and
// expected-close changes, all between Created and Closed.
func genDeal(id string) *rapid.Generator[sp.Deal] {
	return rapid.Custom(func(t *rapid.T) sp.Deal {
		created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.Int64Range(0, 300*24*3600).Draw(t, "created")) * time.Second)
		status := sp.Status(rapid.IntRange(1, 3).Draw(t, "status"))
		span := time.Duration(rapid.Int64Range(0, 120*24*3600).Draw(t, "span")) * time.Second
		end := created.Add(span)
		d := sp.Deal{ID: id, Owner: rapid.SampledFrom([]string{"ann", "bob", "cy"}).Draw(t, "owner"),
			Pipeline: "new", Status: status, Created: created, Source: "web"}
		// Event instants in order within [created, end].
		n := rapid.IntRange(0, 6).Draw(t, "events")
		times := make([]time.Time, n)
		for i := range times {
			times[i] = created.Add(time.Duration(rapid.Int64Range(0, int64(span)).Draw(t, fmt.Sprintf("t%d", i))))
		}
		slices.SortFunc(times, time.Time.Compare)
		open := []string{"Lead", "Demo", "Proposal"}
		k := 0
		for i, ti := range times {
			switch rapid.IntRange(0, 2).Draw(t, fmt.Sprintf("what%d", i)) {
			case 0:
				if k < len(open) {
					k += rapid.IntRange(0, len(open)-1-k).Draw(t, fmt.Sprintf("skip%d", i))
					d.StageHistory = append(d.StageHistory, sp.StageChange{At: ti, Stage: open[k]})
					k++
				}
			case 1:
				d.AmountHistory = append(d.AmountHistory, sp.AmountChange{At: ti, Amount: sp.NewMoney(rapid.Int64Range(0, 10_000_000).Draw(t, fmt.Sprintf("amt%d", i)), "USD")})
			case 2:
				d.ExpectedCloseHistory = append(d.ExpectedCloseHistory, sp.ExpectedCloseChange{At: ti, ExpectedClose: sp.DateOf(ti).AddDays(rapid.IntRange(1, 90).Draw(t, fmt.Sprintf("exp%d", i)))})
			}
		}
		d.Stage = "Lead"
		if n := len(d.StageHistory); n > 0 {
			d.Stage = d.StageHistory[n-1].Stage
		}
		if n := len(d.AmountHistory); n > 0 {
			d.Amount = d.AmountHistory[n-1].Amount
		}
		if n := len(d.ExpectedCloseHistory); n > 0 {
			d.ExpectedClose = d.ExpectedCloseHistory[n-1].ExpectedClose
		}
		if status != sp.Open {
			d.Closed = end
			d.Stage = map[sp.Status]string{sp.Won: "Won", sp.Lost: "Lost"}[status]
			d.StageHistory = append(d.StageHistory, sp.StageChange{At: end, Stage: d.Stage})
			if status == sp.Lost {
				d.LostReason = "price"
			}
		}
		return d
	})
}
