// Package chart draws the charts a sales manager reads, as SVG, and puts
// them with report tables into one self-contained HTML page. It uses the
// standard library only.
//
// # Charts
//
//   - [Funnel]: a stage funnel with the conversion and drop-off of each
//     step and the leakiest step marked ([FunnelOf] reads a
//     metrics.FunnelResult).
//   - [Leaderboard]: ranked bars with interval whiskers (a win rate and
//     its Wilson interval) and a reference line (the team rate).
//   - [Trend]: a figure over periods with a target line.
//   - [Fan]: a forecast fan: the P10–P90 band, the P50 line and a target.
//   - [Waterfall]: a bridge from an opening to a closing total through
//     changes ([ARRWaterfall] reads a metrics.ARRBridge).
//
// Each chart is a small struct of plain values; WriteSVG writes it as a
// standalone SVG document with an accessible name (a title element, also
// shown at the top) and a description listing its figures, and every
// figure written as text too. The zero Width and Height pick a size that
// fits the data. Output is deterministic: the same chart gives the same
// bytes, so charts can be pinned by golden files.
//
// Numbers are written by a [Format] from their exact values — the float64
// given, or the exact decimal amount of money — rounded once to a fixed
// number of decimals, so a label never shows binary noise. Charts panic on
// a NaN or infinite value and on series of mismatched lengths: those are
// programming errors, never data.
//
// # Pages
//
// A [Page] holds [Section]s of notes, charts and report.Table values;
// [Page.WriteHTML] writes it as one HTML page with inline CSS and inline
// SVG, no scripts and no external resources.
package chart
