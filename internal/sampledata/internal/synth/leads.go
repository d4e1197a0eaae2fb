package synth

import (
	"math"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
)

const nOtherLeads = 2420

var (
	firstActions = map[string]choice{
		"Inbound web": {[]string{"demo request", "contact form", "pricing page visit", "content download"}, []float64{0.3, 0.25, 0.2, 0.25}},
		"Paid search": {[]string{"ad click"}, []float64{1}},
		"Event":       {[]string{"event visit"}, []float64{1}},
		"Referral":    {[]string{"referral intro"}, []float64{1}},
		"Partner":     {[]string{"partner referral"}, []float64{1}},
	}
	laterActions = choice{[]string{"pricing page visit", "content download", "webinar attended", "newsletter sign-up", "email reply", "demo request"},
		[]float64{0.28, 0.2, 0.15, 0.17, 0.1, 0.1}}
	disqualifyReasons = choice{[]string{"No budget", "Not a fit", "No response", "Competitor", "Student or personal", "Duplicate"},
		[]float64{0.22, 0.25, 0.25, 0.1, 0.1, 0.08}}
	// business hours for lead response times
	leadHours = sp.BusinessHours{Location: nyLoc}
)

// leads makes the leads: one for about half of the New Business deals
// (converted into it when the deal was created), and others that were
// disqualified or are still being worked.
func (g *gen) leads() {
	var out []sp.Lead
	spanAt := spanStart.In(g.loc)
	for _, d := range g.deals {
		if d.Pipeline != newBusiness {
			continue
		}
		p := map[string]float64{"Inbound web": 0.45, "Paid search": 0.45, "Event": 0.45, "Referral": 0.3, "Partner": 0.3, "Outbound": 0.1}[d.Source]
		if d.Creator != "" {
			p = 0.9
		}
		if !g.r.chance(p) {
			continue
		}
		created := d.Created.Add(-time.Duration(float64(g.r.lognormal(6, 0.8)*24*60)+60) * time.Minute)
		if created.Before(spanAt) {
			created = g.within(spanAt, d.Created.Add(-time.Hour))
		}
		l := sp.Lead{Source: d.Source, Owner: cmpOrS(d.Creator, d.Owner), Created: created, ConvertedDeal: d.ID, Converted: d.Created}
		g.leadLife(&l, d.Created, true)
		out = append(out, l)
	}
	days := newDayPicker(spanStart, spanEnd, func(d sp.Date, frac float64) float64 {
		if weekend(d) {
			return 0.3
		}
		return 1 + float64(0.4*frac)
	})
	repW := make([]float64, len(g.reps))
	for i, r := range g.reps {
		repW[i] = r.activity
	}
	for range nOtherLeads {
		day := days.draw(g.r)
		src := sources.draw(g.r)
		var created time.Time
		if src == "Inbound web" || src == "Paid search" {
			created = g.clock(day, g.r.IntN(24*60))
		} else {
			created = g.workTime(day)
		}
		var owner string
		if g.r.chance(0.4) {
			owner = sdrs[g.r.IntN(len(sdrs))].id
		} else {
			owner = g.reps[g.r.pick(repW)].id
		}
		l := sp.Lead{Source: src, Owner: owner, Created: created}
		end := g.asOf
		if g.r.chance(0.4) {
			end = addDays(created, max(0.05, g.r.lognormal(5, 0.9)))
			if end.Before(g.asOf) {
				l.Disqualified = end
				l.DisqualifyReason = disqualifyReasons.draw(g.r)
			} else {
				end = g.asOf
			}
		}
		g.leadLife(&l, end, false)
		out = append(out, l)
	}
	slices.SortStableFunc(out, func(a, b sp.Lead) int { return a.Created.Compare(b.Created) })
	for i := range out {
		out[i].ID = id("L", 4, i+1)
	}
	g.ds.Leads = out
}

func cmpOrS(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// leadLife sets a lead's actions and first touch, up to end (conversion,
// disqualification, or now).
func (g *gen) leadLife(l *sp.Lead, end time.Time, converted bool) {
	if c, ok := firstActions[l.Source]; ok {
		l.Actions = append(l.Actions, sp.LeadAction{At: l.Created, Name: c.draw(g.r)})
	}
	n := 0
	for n < 4 && g.r.chance(0.45) {
		n++
	}
	last := minT(end, addDays(l.Created, 45))
	var ats []time.Time
	for range n {
		ats = append(ats, g.within(l.Created, last))
	}
	slices.SortFunc(ats, time.Time.Compare)
	for _, at := range ats {
		l.Actions = append(l.Actions, sp.LeadAction{At: at, Name: laterActions.draw(g.r)})
	}
	if !converted && g.r.chance(0.07) {
		return // never touched
	}
	median := 0.8 // hours of business time
	if r, ok := g.repByID[l.Owner]; ok {
		median = r.response
	}
	var h float64
	if g.r.chance(0.78) {
		h = g.r.lognormal(median, 1.0)
	} else {
		h = g.r.lognormal(float64(6*median)+8, 0.7)
	}
	t := leadHours.Add(l.Created, time.Duration(math.Ceil(h*60))*time.Minute).In(g.loc)
	if converted && !t.Before(end) {
		t = g.within(l.Created, end.Add(-time.Minute))
	}
	if !t.Before(g.asOf) || (!l.Disqualified.IsZero() && t.After(l.Disqualified)) {
		return
	}
	l.FirstTouch = t
}
