package beam

// CombineFn is the Beam CombineFn of the aggregator registered under
// Name: CreateAccumulator starts the empty state, AddInput folds a record
// in (Aggregator.Add), MergeAccumulators merges two partial states
// (Aggregator.Merge) and ExtractOutput presents the result
// (Aggregator.Result). Use it with beam.CombinePerKey on a
// PCollection<KV<K, T>>, or beam.Combine on a PCollection<T>:
//
//	beam.CombinePerKey(s, &spbeam.CombineFn[*sp.Deal, metrics.Rate, metrics.Rate]{Name: "winrate"}, keyed)
//
// [Of] builds the same value. Name is the only field Beam serialises;
// the type parameters must be those the name was registered with.
// CombineFn panics on a worker where Name is not registered with these
// types.
type CombineFn[T, S, R any] struct {
	Name string

	e *entry[T, S, R] // looked up on first use
}

// Of returns the CombineFn of the aggregator registered under name.
// It panics if name is not registered with the types T, S, R.
func Of[T, S, R any](name string) *CombineFn[T, S, R] {
	return &CombineFn[T, S, R]{Name: name, e: lookup[T, S, R](name)}
}

func (f *CombineFn[T, S, R]) entry() *entry[T, S, R] {
	if f.e == nil {
		f.e = lookup[T, S, R](f.Name)
	}
	return f.e
}

// CreateAccumulator returns the empty state.
func (f *CombineFn[T, S, R]) CreateAccumulator() *Accumulator[S] {
	return &Accumulator[S]{name: f.Name}
}

// AddInput folds v into a and returns a.
func (f *CombineFn[T, S, R]) AddInput(a *Accumulator[S], v T) *Accumulator[S] {
	f.entry().agg.Add(&a.State, v)
	return a
}

// MergeAccumulators merges b into a and returns a.
func (f *CombineFn[T, S, R]) MergeAccumulators(a, b *Accumulator[S]) *Accumulator[S] {
	e := f.entry()
	e.merges.Add(1)
	e.agg.Merge(&a.State, &b.State)
	return a
}

// ExtractOutput presents the result of a.
func (f *CombineFn[T, S, R]) ExtractOutput(a *Accumulator[S]) R {
	return f.entry().agg.Result(&a.State)
}
