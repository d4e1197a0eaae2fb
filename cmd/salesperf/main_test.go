package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs the command line in-process.
func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestSample runs every subcommand on the embedded sample, in table and
// JSON formats, against golden files.
func TestSample(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"scorecard", []string{"scorecard"}},
		{"scorecard_quarter_manager", []string{"scorecard", "--period", "quarter", "--by", "manager"}},
		{"scorecard_by_period", []string{"scorecard", "--by", "period", "--period", "year"}},
		{"funnel", []string{"funnel"}},
		{"leaderboard", []string{"leaderboard", "--period", "year"}},
		{"forecast", []string{"forecast"}},
		{"lost_reasons", []string{"report", "lost-reasons", "--period", "quarter"}},
		{"lead_sources", []string{"report", "lead-sources", "--period", "quarter"}},
		{"pipeline", []string{"report", "pipeline"}},
	}
	for _, tt := range tests {
		for _, format := range []string{"table", "json"} {
			t.Run(tt.name+"/"+format, func(t *testing.T) {
				code, out, errs := runCmd(append(tt.args, "--format", format)...)
				if code != 0 {
					t.Fatalf("exit code %d, stderr:\n%s", code, errs)
				}
				// The sample's deliberate problems are reported, not dropped.
				if !strings.Contains(errs, "6 of 2011 deal rows") || !strings.Contains(out, "left out") && format == "table" {
					t.Errorf("rejections not reported: stderr:\n%s", errs)
				}
				if format == "json" {
					var v map[string]any
					if err := json.Unmarshal([]byte(out), &v); err != nil {
						t.Fatalf("not JSON: %v", err)
					}
					if v["left_out"] == nil || v["currency"] != "USD" {
						t.Errorf("header: left_out %v, currency %v", v["left_out"], v["currency"])
					}
				}
				ext := map[string]string{"table": ".txt", "json": ".json"}[format]
				checkGolden(t, tt.name+ext, []byte(out))
			})
		}
	}
}

