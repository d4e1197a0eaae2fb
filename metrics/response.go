package metrics

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// ResponseConfig says how [ResponseTime] measures lead response time. The
// zero ResponseConfig measures calendar time in whole seconds, with no
// SLA, no as-of instant and every lead of weight 1.
type ResponseConfig struct {
	// Hours, when set, counts working time only (through
	// BusinessHours.Elapsed): a lead created on Friday at 16:30 and first
	// touched on Monday at 10:00, with hours 9:00–17:00, waited 1h30m.
	// Nil counts calendar time.
	Hours *sp.BusinessHours

	// SLAs are the response-time targets whose shares are reported, such
	// as 5*time.Minute, time.Hour and 24*time.Hour, in the order given.
	// Each must be zero or a positive whole number of Unit.
	SLAs []time.Duration

	// Unit is the resolution kept exactly: every time is counted in whole
	// Units, rounded up (a touch 20 seconds after creation took 1 minute
	// when Unit is a minute; one second when it is a second). Zero means
	// time.Second. Rounding up makes "within an SLA" exact: a time is at
	// most k Units once rounded exactly when it is at most k Units.
	Unit time.Duration

	// AsOf, when set, is the instant the figures are seen from: a touch
	// after AsOf has not happened yet (so a backtest does not see the
	// future), a lead not touched by AsOf reports how long it has waited
	// so far, and a lead created after AsOf did not exist yet: it is
	// counted apart (Response.Future) and left out of every other figure.
	// Which leads to report on (the cohort) is still the caller's choice.
	// The zero AsOf reports leads never touched as a count only.
	AsOf time.Time

	// Weight, when set, is how much a lead matters, in whole points (a
	// score: a demo request more than a newsletter sign-up). Nil means
	// weight 1. It must not return a negative number.
	Weight func(*sp.Lead) int64
}

// ResponseState is the partial state of [ResponseTime]: exact counts and
// histograms of whole Units, each lead counted as many times as its
// weight. Its zero value is the empty state; it survives a JSON round
// trip.
type ResponseState struct {
	Times       Histogram `json:"times"`        // response times of the touched leads, weighted
	Waiting     Histogram `json:"waiting"`      // time waited until AsOf by the leads not touched, weighted; empty without AsOf
	Touched     int64     `json:"touched"`      // leads touched
	Never       int64     `json:"never"`        // leads not touched (by AsOf, when set)
	NeverWeight int64     `json:"never_weight"` // total weight of the leads not touched
	Future      int64     `json:"future"`       // leads created after AsOf
}

// Response is the lead response time of a set of leads: how quickly reps
// first touched them. Time and Waiting are in whole Units; with a Weight
// they describe the weight-expanded sample (see [ResponseTime]), and their
// N and Sum are in weight points rather than leads.
type Response struct {
	Leads   int64         `json:"leads"`   // leads counted: Touched + Never
	Touched int64         `json:"touched"` // leads a rep touched
	Never   int64         `json:"never"`   // leads never touched (by AsOf, when set): shown, not dropped
	Future  int64         `json:"future"`  // leads created after AsOf, left out of every other figure; 0 without AsOf
	Unit    time.Duration `json:"unit"`    // the unit of Time and Waiting
	Time    Summary       `json:"time"`    // response times of the touched leads (mean, median, p90)
	Waiting Summary       `json:"waiting"` // time the leads not touched have waited so far, as of AsOf; N = 0 without AsOf
	SLA     []SLAShare    `json:"sla"`     // one per configured SLA, in order
}

// SLAShare is the share of leads answered within an SLA: response time at
// most Within. All has every lead in its denominator, never-touched ones
// included — a lead nobody answered missed the SLA; OfTouched has only
// the touched leads. With a Weight, Num and Den are total weights.
type SLAShare struct {
	Within    time.Duration `json:"within"`
	All       Rate          `json:"all"`        // touched within Within / all leads
	OfTouched Rate          `json:"of_touched"` // touched within Within / touched leads
}

