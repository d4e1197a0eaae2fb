package synth

import (
	"maps"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
)

// problems plants the deliberate data problems, each one a record that
// Validate rejects for exactly one reason, and lists them in the order
// Validate reports them.
func (g *gen) problems() {
	deals := g.ds.Deals[:0:0]
	for _, d := range g.deals {
		deals = append(deals, d.Deal)
	}
	used := map[int]bool{}
	find := func(after sp.Date, ok func(*sp.Deal) bool) int {
		for i := range deals {
			d := &deals[i]
			if !used[i] && d.Pipeline == newBusiness && !d.Created.Before(after.In(g.loc)) && ok(d) {
				used[i] = true
				return i
			}
		}
		panic("synth: no deal for a planted problem")
	}
	type planted struct {
		rank int // position in Validate's report
		Problem
	}
	var ps []planted
	plant := func(rank int, record, id, field, err string) {
		ps = append(ps, planted{rank, Problem{record, id, field, err}})
	}
	lastEntry := func(d *sp.Deal) time.Time {
		t := d.Created
		for _, h := range d.StageHistory {
			t = maxT(t, h.At)
		}
		for _, h := range d.AmountHistory {
			t = maxT(t, h.At)
		}
		for _, h := range d.ExpectedCloseHistory {
			t = maxT(t, h.At)
		}
		for _, h := range d.CategoryHistory {
			t = maxT(t, h.At)
		}
		return t
	}

	// A close date keyed a year early.
	i := find(sp.Date{Year: 2024, Month: 9, Day: 1}, func(d *sp.Deal) bool {
		return d.Status == sp.Won && d.Closed.AddDate(-1, 0, 0).Before(d.Created)
	})
	deals[i].Closed = deals[i].Closed.AddDate(-1, 0, 0)
	plant(i, "deal", deals[i].ID, "closed", "ErrCloseBeforeCreate")
	// A sign typo.
	i = find(sp.Date{Year: 2024, Month: 11, Day: 1}, func(d *sp.Deal) bool {
		return d.Status == sp.Lost && len(d.AmountHistory) == 0
	})
	deals[i].Amount = deals[i].Amount.Neg()
	plant(i, "deal", deals[i].ID, "amount", "ErrNegativeAmount")
	// A deal left without an owner when its rep's account was removed.
	i = find(sp.Date{Year: 2025, Month: 3, Day: 1}, func(d *sp.Deal) bool { return d.Status == sp.Lost })
	deals[i].Owner = ""
	plant(i, "deal", deals[i].ID, "owner", "ErrMissingOwner")
	// A deal imported from an old CRM, without history, in a stage the
	// pipeline does not have.
	i = find(sp.Date{Year: 2025, Month: 12, Day: 1}, func(d *sp.Deal) bool { return d.Status == sp.Open })
	deals[i].Stage, deals[i].StageHistory = "Contract Sent", nil
	plant(i, "deal", deals[i].ID, "stage", "ErrUnknownStage")
	// An open deal whose close date was filled in by mistake.
	i = find(sp.Date{Year: 2025, Month: 12, Day: 15}, func(d *sp.Deal) bool {
		return d.Status == sp.Open && lastEntry(d).Before(g.asOf.AddDate(0, 0, -3))
	})
	deals[i].Closed = lastEntry(&deals[i]).Add(24 * time.Hour)
	plant(i, "deal", deals[i].ID, "closed", "ErrOpenWithCloseDate")
	// A deal imported twice: the copy follows the original.
	i = find(sp.Date{Year: 2025, Month: 6, Day: 1}, func(d *sp.Deal) bool { return d.Status == sp.Won })
	dup := cloneDeal(deals[i])
	for j := range ps {
		if ps[j].rank > i {
			ps[j].rank++
		}
	}
	deals = slices.Insert(deals, i+1, dup)
	plant(i+1, "deal", dup.ID, "id", "ErrDuplicateID")
	g.ds.Deals = deals

	// Activities: negative durations, no rep, no kind.
	acts := g.ds.Activities
	n := len(acts)
	base := len(deals)
	for k := range 10 {
		j := (k + 1) * n / 11
		for acts[j].Kind == sp.CustomKind || acts[j].Duration <= 0 {
			j++
		}
		a := &acts[j]
		switch k % 3 {
		case 0:
			a.Duration = -a.Duration
			plant(base+j, "activity", a.ID, "duration", "ErrNegativeDuration")
		case 1:
			a.Rep = ""
			plant(base+j, "activity", a.ID, "rep", "ErrMissingOwner")
		case 2:
			a.Kind = 0
			plant(base+j, "activity", a.ID, "kind", "ErrUnknownKind")
		}
	}

	// Leads whose first touch was imported five hours early (a time-zone
	// slip), so it comes before the lead was created.
	base += n
	leads := g.ds.Leads
	for k := 1; k <= 2; k++ {
		j := k * len(leads) / 3
		for leads[j].FirstTouch.IsZero() || leads[j].IsConverted() {
			j++
		}
		leads[j].FirstTouch = leads[j].Created.Add(-5 * time.Hour)
		plant(base+j, "lead", leads[j].ID, "firstTouch", "ErrTouchBeforeCreate")
	}

	slices.SortFunc(ps, func(a, b planted) int { return a.rank - b.rank })
	for _, p := range ps {
		g.probs = append(g.probs, p.Problem)
	}
}

func cloneDeal(d sp.Deal) sp.Deal {
	d.Attrs = maps.Clone(d.Attrs)
	d.StageHistory = slices.Clone(d.StageHistory)
	d.AmountHistory = slices.Clone(d.AmountHistory)
	d.ExpectedCloseHistory = slices.Clone(d.ExpectedCloseHistory)
	d.CategoryHistory = slices.Clone(d.CategoryHistory)
	return d
}
