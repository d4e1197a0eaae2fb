package sampledata

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/sampledata/internal/synth"
)

// sampleOpts compares Samples: Org and Rates by their contents (the
// unexported fields of the root package's types), time zones by identity.
var sampleOpts = cmp.Options{
	cmp.Exporter(func(t reflect.Type) bool { return t.PkgPath() == "github.com/salesperf/salesperf" }),
	cmp.Comparer(func(a, b *time.Location) bool { return a == b }),
	cmpopts.EquateErrors(),
}

// diff returns the differences between x and y, (-x +y), or "" if they
// are equal. The common case, equal values, is checked with the much
// faster reflect.DeepEqual first.
func diff(x, y any) string {
	if reflect.DeepEqual(x, y) {
		return ""
	}
	return cmp.Diff(x, y, sampleOpts)
}

func TestLoad(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ds := &s.Dataset
	for _, c := range []struct {
		what      string
		n, lo, hi int
	}{
		{"pipelines", len(ds.Pipelines), 2, 2},
		{"deals", len(ds.Deals), 1900, 2100},
		{"activities", len(ds.Activities), 28000, 38000},
		{"leads", len(ds.Leads), 2800, 3600},
		{"targets", len(ds.Targets), 480, 480},
		{"memberships", len(ds.Memberships), 19, 19},
		{"subscriptions", len(ds.Subscriptions), 220, 280},
		{"reps", len(s.Reps), 12, 12},
		{"managers", len(s.Managers), 3, 3},
		{"sdrs", len(s.SDRs), 2, 2},
	} {
		if c.n < c.lo || c.n > c.hi {
			t.Errorf("%d %s, want %d to %d", c.n, c.what, c.lo, c.hi)
		}
	}
	if want := []string{"marcus.bell", "olivia.grant", "sofia.romano"}; !slices.Equal(s.Managers, want) {
		t.Errorf("Managers = %v, want %v", s.Managers, want)
	}
	if s.VP != "vp.sales" {
		t.Errorf("VP = %q", s.VP)
	}
	if want := time.Date(2026, 2, 16, 9, 0, 0, 0, s.Calendar.Location); !s.AsOf.Equal(want) {
		t.Errorf("AsOf = %v, want %v", s.AsOf, want)
	}

	// The rep who moves.
	before, _ := s.Org.On("hannah.irwin", sp.Date{Year: 2025, Month: 7, Day: 31})
	after, _ := s.Org.On("hannah.irwin", sp.Date{Year: 2025, Month: 8, Day: 1})
	if before.Region != "Central" || after.Region != "West" || after.Manager != "sofia.romano" {
		t.Errorf("hannah.irwin: %+v, then %+v", before, after)
	}
	if got := s.Org.Chain("ava.chen", sp.Date{Year: 2025, Month: 1, Day: 1}); !slices.Equal(got, []string{"olivia.grant", "vp.sales"}) {
		t.Errorf("chain of ava.chen = %v", got)
	}

	// Nothing at or after AsOf; rates on every deal's dates.
	for i := range ds.Deals {
		d := &ds.Deals[i]
		for _, at := range []time.Time{d.Created, d.Closed} {
			if at.IsZero() {
				continue
			}
			if !at.Before(s.AsOf) {
				t.Errorf("deal %s dated %v, not before AsOf", d.ID, at)
			}
			for _, pair := range [][2]sp.Currency{{"EUR", "USD"}, {"USD", "EUR"}} {
				r, err := s.Rates.Rate(pair[0], pair[1], at)
				if err != nil {
					t.Fatalf("deal %s: %v", d.ID, err)
				}
				if f, _ := r.Float64(); pair[0] == "EUR" && (f < 1.05 || f > 1.15) {
					t.Errorf("EUR→USD on %v = %v, outside 1.05–1.15", at, r)
				}
			}
		}
	}
	for i := range ds.Activities {
		if a := &ds.Activities[i]; !a.At.Before(s.AsOf) {
			t.Errorf("activity %s at %v, not before AsOf", a.ID, a.At)
		}
	}
}

func TestLoadFresh(t *testing.T) {
	a, b := MustLoad(), MustLoad()
	if diff := diff(a, b); diff != "" {
		t.Fatalf("two loads differ (-first +second):\n%s", diff)
	}
	// Change the first in depth; the second must not see it.
	d := &a.Dataset.Deals[0]
	d.Owner = "someone.else"
	d.StageHistory[0].Stage = "Nowhere"
	d.Attrs["Company size"] = "huge"
	a.Dataset.Leads[0].Actions = append(a.Dataset.Leads[0].Actions[:0], sp.LeadAction{Name: "changed"})
	a.Dataset.Subscriptions[0].Customer = "Changed"
	a.Reps[0] = "changed"
	a.Rates.Set("EUR", "USD", a.AsOf, sp.MustParseMoney("2 USD").Decimal())
	c := MustLoad()
	if diff := diff(c, b); diff != "" {
		t.Fatalf("a change to one Sample shows in another (-new +earlier):\n%s", diff)
	}
}