// ResponseTime is lead response time: how long a new lead waited for a
// rep's first touch, Lead.FirstTouch − Lead.Created, in calendar time or,
// with cfg.Hours, in working time. A lead whose FirstTouch is zero (or,
// with cfg.AsOf, after AsOf) was never touched: it is counted in
// Response.Never, not dropped, and with AsOf its wait so far (AsOf −
// Created) goes to Response.Waiting; a lead created after AsOf is only
// counted in Response.Future. Fill FirstTouch from activities with
// [FirstTouches] when the CRM does not record it. State: a
// [ResponseState]; result: a [Response].
//
// Every time is counted in whole cfg.Unit (seconds by default), rounded
// up, in an exact [Histogram]: the mean is the sum over the count, the
// median and 90th percentile are exact type-7 quantiles (see
// [Histogram.Summary]), and merged parts give the figures of the whole.
//
// The share within each SLA is touched leads with response time ≤ SLA,
// over all leads counted (touched + never touched), and, beside it, over
// the touched leads only (see [SLAShare]).
//
// With cfg.Weight, every figure but the lead counts is weighted, exactly:
// a lead of weight w counts as w identical leads (the weight-expanded
// sample). The weighted mean is Σ w·t / Σ w; the weighted q-quantile is
// the type-7 quantile of the expanded sample: with the W = Σ w values
// sorted as x[0] ≤ … ≤ x[W−1] and h = (W−1)·q, it is x[⌊h⌋] + (h −
// ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). The mean and the SLA shares do not change when
// every weight is multiplied by the same factor; the quantiles can (the
// expanded sample has more points), as with any type-7 quantile of
// repeated values. A lead of weight 0 is counted in Touched or Never and
// in nothing else.
//
// The usual cohort is the leads created in the period (key by
// segment.LeadPeriod); segment by source (segment.LeadSource) or rep
// (segment.LeadOwner). A touch before creation (invalid data, see
// salesperf.Validate) counts as a negative time, visible in Time.Min.
// Over no leads every count is 0, Time.N is 0 and every Rate has no value.
//
// ResponseTime panics if cfg.Hours is invalid, cfg.Unit is negative, or
// an SLA is negative or not a whole number of Units; Add panics if
// cfg.Weight returns a negative weight.
func ResponseTime(cfg ResponseConfig) Aggregator[*sp.Lead, ResponseState, Response] {
	unit := cfg.Unit
	if unit == 0 {
		unit = time.Second
	}
	if unit < 0 {
		panic(fmt.Sprintf("metrics: ResponseTime: negative unit %v", unit))
	}
	var hours *sp.BusinessHours
	if cfg.Hours != nil {
		if err := cfg.Hours.Validate(); err != nil {
			panic("metrics: ResponseTime: " + err.Error())
		}
		h := *cfg.Hours
		h.Days, h.Holidays = slices.Clone(h.Days), slices.Clone(h.Holidays)
		hours = &h
	}
	slas := slices.Clone(cfg.SLAs)
	limits := make([]int64, len(slas)) // each SLA in Units
	for i, d := range slas {
		if d < 0 || d%unit != 0 {
			panic(fmt.Sprintf("metrics: ResponseTime: SLA %v is not a whole number of %v", d, unit))
		}
		limits[i] = int64(d / unit)
	}
	weight, asOf, hasAsOf := cfg.Weight, cfg.AsOf, !cfg.AsOf.IsZero()
	units := func(from, to time.Time) int64 {
		var d time.Duration
		if hours != nil {
			d = hours.Elapsed(from, to)
		} else {
			d = to.Sub(from)
		}
		return ceilUnits(d, unit)
	}
	return Aggregator[*sp.Lead, ResponseState, Response]{
		Add: func(s *ResponseState, l *sp.Lead) {
			if hasAsOf && l.Created.After(asOf) {
				s.Future++
				return
			}
			w := int64(1)
			if weight != nil {
				if w = weight(l); w < 0 {
					panic(fmt.Sprintf("metrics: ResponseTime: lead %s has negative weight %d", l.ID, w))
				}
			}
			if t := l.FirstTouch; t.IsZero() || hasAsOf && t.After(asOf) {
				s.Never++
				s.NeverWeight += w
				if hasAsOf && w > 0 {
					s.Waiting.addCount(units(l.Created, asOf), w)
				}
				return
			}
			s.Touched++
			if w > 0 {
				s.Times.addCount(units(l.Created, l.FirstTouch), w)
			}
		},
		Merge: func(dst, src *ResponseState) {
			dst.Times.Merge(&src.Times)
			dst.Waiting.Merge(&src.Waiting)
			dst.Touched += src.Touched
			dst.Never += src.Never
			dst.NeverWeight += src.NeverWeight
			dst.Future += src.Future
		},
		Result: func(s *ResponseState) Response {
			r := Response{
				Leads: s.Touched + s.Never, Touched: s.Touched, Never: s.Never, Future: s.Future,
				Unit: unit, Time: s.Times.Summary(), Waiting: s.Waiting.Summary(),
			}
			if len(slas) == 0 {
				return r
			}
			bins := s.Times.Bins()
			touched := s.Times.N()
			r.SLA = make([]SLAShare, len(slas))
			for i, lim := range limits {
				var within int64
				for _, b := range bins {
					if b.Value > lim {
						break
					}
					within += b.Count
				}
				r.SLA[i] = SLAShare{
					Within:    slas[i],
					All:       Rate{Num: within, Den: touched + s.NeverWeight},
					OfTouched: Rate{Num: within, Den: touched},
				}
			}
			return r
		},
	}
}

