package synth

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
)

// VP heads sales; the three managers report to the VP.
const VP = "vp.sales"

// The move: hannah.irwin leaves Central (Mid-Market, marcus.bell) for West
// (SMB, sofia.romano) on 2025-08-01, the first day of FY2026 Q3.
var (
	moveDate = sp.Date{Year: 2025, Month: time.August, Day: 1}
	orgStart = sp.Date{Year: 2022, Month: time.January, Day: 1}
)

// rep is a deal-owning rep and how the generator makes them behave.
type rep struct {
	id       string
	win      float64 // chance of winning a New Business deal
	activity float64 // activity level; also scales their deal volume
	response float64 // median lead response in business hours
}

type team struct {
	manager, name, region   string
	sizeFactor, cycleFactor float64
	products                []float64 // weights of Core, Analytics, Enterprise Suite
}

var teams = []team{
	{"olivia.grant", "Enterprise", "East", 1.6, 1.35, []float64{0.35, 0.25, 0.40}},
	{"marcus.bell", "Mid-Market", "Central", 1.0, 1.0, []float64{0.50, 0.30, 0.20}},
	{"sofia.romano", "SMB", "West", 0.62, 0.75, []float64{0.65, 0.30, 0.05}},
}

var repDefs = []struct {
	team int
	rep
}{
	{0, rep{"ava.chen", 0.53, 1.35, 1.0}},
	{0, rep{"ben.carter", 0.31, 1.0, 2.5}},
	{0, rep{"chloe.davis", 0.32, 0.95, 3.0}},
	{0, rep{"daniel.evans", 0.17, 0.68, 6.0}},
	{1, rep{"ethan.foster", 0.51, 1.3, 1.2}},
	{1, rep{"fiona.garcia", 0.33, 1.0, 2.5}},
	{1, rep{"george.hill", 0.17, 0.72, 5.0}},
	{1, rep{"hannah.irwin", 0.31, 1.05, 2.0}},
	{2, rep{"isaac.jones", 0.17, 0.7, 5.5}},
	{2, rep{"julia.klein", 0.51, 1.3, 1.0}},
	{2, rep{"kenji.lee", 0.30, 1.0, 2.5}},
	{2, rep{"lena.muller", 0.32, 0.95, 3.0}},
}

// The sales development reps create deals for the reps from the leads
// they qualify; they own no deals.
var sdrs = []struct{ id, region string }{{"nina.berg", "West"}, {"sam.okafor", "East"}}

const mover = "hannah.irwin"

func (g *gen) org() {
	g.repByID = make(map[string]*rep)
	ms := []sp.Membership{{Person: VP, Team: "Leadership", From: orgStart}}
	for _, t := range teams {
		ms = append(ms, sp.Membership{Person: t.manager, Manager: VP, Team: t.name, Region: t.region, From: orgStart})
	}
	for _, s := range sdrs {
		ms = append(ms, sp.Membership{Person: s.id, Manager: VP, Team: "Sales Development", Region: s.region, From: orgStart})
	}
	for _, d := range repDefs {
		r := d.rep
		g.reps = append(g.reps, &r)
		g.repByID[r.id] = &r
		t := teams[d.team]
		if r.id != mover {
			ms = append(ms, sp.Membership{Person: r.id, Manager: t.manager, Team: t.name, Region: t.region, From: orgStart})
			continue
		}
		w := teams[2]
		ms = append(ms,
			sp.Membership{Person: r.id, Manager: t.manager, Team: t.name, Region: t.region, From: orgStart, Until: moveDate},
			sp.Membership{Person: r.id, Manager: w.manager, Team: w.name, Region: w.region, From: moveDate})
	}
	slices.SortStableFunc(ms, func(a, b sp.Membership) int {
		if c := cmp.Compare(a.Person, b.Person); c != 0 {
			return c
		}
		return a.From.Compare(b.From)
	})
	g.ds.Memberships = ms
	o, err := sp.NewOrg(ms)
	if err != nil {
		panic(err)
	}
	g.orgIdx = o
}

// teamOf returns the team a person belonged to on day d.
func (g *gen) teamOf(person string, d sp.Date) *team {
	m, ok := g.orgIdx.On(person, d)
	if !ok {
		panic("synth: no membership for " + person)
	}
	for i := range teams {
		if teams[i].name == m.Team {
			return &teams[i]
		}
	}
	panic("synth: no team " + m.Team)
}

