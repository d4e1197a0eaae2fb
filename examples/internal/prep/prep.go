// Package prep readies the sample data for the example programs: it
// validates every record (keeping the valid ones and counting the others
// by reason) and converts deal amounts to one reporting currency.
package prep

import (
	"fmt"
	"maps"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/internal/sampledata"
)

// Data is the valid part of the sample, and what was left out.
type Data struct {
	Deals         []sp.Deal
	Activities    []sp.Activity
	Leads         []sp.Lead
	Subscriptions []sp.Subscription
	Report        sp.ValidationReport // what was checked and rejected, by reason
}

// Valid validates the sample's deals (against its pipelines, with
// duplicate IDs), activities, leads and subscriptions, and returns the
// valid ones.
func Valid(s *sampledata.Sample) *Data {
	v := sp.Validator{Pipelines: s.Dataset.Pipelines, UniqueIDs: true, Reject: func(sp.Rejected) {}}
	d := &Data{}
	for i := range s.Dataset.Deals {
		if v.Deal(&s.Dataset.Deals[i]) {
			d.Deals = append(d.Deals, s.Dataset.Deals[i])
		}
	}
	for i := range s.Dataset.Activities {
		if v.Activity(&s.Dataset.Activities[i]) {
			d.Activities = append(d.Activities, s.Dataset.Activities[i])
		}
	}
	for i := range s.Dataset.Leads {
		if v.Lead(&s.Dataset.Leads[i]) {
			d.Leads = append(d.Leads, s.Dataset.Leads[i])
		}
	}
	for i := range s.Dataset.Subscriptions {
		if v.Subscription(&s.Dataset.Subscriptions[i]) {
			d.Subscriptions = append(d.Subscriptions, s.Dataset.Subscriptions[i])
		}
	}
	d.Report = v.Report()
	return d
}

// Rejected counts the rejections of the given kinds of record ("deal",
// "activity"…; none means all) by "record: field: reason".
func (d *Data) Rejected(records ...string) map[string]int {
	out := map[string]int{}
	for p, n := range d.Report.Problems {
		if len(records) == 0 || slices.Contains(records, p.Record) {
			out[fmt.Sprintf("%s: %s: %v", p.Record, p.Field, p.Err)] += n
		}
	}
	return out
}

// Lines returns counts as sorted lines "key: n".
func Lines(counts map[string]int) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		out = append(out, fmt.Sprintf("%s: %d", k, counts[k]))
	}
	return out
}

// InCurrency returns copies of deals with every amount in currency to: at
// the rate of the deal's close date, or of its created date while it is
// open, rounded half to even to the minor unit. Amount histories are
// dropped from the copies (the reports that read them use the original
// deals). A missing rate is an error naming the deal.
func InCurrency(deals []sp.Deal, rates *sp.Rates, to sp.Currency) ([]sp.Deal, error) {
	out := slices.Clone(deals)
	for i := range out {
		d := &out[i]
		on := d.Closed
		if on.IsZero() {
			on = d.Created
		}
		m, err := rates.Convert(d.Amount, to, on, sp.RoundHalfEven)
		if err != nil {
			return nil, fmt.Errorf("deal %s: amount: %w", d.ID, err)
		}
		d.Amount, d.AmountHistory = m, nil
	}
	return out, nil
}

// InCurrencyHistory returns copies of deals with every amount in currency
// to, keeping the amount histories, for the forecasts and backtests that
// see a deal as of a past instant: each entry of the amount history at
// the rate of its own date; the current amount at the rate of the last
// entry when it is that entry's amount (so the history still ends with
// it), else at the rate of the created date; an amount without history at
// the rate of the created date. Each conversion is rounded half to even to
// the minor unit; amounts already in to, and the zero Money (no amount),
// are kept as they are. The input deals and their histories are not
// changed. A missing rate is an error naming the deal.
func InCurrencyHistory(deals []sp.Deal, rates *sp.Rates, to sp.Currency) ([]sp.Deal, error) {
	out := slices.Clone(deals)
	for i := range out {
		d := &out[i]
		conv := func(m sp.Money, on time.Time) (sp.Money, error) {
			if m.Currency() == "" || m.Currency() == to {
				return m, nil
			}
			v, err := rates.Convert(m, to, on, sp.RoundHalfEven)
			if err != nil {
				return m, fmt.Errorf("deal %s: amount: %w", d.ID, err)
			}
			return v, nil
		}
		var err error
		n := len(d.AmountHistory)
		if n == 0 {
			if d.Amount, err = conv(d.Amount, d.Created); err != nil {
				return nil, err
			}
			continue
		}
		h := slices.Clone(d.AmountHistory)
		for k := range h {
			if h[k].Amount, err = conv(h[k].Amount, h[k].At); err != nil {
				return nil, err
			}
		}
		if d.Amount.Equal(d.AmountHistory[n-1].Amount) {
			d.Amount = h[n-1].Amount
		} else if d.Amount, err = conv(d.Amount, d.Created); err != nil {
			return nil, err
		}
		d.AmountHistory = h
	}
	return out, nil
}
