// Command quickstart builds a small sales organisation in code — one
// pipeline, a handful of deals, activities and leads, a fiscal calendar —
// validates it, and prints the figures a sales manager reads first and
// the problems found in the data.
//
//	go run ./examples/quickstart
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"text/tabwriter"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

var (
	ny, _ = time.LoadLocation("America/New_York")
	// A fiscal year from February, named by the year it ends in.
	cal   = sp.Calendar{FiscalYearStart: time.February, Location: ny, WeekStart: time.Monday}
	hours = sp.BusinessHours{Location: ny, Open: 9 * time.Hour, Close: 17 * time.Hour,
		Holidays: []sp.Date{{Year: 2026, Month: 2, Day: 16}, {Year: 2026, Month: 5, Day: 25}}}
)

func p(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// at is a wall-clock instant in New York.
func at(month time.Month, day, hour, min int) time.Time {
	return time.Date(2026, month, day, hour, min, 0, 0, ny)
}

func data() *sp.Dataset {
	pipe := sp.Pipeline{Name: "new business", Stages: []sp.Stage{
		{Name: "Qualify", Kind: sp.OpenStage, Probability: p("0.1")},
		{Name: "Demo", Kind: sp.OpenStage, Probability: p("0.3")},
		{Name: "Proposal", Kind: sp.OpenStage, Probability: p("0.6")},
		{Name: "Won", Kind: sp.WonStage, Probability: p("1")},
		{Name: "Lost", Kind: sp.LostStage, Probability: p("0")},
	}}
	usd := sp.MustParseMoney
	won := func(id, owner, amount string, created, closed time.Time, source string) sp.Deal {
		return sp.Deal{ID: id, Owner: owner, Stage: "Won", Status: sp.Won, Amount: usd(amount),
			Created: created, Closed: closed, Source: source,
			StageHistory: []sp.StageChange{{At: created, Stage: "Qualify"}, {At: created.AddDate(0, 0, 3), Stage: "Demo"}, {At: closed, Stage: "Won"}}}
	}
	lost := func(id, owner, amount string, created, closed time.Time, source, reason string) sp.Deal {
		return sp.Deal{ID: id, Owner: owner, Stage: "Lost", Status: sp.Lost, Amount: usd(amount),
			Created: created, Closed: closed, Source: source, LostReason: reason,
			StageHistory: []sp.StageChange{{At: created, Stage: "Qualify"}, {At: closed, Stage: "Lost"}}}
	}
	open := func(id, owner, stage, amount string, created time.Time, source string) sp.Deal {
		return sp.Deal{ID: id, Owner: owner, Stage: stage, Status: sp.Open, Amount: usd(amount),
			Created: created, Source: source, ExpectedClose: sp.Date{Year: 2026, Month: 7, Day: 31}}
	}
	deals := []sp.Deal{
		won("D-101", "ann", "24000.00 USD", at(2, 3, 10, 0), at(3, 20, 15, 0), "referral"),
		won("D-102", "ann", "8500.00 USD", at(2, 17, 9, 30), at(4, 2, 11, 0), "web"),
		lost("D-103", "ann", "12000.00 USD", at(3, 2, 14, 0), at(4, 28, 16, 0), "web", "price"),
		won("D-104", "bob", "31000.00 USD", at(2, 10, 11, 0), at(5, 12, 10, 0), "outbound"),
		lost("D-105", "bob", "9000.00 USD", at(3, 9, 13, 0), at(3, 30, 9, 0), "outbound", "no budget"),
		lost("D-106", "bob", "15000.00 USD", at(4, 1, 10, 0), at(5, 20, 12, 0), "web", "competitor"),
		won("D-107", "cy", "12500.00 USD", at(3, 16, 10, 0), at(4, 10, 17, 0), "web"),
		open("D-108", "cy", "Proposal", "40000.00 USD", at(4, 20, 9, 0), "referral"),
		open("D-109", "ann", "Demo", "18000.00 USD", at(5, 4, 15, 0), "web"),
		// Three deals with problems, as a real export has them:
		won("D-110", "bob", "7000.00 USD", at(5, 6, 9, 0), at(5, 1, 9, 0), "web"), // closed before created
		open("D-111", "cy", "Negotiation", "5000.00 USD", at(5, 7, 9, 0), "web"),  // stage not in the pipeline
		open("D-112", "", "Qualify", "-250.00 USD", at(5, 8, 9, 0), "web"),        // no owner, negative amount
	}
	activities := []sp.Activity{
		{ID: "A1", Rep: "ann", Kind: sp.Call, At: at(2, 3, 10, 30), Duration: 12 * time.Minute, Category: sp.Prospecting, Lead: "L1"},
		{ID: "A2", Rep: "ann", Kind: sp.Demo, At: at(2, 6, 14, 0), Duration: time.Hour, Category: sp.Presenting, Deal: "D-101"},
		{ID: "A3", Rep: "ann", Kind: sp.Email, At: at(2, 17, 16, 0), Duration: 5 * time.Minute, Category: sp.Prospecting, Lead: "L2"},
		{ID: "A4", Rep: "ann", Kind: sp.Proposal, At: at(3, 10, 11, 0), Duration: 90 * time.Minute, Category: sp.Presenting, Deal: "D-101"},
		{ID: "A5", Rep: "bob", Kind: sp.Call, At: at(2, 10, 11, 15), Duration: 20 * time.Minute, Category: sp.Prospecting},
		{ID: "A6", Rep: "bob", Kind: sp.Call, At: at(2, 11, 9, 0), Duration: 8 * time.Minute, Category: sp.Prospecting},
		{ID: "A7", Rep: "bob", Kind: sp.MeetingHeld, At: at(2, 20, 10, 0), Duration: 45 * time.Minute, Category: sp.Presenting, Deal: "D-104"},
		{ID: "A8", Rep: "bob", Kind: sp.Task, At: at(2, 20, 17, 0), Duration: 30 * time.Minute, Category: sp.DataEntry},
		{ID: "A9", Rep: "cy", Kind: sp.Social, At: at(3, 16, 9, 0), Duration: 10 * time.Minute, Category: sp.LeadResearch, Lead: "L3"},
		{ID: "A10", Rep: "cy", Kind: sp.Demo, At: at(3, 25, 13, 0), Duration: time.Hour, Category: sp.Presenting, Deal: "D-107"},
		{ID: "A11", Rep: "cy", Kind: sp.Call, At: at(4, 2, 10, 0), Duration: -5 * time.Minute, Category: sp.Prospecting}, // negative duration
	}
	leads := []sp.Lead{
		{ID: "L1", Source: "referral", Owner: "ann", Created: at(2, 2, 16, 30), FirstTouch: at(2, 3, 10, 30)},
		{ID: "L2", Source: "web", Owner: "ann", Created: at(2, 13, 16, 45), FirstTouch: at(2, 17, 16, 0)}, // Friday evening → Tuesday after Presidents' Day
		{ID: "L3", Source: "web", Owner: "cy", Created: at(3, 16, 8, 40), FirstTouch: at(3, 16, 9, 0)},
	}
	return &sp.Dataset{Pipelines: sp.Pipelines{pipe}, Deals: deals, Activities: activities, Leads: leads}
}

func run(w io.Writer) error {
	ds := data()

	// 1. Validate: every problem at once; keep the valid records.
	var problems []error
	v := sp.Validator{Pipelines: ds.Pipelines, Reject: func(r sp.Rejected) { problems = append(problems, r.Err) }}
	var deals []sp.Deal
	for i := range ds.Deals {
		if v.Deal(&ds.Deals[i]) {
			deals = append(deals, ds.Deals[i])
		}
	}
	var acts []sp.Activity
	for i := range ds.Activities {
		if v.Activity(&ds.Activities[i]) {
			acts = append(acts, ds.Activities[i])
		}
	}
	for i := range ds.Leads {
		v.Lead(&ds.Leads[i])
	}

	// 2. Per rep: deals won and lost, win rate, won amount, average deal
	// size and sales cycle over won deals.
	type row struct {
		won, lost, open int
		wonAmt          sp.Sum
		pipeline        sp.Sum
		cycleDays       int
	}
	reps := map[string]*row{}
	get := func(rep string) *row {
		if reps[rep] == nil {
			reps[rep] = &row{}
		}
		return reps[rep]
	}
	wonByQuarter := map[sp.Period]*sp.Sum{}
	var total row
	for _, d := range deals {
		for _, r := range []*row{get(d.Owner), &total} {
			switch d.Status {
			case sp.Won:
				r.won++
				r.wonAmt.Add(d.Amount)
				r.cycleDays += sp.DateOf(d.Created.In(ny)).DaysUntil(sp.DateOf(d.Closed.In(ny)))
			case sp.Lost:
				r.lost++
			case sp.Open:
				r.open++
				r.pipeline.Add(d.Amount)
			}
		}
		if d.Status == sp.Won {
			q := cal.PeriodOf(d.Closed, sp.Quarter)
			if wonByQuarter[q] == nil {
				wonByQuarter[q] = new(sp.Sum)
			}
			wonByQuarter[q].Add(d.Amount)
		}
	}
	fmt.Fprintln(w, "Deals by rep (closed-date cohort)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rep\twon\tlost\twin rate\twon amount\tavg deal\tavg cycle (days)\topen pipeline\t")
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range reps {
			if !yield(k) {
				return
			}
		}
	})
	line := func(name string, r *row) error {
		amt, err := r.wonAmt.Single()
		if err != nil {
			return err
		}
		pipe, err := r.pipeline.Single()
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t\n", name, r.won, r.lost,
			percent(r.won, r.won+r.lost), money(amt), avg(amt, r.won), ratio(r.cycleDays, r.won), money(pipe))
		return nil
	}
	for _, name := range names {
		if err := line(name, reps[name]); err != nil {
			return err
		}
	}
	if err := line("all", &total); err != nil {
		return err
	}
	tw.Flush()

	fmt.Fprintf(w, "\nWon amount by fiscal quarter (fiscal year from February)\n")
	quarters := slices.SortedFunc(func(yield func(sp.Period) bool) {
		for q := range wonByQuarter {
			if !yield(q) {
				return
			}
		}
	}, sp.Period.Compare)
	for _, q := range quarters {
		start, end := cal.Bounds(q)
		amt, err := wonByQuarter[q].Single()
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %-10s %s – %s  %14s\n", q, start.Format("2006-01-02"), end.AddDate(0, 0, -1).Format("2006-01-02"), amt)
	}

	// 3. Activities per kind and time by category.
	kinds := map[sp.ActivityKind]int{}
	spent := map[sp.TimeCategory]time.Duration{}
	var all time.Duration
	for _, a := range acts {
		kinds[a.Kind]++
		spent[a.Category] += a.Duration
		all += a.Duration
	}
	fmt.Fprintf(w, "\nActivities (%d)\n", len(acts))
	for k := sp.Call; k <= sp.CustomKind; k++ {
		if kinds[k] > 0 {
			fmt.Fprintf(w, "  %-18s %d\n", k, kinds[k])
		}
	}
	fmt.Fprintf(w, "\nWhere the time went (%v logged)\n", all)
	for c := sp.Uncategorized; c <= sp.CustomCategory; c++ {
		if spent[c] > 0 {
			fmt.Fprintf(w, "  %-14s %8v  %s\n", c, spent[c], percent(int(spent[c]), int(all)))
		}
	}

	// 4. Lead response time in business hours (9–17 New York, weekdays).
	fmt.Fprintf(w, "\nLead response time (business hours, %s–%s New York)\n", clock(hours.Open), clock(hours.Close))
	for _, l := range ds.Leads {
		fmt.Fprintf(w, "  %s (%s): created %s, first touch %s: %v\n", l.ID, l.Source,
			l.Created.Format("Mon 15:04"), l.FirstTouch.Format("Mon 15:04"), hours.Elapsed(l.Created, l.FirstTouch))
	}

	// 5. The problems, each naming the record and the field.
	fmt.Fprintf(w, "\nProblems found (%d records rejected, not counted above)\n", len(problems))
	for _, err := range problems {
		for _, e := range unjoin(err) {
			fmt.Fprintf(w, "  %v\n", e)
		}
	}
	fmt.Fprintf(w, "\n%s", v.Report())
	return nil
}

func unjoin(err error) []error {
	var j interface{ Unwrap() []error }
	if errors.As(err, &j) {
		return j.Unwrap()
	}
	return []error{err}
}

// percent formats num/den as a percentage with one decimal, rounded half
// to even, or "–" when den is zero (a rate over nothing is not a rate).
func percent(num, den int) string {
	if den == 0 {
		return "–"
	}
	return ratio(num*100, den) + "%"
}

// ratio formats num/den with one decimal, rounded half to even, or "–"
// when den is zero.
func ratio(num, den int) string {
	if den == 0 {
		return "–"
	}
	q := decimal.NewFromInt(int64(num)).DivRound(decimal.NewFromInt(int64(den)), 16)
	return sp.RoundHalfEven.Round(q, 1).StringFixed(1)
}

func avg(m sp.Money, n int) string {
	if n == 0 {
		return "–"
	}
	return m.Div(int64(n), sp.RoundHalfEven).String()
}

// money prints an amount, or "–" for a sum over nothing.
func money(m sp.Money) string {
	if m.IsZero() && m.Currency() == "" {
		return "–"
	}
	return m.String()
}

func clock(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}
