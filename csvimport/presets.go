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
// exported as CSV ("Export", "Details Only", comma-delimited, UTF-8, English
// labels). The deals file must have at least these columns, in any order:
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
//
// Verified against Salesforce's documentation, 2026-11:
//   - "Opportunity ID", "Amount", "Close Date", "Created Date", "Lead
//     Source", "Forecast Category", "Probability (%)" are the field labels
//     of Id, Amount, CloseDate, CreatedDate, LeadSource,
//     ForecastCategoryName and Probability in the Opportunity field
//     reference (developer.salesforce.com/docs/platform/field-reference,
//     "Opportunity" and "OpportunityChangeEvent").
//   - "Amount Currency" then "Amount", "Account Name" and "Opportunity
//     Name" are columns of an exported opportunity report in an org with
//     several currencies, the amount written "10,000" (Salesforce Help
//     article 000382314, "Exported Reports Display Unexpected Currency
//     Totals").
//   - Close Date is "the date when you plan to close the opportunity" and
//     is set to the day of the win when an open opportunity is won early
//     (Salesforce Help, "Opportunity Fields", sales.opp_fields.htm): hence
//     CloseIsExpectedWhenOpen.
//
// Not verified against Salesforce's own pages (found only in third-party
// material, or not at all): the report column labels "Opportunity Owner"
// (the field reference labels OwnerId "Owner ID"), "Stage" (StageName) and
// "Type" (labelled "Opportunity Type" in the field reference; a report
// that heads it so needs Deals.Attrs["type"] set to that); the standard
// stage names; and the date format of an export, which follows the
// exporting user's locale (for "dd/mm/yyyy" replace DateFormats, and set
// Location to the user's time zone for Created Date's time).
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

// HubSpot returns the Mapping of a HubSpot deals export (CSV, English
// headers). The deals file must have at least these columns, in any order:
//
//	Record ID, Deal Name, Deal Stage, Amount, Close Date, Create Date,
//	Deal owner, Pipeline, Original Traffic Source
//
// "Deal Name" goes to Attrs as "name", "Original Traffic Source" is the
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
//
// Verified against HubSpot's documentation, 2026-11: every column is the
// label of a default deal property in "Deal object definition"
// (developers.hubspot.com/docs/api-reference/latest/crm/objects/deals/object-definition,
// properties as of November 20, 2025): hs_object_id "Record ID", dealname
// "Deal Name", dealstage "Deal Stage", amount "Amount", closedate "Close
// Date", createdate "Create Date", hubspot_owner_id "Deal owner", pipeline
// "Pipeline", hs_analytics_source "Original Traffic Source". The close date
// is "the day the deal is expected to close, or was closed" (HubSpot
// Knowledge Base, "HubSpot's default deal properties"). The same
// definition labels closed_lost_reason "Closed Lost Reason",
// closed_won_reason "Closed Won Reason" and deal_currency_code "Currency":
// set Deals.LostReason and Deals.Currency to them when the export has
// them (they are not required).
//
// Changed, 2026-11: the source column was "Original Source Type", the
// property's label in older portals (HubSpot Knowledge Base, "Why did my
// contact's Original Source Type change?", 2016; later "Original source").
// For an export with that header set Deals.Source to "Original Source
// Type" (or "Original source"), or to "" when the export has no source.
//
// Not verified: the cell form of dates in an export and their zone
// (HubSpot shows datetimes in the viewing user's time zone, per its
// developer FAQ "How should timestamps be formatted for HubSpot's APIs?":
// set Location to it); the default pipeline's stage labels (from
// third-party pages; the internal names appear in HubSpot's API
// examples). An export made in another language than English has
// translated headers (HubSpot's Exports API takes a language).
func HubSpot() Mapping {
	return Mapping{
		Deals: DealColumns{
			ID: "Record ID", Stage: "Deal Stage", Amount: "Amount", Closed: "Close Date", Created: "Create Date",
			Owner: "Deal owner", Pipeline: "Pipeline", Source: "Original Traffic Source",
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
// The status ("open", "won", "lost", in any case: Pipedrive labels them
// "Open", "Won", "Lost") decides whether a deal is won or lost; the stage is the
// pipeline step it stood at (any name). A won deal closed at its won time,
// a lost one at its lost time; a deleted deal (status "deleted") is
// rejected. "Deal - Title" goes to Attrs as "name". Timestamps are
// "2006-01-02 15:04:05" and dates "2006-01-02", in UTC; the currency cell
// is a code ("EUR") or a name ending in one ("Euro (EUR)"); amounts may
// use ',' for thousands.
//
// Verified, 2026-11, as far as Pipedrive documents it: the part after
// "Deal - " is the field's name in Pipedrive's deal fields (GET
// /dealFields, developers.pipedrive.com/docs/api/v1/DealFields), as a 2025
// response of that endpoint kept in a public repository shows them: id "ID", title "Title",
// user_id "Owner", value "Value", stage_id "Stage", status "Status" (Open,
// Won, Lost, Deleted), add_time "Deal created", won_time "Won time",
// lost_time "Lost time", lost_reason "Lost reason", expected_close_date
// "Expected close date". Pipedrive's API client documentation
// (pipedrive/client-php DealCollectionResponseObject, pipedrive/client-nodejs
// NewDeal) gives add_time, won_time and
// lost_time as "YYYY-MM-DD HH:MM:SS" in UTC and the statuses open, won,
// lost, deleted.
//
// Two names for the currency: the response above names the value's
// currency subfield "Currency" (a monetary custom field's is "Currency of
// <name>"), and third-party code reading real exports meets both "Deal -
// Currency of Value" and "Deal - Currency". The preset keeps "Deal -
// Currency of Value"; for a file headed "Deal - Currency" set
// Deals.Currency to that.
//
// Not verified: the "Deal - " prefix of an export's headers (seen only in
// third-party code reading exports), and whether an export writes times in
// UTC as the API does or in the user's time zone (then set Location).
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
