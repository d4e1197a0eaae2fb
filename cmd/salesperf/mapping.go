package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/csvimport"
	"github.com/shopspring/decimal"
)

// fields returns, per kind of file, the mapping's column fields by the
// name --map and the default mapping use.
func fields(m *csvimport.Mapping) map[string]map[string]*string {
	dc, ac, lc, mc := &m.Deals, &m.Activities, &m.Leads, &m.Memberships
	return map[string]map[string]*string{
		"deals": {
			"id": &dc.ID, "owner": &dc.Owner, "creator": &dc.Creator, "pipeline": &dc.Pipeline, "stage": &dc.Stage,
			"status": &dc.Status, "amount": &dc.Amount, "currency": &dc.Currency, "created": &dc.Created,
			"closed": &dc.Closed, "won_time": &dc.WonTime, "lost_time": &dc.LostTime,
			"expected_close": &dc.ExpectedClose, "category": &dc.Category, "lost_reason": &dc.LostReason,
			"source": &dc.Source, "region": &dc.Region, "industry": &dc.Industry, "product": &dc.Product,
			"account": &dc.Account,
		},
		"activities": {
			"id": &ac.ID, "rep": &ac.Rep, "deal": &ac.Deal, "lead": &ac.Lead, "kind": &ac.Kind, "at": &ac.At,
			"duration": &ac.Duration, "category": &ac.Category, "outcome": &ac.Outcome,
		},
		"leads": {
			"id": &lc.ID, "source": &lc.Source, "owner": &lc.Owner, "created": &lc.Created,
			"first_touch": &lc.FirstTouch, "converted_deal": &lc.ConvertedDeal, "converted": &lc.Converted,
			"disqualified": &lc.Disqualified, "disqualify_reason": &lc.DisqualifyReason,
		},
		"org": {
			"person": &mc.Person, "manager": &mc.Manager, "team": &mc.Team, "region": &mc.Region,
			"from": &mc.From, "until": &mc.Until,
		},
	}
}

// idField is the field a kind of file cannot do without.
var idField = map[string]string{"deals": "id", "activities": "id", "leads": "id", "org": "person"}

// withDefaults returns m with the default mapping of kind filled in when
// m maps nothing for that kind: every field whose name (id, owner,
// expected_close…; any case, '_', '-' or ' ' alike) is a column of the
// header is read from it.
func withDefaults(m csvimport.Mapping, kind string, header []string) csvimport.Mapping {
	// Copy the maps a caller might change through the result.
	m.Deals.StageEntered = maps.Clone(m.Deals.StageEntered)
	m.Deals.Attrs = maps.Clone(m.Deals.Attrs)
	f := fields(&m)[kind]
	if *f[idField[kind]] != "" {
		return m
	}
	byNorm := map[string]string{}
	for _, h := range header {
		byNorm[norm(h)] = strings.TrimSpace(h)
	}
	for name, col := range f {
		if h, ok := byNorm[norm(name)]; ok {
			*col = h
		}
	}
	return m
}

func norm(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
	return strings.NewReplacer("-", "_", " ", "_").Replace(s)
}

// applyMaps applies the --map pairs "field=column,…" to m. A field is
// "deals.owner" or "owner" (deals), "activities.rep", "leads.source",
// "org.manager"; an empty column unmaps the field.
func applyMaps(m *csvimport.Mapping, pairs []string) error {
	f := fields(m)
	for _, arg := range pairs {
		for _, pair := range strings.Split(arg, ",") {
			key, col, ok := strings.Cut(pair, "=")
			if !ok {
				return fmt.Errorf("--map: %q is not field=column", pair)
			}
			kind, name, ok := strings.Cut(strings.TrimSpace(key), ".")
			if !ok {
				kind, name = "deals", kind
			}
			if kind == "activity" || kind == "lead" || kind == "deal" {
				kind += "s"
			}
			fk, ok := f[kind]
			if !ok {
				return fmt.Errorf("--map: unknown kind of file %q in %q (want deals, activities, leads or org)", kind, key)
			}
			p, ok := fk[norm(name)]
			if !ok {
				return fmt.Errorf("--map: unknown %s field %q (known: %s)", kind, name, strings.Join(slices.Sorted(maps.Keys(fk)), ", "))
			}
			*p = strings.TrimSpace(col)
		}
	}
	return nil
}

// stageOrders are the funnel orders of the presets' stages.
var stageOrders = map[string][]string{
	"maven": {"Prospecting", "Engaging", "Won", "Lost"},
	"salesforce": {"Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
		"Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"},
	"hubspot": {"Appointment Scheduled", "appointmentscheduled", "Qualified To Buy", "qualifiedtobuy",
		"Presentation Scheduled", "presentationscheduled", "Decision Maker Bought-In", "decisionmakerboughtin",
		"Contract Sent", "contractsent", "Closed Won", "closedwon", "Closed Lost", "closedlost"},
}