// documented are the deliberate problems as the package doc lists them.
var documented = []Problem{
	{"deal", "D-0388", "closed", sp.ErrCloseBeforeCreate},
	{"deal", "D-0537", "amount", sp.ErrNegativeAmount},
	{"deal", "D-0834", "owner", sp.ErrMissingOwner},
	{"deal", "D-1126", "id", sp.ErrDuplicateID},
	{"deal", "D-1772", "stage", sp.ErrUnknownStage},
	{"deal", "D-1820", "closed", sp.ErrOpenWithCloseDate},
	{"activity", "A-03031", "duration", sp.ErrNegativeDuration},
	{"activity", "A-06061", "rep", sp.ErrMissingOwner},
	{"activity", "A-09091", "kind", sp.ErrUnknownKind},
	{"activity", "A-12122", "duration", sp.ErrNegativeDuration},
	{"activity", "A-15152", "rep", sp.ErrMissingOwner},
	{"activity", "A-18182", "kind", sp.ErrUnknownKind},
	{"activity", "A-21212", "duration", sp.ErrNegativeDuration},
	{"activity", "A-24243", "rep", sp.ErrMissingOwner},
	{"activity", "A-27273", "kind", sp.ErrUnknownKind},
	{"activity", "A-30303", "duration", sp.ErrNegativeDuration},
	{"lead", "L-1100", "firstTouch", sp.ErrTouchBeforeCreate},
	{"lead", "L-2197", "firstTouch", sp.ErrTouchBeforeCreate},
}

// TestValidate checks that Validate finds exactly the documented problems.
func TestValidate(t *testing.T) {
	s := MustLoad()
	err := sp.Validate(&s.Dataset)
	if err == nil {
		t.Fatal("Validate found no problem")
	}
	var got []Problem
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ve *sp.ValidationError
		if !errors.As(e, &ve) {
			t.Fatalf("not a *ValidationError: %v", e)
		}
		p := Problem{Record: ve.Record, ID: ve.ID, Field: ve.Field, Err: ve.Err}
		for _, s := range sentinels {
			if errors.Is(ve.Err, s) {
				p.Err = s
			}
		}
		got = append(got, p)
	}
	if diff := cmp.Diff(documented, got, cmpopts.EquateErrors()); diff != "" {
		t.Errorf("Validate's problems differ from the documented ones (-documented +found):\n%s", diff)
	}
	if diff := cmp.Diff(documented, s.Problems, cmpopts.EquateErrors()); diff != "" {
		t.Errorf("Sample.Problems differ from the documented ones (-documented +Problems):\n%s", diff)
	}
}

// TestLinks checks the references between records: activities within
// their deal's life and not before their lead, conversions into real deals
// created at the conversion.
func TestLinks(t *testing.T) {
	s := MustLoad()
	ds := &s.Dataset
	bad := map[string]bool{}
	for _, p := range s.Problems {
		bad[p.ID] = true
	}
	deals := map[string]*sp.Deal{}
	for i := range ds.Deals {
		deals[ds.Deals[i].ID] = &ds.Deals[i]
	}
	leads := map[string]*sp.Lead{}
	for i := range ds.Leads {
		leads[ds.Leads[i].ID] = &ds.Leads[i]
	}
	for i := range ds.Activities {
		a := &ds.Activities[i]
		if a.Deal != "" {
			d, ok := deals[a.Deal]
			if !ok {
				t.Errorf("activity %s: no deal %s", a.ID, a.Deal)
				continue
			}
			end := d.Closed
			if end.IsZero() {
				end = s.AsOf
			}
			if !bad[d.ID] && (a.At.Before(d.Created) || a.At.After(end)) {
				t.Errorf("activity %s at %v, outside deal %s's life %v – %v", a.ID, a.At, d.ID, d.Created, end)
			}
		}
		if a.Lead != "" {
			l, ok := leads[a.Lead]
			if !ok {
				t.Errorf("activity %s: no lead %s", a.ID, a.Lead)
			} else if !bad[l.ID] && a.At.Before(l.FirstTouch) {
				t.Errorf("activity %s at %v, before lead %s's first touch %v", a.ID, a.At, l.ID, l.FirstTouch)
			}
		}
	}
	for i := range ds.Leads {
		l := &ds.Leads[i]
		if l.ConvertedDeal == "" {
			continue
		}
		d, ok := deals[l.ConvertedDeal]
		if !ok {
			t.Errorf("lead %s: converted into unknown deal %s", l.ID, l.ConvertedDeal)
		} else if d.Created.Before(l.Converted) {
			t.Errorf("lead %s converted %v, after deal %s was created %v", l.ID, l.Converted, d.ID, d.Created)
		}
	}
}

