// Package forecast answers "will we make the period?": win probabilities
// per open deal, the weighted pipeline, forecast categories, run rates,
// simulations with ranges, and the backtests that score them on the past.
//
// Money stays exact: a probability that multiplies money is a
// decimal.Decimal in [0, 1] and every rounding is named; figures are kept
// per currency (salesperf.Sum). Nothing reads the clock: "now" is always
// an explicit instant, and anything computed as of an instant reads only
// fields dated at or before it (salesperf.Deal.AsOf). Bad input is never
// a panic and never a silent skip: results count the deals they left out
// by reason ([LeftOut]), and strict checks return errors wrapping the
// salesperf sentinels. Misuse (a nil function, an invalid rounding mode
// or configuration) panics with a "forecast: " prefix.
//
// # Win probabilities
//
//   - [Probabilities]: the interface every source of win probabilities
//     implements — Lookup(deal) gives the probability or why there is
//     none ([Missing]).
//   - [StageProbabilities]: probability by current stage for one pipeline,
//     with Of and Float for other code, and where each value came from
//     (Source) and the counts it rests on (N, Won).
//   - [FixedStage]: the pipeline's default probabilities.
//   - [LearnStage]: stage survival learned from closed deals as of an
//     instant — won / (won + lost that reached the stage) — with a
//     Beta-smoothed fallback toward the default below MinN deals
//     ([LearnConfig]).
//   - [LearnBy], [SegmentProbabilities]: the same per segment, falling
//     back toward the whole pipeline where a segment is thin.
//
// # Weighted pipeline, categories, run rate (records: *salesperf.Deal)
//
// Each is a metrics.Aggregator: it folds, merges and segments like every
// metric (segment.By with any key, segment.Period for periods).
//
//   - [WeightedPipeline]: Σ amount × probability over open deals, each
//     product rounded to the minor unit with a named mode ([Weighted]);
//     usual cohort: expected close date.
//   - [Categories]: pipeline, best case, commit, closed, omitted, each
//     individually and cumulatively ([CategoryRollup]); cohort:
//     [ForecastPeriod] (close date for closed deals, expected close for
//     open ones).
//   - [RunRate]: won so far in the period, projected over the whole
//     period by elapsed calendar or business time ([RunRateProjection]).
//
// # As-of reconstruction and input checks
//
//   - [PipelineAt]: every deal as it stood at a past instant;
//     [OpenAt]: those open then — the pipeline a backtest starts from.
//   - [CheckOpen]: what makes an open deal bad forecast input (no
//     expected close date, a history that contradicts the current value,
//     no valid probability); [StageProbabilities.Validate] for the table.
//
// # Monte Carlo
//
//   - [MonteCarlo.Simulate]: the period's revenue as a distribution —
//     closed so far + open deals that win and close in the period + deals
//     not yet created — with a shared one-factor shock so the range is not
//     too narrow ([Simulation]: Range (P10, P50, P90), ProbAtLeast(target),
//     Mean split into closed / open / new, Combine across segments).
//     Deterministic given a seed, whatever the input order.
//   - [LearnTiming], [Timing]: when an open deal closes: by default
//     ([TimingSurvival]) its chance of being won in the period given its
//     age, from every won, lost and still-open deal (a competing-risks
//     survival estimate), or, with [TimingWonOnly], from the won deals
//     that were in the same stage at least as long.
//   - [LearnNewDeals], [NewDeals]: the rate of new pipeline (recent
//     creations), how much of it wins within the period (the win curve,
//     calibrated on the same window of past periods) and how big its
//     quick wins are.
//
// # Backtests
//
//   - Backtest.Run: rolling origins — the start and the middle of each
//     period of a calendar grain over a span — and, from the deals as they
//     stood at each origin, the forecasts of the period's won revenue by
//     every method (fixed-stage and learned-stage weighted pipeline,
//     categories' commit column, run rate, Monte Carlo P10/P50/P90),
//     against the revenue actually won (BacktestResult: per-origin
//     details, BacktestOrigin).
//   - BacktestScore: per method, WAPE, bias, pinball loss at 0.1, 0.5 and
//     0.9, P10–P90 coverage and each tail's rate; BacktestResult.Table
//     prints them.
//
// # Lead and deal scoring
//
//   - [PointRules]: rule-based points per action and attribute, decaying
//     with age, and a grade from thresholds (HubSpot/Pardot style).
//   - [NaiveBayes]: Odoo's predictive lead scoring, as the baseline.
//   - [FitLogistic], [Logistic]: an L2-regularised logistic regression on
//     the same fields plus activity features, on a time split.
//   - [Evaluate]: AUC, Brier score, log loss, expected calibration error,
//     calibration slope, top-decile lift of any (probability, outcome)
//     pairs ([Evaluation]); [Bootstrap] for their sampling noise.
//
// # Time series
//
//   - [Series], [SeriesOf], [MoneyOf]: period revenue as a series and back
//     to exact money.
//   - [SeasonalNaive]: the same period last season.
//   - [NewETS], [FitETS], [AutoETS]: exponential smoothing state-space
//     models (simple, Holt, damped, Holt–Winters additive and
//     multiplicative; R's ets() family without multiplicative trend),
//     fitted by maximum likelihood, chosen by AICc, with analytic
//     prediction intervals — checked against R's forecast package.
package forecast
