package metrics

import (
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"

	sp "github.com/salesperf/salesperf"
)

// builtinKinds is the number of built-in activity kinds with a slot of
// their own in a KindCounts: Call … Task.
const builtinKinds = int(sp.Task)

// KindCounts is the number of activities of each kind: calls, emails,
// conversations, social touches, meetings scheduled, meetings held,
// demos, referral requests, proposals, tasks, and each custom kind by its
// name. It is both the state and the result of [ActivityCounts]; the zero
// KindCounts counts nothing.
//
// Kinds[k-1] is the count of the built-in kind k (Kinds[0] calls,
// Kinds[5] meetings held, Kinds[9] tasks); CustomKinds maps the name of each
// custom kind (Activity.CustomKind) to its count; Invalid counts the
// activities whose kind is not one of the salesperf constants (the zero
// kind included), which validation reports: they are counted, not lost.
// A CustomKind activity without a name is counted under the name "".
type KindCounts struct {
	Kinds       [builtinKinds]int64 `json:"kinds"`
	CustomKinds map[string]int64    `json:"custom,omitempty"`
	Invalid     int64               `json:"invalid,omitempty"`
}

// Of returns the number of activities of kind k. For salesperf.CustomKind
// it is every custom kind together (see [KindCounts.Custom] for one
// name); for a kind that is not one of the constants it is 0 (those are
// in Invalid).
func (c KindCounts) Of(k sp.ActivityKind) int64 {
	switch {
	case k >= sp.Call && k <= sp.Task:
		return c.Kinds[k-1]
	case k == sp.CustomKind:
		return sumOf(c.CustomKinds)
	}
	return 0
}

// Custom returns the number of activities of the custom kind called name
// (0 if there is none).
func (c KindCounts) Custom(name string) int64 { return c.CustomKinds[name] }

// Total returns the number of activities counted, of every kind:
// built-in, custom and invalid.
func (c KindCounts) Total() int64 {
	n := c.Invalid + sumOf(c.CustomKinds)
	for _, v := range c.Kinds {
		n += v
	}
	return n
}

// All returns an iterator over the kinds with a non-zero count and their
// counts, in a fixed order for printing: the built-in kinds in the order
// of the salesperf constants, named as ActivityKind.String names them
// ("meeting held"), then the custom kinds sorted by name, then "invalid
// kind" when some kinds were invalid. A custom kind that has a built-in
// kind's name ("call") is listed separately under that name.
func (c KindCounts) All() iter.Seq2[string, int64] {
	names := slices.Sorted(maps.Keys(c.CustomKinds))
	return func(yield func(string, int64) bool) {
		for i, n := range c.Kinds {
			if n != 0 && !yield(sp.ActivityKind(i+1).String(), n) {
				return
			}
		}
		for _, name := range names {
			if n := c.CustomKinds[name]; n != 0 && !yield(name, n) {
				return
			}
		}
		if c.Invalid != 0 {
			yield("invalid kind", c.Invalid)
		}
	}
}

// String lists the non-zero counts in the order of [KindCounts.All],
// "call 3, email 2, webinar 1", or "–" when nothing was counted.
func (c KindCounts) String() string {
	var b strings.Builder
	for name, n := range c.All() {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(name)
		b.WriteByte(' ')
		b.WriteString(strconv.FormatInt(n, 10))
	}
	if b.Len() == 0 {
		return "–"
	}
	return b.String()
}

// clone returns an independent copy of c.
func (c *KindCounts) clone() KindCounts {
	out := *c
	out.CustomKinds = maps.Clone(c.CustomKinds)
	return out
}

