package synth

import (
	"math"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
)

// minutes returns a duration between lo and hi minutes, skewed short.
func (g *gen) minutes(lo, hi int) time.Duration {
	u := g.r.Float64()
	return time.Duration(lo+int(float64(u*u)*float64(hi-lo+1))) * time.Minute
}

func (g *gen) duration(k sp.ActivityKind) time.Duration {
	switch k {
	case sp.Call:
		return time.Duration(min(30, max(2, int(math.Round(g.r.lognormal(6, 0.7)))))) * time.Minute
	case sp.Email:
		return g.minutes(3, 10)
	case sp.Conversation:
		return g.minutes(5, 20)
	case sp.Social:
		return g.minutes(1, 5)
	case sp.MeetingScheduled:
		return g.minutes(2, 5)
	case sp.MeetingHeld:
		return time.Duration(g.r.between(6, 12)) * 5 * time.Minute
	case sp.Demo:
		return time.Duration(g.r.between(9, 18)) * 5 * time.Minute
	case sp.ReferralRequest:
		return g.minutes(5, 15)
	case sp.Proposal:
		return g.minutes(30, 90)
	case sp.Task:
		return g.minutes(10, 40)
	}
	return time.Hour
}

var callOutcomes = choice{[]string{"connected", "no answer", "left voicemail"}, []float64{0.35, 0.4, 0.25}}

func (g *gen) outcome(k sp.ActivityKind) string {
	switch k {
	case sp.Call:
		return callOutcomes.draw(g.r)
	case sp.MeetingHeld:
		return "held"
	case sp.Demo:
		return "completed"
	case sp.Proposal:
		return "sent"
	}
	return ""
}

// act adds an activity; cat is its time category (a few become
// Uncategorized, as when the CRM does not say).
func (g *gen) act(acts *[]sp.Activity, rep string, k sp.ActivityKind, at time.Time, cat sp.TimeCategory, dealID, leadID string) {
	if !at.Before(g.asOf) {
		return
	}
	if g.r.chance(0.025) {
		cat = sp.Uncategorized
	}
	*acts = append(*acts, sp.Activity{Rep: rep, Deal: dealID, Lead: leadID, Kind: k, At: at,
		Duration: g.duration(k), Category: cat, Outcome: g.outcome(k)})
}

