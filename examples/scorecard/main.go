// Command scorecard prints the sales scorecard of the sample organisation
// for the last complete fiscal quarter: per rep, per manager and for the
// whole team — deals created, won, lost, win rate, won amount, average
// deal size and sales-cycle length — as an aligned text table, or as JSON
// with -json.
//
//	go run ./examples/scorecard
//	go run ./examples/scorecard -json
//
// Cohorts: "created" counts the deals created in the quarter; every other
// column is over the deals closed (won or lost) in it. A rep's deals are
// credited to the manager the rep reported to on the day the deal was
// created (for "created") or closed (for the rest). Amounts are shown in
// USD: each deal's amount is converted at the EUR→USD rate of its close
// date (of its created date while open), rounded half to even to the
// cent. Records that fail validation are left out and counted at the end.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/examples/internal/prep"
	"github.com/salesperf/salesperf/internal/sampledata"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

func main() {
	asJSON := flag.Bool("json", false, "print JSON instead of a text table")
	flag.Parse()
	if err := run(os.Stdout, *asJSON); err != nil {
		fmt.Fprintln(os.Stderr, "scorecard:", err)
		os.Exit(1)
	}
}

// Report is the scorecard, as -json prints it.
type Report struct {
	Period   string         `json:"period"` // "FY2026 Q4"
	From     string         `json:"from"`   // first day
	To       string         `json:"to"`     // last day
	Currency sp.Currency    `json:"currency"`
	Reps     []Row          `json:"reps"`
	Managers []Row          `json:"managers"`
	Total    Row            `json:"total"`
	Rejected map[string]int `json:"rejected"` // "deal: amount: negative amount" → count
}

// Row is one line of the scorecard. Amounts are decimal strings in the
// report's currency; a figure over no deals is null.
type Row struct {
	Name       string   `json:"name"`
	Created    int64    `json:"created"`
	Won        int64    `json:"won"`
	Lost       int64    `json:"lost"`
	WinRate    *string  `json:"win_rate"`     // won / (won + lost), 4 decimals
	WonAmount  string   `json:"won_amount"`   // exact
	AvgDeal    *string  `json:"avg_deal"`     // won amount / won, to the cent
	CycleMean  *string  `json:"cycle_mean"`   // days, 1 decimal
	CycleMed   *float64 `json:"cycle_median"` // days
	CycleP90   *float64 `json:"cycle_p90"`    // days
	rate       metrics.Rate
	avg, cycle string
}

const currency sp.Currency = "USD"

func run(w io.Writer, asJSON bool) error {
	s, err := sampledata.Load()
	if err != nil {
		return err
	}
	cal := s.Calendar
	q := cal.Prev(cal.PeriodOf(s.AsOf, sp.Quarter))
	start, end := cal.Bounds(q)

	// Validate, keep the valid deals, count the rest by reason; amounts in USD.
	valid := prep.Valid(s)
	deals, err := prep.InCurrency(valid.Deals, s.Rates, currency)
	if err != nil {
		return err
	}

	in := func(t time.Time) bool { return !t.IsZero() && !t.Before(start) && t.Before(end) }
	created := metrics.Where(metrics.Count[*sp.Deal](), func(d *sp.Deal) bool { return in(d.Created) })
	closed := metrics.NewTable(
		metrics.Col("counts", metrics.Counts()),
		metrics.Col("win rate", metrics.WinRate()),
		metrics.Col("won", metrics.WonAmount()),
		metrics.Col("average", metrics.AverageDealSize()),
		metrics.Col("cycle", metrics.SalesCycle(cal.Location)),
	)
	closedIn := metrics.Where(closed.Aggregator(), func(d *sp.Deal) bool { return in(d.Closed) })

	all := metrics.Refs(deals)
	loc := cal.Location
	rows := func(names []string, createdBy, closedBy func(*sp.Deal) string) []Row {
		c := segment.By(all, createdBy, created)
		r := segment.By(all, closedBy, closedIn)
		var out []Row
		for _, n := range names {
			out = append(out, row(n, c[n], r[n], closed))
		}
		return out
	}
	rep := Report{
		Period: q.String(), From: q.Start.String(), To: q.End.AddDays(-1).String(), Currency: currency,
		Reps:     rows(s.Reps, segment.Owner, segment.Owner),
		Managers: rows(s.Managers, segment.Manager(s.Org, loc, segment.ByCreated), segment.Manager(s.Org, loc, segment.ByClosed)),
		Total:    row("all", created.Compute(all), closedIn.Compute(all), closed),
		Rejected: valid.Rejected("deal"),
	}
	if asJSON {
		out, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", out)
		return err
	}
	return printText(w, &rep)
}

func row(name string, created int64, r metrics.Row, tab *metrics.Table[*sp.Deal]) Row {
	if r.Names == nil { // no deal closed: the empty row still has its columns
		r = tab.Aggregator().Compute(metrics.Refs([]sp.Deal(nil)))
	}
	counts := metrics.Value[metrics.DealCounts](r, "counts")
	rate := metrics.Value[metrics.Rate](r, "win rate")
	won := metrics.Value[sp.Sum](r, "won")
	avg := metrics.Value[metrics.Average](r, "average")
	cycle := metrics.Value[metrics.Summary](r, "cycle")
	out := Row{Name: name, Created: created, Won: counts.Won, Lost: counts.Lost, rate: rate}
	total := won.Of(currency)
	out.WonAmount = total.Amount()
	if v, ok := rate.Decimal(4, sp.RoundHalfEven); ok {
		out.WinRate = ptr(v.StringFixed(4))
	}
	if v, ok, err := avg.Value(sp.RoundHalfEven); err == nil && ok {
		out.AvgDeal, out.avg = ptr(v.Amount()), v.Amount()
	}
	if m, ok := cycle.MeanDecimal(1, sp.RoundHalfEven); ok {
		out.CycleMean, out.CycleMed, out.CycleP90 = ptr(m.StringFixed(1)), ptr(cycle.Median), ptr(cycle.P90)
		out.cycle = fmt.Sprintf("%s / %g / %g", m.StringFixed(1), cycle.Median, cycle.P90)
	}
	return out
}

func ptr[T any](v T) *T { return &v }

func printText(w io.Writer, r *Report) error {
	fmt.Fprintf(w, "Scorecard %s (%s – %s), amounts in %s\n", r.Period, r.From, r.To, r.Currency)
	fmt.Fprintln(w, "created: deals created in the quarter; other columns: deals closed in it")
	section := func(title string, rows []Row) {
		fmt.Fprintf(w, "\n%s\n", title)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "\tcreated\twon\tlost\twin rate\twon amount\tavg deal\tcycle days (mean / median / p90)\t")
		for _, x := range rows {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t\n", x.Name, x.Created, x.Won, x.Lost,
				x.rate, x.WonAmount, dash(x.avg), dash(x.cycle))
		}
		tw.Flush()
	}
	section("Reps", r.Reps)
	section("Managers", r.Managers)
	section("Team", []Row{r.Total})
	if len(r.Rejected) > 0 {
		fmt.Fprintf(w, "\nLeft out (failed validation):\n")
		for _, line := range prep.Lines(r.Rejected) {
			fmt.Fprintf(w, "  %s\n", line)
		}
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
