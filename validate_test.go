package salesperf_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// okDeal is a valid open deal of pipeline "new".
func okDeal() sp.Deal {
	return sp.Deal{ID: "9", Owner: "ann", Pipeline: "new", Stage: "Demo", Status: sp.Open,
		Amount: sp.MustParseMoney("1000.00 USD"), Created: at("2026-03-02T10:00:00Z")}
}

// messages returns the messages of the problems err joins, in order.
func messages(err error) []string {
	if err == nil {
		return nil
	}
	var out []string
	for _, line := range strings.Split(err.Error(), "\n") {
		out = append(out, line)
	}
	return out
}

func TestValidateDeal(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(d *sp.Deal)
		want   []string
	}{
		{"valid", func(d *sp.Deal) {}, nil},
		{"missing id and owner", func(d *sp.Deal) { d.ID, d.Owner = "", "" }, []string{
			`salesperf: deal "": id: missing id`,
			`salesperf: deal "": owner: missing owner`,
		}},
		// Some exports (Maven CRM's prospecting deals) omit the created
		// date of open deals: allowed for open deals, not for closed ones.
		{"open deal without created date", func(d *sp.Deal) { d.Created = time.Time{} }, nil},
		{"closed deal without created date", func(d *sp.Deal) {
			d.Created, d.Status, d.Stage, d.Closed = time.Time{}, sp.Won, "Won", at("2026-03-05T00:00:00Z")
		}, []string{
			"salesperf: deal 9: created: missing date",
		}},
		{"closed before created", func(d *sp.Deal) {
			d.Status, d.Stage, d.Closed = sp.Won, "Won", at("2026-03-01T10:00:00Z")
		}, []string{
			"salesperf: deal 9: closed: close date before create date: closed 2026-03-01T10:00:00Z, created 2026-03-02T10:00:00Z",
		}},
		{"won without close date", func(d *sp.Deal) { d.Status, d.Stage = sp.Won, "Won" }, []string{
			"salesperf: deal 9: closed: closed deal without close date",
		}},
		{"open with close date", func(d *sp.Deal) { d.Closed = at("2026-03-05T00:00:00Z") }, []string{
			"salesperf: deal 9: closed: open deal with close date: closed 2026-03-05T00:00:00Z",
		}},
		{"zero status", func(d *sp.Deal) { d.Status = 0 }, []string{
			"salesperf: deal 9: status: invalid status: Status(0)",
		}},
		{"negative amount", func(d *sp.Deal) { d.Amount = sp.MustParseMoney("-5.00 USD") }, []string{
			"salesperf: deal 9: amount: negative amount: -5.00 USD",
		}},
		{"precision finer than the currency", func(d *sp.Deal) { d.Amount = sp.MustParseMoney("10.005 USD") }, []string{
			"salesperf: deal 9: amount: precision finer than the currency allows: 10.005 USD has more than 2 decimal places",
		}},
		{"unknown currency", func(d *sp.Deal) { d.Amount = sp.NewMoney(500, "XYZ") }, []string{
			`salesperf: deal 9: amount: unknown currency: "XYZ"`,
		}},
		{"unknown pipeline", func(d *sp.Deal) { d.Pipeline = "partners" }, []string{
			`salesperf: deal 9: pipeline: unknown pipeline: "partners"`,
		}},
		{"unknown stage", func(d *sp.Deal) { d.Stage = "Negotiation" }, []string{
			`salesperf: deal 9: stage: unknown stage: "Negotiation" in pipeline "new"`,
		}},
		{"stage of another pipeline", func(d *sp.Deal) { d.Pipeline = "renewal" }, []string{
			`salesperf: deal 9: stage: unknown stage: "Demo" in pipeline "renewal"`,
		}},
		{"default pipeline is the first", func(d *sp.Deal) { d.Pipeline = "" }, nil},
		{"won deal in an open stage", func(d *sp.Deal) { d.Status, d.Closed = sp.Won, at("2026-03-09T00:00:00Z") }, []string{
			`salesperf: deal 9: status: status contradicts stage: status won in open stage "Demo"`,
		}},
		{"open deal in a lost stage", func(d *sp.Deal) { d.Stage = "Lost" }, []string{
			`salesperf: deal 9: status: status contradicts stage: status open in lost stage "Lost"`,
		}},
		{"invalid category", func(d *sp.Deal) { d.Category = 9 }, []string{
			"salesperf: deal 9: category: invalid value: ForecastCategory(9)",
		}},
		{"history out of order", func(d *sp.Deal) {
			d.StageHistory = []sp.StageChange{{At: at("2026-03-04T00:00:00Z"), Stage: "Lead"}, {At: at("2026-03-03T00:00:00Z"), Stage: "Demo"}}
		}, []string{
			"salesperf: deal 9: stageHistory[1].at: history out of order: 2026-03-03T00:00:00Z is before the previous entry 2026-03-04T00:00:00Z",
		}},
		{"history before created", func(d *sp.Deal) {
			d.StageHistory = []sp.StageChange{{At: at("2026-03-01T00:00:00Z"), Stage: "Demo"}}
		}, []string{
			"salesperf: deal 9: stageHistory[0].at: history out of order: 2026-03-01T00:00:00Z is before created 2026-03-02T10:00:00Z",
		}},
		{"history after close", func(d *sp.Deal) {
			d.Status, d.Stage, d.Closed = sp.Lost, "Lost", at("2026-03-10T00:00:00Z")
			d.AmountHistory = []sp.AmountChange{{At: at("2026-03-11T00:00:00Z"), Amount: d.Amount}}
		}, []string{
			"salesperf: deal 9: amountHistory[0].at: history after close: 2026-03-11T00:00:00Z is after closed 2026-03-10T00:00:00Z",
		}},
		{"history ends elsewhere", func(d *sp.Deal) {
			d.StageHistory = []sp.StageChange{{At: d.Created, Stage: "Proposal"}}
			d.AmountHistory = []sp.AmountChange{{At: d.Created, Amount: sp.MustParseMoney("900.00 USD")}}
		}, []string{
			`salesperf: deal 9: stageHistory: history disagrees with current value: last stage "Proposal", current stage "Demo"`,
			"salesperf: deal 9: amountHistory: history disagrees with current value: last amount 900.00 USD, current amount 1000.00 USD",
		}},
		{"history names an unknown stage", func(d *sp.Deal) {
			d.StageHistory = []sp.StageChange{{At: d.Created, Stage: "Qualify"}, {At: d.Created, Stage: "Demo"}}
		}, []string{
			`salesperf: deal 9: stageHistory[0].stage: unknown stage: "Qualify" in pipeline "new"`,
		}},
		{"many problems at once", func(d *sp.Deal) {
			d.Owner, d.Amount, d.Stage = "", sp.MustParseMoney("-1 JPY"), "Nowhere"
		}, []string{
			"salesperf: deal 9: owner: missing owner",
			"salesperf: deal 9: amount: negative amount: -1 JPY",
			`salesperf: deal 9: stage: unknown stage: "Nowhere" in pipeline "new"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := okDeal()
			tt.mutate(&d)
			err := sp.Validate(&sp.Dataset{Pipelines: testPipes, Deals: []sp.Deal{d}})
			if diff := cmp.Diff(tt.want, messages(err)); diff != "" {
				t.Errorf("Validate (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateErrorsIs(t *testing.T) {
	d := okDeal()
	d.Status, d.Stage, d.Closed = sp.Won, "Won", at("2026-03-01T00:00:00Z")
	err := sp.Validate(&sp.Dataset{Deals: []sp.Deal{d}})
	if !errors.Is(err, sp.ErrCloseBeforeCreate) {
		t.Fatalf("errors.Is(%v, ErrCloseBeforeCreate) = false", err)
	}
	var ve *sp.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("errors.As(*ValidationError) = false for %v", err)
	}
	if diff := cmp.Diff([3]string{"deal", "9", "closed"}, [3]string{ve.Record, ve.ID, ve.Field}); diff != "" {
		t.Errorf("record, id, field (-want +got):\n%s", diff)
	}
}

func TestValidateDataset(t *testing.T) {
	leadCreated := at("2026-03-02T10:00:00Z")
	ds := &sp.Dataset{
		Pipelines: append(append(sp.Pipelines{}, testPipes...), sp.Pipeline{Name: "new", Stages: []sp.Stage{
			{Name: "A", Kind: sp.OpenStage}, {Name: "A", Kind: 0, Probability: decimal.RequireFromString("1.5")},
		}}),
		Deals: []sp.Deal{okDeal(), okDeal()},
		Activities: []sp.Activity{
			{ID: "a1", Rep: "ann", Kind: sp.Call, At: leadCreated.Add(time.Hour), Lead: "L1"},
			{ID: "a1", Rep: "ann", Kind: sp.Email, At: leadCreated.Add(-time.Hour), Lead: "L1"},
			{ID: "a3", Kind: 0, At: leadCreated, Duration: -time.Minute},
			{ID: "a4", Rep: "bob", Kind: sp.CustomKind, At: leadCreated, Category: sp.CustomCategory},
		},
		Leads: []sp.Lead{
			{ID: "L1", Source: "web", Created: leadCreated, FirstTouch: leadCreated.Add(-time.Minute)},
			{ID: "L2", Created: leadCreated, ConvertedDeal: "9", Disqualified: leadCreated.Add(time.Hour),
				Actions: []sp.LeadAction{{At: leadCreated.Add(time.Hour), Name: "demo request"}, {At: leadCreated, Name: "newsletter sign-up"}}},
		},
		Targets: []sp.Target{
			{Level: sp.RepLevel, Who: "ann", Metric: sp.TargetWonAmount, Period: sp.Calendar{}.PeriodOfDate(sp.Date{Year: 2026, Month: 3, Day: 1}, sp.Month), Amount: sp.MustParseMoney("50000.00 USD")},
			{Level: sp.TeamLevel, Metric: sp.TargetWonDeals, Count: 0},
		},
		Memberships: []sp.Membership{
			{Person: "ann", Manager: "mo", Team: "east", From: sp.Date{Year: 2026, Month: 1, Day: 1}},
			{Person: "ann", Manager: "max", Team: "west", From: sp.Date{Year: 2026, Month: 3, Day: 1}},
		},
		Subscriptions: []sp.Subscription{
			{ID: "s1", Customer: "acme", Amount: sp.MustParseMoney("100.00 USD"), BillingMonths: 1,
				Start: sp.Date{Year: 2026, Month: 1, Day: 1}, End: sp.Date{Year: 2025, Month: 1, Day: 1},
				Changes: []sp.SubscriptionChange{{From: sp.Date{Year: 2026, Month: 2, Day: 1}, Amount: sp.MustParseMoney("90.00 EUR")}}},
		},
	}
	want := []string{
		"salesperf: pipeline new: name: duplicate id",
		`salesperf: pipeline new: stages[1].name: duplicate id: stage "A"`,
		"salesperf: pipeline new: stages[1].kind: invalid value: StageKind(0)",
		"salesperf: pipeline new: stages[1].probability: invalid value: 1.5 is outside [0, 1]",
		"salesperf: deal 9: id: duplicate id",
		"salesperf: activity a1: id: duplicate id",
		"salesperf: activity a1: at: touched before created: lead L1 created 2026-03-02T10:00:00Z, touched 2026-03-02T09:00:00Z",
		"salesperf: activity a3: rep: missing owner",
		"salesperf: activity a3: kind: unknown kind: ActivityKind(0)",
		"salesperf: activity a3: duration: negative duration: -1m0s",
		"salesperf: activity a4: customKind: unknown kind: custom kind without a name",
		"salesperf: activity a4: customCategory: unknown kind: custom category without a name",
		"salesperf: lead L1: firstTouch: touched before created: touched 2026-03-02T09:59:00Z, created 2026-03-02T10:00:00Z",
		"salesperf: lead L2: actions[1].at: history out of order: 2026-03-02T10:00:00Z is before the previous action 2026-03-02T11:00:00Z",
		"salesperf: lead L2: disqualified: invalid value: lead both converted and disqualified",
		"salesperf: target team won deals Period(invalid): who: missing id",
		"salesperf: target team won deals Period(invalid): period: invalid period: no period set",
		"salesperf: target team won deals Period(invalid): count: invalid value: a target of 0",
		"salesperf: membership ann: from: invalid period: membership from 2026-03-01 overlaps the one from 2026-01-01",
		"salesperf: subscription s1: end: invalid period: end 2025-01-01 is not after start 2026-01-01",
		"salesperf: subscription s1: changes[0].amount: mixed currencies: EUR in a USD subscription",
		"salesperf: subscription s1: changes[0].from: invalid period: 2026-02-01 is outside the subscription",
	}
	if diff := cmp.Diff(want, messages(sp.Validate(ds))); diff != "" {
		t.Errorf("Validate (-want +got):\n%s", diff)
	}
}

func TestValidatorStream(t *testing.T) {
	good, bad1, bad2 := okDeal(), okDeal(), okDeal()
	good.ID, bad1.ID, bad2.ID = "1", "2", "3"
	bad1.Amount = sp.MustParseMoney("-3.00 USD")
	bad2.Owner, bad2.Stage = "", "Nowhere"
	var rejected []string
	v := sp.Validator{Pipelines: testPipes, Reject: func(r sp.Rejected) {
		rejected = append(rejected, r.Record+" "+r.Value.(*sp.Deal).ID)
	}}
	var kept []string
	for d := range v.Deals(func(yield func(sp.Deal) bool) {
		for _, d := range []sp.Deal{good, bad1, bad2} {
			if !yield(d) {
				return
			}
		}
	}) {
		kept = append(kept, d.ID)
	}
	if diff := cmp.Diff([]string{"1"}, kept); diff != "" {
		t.Errorf("kept (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"deal 2", "deal 3"}, rejected); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
	want := "deal: 3 checked, 2 rejected\n" +
		"  amount: negative amount: 1\n" +
		"  owner: missing owner: 1\n" +
		"  stage: unknown stage: 1\n"
	if diff := cmp.Diff(want, v.Report().String()); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
}

func TestValidatorNilRejectPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic with a nil Reject")
		}
	}()
	var v sp.Validator
	d := okDeal()
	d.ID = ""
	v.Deal(&d)
}

// breakage is one way to break a valid deal and the sentinel it must produce.
type breakage struct {
	name     string
	sentinel error
	field    string
	apply    func(d *sp.Deal)
}

var breakages = []breakage{
	{"no id", sp.ErrMissingID, "id", func(d *sp.Deal) { d.ID = "" }},
	{"no owner", sp.ErrMissingOwner, "owner", func(d *sp.Deal) { d.Owner = "" }},
	{"close before create", sp.ErrCloseBeforeCreate, "closed", func(d *sp.Deal) {
		d.Status, d.Stage, d.Closed, d.LostReason = sp.Lost, "Lost", d.Created.Add(-time.Second), "price"
		d.StageHistory, d.AmountHistory, d.ExpectedCloseHistory = nil, nil, nil
	}},
	{"closed without date", sp.ErrClosedWithoutDate, "closed", func(d *sp.Deal) {
		d.Status, d.Stage, d.Closed = sp.Won, "Won", time.Time{}
		d.StageHistory = nil
	}},
	{"open with close date", sp.ErrOpenWithCloseDate, "closed", func(d *sp.Deal) {
		d.Status, d.Closed, d.Stage, d.StageHistory = sp.Open, d.Created.Add(time.Hour*24*200), "Lead", nil
	}},
	{"negative amount", sp.ErrNegativeAmount, "amount", func(d *sp.Deal) {
		d.Amount, d.AmountHistory = sp.NewMoney(-1, "USD"), nil
	}},
	{"too precise", sp.ErrPrecision, "amount", func(d *sp.Deal) {
		d.Amount, d.AmountHistory = sp.MustParseMoney("1.001 USD"), nil
	}},
	{"unknown currency", sp.ErrUnknownCurrency, "amount", func(d *sp.Deal) {
		d.Amount, d.AmountHistory = sp.NewMoney(100, "QQQ"), nil
	}},
	{"unknown stage", sp.ErrUnknownStage, "stage", func(d *sp.Deal) {
		d.Stage, d.StageHistory = "Nowhere", nil
	}},
	{"status against stage", sp.ErrStatusStageMismatch, "status", func(d *sp.Deal) {
		if d.Status == sp.Open {
			d.Stage = "Won"
		} else {
			d.Stage = "Demo"
		}
		d.StageHistory = nil
	}},
	{"history out of order", sp.ErrHistoryOrder, "stageHistory[0].at", func(d *sp.Deal) {
		d.StageHistory = append([]sp.StageChange{{At: d.Created.Add(-time.Minute), Stage: "Lead"}}, d.StageHistory...)
	}},
	{"history after close", sp.ErrHistoryAfterClose, "expectedCloseHistory[0].at", func(d *sp.Deal) {
		if d.Status == sp.Open {
			d.Status, d.Stage, d.Closed, d.StageHistory = sp.Lost, "Lost", d.Created.Add(time.Hour), nil
		}
		d.ExpectedCloseHistory = []sp.ExpectedCloseChange{{At: d.Closed.Add(time.Nanosecond), ExpectedClose: d.ExpectedClose}}
	}},
}

// TestValidateBrokenDeals: a valid generated deal passes; the same deal
// broken in any one way fails with that way's sentinel, naming the deal
// and the field.
func TestValidateBrokenDeals(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genDeal("B7").Draw(t, "deal")
		if err := sp.Validate(&sp.Dataset{Pipelines: testPipes, Deals: []sp.Deal{d}}); err != nil {
			t.Fatalf("valid deal rejected: %v", err)
		}
		b := rapid.SampledFrom(breakages).Draw(t, "breakage")
		b.apply(&d)
		err := sp.Validate(&sp.Dataset{Pipelines: testPipes, Deals: []sp.Deal{d}})
		if !errors.Is(err, b.sentinel) {
			t.Fatalf("%s: got %v, want an error wrapping %v", b.name, err, b.sentinel)
		}
		found := false
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			var ve *sp.ValidationError
			if errors.As(e, &ve) && errors.Is(ve, b.sentinel) && ve.Record == "deal" && ve.Field == b.field {
				found = true
				if want := d.ID; ve.ID != want {
					t.Fatalf("%s: error names deal %q, want %q", b.name, ve.ID, want)
				}
			}
		}
		if !found {
			t.Fatalf("%s: no *ValidationError with field %q wrapping %v in %v", b.name, b.field, b.sentinel, err)
		}
	})
}

func TestValidatorUniqueIDs(t *testing.T) {
	a, b, c := okDeal(), okDeal(), okDeal()
	c.ID = "10"
	var rejected []string
	v := sp.Validator{Pipelines: testPipes, UniqueIDs: true, Reject: func(r sp.Rejected) { rejected = append(rejected, r.Err.Error()) }}
	got := []bool{v.Deal(&a), v.Deal(&b), v.Deal(&c)}
	if diff := cmp.Diff([]bool{true, false, true}, got); diff != "" {
		t.Errorf("kept (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"salesperf: deal 9: id: duplicate id"}, rejected); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
	// A rejected record's ID does not count as seen: a later valid record
	// with it is kept.
	var w sp.Validator
	w.UniqueIDs, w.Pipelines, w.Reject = true, testPipes, func(sp.Rejected) {}
	bad := okDeal()
	bad.Amount = sp.MustParseMoney("-1.00 USD")
	good := okDeal()
	if w.Deal(&bad) || !w.Deal(&good) {
		t.Error("a valid deal after a rejected one with the same ID was not kept")
	}
}

// TestValidateBrokenActivitiesAndLeads: a valid activity or lead broken in
// one way fails with that way's sentinel, naming the record and field.
func TestValidateBrokenActivitiesAndLeads(t *testing.T) {
	type broken struct {
		record, field string
		sentinel      error
		activity      func(a *sp.Activity)
		lead          func(l *sp.Lead)
	}
	cases := []broken{
		{"activity", "id", sp.ErrMissingID, func(a *sp.Activity) { a.ID = "" }, nil},
		{"activity", "rep", sp.ErrMissingOwner, func(a *sp.Activity) { a.Rep = "" }, nil},
		{"activity", "at", sp.ErrMissingDate, func(a *sp.Activity) { a.At = time.Time{} }, nil},
		{"activity", "kind", sp.ErrUnknownKind, func(a *sp.Activity) { a.Kind = sp.ActivityKind(-1 - a.Kind%5) }, nil},
		{"activity", "duration", sp.ErrNegativeDuration, func(a *sp.Activity) { a.Duration = -a.Duration - time.Second }, nil},
		{"lead", "firstTouch", sp.ErrTouchBeforeCreate, nil, func(l *sp.Lead) { l.FirstTouch = l.Created.Add(-time.Nanosecond) }},
		{"lead", "converted", sp.ErrCloseBeforeCreate, nil, func(l *sp.Lead) { l.Converted = l.Created.Add(-time.Hour) }},
		{"lead", "id", sp.ErrMissingID, nil, func(l *sp.Lead) { l.ID = "" }},
	}
	rapid.Check(t, func(t *rapid.T) {
		created := at("2026-01-01T00:00:00Z").Add(time.Duration(rapid.Int64Range(0, 1e6).Draw(t, "created")) * time.Second)
		a := sp.Activity{ID: "A1", Rep: "ann", Kind: sp.ActivityKind(rapid.IntRange(1, 10).Draw(t, "kind")), At: created,
			Duration: time.Duration(rapid.Int64Range(0, 1e12).Draw(t, "duration")), Category: sp.TimeCategory(rapid.IntRange(0, 4).Draw(t, "category"))}
		l := sp.Lead{ID: "L1", Source: "web", Created: created,
			FirstTouch: created.Add(time.Duration(rapid.Int64Range(0, 1e12).Draw(t, "touch")))}
		ds := &sp.Dataset{Activities: []sp.Activity{a}, Leads: []sp.Lead{l}}
		if err := sp.Validate(ds); err != nil {
			t.Fatalf("valid records rejected: %v", err)
		}
		c := rapid.SampledFrom(cases).Draw(t, "case")
		if c.activity != nil {
			c.activity(&ds.Activities[0])
		} else {
			c.lead(&ds.Leads[0])
		}
		err := sp.Validate(ds)
		var ve *sp.ValidationError
		if !errors.Is(err, c.sentinel) || !errors.As(err, &ve) || ve.Record != c.record || ve.Field != c.field {
			t.Fatalf("%s %s: got %v, want a %s error on %s wrapping %v", c.record, c.field, err, c.record, c.field, c.sentinel)
		}
	})
}

func TestValidatorSubscription(t *testing.T) {
	var got []string
	v := sp.Validator{Reject: func(r sp.Rejected) { got = append(got, r.Err.Error()) }}
	ok := sp.Subscription{ID: "s1", Customer: "acme", Amount: sp.MustParseMoney("10.00 USD"), Start: sp.Date{Year: 2026, Month: 1, Day: 1}}
	bad := ok
	bad.ID, bad.End = "s2", sp.Date{Year: 2025, Month: 12, Day: 1}
	if !v.Subscription(&ok) || v.Subscription(&bad) {
		t.Fatal("valid subscription rejected or invalid one kept")
	}
	want := []string{"salesperf: subscription s2: end: invalid period: end 2025-12-01 is not after start 2026-01-01"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
}

func TestValidateTargets(t *testing.T) {
	cal := sp.Calendar{}
	march := cal.PeriodOfDate(sp.Date{Year: 2026, Month: 3, Day: 1}, sp.Month)
	q1 := cal.PeriodOfDate(sp.Date{Year: 2026, Month: 3, Day: 1}, sp.Quarter)
	usd := sp.MustParseMoney("1000.00 USD")
	ds := &sp.Dataset{
		Memberships: []sp.Membership{{Person: "ann", Manager: "mo", Team: "east", Region: "emea"}},
		Targets: []sp.Target{
			{Level: sp.RepLevel, Who: "ann", Metric: sp.TargetWonAmount, Period: march, Amount: usd},
			{Level: sp.RepLevel, Who: "ann", Metric: sp.TargetWonAmount, Period: q1, Amount: usd},    // a quarter beside its month: fine
			{Level: sp.RepLevel, Who: "ann", Metric: sp.TargetWonAmount, Period: march, Amount: usd}, // the same month twice
			{Level: sp.RepLevel, Who: "ann", Metric: sp.TargetWonDeals, Period: march, Count: 3},     // another metric: fine
			{Level: sp.ManagerLevel, Who: "mo", Metric: sp.TargetWonDeals, Period: march, Count: 9},
			{Level: sp.RepLevel, Who: "zed", Metric: sp.TargetWonDeals, Period: march, Count: 3},
			{Level: sp.TeamLevel, Who: "west", Metric: sp.TargetNewDeals, Period: march, Count: 3},
		},
	}
	want := []string{
		`salesperf: target rep zed won deals 2026-03: who: not in the org: rep "zed"`,
		`salesperf: target team west new deals 2026-03: who: not in the org: team "west"`,
		"salesperf: target rep ann won amount 2026-03: period: invalid period: overlaps the target for 2026-03",
	}
	if diff := cmp.Diff(want, messages(sp.Validate(ds))); diff != "" {
		t.Errorf("Validate (-want +got):\n%s", diff)
	}
}

func TestProblemOf(t *testing.T) {
	e := &sp.ValidationError{Record: "deal", ID: "9", Field: "stageHistory[3].at", Err: fmt.Errorf("%w: detail", sp.ErrHistoryOrder)}
	want := sp.Problem{Record: "deal", Field: "stageHistory[].at", Err: sp.ErrHistoryOrder}
	if got := sp.ProblemOf(e); got != want {
		t.Errorf("ProblemOf = %+v, want %+v", got, want)
	}
}

// TestOverlapsAfterAContainedPeriod: a long target that holds a short one
// and also overlaps a later one is reported for both; the same for
// memberships.
func TestOverlapsAfterAContainedPeriod(t *testing.T) {
	d := func(m, day int) sp.Date { return sp.Date{Year: 2026, Month: time.Month(m), Day: day} }
	period := func(from, to sp.Date) sp.Period {
		return sp.Period{Grain: sp.Month, Start: from, End: to, Year: 2026, Number: int(from.Month)}
	}
	tgt := func(p sp.Period) sp.Target {
		return sp.Target{Level: sp.RepLevel, Who: "ann", Metric: sp.TargetWonDeals, Period: p, Count: 1}
	}
	ds := &sp.Dataset{Targets: []sp.Target{
		tgt(period(d(1, 1), d(4, 1))),   // A: January to March
		tgt(period(d(1, 10), d(1, 20))), // B: inside A
		tgt(period(d(3, 1), d(5, 1))),   // C: overlaps A, not B
	}}
	want := []string{
		"salesperf: target rep ann won deals 2026-01: period: invalid period: overlaps the target for 2026-01",
		"salesperf: target rep ann won deals 2026-03: period: invalid period: overlaps the target for 2026-01",
	}
	if diff := cmp.Diff(want, messages(sp.Validate(ds))); diff != "" {
		t.Errorf("targets (-want +got):\n%s", diff)
	}
	_, err := sp.NewOrg([]sp.Membership{
		{Person: "bob", Team: "a", From: d(1, 1), Until: d(4, 1)},
		{Person: "bob", Team: "b", From: d(1, 10), Until: d(1, 20)},
		{Person: "bob", Team: "c", From: d(3, 1), Until: d(5, 1)},
	})
	wantOrg := []string{
		"salesperf: membership bob: from: invalid period: membership from 2026-01-10 overlaps the one from 2026-01-01",
		"salesperf: membership bob: from: invalid period: membership from 2026-03-01 overlaps the one from 2026-01-01",
	}
	if diff := cmp.Diff(wantOrg, messages(err)); diff != "" {
		t.Errorf("memberships (-want +got):\n%s", diff)
	}
}
