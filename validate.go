package salesperf

import (
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"
)

// Dataset is everything an organisation's figures are computed from,
// gathered so that [Validate] can check the records against each other
// (duplicate IDs, stages against pipelines, activities against leads).
type Dataset struct {
	Pipelines     Pipelines
	Deals         []Deal
	Activities    []Activity
	Leads         []Lead
	Targets       []Target
	Memberships   []Membership
	Subscriptions []Subscription
}

// Validate checks every record of ds and reports every problem at once,
// as errors.Join of *ValidationError in input order (pipelines, deals,
// activities, leads, targets, memberships, subscriptions), or nil if
// there is none. Beyond the per-record checks of [Validator], it finds
// IDs used twice within one kind of record (ErrDuplicateID), pipelines
// defined twice, activities that touch a lead before the lead was
// created (ErrTouchBeforeCreate), targets for someone the memberships do
// not know (ErrNotInOrg; checked when there are memberships), and two
// targets of one person, metric and grain whose periods overlap
// (ErrInvalidPeriod). When ds.Pipelines is empty, stage names
// are not checked.
func Validate(ds *Dataset) error {
	var errs []error
	errs = checkPipelines(ds.Pipelines, errs)
	seen := make(map[string]bool)
	dup := func(record, id string) {
		if id == "" {
			return
		}
		if seen[id] {
			errs = append(errs, &ValidationError{Record: record, ID: id, Field: "id", Err: ErrDuplicateID})
		}
		seen[id] = true
	}
	for i := range ds.Deals {
		errs = checkDeal(&ds.Deals[i], ds.Pipelines, errs)
		dup("deal", ds.Deals[i].ID)
	}
	leadCreated := make(map[string]time.Time, len(ds.Leads))
	for i := range ds.Leads {
		leadCreated[ds.Leads[i].ID] = ds.Leads[i].Created
	}
	clear(seen)
	for i := range ds.Activities {
		a := &ds.Activities[i]
		errs = checkActivity(a, errs)
		dup("activity", a.ID)
		if created, ok := leadCreated[a.Lead]; ok && a.Lead != "" && !a.At.IsZero() && a.At.Before(created) {
			errs = append(errs, &ValidationError{Record: "activity", ID: a.ID, Field: "at",
				Err: wrapf(ErrTouchBeforeCreate, "lead %s created %s, touched %s", a.Lead, stamp(created), stamp(a.At))})
		}
	}
	clear(seen)
	for i := range ds.Leads {
		errs = checkLead(&ds.Leads[i], errs)
		dup("lead", ds.Leads[i].ID)
	}
	for i := range ds.Targets {
		errs = checkTarget(&ds.Targets[i], errs)
	}
	errs = checkTargetsAgainst(ds.Targets, ds.Memberships, errs)
	if _, err := NewOrg(ds.Memberships); err != nil {
		errs = append(errs, unjoin(err)...)
	}
	clear(seen)
	for i := range ds.Subscriptions {
		errs = checkSubscription(&ds.Subscriptions[i], errs)
		dup("subscription", ds.Subscriptions[i].ID)
	}
	return errors.Join(errs...)
}

// unjoin returns the errors inside an errors.Join, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// Validator checks records one at a time as they stream past, hands every
// bad record to Reject, and counts what it checked and rejected, so that
// nothing is dropped silently. It checks each record on its own (for
// duplicate IDs and cross-record checks, use [Validate] on a batch).
//
//	v := salesperf.Validator{Pipelines: ps, Reject: func(r salesperf.Rejected) { log.Print(r.Err) }}
//	for d := range v.Deals(deals) { ... only valid deals arrive here ... }
//	fmt.Print(v.Report())
//
// A Validator is not safe for concurrent use; give each goroutine its own
// and add their reports.
type Validator struct {
	// Pipelines the deals' stages are checked against; when empty, stage
	// names and the status-against-stage check are skipped.
	Pipelines Pipelines
	// Reject receives each bad record with all its problems. It must be
	// set: the Validator panics on the first bad record otherwise.
	Reject func(Rejected)
	// UniqueIDs rejects a record whose ID an earlier record of the same
	// kind had (ErrDuplicateID); the first one is kept. It remembers every
	// ID seen, so its memory grows with the stream.
	UniqueIDs bool

	report ValidationReport
	seen   map[string]map[string]bool // record kind → IDs seen, with UniqueIDs
}

