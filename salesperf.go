// Package salesperf is the domain of sales-team performance analytics:
// the records a CRM holds and the exact arithmetic and calendars every
// figure is computed with. What is built on it lives in sub-packages that
// import it (never the reverse):
//
//   - metrics: every figure as a mergeable aggregator (activity, time,
//     response, win rates, funnel, deal size, cycle, velocity, coverage,
//     ARR);
//   - segment: figures per rep, manager, team, region, source, period…,
//     rollups, and leaderboards;
//   - report: lost reasons, lead sources, pipeline by stage, trends, deal
//     risk, the one-to-one scorecard;
//   - goal: targets, attainment, pacing; coach: coaching findings;
//   - forecast: win probabilities, weighted pipeline, categories, Monte
//     Carlo, backtests, scoring, time series;
//   - csvimport: CRM exports in; chart: SVG charts and an HTML page out;
//     cmd/salesperf: the command-line tool.
//
// # Records
//
//   - [Deal]: an opportunity, with its history of stage, amount,
//     expected-close and forecast-category changes; [Deal.AsOf] shows it as it
//     stood at any past instant.
//   - [Activity]: a call, email, meeting, demo… with its duration and the
//     time category it belongs to (prospecting, presenting, data entry…).
//   - [Lead]: a prospect before it becomes a deal: source, actions, first
//     touch, conversion or disqualification.
//   - [Pipeline] and [Stage]: the ordered stages a deal moves through.
//   - [Target]: a goal for a rep, team or the organisation over a period.
//   - [Org] and [Membership]: who reported to whom, in which team and
//     region, on any date.
//   - [Subscription]: recurring revenue, for ARR and its movements.
//
// # Money
//
// [Money] is an exact amount in one ISO 4217 [Currency]; it is never a
// float. [Sum] adds money per currency with an allocation-free fast path
// and an exact spill to decimal on overflow. Rounding is always named
// ([RoundingMode]). [Rates] converts between currencies with dated rates.
//
// # Time
//
// [Calendar] maps instants to [Period]s (day, week, month, quarter, year)
// in fiscal and retail (4-4-5, 4-5-4, 5-4-4) calendars; [BusinessHours]
// measures elapsed working time.
//
// # Validation
//
// [Validate] and [Validator] report every problem with every record at
// once, each a [*ValidationError] naming the record, its ID and the field,
// wrapping a sentinel such as [ErrCloseBeforeCreate].
//
// The package does no I/O, keeps no global state and never reads the
// clock: anything that depends on "now" takes an explicit asOf.
package salesperf
