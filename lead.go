package salesperf

import "time"

// Lead is a prospect before it becomes a deal: where it came from, when,
// who owns it, what it did (for scoring), when a rep first touched it (for
// response time), and how it ended: converted into a deal, disqualified,
// or neither yet.
type Lead struct {
	ID      string
	Source  string // "web form", "webinar", "referral", "outbound"…
	Owner   string // the rep responsible for following it up
	Created time.Time

	// Actions are what the lead did (requested a demo, signed up for the
	// newsletter, visited the pricing page), in time order; scoring weighs
	// them.
	Actions []LeadAction

	// FirstTouch is when a rep first reached out (call, email…), if the
	// CRM records it; zero if not touched yet or not recorded (response
	// time then comes from the first Activity naming the lead).
	FirstTouch time.Time

	ConvertedDeal string    // the deal it became; "" if not converted
	Converted     time.Time // when it was converted; zero if not

	Disqualified     time.Time // when it was disqualified; zero if not
	DisqualifyReason string
}

// LeadAction is one thing a lead did, at an instant: Name is the action
// as the marketing system names it ("demo request", "newsletter sign-up").
type LeadAction struct {
	At   time.Time
	Name string
}

// IsConverted reports whether the lead became a deal.
func (l *Lead) IsConverted() bool { return l.ConvertedDeal != "" || !l.Converted.IsZero() }

// IsDisqualified reports whether the lead was disqualified.
func (l *Lead) IsDisqualified() bool { return !l.Disqualified.IsZero() }
