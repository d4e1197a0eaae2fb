package lawkit

import (
	"fmt"
	"time"

	sp "github.com/salesperf/salesperf"
	"pgregory.net/rapid"
)

// FunnelPipeline returns the pipeline FunnelDeal moves its deals through:
// "new", with the open stages Lead, Demo, Proposal and Negotiation, then
// Won and Lost.
func FunnelPipeline() sp.Pipeline {
	return sp.Pipeline{Name: "new", Stages: []sp.Stage{
		{Name: "Lead", Kind: sp.OpenStage},
		{Name: "Demo", Kind: sp.OpenStage},
		{Name: "Proposal", Kind: sp.OpenStage},
		{Name: "Negotiation", Kind: sp.OpenStage},
		{Name: "Won", Kind: sp.WonStage},
		{Name: "Lost", Kind: sp.LostStage},
	}}
}

// FunnelDeal draws a deal of FunnelPipeline with a stage history: it
// starts in an open stage (usually Lead), then moves forward one stage,
// skips stages forward, or moves back, hours to weeks apart, and ends
// won, lost (at whatever stage it had reached) or still open. Some deals
// have an empty history (only their current stage), a few a stage the
// pipeline does not know ("Legacy"), a few belong to another pipeline
// ("renewal") or to the default one (""), and a few open deals have no
// created date.
func FunnelDeal() *rapid.Generator[*sp.Deal] {
	open := []string{"Lead", "Demo", "Proposal", "Negotiation"}
	return rapid.Custom(func(t *rapid.T) *sp.Deal {
		created := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.Int64Range(0, 500*24*3600).Draw(t, "created")) * time.Second)
		d := &sp.Deal{
			ID:       fmt.Sprint(rapid.IntRange(1, 1_000_000).Draw(t, "id")),
			Owner:    rapid.SampledFrom([]string{"ann", "bob", "cy"}).Draw(t, "owner"),
			Pipeline: rapid.SampledFrom([]string{"new", "new", "new", "new", "new", "new", "", "renewal"}).Draw(t, "pipeline"),
			Status:   sp.Status(rapid.IntRange(1, 3).Draw(t, "status")),
			Created:  created,
			Amount:   sp.NewMoney(rapid.Int64Range(0, 10_000_000).Draw(t, "minor"), "USD"),
		}
		at := created
		next := func(label string) time.Time {
			at = at.Add(time.Duration(rapid.Int64Range(0, 30*24).Draw(t, label)) * time.Hour)
			return at
		}
		k := 0
		if rapid.IntRange(0, 4).Draw(t, "skipFirst") == 0 {
			k = rapid.IntRange(1, len(open)-1).Draw(t, "start")
		}
		h := []sp.StageChange{{At: created, Stage: open[k]}}
		for i := range rapid.IntRange(0, 6).Draw(t, "moves") {
			switch rapid.SampledFrom([]string{"forward", "forward", "forward", "skip", "back", "unknown"}).Draw(t, fmt.Sprint("move", i)) {
			case "forward":
				k = min(k+1, len(open)-1)
			case "skip":
				k = min(k+rapid.IntRange(2, 3).Draw(t, fmt.Sprint("skip", i)), len(open)-1)
			case "back":
				k = max(k-rapid.IntRange(1, 2).Draw(t, fmt.Sprint("back", i)), 0)
			case "unknown":
				h = append(h, sp.StageChange{At: next(fmt.Sprint("gap", i)), Stage: "Legacy"})
				continue
			}
			h = append(h, sp.StageChange{At: next(fmt.Sprint("gap", i)), Stage: open[k]})
		}
		switch d.Status {
		case sp.Won:
			d.Closed = next("close")
			h = append(h, sp.StageChange{At: d.Closed, Stage: "Won"})
		case sp.Lost:
			d.Closed = next("close")
			d.LostReason = "price"
			h = append(h, sp.StageChange{At: d.Closed, Stage: "Lost"})
		}
		d.Stage = h[len(h)-1].Stage
		switch rapid.IntRange(0, 9).Draw(t, "history") {
		case 0:
			h = nil // only the current stage is known
		case 1:
			if d.Status == sp.Open {
				d.Created = time.Time{} // an export without created dates
				h[0].At = time.Time{}
			}
		}
		d.StageHistory = h
		return d
	})
}
