// Package scorecard computes the scorecard of issue 9 over the files of
// package gen, four ways, so that their costs can be compared in one run:
//
//   - Table: salesperf's columnar form — csvimport's table readers into a
//     salesperf.DealTable and ActivityTable holding only the fields read,
//     segment.FoldTable and FoldActivities with the built-in metrics'
//     column forms, dense rollups from rep to manager to region;
//   - API: salesperf's record API — csvimport readers into
//     []salesperf.Deal and []salesperf.Activity, segment.Fold with the
//     built-in metrics, segment.Rollup from rep to manager to region;
//   - Naive: the idiomatic loop a Go programmer would write first —
//     encoding/csv, time.Time, decimal.Decimal, maps keyed by name;
//   - Tuned: the hand-tuned columnar loop — int64 cents, day numbers, reps
//     interned to dense ids, one pass — as the practical limit.
//
// Every implementation returns the same [Scorecard]; they must agree
// exactly.
package scorecard

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/salesperf/salesperf/bench/gen"
)

// NumKinds is the number of activity kinds counted: those of gen.Kinds.
const NumKinds = len(gen.Kinds)

// Line is the scorecard of one rep, manager or region. Every deal counts
// for its owner (for a manager or region: through the owner's membership,
// which never changes in the generated org).
//
//	Created    deals owned (all statuses: the deals the rep created)
//	Won, Lost  deals won, lost
//	WinRate    Won / (Won + Lost)
//	WonCents   Σ amount of won deals, in USD cents (exact)
//	AvgWon     WonCents / Won, rounded half up to the cent ("20123.45 USD"; "–" with no won deal)
//	CycleDays  Σ calendar days from created to closed (UTC) over won deals
//	MeanCycle  CycleDays / Won, rounded half up to 0.01 day ("41.27"; "–" with no won deal)
//	Kinds      activities done by the rep, per kind of gen.Kinds
//
// AvgWon and MeanCycle are presented by each implementation with its own
// arithmetic, so that the comparison checks the presentation too.
type Line struct {
	Created, Won, Lost int64
	WonCents           int64
	AvgWon             string
	CycleDays          int64
	MeanCycle          string
	Kinds              [NumKinds]int64
}

// Scorecard is the whole report: a Line per rep, manager and region, and
// the organisation's won amount (USD cents) per calendar month of close,
// keyed "2006-01".
type Scorecard struct {
	Rep, Manager, Region map[string]Line
	Month                map[string]int64
}

// WinRate returns Won and Won + Lost.
func (l Line) WinRate() (num, den int64) { return l.Won, l.Won + l.Lost }

// Print writes the scorecard as sorted text lines: reps, managers,
// regions, then months. Two scorecards agree exactly when they print the
// same bytes.
func (s *Scorecard) Print(w io.Writer) error {
	var b strings.Builder
	for _, part := range []struct {
		name  string
		lines map[string]Line
	}{{"rep", s.Rep}, {"manager", s.Manager}, {"region", s.Region}} {
		for _, k := range slices.Sorted(maps.Keys(part.lines)) {
			l := part.lines[k]
			num, den := l.WinRate()
			fmt.Fprintf(&b, "%s %s created=%d won=%d lost=%d winrate=%d/%d won_amount=%s avg_won=%s cycle_days=%d mean_cycle=%s kinds=%v\n",
				part.name, k, l.Created, l.Won, l.Lost, num, den, FormatCents(l.WonCents), l.AvgWon, l.CycleDays, l.MeanCycle, l.Kinds)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(s.Month)) {
		fmt.Fprintf(&b, "month %s won_amount=%s\n", k, FormatCents(s.Month[k]))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// FormatCents writes an amount of USD cents as "1234.56 USD".
func FormatCents(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d USD", sign, c/100, c%100)
}

// quoHalfUp returns num / den rounded half up (away from zero) for num ≥ 0,
// den > 0.
func quoHalfUp(num, den int64) int64 {
	q, r := num/den, num%den
	if 2*r >= den {
		q++
	}
	return q
}

// avgWonTuned and meanCycleTuned present a Line's averages with integer
// arithmetic (the tuned implementation).
func avgWonTuned(cents, won int64) string {
	if won == 0 {
		return "–"
	}
	return FormatCents(quoHalfUp(cents, won))
}

func meanCycleTuned(days, won int64) string {
	if won == 0 {
		return "–"
	}
	h := quoHalfUp(days*100, won)
	return fmt.Sprintf("%d.%02d", h/100, h%100)
}

// monthKey returns "2006-01" for a year and month.
func monthKey(y, m int) string { return fmt.Sprintf("%04d-%02d", y, m) }

// civil returns the year, month and day of day number d (days since
// 1970-01-01), by Howard Hinnant's days_from_civil inverse.
func civil(d int64) (y, m, day int) {
	z := d + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	yy := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd := doy - (153*mp+2)/5 + 1
	mm := mp + 3
	if mp >= 10 {
		mm = mp - 9
	}
	if mm <= 2 {
		yy++
	}
	return int(yy), int(mm), int(dd)
}

// daysFromCivil returns the day number (days since 1970-01-01) of a civil
// date.
func daysFromCivil(y, m, d int) int64 {
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := yy / 400
	if yy < 0 && yy%400 != 0 {
		era = (yy - 399) / 400
	}
	yoe := yy - era*400
	mp := int64(m + 9)
	if m > 2 {
		mp = int64(m - 3)
	}
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
