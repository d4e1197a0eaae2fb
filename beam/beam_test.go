package beam

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/google/go-cmp/cmp"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/beam/internal/dealgen"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// The pipeline test: 60,000 deals over 25,000 owners (about 22,700 of
// them own a deal): that is well above the 2,000 keys the Go
// SDK's lifted combine keeps per bundle, so partial accumulators of one
// key are flushed several times and the runner must merge them.
const (
	testDeals  = 60_000
	testOwners = 25_000
	testShards = 8
	testSeed   = 7
)

func init() {
	Register("test/winrate", metrics.WinRate())
	Register("test/wonamount", metrics.WonAmount())
	Register("test/cycle", metrics.SalesCycle(nil, sp.Won))
	Register("test/count", metrics.Count[*sp.Deal]())

	register.DoFn2x0[int, func(string, *sp.Deal)](&genFn{})
	register.Emitter2[string, *sp.Deal]()
	register.DoFn2x0[string, metrics.Rate](&collectFn[metrics.Rate]{})
	register.DoFn2x0[string, sp.Sum](&collectFn[sp.Sum]{})
	register.DoFn2x0[string, metrics.Summary](&collectFn[metrics.Summary]{})
	register.DoFn2x0[string, int64](&collectFn[int64]{})
	register.DoFn2x0[string, string](&collectFn[string]{})
}

// genFn generates shard Shard of the test deals, keyed by owner.
type genFn struct {
	N, Owners, Shards int
	Seed              uint64
}

func (f *genFn) ProcessElement(shard int, emit func(string, *sp.Deal)) {
	for i := shard; i < f.N; i += f.Shards {
		d := dealgen.Deal(i, f.Owners, f.Seed)
		emit(segment.Owner(&d), &d)
	}
}

// collected holds what collectFn saw, by collector ID. Prism runs the
// pipeline in this process, so the test can read it after the run.
var collected sync.Map // ID → *sync.Map (key → result)

type collectFn[R any] struct{ ID string }

func (f *collectFn[R]) ProcessElement(k string, r R) {
	m, _ := collected.LoadOrStore(f.ID, &sync.Map{})
	if _, dup := m.(*sync.Map).LoadOrStore(k, r); dup {
		panic(fmt.Sprintf("%s: key %q seen twice", f.ID, k))
	}
}

func results[R any](id string) map[string]R {
	out := map[string]R{}
	if m, ok := collected.Load(id); ok {
		m.(*sync.Map).Range(func(k, v any) bool {
			out[k.(string)] = v.(R)
			return true
		})
	}
	return out
}

func refs(ds []sp.Deal) iter.Seq[*sp.Deal] {
	return func(yield func(*sp.Deal) bool) {
		for i := range ds {
			if !yield(&ds[i]) {
				return
			}
		}
	}
}

// combine adds CombinePerKey with the aggregator registered as name and
// a collector of its results.
func combine[S, R any](s beam.Scope, name string, keyed beam.PCollection) {
	out := beam.CombinePerKey(s, Of[*sp.Deal, S, R](name), keyed)
	beam.ParDo0(s, &collectFn[R]{ID: name}, out)
}

// check compares the pipeline's results for name with segment.By.
func check[S, R any](t *testing.T, name string, deals []sp.Deal, a metrics.Aggregator[*sp.Deal, S, R]) {
	t.Helper()
	want := segment.By(refs(deals), segment.Owner, a)
	got := results[R](name)
	if len(want) <= 20_000 {
		t.Fatalf("%s: only %d keys", name, len(want))
	}
	if diff := cmp.Diff(want, got, sumEqual); diff != "" {
		t.Errorf("%s: Beam results differ from segment.By (-want +got):\n%s", name, diff)
	}
	if n := lookup[*sp.Deal, S, R](name).merges.Load(); n == 0 {
		t.Errorf("%s: MergeAccumulators was never called", name)
	} else {
		t.Logf("%s: %d keys, %d MergeAccumulators calls", name, len(got), n)
	}
}

// sumEqual compares Sums by value (Sum.Equal has a pointer receiver).
var sumEqual = cmp.Comparer(func(a, b sp.Sum) bool { return a.Equal(&b) })

func TestPrismCombinePerKey(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a Beam pipeline on Prism (~seconds)")
	}
	p, s := beam.NewPipelineWithRoot()
	shards := beam.CreateList(s, seq(testShards))
	keyed := beam.ParDo(s, &genFn{N: testDeals, Owners: testOwners, Shards: testShards, Seed: testSeed}, shards)
	combine[metrics.Rate, metrics.Rate](s, "test/winrate", keyed)
	combine[sp.Sum, sp.Sum](s, "test/wonamount", keyed)
	combine[metrics.Histogram, metrics.Summary](s, "test/cycle", keyed)
	combine[int64, int64](s, "test/count", keyed)
	combine[metrics.TableState, string](s, "test/table", keyed)

	if _, err := prism.Execute(context.Background(), p); err != nil {
		t.Fatalf("prism: %v", err)
	}

	deals := dealgen.Deals(testDeals, testOwners, testSeed)
	check(t, "test/winrate", deals, metrics.WinRate())
	check(t, "test/wonamount", deals, metrics.WonAmount())
	check(t, "test/cycle", deals, metrics.SalesCycle(nil, sp.Won))
	check(t, "test/count", deals, metrics.Count[*sp.Deal]())
	check(t, "test/table", deals, metrics.Then(testTable.Aggregator(), rowJSON))
}

func seq(n int) []int {
	return slices.Collect(func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	})
}

func TestMain(m *testing.M) {
	beam.Init()
	m.Run()
}
