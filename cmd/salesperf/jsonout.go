package main

import (
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/metrics"
)

// The JSON shapes shared by every subcommand's --format json. They are
// documented in the package doc and in "salesperf help json"; keep the
// three in step.

// jsonHeader opens every JSON document.
type jsonHeader struct {
	Command  string         `json:"command"`               // "scorecard", "report lead-sources"…
	Source   string         `json:"source"`                // "the embedded sample" or the files read
	AsOf     string         `json:"as_of"`                 // the report's now, RFC 3339
	Span     jsonSpan       `json:"span"`                  // what the figures cover
	Currency sp.Currency    `json:"currency"`              // the report currency
	By       string         `json:"by,omitempty"`          // the --by key
	LeftOut  map[string]int `json:"left_out"`              // records that failed validation, by kind
	Later    map[string]int `json:"after_as_of,omitempty"` // valid records dated at or after as_of, not read, by kind
	Notes    []string       `json:"notes,omitempty"`       // definitions and what was left out
}

// jsonSpan is the stretch of time the figures cover: all the data up
// to as_of (all true), or one period.
type jsonSpan struct {
	All    bool   `json:"all"`
	Grain  string `json:"grain,omitempty"`  // the period's grain, or the grain of --by period rows
	Period string `json:"period,omitempty"` // "FY2026 Q4"
	From   string `json:"from,omitempty"`   // first day, inclusive
	To     string `json:"to"`               // last day, inclusive
}

func header(cmd string, o *options, d *data, s span) jsonHeader {
	h := jsonHeader{Command: cmd, Source: d.source, AsOf: d.asOf.Format(time.RFC3339), Currency: d.currency,
		By: o.by, LeftOut: d.leftOut, Later: nonZero(d.later)}
	h.Span = jsonSpan{All: s.all, To: s.to.Add(-time.Nanosecond).In(d.cal.Location).Format("2006-01-02")}
	if s.grain != 0 {
		h.Span.Grain = s.grain.String()
	}
	if !s.all {
		h.Span.Period = s.period.String()
		h.Span.From = s.period.Start.String()
	}
	return h
}

// jsonMoney is an amount of money: an exact decimal string in the
// currency's minor unit, and the currency.
type jsonMoney struct {
	Amount   string      `json:"amount"`
	Currency sp.Currency `json:"currency"`
}

func money(m sp.Money) *jsonMoney {
	return &jsonMoney{Amount: m.Amount(), Currency: m.Currency()}
}

// jsonRate is a ratio kept exactly, with its value to 4 decimals (half
// to even) as a decimal string, null when the denominator is 0.
type jsonRate struct {
	Num   int64   `json:"num"`
	Den   int64   `json:"den"`
	Value *string `json:"value"`
}

func rate(r metrics.Rate) jsonRate {
	out := jsonRate{Num: r.Num, Den: r.Den}
	if v, ok := r.Decimal(4, sp.RoundHalfEven); ok {
		s := v.StringFixed(4)
		out.Value = &s
	}
	return out
}

// jsonDays is a distribution of whole days: how many values, the mean
// (1 decimal, half to even, as a decimal string), median and 90th
// percentile (numbers; halves where they fall between two days). It is
// null over no values.
type jsonDays struct {
	N      int64   `json:"n"`
	Mean   string  `json:"mean"`
	Median float64 `json:"median"`
	P90    float64 `json:"p90"`
}

func days(s metrics.Summary) *jsonDays {
	m, ok := s.MeanDecimal(1, sp.RoundHalfEven)
	if !ok {
		return nil
	}
	return &jsonDays{N: s.N, Mean: m.StringFixed(1), Median: s.Median, P90: s.P90}
}

// nonZero returns the entries of m that are not zero, or nil for none.
func nonZero(m map[string]int) map[string]int {
	var out map[string]int
	for k, n := range m {
		if n != 0 {
			if out == nil {
				out = map[string]int{}
			}
			out[k] = n
		}
	}
	return out
}