// TestGenerated checks that the embedded file is what the generator
// writes today, and that the file decodes to exactly what was generated.
func TestGenerated(t *testing.T) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	gen := synth.Generate()
	var fresh bytes.Buffer
	if err := synth.Encode(&fresh, gen); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(embedded, fresh.Bytes()) {
		t.Fatalf("data.tsv.gz is stale (%d bytes embedded, %d generated): run go generate ./internal/sampledata\nfirst difference at line %d",
			len(embedded), fresh.Len(), firstDiffLine(embedded, fresh.Bytes()))
	}
	var again bytes.Buffer
	if err := synth.Encode(&again, synth.Generate()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), fresh.Bytes()) {
		t.Fatal("two runs of the generator differ")
	}
	back, err := synth.Decode(bytes.NewReader(embedded))
	if err != nil {
		t.Fatal(err)
	}
	if diff := diff(gen, back); diff != "" {
		t.Errorf("the data file does not round-trip (-generated +decoded):\n%s", diff)
	}
}

func firstDiffLine(a, b []byte) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return bytes.Count(a[:i], []byte("\n")) + 1
		}
	}
	return bytes.Count(a[:n], []byte("\n")) + 1
}

// TestSummary logs the headline figures (go test -v -run Summary) and
// checks the shapes the package doc promises.
func TestSummary(t *testing.T) {
	s := MustLoad()
	ds := &s.Dataset
	t.Logf("embedded data: %d bytes", len(data))

	type key struct {
		pipeline string
		status   sp.Status
	}
	n := map[key]int{}
	open := 0
	for i := range ds.Deals {
		d := &ds.Deals[i]
		n[key{d.Pipeline, d.Status}]++
		if d.Status == sp.Open {
			open++
		}
	}
	for _, p := range []string{"New Business", "Renewal"} {
		w, l, o := n[key{p, sp.Won}], n[key{p, sp.Lost}], n[key{p, sp.Open}]
		rate := float64(w) / float64(w+l)
		t.Logf("%-12s won %4d lost %4d open %3d  win rate %.1f%%", p, w, l, o, 100*rate)
		if lo, hi := map[string][2]float64{"New Business": {0.25, 0.35}, "Renewal": {0.78, 0.92}}[p][0], map[string][2]float64{"New Business": {0.25, 0.35}, "Renewal": {0.78, 0.92}}[p][1]; rate < lo || rate > hi {
			t.Errorf("%s win rate %.2f, want %.2f–%.2f", p, rate, lo, hi)
		}
	}
	if share := float64(open) / float64(len(ds.Deals)); share < 0.10 || share > 0.15 {
		t.Errorf("open share %.3f, want 0.10–0.15", share)
	}

	perRep := map[string][2]int{}
	var won [2]sp.Sum // New Business, Renewal
	for i := range ds.Deals {
		d := &ds.Deals[i]
		if d.Status == sp.Won {
			won[map[string]int{"Renewal": 1}[d.Pipeline]].Add(d.Amount)
		}
		if d.Pipeline != "New Business" || d.Status == sp.Open {
			continue
		}
		v := perRep[d.Owner]
		if d.Status == sp.Won {
			v[0]++
		}
		v[1]++
		perRep[d.Owner] = v
	}
	var lines []string
	for _, r := range s.Reps {
		v := perRep[r]
		lines = append(lines, fmt.Sprintf("%-13s %3d/%3d %4.1f%%", r, v[0], v[1], 100*float64(v[0])/float64(v[1])))
	}
	t.Logf("New Business win rate per rep (won/closed):\n%s", strings.Join(lines, "\n"))
	t.Logf("won amount: New Business %v; Renewal %v", won[0].String(), won[1].String())

	kinds := map[string]int{}
	for i := range ds.Activities {
		kinds[ds.Activities[i].KindName()]++
	}
	lines = lines[:0]
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		lines = append(lines, fmt.Sprintf("%s %d", k, kinds[k]))
	}
	t.Logf("activities per kind: %s", strings.Join(lines, ", "))

	conv, dq, untouched := 0, 0, 0
	for i := range ds.Leads {
		l := &ds.Leads[i]
		if l.IsConverted() {
			conv++
		}
		if l.IsDisqualified() {
			dq++
		}
		if l.FirstTouch.IsZero() {
			untouched++
		}
	}
	t.Logf("leads %d: converted %d, disqualified %d, never touched %d", len(ds.Leads), conv, dq, untouched)
	byCustomer := map[string]int{}
	ended := 0
	for _, sub := range ds.Subscriptions {
		byCustomer[sub.Customer]++
		if !sub.End.IsZero() {
			ended++
		}
	}
	reactivated := 0
	for _, k := range byCustomer {
		if k > 1 {
			reactivated++
		}
	}
	t.Logf("subscriptions %d: ended %d, customers with a reactivation %d", len(ds.Subscriptions), ended, reactivated)
	if reactivated == 0 {
		t.Error("no reactivation")
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)), "embedded-bytes")
}
