package csvimport

import (
	"time"

	sp "github.com/salesperf/salesperf"
)

// Mapping says how to read a CRM's CSV files: which column holds which
// field of each kind of record, and how its cells are written (dates,
// amounts, currency, stage names). Columns are named by their header
// cell; "" means the field is not read. Every column a Mapping names for
// the kind of record being read must be in the header (matched exactly,
// else ignoring case and surrounding spaces); two fields may name the same
// column.
//
// The zero Mapping names no column; set at least the ID column (Person for
// memberships, Level for targets) of the records you read. The presets
// ([Salesforce], [HubSpot], [Pipedrive], [Maven]) are ready-made Mappings
// to start from.
type Mapping struct {
	Deals         DealColumns
	Activities    ActivityColumns
	Leads         LeadColumns
	Targets       TargetColumns
	Memberships   MembershipColumns
	Subscriptions SubscriptionColumns

	// Comma separates fields; 0 means ','. A semicolon is common where
	// the decimal separator is a comma.
	Comma rune

	// DateFormats are the time layouts (see package time) tried in order
	// on every date or timestamp cell; the first that parses wins. nil
	// means "2006-01-02", RFC 3339 (with or without fractional seconds),
	// "2006-01-02 15:04:05", "2006-01-02T15:04:05" and "2006-01-02 15:04".
	// Put the layout most cells use first: the others are only tried when
	// it fails. Day-first and month-first layouts ("02/01/2006",
	// "01/02/2006") are ambiguous together; list only the one the file
	// uses.
	DateFormats []string
	// Location is where a date or time without a zone is read: a date
	// alone is midnight there. nil means UTC. A cell whose layout has a
	// zone keeps it.
	Location *time.Location

	// Thousands is the thousands separator amounts may use (',', '.', ' ',
	// '\'', or a no-break space); 0 accepts none, so "1,234.50" is then an
	// invalid amount rather than a guess. When set, separators are
	// optional but must group the integer digits by three: "1,234.50" and
	// "1234.50" parse, "1,23.50" does not.
	Thousands rune
	// DecimalComma makes ',' the decimal separator instead of '.'
	// ("1.234,50" with Thousands '.').
	DecimalComma bool
	// Currency is the currency of every amount whose currency column is
	// not mapped or empty. An amount cell may also carry its code
	// ("USD 1234.50", "1234.50 USD"), which then wins over both.
	Currency sp.Currency
	// Replace rewrites cell values before they are parsed: column header
	// → value in the file → value to use (Maven's product "GTXPro" is the
	// catalogue's "GTX Pro"). Values are matched exactly, after trimming
	// spaces.
	Replace map[string]map[string]string

	// Stages says which stage names are open, won or lost (salesperf.Open,
	// Won, Lost). Names are matched exactly, else ignoring case. A stage
	// not listed is looked up in the Reader's Pipelines, then settled by
	// OtherStages. A mapped status column, when its cell is not empty,
	// decides the status instead.
	Stages map[string]sp.Status
	// OtherStages settles the stages neither Stages nor the Pipelines
	// know; the zero value rejects them.
	OtherStages StageRule
	// CloseIsExpectedWhenOpen says the close-date column of an open deal
	// holds its expected close date, as in Salesforce and HubSpot, whose
	// Close Date is the planned date until the deal closes. Without it an
	// open deal with a close date is rejected
	// (salesperf.ErrOpenWithCloseDate).
	CloseIsExpectedWhenOpen bool

	// Kinds maps activity-kind cells to kinds, before the kinds' own names
	// ("call", "email", "meeting held"… as ActivityKind.String writes
	// them, in any case, with '_' or '-' for spaces). Matched exactly, else
	// ignoring case.
	Kinds map[string]sp.ActivityKind
	// Categories maps time-category cells to categories, before their own
	// names ("prospecting", "data entry"…); an empty cell is
	// Uncategorized.
	Categories map[string]sp.TimeCategory
	// DurationUnit is the unit of a duration cell that is a plain number
	// ("30", "1.5"); 0 means minutes. Cells may also be Go durations
	// ("1h30m") or clock forms ("1:30", "1:30:00").
	DurationUnit time.Duration

	// Calendar places targets' period cells in periods; the zero Calendar
	// is the calendar year in UTC.
	Calendar sp.Calendar
	// Grain is the grain of every target's period when the Targets.Grain
	// column is not mapped.
	Grain sp.Grain
}

