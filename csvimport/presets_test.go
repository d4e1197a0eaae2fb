package csvimport_test

import (
	"errors"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/csvimport"
)

// TestPresets reads a small hand-written export in each preset's header
// layout (columns in the export's own order, with others the preset does
// not read): testdata/*.csv for the vendors' presets, whose headers are
// the documented ones (see the presets' doc comments).
func TestPresets(t *testing.T) {
	tests := []struct {
		preset  string
		file    string // in testdata; else input
		input   string
		want    []sp.Deal
		wantErr []string
	}{
		{preset: "salesforce", file: "salesforce-opportunities.csv",
			want: []sp.Deal{
				{ID: "0065g00000AbCdE", Owner: "Jo Smith", Account: "Acme", Source: "Web", Stage: "Closed Won", Status: sp.Won,
					Amount: usd("25000"), Created: day(2026, 1, 5), Closed: day(2026, 3, 14), Category: sp.CategoryClosed,
					Attrs: map[string]string{"type": "New Customer", "probability": "100"}},
				{ID: "0065g00000FgHiJ", Owner: "Jo Smith", Account: "Globex", Source: "Partner", Stage: "Proposal/Price Quote", Status: sp.Open,
					Amount: sp.MustParseMoney("1200.50 EUR"), Created: day(2026, 2, 1), ExpectedClose: sp.Date{Year: 2026, Month: 6, Day: 30},
					Category: sp.CategoryBestCase, Attrs: map[string]string{"type": "Existing Customer - Upgrade", "probability": "60"}},
				{ID: "0065g00000KlMnO", Owner: "Al Jones", Account: "Initech", Stage: "Closed Lost", Status: sp.Lost,
					Amount: usd("0"), Created: day(2026, 1, 10), Closed: day(2026, 2, 28), Category: sp.CategoryOmitted,
					Attrs: map[string]string{"probability": "0"}},
			},
			wantErr: []string{`salesperf: deal 0065g00000PqRsT: Close Date: invalid syntax: "2026-13-01" (line 5)`}},
		{preset: "hubspot", file: "hubspot-deals.csv",
			want: []sp.Deal{
				{ID: "9001", Owner: "Sarah Chen", Pipeline: "Sales Pipeline", Stage: "Closed Won", Status: sp.Won, Amount: usd("25000"),
					Created: time.Date(2026, 1, 5, 9, 15, 0, 0, time.UTC), Closed: time.Date(2026, 3, 14, 16, 2, 0, 0, time.UTC),
					Source: "Organic Search", Attrs: map[string]string{"name": "Acme - New Business"}},
				{ID: "9002", Owner: "Ingrid Larsen", Pipeline: "Sales Pipeline", Stage: "contractsent", Status: sp.Open, Amount: usd("1200.50"),
					Created: time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC), ExpectedClose: sp.Date{Year: 2026, Month: 6, Day: 30},
					Source: "Direct Traffic", Attrs: map[string]string{"name": "Globex - Renewal"}},
				{ID: "9003", Owner: "Sarah Chen", Pipeline: "Sales Pipeline", Stage: "Closed Lost", Status: sp.Lost,
					Created: time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC), Closed: time.Date(2026, 2, 28, 11, 0, 0, 0, time.UTC),
					Source: "Offline Sources", Attrs: map[string]string{"name": "Initech"}},
				{ID: "9004", Owner: "Sarah Chen", Pipeline: "Partners", Stage: "Discovery", Status: sp.Open,
					Created: time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC), Attrs: map[string]string{"name": "Hooli"}},
			}},
		{preset: "pipedrive", file: "pipedrive-deals.csv",
			want: []sp.Deal{
				{ID: "101", Owner: "Ann", Stage: "Negotiations Started", Status: sp.Won, Amount: usd("25000"),
					Created: time.Date(2026, 1, 5, 9, 15, 0, 0, time.UTC), Closed: time.Date(2026, 3, 14, 16, 2, 11, 0, time.UTC),
					ExpectedClose: sp.Date{Year: 2026, Month: 3, Day: 31}, Attrs: map[string]string{"name": "Acme deal"}},
				{ID: "102", Owner: "Bob", Stage: "Proposal Made", Status: sp.Open, Amount: sp.MustParseMoney("1200.50 EUR"),
					Created: time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC), ExpectedClose: sp.Date{Year: 2026, Month: 6, Day: 30},
					Attrs: map[string]string{"name": "Globex deal"}},
				{ID: "103", Owner: "Bob", Stage: "Qualified", Status: sp.Lost, Amount: usd("300"), LostReason: "High Price",
					Created: time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC), Closed: time.Date(2026, 2, 28, 11, 0, 0, 0, time.UTC),
					Attrs: map[string]string{"name": "Initech deal"}},
			},
			wantErr: []string{`salesperf: deal 104: Deal - Status: invalid status: "Deleted" (line 5)`}},
		{preset: "maven",
			input: "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n" +
				"1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054\n" +
				"Z063OYW0,Darcel Schlecht,GTXPro,Isdom,Lost,2016-10-25,2017-03-11,0\n" +
				"HAXMC4IX,James Ascencio,MG Advanced,,Engaging,2016-10-25,,\n" +
				"6DJ6K2ZI,Violet Mclelland,GTX Basic,,Prospecting,,,\n" +
				"BADROW01,Moses Frase,GTX Basic,Cancity,Won,2017-03-05,2017-03-01,588\n",
			want: []sp.Deal{
				{ID: "1C1I7A6R", Owner: "Moses Frase", Product: "GTX Plus Basic", Account: "Cancity", Stage: "Won", Status: sp.Won,
					Amount: usd("1054"), Created: day(2016, 10, 20), Closed: day(2017, 3, 1),
					StageHistory: []sp.StageChange{{At: day(2016, 10, 20), Stage: "Engaging"}, {At: day(2017, 3, 1), Stage: "Won"}}},
				{ID: "Z063OYW0", Owner: "Darcel Schlecht", Product: "GTX Pro", Account: "Isdom", Stage: "Lost", Status: sp.Lost,
					Amount: usd("0"), Created: day(2016, 10, 25), Closed: day(2017, 3, 11),
					StageHistory: []sp.StageChange{{At: day(2016, 10, 25), Stage: "Engaging"}, {At: day(2017, 3, 11), Stage: "Lost"}}},
				{ID: "HAXMC4IX", Owner: "James Ascencio", Product: "MG Advanced", Stage: "Engaging", Status: sp.Open,
					Created: day(2016, 10, 25), StageHistory: []sp.StageChange{{At: day(2016, 10, 25), Stage: "Engaging"}}},
				{ID: "6DJ6K2ZI", Owner: "Violet Mclelland", Product: "GTX Basic", Stage: "Prospecting", Status: sp.Open},
			},
			wantErr: []string{`salesperf: deal BADROW01: close_date: close date before create date: closed 2017-03-01T00:00:00Z, created 2017-03-05T00:00:00Z (line 6)` + "\n" +
				`salesperf: deal BADROW01: stageHistory[1].at: history out of order: 2017-03-01T00:00:00Z is before created 2017-03-05T00:00:00Z (line 6)`}},
	}
	for _, tt := range tests {
		t.Run(tt.preset, func(t *testing.T) {
			m, err := csvimport.Preset(tt.preset)
			if err != nil {
				t.Fatal(err)
			}
			input := tt.input
			if tt.file != "" {
				input = readTestdata(t, tt.file)
			}
			got, rejected := readDeals(t, m, nil, input)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("deals (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantErr, rejected); diff != "" {
				t.Errorf("rejected (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMavenPresetMemberships(t *testing.T) {
	input := "sales_agent,manager,regional_office\r\nAnna Snelling,Dustin Brinkmann,Central\r\nMoses Frase,Cara Losch,East\r\n"
	want := []sp.Membership{
		{Person: "Anna Snelling", Manager: "Dustin Brinkmann", Team: "Dustin Brinkmann", Region: "Central"},
		{Person: "Moses Frase", Manager: "Cara Losch", Team: "Cara Losch", Region: "East"},
	}
	check(t, csvimport.Maven(), func(r *csvimport.Reader, s *strings.Reader) (iter.Seq[sp.Membership], error) {
		return r.Memberships(s)
	}, input, want, nil)
}

func TestPresetNames(t *testing.T) {
	for _, name := range csvimport.PresetNames() {
		for _, n := range []string{name, strings.ToUpper(name), " " + name + " "} {
			m, err := csvimport.Preset(n)
			if err != nil || m.Deals.ID == "" {
				t.Errorf("Preset(%q): %v, %+v", n, err, m.Deals)
			}
		}
	}
	_, err := csvimport.Preset("zoho")
	if want := `csvimport: invalid value: unknown preset "zoho" (known: hubspot, maven, pipedrive, salesforce)`; err == nil || err.Error() != want || !errors.Is(err, sp.ErrInvalidValue) {
		t.Errorf("Preset(zoho): %v, want %s", err, want)
	}
	// Each call is a fresh value.
	a, _ := csvimport.Preset("maven")
	a.Stages["Won"] = sp.Lost
	if b, _ := csvimport.Preset("maven"); b.Stages["Won"] != sp.Won {
		t.Error("presets share their maps")
	}
}

// readTestdata returns the text of testdata/name.
func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPresetVariants reads the export variants the presets' doc comments
// describe, with the documented change to the preset, and checks that the
// unchanged preset rejects them with a missing-column error naming the
// column it expects.
func TestPresetVariants(t *testing.T) {
	tests := []struct {
		name    string
		preset  string
		change  func(*csvimport.Mapping)
		input   string
		missing string // the error of the unchanged preset; "" if it reads the file
		want    []sp.Deal
	}{
		{name: "hubspot older source label", preset: "hubspot",
			change: func(m *csvimport.Mapping) { m.Deals.Source = "Original Source Type" },
			input: "Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Create Date,Pipeline,Original Source Type\n" +
				"9001,Acme,Closed Won,2026-03-14 16:02,Sarah Chen,25000,2026-01-05 09:15,Sales Pipeline,Organic Search\n",
			missing: `csvimport: deals: missing column "Original Traffic Source"`,
			want: []sp.Deal{{ID: "9001", Owner: "Sarah Chen", Pipeline: "Sales Pipeline", Stage: "Closed Won", Status: sp.Won,
				Amount: usd("25000"), Created: time.Date(2026, 1, 5, 9, 15, 0, 0, time.UTC), Closed: time.Date(2026, 3, 14, 16, 2, 0, 0, time.UTC),
				Source: "Organic Search", Attrs: map[string]string{"name": "Acme"}}}},
		{name: "hubspot without source", preset: "hubspot",
			change: func(m *csvimport.Mapping) { m.Deals.Source = "" },
			input: "Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Create Date,Pipeline\n" +
				"9004,Hooli,Discovery,,Sarah Chen,,2026-01-10 08:00,Partners\n",
			missing: `csvimport: deals: missing column "Original Traffic Source"`,
			want: []sp.Deal{{ID: "9004", Owner: "Sarah Chen", Pipeline: "Partners", Stage: "Discovery", Status: sp.Open,
				Created: time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC), Attrs: map[string]string{"name": "Hooli"}}}},
		{name: "hubspot lost reason and currency", preset: "hubspot",
			change: func(m *csvimport.Mapping) {
				m.Deals.LostReason = "Closed Lost Reason"
				m.Deals.Currency = "Currency"
			},
			input: "Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Currency,Create Date,Pipeline,Original Traffic Source,Closed Lost Reason\n" +
				"9003,Initech,Closed Lost,2026-02-28 11:00,Sarah Chen,900,EUR,2026-01-10 08:00,Sales Pipeline,Offline Sources,Went with a competitor\n",
			want: []sp.Deal{{ID: "9003", Owner: "Sarah Chen", Pipeline: "Sales Pipeline", Stage: "Closed Lost", Status: sp.Lost,
				Amount: sp.MustParseMoney("900 EUR"), LostReason: "Went with a competitor",
				Created: time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC), Closed: time.Date(2026, 2, 28, 11, 0, 0, 0, time.UTC),
				Source: "Offline Sources", Attrs: map[string]string{"name": "Initech"}}}},
		{name: "pipedrive currency column", preset: "pipedrive",
			change: func(m *csvimport.Mapping) { m.Deals.Currency = "Deal - Currency" },
			input: "Deal - ID,Deal - Title,Deal - Owner,Deal - Value,Deal - Currency,Deal - Stage,Deal - Status,Deal - Deal created,Deal - Expected close date,Deal - Won time,Deal - Lost time,Deal - Lost reason\n" +
				"102,Globex deal,Bob,1200.5,EUR,Proposal Made,Open,2026-02-01 10:00:00,2026-06-30,,,\n",
			missing: `csvimport: deals: missing column "Deal - Currency of Value"`,
			want: []sp.Deal{{ID: "102", Owner: "Bob", Stage: "Proposal Made", Status: sp.Open, Amount: sp.MustParseMoney("1200.50 EUR"),
				Created: time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC), ExpectedClose: sp.Date{Year: 2026, Month: 6, Day: 30},
				Attrs: map[string]string{"name": "Globex deal"}}}},
		{name: "salesforce single currency", preset: "salesforce",
			change: func(m *csvimport.Mapping) {
				m.Deals.Currency = ""
				m.Currency = "EUR"
			},
			input: "\"Opportunity Owner\",\"Account Name\",\"Type\",\"Lead Source\",\"Amount\",\"Probability (%)\",\"Close Date\",\"Created Date\",\"Stage\",\"Forecast Category\",\"Opportunity ID\"\r\n" +
				"\"Jo Smith\",\"Acme\",\"New Customer\",\"Web\",\"10,000\",\"100\",\"3/14/2026\",\"1/5/2026\",\"Closed Won\",\"Closed\",\"0065g00000AbCdE\"\r\n",
			missing: `csvimport: deals: missing column "Amount Currency"`,
			want: []sp.Deal{{ID: "0065g00000AbCdE", Owner: "Jo Smith", Account: "Acme", Source: "Web", Stage: "Closed Won", Status: sp.Won,
				Amount: sp.MustParseMoney("10000 EUR"), Created: day(2026, 1, 5), Closed: day(2026, 3, 14), Category: sp.CategoryClosed,
				Attrs: map[string]string{"type": "New Customer", "probability": "100"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := csvimport.Preset(tt.preset)
			if err != nil {
				t.Fatal(err)
			}
			r := csvimport.Reader{Mapping: m, Reject: func(rj csvimport.Rejected) { t.Errorf("unchanged preset rejected: %v", rj.Err) }}
			_, err = r.Deals(strings.NewReader(tt.input))
			if tt.missing == "" {
				if err != nil {
					t.Errorf("unchanged preset: %v, want the extra columns ignored", err)
				}
			} else if err == nil || !errors.Is(err, csvimport.ErrMissingColumn) || !strings.HasPrefix(err.Error(), tt.missing+";") {
				t.Errorf("unchanged preset: %v, want %s; …", err, tt.missing)
			}
			tt.change(&m)
			got, rejected := readDeals(t, m, nil, tt.input)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("deals (-want +got):\n%s", diff)
			}
			if len(rejected) > 0 {
				t.Errorf("rejected: %q", rejected)
			}
		})
	}
}
