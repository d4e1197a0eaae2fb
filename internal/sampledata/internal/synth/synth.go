// Package synth generates the sample organisation of package sampledata
// and reads and writes its data file. The generator is deterministic: it
// draws every random number from one PCG source with a fixed seed and never
// reads the clock, so Generate returns the same records on every run and
// Encode writes the same bytes.
package synth

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"time"
	_ "time/tzdata" // the sample's time zone, even where the system has no zoneinfo

	sp "github.com/salesperf/salesperf"
)

// Seed is the fixed seed of the generator's PCG source.
const Seed uint64 = 20260216

// Location returns the sample's time zone, America/New_York.
func Location() *time.Location { return nyLoc }

var nyLoc = func() *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic("synth: " + err.Error())
	}
	return loc
}()

// Calendar returns the sample's calendar: fiscal years from February, named
// by the year they end in, in New York, weeks from Monday.
func Calendar() sp.Calendar {
	return sp.Calendar{FiscalYearStart: time.February, Location: nyLoc, WeekStart: time.Monday}
}

// AsOf returns the sample's "now": 2026-02-16 09:00 in New York.
func AsOf() time.Time { return time.Date(2026, 2, 16, 9, 0, 0, 0, nyLoc) }

// The span in which deals and leads are created: FY2025 Q1 to FY2026 Q4.
var (
	spanStart = sp.Date{Year: 2024, Month: time.February, Day: 1}
	spanEnd   = sp.Date{Year: 2026, Month: time.February, Day: 1} // exclusive
)

// Problem is one deliberate problem in the data: the record, its ID, the
// field and the name of the sentinel error Validate reports for it.
type Problem struct {
	Record, ID, Field, Err string
}

// RateSeries is a daily run of exchange rates for one currency pair: the
// rate of Start is Values[0] × 10⁻⁴, of the next day Values[1] × 10⁻⁴, …
type RateSeries struct {
	From, To sp.Currency
	Start    sp.Date
	Values   []int64
}

// Data is everything the data file holds.
type Data struct {
	Dataset  sp.Dataset
	Rates    []RateSeries
	Problems []Problem
}

// Generate builds the sample organisation.
func Generate() *Data {
	g := &gen{
		r:    rng{rand.New(rand.NewPCG(Seed, Seed^0x9e3779b97f4a7c15))},
		loc:  nyLoc,
		cal:  Calendar(),
		asOf: AsOf(),
	}
	g.org()
	g.accounts()
	g.newBusiness()
	g.subscriptions()
	g.finishDeals()
	g.leads()
	g.activities()
	g.targets()
	g.rates()
	g.problems()
	return &Data{Dataset: g.ds, Rates: g.rateSeries, Problems: g.probs}
}

// gen holds the generator's state.
type gen struct {
	r    rng
	loc  *time.Location
	cal  sp.Calendar
	asOf time.Time

	ds         sp.Dataset
	orgIdx     *sp.Org
	reps       []*rep
	repByID    map[string]*rep
	accts      []*account
	byRegion   map[string][]*account
	deals      []*deal // every deal, with generation-only facts
	subs       []*sub
	rateSeries []RateSeries
	probs      []Problem
}

// rng adds the draws the generator needs to a PCG-backed rand.Rand. Float
// expressions are written so that no fused multiply-add can change them
// between architectures (an explicit float64 conversion stops fusion).
type rng struct{ *rand.Rand }

// chance reports true with probability p.
func (r rng) chance(p float64) bool { return r.Float64() < p }

// between returns a uniform integer in [lo, hi].
func (r rng) between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// lognormal returns a draw with the given median and log-scale sigma.
func (r rng) lognormal(median, sigma float64) float64 {
	return median * math.Exp(float64(sigma*r.NormFloat64()))
}

// pick returns an index drawn with the given weights.
func (r rng) pick(w []float64) int {
	var sum float64
	for _, x := range w {
		sum += x
	}
	u := r.Float64() * sum
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}

// choice is a weighted list of names.
type choice struct {
	names   []string
	weights []float64
}

func (c choice) draw(r rng) string { return c.names[r.pick(c.weights)] }

// Time helpers. Every instant is a whole minute in New York.

func (g *gen) dateOf(t time.Time) sp.Date { return sp.DateOf(t.In(g.loc)) }

// clock returns the instant at minute m after midnight of d.
func (g *gen) clock(d sp.Date, m int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, m, 0, 0, g.loc)
}

// workTime returns a random instant between 8:00 and 18:00 on d.
func (g *gen) workTime(d sp.Date) time.Time { return g.clock(d, g.r.between(8*60, 18*60-1)) }

// within returns a random whole-minute instant in [lo, hi] (lo if hi ≤ lo).
func (g *gen) within(lo, hi time.Time) time.Time {
	n := int(hi.Sub(lo) / time.Minute)
	if n <= 0 {
		return lo
	}
	return lo.Add(time.Duration(g.r.IntN(n+1)) * time.Minute)
}

// workWithin returns a random instant in [lo, hi], moved to working hours
// on a weekday when the span allows it.
func (g *gen) workWithin(lo, hi time.Time) time.Time {
	t := g.within(lo, hi)
	d := g.dateOf(t)
	switch d.Weekday() {
	case time.Saturday:
		d = d.AddDays(-1)
	case time.Sunday:
		d = d.AddDays(1)
	}
	w := g.workTime(d)
	if w.Before(lo) || w.After(hi) {
		return t
	}
	return w
}

func weekend(d sp.Date) bool { return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday }

// days returns the number of days between two instants, as a float.
func days(from, to time.Time) float64 { return to.Sub(from).Hours() / 24 }

// addDays returns t plus x days, rounded down to a whole minute.
func addDays(t time.Time, x float64) time.Time {
	return t.Add(time.Duration(float64(x*24*60)) * time.Minute)
}

// dayPicker draws days with weights.
type dayPicker struct {
	days []sp.Date
	cum  []float64
}

func newDayPicker(from, to sp.Date, weight func(sp.Date, float64) float64) *dayPicker {
	p := &dayPicker{}
	n := from.DaysUntil(to)
	var sum float64
	for i := 0; i < n; i++ {
		d := from.AddDays(i)
		sum += weight(d, float64(i)/float64(n))
		p.days = append(p.days, d)
		p.cum = append(p.cum, sum)
	}
	return p
}

func (p *dayPicker) draw(r rng) sp.Date {
	u := r.Float64() * p.cum[len(p.cum)-1]
	i, _ := slices.BinarySearch(p.cum, u)
	return p.days[min(i, len(p.days)-1)]
}

// money returns minor units of c as Money.
func money(minor int64, c sp.Currency) sp.Money { return sp.NewMoney(minor, c) }

// roundTo rounds x major units to a multiple of step major units, in minor
// units (cents).
func roundTo(x float64, step int64) int64 {
	n := int64(math.Round(x / float64(step)))
	if n < 1 {
		n = 1
	}
	return n * step * 100
}

func sortBy[T any, K cmp.Ordered](s []T, key func(T) K) {
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
}

func minT(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxT(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
