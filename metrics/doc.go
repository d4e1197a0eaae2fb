// Package metrics computes the figures a sales manager tracks, each as an
// [Aggregator]: a fold of records into a partial state that merges
// exactly, and a result presented from it. Run one over a slice with
// Compute, many in one pass with [Both] or a [Table], per rep or per
// month with the segment package, per goroutine or per machine by merging
// states (they serialise to JSON).
//
// # The aggregator and its combinators
//
//   - [Aggregator]: Add, Merge, Result; [Aggregator.Fold],
//     [Aggregator.Compute], [Aggregator.FoldInto]; [Refs] to fold a slice
//     in place.
//   - [Where] filters the input, [Of] maps it, [Then] post-processes the
//     result, [Both] runs two aggregators in one pass, [Ratio] divides two
//     counts at presentation time.
//   - [Table], [Col], [Row]: named columns computed in one pass, for reports.
//
// # Deals: counts and money
//
//   - [Count]: how many records. [Counts]: deals by status ([DealCounts]:
//     deals, won, lost, open).
//   - [Amount]: the deals' amount per currency; [WonAmount]: closed-won
//     revenue.
//   - [AverageDealSize]: won amount / won deals ([Average]).
//
// # Rates
//
//   - [WinRate]: won / (won + lost), by count ([Rate]).
//   - [WinRateByAmount]: won amount / (won + lost amount) ([AmountRate]).
//
// # Time
//
//   - [SalesCycle]: days from created to closed, over won deals or any
//     statuses: mean, median, 90th percentile ([Summary]), exact through
//     a mergeable [Histogram]. [CycleDays] is one deal's cycle.
//
// # Cohorts
//
// A metric never chooses which records it sees: the caller does, by
// filtering ([Where]) or by the segment key. "Won in March" is the deals
// whose close date is in March (the close-date cohort, the usual one for
// win rate, won amount and cycle length); "created in March" is the
// created-date cohort (for new opportunities and created-cohort
// conversion). Each metric's doc names the usual cohort.
//
// # Emptiness and money
//
// A result over nothing says so: a [Rate] over no deals has Value
// (0, false), never NaN; an [Average] over no deals has no value; a
// [Summary] of nothing has N = 0. Money stays exact and per currency: an
// average or a rate by amount over several currencies is an error
// wrapping salesperf.ErrMixedCurrency, never a sum of dollars and euros.
// Rounding happens only when a result is presented, with a named mode.
//
// # Laws
//
// Every built-in obeys the aggregator laws (see [Aggregator]), checked by
// the internal law kit on random data: any split of the input, folded and
// merged, gives the whole; the zero state is the identity; merge is
// associative; input order does not matter; states survive a JSON round
// trip.
package metrics
