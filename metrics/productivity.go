package metrics

import (
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// builtinCategories is the number of built-in time categories with a slot
// of their own in a CategoryTime: Uncategorized … LeadResearch.
const builtinCategories = int(sp.LeadResearch) + 1

// secondsPerHour is the number of seconds in an hour, as a decimal.
var secondsPerHour = decimal.NewFromInt(3600)

// CategoryTime is the time reps spent, per time category, in whole
// seconds: where the time goes. It is both the state and the result of
// [TimeByCategory]; the zero CategoryTime holds no time.
//
// Seconds[c] is the time of the built-in category c, indexed by the
// salesperf constant (Seconds[0] uncategorized, Seconds[1] prospecting …
// Seconds[4] lead research); CustomCategories maps the name of each
// custom category (Activity.CustomCategory) to its time; Invalid is the
// time of activities whose category is not one of the constants (which
// validation reports); Untimed counts the activities with no duration
// (zero or negative), which add no time.
//
// Time is kept in whole seconds so that it is exact and cannot overflow
// (int64 seconds is 292 billion years, where int64 nanoseconds is 292
// years: what a thousand reps log in under two years); each activity's
// duration is truncated to the second (as time.Duration / time.Second
// does), so an activity of 90.8 s counts 90 s.
type CategoryTime struct {
	Seconds          [builtinCategories]int64 `json:"seconds"`
	CustomCategories map[string]int64         `json:"custom,omitempty"`
	Invalid          int64                    `json:"invalid,omitempty"`
	Untimed          int64                    `json:"untimed,omitempty"`
}

// Of returns the seconds spent on category c. For salesperf.CustomCategory
// it is every custom category together (see [CategoryTime.Custom] for
// one name); for a category that is not one of the constants it is 0
// (that time is in Invalid).
func (t CategoryTime) Of(c sp.TimeCategory) int64 {
	switch {
	case c >= sp.Uncategorized && c <= sp.LeadResearch:
		return t.Seconds[c]
	case c == sp.CustomCategory:
		return sumOf(t.CustomCategories)
	}
	return 0
}

// Custom returns the seconds spent on the custom category called name
// (0 if there is none).
func (t CategoryTime) Custom(name string) int64 { return t.CustomCategories[name] }

// Total returns the seconds spent on every category together: built-in
// (uncategorized included), custom and invalid. It is the denominator of
// every share.
func (t CategoryTime) Total() int64 {
	n := t.Invalid + sumOf(t.CustomCategories)
	for _, v := range t.Seconds {
		n += v
	}
	return n
}

// Share returns the share of the time spent on category c:
// Of(c) / Total(), exact, in seconds. Uncategorized time has its own
// share, never spread over the others, so the shares of every category
// add up to 1. Over no time the Rate has no value.
func (t CategoryTime) Share(c sp.TimeCategory) Rate {
	return Rate{Num: t.Of(c), Den: t.Total()}
}

// CustomShare returns the share of the time spent on the custom category
// called name: Custom(name) / Total(), as [CategoryTime.Share] does.
func (t CategoryTime) CustomShare(name string) Rate {
	return Rate{Num: t.Custom(name), Den: t.Total()}
}

// All returns an iterator over the categories with time and their
// seconds, in a fixed order for printing: prospecting, presenting, data
// entry, lead research, then the custom categories sorted by name, then
// "uncategorized" (the CRM did not say), then "invalid category" when some
// categories were invalid.
func (t CategoryTime) All() iter.Seq2[string, int64] {
	names := slices.Sorted(maps.Keys(t.CustomCategories))
	return func(yield func(string, int64) bool) {
		for c := sp.Prospecting; c <= sp.LeadResearch; c++ {
			if n := t.Seconds[c]; n != 0 && !yield(c.String(), n) {
				return
			}
		}
		for _, name := range names {
			if n := t.CustomCategories[name]; n != 0 && !yield(name, n) {
				return
			}
		}
		if n := t.Seconds[sp.Uncategorized]; n != 0 && !yield(sp.Uncategorized.String(), n) {
			return
		}
		if t.Invalid != 0 {
			yield("invalid category", t.Invalid)
		}
	}
}

// String lists the categories in the order of [CategoryTime.All] with
// their hours and their share of the total, "prospecting 3.0h 60.0%,
// presenting 2.0h 40.0%", hours and percentages rounded half to even to
// one decimal; "–" when no time was recorded.
func (t CategoryTime) String() string {
	total := t.Total()
	var b strings.Builder
	for name, sec := range t.All() {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		p, _ := Rate{Num: sec * 100, Den: total}.Decimal(1, sp.RoundHalfEven)
		b.WriteString(name + " " + formatHours(sec) + " " + p.StringFixed(1) + "%")
	}
	if b.Len() == 0 {
		return "–"
	}
	return b.String()
}

// formatHours formats seconds as hours with one decimal, rounded half to
// even: "2.5h".
func formatHours(sec int64) string {
	return sp.RoundHalfEven.Quo(decimal.NewFromInt(sec), secondsPerHour, 1).StringFixed(1) + "h"
}

// clone returns an independent copy of t.
func (t *CategoryTime) clone() CategoryTime {
	out := *t
	out.CustomCategories = maps.Clone(t.CustomCategories)
	return out
}

// TimeByCategory is where the reps' time goes: the total duration of the
// activities per time category (prospecting, presenting, data entry, lead
// research, each custom category by name, and uncategorized as its own
// share), in whole seconds, with each category's share of the total:
// share(c) = seconds on c / seconds on every category.
//
// An activity with no duration (zero: the CRM did not record it) adds no
// time and is counted in Untimed; it still counts in [ActivityCounts].
// A negative duration (invalid; validation reports it) is treated the
// same way. Each duration is truncated to whole seconds (see
// [CategoryTime]).
//
// The usual cohort places an activity in a period by Activity.At (key the
// segments with segment.ActivityPeriod); per rep, by segment.Rep. State
// and result: the exact [CategoryTime]; the result is a copy, not the
// state. Adding an activity allocates only when a custom category's name
// first appears.
//
// Column form: reads duration, category (custom categories by name from
// the table's sparse CustomCategory column).
func TimeByCategory() Aggregator[*sp.Activity, CategoryTime, CategoryTime] {
	a := Aggregator[*sp.Activity, CategoryTime, CategoryTime]{
		Add: func(s *CategoryTime, a *sp.Activity) {
			if a.Duration <= 0 {
				s.Untimed++
				return
			}
			sec := int64(a.Duration / time.Second)
			switch c := a.Category; {
			case c >= sp.Uncategorized && c <= sp.LeadResearch:
				s.Seconds[c] += sec
			case c == sp.CustomCategory:
				if s.CustomCategories == nil {
					s.CustomCategories = make(map[string]int64)
				}
				s.CustomCategories[a.CustomCategory] += sec
			default:
				s.Invalid += sec
			}
		},
		Merge: func(dst, src *CategoryTime) {
			for i, n := range src.Seconds {
				dst.Seconds[i] += n
			}
			if len(src.CustomCategories) > 0 && dst.CustomCategories == nil {
				dst.CustomCategories = make(map[string]int64, len(src.CustomCategories))
			}
			for name, n := range src.CustomCategories {
				dst.CustomCategories[name] += n
			}
			dst.Invalid += src.Invalid
			dst.Untimed += src.Untimed
		},
		Result: (*CategoryTime).clone,
	}
	a.setActivityCols(sp.ActivityFieldDuration|sp.ActivityFieldCategory, func(c cols[CategoryTime], b ActivityBatch) {
		n, sel := b.span(), b.Sel
		dur, cat := b.T.Duration[b.Lo:b.Lo+n], b.T.Category[b.Lo:b.Lo+n]
		for j, k := range b.Keys {
			if k == Skip {
				continue
			}
			i := j
			if sel != nil {
				i = int(sel[j])
			}
			// The categories are random, but these branches are not:
			// timed activities in built-in categories are the rule (the
			// category itself is an index).
			s := c.at(k)
			if dur[i] <= 0 {
				s.Untimed++
				continue
			}
			sec := dur[i] / int64(time.Second)
			switch ct := cat[i]; {
			case ct >= sp.Uncategorized && ct <= sp.LeadResearch:
				s.Seconds[ct] += sec
			case ct == sp.CustomCategory:
				if s.CustomCategories == nil {
					s.CustomCategories = make(map[string]int64)
				}
				s.CustomCategories[b.T.CustomCategoryOf(b.Lo+i)] += sec
			default:
				s.Invalid += sec
			}
		}
	})
	return a
}

// Productivity is what the reps' time produced: the amount won and the
// deals won against the time spent. It is a presentation type: the won
// side comes from the deals, the time from the activities, two kinds of
// record folded by two aggregators, each exact and mergeable on its own,
// and brought together for one segment (a rep, a team, a period) only
// when presented:
//
//   - Won and WonDeals from [AverageDealSize] over the won deals (its
//     Total and N are the won amount and the number of deals won), or
//     from [WonAmount] and [Counts]; the usual cohort is the close date.
//   - Seconds from [TimeByCategory] over the activities (Total for all
//     time, Of(c) for the time spent on one category, such as
//     presenting); the usual cohort is Activity.At.
//
// Per rep, fold the deals by segment.Owner and the activities by
// segment.Rep and match the keys; per period, by segment.Period(…,
// segment.ByClosed) and segment.ActivityPeriod.
type Productivity struct {
	Won      sp.Sum `json:"won"`       // amount won, per currency
	WonDeals int64  `json:"won_deals"` // number of deals won
	Seconds  int64  `json:"seconds"`   // time spent, in whole seconds
}

// PerHour returns the amount won per hour of time spent:
// won amount × 3600 / seconds, rounded once to the currency's minor unit
// with mode (to the places the total already has, for a currency that is
// not known). It returns false when no time was spent (Seconds ≤ 0), and
// an error wrapping salesperf.ErrMixedCurrency when Won is in several
// currencies (convert it first, or segment by currency). Time spent and
// nothing won is the zero Money, with true: zero per hour is a figure.
// PerHour panics if mode is not a defined RoundingMode.
func (p Productivity) PerHour(mode sp.RoundingMode) (sp.Money, bool, error) {
	won, err := p.Won.Single()
	if err != nil || p.Seconds <= 0 {
		return sp.Money{}, false, err
	}
	if won.IsZero() {
		return won, true, nil
	}
	cur := won.Currency()
	places, ok := cur.Digits()
	if !ok {
		places = max(0, int(-won.Decimal().Exponent()))
	}
	q := mode.Quo(won.Decimal().Mul(secondsPerHour), decimal.NewFromInt(p.Seconds), int32(places))
	return sp.MoneyFromDecimal(q, cur), true, nil
}

// DealsPer100Hours returns the number of deals won per 100 hours of time
// spent, exactly: Rate{Num: WonDeals × 360000, Den: Seconds} (360000
// seconds are 100 hours), so that Value is won deals per 100 hours. Over
// no time the Rate has no value. Its Num usually exceeds its Den: present
// it with Rate.Value or Rate.Decimal, not Rate.String, which prints a
// percentage.
func (p Productivity) DealsPer100Hours() Rate {
	return Rate{Num: p.WonDeals * 100 * 3600, Den: p.Seconds}
}

// String formats the figures as "1250.00 USD/h, 2.5 won per 100h (3 won
// in 120.0h)", amounts and deals per 100 hours rounded half to even; "–"
// for a figure without a value (no time), or the error of a won amount
// in several currencies.
func (p Productivity) String() string {
	perHour := "–"
	switch m, ok, err := p.PerHour(sp.RoundHalfEven); {
	case err != nil:
		return err.Error()
	case ok:
		perHour = m.String() + "/h"
	}
	per100 := "–"
	if d, ok := p.DealsPer100Hours().Decimal(1, sp.RoundHalfEven); ok {
		per100 = d.StringFixed(1)
	}
	return perHour + ", " + per100 + " won per 100h (" + strconv.FormatInt(p.WonDeals, 10) + " won in " + formatHours(p.Seconds) + ")"
}
