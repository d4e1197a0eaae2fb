package goal

import (
	"fmt"
	"strings"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/shopspring/decimal"
)

// Figure is an exact quantity of a target's metric: an amount of money
// when Currency is set (in major units: 12.34 for 12.34 USD), a count
// otherwise. It is kept as the fraction Num / Den so that an
// expected-to-date or a projection (a target times a share of the period)
// stays exact until it is presented with a named rounding. The zero Figure
// is the count 0; a zero Den counts as 1.
type Figure struct {
	Num, Den decimal.Decimal
	Currency sp.Currency // "" for counts
}

func (f Figure) den() decimal.Decimal {
	if f.Den.IsZero() {
		return decimal.NewFromInt(1)
	}
	return f.Den
}

// Decimal returns the figure rounded to places decimal places with mode.
// It panics if mode is not a defined salesperf.RoundingMode.
func (f Figure) Decimal(places int32, mode sp.RoundingMode) decimal.Decimal {
	return mode.Quo(f.Num, f.den(), places)
}

// Money returns a money figure rounded to its currency's minor unit with
// mode (to the places Num has, for a currency that is not known), and
// false for a count. It panics if mode is not a defined RoundingMode.
func (f Figure) Money(mode sp.RoundingMode) (sp.Money, bool) {
	if f.Currency == "" {
		return sp.Money{}, false
	}
	places, ok := f.Currency.Digits()
	if !ok {
		places = int(max(0, -f.Num.Exponent()))
	}
	return sp.MoneyFromDecimal(f.Decimal(int32(places), mode), f.Currency), true
}

// String formats the figure rounded half to even: money to its minor unit
// ("15000.00 USD"), a count as a whole number when it is one ("7") and to
// one decimal otherwise ("2.3").
func (f Figure) String() string {
	if m, ok := f.Money(sp.RoundHalfEven); ok {
		return m.String()
	}
	if w := f.Decimal(0, sp.RoundHalfEven); w.Mul(f.den()).Equal(f.Num) {
		return w.String()
	}
	return f.Decimal(1, sp.RoundHalfEven).StringFixed(1)
}

// Fraction is an exact ratio Num / Den: an attainment, a pacing, the
// elapsed share of a period. A fraction over nothing (Den = 0) has no
// value: Decimal and Value return false, never NaN.
type Fraction struct {
	Num, Den decimal.Decimal
}

// Decimal returns Num / Den rounded to places decimal places with mode,
// exactly, and false when Den is 0. It panics if mode is not a defined
// RoundingMode.
func (r Fraction) Decimal(places int32, mode sp.RoundingMode) (decimal.Decimal, bool) {
	if r.Den.IsZero() {
		return decimal.Zero, false
	}
	return mode.Quo(r.Num, r.Den, places), true
}

// Value returns Num / Den as a float64 (for charts), false when Den is 0.
func (r Fraction) Value() (float64, bool) {
	q, ok := r.Decimal(15, sp.RoundHalfEven)
	f, _ := q.Float64()
	return f, ok
}

// Cmp compares the fraction with x exactly: -1, 0 or +1, and false when
// Den is 0. Den must not be negative.
func (r Fraction) Cmp(x decimal.Decimal) (int, bool) {
	if r.Den.IsZero() {
		return 0, false
	}
	return r.Num.Cmp(x.Mul(r.Den)), true
}

// String formats the fraction as a percentage with one decimal, rounded
// half to even ("80.0%"), or "–" without a value.
func (r Fraction) String() string {
	p, ok := r.Decimal(3, sp.RoundHalfEven)
	if !ok {
		return "–"
	}
	return p.Shift(2).StringFixed(1) + "%"
}

// Progress is a target's standing as of an instant: what was achieved, and
// how much of the period has elapsed. Every figure is derived from these
// exact parts by its method; nothing is rounded until presented.
//
// Elapsed is the share of the period elapsed at AsOf, in nanoseconds:
// with calendar time, (AsOf − start) / (end − start), the instants from
// Calendar.Bounds (so a month with a daylight-saving change has 743 or 745
// hours, and its days are not exactly 1/31 each); with business hours,
// Hours.Elapsed(start, AsOf) / Hours.Elapsed(start, end): the working
// days (and hours) elapsed over those of the period, holidays excluded.
// AsOf is clamped to the period: before its start nothing has elapsed,
// after its end all of it has. Den is 0 only for a period without any
// working time.
type Progress struct {
	Target   sp.Target
	AsOf     time.Time
	Achieved Figure   // exact; in the target's currency for money metrics
	Elapsed  Fraction // share of the period elapsed at AsOf
}