// TestFormats writes one report in the other formats.
func TestFormats(t *testing.T) {
	args := []string{"scorecard", "--period", "quarter", "--by", "team"}
	t.Run("csv", func(t *testing.T) {
		code, out, errs := runCmd(append(args, "--format", "csv")...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 5 || recs[0][0] != "team" || recs[4][0] != "total" {
			t.Errorf("csv rows: %q", recs)
		}
		checkGolden(t, "scorecard_team.csv", []byte(out))
	})
	t.Run("markdown", func(t *testing.T) {
		code, out, errs := runCmd(append(args, "--format", "markdown")...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		checkGolden(t, "scorecard_team.md", []byte(out))
	})
	for _, cmd := range [][]string{{"funnel"}, {"leaderboard"}, {"forecast"}, {"scorecard"}, {"report", "pipeline"}} {
		t.Run("html/"+strings.Join(cmd, "_"), func(t *testing.T) {
			code, out, errs := runCmd(append(cmd, "--format", "html")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.Contains(out, "<table") {
				t.Errorf("not an HTML page with a table:\n%.300s", out)
			}
			if wantSVG := cmd[0] != "scorecard" && cmd[0] != "report"; strings.Contains(out, "<svg") != wantSVG {
				t.Errorf("chart present = %v, want %v", !wantSVG, wantSVG)
			}
		})
	}
	t.Run("csv/several tables", func(t *testing.T) {
		code, out, errs := runCmd("report", "pipeline", "--format", "csv")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if _, err := csv.NewReader(strings.NewReader(out)).ReadAll(); err != nil || !strings.HasPrefix(out, "table,stage,") {
			t.Errorf("csv: %v\n%.200s", err, out)
		}
	})
}

// TestBadInput: bad flags and bad files give one line on stderr starting
// with "salesperf: " and exit code 2.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	notCSV := filepath.Join(dir, "image.png")
	if err := os.WriteFile(notCSV, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\xff\xfe"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, nil, 0o644)
	eur := filepath.Join(dir, "eur.csv")
	os.WriteFile(eur, []byte("id,owner,stage,status,amount,currency,created,closed\nA,ann,Won,won,10.00,EUR,2025-01-01,2025-01-02\n"), 0o644)
	noID := filepath.Join(dir, "noid.csv")
	os.WriteFile(noID, []byte("Deal,Rep,Stage\nA,ann,Won\n"), 0o644)
	mixed := filepath.Join(dir, "mixed.csv")
	os.WriteFile(mixed, []byte("id,owner,stage,status,amount,currency,created,closed\nA,ann,Won,won,10.00,USD,2025-01-01,2025-01-02\nB,ann,Won,won,20.00,EUR,2025-01-01,2025-01-02\n"), 0o644)
	tests := []struct {
		name string
		args []string
		want string // in the message
	}{
		{"no subcommand flag", []string{"--deals", "x.csv"}, "unknown subcommand"},
		{"unknown subcommand", []string{"scorcard"}, `unknown subcommand "scorcard"`},
		{"unknown flag", []string{"scorecard", "--bogus"}, "flag provided but not defined: -bogus"},
		{"bad by", []string{"leaderboard", "--by", "colour"}, `unknown value "colour"`},
		{"bad period", []string{"scorecard", "--period", "week"}, "want month, quarter or year"},
		{"bad format", []string{"funnel", "--format", "pdf"}, `"pdf"`},
		{"bad as-of", []string{"scorecard", "--as-of", "31/12/2025"}, "want a date like 2026-03-14"},
		{"bad fiscal start", []string{"scorecard", "--fiscal-start", "13"}, "not 1–12"},
		{"bad currency", []string{"scorecard", "--currency", "XXY"}, "unknown currency"},
		{"extra argument", []string{"scorecard", "now"}, `unexpected argument "now"`},
		{"report without name", []string{"report"}, "name the report"},
		{"unknown report", []string{"report", "churn"}, `unknown report "churn"`},
		{"unknown preset", []string{"scorecard", "--preset", "zoho", "--deals", "testdata/deals_bad.csv"}, `unknown preset "zoho"`},
		{"preset without file", []string{"scorecard", "--preset", "maven"}, "--preset needs a data file"},
		{"bad map", []string{"scorecard", "--deals", "testdata/deals_bad.csv", "--map", "deals.colour=x"}, `unknown deals field "colour"`},
		{"map without equals", []string{"scorecard", "--deals", "testdata/deals_bad.csv", "--map", "owner"}, "is not field=column"},
		{"mapped column missing", []string{"scorecard", "--deals", "testdata/deals_bad.csv", "--map", "owner=Sales Rep"}, "missing column"},
		{"missing file", []string{"scorecard", "--deals", filepath.Join(dir, "nope.csv")}, "no such file or directory"},
		{"not csv", []string{"scorecard", "--deals", notCSV}, "not a CSV file"},
		{"empty file", []string{"funnel", "--deals", empty}, "not a CSV file"},
		{"by manager without org", []string{"scorecard", "--deals", "testdata/deals.csv", "--by", "manager"}, "--by manager needs --org FILE"},
		{"mixed currencies", []string{"scorecard", "--deals", mixed}, "several currencies (EUR, USD)"},
		{"other currency", []string{"scorecard", "--deals", eur, "--currency", "USD"}, "in EUR, not USD"},
		{"no id column", []string{"scorecard", "--deals", noID}, "no column for the deal's id: name one with --map deals.id=COLUMN"},
		{"lead sources without leads", []string{"report", "lead-sources", "--deals", "testdata/deals.csv"}, "needs leads"},
		{"unknown help topic", []string{"help", "colours"}, "unknown topic"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCmd(tt.args...)
			if code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
			if out != "" {
				t.Errorf("stdout not empty: %q", out)
			}
			lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
			last := lines[len(lines)-1]
			if !strings.HasPrefix(last, "salesperf: ") || !strings.Contains(last, tt.want) {
				t.Errorf("stderr last line %q, want \"salesperf: …%s…\"", last, tt.want)
			}
			if len(lines) != 1 {
				t.Errorf("stderr has %d lines, want 1:\n%s", len(lines), errs)
			}
		})
	}
}

// TestRejectedRows: bad rows are summarised on stderr with counts and
// line numbers, and the output says how many were left out.
func TestRejectedRows(t *testing.T) {
	code, out, errs := runCmd("scorecard", "--deals", "testdata/deals_bad.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"testdata/deals_bad.csv: 3 of 8 deal rows rejected and left out:",
		"deal amount: invalid syntax: 1",
		"deal created: invalid syntax: 1",
		"deal owner: missing owner: 1",
		`line 7: salesperf: deal D6: amount: invalid syntax: "12x4"`,
		`line 8: salesperf: deal D7: created: invalid syntax: "2025-13-01"`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if !strings.Contains(out, "left out: 3 deals that failed validation") {
		t.Errorf("stdout does not say what was left out:\n%s", out)
	}
	checkGolden(t, "deals_bad.txt", []byte(out))
	_, js, _ := runCmd("scorecard", "--deals", "testdata/deals_bad.csv", "--format", "json")
	if !strings.Contains(js, `"left_out": {
    "deal": 3
  }`) {
		t.Errorf("JSON left_out:\n%s", js)
	}
}

// TestHelp: --help and help TOPIC print usage with examples on stdout.
func TestHelp(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--help"}, "Usage:"},
		{[]string{"-h"}, "Examples:"},
		{[]string{"help"}, "--fiscal-start"},
		{[]string{"help", "scorecard"}, "salesperf scorecard --preset maven"},
		{[]string{"scorecard", "--help"}, "salesperf scorecard [flags]"},
		{[]string{"report", "--help"}, "lost-reasons"},
		{[]string{"report", "pipeline", "-h"}, "lead-sources"},
		{[]string{"help", "forecast"}, "Monte Carlo"},
		{[]string{"help", "json"}, `{"num": 4, "den": 7, "value": "0.5714"}`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errs := runCmd(tt.args...)
			if code != 0 || errs != "" {
				t.Errorf("exit %d, stderr %q", code, errs)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("stdout lacks %q:\n%s", tt.want, out)
			}
		})
	}
	t.Run("no arguments", func(t *testing.T) {
		code, out, errs := runCmd()
		if code != 2 || out != "" || !strings.Contains(errs, "Usage:") {
			t.Errorf("exit %d, stdout %q, stderr %.40q", code, out, errs)
		}
	})
}

// TestJSONHelpMatchesDoc: "salesperf help json" is the JSON section of
// the package doc.
func TestJSONHelpMatchesDoc(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	s = s[strings.Index(s, "// # JSON"):strings.Index(s, "package main")]
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		l = strings.TrimPrefix(strings.TrimPrefix(l, "//"), " ")
		if strings.HasPrefix(l, "\t") {
			l = "  " + l[1:]
		}
		b.WriteString(l + "\n")
	}
	want := strings.Replace(b.String(), "# JSON", "salesperf --format json", 1)
	if want != jsonHelp {
		t.Errorf("jsonHelp differs from the package doc's JSON section:\n%s", want)
	}
}