// ceilUnits returns d in whole units, rounded up (towards +∞).
func ceilUnits(d, unit time.Duration) int64 {
	q := d / unit
	if d%unit > 0 {
		q++
	}
	return int64(q)
}

// Mean returns the mean response time of the touched leads (weighted,
// with a Weight), Time.Sum·Unit / Time.N rounded half to even to the
// nanosecond, and false when there is none.
func (r Response) Mean() (time.Duration, bool) {
	if r.Time.N == 0 {
		return 0, false
	}
	num := decimal.NewFromInt(r.Time.Sum).Mul(decimal.NewFromInt(int64(r.Unit)))
	q := sp.RoundHalfEven.Quo(num, decimal.NewFromInt(r.Time.N), 0)
	return time.Duration(q.IntPart()), true
}

// Median returns the median response time of the touched leads, to the
// nearest nanosecond, and false when there is none.
func (r Response) Median() (time.Duration, bool) {
	return r.duration(r.Time.Median), r.Time.N != 0
}

// P90 returns the 90th-percentile response time of the touched leads, to
// the nearest nanosecond, and false when there is none.
func (r Response) P90() (time.Duration, bool) {
	return r.duration(r.Time.P90), r.Time.N != 0
}

func (r Response) duration(units float64) time.Duration {
	return time.Duration(math.Round(units * float64(r.Unit)))
}

// String formats the response as "touched 4 of 5 (never 1): mean 45m0s,
// median 30m0s, p90 1h30m0s; ≤5m0s 20.0% (1/5)", with "–" in place of the
// times when no lead was touched, and the leads created after AsOf when
// there are any.
func (r Response) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "touched %d of %d (never %d", r.Touched, r.Leads, r.Never)
	if r.Future != 0 {
		fmt.Fprintf(&b, "; %d created after as-of", r.Future)
	}
	b.WriteString("): ")
	if m, ok := r.Mean(); ok {
		med, _ := r.Median()
		p90, _ := r.P90()
		fmt.Fprintf(&b, "mean %v, median %v, p90 %v", m, med, p90)
	} else {
		b.WriteString("–")
	}
	for _, s := range r.SLA {
		fmt.Fprintf(&b, "; ≤%v %v", s.Within, s.All)
	}
	return b.String()
}

// FirstTouches returns, for every lead that activities touch, the instant
// of its first touch: lead ID → the earliest At of the activities naming
// the lead (Activity.Lead) and done by a rep (Activity.Rep set).
// Activities without a lead, without a rep, or with a zero At are
// skipped. Use it to fill Lead.FirstTouch when the CRM does not record it;
// to count only some kinds as a touch (calls and emails, not tasks),
// filter the activities first with [Filter].
//
//	first := metrics.FirstTouches(metrics.Refs(activities))
//	for i := range leads {
//		if leads[i].FirstTouch.IsZero() {
//			leads[i].FirstTouch = first[leads[i].ID]
//		}
//	}
func FirstTouches(activities iter.Seq[*sp.Activity]) map[string]time.Time {
	first := make(map[string]time.Time)
	for a := range activities {
		if a.Lead == "" || a.Rep == "" || a.At.IsZero() {
			continue
		}
		if t, ok := first[a.Lead]; !ok || a.At.Before(t) {
			first[a.Lead] = a.At
		}
	}
	return first
}
