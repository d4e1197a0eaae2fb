package csvimport_test

import (
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/csvimport"
)

// check compares the records and rejected messages of one file.
func check[T any](t *testing.T, m csvimport.Mapping, read func(*csvimport.Reader, *strings.Reader) (iter.Seq[T], error), input string, want []T, wantErr []string) {
	t.Helper()
	r := &csvimport.Reader{Mapping: m}
	got, rejected := collect(t, r, func(r *csvimport.Reader) (iter.Seq[T], error) { return read(r, strings.NewReader(input)) })
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantErr, rejected); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
}

func TestActivities(t *testing.T) {
	m := csvimport.Mapping{
		Activities: csvimport.ActivityColumns{ID: "id", Rep: "rep", Deal: "deal", Lead: "lead", Kind: "type",
			At: "when", Duration: "minutes", Category: "category", Outcome: "outcome"},
		Kinds:      map[string]sp.ActivityKind{"Phone": sp.Call},
		Categories: map[string]sp.TimeCategory{"admin": sp.DataEntry},
	}
	read := func(r *csvimport.Reader, s *strings.Reader) (iter.Seq[sp.Activity], error) { return r.Activities(s) }
	input := "id,rep,deal,lead,type,when,minutes,category,outcome\n" +
		"a1,ana,d1,,phone,2026-03-02 09:00:00,15,prospecting,connected\n" +
		"a2,ana,,l1,Meeting_Held,2026-03-02T10:00:00Z,1:30,Presenting,\n" +
		"a3,bo,,,email,2026-03-02,1h5m,admin,\n" +
		"a4,bo,,,email,2026-03-02,0.5,,\n" +
		"a5,bo,,,fax,2026-03-02,,,\n" +
		"a6,bo,,,call,,-5,,\n" +
		"a7,bo,,,call,2026-03-02,soon,golf,\n" +
		"a8,,,,call,2026-03-02,,,\n"
	want := []sp.Activity{
		{ID: "a1", Rep: "ana", Deal: "d1", Kind: sp.Call, At: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), Duration: 15 * time.Minute, Category: sp.Prospecting, Outcome: "connected"},
		{ID: "a2", Rep: "ana", Lead: "l1", Kind: sp.MeetingHeld, At: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), Duration: 90 * time.Minute, Category: sp.Presenting},
		{ID: "a3", Rep: "bo", Kind: sp.Email, At: day(2026, 3, 2), Duration: 65 * time.Minute, Category: sp.DataEntry},
		{ID: "a4", Rep: "bo", Kind: sp.Email, At: day(2026, 3, 2), Duration: 30 * time.Second},
	}
	wantErr := []string{
		`salesperf: activity a5: type: unknown kind: "fax" (line 6)`,
		`salesperf: activity a6: when: missing date (line 7)` + "\n" + `salesperf: activity a6: minutes: negative duration: -5m0s (line 7)`,
		`salesperf: activity a7: minutes: invalid syntax: "soon" (line 8)` + "\n" + `salesperf: activity a7: category: unknown kind: "golf" (line 8)`,
		`salesperf: activity a8: rep: missing owner (line 9)`,
	}
	check(t, m, read, input, want, wantErr)
}

func TestLeads(t *testing.T) {
	m := csvimport.Mapping{Leads: csvimport.LeadColumns{ID: "id", Source: "source", Owner: "owner", Created: "created",
		FirstTouch: "touched", ConvertedDeal: "deal", Converted: "converted", Disqualified: "dq", DisqualifyReason: "why"}}
	read := func(r *csvimport.Reader, s *strings.Reader) (iter.Seq[sp.Lead], error) { return r.Leads(s) }
	input := "id,source,owner,created,touched,deal,converted,dq,why\n" +
		"l1,web,ana,2026-03-02 09:00:00,2026-03-02 09:20:00,d1,2026-03-10,,\n" +
		"l2,webinar,bo,2026-03-02,,,,2026-03-05,no budget\n" +
		"l3,web,ana,2026-03-02 09:00:00,2026-03-01,,,,\n" +
		"l4,web,ana,,,,,,\n" +
		"l5,web,ana,yesterday,,,,,\n"
	want := []sp.Lead{
		{ID: "l1", Source: "web", Owner: "ana", Created: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), FirstTouch: time.Date(2026, 3, 2, 9, 20, 0, 0, time.UTC), ConvertedDeal: "d1", Converted: day(2026, 3, 10)},
		{ID: "l2", Source: "webinar", Owner: "bo", Created: day(2026, 3, 2), Disqualified: day(2026, 3, 5), DisqualifyReason: "no budget"},
	}
	wantErr := []string{
		`salesperf: lead l3: touched: touched before created: touched 2026-03-01T00:00:00Z, created 2026-03-02T09:00:00Z (line 4)`,
		`salesperf: lead l4: created: missing date (line 5)`,
		`salesperf: lead l5: created: invalid syntax: "yesterday" (line 6)`,
	}
	check(t, m, read, input, want, wantErr)
}