// repsIn returns the reps of region on day d.
func (g *gen) repsIn(region string, d sp.Date) []*rep {
	var out []*rep
	for _, r := range g.reps {
		if g.teamOf(r.id, d).region == region {
			out = append(out, r)
		}
	}
	return out
}

func currencyOf(region string) sp.Currency {
	if region == "West" {
		return "EUR"
	}
	return "USD"
}

func sdrFor(region string) string {
	if region == "West" {
		return "nina.berg"
	}
	return "sam.okafor"
}

// account is a customer or prospect company.
type account struct {
	name, region, industry, size string
	product                      string // the product it subscribes to, once it does
	home                         string // the rep who looks after it
	subs                         []*sub
}

var (
	acctPrefixes = []string{"Acme", "Apex", "Atlas", "Aurora", "Beacon", "Birch", "Blue Harbor", "Bright",
		"Cedar", "Cobalt", "Crescent", "Delta", "Evergreen", "Falcon", "Foxglove", "Granite", "Harbor",
		"Helix", "Horizon", "Ironwood", "Juniper", "Keystone", "Lakeside", "Lumen", "Maple", "Meridian",
		"Nimbus", "Northwind", "Oakridge", "Orion", "Pinnacle", "Polar", "Quantum", "Redwood", "Riverbend",
		"Sable", "Sierra", "Silverline", "Summit", "Tidewater", "Trident", "Vantage", "Vertex", "Willow", "Zenith"}
	acctSuffixes = []struct{ word, industry string }{
		{"Logistics", "Logistics"}, {"Health", "Healthcare"}, {"Foods", "Retail"}, {"Systems", "Software"},
		{"Capital", "Financial Services"}, {"Energy", "Energy"}, {"Labs", "Software"}, {"Retail", "Retail"},
		{"Manufacturing", "Manufacturing"}, {"Media", "Media"}, {"Insurance", "Financial Services"},
		{"Robotics", "Manufacturing"}, {"Learning", "Education"}, {"Freight", "Logistics"}, {"Clinics", "Healthcare"},
		{"Software", "Software"}, {"Power", "Energy"}, {"Studios", "Media"}, {"Academy", "Education"},
		{"Industries", "Manufacturing"}, {"Bank", "Financial Services"}, {"Markets", "Retail"},
	}
	westForms = []string{"GmbH", "SA", "BV", "AG", "SAS", "Ltd"}
	sizes     = choice{[]string{"1-50", "51-200", "201-1000", "1000+"}, []float64{0.3, 0.35, 0.25, 0.1}}
)

func (g *gen) accounts() {
	g.byRegion = make(map[string][]*account)
	seen := make(map[string]bool)
	for _, rc := range []struct {
		region string
		n      int
	}{{"East", 110}, {"Central", 100}, {"West", 95}} {
		for range rc.n {
			var name, industry string
			for {
				s := acctSuffixes[g.r.IntN(len(acctSuffixes))]
				name = acctPrefixes[g.r.IntN(len(acctPrefixes))] + " " + s.word
				if rc.region == "West" {
					name += " " + westForms[g.r.IntN(len(westForms))]
				}
				if !seen[name] {
					industry = s.industry
					break
				}
			}
			seen[name] = true
			a := &account{name: name, region: rc.region, industry: industry, size: sizes.draw(g.r)}
			reps := g.repsIn(rc.region, spanStart)
			a.home = reps[g.r.IntN(len(reps))].id
			g.accts = append(g.accts, a)
			g.byRegion[rc.region] = append(g.byRegion[rc.region], a)
		}
	}
}

// homeRep returns the rep who looks after a on day d: its home rep while
// they work in its region, else another rep of the region (who keeps it).
func (g *gen) homeRep(a *account, d sp.Date) string {
	if g.teamOf(a.home, d).region != a.region {
		reps := g.repsIn(a.region, d)
		a.home = reps[g.r.IntN(len(reps))].id
	}
	return a.home
}

func id(prefix string, width, n int) string { return fmt.Sprintf("%s-%0*d", prefix, width, n) }
