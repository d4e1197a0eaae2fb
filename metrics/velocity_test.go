package metrics_test

import (
	"testing"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/lawkit"
	"github.com/salesperf/salesperf/metrics"
	"pgregory.net/rapid"
)

// velocityDeals: 3 open; won 10000.00 in 10 days and 5000.00 in 20 days;
// 1 lost. Win rate 2/3, average deal 7500.00, mean cycle 15 days:
// velocity = 3 × 2/3 × 7500.00 / 15 = 1000.00 per day.
func velocityDeals() []sp.Deal {
	usd := sp.MustParseMoney
	return []sp.Deal{
		{Status: sp.Open, Amount: usd("1.00 USD"), Created: day(2026, 3, 1)},
		{Status: sp.Open, Amount: usd("2.00 USD"), Created: day(2026, 3, 1)},
		{Status: sp.Open, Created: day(2026, 3, 1)},
		{Status: sp.Won, Amount: usd("10000.00 USD"), Created: day(2026, 3, 1), Closed: day(2026, 3, 11)},
		{Status: sp.Won, Amount: usd("5000.00 USD"), Created: day(2026, 3, 1), Closed: day(2026, 3, 21)},
		{Status: sp.Lost, Amount: usd("900.00 USD"), Created: day(2026, 3, 1), Closed: day(2026, 3, 2)},
	}
}

func TestPipelineVelocity(t *testing.T) {
	v := metrics.PipelineVelocity(nil).Compute(metrics.Refs(velocityDeals()))
	per, ok, err := v.PerDay(sp.RoundHalfEven)
	if err != nil || !ok || per.String() != "1000.00 USD" {
		t.Errorf("PerDay = %v %v %v, want 1000.00 USD", per, ok, err)
	}
	want := "1000.00 USD per day (open 3, win rate 66.7% (2/3), average deal 7500.00 USD, cycle 15.0 days)"
	if got := v.String(); got != want {
		t.Errorf("String = %q\nwant %q", got, want)
	}
	// 1 open, won 100.00 in 3 days, 2 lost: 1 × 100.00 × 1 / (3 × 3) = 11.111… → 11.11.
	usd := sp.MustParseMoney
	small := []sp.Deal{
		{Status: sp.Open, Created: day(2026, 3, 1)},
		{Status: sp.Won, Amount: usd("100.00 USD"), Created: day(2026, 3, 1), Closed: day(2026, 3, 4)},
		{Status: sp.Lost, Created: day(2026, 3, 1), Closed: day(2026, 3, 4)},
		{Status: sp.Lost, Created: day(2026, 3, 1), Closed: day(2026, 3, 4)},
	}
	if per, _, _ := metrics.PipelineVelocity(nil).Compute(metrics.Refs(small)).PerDay(sp.RoundHalfEven); per.String() != "11.11 USD" {
		t.Errorf("PerDay = %v, want 11.11 USD", per)
	}
	// Nothing won: no velocity.
	if _, ok, _ := metrics.PipelineVelocity(nil).Compute(metrics.Refs(small[:1])).PerDay(sp.RoundHalfEven); ok {
		t.Error("velocity with nothing won has a value")
	}
}

// coverageDeals for March 2026: open 45000.00 expected 20 March (in),
// open 10000.00 expected 2 April (out), open 5000.00 with no expected date
// (out); won 20000.00 on 10 March (in), 7000.00 on 27 February (out).
func coverageDeals() []sp.Deal {
	usd := sp.MustParseMoney
	return []sp.Deal{
		{Status: sp.Open, Amount: usd("45000.00 USD"), ExpectedClose: sp.Date{Year: 2026, Month: 3, Day: 20}},
		{Status: sp.Open, Amount: usd("10000.00 USD"), ExpectedClose: sp.Date{Year: 2026, Month: 4, Day: 2}},
		{Status: sp.Open, Amount: usd("5000.00 USD")},
		{Status: sp.Won, Amount: usd("20000.00 USD"), Closed: day(2026, 3, 10)},
		{Status: sp.Won, Amount: usd("7000.00 USD"), Closed: day(2026, 2, 27)},
	}
}

