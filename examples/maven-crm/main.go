// Command maven-crm computes the scorecard of the Maven Analytics "CRM
// Sales Opportunities" export — 8,800 real-shaped opportunities of 35
// agents under 6 managers in 3 offices — as published, and prints it as
// JSON: the total, and one row per agent, per manager and per regional
// office.
//
//	go run ./examples/maven-crm                       # reads ../shared/data/maven-crm
//	go run ./examples/maven-crm -data path/to/maven-crm
//
// Each row: deals, won, lost, open; win_rate = won / (won + lost) with 6
// decimals rounded half up; won_amount, exact; avg_won_amount = won
// amount / won deals with 2 decimals; avg_won_cycle_days = mean of
// close_date − engage_date over won deals, in days, with 2 decimals.
// Agents with no deals appear with zeros; a figure over no deals is 0.
//
// The export's quirks (see its SOURCE.md) are handled: open deals have
// empty close dates and values; prospecting deals have no engage date
// (they are open deals without a known created date); lost deals have a
// close value of 0. Every row is validated; rejected rows are reported on
// standard error and left out, never silently.
package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
	"github.com/shopspring/decimal"
)

func main() {
	dir := flag.String("data", filepath.Join("..", "shared", "data", "maven-crm"), "folder holding sales_pipeline.csv and sales_teams.csv")
	flag.Parse()
	if err := run(*dir, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "maven-crm:", err)
		os.Exit(1)
	}
}

// Row is one line of the scorecard, as the JSON prints it.
type Row struct {
	Segment         string `json:"segment"`
	Deals           int64  `json:"deals"`
	Won             int64  `json:"won"`
	Lost            int64  `json:"lost"`
	Open            int64  `json:"open"`
	WinRate         string `json:"win_rate"`
	WonAmount       string `json:"won_amount"`
	AvgWonAmount    string `json:"avg_won_amount"`
	AvgWonCycleDays string `json:"avg_won_cycle_days"`
}

// Report is the whole output.
type Report struct {
	Total          Row          `json:"total"`
	ByAgent        []Row        `json:"by_agent"`
	ByManager      []Row        `json:"by_manager"`
	ByOffice       []Row        `json:"by_office"`
	ByProduct      []ProductRow `json:"by_product"`
	ByCloseQuarter []CycleRow   `json:"by_close_quarter"`
}

// ProductRow is one product's row and its stage funnel: the deals that
// reached Prospecting, Engaging and Won (a deal reached every stage up to
// the furthest it entered), and the conversion from each stage to the
// next (6 decimals, half up).
type ProductRow struct {
	Row
	Funnel []FunnelStep `json:"funnel"`
}

// FunnelStep is one stage of a product's funnel.
type FunnelStep struct {
	Stage      string `json:"stage"`
	Reached    int64  `json:"reached"`
	Conversion string `json:"conversion,omitempty"` // to the next stage; none for the last
}

// CycleRow is the sales cycle of the deals won in one calendar quarter of
// close: won and lost deals, win rate, and the mean, median and 90th
// percentile of close_date − engage_date in days over the won deals
// (median and p90 interpolate between ranks, R's type 7; 2 decimals).
type CycleRow struct {
	Quarter string `json:"quarter"` // "2017 Q3"
	Won     int64  `json:"won"`
	Lost    int64  `json:"lost"`
	WinRate string `json:"win_rate"`
	Mean    string `json:"mean_won_cycle_days"`
	Median  string `json:"median_won_cycle_days"`
	P90     string `json:"p90_won_cycle_days"`
}

func run(dir string, stdout, stderr io.Writer) error {
	deals, teams, err := load(dir)
	if err != nil {
		return err
	}
	org, err := sp.NewOrg(teams)
	if err != nil {
		return err
	}
	v := sp.Validator{Pipelines: mavenPipeline, Reject: func(r sp.Rejected) { fmt.Fprintln(stderr, r.Err) }}
	var valid []sp.Deal
	for i := range deals {
		if v.Deal(&deals[i]) {
			valid = append(valid, deals[i])
		}
	}
	if rep := v.Report(); rep.Rejected["deal"] > 0 {
		fmt.Fprint(stderr, rep)
	}
	rep := scorecard(valid, org)
	out, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s\n", out)
	return err
}

// table is the scorecard's columns, computed in one pass.
var table = metrics.NewTable(
	metrics.Col("counts", metrics.Counts()),
	metrics.Col("win rate", metrics.WinRate()),
	metrics.Col("average won", metrics.AverageDealSize()),
	metrics.Col("cycle", metrics.SalesCycle(nil)),
)

