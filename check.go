package salesperf

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// The per-record checks shared by Validate and Validator. Each appends
// one *ValidationError per problem to errs and returns it.

func checkDeal(d *Deal, ps Pipelines, errs []error) []error {
	bad := func(field string, err error) {
		errs = append(errs, &ValidationError{Record: "deal", ID: d.ID, Field: field, Err: err})
	}
	if d.ID == "" {
		bad("id", ErrMissingID)
	}
	if d.Owner == "" {
		bad("owner", ErrMissingOwner)
	}
	if d.Created.IsZero() && d.Status != Open {
		bad("created", ErrMissingDate)
	}
	switch d.Status {
	case Open:
		if !d.Closed.IsZero() {
			bad("closed", wrapf(ErrOpenWithCloseDate, "closed %s", stamp(d.Closed)))
		}
	case Won, Lost:
		if d.Closed.IsZero() {
			bad("closed", ErrClosedWithoutDate)
		}
	default:
		bad("status", wrapf(ErrInvalidStatus, "%v", d.Status))
	}
	if !d.Closed.IsZero() && !d.Created.IsZero() && d.Closed.Before(d.Created) {
		bad("closed", wrapf(ErrCloseBeforeCreate, "closed %s, created %s", stamp(d.Closed), stamp(d.Created)))
	}
	if err := checkAmount(d.Amount); err != nil {
		bad("amount", err)
	}
	if d.Category < NoCategory || d.Category > CategoryOmitted {
		bad("category", wrapf(ErrInvalidValue, "%v", d.Category))
	}

	var p *Pipeline
	if len(ps) > 0 {
		var ok bool
		if p, ok = ps.Lookup(d.Pipeline); !ok {
			bad("pipeline", wrapf(ErrUnknownPipeline, "%q", d.Pipeline))
		}
	}
	if p != nil {
		if st, ok := p.Stage(d.Stage); !ok {
			bad("stage", wrapf(ErrUnknownStage, "%q in pipeline %q", d.Stage, p.Name))
		} else if want := statusOfKind(st.Kind); d.Status >= Open && d.Status <= Lost && want != d.Status {
			bad("status", wrapf(ErrStatusStageMismatch, "status %v in %v stage %q", d.Status, st.Kind, d.Stage))
		}
	}

	// Histories: in order, within [Created, Closed], ending at the current
	// value. A close date before the create date is reported once above,
	// not again for every entry after it.
	checkTimes := func(field string, n int, at func(int) time.Time) {
		for i := 0; i < n; i++ {
			t, f := at(i), field+"["+strconv.Itoa(i)+"].at"
			switch {
			case t.IsZero():
				bad(f, ErrMissingDate)
			case !d.Created.IsZero() && t.Before(d.Created):
				bad(f, wrapf(ErrHistoryOrder, "%s is before created %s", stamp(t), stamp(d.Created)))
			case i > 0 && t.Before(at(i-1)):
				bad(f, wrapf(ErrHistoryOrder, "%s is before the previous entry %s", stamp(t), stamp(at(i-1))))
			case !d.Closed.IsZero() && t.After(d.Closed) && !d.Closed.Before(d.Created):
				bad(f, wrapf(ErrHistoryAfterClose, "%s is after closed %s", stamp(t), stamp(d.Closed)))
			}
		}
	}
	h := d.StageHistory
	checkTimes("stageHistory", len(h), func(i int) time.Time { return h[i].At })
	for i := range h {
		if p != nil && p.Index(h[i].Stage) < 0 {
			bad("stageHistory["+strconv.Itoa(i)+"].stage", wrapf(ErrUnknownStage, "%q in pipeline %q", h[i].Stage, p.Name))
		}
	}
	if n := len(h); n > 0 && h[n-1].Stage != d.Stage {
		bad("stageHistory", wrapf(ErrHistoryMismatch, "last stage %q, current stage %q", h[n-1].Stage, d.Stage))
	}
	a := d.AmountHistory
	checkTimes("amountHistory", len(a), func(i int) time.Time { return a[i].At })
	for i := range a {
		if err := checkAmount(a[i].Amount); err != nil {
			bad("amountHistory["+strconv.Itoa(i)+"].amount", err)
		}
	}
	if n := len(a); n > 0 && !a[n-1].Amount.Equal(d.Amount) {
		bad("amountHistory", wrapf(ErrHistoryMismatch, "last amount %v, current amount %v", a[n-1].Amount, d.Amount))
	}
	e := d.ExpectedCloseHistory
	checkTimes("expectedCloseHistory", len(e), func(i int) time.Time { return e[i].At })
	if n := len(e); n > 0 && e[n-1].ExpectedClose != d.ExpectedClose {
		bad("expectedCloseHistory", wrapf(ErrHistoryMismatch, "last expected close %v, current %v", e[n-1].ExpectedClose, d.ExpectedClose))
	}
	c := d.CategoryHistory
	checkTimes("categoryHistory", len(c), func(i int) time.Time { return c[i].At })
	if n := len(c); n > 0 && c[n-1].Category != d.Category {
		bad("categoryHistory", wrapf(ErrHistoryMismatch, "last category %q, current category %q", c[n-1].Category, d.Category))
	}
	return errs
}