// NewProgress places an achievement in its target's period as of asOf,
// with the calendar and the clock (calendar time or c.Hours) of c. It
// reports a target that cannot be measured (the errors of [NewTally], and
// a target value of zero or below: salesperf.ErrInvalidValue), an
// achievement that cannot be compared with it (see [Achieved.Figure]:
// salesperf.ErrMixedCurrency, or an unknown new ARR) and an invalid
// c.Hours (salesperf.ErrInvalidValue).
func NewProgress(a Achieved, asOf time.Time, c Config) (Progress, error) {
	t := a.Target
	if err := checkTarget(&t, c); err != nil {
		return Progress{}, fmt.Errorf("goal: %w", err)
	}
	if goalOf(t).Num.Sign() <= 0 {
		return Progress{}, fmt.Errorf("goal: %s: target %s is not above zero: %w", describe(t), goalOf(t), sp.ErrInvalidValue)
	}
	ach, err := a.Figure()
	if err != nil {
		return Progress{}, err
	}
	if c.Hours != nil {
		if err := c.Hours.Validate(); err != nil {
			return Progress{}, fmt.Errorf("goal: %w", err)
		}
	}
	start, end := c.Calendar.Bounds(t.Period)
	at := asOf
	if at.Before(start) {
		at = start
	}
	if at.After(end) {
		at = end
	}
	var num, den time.Duration
	if c.Hours != nil {
		num, den = c.Hours.Elapsed(start, at), c.Hours.Elapsed(start, end)
	} else {
		num, den = at.Sub(start), end.Sub(start)
	}
	return Progress{
		Target:   t,
		AsOf:     asOf,
		Achieved: ach,
		Elapsed:  Fraction{decimal.NewFromInt(int64(num)), decimal.NewFromInt(int64(den))},
	}, nil
}

// goalOf returns the target's value as a Figure.
func goalOf(t sp.Target) Figure {
	if t.Metric.IsMoney() {
		return Figure{Num: t.Amount.Decimal(), Currency: t.Amount.Currency()}
	}
	return Figure{Num: decimal.NewFromInt(t.Count)}
}

// Goal returns the target's value: Target.Amount for money metrics,
// Target.Count for the others.
func (p Progress) Goal() Figure { return goalOf(p.Target) }

// Attainment is how much of the target is achieved:
//
//	attainment = achieved / target
//
// It has a value for every Progress made by NewProgress (the target is
// above zero) and may exceed 1.
func (p Progress) Attainment() Fraction {
	return Fraction{p.Achieved.Num.Mul(p.Goal().den()), p.Goal().Num.Mul(p.Achieved.den())}
}

// AttainmentRate returns the attainment of a count target as a
// metrics.Rate{Num: achieved, Den: target}, and false for a money target.
func (p Progress) AttainmentRate() (metrics.Rate, bool) {
	if p.Target.Metric.IsMoney() || !p.Achieved.Num.IsInteger() {
		return metrics.Rate{}, false
	}
	return metrics.Rate{Num: p.Achieved.Num.IntPart(), Den: p.Target.Count}, true
}

// Expected is the figure the target's holder should have reached by AsOf
// to be on a straight line to the target:
//
//	expected-to-date = target × elapsed share
//
// It is 0 at the period's start and the target from its end on; false
// only when the period has no working time.
func (p Progress) Expected() (Figure, bool) {
	if p.Elapsed.Den.IsZero() {
		return Figure{}, false
	}
	g := p.Goal()
	return Figure{Num: g.Num.Mul(p.Elapsed.Num), Den: g.den().Mul(p.Elapsed.Den), Currency: g.Currency}, true
}

// Pacing compares the achievement with the expected-to-date:
//
//	pacing = achieved / expected-to-date = achieved / (target × elapsed share)
//
// 1 is exactly on pace, above 1 ahead, below 1 behind. It has no value
// (false) when nothing of the period has elapsed (at or before its start).
func (p Progress) Pacing() (Fraction, bool) {
	e, ok := p.Expected()
	if !ok || e.Num.IsZero() {
		return Fraction{}, false
	}
	return Fraction{p.Achieved.Num.Mul(e.den()), e.Num.Mul(p.Achieved.den())}, true
}