// Rejected is a record that failed validation: its kind ("deal",
// "activity", "lead", "subscription"), the record itself (a *Deal,
// *Activity, *Lead or *Subscription, valid only during the Reject call) and Err, the errors.Join of its
// problems, each a *ValidationError.
type Rejected struct {
	Record string
	Value  any
	Err    error
}

// ValidationReport counts what a [Validator] saw: records checked and
// rejected per kind of record, and problems per kind, field and reason
// (a record with two problems counts once in Rejected and twice in
// Problems). Problem fields name list entries without their index
// ("stageHistory[].at").
type ValidationReport struct {
	Checked  map[string]int
	Rejected map[string]int
	Problems map[Problem]int
}

// Problem is one kind of problem a ValidationReport counts: the kind of
// record, the field, and the sentinel error (ErrNegativeAmount…).
type Problem struct {
	Record string
	Field  string
	Err    error
}

// String prints the report as sorted lines: "deal: 10 checked, 2
// rejected" per kind of record, each followed by its problems, one line
// per field and reason ("  amount: negative amount: 1"). Entries of a list
// field are counted together ("stageHistory[].at").
func (r ValidationReport) String() string {
	var b strings.Builder
	probs := slices.SortedFunc(maps.Keys(r.Problems), func(a, b Problem) int {
		return strings.Compare(a.Record+" "+a.Field+" "+a.Err.Error(), b.Record+" "+b.Field+" "+b.Err.Error())
	})
	for _, k := range slices.Sorted(maps.Keys(r.Checked)) {
		fmt.Fprintf(&b, "%s: %d checked, %d rejected\n", k, r.Checked[k], r.Rejected[k])
		for _, p := range probs {
			if p.Record == k {
				fmt.Fprintf(&b, "  %s: %v: %d\n", p.Field, p.Err, r.Problems[p])
			}
		}
	}
	return b.String()
}

// Report returns the counts so far. The maps are copies.
func (v *Validator) Report() ValidationReport {
	return ValidationReport{
		Checked:  maps.Clone(v.report.Checked),
		Rejected: maps.Clone(v.report.Rejected),
		Problems: maps.Clone(v.report.Problems),
	}
}

// Deal checks one deal and reports whether it is valid; a bad deal goes
// to Reject.
func (v *Validator) Deal(d *Deal) bool {
	return v.judge("deal", d, d.ID, checkDeal(d, v.Pipelines, nil))
}

// Activity checks one activity and reports whether it is valid; a bad
// activity goes to Reject.
func (v *Validator) Activity(a *Activity) bool {
	return v.judge("activity", a, a.ID, checkActivity(a, nil))
}

// Lead checks one lead and reports whether it is valid; a bad lead goes
// to Reject.
func (v *Validator) Lead(l *Lead) bool {
	return v.judge("lead", l, l.ID, checkLead(l, nil))
}

// Subscription checks one subscription and reports whether it is valid;
// a bad subscription goes to Reject.
func (v *Validator) Subscription(x *Subscription) bool {
	return v.judge("subscription", x, x.ID, checkSubscription(x, nil))
}

// Deals returns the valid deals of seq, in order; each bad one goes to
// Reject instead.
func (v *Validator) Deals(seq iter.Seq[Deal]) iter.Seq[Deal] {
	return filterValid(seq, v.Deal)
}