// statusOfKind is the status a deal in a stage of kind k must have.
func statusOfKind(k StageKind) Status {
	switch k {
	case WonStage:
		return Won
	case LostStage:
		return Lost
	case OpenStage:
		return Open
	}
	return 0
}

// checkAmount reports an amount that is invalid (unknown currency, finer
// than the currency allows) or negative. The zero Money ("no amount") passes.
func checkAmount(m Money) error {
	if err := m.Valid(); err != nil {
		if digits, ok := m.Currency().Digits(); ok && errors.Is(err, ErrPrecision) {
			return wrapf(ErrPrecision, "%v has more than %d decimal places", m, digits)
		}
		return wrapf(ErrUnknownCurrency, "%q", m.Currency())
	}
	if m.Sign() < 0 {
		return wrapf(ErrNegativeAmount, "%v", m)
	}
	return nil
}

func checkActivity(a *Activity, errs []error) []error {
	bad := func(field string, err error) {
		errs = append(errs, &ValidationError{Record: "activity", ID: a.ID, Field: field, Err: err})
	}
	if a.ID == "" {
		bad("id", ErrMissingID)
	}
	if a.Rep == "" {
		bad("rep", ErrMissingOwner)
	}
	if a.At.IsZero() {
		bad("at", ErrMissingDate)
	}
	switch {
	case a.Kind < Call || a.Kind > CustomKind:
		bad("kind", wrapf(ErrUnknownKind, "%v", a.Kind))
	case a.Kind == CustomKind && a.CustomKind == "":
		bad("customKind", wrapf(ErrUnknownKind, "custom kind without a name"))
	}
	switch {
	case a.Category < Uncategorized || a.Category > CustomCategory:
		bad("category", wrapf(ErrUnknownKind, "%v", a.Category))
	case a.Category == CustomCategory && a.CustomCategory == "":
		bad("customCategory", wrapf(ErrUnknownKind, "custom category without a name"))
	}
	if a.Duration < 0 {
		bad("duration", wrapf(ErrNegativeDuration, "%v", a.Duration))
	}
	return errs
}

func checkLead(l *Lead, errs []error) []error {
	bad := func(field string, err error) {
		errs = append(errs, &ValidationError{Record: "lead", ID: l.ID, Field: field, Err: err})
	}
	if l.ID == "" {
		bad("id", ErrMissingID)
	}
	if l.Created.IsZero() {
		bad("created", ErrMissingDate)
		return errs
	}
	if !l.FirstTouch.IsZero() && l.FirstTouch.Before(l.Created) {
		bad("firstTouch", wrapf(ErrTouchBeforeCreate, "touched %s, created %s", stamp(l.FirstTouch), stamp(l.Created)))
	}
	for i := range l.Actions {
		f := "actions[" + strconv.Itoa(i) + "]"
		switch {
		case l.Actions[i].Name == "":
			bad(f+".name", wrapf(ErrInvalidValue, "action without a name"))
		case l.Actions[i].At.IsZero():
			bad(f+".at", ErrMissingDate)
		case i > 0 && l.Actions[i].At.Before(l.Actions[i-1].At):
			bad(f+".at", wrapf(ErrHistoryOrder, "%s is before the previous action %s", stamp(l.Actions[i].At), stamp(l.Actions[i-1].At)))
		}
	}
	if !l.Converted.IsZero() && l.Converted.Before(l.Created) {
		bad("converted", wrapf(ErrCloseBeforeCreate, "converted %s, created %s", stamp(l.Converted), stamp(l.Created)))
	}
	if !l.Disqualified.IsZero() && l.Disqualified.Before(l.Created) {
		bad("disqualified", wrapf(ErrCloseBeforeCreate, "disqualified %s, created %s", stamp(l.Disqualified), stamp(l.Created)))
	}
	if l.IsConverted() && l.IsDisqualified() {
		bad("disqualified", wrapf(ErrInvalidValue, "lead both converted and disqualified"))
	}
	return errs
}