// Projected is where the period ends if the run rate so far holds (a
// run-rate projection: the achievement extrapolated linearly over the
// elapsed share, in the same clock as Expected):
//
//	projected = achieved / elapsed share
//
// It equals the achievement once the period is over, and has no value
// (false) when nothing of the period has elapsed.
func (p Progress) Projected() (Figure, bool) {
	if p.Elapsed.Num.IsZero() || p.Elapsed.Den.IsZero() {
		return Figure{}, false
	}
	a := p.Achieved
	return Figure{Num: a.Num.Mul(p.Elapsed.Den), Den: a.den().Mul(p.Elapsed.Num), Currency: p.Goal().Currency}, true
}

// Gap is what is still to achieve, floored at zero, and whether the
// target is reached:
//
//	gap = max(target − achieved, 0)    reached = achieved ≥ target
func (p Progress) Gap() (gap Figure, reached bool) {
	g := p.Goal()
	d := g.Num.Mul(p.Achieved.den()).Sub(p.Achieved.Num)
	if d.Sign() <= 0 {
		return Figure{Num: decimal.Zero, Currency: g.Currency}, true
	}
	return Figure{Num: d, Den: p.Achieved.den(), Currency: g.Currency}, false
}

// DealsNeeded is how many more deals close the gap:
//
//	money targets    deals needed = ⌈gap / average deal size⌉ = ⌈gap × avg.N / avg.Total⌉
//	won / new deals  deals needed = gap
//
// The average is the caller's (metrics.AverageDealSize over the cohort
// they choose, such as the holder's won deals of the last four quarters)
// and is used exactly, not rounded first: a gap of 10,000.01 over an
// average of 5,000.00 needs 3 deals. It is 0 when the target is reached.
// It has no value (false) for activity targets, and for a money target
// when the average is over no deals or not above zero. It is an error
// wrapping salesperf.ErrMixedCurrency when the average is not in the
// target's currency alone.
func (p Progress) DealsNeeded(avg metrics.Average) (int64, bool, error) {
	gap, reached := p.Gap()
	switch p.Target.Metric {
	case sp.TargetActivities:
		return 0, false, nil
	case sp.TargetWonDeals, sp.TargetNewDeals:
		return gap.Decimal(0, sp.RoundCeiling).IntPart(), true, nil
	}
	total, err := avg.Total.Single()
	if err != nil {
		return 0, false, fmt.Errorf("goal: %s: deals needed: %w", describe(p.Target), err)
	}
	if total.Currency() != "" && total.Currency() != gap.Currency {
		return 0, false, fmt.Errorf("goal: %s: deals needed: %w: average in %s against a target in %s",
			describe(p.Target), sp.ErrMixedCurrency, total.Currency(), currencyName(gap.Currency))
	}
	if reached {
		return 0, true, nil
	}
	if avg.N <= 0 || total.Sign() <= 0 {
		return 0, false, nil
	}
	n := sp.RoundCeiling.Quo(gap.Num.Mul(decimal.NewFromInt(avg.N)), gap.den().Mul(total.Decimal()), 0)
	return n.IntPart(), true, nil
}

// Coverage is whether there is enough pipeline to close the gap:
//
//	coverage = open pipeline expected to close in the period / gap
//
// open is that pipeline, per currency: for example the Open of
// metrics.PipelineCoverage over the period's Bounds, folded over the
// holder's deals as of AsOf. A coverage of 3 means three times the gap is
// in play. It has no value (false) when the target is reached. It is an
// error wrapping salesperf.ErrInvalidValue for a count target, and
// salesperf.ErrMixedCurrency when the pipeline is not all in the
// target's currency.
func (p Progress) Coverage(open *sp.Sum) (Fraction, bool, error) {
	if !p.Target.Metric.IsMoney() {
		return Fraction{}, false, fmt.Errorf("goal: %s: coverage of a count target: %w", describe(p.Target), sp.ErrInvalidValue)
	}
	gap, reached := p.Gap()
	var total decimal.Decimal
	for m := range open.All() {
		if m.Currency() != gap.Currency {
			return Fraction{}, false, fmt.Errorf("goal: %s: coverage: %w: pipeline %s against a target in %s",
				describe(p.Target), sp.ErrMixedCurrency, open.String(), gap.Currency)
		}
		total = m.Decimal()
	}
	if reached {
		return Fraction{}, false, nil
	}
	return Fraction{total.Mul(gap.den()), gap.Num}, true, nil
}

