package report_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/report"
	"github.com/salesperf/salesperf/segment"
	"github.com/shopspring/decimal"
)

var asOf = time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC)

func daysAgo(n int) time.Time { return asOf.AddDate(0, 0, -n) }

func cells(t report.Table) string {
	var b bytes.Buffer
	t.WriteText(&b)
	return b.String()
}

func TestLostReasons(t *testing.T) {
	usd := sp.MustParseMoney
	deals := []sp.Deal{
		{ID: "A", Owner: "ann", Status: sp.Lost, LostReason: "Price", Amount: usd("100.00 USD")},
		{ID: "B", Owner: "ann", Status: sp.Lost, LostReason: "Price", Amount: usd("200.00 USD")},
		{ID: "C", Owner: "ann", Status: sp.Lost, LostReason: "Competitor", Amount: usd("50.00 USD")},
		{ID: "D", Owner: "bob", Status: sp.Lost, Amount: usd("10.00 USD")},
		{ID: "E", Owner: "ann", Status: sp.Won, Amount: usd("999.00 USD")},
	}
	r := report.LostReasonsBy(metrics.Refs(deals), segment.Owner, "rep")
	want := "Lost reasons by rep\n" +
		"rep  reason      deals   share      amount\n" +
		"ann  Price           2   66.7%  300.00 USD\n" +
		"ann  Competitor      1   33.3%   50.00 USD\n" +
		"bob  (none)          1  100.0%   10.00 USD\n"
	if diff := cmp.Diff(want, cells(r.Table())); diff != "" {
		t.Errorf("lost reasons by rep (-want +got):\n%s", diff)
	}
	all := report.LostReasonsBy(metrics.Refs(deals), nil, "")
	if got := all.Rows[0]; got.Reason != "Price" || got.Share != (metrics.Rate{Num: 2, Den: 4}) {
		t.Errorf("first row of the whole team = %+v, want Price 2/4", got)
	}
}

func TestLostAtStage(t *testing.T) {
	d := sp.Deal{Status: sp.Lost, Stage: "Lost", StageHistory: []sp.StageChange{{Stage: "Lead"}, {Stage: "Demo"}, {Stage: "Lost"}}}
	if got := segment.LostAtStage(&d); got != "Demo" {
		t.Errorf("LostAtStage = %q, want Demo", got)
	}
	d.StageHistory = nil
	if got := segment.LostAtStage(&d); got != "" {
		t.Errorf("LostAtStage without history = %q, want \"\"", got)
	}
}

