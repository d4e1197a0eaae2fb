package salesperf

import (
	"strconv"
	"time"
)

// ActivityKind is what a rep did: a call, an email, a demo… The zero
// ActivityKind is invalid, so an activity whose kind was never set is
// caught by validation. CustomKind is for anything else, named in
// Activity.CustomKind.
type ActivityKind int8

// The activity kinds a sales manager counts.
const (
	Call             ActivityKind = iota + 1 // a phone call, connected or not (see Outcome)
	Email                                    // an email sent by the rep
	Conversation                             // a live conversation: chat, messaging, in person
	Social                                   // a social-selling touch (LinkedIn message, comment)
	MeetingScheduled                         // a meeting booked (counted when it is booked)
	MeetingHeld                              // a meeting that took place
	Demo                                     // a product demonstration
	ReferralRequest                          // the rep asked a customer for a referral
	Proposal                                 // a proposal or quote sent
	Task                                     // a to-do or calendar event that is none of the above
	CustomKind                               // anything else, named in Activity.CustomKind
)

var activityKindNames = [...]string{"", "call", "email", "conversation", "social", "meeting scheduled", "meeting held", "demo", "referral request", "proposal", "task", "custom"}

// String returns the kind in lower-case words ("meeting held"), or
// "ActivityKind(N)" for an invalid kind.
func (k ActivityKind) String() string {
	if k >= Call && k <= CustomKind {
		return activityKindNames[k]
	}
	return "ActivityKind(" + strconv.Itoa(int(k)) + ")"
}

// TimeCategory is what a rep's time went to, for the "where does time go"
// report. The zero value, Uncategorized, means the CRM did not say; it is
// reported as its own share, never spread over the others.
type TimeCategory int8

// The time categories.
const (
	Uncategorized  TimeCategory = iota // not recorded
	Prospecting                        // finding and reaching new prospects
	Presenting                         // meetings, demos, presentations with prospects
	DataEntry                          // updating the CRM, admin
	LeadResearch                       // researching accounts and leads before contact
	CustomCategory                     // anything else, named in Activity.CustomCategory
)

var timeCategoryNames = [...]string{"uncategorized", "prospecting", "presenting", "data entry", "lead research", "custom"}

// String returns the category in lower-case words ("data entry"), or
// "TimeCategory(N)" for an invalid category.
func (c TimeCategory) String() string {
	if c >= Uncategorized && c <= CustomCategory {
		return timeCategoryNames[c]
	}
	return "TimeCategory(" + strconv.Itoa(int(c)) + ")"
}

// Activity is one thing a rep did: a call, an email, a meeting, a demo, a
// block of data entry. Duration is the time it took (zero when the CRM
// does not record it); Category says what that time counts as.
type Activity struct {
	ID             string
	Rep            string // who did it
	Deal           string // the deal it belongs to, if any
	Lead           string // the lead it touches, if any (the first one is the lead's first touch)
	Kind           ActivityKind
	CustomKind     string        // the name of a CustomKind activity
	At             time.Time     // when it happened (or was booked, for MeetingScheduled)
	Duration       time.Duration // how long it took; zero if unknown
	Category       TimeCategory
	CustomCategory string // the name of a CustomCategory
	Outcome        string // free text or the CRM's outcome code ("connected", "no answer")
}

// KindName returns the activity's kind as a report would print it: the
// custom name for CustomKind, else the kind's String.
func (a *Activity) KindName() string {
	if a.Kind == CustomKind {
		return a.CustomKind
	}
	return a.Kind.String()
}

// CategoryName returns the activity's time category as a report would
// print it: the custom name for CustomCategory, else the category's String.
func (a *Activity) CategoryName() string {
	if a.Category == CustomCategory {
		return a.CustomCategory
	}
	return a.Category.String()
}
