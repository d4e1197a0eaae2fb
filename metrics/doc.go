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
// # Activity and productivity (records: *salesperf.Activity, placed in time by At)
//
//   - [ActivityCounts]: activities per kind — calls, emails, conversations,
//     social touches, meetings scheduled and held, demos, referral
//     requests, proposals, tasks, custom kinds by name ([KindCounts]).
//   - [CallsPerMeeting], [MeetingsPerWonDeal], [ProposalsPerWonDeal]:
//     ratios between kinds and to outcomes, joined per segment at
//     presentation ([Rate]).
//   - [TimeByCategory]: time spent per category — prospecting,
//     presenting, data entry, lead research, custom, uncategorized — and
//     each category's share ([CategoryTime]).
//   - [Productivity]: won amount per hour and won deals per 100 hours.
//
// # Leads (records: *salesperf.Lead, placed in time by Created)
//
//   - [ResponseTime]: lead created → first touch, in calendar time or
//     business hours; mean, median, p90; share within each SLA; leads
//     never touched counted; optional score weights ([Response]).
//   - [FirstTouches]: first touch per lead, derived from activities.
//
// # Deals: counts and money (records: *salesperf.Deal)
//
//   - [Count]: how many records. [Counts]: deals by status ([DealCounts]:
//     deals, won, lost, open).
//   - [NewOpportunities]: deals created, count and amount
//     ([Opportunities]); key them by source, creator and created period.
//   - [Amount]: the deals' amount per currency; [WonAmount]: closed-won
//     revenue.
//   - [AverageDealSize]: won amount / won deals ([Average]).
//   - [DealSize]: won deals' count, total, exact median per currency and
//     a distribution in size buckets ([DealSizes]).
//
// # Rates and the funnel
//
//   - [WinRate]: won / (won + lost), by count ([Rate]), close-date cohort.
//   - [WinRateByAmount]: won amount / (won + lost amount) ([AmountRate]).
//   - [CreatedCohortConversion]: won / created, with lost and still open
//     beside it, created-date cohort — the article's "opportunity win
//     rate", named for what it is ([CohortConversion]).
//   - [Funnel]: deals that reached each stage (a skipped stage counts as
//     reached; moving back does not un-reach), conversion k → k+1 =
//     reached(k+1) / reached(k) — the industry definition; the seed
//     article prints its inverse — drop-off, the leakiest stage, and days
//     spent in each stage ([FunnelResult]).
//
// # Time
//
//   - [SalesCycle]: days from created to closed, over won deals or any
//     statuses: mean, median, 90th percentile ([Summary]), exact through
//     a mergeable [Histogram]. [CycleDays] is one deal's cycle.
//   - [CycleSurvival]: the Kaplan–Meier median cycle, with open deals
//     censored at an as-of instant, so slow open deals are not ignored
//     ([Survival]).
//
// # Pipeline
//
//   - [PipelineVelocity]: open deals × win rate × average deal size /
//     cycle length, all four from one cohort ([Velocity]).
//   - [PipelineCoverage]: open pipeline expected to close in a period /
//     target still to reach ([Coverage]).
//
// # Recurring revenue (records: *salesperf.Subscription)
//
//   - [ARR]: annual recurring revenue on a date; [MRR] = ARR / 12.
//   - [ARRMovements]: opening, new, reactivation, expansion, contraction,
//     churn, closing per currency, reconciling exactly; net and gross
//     revenue retention ([ARRBridge]).
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
// trip. For the metrics with a column form the kit also checks that
// folding a table in batches equals folding its rows, and that a table
// holding only the fields the column form reads is enough.
//
// # Column forms (tables)
//
// A salesperf.DealTable or salesperf.ActivityTable holds records as
// columns. Every built-in deal and activity metric — [Count], [Counts],
// [CreatedCohortConversion], [Amount], [WonAmount], [AverageDealSize],
// [WinRate], [WinRateByAmount], [SalesCycle], [NewOpportunities],
// [DealSize], [Funnel], [CycleSurvival], [PipelineVelocity],
// [PipelineCoverage], [ActivityCounts], [TimeByCategory] — also folds a
// batch of table rows straight from the columns — [Aggregator.DealRows]
// or [Aggregator.ActivityRows] — into a slice of states indexed by key
// id, reading only the fields its DealNeeds or ActivityNeeds name; each
// metric's doc says which ("Column form: reads status, amount"). The
// state is the same as the record form's, so both merge and present
// alike. segment.FoldTable drives the column forms; a caller can too:
//
//	a := metrics.Both(metrics.Counts(), metrics.WonAmount())
//	states := make([]metrics.Pair[metrics.DealCounts, salesperf.Sum], t.Reps.Len())
//	for lo := 0; lo < t.Len(); lo += 1024 {
//		hi := min(lo+1024, t.Len())
//		a.DealRows(states, metrics.DealBatch{T: t, Lo: lo, Keys: t.Owner[lo:hi]})
//	}
//
// A row whose key is [Skip] is left out. [Both], [Then] and [Ratio] keep
// the column forms, and a [Table] has one when every column has; filter
// with [WhereDeals] and a [DealPred] ([StatusIn], [CreatedIn],
// [ClosedIn]) or [WhereActivities] and an [ActivityPred] ([KindIn],
// [AtIn]) to keep them; [Where] with an arbitrary function and [Of] have
// none, and a table is then folded row by row through Add. The column
// forms are tight loops over the batch's columns: amounts are added as
// int64 minor units (salesperf.Sum.AddMinor), day counts read the table's
// cached day-number columns (or, for the stage history, divide Unix
// nanoseconds), stage names are mapped to steps once per batch, and
// nothing is allocated per row.
package metrics
