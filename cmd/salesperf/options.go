package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	sp "github.com/salesperf/salesperf"
)

// options are the parsed flags of one run.
type options struct {
	cmd        string // "scorecard", "funnel", "leaderboard", "forecast", "lost-reasons", "lead-sources", "pipeline"
	deals      string
	activities string
	leads      string
	org        string
	preset     string
	maps       []string // --map field=column, as given (comma-separated pairs)
	by         string   // "" when not given
	grain      sp.Grain // 0: no --period
	fiscal     time.Month
	asOf       sp.Date // zero: not given
	currency   sp.Currency
	format     string
	minN       int64
	seed       uint64
	probs      string // forecast: "learned" or "fixed"
}

// files reports whether any data file was given; without one the
// embedded sample is used.
func (o *options) files() bool {
	return o.deals != "" || o.activities != "" || o.leads != "" || o.org != ""
}

// usageError is a problem with the command line or the data: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// bys are the values --by accepts.
var bys = []string{"owner", "manager", "team", "region", "source", "product", "pipeline", "period"}

// formats are the values --format accepts.
var formats = []string{"table", "csv", "json", "markdown", "html"}

// parseFlags parses the flags of subcommand cmd. It returns flag.ErrHelp
// for -h/--help.
func parseFlags(cmd string, args []string) (*options, error) {
	o := &options{cmd: cmd, format: "table", minN: 10, seed: 1, probs: "learned"}
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.deals, "deals", "", "")
	fs.StringVar(&o.activities, "activities", "", "")
	fs.StringVar(&o.leads, "leads", "", "")
	fs.StringVar(&o.org, "org", "", "")
	fs.StringVar(&o.preset, "preset", "", "")
	fs.Func("map", "", func(s string) error { o.maps = append(o.maps, s); return nil })
	fs.Func("by", "", func(s string) error {
		if !slices.Contains(bys, s) {
			return fmt.Errorf("unknown value %q (want %s)", s, strings.Join(bys, ", "))
		}
		o.by = s
		return nil
	})
	fs.Func("period", "", func(s string) error {
		switch s {
		case "month":
			o.grain = sp.Month
		case "quarter":
			o.grain = sp.Quarter
		case "year":
			o.grain = sp.Year
		default:
			return fmt.Errorf("unknown value %q (want month, quarter or year)", s)
		}
		return nil
	})
	fs.Func("fiscal-start", "", func(s string) error {
		m, err := parseMonth(s)
		o.fiscal = m
		return err
	})
	fs.Func("as-of", "", func(s string) error {
		d, err := sp.ParseDate(s)
		if err != nil {
			return fmt.Errorf("want a date like 2026-03-14, got %q", s)
		}
		o.asOf = d
		return nil
	})
	fs.Func("currency", "", func(s string) error {
		c, err := sp.ParseCurrency(s)
		if err != nil {
			return fmt.Errorf("unknown currency %q", s)
		}
		o.currency = c
		return nil
	})
	fs.Func("format", "", func(s string) error {
		if !slices.Contains(formats, s) {
			return fmt.Errorf("unknown value %q (want %s)", s, strings.Join(formats, ", "))
		}
		o.format = s
		return nil
	})
	fs.Func("min-n", "", func(s string) error {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return fmt.Errorf("want a whole number ≥ 0, got %q", s)
		}
		o.minN = n
		return nil
	})
	fs.Func("seed", "", func(s string) error {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return fmt.Errorf("want a whole number ≥ 0, got %q", s)
		}
		o.seed = n
		return nil
	})
	fs.Func("probabilities", "", func(s string) error {
		if s != "learned" && s != "fixed" {
			return fmt.Errorf("unknown value %q (want learned or fixed)", s)
		}
		o.probs = s
		return nil
	})
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, usagef("%s: %v (see salesperf help %s)", cmd, err, helpName(cmd))
	}
	if fs.NArg() > 0 {
		return nil, usagef("%s: unexpected argument %q (flags go after the subcommand; see salesperf help %s)", cmd, fs.Arg(0), helpName(cmd))
	}
	if o.preset != "" && !o.files() {
		return nil, usagef("%s: --preset needs a data file (--deals FILE…)", cmd)
	}
	if len(o.maps) > 0 && !o.files() {
		return nil, usagef("%s: --map needs a data file (--deals FILE…)", cmd)
	}
	return o, nil
}

// helpName is the name "salesperf help" knows a subcommand by.
func helpName(cmd string) string {
	switch cmd {
	case "lost-reasons", "lead-sources", "pipeline":
		return "report"
	}
	return cmd
}

// parseMonth reads a month as a number 1–12 or an English name ("feb",
// "February").
func parseMonth(s string) (time.Month, error) {
	if n, err := strconv.Atoi(s); err == nil {
		if n < 1 || n > 12 {
			return 0, fmt.Errorf("month %d is not 1–12", n)
		}
		return time.Month(n), nil
	}
	t := strings.ToLower(strings.TrimSpace(s))
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if len(t) >= 3 && strings.HasPrefix(name, t) {
			return m, nil
		}
	}
	return 0, fmt.Errorf("unknown month %q (want 1–12 or a month name)", s)
}