func checkTarget(t *Target, errs []error) []error {
	id := targetID(t)
	bad := func(field string, err error) {
		errs = append(errs, &ValidationError{Record: "target", ID: id, Field: field, Err: err})
	}
	switch {
	case t.Level < RepLevel || t.Level > OrgLevel:
		bad("level", wrapf(ErrInvalidValue, "%v", t.Level))
	case t.Level != OrgLevel && t.Who == "":
		bad("who", ErrMissingID)
	}
	if t.Metric < TargetWonAmount || t.Metric > TargetNewARR {
		bad("metric", wrapf(ErrInvalidValue, "%v", t.Metric))
	}
	switch {
	case t.Period == Period{}:
		bad("period", wrapf(ErrInvalidPeriod, "no period set"))
	case t.Period.Grain < Day || t.Period.Grain > Year || !t.Period.Start.Before(t.Period.End):
		bad("period", wrapf(ErrInvalidPeriod, "%+v", t.Period))
	}
	if t.Metric.IsMoney() {
		if err := checkAmount(t.Amount); err != nil {
			bad("amount", err)
		} else if t.Amount.Sign() == 0 {
			bad("amount", wrapf(ErrInvalidValue, "a target of zero"))
		}
	} else if t.Count <= 0 {
		bad("count", wrapf(ErrInvalidValue, "a target of %d", t.Count))
	}
	if t.Activity != 0 && (t.Activity < Call || t.Activity > CustomKind) {
		bad("activity", wrapf(ErrUnknownKind, "%v", t.Activity))
	}
	return errs
}

