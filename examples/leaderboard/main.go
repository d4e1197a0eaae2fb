// Command leaderboard prints the leaderboards of the sample organisation
// for the last complete fiscal quarter as of the sample's now: reps ranked
// by win rate, with 95% Wilson intervals and the win rate shrunk toward
// the team's (so a rep with 2 wins out of 2 does not top a rep with 45 out
// of 60), ranked both ways; reps ranked by won amount in USD; and the
// managers' teams ranked by win rate.
//
//	go run ./examples/leaderboard
//
// Cohort: the deals closed (won or lost) in the quarter; win rate = won /
// (won + lost). A rep with fewer than 10 closed deals is listed but not
// ranked ("–"). The shrunk rate is (won + α) / (closed + α + β), with the
// prior Beta(α, β) estimated from all the reps by the beta-binomial method
// of moments (see segment.Leaderboard). A deal is credited to the manager
// the rep reported to on its close date. Amounts are in USD: each deal's
// amount is converted at the EUR→USD rate of its close date, rounded half
// to even to the cent. Records that fail validation are left out and
// counted at the end.
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/examples/internal/prep"
	"github.com/salesperf/salesperf/internal/sampledata"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
	"github.com/salesperf/salesperf/segment"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "leaderboard:", err)
		os.Exit(1)
	}
}

const (
	currency sp.Currency = "USD"
	minN                 = 10 // closed deals a rep needs to be ranked by win rate
)

func run(w io.Writer) error {
	s, err := sampledata.Load()
	if err != nil {
		return err
	}
	cal := s.Calendar
	q := cal.Prev(cal.PeriodOf(s.AsOf, sp.Quarter))
	start, end := cal.Bounds(q)

	valid := prep.Valid(s)
	deals, err := prep.InCurrency(valid.Deals, s.Rates, currency)
	if err != nil {
		return err
	}
	closedIn := func(d *sp.Deal) bool { return !d.Closed.IsZero() && !d.Closed.Before(start) && d.Closed.Before(end) }
	all := metrics.Refs(deals)
	winRate := metrics.Where(metrics.WinRate(), closedIn)

	fmt.Fprintf(w, "Leaderboards %s (%s – %s): deals closed in the quarter\n\n", q, q.Start, q.End.AddDays(-1))

	reps := segment.Leaderboard(segment.By(all, segment.Owner, winRate),
		segment.BoardOptions[string]{MinN: minN, All: s.Reps})
	if err := board("Reps by win rate", "rep", reps).WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w)

	won, err := segment.RankAmounts(segment.By(all, segment.Owner, metrics.Where(metrics.WonAmount(), closedIn)),
		segment.RankOptions[string, sp.Sum]{All: s.Reps})
	if err != nil {
		return err
	}
	amounts := report.Table{Title: "Reps by won amount (" + string(currency) + ")", Header: []string{"rank", "rep", "won amount"}, Left: 2}
	for _, r := range won {
		v := r.Value
		amounts.Rows = append(amounts.Rows, []string{rank(r.Rank), r.Key, v.Of(currency).Amount()})
	}
	if err := amounts.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w)

	managers := segment.Leaderboard(segment.By(all, segment.Manager(s.Org, cal.Location, segment.ByClosed), winRate),
		segment.BoardOptions[string]{MinN: minN, All: s.Managers})
	if err := board("Managers' teams by win rate", "manager", managers).WriteText(w); err != nil {
		return err
	}

	rejected := valid.Rejected()
	total := 0
	for _, n := range rejected {
		total += n
	}
	fmt.Fprintf(w, "\nLeft out (failed validation): %d records\n", total)
	for _, line := range prep.Lines(rejected) {
		fmt.Fprintf(w, "  %s\n", line)
	}
	return nil
}

// board returns a leaderboard as a text table, ranked by the shrunk rate,
// with the raw rank beside it and the team rate and prior under it.
func board(title, who string, b segment.Board[string]) report.Table {
	t := report.Table{
		Title:  title,
		Header: []string{"rank", who, "win rate", "95% interval (" + b.Interval.String() + ")", "shrunk", "raw rank"},
		Left:   2,
	}
	for _, r := range b.Rows {
		interval, shrunk := "–", "–"
		if r.OK {
			interval = fmt.Sprintf("%.1f%% – %.1f%%", 100*r.Lo, 100*r.Hi)
			shrunk = fmt.Sprintf("%.1f%%", 100*r.Shrunk)
		}
		t.Rows = append(t.Rows, []string{rank(r.ShrunkRank), fmt.Sprint(r.Key), r.Rate.String(), interval, shrunk, rank(r.RateRank)})
	}
	prior := fmt.Sprintf("prior Beta(α = %.2f, β = %.2f), as %.1f deals of the team's", b.Prior.Alpha, b.Prior.Beta, b.Prior.Alpha+b.Prior.Beta)
	if b.Fallback {
		prior += " (fallback: strength = the median closed deals)"
	}
	t.Notes = []string{
		"team win rate " + b.Team.String() + "; " + prior,
		fmt.Sprintf("shrunk = (won + α) / (closed + α + β); fewer than %d closed deals: not ranked (–)", minN),
	}
	return t
}

func rank(r int) string {
	if r == 0 {
		return "–"
	}
	return strconv.Itoa(r)
}
