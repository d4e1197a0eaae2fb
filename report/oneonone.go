package report

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
	"github.com/shopspring/decimal"
)

// OneOnOneConfig says whose one-to-one it is and over which period.
type OneOnOneConfig struct {
	Rep      string            // the rep
	Team     []string          // the reps the team median is taken over (the rep included)
	Calendar sp.Calendar       // periods and the location days are counted in
	Grain    sp.Grain          // the period: a week by default
	AsOf     time.Time         // the report covers the last complete period before AsOf, and the one before it
	Hours    *sp.BusinessHours // lead response time in working hours; nil for calendar time
}

// OneOnOneRow is one figure of a one-to-one: the rep's value this period
// and last period, the direction of change, and the team's median this
// period. Values have no value ("–") when the figure is not defined (a
// win rate with nothing closed).
type OneOnOneRow struct {
	Metric       string
	Rep          Figure
	Previous     Figure
	TeamMedian   Figure
	Change       string // "up", "down", "same", or "" when either value is missing
	Better       int    // +1 when the change is an improvement, −1 a decline, 0 neither
	HigherBetter bool   // whether a higher value is better (false for cycle length and response time)
}

// Figure is a value with its presentation: Has is false when there is no
// value.
type Figure struct {
	Value decimal.Decimal
	Has   bool
	Text  string
}

// OneOnOne is the one-to-one scorecard of a rep.
type OneOnOne struct {
	Rep              string
	Period, Previous sp.Period
	TeamSize         int
	Rows             []OneOnOneRow
}

