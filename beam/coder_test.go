package beam

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/beam/internal/dealgen"
	"github.com/salesperf/salesperf/metrics"
)

var testTable = metrics.NewTable(
	metrics.Col("win rate", metrics.WinRate()),
	metrics.Col("won amount", metrics.WonAmount()),
	metrics.Col("cycle", metrics.SalesCycle(nil)),
)

func init() {
	// A Table's Row holds interface values, which Beam cannot code:
	// present it as JSON, and decode the state with Table.Decode.
	RegisterCodec("test/table", metrics.Then(testTable.Aggregator(), rowJSON),
		func(s *metrics.TableState) ([]byte, error) { return json.Marshal(s) },
		testTable.Decode)
	Register("test/dealsize", metrics.DealSize())
}

func rowJSON(r metrics.Row) string {
	b, err := json.Marshal(r)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// roundTrip folds deals into an accumulator, passes it through the
// accumulator coder, and checks that the decoded state presents the
// same result and merges like the original.
func roundTrip[S, R any](t *testing.T, name string, opts ...cmp.Option) {
	t.Helper()
	f := Of[*sp.Deal, S, R](name)
	a := f.CreateAccumulator()
	deals := dealgen.Deals(500, 7, 3)
	for i := range deals {
		a = f.AddInput(a, &deals[i])
	}
	b, err := encodeAccumulator(a)
	if err != nil {
		t.Fatalf("%s: encode: %v", name, err)
	}
	got, err := decodeAccumulator(reflect.TypeOf(a), b)
	if err != nil {
		t.Fatalf("%s: decode: %v", name, err)
	}
	a2 := got.(*Accumulator[S])
	if diff := cmp.Diff(f.ExtractOutput(a), f.ExtractOutput(a2), opts...); diff != "" {
		t.Errorf("%s: result after round trip (-want +got):\n%s", name, diff)
	}
	twice := f.MergeAccumulators(f.MergeAccumulators(f.CreateAccumulator(), a), a)
	twice2 := f.MergeAccumulators(a2, a)
	if diff := cmp.Diff(f.ExtractOutput(twice), f.ExtractOutput(twice2), opts...); diff != "" {
		t.Errorf("%s: merge after round trip (-want +got):\n%s", name, diff)
	}
}

func TestAccumulatorCoder(t *testing.T) {
	roundTrip[metrics.Rate, metrics.Rate](t, "test/winrate")
	roundTrip[sp.Sum, sp.Sum](t, "test/wonamount", sumEqual)
	roundTrip[metrics.Histogram, metrics.Summary](t, "test/cycle")
	roundTrip[int64, int64](t, "test/count")
	roundTrip[metrics.DealSizeState, metrics.DealSizes](t, "test/dealsize", sumEqual)
	roundTrip[metrics.TableState, string](t, "test/table")
}

func TestAccumulatorCoderErrors(t *testing.T) {
	typ := reflect.TypeFor[*Accumulator[metrics.Rate]]()
	for _, tc := range []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"truncated name", []byte{10, 'a'}},
		{"unknown aggregator", append([]byte{4}, "nope{}"...)},
		{"bad state", append([]byte{12}, "test/winrate{"...)},
		{"wrong state type", append([]byte{14}, "test/wonamount{}"...)},
	} {
		if _, err := decodeAccumulator(typ, tc.in); err == nil {
			t.Errorf("%s: decode succeeded, want an error", tc.name)
		}
	}
}

func TestRegisterPanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"empty name", func() { Register("", metrics.WinRate()) }},
		{"duplicate", func() { Register("test/winrate", metrics.WinRate()) }},
		{"nil function", func() { Register("test/nil", metrics.Aggregator[int, int, int]{}) }},
		{"unregistered", func() { Of[*sp.Deal, metrics.Rate, metrics.Rate]("test/none") }},
		{"wrong types", func() { Of[*sp.Deal, int64, int64]("test/winrate") }},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", tc.name)
				}
			}()
			tc.f()
		}()
	}
}
