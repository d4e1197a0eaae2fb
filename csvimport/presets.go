package csvimport

import (
	"fmt"
	"strings"
	"time"

	sp "github.com/salesperf/salesperf"
)

// PresetNames returns the names [Preset] knows, sorted: "hubspot",
// "maven", "pipedrive", "salesforce".
func PresetNames() []string {
	return []string{"hubspot", "maven", "pipedrive", "salesforce"}
}

// Preset returns the Mapping of a CRM export by name, ignoring case: see
// [PresetNames]. An unknown name gives an error wrapping
// salesperf.ErrInvalidValue that lists the known ones. Each call returns a
// fresh Mapping, which the caller may change.
func Preset(name string) (Mapping, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "hubspot":
		return HubSpot(), nil
	case "maven":
		return Maven(), nil
	case "pipedrive":
		return Pipedrive(), nil
	case "salesforce":
		return Salesforce(), nil
	}
	return Mapping{}, fmt.Errorf("csvimport: %w: unknown preset %q (known: %s)", sp.ErrInvalidValue, name, strings.Join(PresetNames(), ", "))
}

// Salesforce returns the Mapping of a Salesforce opportunity report
// exported as CSV ("Export", "Details Only", comma-delimited, UTF-8). The
// deals file must have at least these columns, in any order:
//
//	Opportunity ID, Opportunity Owner, Account Name, Type, Lead Source,
//	Stage, Amount Currency, Amount, Probability (%), Close Date,
//	Created Date, Forecast Category
//
// Owner is "Opportunity Owner", Account "Account Name", Source "Lead
// Source", Category "Forecast Category"; "Type" and "Probability (%)" go
// to Attrs as "type" and "probability". "Close Date" is the close of a
// closed deal and the expected close of an open one. Dates are the US
// locale's "1/2/2006", optionally with a time ("1/2/2006, 3:04 PM",
// "1/2/2006 3:04 PM"), or ISO "2006-01-02", in UTC; amounts may use ','
// for thousands. Stages: the standard ones (Prospecting, Qualification,
// Needs Analysis, Value Proposition, Id. Decision Makers, Perception
// Analysis, Proposal/Price Quote, Negotiation/Review are open; Closed Won
// won; Closed Lost lost), and any other by name (StageByName). In an org
// with a single currency the report has no "Amount Currency": set
// Deals.Currency to "" and Currency to the org's currency.
func Salesforce() Mapping {
	return Mapping{
		Deals: DealColumns{
			ID: "Opportunity ID", Owner: "Opportunity Owner", Account: "Account Name", Source: "Lead Source",
			Stage: "Stage", Amount: "Amount", Currency: "Amount Currency", Closed: "Close Date",
			Created: "Created Date", Category: "Forecast Category",
			Attrs: map[string]string{"type": "Type", "probability": "Probability (%)"},
		},
		DateFormats: []string{"1/2/2006", "1/2/2006, 3:04 PM", "1/2/2006 3:04 PM", "2006-01-02", time.RFC3339Nano},
		Thousands:   ',',
		Stages: map[string]sp.Status{
			"Prospecting": sp.Open, "Qualification": sp.Open, "Needs Analysis": sp.Open, "Value Proposition": sp.Open,
			"Id. Decision Makers": sp.Open, "Perception Analysis": sp.Open, "Proposal/Price Quote": sp.Open,
			"Negotiation/Review": sp.Open, "Closed Won": sp.Won, "Closed Lost": sp.Lost,
		},
		OtherStages:             StageByName,
		CloseIsExpectedWhenOpen: true,
	}
}