// OneOnOneReport builds the one-to-one scorecard: for the last complete
// period of cfg.Grain before cfg.AsOf and the period before it, the rep's
// activity (calls, emails, meetings held, demos, proposals; by activity
// time), new deals and pipeline (by created date), deals won and lost,
// win rate, won amount, average deal and median cycle (by close date),
// and median lead response time (leads created in the period, owned by
// the rep, over those first touched by cfg.AsOf: a touch after AsOf has
// not happened yet), beside the median of the team's reps for the same
// period.
// The team median of a figure is taken over the reps who have a value
// (for an even count, the mean of the two middle values, as
// metrics.Summary does). Deals are seen as they stood at cfg.AsOf
// (salesperf.Deal.AsOf: amounts and statuses of that instant). Amounts
// must be in one currency (convert them first).
func OneOnOneReport(deals []sp.Deal, activities []sp.Activity, leads []sp.Lead, cfg OneOnOneConfig) OneOnOne {
	g := cmp.Or(cfg.Grain, sp.Week)
	cur := cfg.Calendar.Prev(cfg.Calendar.PeriodOf(cfg.AsOf, g))
	prev := cfg.Calendar.Prev(cur)
	out := OneOnOne{Rep: cfg.Rep, Period: cur, Previous: prev, TeamSize: len(cfg.Team)}
	loc := cfg.Calendar.Location
	// The deals as they stood at AsOf: nothing dated after it is read.
	views := make([]sp.Deal, 0, len(deals))
	for i := range deals {
		if v, ok := deals[i].AsOf(cfg.AsOf); ok {
			views = append(views, v)
		}
	}
	deals = views
	in := func(p sp.Period) func(time.Time) bool {
		from, to := cfg.Calendar.Bounds(p)
		return func(t time.Time) bool { return !t.IsZero() && !t.Before(from) && t.Before(to) }
	}
	// figures returns every figure of every rep for period p.
	type figs map[string]Figure
	figures := func(p sp.Period) map[string]figs {
		inP := in(p)
		acts := segment.By(metrics.Filter(metrics.Refs(activities), func(a *sp.Activity) bool { return inP(a.At) }),
			segment.Rep, metrics.ActivityCounts())
		created := segment.By(metrics.Filter(metrics.Refs(deals), func(d *sp.Deal) bool { return inP(d.Created) }),
			segment.Owner, metrics.NewOpportunities())
		closed := segment.By(metrics.Filter(metrics.Refs(deals), func(d *sp.Deal) bool { return inP(d.Closed) }),
			segment.Owner, metrics.Both(metrics.Both(metrics.WinRate(), metrics.AverageDealSize()), metrics.SalesCycle(loc)))
		resp := segment.By(metrics.Filter(metrics.Refs(leads), func(l *sp.Lead) bool { return inP(l.Created) }),
			segment.LeadOwner, metrics.ResponseTime(metrics.ResponseConfig{Hours: cfg.Hours, Unit: time.Minute, AsOf: cfg.AsOf}))
		out := map[string]figs{}
		for _, rep := range cfg.Team {
			f := figs{}
			a := acts[rep]
			f["calls"] = count(a.Of(sp.Call))
			f["emails"] = count(a.Of(sp.Email))
			f["meetings held"] = count(a.Of(sp.MeetingHeld))
			f["demos"] = count(a.Of(sp.Demo))
			f["proposals"] = count(a.Of(sp.Proposal))
			c := created[rep]
			f["new deals"] = count(c.Count)
			f["new pipeline"] = money(c.Amount)
			cl := closed[rep]
			f["won"] = count(cl.A.A.Num)
			f["lost"] = count(cl.A.A.Den - cl.A.A.Num)
			f["win rate"] = rate(cl.A.A)
			f["won amount"] = money(cl.A.B.Total)
			f["average deal"] = average(cl.A.B)
			f["median cycle (days)"] = median(cl.B.N, cl.B.Median)
			r := resp[rep]
			f["median response"] = median(r.Time.N, r.Time.Median)
			out[rep] = f
		}
		return out
	}
	now, before := figures(cur), figures(prev)
	for _, m := range oneOnOneMetrics {
		row := OneOnOneRow{Metric: m.name, Rep: now[cfg.Rep][m.name].text(m.format), Previous: before[cfg.Rep][m.name].text(m.format), HigherBetter: m.higherBetter}
		var team []decimal.Decimal
		for _, rep := range cfg.Team {
			if f := now[rep][m.name]; f.Has {
				team = append(team, f.Value)
			}
		}
		row.TeamMedian = medianOf(team, m.format)
		if row.Rep.Has && row.Previous.Has {
			switch c := row.Rep.Value.Cmp(row.Previous.Value); {
			case c > 0:
				row.Change, row.Better = "up", sign(m.higherBetter)
			case c < 0:
				row.Change, row.Better = "down", -sign(m.higherBetter)
			default:
				row.Change = "same"
			}
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// oneOnOneMetrics are the figures of a one-to-one, in order, with the
// direction that is better and how a team median of them prints.
var oneOnOneMetrics = []struct {
	name         string
	higherBetter bool
	format       func(decimal.Decimal) string
}{
	{"calls", true, plain}, {"emails", true, plain}, {"meetings held", true, plain}, {"demos", true, plain},
	{"proposals", true, plain}, {"new deals", true, plain}, {"new pipeline", true, cents}, {"won", true, plain},
	{"lost", false, plain}, {"win rate", true, share}, {"won amount", true, cents}, {"average deal", true, cents},
	{"median cycle (days)", false, plain}, {"median response", false, minutes},
}

// text sets the figure's Text with format when it has a value.
func (f Figure) text(format func(decimal.Decimal) string) Figure {
	if f.Has {
		f.Text = format(f.Value)
	}
	return f
}

// minutes prints a number of minutes as a duration: 640.5 → 10h40m30s.
func minutes(d decimal.Decimal) string {
	secs := sp.RoundHalfEven.Round(d.Mul(decimal.NewFromInt(60)), 0).IntPart()
	return Duration(time.Duration(secs) * time.Second)
}

// plain prints a count or a number of days, with one decimal only when
// it is not whole (the median of an even number of counts).
func plain(d decimal.Decimal) string { return sp.RoundHalfEven.Round(d, 1).String() }

// cents prints an amount with two decimals.
func cents(d decimal.Decimal) string { return sp.RoundHalfEven.Round(d, 2).StringFixed(2) }

// share prints a rate in [0, 1] as a percentage with one decimal.
func share(d decimal.Decimal) string {
	return sp.RoundHalfEven.Round(d.Shift(2), 1).StringFixed(1) + "%"
}

func sign(b bool) int {
	if b {
		return 1
	}
	return -1
}

func count(n int64) Figure { return Figure{Value: decimal.NewFromInt(n), Has: true} }

func money(s sp.Sum) Figure {
	m, err := s.Single()
	if err != nil {
		return Figure{Text: err.Error()}
	}
	return Figure{Value: m.Decimal(), Has: true}
}

func rate(r metrics.Rate) Figure {
	v, ok := r.Decimal(6, sp.RoundHalfEven)
	return Figure{Value: v, Has: ok, Text: "–"}
}

func average(a metrics.Average) Figure {
	v, ok, err := a.Value(sp.RoundHalfEven)
	return Figure{Value: v.Decimal(), Has: ok && err == nil, Text: "–"}
}

func median(n int64, x float64) Figure {
	return Figure{Value: decimal.NewFromFloat(x), Has: n > 0, Text: "–"}
}

// medianOf is the median of the values (the mean of the two middle ones
// for an even count), printed with format.
func medianOf(xs []decimal.Decimal, format func(decimal.Decimal) string) Figure {
	if len(xs) == 0 {
		return Figure{Text: "–"}
	}
	slices.SortFunc(xs, decimal.Decimal.Cmp)
	m := xs[len(xs)/2]
	if len(xs)%2 == 0 {
		m = sp.RoundHalfEven.Quo(xs[len(xs)/2-1].Add(m), decimal.NewFromInt(2), 6)
	}
	return Figure{Value: m, Has: true, Text: format(m)}
}

// Table returns the one-to-one as a text table.
func (o OneOnOne) Table() Table {
	t := Table{Title: "One-to-one: " + o.Rep + ", " + o.Period.String() + " (" + o.Period.Start.String() + " – " + o.Period.End.AddDays(-1).String() + ")",
		Header: []string{"figure", "this period", "last period", "change", "team median (" + strconv.Itoa(o.TeamSize) + " reps)"}}
	for _, r := range o.Rows {
		change := r.Change
		switch r.Better {
		case 1:
			change += ", better"
		case -1:
			change += ", worse"
		}
		t.Rows = append(t.Rows, []string{r.Metric, r.Rep.Text, r.Previous.Text, dash(change), r.TeamMedian.Text})
	}
	t.Notes = append(t.Notes, "last period: "+o.Previous.String()+" ("+o.Previous.Start.String()+" – "+o.Previous.End.AddDays(-1).String()+")")
	return t
}