func scorecard(deals []sp.Deal, org *sp.Org) Report {
	agg := table.Aggregator()
	byAgent := segment.Fold(metrics.Refs(deals), segment.Owner, agg)
	// Agents without deals appear with zeros.
	for _, p := range org.People() {
		if m, _ := org.On(p, sp.Date{}); m.Manager != "" && byAgent[p] == nil {
			byAgent[p] = new(metrics.TableState)
		}
	}
	// The teams file is not dated: memberships hold on every day.
	field := func(f func(sp.Membership) string) func(string) string {
		return func(agent string) string {
			m, _ := org.On(agent, sp.Date{})
			return f(m)
		}
	}
	rows := func(states map[string]*metrics.TableState) []Row {
		var out []Row
		for name, s := range segment.Sorted(states) {
			out = append(out, row(name, agg.Result(s)))
		}
		return out
	}
	total := segment.Total(agg, byAgent)
	return Report{
		Total:          row("total", agg.Result(&total)),
		ByAgent:        rows(byAgent),
		ByManager:      rows(segment.Rollup(agg, byAgent, field(func(m sp.Membership) string { return m.Manager }))),
		ByOffice:       rows(segment.Rollup(agg, byAgent, field(func(m sp.Membership) string { return m.Region }))),
		ByProduct:      products(deals),
		ByCloseQuarter: quarters(deals),
	}
}

// products is the scorecard row and the stage funnel of each product.
func products(deals []sp.Deal) []ProductRow {
	agg := metrics.Both(table.Aggregator(), metrics.Funnel(&mavenPipeline[0], metrics.FunnelConfig{}))
	var out []ProductRow
	for name, r := range segment.Sorted(segment.By(metrics.Refs(deals), segment.Product, agg)) {
		pr := ProductRow{Row: row(name, r.A)}
		for _, st := range r.B.Steps {
			step := FunnelStep{Stage: st.Stage, Reached: st.Reached}
			if c, ok := st.Conversion.Decimal(6, sp.RoundHalfUp); ok {
				step.Conversion = c.StringFixed(6)
			}
			pr.Funnel = append(pr.Funnel, step)
		}
		out = append(out, pr)
	}
	return out
}

// quarters is the won deals' cycle per calendar quarter of close.
func quarters(deals []sp.Deal) []CycleRow {
	closed := metrics.Filter(metrics.Refs(deals), metrics.IsClosed)
	agg := metrics.Both(metrics.WinRate(), metrics.SalesCycle(nil))
	var out []CycleRow
	byQuarter := segment.By(closed, segment.Period(sp.Calendar{}, sp.Quarter, segment.ByClosed), agg)
	for q, r := range segment.SortedFunc(byQuarter, sp.Period.Compare) {
		rate, _ := r.A.Decimal(6, sp.RoundHalfUp)
		mean, _ := r.B.MeanDecimal(2, sp.RoundHalfUp)
		out = append(out, CycleRow{Quarter: q.String(), Won: r.A.Num, Lost: r.A.Den - r.A.Num,
			WinRate: rate.StringFixed(6), Mean: mean.StringFixed(2),
			Median: fixed2(r.B.Median), P90: fixed2(r.B.P90)})
	}
	return out
}

// fixed2 prints a quantile with 2 decimals, rounded half up. Quantiles
// of whole days here are multiples of 0.1 at most, which a float64 holds
// closely enough that rounding its shortest decimal form is exact.
func fixed2(x float64) string {
	return sp.RoundHalfUp.Round(decimal.NewFromFloat(x), 2).StringFixed(2)
}

func row(name string, r metrics.Row) Row {
	counts := metrics.Value[metrics.DealCounts](r, "counts")
	avg := metrics.Value[metrics.Average](r, "average won")
	cycle := metrics.Value[metrics.Summary](r, "cycle")
	rate, _ := metrics.Value[metrics.Rate](r, "win rate").Decimal(6, sp.RoundHalfUp)
	avgAmt, _, err := avg.Decimal(2, sp.RoundHalfUp)
	if err != nil {
		panic(err) // cannot happen: load parses every amount in USD
	}
	won, _ := avg.Total.Single()
	if won.Currency() == "" {
		won = sp.NewMoney(0, "USD")
	}
	days, _ := cycle.MeanDecimal(2, sp.RoundHalfUp)
	return Row{Segment: name, Deals: counts.Deals, Won: counts.Won, Lost: counts.Lost, Open: counts.Open,
		WinRate: rate.StringFixed(6), WonAmount: won.Amount(), AvgWonAmount: avgAmt.StringFixed(2),
		AvgWonCycleDays: days.StringFixed(2)}
}