// TestMaven: the Maven CRM export's scorecard by manager, when the data
// set is present.
func TestMaven(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "maven-crm")
	pipe, teams := filepath.Join(dir, "sales_pipeline.csv"), filepath.Join(dir, "sales_teams.csv")
	if _, err := os.Stat(pipe); err != nil {
		t.Skipf("Maven CRM data not present: %v", err)
	}
	code, out, errs := runCmd("scorecard", "--preset", "maven", "--deals", pipe, "--org", teams, "--by", "manager")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if errs != "" {
		t.Errorf("stderr: %s", errs)
	}
	var total []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "total ") {
			total = strings.Fields(l)
		}
	}
	// total deals open won lost rate (parts) won-amount …
	if len(total) < 8 || total[1] != "8800" || total[3] != "4238" || total[7] != "10005534.00" {
		t.Errorf("total row %q, want 8800 deals, 4238 won, won 10005534.00:\n%s", total, out)
	}
	for _, m := range []string{"Cara Losch", "Celia Rouche", "Dustin Brinkmann", "Melvin Marxen", "Rocco Neubert", "Summer Sewald"} {
		if !strings.Contains(out, "\n"+m+" ") {
			t.Errorf("no row for manager %s", m)
		}
	}
	checkGolden(t, "maven_manager.txt", []byte(out))

	code, js, errs := runCmd("scorecard", "--preset", "maven", "--deals", pipe, "--org", teams, "--by", "manager", "--format", "json")
	if code != 0 {
		t.Fatalf("json: exit %d: %s", code, errs)
	}
	var doc struct {
		Total struct {
			Created   int64 `json:"created"`
			Won       int64 `json:"won"`
			WonAmount struct {
				Amount   string `json:"amount"`
				Currency string `json:"currency"`
			} `json:"won_amount"`
		} `json:"total"`
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Total.Created != 8800 || doc.Total.Won != 4238 || doc.Total.WonAmount.Amount != "10005534.00" || doc.Total.WonAmount.Currency != "USD" {
		t.Errorf("JSON total %+v", doc.Total)
	}
}

// TestAsOf: an earlier --as-of sees the deals as they stood then.
func TestAsOf(t *testing.T) {
	_, out, _ := runCmd("scorecard", "--deals", "testdata/deals_bad.csv", "--as-of", "2025-02-15", "--format", "csv")
	// As of the end of 2025-02-15: D1 won on 02-10 (cycle 01-05 → 02-10 = 36
	// days); D2 (lost 02-20) and D3 (won 03-01) still open; D4 (created
	// 02-01) open; D8 (created 03-10) not created yet; D5–D7 rejected.
	want := "owner,deals,open,won,lost,win rate,won amount,avg deal,cycle mean,median,p90\n" +
		"ann,2,1,1,0,100.0% (1/1),1000.00,1000.00,36.0,36,36\n" +
		"bob,2,2,0,0,– (0/0),0.00,–,–,–,–\n" +
		"total,4,3,1,0,100.0% (1/1),1000.00,1000.00,36.0,36,36\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