func TestPipelineCoverage(t *testing.T) {
	march, april := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	c := metrics.PipelineCoverage(march, april, nil).Compute(metrics.Refs(coverageDeals()))
	tests := []struct {
		target, want string
		ok           bool
		reason       string
	}{
		{"50000.00 USD", "1.50", true, "45000 / (50000 − 20000)"},
		{"65000.00 USD", "1.00", true, "45000 / 45000"},
		{"200000.00 USD", "0.25", true, "45000 / 180000"},
		{"20000.00 USD", "0.00", false, "target reached: no remaining target"},
	}
	for _, tt := range tests {
		got, ok, err := c.Of(sp.MustParseMoney(tt.target), 2, sp.RoundHalfEven)
		if err != nil || ok != tt.ok || got.StringFixed(2) != tt.want {
			t.Errorf("%s: Of(%s) = %s %v %v, want %s %v", tt.reason, tt.target, got.StringFixed(2), ok, err, tt.want, tt.ok)
		}
	}
	if rem, _ := c.Remaining(sp.MustParseMoney("50000.00 USD")); rem.String() != "30000.00 USD" {
		t.Errorf("Remaining = %v, want 30000.00 USD", rem)
	}
	if _, _, err := c.Of(sp.MustParseMoney("50000.00 EUR"), 2, sp.RoundHalfEven); err == nil {
		t.Error("a EUR target against USD pipeline: no error")
	}
}

func TestLawsVelocityCoverage(t *testing.T) {
	march, april := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	t.Run("PipelineVelocity", func(t *testing.T) {
		lawkit.Check(t, metrics.PipelineVelocity(nil), lawkit.Deal(), lawkit.Options[metrics.VelocityState]{})
	})
	t.Run("PipelineCoverage", func(t *testing.T) {
		lawkit.Check(t, metrics.PipelineCoverage(march, april, nil), lawkit.Deal(), lawkit.Options[metrics.CoverageState]{})
	})
	t.Run("PipelineVelocity/loc", func(t *testing.T) {
		lawkit.Check(t, metrics.PipelineVelocity(time.FixedZone("UTC-5", -5*3600)), lawkit.Deal(),
			lawkit.Options[metrics.VelocityState]{})
	})
	// Expected close dates around the period's bounds, in zones where
	// the day the bound falls on, or the one next to it, has no midnight
	// (Havana jumps from 00:00 to 01:00 on 8 March 2026) or starts twice,
	// and bounds that are not midnights.
	havana, err := time.LoadLocation("America/Havana")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	for _, c := range []struct {
		name     string
		from, to time.Time
		loc      *time.Location
	}{
		{"month", march, april, nil},
		{"Havana", time.Date(2026, 3, 8, 1, 0, 0, 0, havana), time.Date(2026, 3, 10, 0, 0, 0, 0, havana), havana},
		{"Havana/not midnight", time.Date(2026, 3, 7, 23, 30, 0, 0, havana), time.Date(2026, 3, 9, 0, 0, 1, 0, havana), havana},
		{"Tokyo bounds, UTC days", time.Date(2026, 3, 1, 0, 0, 0, 0, tokyo), time.Date(2026, 3, 4, 0, 0, 0, 0, tokyo), nil},
		{"empty", april, march, havana},
		{"from the zero time", time.Time{}, march, havana},
	} {
		t.Run("PipelineCoverage/"+c.name, func(t *testing.T) {
			lawkit.Check(t, metrics.PipelineCoverage(c.from, c.to, c.loc), expectingDeal(c.from, c.to),
				lawkit.Options[metrics.CoverageState]{})
		})
	}
}

// tokyo is UTC+9, without daylight saving.
var tokyo = time.FixedZone("UTC+9", 9*3600)

// expectingDeal draws the law kit's deals with, mostly, an expected close
// date within three days of the dates of from or to (in UTC), and some
// with none.
func expectingDeal(from, to time.Time) *rapid.Generator[*sp.Deal] {
	return rapid.Custom(func(t *rapid.T) *sp.Deal {
		d := lawkit.Deal().Draw(t, "deal")
		around := rapid.SampledFrom([]time.Time{from, to}).Draw(t, "around")
		if around.IsZero() {
			around = to
		}
		switch rapid.IntRange(0, 4).Draw(t, "expected") {
		case 0:
			d.ExpectedClose = sp.Date{}
		default:
			d.ExpectedClose = sp.DateOf(around.UTC()).AddDays(rapid.IntRange(-3, 3).Draw(t, "days"))
		}
		return d
	})
}