func TestTargets(t *testing.T) {
	m := csvimport.Mapping{
		Targets:   csvimport.TargetColumns{Level: "level", Who: "who", Metric: "metric", Activity: "activity", Period: "period", Grain: "grain", Value: "value", Currency: "currency"},
		Calendar:  sp.Calendar{FiscalYearStart: time.February},
		Currency:  "USD",
		Thousands: ',',
	}
	read := func(r *csvimport.Reader, s *strings.Reader) (iter.Seq[sp.Target], error) { return r.Targets(s) }
	cal := m.Calendar
	q1 := cal.PeriodOfDate(sp.Date{Year: 2026, Month: 2, Day: 1}, sp.Quarter)
	mar := cal.PeriodOfDate(sp.Date{Year: 2026, Month: 3, Day: 1}, sp.Month)
	input := "level,who,metric,activity,period,grain,value,currency\n" +
		"rep,ana,won_amount,,2026-02-01,quarter,\"120,000\",\n" +
		"Team,East,New Deals,,2026-03-15,Month,12,\n" +
		"rep,ana,activities,call,2026-03-01,month,300,\n" +
		"org,,new pipeline,,2026-02-01,quarter,50000,EUR\n" +
		"boss,ana,won deals,,2026-02-01,quarter,3,\n" +
		"rep,ana,won deals,,2026-02-01,fortnight,3,\n" +
		"rep,ana,won deals,,2026-02-01,quarter,2.5,\n" +
		"rep,ana,won deals,,2026-02-01,quarter,0,\n" +
		"rep,,quota,,2026-02-01,quarter,1,\n"
	want := []sp.Target{
		{Level: sp.RepLevel, Who: "ana", Metric: sp.TargetWonAmount, Period: q1, Amount: usd("120000")},
		{Level: sp.TeamLevel, Who: "East", Metric: sp.TargetNewDeals, Period: mar, Count: 12},
		{Level: sp.RepLevel, Who: "ana", Metric: sp.TargetActivities, Activity: sp.Call, Period: mar, Count: 300},
		{Level: sp.OrgLevel, Metric: sp.TargetNewPipeline, Period: q1, Amount: sp.MustParseMoney("50000 EUR")},
	}
	wantErr := []string{
		`salesperf: target ana: level: invalid value: level "boss" (line 6)`,
		`salesperf: target ana: grain: invalid syntax: "fortnight" (line 7)`,
		`salesperf: target ana: value: invalid syntax: "2.5" (line 8)`,
		`salesperf: target rep ana won deals FY2027 Q1: value: invalid value: a target of 0 (line 9)`,
		`salesperf: target "": metric: invalid value: metric "quota" (line 10)`,
	}
	check(t, m, read, input, want, wantErr)
}

func TestMemberships(t *testing.T) {
	m := csvimport.Mapping{Memberships: csvimport.MembershipColumns{Person: "person", Manager: "manager", Team: "team", Region: "region", From: "from", Until: "until"}}
	read := func(r *csvimport.Reader, s *strings.Reader) (iter.Seq[sp.Membership], error) { return r.Memberships(s) }
	input := "person,manager,team,region,from,until\r\n" +
		"ana,mia,East,EMEA,,2026-04-01\r\n" +
		"ana,max,West,EMEA,2026-04-01,\r\n" +
		",mia,East,EMEA,,\r\n" +
		"bo,mia,East,EMEA,2026-05-01,2026-04-01\r\n" +
		"cy,mia,East,EMEA,2026-02-30,\r\n"
	want := []sp.Membership{
		{Person: "ana", Manager: "mia", Team: "East", Region: "EMEA", Until: sp.Date{Year: 2026, Month: 4, Day: 1}},
		{Person: "ana", Manager: "max", Team: "West", Region: "EMEA", From: sp.Date{Year: 2026, Month: 4, Day: 1}},
	}
	wantErr := []string{
		`salesperf: membership "": person: missing id (line 4)`,
		`salesperf: membership bo: until: invalid period: until 2026-04-01 is not after from 2026-05-01 (line 5)`,
		`salesperf: membership cy: from: invalid syntax: "2026-02-30" (line 6)`,
	}
	check(t, m, read, input, want, wantErr)
}

func TestSubscriptions(t *testing.T) {
	m := csvimport.Mapping{Subscriptions: csvimport.SubscriptionColumns{ID: "id", Customer: "customer", Amount: "amount",
		Currency: "currency", BillingMonths: "billing", Start: "start", End: "end"}, Currency: "EUR"}
	read := func(r *csvimport.Reader, s *strings.Reader) (iter.Seq[sp.Subscription], error) {
		return r.Subscriptions(s)
	}
	input := "id,customer,amount,currency,billing,start,end\n" +
		"s1,acme,100,USD,monthly,2026-01-01,\n" +
		"s2,acme,1200,,12,2026-01-01,2027-01-01\n" +
		"s3,beta,300,,,2026-01-01,\n" +
		"s4,beta,300,,weekly,2026-01-01,\n" +
		"s5,beta,300,,3,,\n" +
		"s6,beta,,,3,2026-01-01,\n"
	want := []sp.Subscription{
		{ID: "s1", Customer: "acme", Amount: usd("100"), BillingMonths: 1, Start: sp.Date{Year: 2026, Month: 1, Day: 1}},
		{ID: "s2", Customer: "acme", Amount: sp.MustParseMoney("1200 EUR"), BillingMonths: 12, Start: sp.Date{Year: 2026, Month: 1, Day: 1}, End: sp.Date{Year: 2027, Month: 1, Day: 1}},
		{ID: "s3", Customer: "beta", Amount: sp.MustParseMoney("300 EUR"), Start: sp.Date{Year: 2026, Month: 1, Day: 1}},
	}
	wantErr := []string{
		`salesperf: subscription s4: billing: invalid syntax: "weekly" (line 5)`,
		`salesperf: subscription s5: start: missing date (line 6)`,
		`salesperf: subscription s6: amount: invalid value: missing amount (line 7)`,
	}
	check(t, m, read, input, want, wantErr)
}
