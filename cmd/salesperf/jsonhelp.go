package main

// jsonHelp is "salesperf help json": the JSON section of the package doc.
const jsonHelp = `salesperf --format json

--format json writes one object per run, indented, with fields in a
fixed order. Every document starts with:

  command    "scorecard", "funnel", "leaderboard", "forecast", "report lost-reasons"…
  source     "the embedded sample", or the files read
  as_of      the report's now, RFC 3339
  span       {"all": true, "to": "2017-12-31"} for all the data up to as_of, or
             {"all": false, "grain": "quarter", "period": "FY2026 Q4",
              "from": "2025-11-01", "to": "2026-01-31"} (days inclusive);
             --by period: {"all": true, "grain": "quarter", "to": …}
  currency   the report currency, "USD"
  by         the --by key, when any
  left_out   records that failed validation, by kind: {"deal": 6, "activity": 10}
  after_as_of  valid records dated after as_of, not read, by kind: {"deal": 3};
             absent when none
  notes      the definitions and cohorts of the figures

and uses three shapes for figures:

  money  {"amount": "1234.50", "currency": "USD"}: an exact decimal string in the
         currency's minor unit; the zero amount is "0.00"
  rate   {"num": 4, "den": 7, "value": "0.5714"}: the exact parts, and the value
         to 4 decimals, half to even, as a string; null when den is 0
  days   {"n": 4238, "mean": "51.8", "median": 57, "p90": 106}: whole days;
         mean to 1 decimal (string), median and p90 interpolated (numbers);
         the whole object is null over no deals

The rest depends on the subcommand:

  scorecard     rows, total: {key, created, open, won, lost, win_rate (rate),
                won_amount (money), average_deal (money or null), cycle_days (days)}
  funnel        funnels: [{pipeline, key (with --by), deals, not_reached,
                other_pipeline, unknown_stage, leakiest (stage or null),
                overall (rate), steps: [{stage, reached, conversion (rate; null for
                the won step), drop_off, drop_off_rate, days}]}]
  leaderboard   min_n, level, interval, team (rate), prior {alpha, beta}, fallback,
                rows: [{rank, key, win_rate, lo, hi, shrunk (4-decimal strings or
                null), raw_rank, won_amount, amount_rank}]; rank 0 means not ranked
  forecast      period, from, to, probabilities, stages: [{pipeline, stage,
                probability, source, deals, amount, weighted}], weighted and
                in_period: {deals, amount, weighted}, categories: [{category, deals,
                amount, cumulative_deals, cumulative_amount}], monte_carlo: {draws,
                seed, p10, p50, p90, mean, closed, target, prob_target (rate),
                left_out}
  report lost-reasons   rows: [{group (with --by), reason, deals, amount, share}]
  report lead-sources   rows: [{source, leads, opportunities, conversion, won,
                win_rate, won_amount, response: {touched, never, median_minutes,
                p90_minutes, within_1h, within_24h}, cycle_days}]
  report pipeline       pipelines: [{pipeline, unknown_stage, stages: [{stage,
                probability, deals, amount, weighted, age_days, idle}], total}],
                other_pipeline

New fields may be added; existing ones keep their name and shape.
`
