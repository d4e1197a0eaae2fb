package metrics_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// benchActivities makes n activities for 200 reps over two years: every
// built-in kind, calls and emails most often, and one in twenty of a
// custom kind among three names.
func benchActivities(n int) []sp.Activity {
	r := rand.New(rand.NewPCG(3, 4))
	reps := make([]string, 200)
	for i := range reps {
		reps[i] = fmt.Sprintf("rep%03d", i)
	}
	customs := []string{"webinar", "site visit", "trade show"}
	kinds := []sp.ActivityKind{sp.Call, sp.Call, sp.Call, sp.Call, sp.Email, sp.Email, sp.Email, sp.Conversation,
		sp.Social, sp.MeetingScheduled, sp.MeetingHeld, sp.Demo, sp.ReferralRequest, sp.Proposal, sp.Task}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	as := make([]sp.Activity, n)
	for i := range as {
		a := sp.Activity{Rep: reps[r.IntN(len(reps))], Kind: kinds[r.IntN(len(kinds))],
			At:       start.Add(time.Duration(r.Int64N(730*24*3600)) * time.Second),
			Duration: time.Duration(r.Int64N(2*3600)) * time.Second, Category: sp.TimeCategory(r.IntN(5))}
		if r.IntN(20) == 0 {
			a.Kind, a.CustomKind = sp.CustomKind, customs[r.IntN(len(customs))]
		}
		as[i] = a
	}
	return as
}

var (
	benchActOnce sync.Once
	benchActData []sp.Activity
)

func benchActivities1M() []sp.Activity {
	benchActOnce.Do(func() { benchActData = benchActivities(1_000_000) })
	return benchActData
}

// naiveActivityCounts is the idiomatic loop: rep → kind name → count.
func naiveActivityCounts(as []sp.Activity) map[string]map[string]int {
	out := map[string]map[string]int{}
	for i := range as {
		a := &as[i]
		byKind := out[a.Rep]
		if byKind == nil {
			byKind = map[string]int{}
			out[a.Rep] = byKind
		}
		byKind[a.KindName()]++
	}
	return out
}

// activityColumns is the hand-tuned layout: reps interned to dense ids,
// kinds to small numbers (custom kinds after the built-ins).
type activityColumns struct {
	rep     []int32
	kind    []uint8
	reps    int
	customs []string // kind 16+i is customs[i]
}

const tunedKinds = 32

func toActivityColumns(as []sp.Activity) activityColumns {
	ids, custom := map[string]int32{}, map[string]uint8{}
	c := activityColumns{rep: make([]int32, len(as)), kind: make([]uint8, len(as))}
	for i := range as {
		a := &as[i]
		id, ok := ids[a.Rep]
		if !ok {
			id = int32(len(ids))
			ids[a.Rep] = id
		}
		k := uint8(a.Kind)
		if a.Kind == sp.CustomKind {
			ck, ok := custom[a.CustomKind]
			if !ok {
				ck = uint8(16 + len(c.customs))
				custom[a.CustomKind] = ck
				c.customs = append(c.customs, a.CustomKind)
			}
			k = ck
		}
		c.rep[i], c.kind[i] = id, k
	}
	c.reps = len(ids)
	return c
}

func tunedActivityCounts(c *activityColumns, rows [][tunedKinds]int64) {
	for i, r := range c.rep {
		rows[r][c.kind[i]]++
	}
}

// BenchmarkActivityCounts counts 1,000,000 activities by kind per rep
// three ways in one run: salesperf's public API (segment.Fold with
// ActivityCounts), a naive loop over map[string]map[string]int, and a
// hand-tuned columnar loop (the practical limit); and, to tell the
// aggregator's cost from the segment lookup's, ActivityCounts alone over
// the whole. Each reports ns/activity and allocs/activity.
func BenchmarkActivityCounts(b *testing.B) {
	as := benchActivities1M()
	perActivity := func(b *testing.B, loop func()) {
		var before, after runtime.MemStats
		b.ReportAllocs()
		runtime.ReadMemStats(&before)
		for b.Loop() {
			loop()
		}
		runtime.ReadMemStats(&after)
		n := float64(b.N) * float64(len(as))
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/activity")
		b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/activity")
	}
	b.Run("salesperf", func(b *testing.B) {
		agg := metrics.ActivityCounts()
		perActivity(b, func() { segment.Fold(metrics.Refs(as), segment.Rep, agg) })
	})
	// The same aggregator over the whole, without segments: its own cost,
	// apart from finding each rep's state.
	b.Run("salesperf-unsegmented", func(b *testing.B) {
		agg := metrics.ActivityCounts()
		perActivity(b, func() { agg.Fold(metrics.Refs(as)) })
	})
	b.Run("naive-maps", func(b *testing.B) {
		perActivity(b, func() { naiveActivityCounts(as) })
	})
	b.Run("hand-tuned", func(b *testing.B) {
		c := toActivityColumns(as)
		rows := make([][tunedKinds]int64, c.reps)
		perActivity(b, func() {
			clear(rows)
			tunedActivityCounts(&c, rows)
		})
	})
}

// TestActivityCountsBaselinesAgree: the three implementations of the
// benchmark give the same counts, so the comparison is fair.
func TestActivityCountsBaselinesAgree(t *testing.T) {
	as := benchActivities(20_000)
	ours := segment.By(metrics.Refs(as), segment.Rep, metrics.ActivityCounts())
	naive := naiveActivityCounts(as)
	c := toActivityColumns(as)
	rows := make([][tunedKinds]int64, c.reps)
	tunedActivityCounts(&c, rows)
	ids := map[string]int32{}
	for i := range as {
		ids[as[i].Rep] = c.rep[i]
	}
	if len(ours) != len(naive) {
		t.Fatalf("%d reps, naive %d", len(ours), len(naive))
	}
	for rep, counts := range ours {
		row := rows[ids[rep]]
		for k := sp.Call; k <= sp.Task; k++ {
			if n := counts.Of(k); n != int64(naive[rep][k.String()]) || n != row[k] {
				t.Errorf("%s %v: salesperf %d, naive %d, tuned %d", rep, k, n, naive[rep][k.String()], row[k])
			}
		}
		for i, name := range c.customs {
			if n := counts.Custom(name); n != int64(naive[rep][name]) || n != row[16+i] {
				t.Errorf("%s %s: salesperf %d, naive %d, tuned %d", rep, name, n, naive[rep][name], row[16+i])
			}
		}
	}
}

// TestActivityCountsAllocatesPerSegmentNotPerActivity: counting 40,000
// activities by rep allocates no more than counting 4,000 (states and
// custom-kind entries are made per rep, never per activity).
func TestActivityCountsAllocatesPerSegmentNotPerActivity(t *testing.T) {
	agg := metrics.Both(metrics.ActivityCounts(), metrics.TimeByCategory())
	small, large := benchActivities(4_000), benchActivities(40_000)
	a1 := testing.AllocsPerRun(3, func() { segment.Fold(metrics.Refs(small), segment.Rep, agg) })
	a2 := testing.AllocsPerRun(3, func() { segment.Fold(metrics.Refs(large), segment.Rep, agg) })
	if a2 > a1*1.5+50 {
		t.Errorf("allocations grow with the activities: %v for 4,000, %v for 40,000", a1, a2)
	}
	t.Logf("allocations: %v for 4,000 activities, %v for 40,000 (200 reps)", a1, a2)
}