// Activities returns the valid activities of seq, in order; each bad one
// goes to Reject instead.
func (v *Validator) Activities(seq iter.Seq[Activity]) iter.Seq[Activity] {
	return filterValid(seq, v.Activity)
}

// Leads returns the valid leads of seq, in order; each bad one goes to
// Reject instead.
func (v *Validator) Leads(seq iter.Seq[Lead]) iter.Seq[Lead] {
	return filterValid(seq, v.Lead)
}

// Subscriptions returns the valid subscriptions of seq, in order; each
// bad one goes to Reject instead.
func (v *Validator) Subscriptions(seq iter.Seq[Subscription]) iter.Seq[Subscription] {
	return filterValid(seq, v.Subscription)
}

func filterValid[T any](seq iter.Seq[T], ok func(*T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		for x := range seq {
			if ok(&x) && !yield(x) {
				return
			}
		}
	}
}

func (v *Validator) judge(record string, value any, id string, errs []error) bool {
	if v.report.Checked == nil {
		v.report = ValidationReport{Checked: map[string]int{}, Rejected: map[string]int{}, Problems: map[Problem]int{}}
	}
	v.report.Checked[record]++
	if v.UniqueIDs && id != "" {
		if v.seen == nil {
			v.seen = make(map[string]map[string]bool)
		}
		if v.seen[record] == nil {
			v.seen[record] = make(map[string]bool)
		}
		if v.seen[record][id] {
			errs = append(errs, &ValidationError{Record: record, ID: id, Field: "id", Err: ErrDuplicateID})
		} else if len(errs) == 0 {
			v.seen[record][id] = true
		}
	}
	if len(errs) == 0 {
		return true
	}
	if v.Reject == nil {
		panic("salesperf: Validator.Reject is nil")
	}
	v.report.Rejected[record]++
	for _, err := range errs {
		var ve *ValidationError
		if errors.As(err, &ve) {
			v.report.Problems[ProblemOf(ve)]++
		}
	}
	v.Reject(Rejected{Record: record, Value: value, Err: errors.Join(errs...)})
	return false
}

// ProblemOf is the kind of problem e is, as a ValidationReport counts it:
// its record, its field with list indexes dropped ("stageHistory[].at"),
// and the sentinel its error wraps (the error itself when it wraps none of
// this package's sentinels).
func ProblemOf(e *ValidationError) Problem {
	return Problem{Record: e.Record, Field: listField(e.Field), Err: sentinelOf(e.Err)}
}

// listField turns "stageHistory[3].at" into "stageHistory[].at", so that
// problems with entries of a list are counted together.
func listField(f string) string {
	i := strings.IndexByte(f, '[')
	if i < 0 {
		return f
	}
	j := strings.IndexByte(f[i:], ']')
	if j < 0 {
		return f
	}
	return f[:i+1] + listField(f[i+j:])
}

// sentinels lists every sentinel a validation problem can wrap.
var sentinels = [...]error{
	ErrMissingID, ErrDuplicateID, ErrMissingOwner, ErrMissingDate, ErrCloseBeforeCreate,
	ErrClosedWithoutDate, ErrOpenWithCloseDate, ErrInvalidStatus, ErrStatusStageMismatch,
	ErrUnknownStage, ErrUnknownPipeline, ErrNegativeAmount, ErrPrecision, ErrUnknownCurrency,
	ErrMixedCurrency, ErrOverflow, ErrMissingRate, ErrSyntax, ErrHistoryOrder, ErrHistoryMismatch,
	ErrHistoryAfterClose, ErrNegativeDuration, ErrUnknownKind, ErrTouchBeforeCreate,
	ErrNotInOrg, ErrInvalidPeriod, ErrInvalidValue,
}

// sentinelOf returns the sentinel err wraps, or err itself.
func sentinelOf(err error) error {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return s
		}
	}
	return err
}

// stamp formats an instant for an error message.
func stamp(t time.Time) string { return t.Format(time.RFC3339) }