// HubSpot returns the Mapping of a HubSpot deals export (CSV). The deals
// file must have at least these columns, in any order:
//
//	Record ID, Deal Name, Deal Stage, Amount, Close Date, Create Date,
//	Deal owner, Pipeline, Original Source Type
//
// "Deal Name" goes to Attrs as "name", "Original Source Type" is the
// source. "Close Date" is the close of a closed deal and the expected
// close of an open one. Dates are "2006-01-02 15:04" (the export's form),
// with seconds, ISO dates or RFC 3339, in UTC; amounts are in USD and may
// use ',' for thousands — for a portal in another currency set Currency,
// or Deals.Currency to "Currency" where the export has that column.
// Stages: the default pipeline's labels (Appointment Scheduled, Qualified
// To Buy, Presentation Scheduled, Decision Maker Bought-In, Contract Sent
// are open; Closed Won won; Closed Lost lost) and internal names
// (appointmentscheduled… closedwon, closedlost), and any other by name
// (StageByName).
func HubSpot() Mapping {
	return Mapping{
		Deals: DealColumns{
			ID: "Record ID", Stage: "Deal Stage", Amount: "Amount", Closed: "Close Date", Created: "Create Date",
			Owner: "Deal owner", Pipeline: "Pipeline", Source: "Original Source Type",
			Attrs: map[string]string{"name": "Deal Name"},
		},
		DateFormats: []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02", time.RFC3339Nano},
		Thousands:   ',',
		Currency:    "USD",
		Stages: map[string]sp.Status{
			"Appointment Scheduled": sp.Open, "Qualified To Buy": sp.Open, "Presentation Scheduled": sp.Open,
			"Decision Maker Bought-In": sp.Open, "Contract Sent": sp.Open, "Closed Won": sp.Won, "Closed Lost": sp.Lost,
			"appointmentscheduled": sp.Open, "qualifiedtobuy": sp.Open, "presentationscheduled": sp.Open,
			"decisionmakerboughtin": sp.Open, "contractsent": sp.Open, "closedwon": sp.Won, "closedlost": sp.Lost,
		},
		OtherStages:             StageByName,
		CloseIsExpectedWhenOpen: true,
	}
}

// Pipedrive returns the Mapping of a Pipedrive deals export (CSV). The
// deals file must have at least these columns, in any order:
//
//	Deal - ID, Deal - Title, Deal - Owner, Deal - Value,
//	Deal - Currency of Value, Deal - Stage, Deal - Status,
//	Deal - Deal created, Deal - Won time, Deal - Lost time,
//	Deal - Lost reason, Deal - Expected close date
//
// The status ("open", "won", "lost") decides whether a deal is won or
// lost; the stage is the pipeline step it stood at (any name). A won
// deal closed at its won time, a lost one at its lost time; a deleted deal
// (status "deleted") is rejected. "Deal - Title" goes to Attrs as
// "name". Timestamps are "2006-01-02 15:04:05" and dates "2006-01-02", in
// UTC; the currency cell is a code ("EUR") or a name ending in one ("Euro
// (EUR)"); amounts may use ',' for thousands.
func Pipedrive() Mapping {
	return Mapping{
		Deals: DealColumns{
			ID: "Deal - ID", Owner: "Deal - Owner", Amount: "Deal - Value", Currency: "Deal - Currency of Value",
			Stage: "Deal - Stage", Status: "Deal - Status", Created: "Deal - Deal created",
			WonTime: "Deal - Won time", LostTime: "Deal - Lost time", LostReason: "Deal - Lost reason",
			ExpectedClose: "Deal - Expected close date",
			Attrs:         map[string]string{"name": "Deal - Title"},
		},
		DateFormats: []string{"2006-01-02 15:04:05", "2006-01-02", "2006-01-02 15:04", time.RFC3339Nano},
		Thousands:   ',',
		OtherStages: StageOpen,
	}
}

// Maven returns the Mapping of the Maven Analytics "CRM Sales
// Opportunities" data set: its sales_pipeline.csv for deals, with the
// header
//
//	opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
//
// and its sales_teams.csv for memberships, with the header
//
//	sales_agent,manager,regional_office
//
// Deals: Owner is sales_agent; the stages are Prospecting and Engaging
// (open), Won and Lost (any other is rejected); Created is engage_date,
// the earliest date the export has (so a Prospecting deal, which has none,
// is an open deal without a created date); Closed is close_date, empty for
// open deals; the amount is close_value in USD (0 for lost deals, empty
// for open ones); the stage history is the entry into Engaging at
// engage_date and into Won or Lost at close_date. The product GTXPro is
// renamed "GTX Pro", as the product catalogue spells it.
//
// Memberships: Person is sales_agent, Manager and Team are manager (a
// team is a manager's agents), Region is regional_office; the file is not
// dated, so every membership holds on every day.
func Maven() Mapping {
	return Mapping{
		Deals: DealColumns{
			ID: "opportunity_id", Owner: "sales_agent", Product: "product", Account: "account",
			Stage: "deal_stage", Created: "engage_date", Closed: "close_date", Amount: "close_value",
			StageEntered: map[string]string{"Engaging": "engage_date"},
		},
		Memberships: MembershipColumns{Person: "sales_agent", Manager: "manager", Team: "manager", Region: "regional_office"},
		DateFormats: []string{"2006-01-02"},
		Currency:    "USD",
		Replace:     map[string]map[string]string{"product": {"GTXPro": "GTX Pro"}},
		Stages:      map[string]sp.Status{"Prospecting": sp.Open, "Engaging": sp.Open, "Won": sp.Won, "Lost": sp.Lost},
	}
}