func TestPipelineByStage(t *testing.T) {
	ps := sp.Pipelines{{Name: "new", Stages: []sp.Stage{
		{Name: "Lead", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.1")},
		{Name: "Demo", Kind: sp.OpenStage, Probability: decimal.RequireFromString("0.3")},
		{Name: "Won", Kind: sp.WonStage, Probability: decimal.NewFromInt(1)},
	}}}
	usd := sp.MustParseMoney
	deals := []sp.Deal{
		{ID: "1", Pipeline: "new", Stage: "Lead", Status: sp.Open, Amount: usd("1000.00 USD"), Created: daysAgo(10)},
		{ID: "2", Pipeline: "new", Stage: "Demo", Status: sp.Open, Amount: usd("333.33 USD"), Created: daysAgo(5)},
		{ID: "3", Pipeline: "new", Stage: "Demo", Status: sp.Open, Amount: usd("10.00 USD"), Created: daysAgo(30)},
		{ID: "4", Pipeline: "new", Stage: "Nope", Status: sp.Open, Amount: usd("1.00 USD"), Created: daysAgo(1)},
		{ID: "5", Pipeline: "renewal", Stage: "Due", Status: sp.Open, Created: daysAgo(1)},
		{ID: "6", Pipeline: "new", Stage: "Won", Status: sp.Won, Amount: usd("5.00 USD"), Created: daysAgo(9), Closed: daysAgo(1)},
	}
	acts := []sp.Activity{
		{Deal: "1", At: daysAgo(20)},         // deal 1: last touched 20 days ago: idle
		{Deal: "3", At: asOf.Add(time.Hour)}, // deal 3: quiet for 30 days, but a meeting is booked
	}
	touches := report.Touches(metrics.Refs(acts), asOf)
	reps, other := report.PipelineByStage(ps, metrics.Refs(deals), touches, report.PipelineConfig{AsOf: asOf})
	if other != 1 || reps[0].UnknownStage != 1 {
		t.Errorf("other pipeline %d (want 1), unknown stage %d (want 1)", other, reps[0].UnknownStage)
	}
	// Weighted: 1000.00 × 0.1 = 100.00; 333.33 × 0.3 = 99.999 → 100.00; 10.00 × 0.3 = 3.00.
	// Ages: 10; 5 and 30 (mean 17.5); all 15.0.
	want := "Open pipeline by stage: new\n" +
		"stage  probability  deals       amount    weighted  avg age (days)  idle\n" +
		"Lead           0.1      1  1000.00 USD  100.00 USD            10.0     1\n" +
		"Demo           0.3      2   343.33 USD  103.00 USD            17.5     0\n" +
		"total                   3  1343.33 USD  203.00 USD            15.0     1\n" +
		"  1 open deals in a stage this pipeline does not define as open are not placed\n"
	if diff := cmp.Diff(want, cells(reps[0].Table())); diff != "" {
		t.Errorf("pipeline by stage (-want +got):\n%s", diff)
	}
}

func TestRevenueTrend(t *testing.T) {
	won := func(m time.Month, amount string) sp.Deal {
		return sp.Deal{Status: sp.Won, Amount: sp.MustParseMoney(amount), Closed: time.Date(2026, m, 10, 0, 0, 0, 0, time.UTC)}
	}
	deals := []sp.Deal{
		won(1, "100.00 USD"), won(1, "100.00 USD"), // Jan: 2 deals, 200.00
		won(2, "50.00 USD"), won(2, "50.00 USD"), won(2, "50.00 USD"), won(2, "50.00 USD"), // Feb: 4 deals, 200.00
		// Apr: 3 deals, 100.00 (March: none)
		won(4, "33.34 USD"), won(4, "33.33 USD"), won(4, "33.33 USD"),
		won(5, "40.00 USD"), won(5, "40.00 USD"), won(5, "40.00 USD"), won(5, "30.00 USD"), // May: 4 deals, 150.00
	}
	rows, err := report.RevenueTrend(metrics.Refs(deals), sp.Calendar{}, sp.Month, sp.RoundHalfEven)
	if err != nil {
		t.Fatal(err)
	}
	// Feb: more deals, same revenue: count effect (4−2) × 200/2 = +200.00, size −200.00.
	// Mar: nothing won: count effect (0−4) × 200/4 = −200.00, size 0.
	// Apr: previous won nothing: the whole +100.00 is count effect.
	// May: +50.00; count effect (4−3) × 100/3 = 33.333… → 33.33; size 16.67.
	want := [][3]string{{"", "", ""}, {"0.00", "200.00", "-200.00"}, {"-200.00", "-200.00", "0.00"},
		{"100.00", "100.00", "0.00"}, {"50.00", "33.33", "16.67"}}
	var got [][3]string
	for _, r := range rows {
		if !r.HasChange {
			got = append(got, [3]string{})
			continue
		}
		got = append(got, [3]string{r.Change.Amount(), r.CountEffect.Amount(), r.SizeEffect.Amount()})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("change, count effect, size effect (-want +got):\n%s", diff)
	}
	mixed := append(deals, won(5, "1.00 EUR"))
	if _, err := report.RevenueTrend(metrics.Refs(mixed), sp.Calendar{}, sp.Month, sp.RoundHalfEven); err == nil {
		t.Error("mixed currencies: no error")
	}
}

func TestTrend(t *testing.T) {
	cal := sp.Calendar{}
	jan := cal.PeriodOfDate(sp.Date{Year: 2026, Month: 1, Day: 1}, sp.Month)
	ps := []sp.Period{jan, cal.Next(jan), cal.Next(cal.Next(jan)), cal.Next(cal.Next(cal.Next(jan)))}
	vals := map[sp.Period]string{ps[0]: "0.25", ps[1]: "0.30", ps[3]: "0.10"} // March has no value
	rows := report.Trend(ps, func(p sp.Period) (decimal.Decimal, bool) {
		v, ok := vals[p]
		if !ok {
			return decimal.Zero, false
		}
		return decimal.RequireFromString(v), true
	})
	// Feb: +0.05, relative 0.05 / 0.25 = 0.2; Mar: no value; Apr: no previous value.
	if !rows[1].HasChange || rows[1].Change.String() != "0.05" || rows[1].Relative.String() != "0.2" {
		t.Errorf("February = %+v, want change 0.05, relative 0.2", rows[1])
	}
	if rows[2].Has || rows[2].HasChange || rows[3].HasChange {
		t.Errorf("a period without a value, and the one after it, have no change: %+v %+v", rows[2], rows[3])
	}
}

func TestDealRisks(t *testing.T) {
	usd := sp.MustParseMoney
	slipping := []sp.ExpectedCloseChange{
		{At: daysAgo(40), ExpectedClose: sp.Date{Year: 2026, Month: 2, Day: 28}},
		{At: daysAgo(30), ExpectedClose: sp.Date{Year: 2026, Month: 3, Day: 15}},
		{At: daysAgo(10), ExpectedClose: sp.Date{Year: 2026, Month: 4, Day: 30}},
	}
	deals := []sp.Deal{
		{ID: "r1", Owner: "ann", Stage: "Demo", Status: sp.Open, Amount: usd("3000.00 USD"), Created: daysAgo(40), ExpectedCloseHistory: slipping},
		{ID: "r2", Owner: "bob", Stage: "Demo", Status: sp.Open, Amount: usd("500.00 USD"), Created: daysAgo(10)},
		{ID: "r3", Owner: "cy", Stage: "Lead", Status: sp.Open, Amount: usd("100.00 EUR"), Created: daysAgo(31)},
		{ID: "r4", Owner: "cy", Stage: "Won", Status: sp.Won, Amount: usd("9.00 USD"), Created: daysAgo(31), Closed: daysAgo(1)},
	}
	acts := []sp.Activity{
		{Deal: "r1", At: daysAgo(20)},
		{Deal: "r2", At: daysAgo(1)},
		{Deal: "r3", At: asOf.AddDate(0, 0, 2)},
	}
	avg := metrics.Average{N: 2}
	avg.Total.Add(usd("2000.00 USD")) // average won deal 1000.00
	typical := metrics.Summary{N: 10, P90: 30}
	risks := report.DealRisks(metrics.Refs(deals), avg, typical, report.Touches(metrics.Refs(acts), asOf), report.RiskConfig{AsOf: asOf})
	type got struct {
		ID, Ratio  string
		Age, Since int64
		Sched      bool
		Slips      int
		Flags      string
	}
	var g []got
	for _, r := range risks {
		g = append(g, got{r.Deal.ID, r.AmountRatio.StringFixed(2), r.AgeDays, r.SinceTouch, r.Scheduled, r.SlippedTimes, strings.Join(r.Flags, ",")})
	}
	want := []got{
		{"r1", "3.00", 40, 20, false, 2, "large,old,stalled,slipping"},
		{"r3", "0.00", 31, 31, true, 0, "old"}, // EUR: not compared with a USD average; a call is booked: not stalled
		{"r2", "0.50", 10, 1, false, 0, ""},
	}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("risks (-want +got):\n%s", diff)
	}
}
