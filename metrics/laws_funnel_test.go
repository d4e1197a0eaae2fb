package metrics_test

import (
	"fmt"
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
	"pgregory.net/rapid"
)

// TestLawsFunnel runs the law kit on the funnel and the created-cohort
// conversion, over deals with stage histories.
func TestLawsFunnel(t *testing.T) {
	deal := lawkit.FunnelDeal()
	p := lawkit.FunnelPipeline()
	asOf := day(2026, 9, 1)
	t.Run("Funnel", func(t *testing.T) {
		lawkit.Check(t, metrics.Funnel(&p, metrics.FunnelConfig{AsOf: asOf}), deal, lawkit.Options[metrics.FunnelState]{})
	})
	t.Run("Funnel/zero config", func(t *testing.T) {
		lawkit.Check(t, metrics.Funnel(&p, metrics.FunnelConfig{}), deal, lawkit.Options[metrics.FunnelState]{})
	})
	t.Run("Funnel/default pipeline in Paris", func(t *testing.T) {
		lawkit.Check(t, metrics.Funnel(&p, metrics.FunnelConfig{AsOf: asOf, Location: paris, Default: true}), deal,
			lawkit.Options[metrics.FunnelState]{})
	})
	t.Run("Funnel/AsOf beyond a table's instants", func(t *testing.T) {
		// AsOf before 1678 (every stay untimed) and after 2261 (every
		// open stay timed): the column form compares it with the held
		// instants as the record form does.
		for _, at := range []time.Time{time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(3000, 1, 1, 0, 0, 0, 0, paris)} {
			lawkit.Check(t, metrics.Funnel(&p, metrics.FunnelConfig{AsOf: at, Location: paris}), deal,
				lawkit.Options[metrics.FunnelState]{})
		}
	})
	t.Run("Funnel/more open stages than the fast path", func(t *testing.T) {
		// 70 open stages before the law kit's: the column form times the
		// stays stage by stage, as the record form does.
		long := sp.Pipeline{Name: p.Name}
		for i := range 70 {
			long.Stages = append(long.Stages, sp.Stage{Name: fmt.Sprint("S", i), Kind: sp.OpenStage})
		}
		long.Stages = append(long.Stages, p.Stages...)
		lawkit.Check(t, metrics.Funnel(&long, metrics.FunnelConfig{AsOf: asOf, Location: paris}), deal,
			lawkit.Options[metrics.FunnelState]{})
	})
	t.Run("CreatedCohortConversion", func(t *testing.T) {
		lawkit.Check(t, metrics.CreatedCohortConversion(), deal, lawkit.Options[metrics.DealCounts]{})
	})
	t.Run("CreatedCohortConversion/any deal", func(t *testing.T) {
		lawkit.Check(t, metrics.CreatedCohortConversion(), lawkit.Deal(), lawkit.Options[metrics.DealCounts]{})
	})
}

// TestFunnelProperties checks, on random deals, what every funnel obeys:
// reached never grows along the funnel, every conversion is at most 1,
// drop-off + next reached = reached, the first step plus NotReached is
// every deal, and a deal's days over all stages add up to its sales
// cycle when its history starts at Created, ends with its close and has
// no unknown stage.
func TestFunnelProperties(t *testing.T) {
	p := lawkit.FunnelPipeline()
	agg := metrics.Funnel(&p, metrics.FunnelConfig{AsOf: day(2026, 9, 1), Default: true})
	rapid.Check(t, func(t *rapid.T) {
		deals := rapid.SliceOfN(lawkit.FunnelDeal(), 0, 40).Draw(t, "deals")
		var s metrics.FunnelState
		for _, d := range deals {
			agg.Add(&s, d)
		}
		r := agg.Result(&s)
		if r.Deals+r.OtherPipeline != int64(len(deals)) {
			t.Fatalf("Deals %d + OtherPipeline %d != %d deals", r.Deals, r.OtherPipeline, len(deals))
		}
		if r.Steps[0].Reached+r.NotReached != r.Deals {
			t.Fatalf("first step %d + not reached %d != deals %d", r.Steps[0].Reached, r.NotReached, r.Deals)
		}
		for k := 0; k+1 < len(r.Steps); k++ {
			st, next := r.Steps[k], r.Steps[k+1]
			if next.Reached > st.Reached || st.DropOff+next.Reached != st.Reached ||
				st.Conversion.Num+st.DropOffRate.Num != st.Conversion.Den || st.Conversion.Den != st.DropOffRate.Den {
				t.Fatalf("step %d: %+v then %+v", k, st, next)
			}
		}
		// One closed deal at a time: its stage days add up to its cycle.
		for _, d := range deals {
			if !d.IsClosed() || len(d.StageHistory) == 0 || d.StageHistory[0].At != d.Created ||
				(d.Pipeline != "" && d.Pipeline != p.Name) {
				continue
			}
			var one metrics.FunnelState
			agg.Add(&one, d)
			if one.UnknownStage > 0 {
				continue // the time in an unknown stage is not counted
			}
			var days int64
			for _, st := range agg.Result(&one).Steps {
				days += st.Days.Sum
			}
			if want := metrics.CycleDays(d, nil); days != want {
				t.Fatalf("deal %+v: %d days over its stages, cycle %d", d, days, want)
			}
		}
	})
}
