package csvimport_test

import (
	"fmt"
	"strings"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/csvimport"
)

// Read deals from a CRM's CSV through a Mapping of its own: which column
// is which, the date format, the thousands separator, the stage names.
// Bad rows are reported with their line and counted, never dropped
// silently.
func ExampleReader_Deals() {
	const export = "Deal,Rep,Stage,Value,Opened,Closed\r\n" +
		"D-1,Ana,Negotiation,\"12,000\",03/02/2026,\r\n" +
		"D-2,Ana,Closed Won,\"8,500.50\",01/15/2026,02/27/2026\r\n" +
		"D-3,Bo,Closed Lost,0,01/20/2026,02/03/2026\r\n" +
		"D-4,Bo,Closed Won,\"4,200\",01/20/2026,2026-02-31\r\n"
	r := csvimport.Reader{
		Mapping: csvimport.Mapping{
			Deals: csvimport.DealColumns{ID: "Deal", Owner: "Rep", Stage: "Stage", Amount: "Value",
				Created: "Opened", Closed: "Closed"},
			DateFormats: []string{"01/02/2006"},
			Thousands:   ',',
			Currency:    "USD",
			Stages:      map[string]sp.Status{"Negotiation": sp.Open, "Closed Won": sp.Won, "Closed Lost": sp.Lost},
		},
		Reject: func(rj csvimport.Rejected) { fmt.Println("rejected:", rj.Err) },
	}
	deals, err := r.Deals(strings.NewReader(export))
	if err != nil {
		fmt.Println(err)
		return
	}
	var won sp.Sum
	for d := range deals {
		fmt.Printf("%s %s %v %v\n", d.ID, d.Owner, d.Status, d.Amount)
		if d.Status == sp.Won {
			won.Add(d.Amount)
		}
	}
	fmt.Println("won:", won.String())
	fmt.Print(r.Report())
	// Output:
	// D-1 Ana open 12000.00 USD
	// D-2 Ana won 8500.50 USD
	// D-3 Bo lost 0.00 USD
	// rejected: salesperf: deal D-4: Closed: invalid syntax: "2026-02-31" (line 5)
	// won: 8500.50 USD
	// deal: 4 checked, 1 rejected
	//   Closed: invalid syntax: 1
}

// Read a CRM export with a preset: here the layout of the Maven CRM data
// set, whose open deals leave the close fields empty.
func ExampleMaven() {
	const export = "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n" +
		"1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054\n" +
		"Z063OYW0,Darcel Schlecht,GTXPro,Isdom,Lost,2016-10-25,2017-03-11,0\n" +
		"HAXMC4IX,James Ascencio,MG Advanced,,Engaging,2016-10-25,,\n" +
		"6DJ6K2ZI,Violet Mclelland,GTX Basic,,Prospecting,,,\n"
	m, err := csvimport.Preset("maven")
	if err != nil {
		fmt.Println(err)
		return
	}
	r := csvimport.Reader{Mapping: m, Reject: func(rj csvimport.Rejected) { fmt.Println("rejected:", rj.Err) }}
	deals, err := r.Deals(strings.NewReader(export))
	if err != nil {
		fmt.Println(err)
		return
	}
	for d := range deals {
		fmt.Printf("%s %-11s %-4v %-14s %v, %d stage changes\n", d.ID, d.Stage, d.Status, d.Product, d.Amount, len(d.StageHistory))
	}
	// Output:
	// 1C1I7A6R Won         won  GTX Plus Basic 1054.00 USD, 2 stage changes
	// Z063OYW0 Lost        lost GTX Pro        0.00 USD, 2 stage changes
	// HAXMC4IX Engaging    open MG Advanced    0, 1 stage changes
	// 6DJ6K2ZI Prospecting open GTX Basic      0, 0 stage changes
}

// A mapped column the file lacks is one error, before any row is read.
func ExampleReader_Deals_missingColumn() {
	r := csvimport.Reader{Mapping: csvimport.Salesforce(), Reject: func(csvimport.Rejected) {}}
	_, err := r.Deals(strings.NewReader("Opportunity ID,Opportunity Owner,Stage,Amount,Close Date\n"))
	fmt.Println(err)
	// Output:
	// csvimport: deals: missing column "Amount Currency", "Created Date", "Forecast Category", "Lead Source", "Account Name", "Probability (%)", "Type"; the header has "Opportunity ID", "Opportunity Owner", "Stage", "Amount", "Close Date"
}

func ExamplePreset() {
	for _, name := range csvimport.PresetNames() {
		m, _ := csvimport.Preset(name)
		fmt.Printf("%-10s id %q, stage %q, amount %q\n", name, m.Deals.ID, m.Deals.Stage, m.Deals.Amount)
	}
	// Output:
	// hubspot    id "Record ID", stage "Deal Stage", amount "Amount"
	// maven      id "opportunity_id", stage "deal_stage", amount "close_value"
	// pipedrive  id "Deal - ID", stage "Deal - Stage", amount "Deal - Value"
	// salesforce id "Opportunity ID", stage "Stage", amount "Amount"
}