// inferPipelines builds the pipelines of deals read from files, one per
// Deal.Pipeline name (the default one first), since a CSV export does not
// list them. A stage is won (lost) when only won (lost) deals stand in
// it, open otherwise. Open stages are ordered as the preset lists them,
// else by where they come in the deals' stage histories on average (the
// first entry of each stage; ties by name). Each open stage's probability
// is learned from the closed deals by stage survival: won deals that
// reached it / closed deals that reached it (2 decimals, half to even; 0
// when no closed deal reached it), where a deal reached every open stage
// up to the furthest one it entered, and a won deal every open stage.
func inferPipelines(deals []sp.Deal, preset string) sp.Pipelines {
	type stat struct {
		open, won, lost int
		posSum          float64
		posN            int
		first           int
	}
	byPipe := map[string]map[string]*stat{}
	var names []string
	seen := 0
	get := func(pipe, stage string) *stat {
		m := byPipe[pipe]
		if m == nil {
			m = map[string]*stat{}
			byPipe[pipe] = m
			names = append(names, pipe)
		}
		s := m[stage]
		if s == nil {
			seen++
			s = &stat{first: seen}
			m[stage] = s
		}
		return s
	}
	for i := range deals {
		d := &deals[i]
		s := get(d.Pipeline, d.Stage)
		switch d.Status {
		case sp.Won:
			s.won++
		case sp.Lost:
			s.lost++
		default:
			s.open++
		}
		firsts := map[string]bool{}
		var hist []string
		for _, h := range d.StageHistory {
			if !firsts[h.Stage] {
				firsts[h.Stage] = true
				hist = append(hist, h.Stage)
			}
		}
		for k, st := range hist {
			x := get(d.Pipeline, st)
			if len(hist) > 1 {
				x.posSum += float64(k) / float64(len(hist)-1)
				x.posN++
			}
		}
	}
	order := stageOrders[strings.ToLower(preset)]
	slices.SortStableFunc(names, func(a, b string) int { // the default pipeline first
		return cmp.Compare(min(len(a), 1), min(len(b), 1))
	})
	var ps sp.Pipelines
	for _, name := range names {
		st := byPipe[name]
		var open, won, lost []string
		for stage, s := range st {
			switch {
			case s.open == 0 && s.lost == 0 && s.won > 0:
				won = append(won, stage)
			case s.open == 0 && s.won == 0 && s.lost > 0:
				lost = append(lost, stage)
			default:
				open = append(open, stage)
			}
		}
		rank := func(stage string) (int, float64, int) {
			if i := slices.Index(order, stage); i >= 0 {
				return 0, float64(i), 0
			}
			s := st[stage]
			if s.posN == 0 {
				return 1, 0, s.first
			}
			return 1, s.posSum / float64(s.posN), s.first
		}
		slices.SortFunc(open, func(a, b string) int {
			ga, pa, fa := rank(a)
			gb, pb, fb := rank(b)
			return cmp.Or(cmp.Compare(ga, gb), cmp.Compare(pa, pb), cmp.Compare(fa, fb), strings.Compare(a, b))
		})
		slices.Sort(won)
		slices.Sort(lost)
		p := sp.Pipeline{Name: name}
		for _, s := range open {
			p.Stages = append(p.Stages, sp.Stage{Name: s, Kind: sp.OpenStage})
		}
		for _, s := range won {
			p.Stages = append(p.Stages, sp.Stage{Name: s, Kind: sp.WonStage, Probability: decimal.NewFromInt(1)})
		}
		for _, s := range lost {
			p.Stages = append(p.Stages, sp.Stage{Name: s, Kind: sp.LostStage})
		}
		learnProbabilities(&p, deals)
		ps = append(ps, p)
	}
	return ps
}

// learnProbabilities sets the open stages' probabilities of p by stage
// survival over the closed deals of p (see inferPipelines).
func learnProbabilities(p *sp.Pipeline, deals []sp.Deal) {
	nOpen := 0
	for _, s := range p.Stages {
		if s.Kind == sp.OpenStage {
			nOpen++
		}
	}
	won := make([]int64, nOpen)
	closed := make([]int64, nOpen)
	for i := range deals {
		d := &deals[i]
		if d.Pipeline != p.Name || !d.IsClosed() {
			continue
		}
		furthest := -1
		if d.Status == sp.Won {
			furthest = nOpen - 1
		}
		for _, h := range d.StageHistory {
			if k := p.Index(h.Stage); k >= 0 && k < nOpen {
				furthest = max(furthest, k)
			}
		}
		if k := p.Index(d.Stage); k >= 0 && k < nOpen {
			furthest = max(furthest, k)
		}
		for k := 0; k <= furthest; k++ {
			closed[k]++
			if d.Status == sp.Won {
				won[k]++
			}
		}
	}
	for k := range nOpen {
		if closed[k] > 0 {
			p.Stages[k].Probability = sp.RoundHalfEven.Quo(decimal.NewFromInt(won[k]), decimal.NewFromInt(closed[k]), 2)
		}
	}
}