// ActivityCounts counts activities by kind in one pass: how many calls,
// emails, conversations, social touches, meetings scheduled and held,
// demos, referral requests, proposals and tasks, and how many of each
// custom kind by name. For one kind, Of(k) of the result; for all,
// Total. Every activity counts once, whatever its duration (an activity
// with no recorded duration counts here but adds no time to
// [TimeByCategory]).
//
// The usual cohort places an activity in a period by Activity.At (the
// instant it happened, or was booked for salesperf.MeetingScheduled): key
// the segments with segment.ActivityPeriod. State and result: the exact
// [KindCounts]; the result is a copy, not the state. Adding an activity
// allocates only when a custom kind's name first appears.
//
// Column form: reads kind (custom kinds by name from the table's sparse
// CustomKind column).
func ActivityCounts() Aggregator[*sp.Activity, KindCounts, KindCounts] {
	a := Aggregator[*sp.Activity, KindCounts, KindCounts]{
		Add: func(s *KindCounts, a *sp.Activity) {
			switch k := a.Kind; {
			case k >= sp.Call && k <= sp.Task:
				s.Kinds[k-1]++
			case k == sp.CustomKind:
				if s.CustomKinds == nil {
					s.CustomKinds = make(map[string]int64)
				}
				s.CustomKinds[a.CustomKind]++
			default:
				s.Invalid++
			}
		},
		Merge: func(dst, src *KindCounts) {
			for i, n := range src.Kinds {
				dst.Kinds[i] += n
			}
			if len(src.CustomKinds) > 0 && dst.CustomKinds == nil {
				dst.CustomKinds = make(map[string]int64, len(src.CustomKinds))
			}
			for name, n := range src.CustomKinds {
				dst.CustomKinds[name] += n
			}
			dst.Invalid += src.Invalid
		},
		Result: (*KindCounts).clone,
	}
	a.setActivityCols(sp.ActivityFieldKind, func(c cols[KindCounts], b ActivityBatch) {
		kind, sel := b.T.Kind[b.Lo:b.Lo+b.span()], b.Sel
		for j, k := range b.Keys {
			if k == Skip {
				continue
			}
			i := j
			if sel != nil {
				i = int(sel[j])
			}
			// The kinds are random, but this branch is not: built-in
			// kinds are the rule (the kind itself is an index).
			s := c.at(k)
			switch kd := kind[i]; {
			case kd >= sp.Call && kd <= sp.Task:
				s.Kinds[kd-1]++
			case kd == sp.CustomKind:
				if s.CustomKinds == nil {
					s.CustomKinds = make(map[string]int64)
				}
				s.CustomKinds[b.T.CustomKindOf(b.Lo+i)]++
			default:
				s.Invalid++
			}
		}
	})
	return a
}

// CallsPerMeeting is the number of calls made for each meeting held:
// calls / meetings held, from one [KindCounts] (the rep's, team's or
// period's). Meetings scheduled are not counted; for them, or any other
// pair of kinds, use Rate{Num: c.Of(a), Den: c.Of(b)}. For an aggregator,
// Then(ActivityCounts(), CallsPerMeeting). With no meeting held the Rate
// has no value. The Rate's Num may exceed its Den (12 calls per meeting
// is Rate{12, 1}): present it with Rate.Value or Rate.Decimal, not with
// Rate.String, which prints a percentage.
func CallsPerMeeting(c KindCounts) Rate {
	return Rate{Num: c.Of(sp.Call), Den: c.Of(sp.MeetingHeld)}
}

// MeetingsPerWonDeal is the number of meetings held for each deal won:
// meetings held / won deals. Meetings scheduled are not counted.
//
// Activities and deals are different records, so they are folded by
// different aggregators, each with its own cohort: c is an
// [ActivityCounts] result (activities placed in a period by
// Activity.At), won the number of deals won from [Counts] or
// [AverageDealSize] (deals placed by their close date), for the same
// segment: the same rep, team or period, by segment.Rep and
// segment.Owner, segment.ActivityPeriod and segment.Period. Both states
// are exact and merge on their own; the ratio is taken only when they
// are presented together, so nothing is divided before it is merged. With
// no deal won the Rate has no value (a rep with meetings and no win);
// with won deals and no meeting it is 0. Its Num may exceed its Den.
func MeetingsPerWonDeal(c KindCounts, won int64) Rate {
	return Rate{Num: c.Of(sp.MeetingHeld), Den: won}
}

// ProposalsPerWonDeal is the number of proposals sent for each deal won:
// proposals (from c, an [ActivityCounts] result) / won (the number of
// deals won over the same segment, matched as for [MeetingsPerWonDeal]).
// With no deal won the Rate has no value; its Num may exceed its Den.
func ProposalsPerWonDeal(c KindCounts, won int64) Rate {
	return Rate{Num: c.Of(sp.Proposal), Den: won}
}

// sumOf adds up the counts of a map (custom kinds, custom categories).
func sumOf(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}