// StageRule settles a deal's status when its stage is neither in
// [Mapping.Stages] nor in the Reader's pipelines.
type StageRule int8

// The stage rules.
const (
	// StageReject rejects the row with salesperf.ErrUnknownStage (the zero
	// value: a stage nobody said anything about is a problem to look at).
	StageReject StageRule = iota
	// StageOpen makes every other stage open (when a status column says
	// which deals are won or lost).
	StageOpen
	// StageByName makes a stage whose name has the word "won" won, one
	// with the word "lost" lost, and any other open: "Closed Won",
	// "closed-lost", "Won" (not "Won't say"). Words are split at anything
	// that is not a letter or an apostrophe, and compared ignoring case.
	StageByName
)

// DealColumns names the columns of a deals file. Created, Closed,
// WonTime, LostTime and the StageEntered columns are timestamps or dates;
// ExpectedClose a date. An empty cell is a zero value: an open deal leaves
// its close date, and may leave its amount and created date, empty.
type DealColumns struct {
	ID, Owner, Creator, Pipeline string
	Stage                        string
	Status                       string // "open", "won" or "lost", any case; decides over Stage when not empty
	Amount                       string
	Currency                     string // ISO 4217 code, or a name ending in it: "US Dollar (USD)"
	Created                      string
	Closed                       string // when the deal was won or lost (see Mapping.CloseIsExpectedWhenOpen)
	WonTime, LostTime            string // close of a won (lost) deal; win over Closed when not empty
	ExpectedClose                string
	Category                     string // forecast category: "pipeline", "best case", "commit", "closed", "omitted"
	LostReason                   string
	Source, Region, Industry     string
	Product, Account             string
	// StageEntered maps a stage name to the column holding when the deal
	// entered it. The deal's StageHistory is built from those that are not
	// empty, in time order, plus the entry into its current stage at the
	// close date for a closed deal.
	StageEntered map[string]string
	// Attrs maps an attribute key (Deal.Attrs) to its column.
	Attrs map[string]string
}

// ActivityColumns names the columns of an activities file. At is a
// timestamp; Duration see [Mapping.DurationUnit]; Kind and Category see
// [Mapping.Kinds] and [Mapping.Categories].
type ActivityColumns struct {
	ID, Rep, Deal, Lead string
	Kind                string
	At                  string
	Duration            string
	Category            string
	Outcome             string
}

// LeadColumns names the columns of a leads file. Created, FirstTouch,
// Converted and Disqualified are timestamps.
type LeadColumns struct {
	ID, Source, Owner string
	Created           string
	FirstTouch        string
	ConvertedDeal     string
	Converted         string
	Disqualified      string
	DisqualifyReason  string
}

// TargetColumns names the columns of a targets file: Level ("rep",
// "manager", "team", "region", "org"), Who, Metric ("won amount", "won
// deals", "activities", "new pipeline", "new deals", "new ARR"; any case,
// '_' or '-' for spaces), Activity (a kind, for activity targets), Period
// (a date in the period, usually its first day, placed in a period of
// [Mapping.Calendar]), Grain ("month", "quarter"…; or [Mapping.Grain] for
// all rows), Value (an amount for money metrics, in Currency or
// [Mapping.Currency]; a whole number for the others).
type TargetColumns struct {
	Level, Who, Metric, Activity string
	Period, Grain                string
	Value, Currency              string
}

// MembershipColumns names the columns of an org file: who (Person)
// reported to whom, in which team and region, from and until which dates
// (From and Until are dates; empty means since always, still).
type MembershipColumns struct {
	Person, Manager, Team, Region string
	From, Until                   string
}

// SubscriptionColumns names the columns of a subscriptions file. Start
// and End are dates; BillingMonths a whole number of months or "monthly",
// "quarterly", "semiannual", "annual" (empty: annual).
type SubscriptionColumns struct {
	ID, Customer     string
	Amount, Currency string
	BillingMonths    string
	Start, End       string
}
