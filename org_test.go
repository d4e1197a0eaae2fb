package salesperf_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
)

func day(y, m, d int) sp.Date { return sp.Date{Year: y, Month: time.Month(m), Day: d} }

func TestOrgOn(t *testing.T) {
	org, err := sp.NewOrg([]sp.Membership{
		{Person: "ann", Manager: "mo", Team: "east", Region: "emea", Until: day(2026, 3, 1)},
		{Person: "ann", Manager: "max", Team: "west", Region: "amer", From: day(2026, 3, 1)},
		{Person: "bob", Manager: "mo", Team: "east", Region: "emea", From: day(2026, 2, 1), Until: day(2026, 4, 1)},
		{Person: "mo", Manager: "vp", Team: "east"},
		{Person: "max", Manager: "vp", Team: "west"},
		{Person: "vp"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		person string
		on     sp.Date
		want   string // manager/team/region, or "none"
	}{
		{"ann", day(2020, 1, 1), "mo/east/emea"},
		{"ann", day(2026, 2, 28), "mo/east/emea"},
		{"ann", day(2026, 3, 1), "max/west/amer"}, // From is inclusive, Until exclusive
		{"ann", day(2026, 3, 14), "max/west/amer"},
		{"bob", day(2026, 1, 31), "none"},
		{"bob", day(2026, 2, 1), "mo/east/emea"},
		{"bob", day(2026, 3, 31), "mo/east/emea"},
		{"bob", day(2026, 4, 1), "none"},
		{"zed", day(2026, 3, 1), "none"},
	}
	for _, tt := range tests {
		got := "none"
		if m, ok := org.On(tt.person, tt.on); ok {
			got = m.Manager + "/" + m.Team + "/" + m.Region
		}
		if got != tt.want {
			t.Errorf("On(%s, %v) = %s, want %s", tt.person, tt.on, got, tt.want)
		}
	}
	if diff := cmp.Diff([]string{"max", "vp"}, org.Chain("ann", day(2026, 3, 14))); diff != "" {
		t.Errorf("Chain (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"ann", "bob"}, org.Reports("mo", day(2026, 2, 15))); diff != "" {
		t.Errorf("Reports(mo, 15 Feb) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"bob"}, org.Reports("mo", day(2026, 3, 15))); diff != "" {
		t.Errorf("Reports(mo, 15 Mar) (-want +got):\n%s", diff)
	}
	var zero *sp.Org
	if _, ok := zero.On("ann", day(2026, 1, 1)); ok {
		t.Error("nil Org found a membership")
	}
}

func TestNewOrgErrors(t *testing.T) {
	_, err := sp.NewOrg([]sp.Membership{
		{Team: "east"},
		{Person: "ann", From: day(2026, 3, 1), Until: day(2026, 3, 1)},
		{Person: "bob"},
		{Person: "bob", From: day(2026, 1, 1)},
	})
	want := []string{
		`salesperf: membership "": person: missing id`,
		"salesperf: membership ann: until: invalid period: until 2026-03-01 is not after from 2026-03-01",
		"salesperf: membership bob: from: invalid period: membership from 2026-01-01 overlaps the one from the start",
	}
	if diff := cmp.Diff(want, messages(err)); diff != "" {
		t.Errorf("NewOrg (-want +got):\n%s", diff)
	}
	if !errors.Is(err, sp.ErrInvalidPeriod) || !errors.Is(err, sp.ErrMissingID) {
		t.Errorf("errors.Is: want ErrInvalidPeriod and ErrMissingID in %v", err)
	}
}

func TestSubscriptionARR(t *testing.T) {
	s := sp.Subscription{ID: "s1", Customer: "acme", Amount: sp.MustParseMoney("100.00 USD"), BillingMonths: 1,
		Start: day(2026, 1, 15), End: day(2027, 1, 15),
		Changes: []sp.SubscriptionChange{{From: day(2026, 6, 1), Amount: sp.MustParseMoney("150.00 USD")}, {From: day(2026, 9, 1), Amount: sp.MustParseMoney("120.00 USD")}}}
	tests := []struct {
		on   sp.Date
		want string
	}{
		{day(2026, 1, 14), "0.00 USD"},
		{day(2026, 1, 15), "1200.00 USD"},
		{day(2026, 5, 31), "1200.00 USD"},
		{day(2026, 6, 1), "1800.00 USD"},
		{day(2026, 12, 31), "1440.00 USD"},
		{day(2027, 1, 15), "0.00 USD"},
	}
	for _, tt := range tests {
		if got := s.ARROn(tt.on, sp.RoundHalfEven).String(); got != tt.want {
			t.Errorf("ARROn(%v) = %s, want %s", tt.on, got, tt.want)
		}
	}
	// 100.00 every 5 months: 100 × 12 / 5 = 240.00; 100.01 × 12 / 5 = 240.024 → 240.02.
	odd := sp.Subscription{Amount: sp.MustParseMoney("100.01 USD"), BillingMonths: 5, Start: day(2026, 1, 1)}
	if got := odd.ARROn(day(2026, 2, 1), sp.RoundHalfEven).String(); got != "240.02 USD" {
		t.Errorf("ARROn every 5 months = %s, want 240.02 USD", got)
	}
	annual := sp.Subscription{Amount: sp.MustParseMoney("5000 JPY"), Start: day(2026, 1, 1)}
	if got := annual.ARROn(day(2026, 2, 1), sp.RoundHalfEven).String(); got != "5000 JPY" {
		t.Errorf("ARROn annual = %s, want 5000 JPY", got)
	}
}
