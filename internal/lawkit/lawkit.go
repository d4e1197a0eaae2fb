// Package lawkit checks the laws every metrics.Aggregator must obey, with
// rapid property tests. It is for tests only: it imports testing, rapid
// and go-cmp, which the library itself never does.
//
// Laws checked by [Check]:
//
//   - split: folding any split of the input and merging the parts in
//     order equals folding the whole;
//   - identity: merging the zero state into a state, or a state into the
//     zero state, changes nothing;
//   - associativity: (a+b)+c equals a+(b+c);
//   - order: a permutation of the input gives the same result (unless the
//     aggregator is declared order-dependent);
//   - purity: Result does not change the state, the result does not alias
//     the state (adding more later leaves an earlier result unchanged),
//     and Merge leaves its source unchanged and shares no memory with it
//     (adding to the destination later leaves the source unchanged);
//   - serialisation: a state encoded to JSON and decoded merges and
//     presents like the original;
//   - table (for a deal or activity aggregator with a column form):
//     folding a table in batches equals folding its rows, and a table
//     holding only the fields the column form needs is enough (see
//     [CheckDealColumns]).
package lawkit

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"pgregory.net/rapid"
)

// Options adjusts Check for one aggregator.
type Options[S any] struct {
	// OrderMatters turns off the order law, for aggregators documented as
	// order-dependent.
	OrderMatters bool
	// Decode decodes a JSON-encoded state; nil means json.Unmarshal into a
	// zero S.
	Decode func(data []byte) (S, error)
	// Cmp are extra go-cmp options to compare results.
	Cmp []cmp.Option
	// MaxLen bounds the number of values drawn (default 60).
	MaxLen int
}

// Equal are the go-cmp options that compare the library's result types:
// salesperf.Sum by its totals, metrics.Histogram by its bins.
var Equal = []cmp.Option{
	cmp.Comparer(func(a, b sp.Sum) bool { return a.Equal(&b) }),
	cmp.Comparer(func(a, b metrics.Histogram) bool {
		return a.N() == b.N() && a.Sum() == b.Sum() && cmp.Equal(a.Bins(), b.Bins(), cmpopts.EquateEmpty())
	}),
	cmpopts.EquateEmpty(),
}

// Check runs every law on a, drawing inputs from gen.
func Check[T, S, R any](t *testing.T, a metrics.Aggregator[T, S, R], gen *rapid.Generator[T], o Options[S]) {
	t.Helper()
	checkColumns(t, a, gen, o)
	opts := append(slices.Clone(Equal), o.Cmp...)
	maxLen := o.MaxLen
	if maxLen == 0 {
		maxLen = 60
	}
	fold := func(xs []T) S {
		var s S
		for _, x := range xs {
			a.Add(&s, x)
		}
		return s
	}
	result := func(s S) R { return a.Result(&s) }
	diff := func(t *rapid.T, law string, want, got R) {
		t.Helper()
		if d := cmp.Diff(want, got, opts...); d != "" {
			t.Fatalf("%s (-whole +parts):\n%s", law, d)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		xs := rapid.SliceOfN(gen, 0, maxLen).Draw(t, "xs")
		whole := fold(xs)
		want := result(whole)

		// Split into three parts at random points, fold, merge in order.
		i := rapid.IntRange(0, len(xs)).Draw(t, "i")
		j := rapid.IntRange(i, len(xs)).Draw(t, "j")
		pa, pb, pc := fold(xs[:i]), fold(xs[i:j]), fold(xs[j:])
		var merged S
		for _, p := range []S{pa, pb, pc} {
			a.Merge(&merged, &p)
		}
		diff(t, "split: fold of parts merged", want, result(merged))

		// Associativity: (a+b)+c = a+(b+c), on fresh copies of the parts.
		pa, pb, pc = fold(xs[:i]), fold(xs[i:j]), fold(xs[j:])
		left := fold(nil)
		a.Merge(&left, &pa)
		a.Merge(&left, &pb)
		a.Merge(&left, &pc)
		bc := fold(xs[i:j])
		c2 := fold(xs[j:])
		a.Merge(&bc, &c2)
		right := fold(xs[:i])
		a.Merge(&right, &bc)
		diff(t, "associativity", result(left), result(right))

		// Identity on both sides.
		s1, zero := fold(xs), fold(nil)
		a.Merge(&s1, &zero)
		diff(t, "identity: s + zero", want, result(s1))
		z := fold(nil)
		s2 := fold(xs)
		a.Merge(&z, &s2)
		diff(t, "identity: zero + s", want, result(z))

		// Merge leaves its source unchanged, and shares no memory with it:
		// adding to the destination afterwards leaves the source as it was.
		diff(t, "merge changed its source", want, result(s2))
		d3, src3 := fold(xs[:i]), fold(xs[i:])
		a.Merge(&d3, &src3)
		for _, x := range rapid.SliceOfN(gen, 1, 5).Draw(t, "after merge") {
			a.Add(&d3, x)
		}
		diff(t, "merge shares memory with its source", result(fold(xs[i:])), result(src3))

		// Order.
		if !o.OrderMatters {
			perm := rapid.Permutation(xs).Draw(t, "perm")
			diff(t, "order", want, result(fold(perm)))
		}

		// Purity: Result twice; an earlier result does not alias the state.
		s3 := fold(xs)
		r1 := a.Result(&s3)
		diff(t, "result changed the state", want, a.Result(&s3))
		for _, x := range rapid.SliceOfN(gen, 1, 5).Draw(t, "more") {
			a.Add(&s3, x)
		}
		diff(t, "result aliases the state", want, r1)

		// Serialisation: encode, decode, merge with another part, present.
		back, data := roundTrip(t, whole, o.Decode)
		diff(t, fmt.Sprintf("json round trip of %s", data), want, result(back))
		lback, _ := roundTrip(t, fold(xs[:i]), o.Decode)
		right2 := fold(xs[i:])
		a.Merge(&lback, &right2)
		diff(t, "decoded part merged with a live part", want, result(lback))
	})
}

// roundTrip encodes s to JSON and decodes it with decode, or with
// json.Unmarshal into a zero S when decode is nil.
func roundTrip[S any](t *rapid.T, s S, decode func([]byte) (S, error)) (S, []byte) {
	t.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatalf("marshal state: %v", err)
	}
	var back S
	if decode != nil {
		back, err = decode(data)
	} else {
		err = json.Unmarshal(data, &back)
	}
	if err != nil {
		t.Fatalf("unmarshal state %s: %v", data, err)
	}
	return back, data
}
