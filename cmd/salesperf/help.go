package main

import (
	"maps"
	"slices"
)

// usage is what salesperf --help prints.
const usage = `salesperf: sales-team performance reports from CRM exports (CSV)

Usage:
  salesperf scorecard   [flags]   deals, win rate, won amount, deal size, cycle per rep, team…
  salesperf funnel      [flags]   stage funnel: reached, conversion, drop-off, leakiest stage
  salesperf leaderboard [flags]   win rate with intervals and shrinkage, won amount, ranked
  salesperf forecast    [flags]   weighted pipeline, forecast categories, Monte Carlo range
  salesperf report lost-reasons|lead-sources|pipeline [flags]
  salesperf help [scorecard|funnel|leaderboard|forecast|report|json]

Data (without any file, the embedded sample organisation is used):
  --deals FILE         deals CSV
  --activities FILE    activities CSV (pipeline report: last touch, idle deals)
  --leads FILE         leads CSV (lead-sources report)
  --org FILE           org CSV: who reports to whom, teams, regions (--by manager|team|region)
  --preset NAME        column mapping of a CRM export: hubspot, maven, pipedrive, salesforce
  --map F=COL,…        map fields to columns, over the preset or the default mapping;
                       F is deals.owner (or owner), activities.rep, leads.source, org.manager…
                       The default mapping reads columns named like the fields:
                       id, owner, stage, status, amount, currency, created, closed,
                       expected_close, lost_reason, source, region, product, pipeline…

Report:
  --by KEY             owner|manager|team|region|source|product|pipeline|period
  --period GRAIN       month|quarter|year: report the last complete GRAIN as of --as-of
                       (without it: all the data up to --as-of); the grain of --by period
  --fiscal-start M     first month of the fiscal year: 1–12 or a name (feb)
  --as-of DATE         the report's now, end of that day (default: the end of the latest day
                       something happened in the data — never the clock; the sample's own now)
  --currency CODE      report currency (default: the data's; USD for the sample, converted
                       at its daily rates); files in mixed currencies are an error; amounts
                       of a file without a currency column are read in it (default USD)
  --format F           table|csv|json|markdown|html (default table)
  --min-n N            leaderboard: closed deals needed to be ranked (default 10)
  --probabilities P    forecast: learned|fixed stage probabilities (default learned)
  --seed N             forecast: Monte Carlo seed (default 1)

Examples:
  salesperf scorecard
  salesperf scorecard --period quarter --by manager
  salesperf scorecard --preset maven --deals sales_pipeline.csv --org sales_teams.csv --by manager
  salesperf funnel --format html > funnel.html
  salesperf leaderboard --by team --period year --format json
  salesperf report lost-reasons --by owner --period quarter
  salesperf scorecard --deals deals.csv --map owner="Sales Rep",amount=Value --currency EUR

Rejected rows are summarised on stderr (counts per column and reason, the first rows with
their line numbers) and the report says how many records were left out.
Exit codes: 0 ok, 1 internal failure, 2 bad flags, files or data.
`

var helpTexts = map[string]string{
	"scorecard": `salesperf scorecard [flags]

Per --by key (owner by default) and in total:
  created, open   deals created in the span (all deals without --period) and those still open
  won, lost       deals closed in the span
  win rate        won / (won + lost)
  won amount      closed-won revenue, avg deal = won amount / won deals
  cycle           days from created to closed of the won deals: mean, median, p90
A deal counts for the manager, team or region of its owner on the day it was created
(created, open) or closed (the rest).

Examples:
  salesperf scorecard
  salesperf scorecard --period quarter --by manager --format markdown
  salesperf scorecard --by period --period month --format csv
  salesperf scorecard --preset maven --deals sales_pipeline.csv --org sales_teams.csv --by manager
`,
	"funnel": `salesperf funnel [flags]

The stage funnel of each pipeline over the deals created in the span (per --by key when
given): deals that reached each stage (a skipped stage counts as reached), conversion to
the next stage = reached(next) / reached(stage), drop-off, days spent in the stage, and
the leakiest stage. --format html draws each funnel.

Examples:
  salesperf funnel
  salesperf funnel --period year --by source
  salesperf funnel --preset maven --deals sales_pipeline.csv --format html > funnel.html
`,
	"leaderboard": `salesperf leaderboard [flags]

Per --by key (owner by default), over the deals closed in the span: the win rate with its
95% Wilson interval, the rate shrunk toward the team's by empirical Bayes
((won + α) / (closed + α + β), so 2 of 2 does not outrank 45 of 60), ranked by it
(standard competition ranks 1, 2, 2, 4; fewer than --min-n closed deals: not ranked), the
raw-rate rank, and the won amount with its rank. --format html draws the bars with their
intervals and the team rate.

Examples:
  salesperf leaderboard
  salesperf leaderboard --period quarter --min-n 5
  salesperf leaderboard --by manager --preset maven --deals sales_pipeline.csv --org sales_teams.csv
`,
	"forecast": `salesperf forecast [flags]

For the period holding --as-of (a quarter, or --period):
  weighted pipeline     Σ amount × win probability of the open deals, per pipeline and stage,
                        and of those expected to close in the period; probabilities learned
                        by stage survival (won / closed deals that reached the stage, smoothed
                        toward the pipeline's default below 20 deals) or --probabilities fixed
  categories            closed, commit, best case, pipeline, omitted: individual and cumulative
  Monte Carlo           P10, P50, P90 and mean of the period's won revenue (10,000 draws,
                        --seed), and the chance of reaching the reps' targets when the data
                        has them (the sample)

Examples:
  salesperf forecast
  salesperf forecast --period month --probabilities fixed --format json
`,
	"report": `salesperf report lost-reasons|lead-sources|pipeline [flags]

  lost-reasons   the deals lost in the span per reason (per --by key when given):
                 count, share of the group's lost deals, amount
  lead-sources   per source, the leads created in the span (needs leads: --leads FILE):
                 response time (created → first touch, calendar minutes), share answered
                 within 1 hour, conversion to a deal; and the deals created in the span:
                 opportunities, won, win rate, won amount, cycle
  pipeline       the deals open at --as-of per pipeline and stage: count, amount, weighted
                 amount, age, idle deals (no activity for 14 days, none scheduled)

Examples:
  salesperf report lost-reasons --period quarter --by owner
  salesperf report lead-sources --format csv
  salesperf report pipeline --as-of 2025-12-31
`,
	"json": jsonHelp,
}

// helpTopics are the topics "salesperf help" knows, sorted.
func helpTopics() []string { return slices.Sorted(maps.Keys(helpTexts)) }