// Verdict is the word for a pacing: behind, on track or ahead. The zero
// Verdict, NoVerdict, is for a period in which nothing has elapsed yet
// (pacing has no value).
type Verdict int8

// The verdicts.
const (
	NoVerdict Verdict = iota // nothing elapsed yet: no pacing
	Behind                   // pacing below 1 − tolerance
	OnTrack                  // pacing within 1 ± tolerance, both ends included
	Ahead                    // pacing above 1 + tolerance
)

// String returns "–", "behind", "on track", "ahead", or "Verdict(N)".
func (v Verdict) String() string {
	switch v {
	case NoVerdict:
		return "–"
	case Behind:
		return "behind"
	case OnTrack:
		return "on track"
	case Ahead:
		return "ahead"
	}
	return fmt.Sprintf("Verdict(%d)", int(v))
}

// Verdict judges the pacing with the tolerance of c (zero: ±5%):
//
//	pacing < 1 − tolerance   Behind
//	pacing > 1 + tolerance   Ahead
//	otherwise                OnTrack
//
// and NoVerdict when pacing has no value. The comparison is exact. It
// panics if c.Tolerance is negative.
func (p Progress) Verdict(c Config) Verdict {
	tol := c.tolerance()
	pace, ok := p.Pacing()
	if !ok {
		return NoVerdict
	}
	one := decimal.NewFromInt(1)
	if lo, _ := pace.Cmp(one.Sub(tol)); lo < 0 {
		return Behind
	}
	if hi, _ := pace.Cmp(one.Add(tol)); hi > 0 {
		return Ahead
	}
	return OnTrack
}

// Row is one grain of a side-by-side view: the period of that grain that
// contains the instant, and the holder's progress on their target for it.
// HasTarget is false when the holder has no such target (Progress and
// Verdict are then zero).
type Row struct {
	Grain     sp.Grain
	Period    sp.Period
	HasTarget bool
	Progress  Progress
	Verdict   Verdict
}

// SideBySide shows the short and the long term of one holder and metric
// together, as of asOf: for each grain (none given: Month, Quarter and
// Year), the period of c.Calendar of that grain containing asOf, the
// achievement among achieved whose target is for that holder (level,
// who), metric and period, its progress and its verdict. For activity
// targets the first matching target is taken whatever its Activity kind;
// filter achieved to choose a kind. The errors are those of
// [NewProgress]. It panics if a grain is invalid or c.Tolerance negative.
//
//	month    behind
//	quarter  on track
//	year     on track    Headline: "behind this month, on track this quarter, on track for the year"
func SideBySide(achieved []Achieved, level sp.Level, who string, metric sp.TargetMetric, asOf time.Time, c Config, grains ...sp.Grain) ([]Row, error) {
	if len(grains) == 0 {
		grains = []sp.Grain{sp.Month, sp.Quarter, sp.Year}
	}
	rows := make([]Row, len(grains))
	for i, g := range grains {
		rows[i] = Row{Grain: g, Period: c.Calendar.PeriodOf(asOf, g)}
		for _, a := range achieved {
			t := a.Target
			if t.Level != level || t.Metric != metric || t.Period != rows[i].Period || (level != sp.OrgLevel && t.Who != who) {
				continue
			}
			p, err := NewProgress(a, asOf, c)
			if err != nil {
				return nil, err
			}
			rows[i].HasTarget, rows[i].Progress, rows[i].Verdict = true, p, p.Verdict(c)
			break
		}
	}
	return rows, nil
}

// Headline says the rows in words, finest grain first, one verdict per
// grain with a target: "behind this month, on track this quarter, ahead
// for the year". A grain without a target or a verdict says so ("no
// target this quarter", "not started this month"). Rows of the grains
// Day, Week, Month, Quarter and Half read "this …", a Year "for the year".
func Headline(rows []Row) string {
	parts := make([]string, 0, len(rows))
	for _, r := range rows {
		when := "this " + r.Grain.String()
		if r.Grain == sp.Year {
			when = "for the year"
		}
		switch {
		case !r.HasTarget:
			parts = append(parts, "no target "+when)
		case r.Verdict == NoVerdict:
			parts = append(parts, "not started "+when)
		default:
			parts = append(parts, r.Verdict.String()+" "+when)
		}
	}
	return strings.Join(parts, ", ")
}
