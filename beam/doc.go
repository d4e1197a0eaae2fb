// Package beam runs salesperf metrics on Apache Beam: it turns a
// registered [metrics.Aggregator] into a Beam CombineFn, so that any
// metric folds per key with beam.CombinePerKey on any runner (Prism in
// process, Dataflow, Flink, Spark), with the same exact results as
// segment.By on one machine.
//
// # Why a registry
//
// A Beam pipeline is serialised and rebuilt on every worker, and the Go
// SDK can only serialise a CombineFn's exported data fields, never a
// function value. An Aggregator is three functions, so it cannot travel
// inside the CombineFn. Instead each aggregator is registered under a
// name, in an init() function of a package that every worker binary
// links, and [CombineFn] holds only that name:
//
//	func init() {
//		spbeam.Register("winrate", metrics.WinRate())
//	}
//
//	byOwner := beam.CombinePerKey(s, spbeam.Of[*sp.Deal, metrics.Rate, metrics.Rate]("winrate"), keyed)
//
// Register must run before beam.Init (that is, in init()), with the same
// name and the same aggregator in every binary that runs the pipeline.
// It panics on an empty or duplicate name and when called after
// beam.Init. The registry is the one piece of global state in salesperf;
// it exists only because Beam needs it.
//
// # Keys
//
// Key the records with a registered DoFn that applies a segment key,
// e.g. func(d *sp.Deal) (string, *sp.Deal) { return segment.Owner(d), d }.
// Key functions that capture values (segment.Manager(org, …)) must
// become DoFn structs whose fields hold what they capture.
//
// # Coders
//
// Accumulators cross the shuffle as [Accumulator] values. Their byte
// form is the aggregator's name followed by the state's MarshalBinary
// form where the state has one, its JSON form otherwise (every salesperf
// state marshals to JSON and back exactly), or the decoder given to
// [RegisterCodec] (metrics.Table.Decode for a table). The
// package also registers JSON coders for the salesperf record types
// (Deal, Activity, Lead, Subscription) and for the value types whose
// fields are unexported (Money, Sum, metrics.Histogram), so that
// PCollections of them, and results holding them, encode exactly.
package beam