func poisson(r rng, mean float64) int {
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

func (g *gen) activities() {
	var acts []sp.Activity

	// Work on deals: calls, emails and tasks over the deal's life, and the
	// meetings, demos and proposals its stages call for.
	for _, d := range g.deals {
		r := g.repByID[d.Owner]
		lo, hi := d.Created, d.end
		if d.Creator != "" {
			g.act(&acts, d.Creator, sp.MeetingScheduled, lo, sp.Prospecting, d.ID, "")
		}
		n := min(40, poisson(g.r, r.activity*(0.7+days(lo, hi)/14)))
		for range n {
			at := g.workWithin(lo, hi)
			k := []sp.ActivityKind{sp.Call, sp.Email, sp.Conversation, sp.Social, sp.Task}[g.r.pick([]float64{0.42, 0.36, 0.1, 0.04, 0.08})]
			cat := sp.Presenting
			switch {
			case k == sp.Task:
				cat = sp.DataEntry
			case d.Pipeline == newBusiness && stageAt(&d.Deal, at) <= 1:
				cat = sp.Prospecting
			}
			g.act(&acts, d.Owner, k, at, cat, d.ID, "")
		}
		seen := map[string]bool{}
		for _, h := range d.StageHistory {
			if seen[h.Stage] {
				continue
			}
			seen[h.Stage] = true
			soon := minT(hi, addDays(h.At, float64(g.r.between(1, 4))))
			switch h.Stage {
			case nbStages[2]: // Discovery
				if d.Creator == "" {
					g.act(&acts, d.Owner, sp.MeetingScheduled, h.At, sp.Presenting, d.ID, "")
				}
				g.act(&acts, d.Owner, sp.MeetingHeld, g.workWithin(h.At, soon), sp.Presenting, d.ID, "")
			case nbStages[stageDemo]:
				g.act(&acts, d.Owner, sp.MeetingScheduled, h.At, sp.Presenting, d.ID, "")
				g.act(&acts, d.Owner, sp.Demo, g.workWithin(h.At, soon), sp.Presenting, d.ID, "")
			case nbStages[stageProposal], quoted:
				g.act(&acts, d.Owner, sp.Proposal, h.At, sp.Presenting, d.ID, "")
			case nbStages[stageNegotiation]:
				g.act(&acts, d.Owner, sp.MeetingHeld, g.workWithin(h.At, soon), sp.Presenting, d.ID, "")
			case closedWon:
				if g.r.chance(0.35) {
					g.act(&acts, d.Owner, sp.ReferralRequest, h.At, sp.Prospecting, d.ID, "")
				}
			}
		}
	}

	// Touches on leads: the first touch, then follow-ups.
	for i := range g.ds.Leads {
		l := &g.ds.Leads[i]
		if l.FirstTouch.IsZero() {
			continue
		}
		k := []sp.ActivityKind{sp.Call, sp.Email, sp.Social}[g.r.pick([]float64{0.5, 0.4, 0.1})]
		g.act(&acts, l.Owner, k, l.FirstTouch, sp.Prospecting, "", l.ID)
		end := g.asOf
		switch {
		case !l.Converted.IsZero():
			end = l.Converted
		case !l.Disqualified.IsZero():
			end = l.Disqualified
		}
		end = minT(end, addDays(l.FirstTouch, 30))
		for range poisson(g.r, 1.1) {
			k := []sp.ActivityKind{sp.Call, sp.Email, sp.Social, sp.Conversation}[g.r.pick([]float64{0.45, 0.4, 0.08, 0.07})]
			g.act(&acts, l.Owner, k, g.workWithin(l.FirstTouch, end), sp.Prospecting, "", l.ID)
		}
	}

	// Everything else: cold outreach, research, admin, webinars, training.
	type weekly struct {
		kind sp.ActivityKind
		cat  sp.TimeCategory
		per  float64 // per week, times the rep's activity level
	}
	repWork := []weekly{
		{sp.Call, sp.Prospecting, 1.5}, {sp.Email, sp.Prospecting, 1.1}, {sp.Social, sp.Prospecting, 0.4},
		{sp.Social, sp.LeadResearch, 0.25}, {sp.Task, sp.LeadResearch, 0.5}, {sp.Conversation, sp.Prospecting, 0.25},
		{sp.ReferralRequest, sp.Prospecting, 0.1},
	}
	sdrWork := []weekly{
		{sp.Call, sp.Prospecting, 5}, {sp.Email, sp.Prospecting, 3.5}, {sp.Social, sp.Prospecting, 1.2},
		{sp.Task, sp.LeadResearch, 1.2}, {sp.Task, sp.DataEntry, 0.8},
	}
	people := make([]string, 0, len(g.reps)+len(sdrs))
	for _, r := range g.reps {
		people = append(people, r.id)
	}
	for _, s := range sdrs {
		people = append(people, s.id)
	}
	first := g.cal.PeriodOfDate(spanStart, sp.Week)
	for _, p := range people {
		r, isRep := g.repByID[p]
		for w := first; w.Start.Before(g.dateOf(g.asOf)); w = g.cal.Next(w) {
			weekday := func() time.Time {
				d := w.Start.AddDays(g.r.IntN(5))
				if d.Before(spanStart) {
					d = spanStart
				}
				return g.workTime(d)
			}
			if !isRep {
				for _, x := range sdrWork {
					for range poisson(g.r, x.per) {
						g.act(&acts, p, x.kind, weekday(), x.cat, "", "")
					}
				}
				continue
			}
			for _, x := range repWork {
				for range poisson(g.r, x.per*r.activity) {
					g.act(&acts, p, x.kind, weekday(), x.cat, "", "")
				}
			}
			// Data entry weighs more on the less organised.
			for range poisson(g.r, 1.1/r.activity) {
				g.act(&acts, p, sp.Task, weekday(), sp.DataEntry, "", "")
			}
			if g.r.chance(0.1) {
				at := weekday()
				if at.Before(g.asOf) {
					acts = append(acts, sp.Activity{Rep: p, Kind: sp.CustomKind, CustomKind: "Webinar", At: at,
						Duration: time.Hour, Category: sp.Presenting})
				}
			}
			if w.Number%13 == 6 {
				at := weekday()
				if at.Before(g.asOf) {
					acts = append(acts, sp.Activity{Rep: p, Kind: sp.CustomKind, CustomKind: "Training", At: at,
						Duration: 90 * time.Minute, Category: sp.CustomCategory, CustomCategory: "Enablement"})
				}
			}
		}
	}
	slices.SortStableFunc(acts, func(a, b sp.Activity) int { return a.At.Compare(b.At) })
	for i := range acts {
		acts[i].ID = id("A", 5, i+1)
	}
	g.ds.Activities = acts
}

// stageAt returns the funnel index of d's stage at t (-1 if none yet).
func stageAt(d *sp.Deal, t time.Time) int {
	s := -1
	for _, h := range d.StageHistory {
		if h.At.After(t) {
			break
		}
		s = slices.Index(nbStages, h.Stage)
	}
	return s
}
