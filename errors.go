package salesperf

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every data problem the package reports wraps exactly one
// of them, so callers can sort problems with [errors.Is]:
//
//	if errors.Is(err, salesperf.ErrCloseBeforeCreate) { ... }
var (
	// ErrMissingID: a record has no ID.
	ErrMissingID = errors.New("missing id")
	// ErrDuplicateID: two records of the same kind share an ID (batch validation).
	ErrDuplicateID = errors.New("duplicate id")
	// ErrMissingOwner: a deal, activity or lead has no owner (rep).
	ErrMissingOwner = errors.New("missing owner")
	// ErrMissingDate: a required date is zero (a deal's created date, an activity's time).
	ErrMissingDate = errors.New("missing date")
	// ErrCloseBeforeCreate: a deal's close date is before its create date.
	ErrCloseBeforeCreate = errors.New("close date before create date")
	// ErrClosedWithoutDate: a won or lost deal has no close date.
	ErrClosedWithoutDate = errors.New("closed deal without close date")
	// ErrOpenWithCloseDate: an open deal has a close date.
	ErrOpenWithCloseDate = errors.New("open deal with close date")
	// ErrInvalidStatus: a status that is not Open, Won or Lost (the zero Status).
	ErrInvalidStatus = errors.New("invalid status")
	// ErrStatusStageMismatch: a deal's status contradicts the kind of its stage
	// (a won deal in an open stage, an open deal in a lost stage).
	ErrStatusStageMismatch = errors.New("status contradicts stage")
	// ErrUnknownStage: a stage name the deal's pipeline does not define.
	ErrUnknownStage = errors.New("unknown stage")
	// ErrUnknownPipeline: a pipeline name the organisation does not define.
	ErrUnknownPipeline = errors.New("unknown pipeline")
	// ErrNegativeAmount: an amount below zero where only zero or more makes sense.
	ErrNegativeAmount = errors.New("negative amount")
	// ErrPrecision: an amount finer than its currency allows (10.005 USD).
	ErrPrecision = errors.New("precision finer than the currency allows")
	// ErrUnknownCurrency: a currency code that is not in ISO 4217.
	ErrUnknownCurrency = errors.New("unknown currency")
	// ErrMixedCurrency: amounts in different currencies met where one
	// currency is needed and no exchange-rate table converts them.
	ErrMixedCurrency = errors.New("mixed currencies")
	// ErrOverflow: a figure does not fit the type asked for (a sum beyond
	// int64 minor units requested as int64). The exact value stays available.
	ErrOverflow = errors.New("overflow")
	// ErrMissingRate: the exchange-rate table has no rate for a currency
	// pair on a date.
	ErrMissingRate = errors.New("missing exchange rate")
	// ErrSyntax: a string that does not parse (an amount, a currency, a date).
	ErrSyntax = errors.New("invalid syntax")
	// ErrHistoryOrder: a deal's history entries are not in time order, or
	// one is dated before the deal was created.
	ErrHistoryOrder = errors.New("history out of order")
	// ErrHistoryMismatch: a deal's history ends with a value other than the
	// deal's current one (the last stage change is not the current stage).
	ErrHistoryMismatch = errors.New("history disagrees with current value")
	// ErrHistoryAfterClose: a history entry is dated after the deal closed.
	ErrHistoryAfterClose = errors.New("history after close")
	// ErrNegativeDuration: an activity with a duration below zero.
	ErrNegativeDuration = errors.New("negative duration")
	// ErrUnknownKind: an activity kind or time category outside the defined
	// constants (Custom kinds need a name).
	ErrUnknownKind = errors.New("unknown kind")
	// ErrTouchBeforeCreate: a lead touched (by an action or activity) before
	// it was created.
	ErrTouchBeforeCreate = errors.New("touched before created")
	// ErrNotInOrg: a target (or record) names a rep, manager, team or
	// region that no membership of the org holds.
	ErrNotInOrg = errors.New("not in the org")
	// ErrInvalidPeriod: a period or date range that is empty or reversed
	// (an end before a start).
	ErrInvalidPeriod = errors.New("invalid period")
	// ErrInvalidValue: a field value outside its domain (a probability
	// above 1, a target of zero or below, a membership role that is not set).
	ErrInvalidValue = errors.New("invalid value")

	// ErrMissingField means a table does not hold a field a metric or
	// segment key reads (see DealTable and ActivityTable).
	ErrMissingField = errors.New("missing field")

	// ErrOutOfRange means a value cannot be held in a table's column: an
	// instant outside the years 1678–2261, or a table beyond 2³² rows.
	ErrOutOfRange = errors.New("out of range")
)

// ValidationError is one problem with one record: which kind of record
// (Record: "deal", "activity", "lead", "pipeline", "target", "membership",
// "subscription"), its ID, the field, and the sentinel (Err) that says what
// is wrong. Its message reads
//
//	salesperf: deal 9: closed: close date before create date
//
// and it unwraps to Err, so errors.Is(err, ErrCloseBeforeCreate) holds.
type ValidationError struct {
	Record string // kind of record: "deal", "activity", "lead", …
	ID     string // the record's ID; "" when the record has none
	Field  string // the field at fault, as named in the Go struct, lower case ("closed", "amount")
	Err    error  // a sentinel such as ErrCloseBeforeCreate, possibly wrapped with detail
}

// Error returns "salesperf: RECORD ID: FIELD: PROBLEM".
func (e *ValidationError) Error() string {
	id := e.ID
	if id == "" {
		id = `""`
	}
	return fmt.Sprintf("salesperf: %s %s: %s: %v", e.Record, id, e.Field, e.Err)
}

// Unwrap returns Err, so errors.Is and errors.As see the sentinel.
func (e *ValidationError) Unwrap() error { return e.Err }

// wrapf wraps a sentinel with detail: "SENTINEL: DETAIL".
func wrapf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)
}