// mavenPipeline: Prospecting > Engaging > Won / Lost.
var mavenPipeline = sp.Pipelines{{Name: "maven", Stages: []sp.Stage{
	{Name: "Prospecting", Kind: sp.OpenStage},
	{Name: "Engaging", Kind: sp.OpenStage},
	{Name: "Won", Kind: sp.WonStage},
	{Name: "Lost", Kind: sp.LostStage},
}}}

// load reads sales_pipeline.csv and sales_teams.csv. A row that cannot be
// parsed is an error naming the file, line and column.
func load(dir string) ([]sp.Deal, []sp.Membership, error) {
	pipe, err := readCSV(filepath.Join(dir, "sales_pipeline.csv"),
		"opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date", "close_value")
	if err != nil {
		return nil, nil, err
	}
	var deals []sp.Deal
	var errs []error
	for _, r := range pipe.rows {
		d := sp.Deal{ID: r.get("opportunity_id"), Owner: r.get("sales_agent"), Pipeline: "maven",
			Stage: r.get("deal_stage"), Product: r.get("product"), Account: r.get("account")}
		switch d.Stage {
		case "Won":
			d.Status = sp.Won
		case "Lost":
			d.Status = sp.Lost
		default: // Prospecting, Engaging; an unknown stage is caught by validation
			d.Status = sp.Open
		}
		if d.Created, err = r.date("engage_date"); err != nil {
			errs = append(errs, err)
		}
		if d.Closed, err = r.date("close_date"); err != nil {
			errs = append(errs, err)
		}
		// The export dates two stage entries: Engaging (engage_date) and the
		// close (close_date). A prospecting deal has neither.
		if !d.Created.IsZero() {
			d.StageHistory = append(d.StageHistory, sp.StageChange{At: d.Created, Stage: "Engaging"})
		}
		if !d.Closed.IsZero() {
			d.StageHistory = append(d.StageHistory, sp.StageChange{At: d.Closed, Stage: d.Stage})
		}
		if v := r.get("close_value"); v != "" {
			if d.Amount, err = sp.ParseAmount(v, "USD"); err != nil {
				errs = append(errs, r.fail("close_value", err))
			}
		}
		deals = append(deals, d)
	}
	teams, err := readCSV(filepath.Join(dir, "sales_teams.csv"), "sales_agent", "manager", "regional_office")
	if err != nil {
		return nil, nil, err
	}
	var ms []sp.Membership
	for _, r := range teams.rows {
		ms = append(ms, sp.Membership{Person: r.get("sales_agent"), Manager: r.get("manager"),
			Team: r.get("manager"), Region: r.get("regional_office")})
	}
	return deals, ms, errors.Join(errs...)
}

type csvFile struct {
	name string
	rows []csvRow
}

type csvRow struct {
	file   string
	line   int
	cols   map[string]int
	fields []string
}

func (r csvRow) get(col string) string { return r.fields[r.cols[col]] }

func (r csvRow) fail(col string, err error) error {
	return fmt.Errorf("%s:%d: %s: %w", r.file, r.line, col, err)
}

// date parses a YYYY-MM-DD column as midnight UTC; empty is the zero time.
func (r csvRow) date(col string) (time.Time, error) {
	v := r.get(col)
	if v == "" {
		return time.Time{}, nil
	}
	d, err := sp.ParseDate(v)
	if err != nil {
		return time.Time{}, r.fail(col, err)
	}
	return d.In(time.UTC), nil
}

// readCSV reads a CSV file with a header naming at least the wanted
// columns; LF or CRLF line endings.
func readCSV(path string, want ...string) (*csvFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	cols := map[string]int{}
	for i, h := range header {
		cols[h] = i
	}
	for _, w := range want {
		if _, ok := cols[w]; !ok {
			return nil, fmt.Errorf("%s: no column %q in header %v", path, w, header)
		}
	}
	out := &csvFile{name: path}
	for {
		fields, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := cr.FieldPos(0)
		out.rows = append(out.rows, csvRow{file: filepath.Base(path), line: line, cols: cols, fields: slices.Clone(fields)})
	}
	return out, nil
}
