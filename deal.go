package salesperf

import (
	"sort"
	"strconv"
	"time"
)

// Status says whether a deal is still open, won or lost. The zero Status
// is invalid, so a deal whose status was never set is caught by validation.
type Status int8

// The deal statuses.
const (
	Open Status = iota + 1 // still in play
	Won                    // closed won
	Lost                   // closed lost
)

// String returns "open", "won", "lost", or "Status(N)" for an invalid status.
func (s Status) String() string {
	switch s {
	case Open:
		return "open"
	case Won:
		return "won"
	case Lost:
		return "lost"
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// ForecastCategory is the rep's call on an open deal, as Salesforce and
// HubSpot name them. The zero value, NoCategory, means the CRM records
// none; forecasts by category then leave the deal out and count it.
type ForecastCategory int8

// The forecast categories, from least to most certain, plus Omitted.
const (
	NoCategory       ForecastCategory = iota // not recorded
	CategoryPipeline                         // in play, not yet likely
	CategoryBestCase                         // could close this period if all goes well
	CategoryCommit                           // the rep commits to closing it this period
	CategoryClosed                           // won (closed deals' category)
	CategoryOmitted                          // left out of the forecast (lost, or deliberately excluded)
)

// String returns "pipeline", "best case", "commit", "closed", "omitted",
// "" for NoCategory, or "ForecastCategory(N)" for an invalid value.
func (c ForecastCategory) String() string {
	switch c {
	case NoCategory:
		return ""
	case CategoryPipeline:
		return "pipeline"
	case CategoryBestCase:
		return "best case"
	case CategoryCommit:
		return "commit"
	case CategoryClosed:
		return "closed"
	case CategoryOmitted:
		return "omitted"
	}
	return "ForecastCategory(" + strconv.Itoa(int(c)) + ")"
}

// Deal is one sales opportunity. Its current state is in the plain fields;
// its past is in the four histories, so that a funnel can count every
// stage the deal reached and [Deal.AsOf] can show the deal as it stood at
// any past instant.
//
// Histories record the value a field took and the instant it took it, in
// time order (Validate checks the order). The first entry is normally at
// Created, with the value the deal was created with; the last entry equals
// the current field. An empty history means the field has held its
// current value since the deal was created.
type Deal struct {
	ID       string
	Owner    string // the rep credited with the deal
	Creator  string // who created the deal; "" means the owner
	Pipeline string // the pipeline's name; "" means the default (first) pipeline
	Stage    string // current stage, a name in the pipeline
	Status   Status
	Amount   Money // the deal's value; the zero Money means "no amount yet"

	Created       time.Time // when the opportunity was created; zero only for an open deal whose export omits it
	Closed        time.Time // when it was won or lost; zero while open
	ExpectedClose Date      // the rep's expected close date; zero if none
	Category      ForecastCategory
	LostReason    string

	Source   string // lead source or channel ("web", "referral", "outbound")
	Region   string
	Industry string
	Product  string
	Account  string
	Attrs    map[string]string // any other field users segment by

	StageHistory         []StageChange
	AmountHistory        []AmountChange
	ExpectedCloseHistory []ExpectedCloseChange
	CategoryHistory      []CategoryChange
}

// StageChange records that a deal entered Stage at instant At.
type StageChange struct {
	At    time.Time
	Stage string
}

// AmountChange records that a deal's amount became Amount at instant At.
type AmountChange struct {
	At     time.Time
	Amount Money
}

// ExpectedCloseChange records that a deal's expected close date became
// ExpectedClose at instant At (a slip when it moves later).
type ExpectedCloseChange struct {
	At            time.Time
	ExpectedClose Date
}

// CategoryChange records that a deal's forecast category became Category
// at instant At.
type CategoryChange struct {
	At       time.Time
	Category ForecastCategory
}

// IsClosed reports whether the deal is won or lost.
func (d *Deal) IsClosed() bool { return d.Status == Won || d.Status == Lost }

// CreatedBy returns who created the deal: Creator, or Owner when Creator
// is empty.
func (d *Deal) CreatedBy() string {
	if d.Creator != "" {
		return d.Creator
	}
	return d.Owner
}

// AsOf returns the deal exactly as it stood at instant t, and false if it
// did not exist yet (t before Created).
//
// In the returned deal, each history keeps only its entries at or before
// t, and each historised field (Stage, Amount, ExpectedClose, Category)
// holds the value of its last such entry. When a history is not empty but
// all its entries are after t, the value at t is not known, and the field
// is its zero value ("" stage, no amount, no date, NoCategory), never a
// value from the future. The status is the final status from Closed on
// and Open before it; before Closed, Closed is zero and LostReason empty.
// A deal that closed after t without a stage history was in an
// unrecorded open stage at t: its Stage is "" then, not the won or lost
// stage it closed in. No field dated after t is read, so AsOf is safe for
// backtests. The
// fields without history (owner, source, attributes) are returned as they
// are now; Attrs is shared with d, not copied.
//
// AsOf assumes each history is in time order, as Validate checks. At the
// close instant, the view equals the deal itself when the histories end
// with its current values (Validate checks that too).
func (d *Deal) AsOf(t time.Time) (Deal, bool) {
	if t.Before(d.Created) {
		return Deal{}, false
	}
	v := *d
	if d.Closed.IsZero() || t.Before(d.Closed) {
		v.Status = Open
		v.Closed = time.Time{}
		v.LostReason = ""
		if d.IsClosed() && len(d.StageHistory) == 0 {
			// Its stage now is the won or lost one it closed in; which
			// open stage it was in at t is not recorded.
			v.Stage = ""
		}
	}
	replay(&v.StageHistory, &v.Stage, t, func(c *StageChange) (time.Time, string) { return c.At, c.Stage })
	replay(&v.AmountHistory, &v.Amount, t, func(c *AmountChange) (time.Time, Money) { return c.At, c.Amount })
	replay(&v.ExpectedCloseHistory, &v.ExpectedClose, t, func(c *ExpectedCloseChange) (time.Time, Date) { return c.At, c.ExpectedClose })
	replay(&v.CategoryHistory, &v.Category, t, func(c *CategoryChange) (time.Time, ForecastCategory) { return c.At, c.Category })
	return v, true
}

// replay cuts the time-ordered history *h to its entries at or before t
// and sets *v to the value of the last of them, or to the zero value when
// every entry is after t. An empty history leaves both unchanged. The cut
// history keeps no spare capacity, so appending to it cannot write into
// the original.
func replay[E, V any](h *[]E, v *V, t time.Time, entry func(*E) (time.Time, V)) {
	if len(*h) == 0 {
		return
	}
	n := sort.Search(len(*h), func(i int) bool {
		at, _ := entry(&(*h)[i])
		return at.After(t)
	})
	*h = (*h)[:n:n]
	var zero V
	*v = zero
	if n > 0 {
		_, *v = entry(&(*h)[n-1])
	}
}
