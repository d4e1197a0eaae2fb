package beam

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/salesperf/salesperf/metrics"
)

// registry maps a registered name to its aggregator. It is written by
// Register in init() and read by CombineFn on the workers; the mutex
// guards against registrations from several init goroutines in tests.
var registry = struct {
	sync.RWMutex
	m map[string]any // name → *entry[T, S, R]
}{m: map[string]any{}}

// entry is one registered aggregator with the codec of its state.
type entry[T, S, R any] struct {
	name   string
	agg    metrics.Aggregator[T, S, R]
	encode func(*S) ([]byte, error)
	decode func([]byte) (S, error)
	merges atomic.Int64 // MergeAccumulators calls in this process
}

// Register registers agg under name, so that a [CombineFn] holding that
// name folds with it on every worker. The state's byte form is its
// MarshalBinary form when *S implements [encoding.BinaryMarshaler] and
// [encoding.BinaryUnmarshaler], its JSON form otherwise. Use
// [RegisterCodec] for a state that needs its own decoder, such as a
// metrics.TableState (decoded by metrics.Table.Decode).
//
// The result type R is a Beam element, so it needs a Beam coder: a
// struct of exported fields, or a type with a coder registered by
// beam.RegisterCoder (this package registers Sum, Money and Histogram).
// A type holding interface values, such as metrics.Row, has none and
// makes beam.Init panic: present such results as a concrete struct
// with metrics.Then.
//
// Call Register from an init() function, in a package that every binary
// running the pipeline links: Beam rebuilds the pipeline on each worker
// and finds the aggregator by its name there. Register also registers the
// CombineFn and accumulator types with Beam.
//
// Register panics if name is empty or already registered, if an
// aggregator function is nil, or if it is called after beam.Init.
func Register[T, S, R any](name string, agg metrics.Aggregator[T, S, R]) {
	enc, dec := defaultCodec[S]()
	RegisterCodec(name, agg, enc, dec)
}

// RegisterCodec is [Register] with the state's byte form given by encode
// and decode, which must round-trip exactly: decode(encode(s)) merges and
// presents like s. See [Register] for when to call it and what panics;
// RegisterCodec also panics if encode or decode is nil. For a
// metrics.Table t, whose state only t.Decode can read:
//
//	spbeam.RegisterCodec("scorecard", metrics.Then(t.Aggregator(), toCard),
//		func(s *metrics.TableState) ([]byte, error) { return json.Marshal(s) },
//		t.Decode)
func RegisterCodec[T, S, R any](name string, agg metrics.Aggregator[T, S, R], encode func(*S) ([]byte, error), decode func([]byte) (S, error)) {
	if name == "" {
		panic("beam: Register: empty name")
	}
	if agg.Add == nil || agg.Merge == nil || agg.Result == nil {
		panic(fmt.Sprintf("beam: Register %q: aggregator has a nil function", name))
	}
	if encode == nil || decode == nil {
		panic(fmt.Sprintf("beam: Register %q: nil codec", name))
	}
	registry.Lock()
	if _, dup := registry.m[name]; dup {
		registry.Unlock()
		panic(fmt.Sprintf("beam: Register: %q registered twice", name))
	}
	registry.m[name] = &entry[T, S, R]{name: name, agg: agg, encode: encode, decode: decode}
	registry.Unlock()
	registerTypes[T, S, R]()
}

// registerTypes registers CombineFn[T, S, R] and its accumulator with
// Beam, once per instantiation (several names may share one).
func registerTypes[T, S, R any]() {
	key := reflect.TypeFor[CombineFn[T, S, R]]()
	if _, done := registered.LoadOrStore(key, true); done {
		return
	}
	fn := &CombineFn[T, S, R]{}
	if reflect.TypeFor[T]() == reflect.TypeFor[R]() {
		register.Combiner2[*Accumulator[S], T](fn)
	} else {
		register.Combiner3[*Accumulator[S], T, R](fn)
	}
}

var registered sync.Map // reflect.Type of CombineFn[T, S, R] → true

// lookup returns the entry registered under name with the types T, S, R.
// It panics if there is none: the worker binary does not register name,
// or registers it with other types.
func lookup[T, S, R any](name string) *entry[T, S, R] {
	registry.RLock()
	e, ok := registry.m[name]
	registry.RUnlock()
	if !ok {
		panic(fmt.Sprintf("beam: aggregator %q is not registered in this binary: call beam.Register in init()", name))
	}
	te, ok := e.(*entry[T, S, R])
	if !ok {
		panic(fmt.Sprintf("beam: aggregator %q is registered as %T, not as %T", name, e, te))
	}
	return te
}

// defaultCodec returns the state codec of Register: MarshalBinary and
// UnmarshalBinary where *S has both, JSON otherwise.
func defaultCodec[S any]() (func(*S) ([]byte, error), func([]byte) (S, error)) {
	var z S
	_, bm := any(&z).(encoding.BinaryMarshaler)
	_, bu := any(&z).(encoding.BinaryUnmarshaler)
	if bm && bu {
		return func(s *S) ([]byte, error) {
				return any(s).(encoding.BinaryMarshaler).MarshalBinary()
			}, func(b []byte) (S, error) {
				var s S
				err := any(&s).(encoding.BinaryUnmarshaler).UnmarshalBinary(b)
				return s, err
			}
	}
	return func(s *S) ([]byte, error) { return json.Marshal(s) },
		func(b []byte) (S, error) {
			var s S
			err := json.Unmarshal(b, &s)
			return s, err
		}
}