// targetID names a target in messages: "rep ann won amount 2026-03".
func targetID(t *Target) string {
	var parts []string
	for _, p := range []string{t.Level.String(), t.Who, t.Metric.String(), t.Period.String()} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// checkTargetsAgainst finds targets for people, teams or regions no
// membership holds (when there are memberships), and targets of the same
// level, person, metric, activity kind and grain whose periods overlap.
func checkTargetsAgainst(ts []Target, ms []Membership, errs []error) []error {
	if len(ms) > 0 {
		known := map[Level]map[string]bool{RepLevel: {}, ManagerLevel: {}, TeamLevel: {}, RegionLevel: {}}
		for _, m := range ms {
			known[RepLevel][m.Person] = true
			known[ManagerLevel][m.Manager] = true
			known[ManagerLevel][m.Person] = true
			known[TeamLevel][m.Team] = true
			known[RegionLevel][m.Region] = true
		}
		for i := range ts {
			t := &ts[i]
			if k, ok := known[t.Level]; ok && t.Who != "" && !k[t.Who] {
				errs = append(errs, &ValidationError{Record: "target", ID: targetID(t), Field: "who",
					Err: wrapf(ErrNotInOrg, "%s %q", t.Level, t.Who)})
			}
		}
	}
	type key struct {
		level    Level
		who      string
		metric   TargetMetric
		activity ActivityKind
		grain    Grain
	}
	idx := make([]int, 0, len(ts))
	for i := range ts {
		if ts[i].Period.Start.Before(ts[i].Period.End) {
			idx = append(idx, i)
		}
	}
	keyOf := func(t *Target) key { return key{t.Level, t.Who, t.Metric, t.Activity, t.Period.Grain} }
	slices.SortStableFunc(idx, func(a, b int) int {
		ka, kb := keyOf(&ts[a]), keyOf(&ts[b])
		return cmp.Or(cmp.Compare(ka.level, kb.level), cmp.Compare(ka.who, kb.who), cmp.Compare(ka.metric, kb.metric),
			cmp.Compare(ka.activity, kb.activity), cmp.Compare(ka.grain, kb.grain), ts[a].Period.Start.Compare(ts[b].Period.Start))
	})
	// Within a run of equal keys (sorted by start), compare each target
	// with the one of the run that ends last so far: a long target that
	// holds a short one may also overlap a later one.
	var last *Target
	for j := range idx {
		cur := &ts[idx[j]]
		if last == nil || keyOf(last) != keyOf(cur) {
			last = cur
			continue
		}
		if cur.Period.Start.Before(last.Period.End) {
			errs = append(errs, &ValidationError{Record: "target", ID: targetID(cur), Field: "period",
				Err: wrapf(ErrInvalidPeriod, "overlaps the target for %v", last.Period)})
		}
		if last.Period.End.Before(cur.Period.End) {
			last = cur
		}
	}
	return errs
}

func checkSubscription(s *Subscription, errs []error) []error {
	bad := func(field string, err error) {
		errs = append(errs, &ValidationError{Record: "subscription", ID: s.ID, Field: field, Err: err})
	}
	if s.ID == "" {
		bad("id", ErrMissingID)
	}
	if s.Customer == "" {
		bad("customer", ErrMissingID)
	}
	if err := checkAmount(s.Amount); err != nil {
		bad("amount", err)
	}
	if s.BillingMonths < 0 {
		bad("billingMonths", wrapf(ErrInvalidValue, "%d", s.BillingMonths))
	}
	if s.Start.IsZero() {
		bad("start", ErrMissingDate)
	} else if !s.End.IsZero() && !s.Start.Before(s.End) {
		bad("end", wrapf(ErrInvalidPeriod, "end %v is not after start %v", s.End, s.Start))
	}
	for i, c := range s.Changes {
		f := "changes[" + strconv.Itoa(i) + "]"
		if err := checkAmount(c.Amount); err != nil {
			bad(f+".amount", err)
		} else if c.Amount.Currency() != s.Amount.Currency() {
			bad(f+".amount", wrapf(ErrMixedCurrency, "%v in a %v subscription", c.Amount.Currency(), s.Amount.Currency()))
		}
		switch {
		case c.From.Before(s.Start) || (!s.End.IsZero() && !c.From.Before(s.End)):
			bad(f+".from", wrapf(ErrInvalidPeriod, "%v is outside the subscription", c.From))
		case i > 0 && !s.Changes[i-1].From.Before(c.From):
			bad(f+".from", wrapf(ErrHistoryOrder, "%v is not after the previous change %v", c.From, s.Changes[i-1].From))
		}
	}
	return errs
}

func checkPipelines(ps Pipelines, errs []error) []error {
	names := make(map[string]bool)
	for pi := range ps {
		p := &ps[pi]
		bad := func(field string, err error) {
			errs = append(errs, &ValidationError{Record: "pipeline", ID: p.Name, Field: field, Err: err})
		}
		if names[p.Name] {
			bad("name", ErrDuplicateID)
		}
		names[p.Name] = true
		if len(p.Stages) == 0 {
			bad("stages", wrapf(ErrInvalidValue, "a pipeline without stages"))
		}
		stages := make(map[string]bool)
		for i, s := range p.Stages {
			f := "stages[" + strconv.Itoa(i) + "]"
			switch {
			case s.Name == "":
				bad(f+".name", ErrMissingID)
			case stages[s.Name]:
				bad(f+".name", wrapf(ErrDuplicateID, "stage %q", s.Name))
			}
			stages[s.Name] = true
			if s.Kind < OpenStage || s.Kind > LostStage {
				bad(f+".kind", wrapf(ErrInvalidValue, "%v", s.Kind))
			}
			if s.Probability.Sign() < 0 || s.Probability.GreaterThan(decimal.NewFromInt(1)) {
				bad(f+".probability", wrapf(ErrInvalidValue, "%v is outside [0, 1]", s.Probability))
			}
		}
	}
	return errs
}
