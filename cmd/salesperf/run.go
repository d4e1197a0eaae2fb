package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// commands are the subcommands, by the name options.cmd holds.
var commands = map[string]func(*options, *data) (*result, error){
	"scorecard":    scorecard,
	"funnel":       funnel,
	"leaderboard":  leaderboard,
	"forecast":     forecastCmd,
	"lost-reasons": lostReasons,
	"lead-sources": leadSources,
	"pipeline":     pipelineReport,
}

// Exit codes.
const (
	exitOK       = 0
	exitInternal = 1 // a failure of the program itself
	exitUsage    = 2 // a bad command line, a bad file, data the command cannot use
)

// run runs the command line args (without the program name), writing the
// report on stdout and problems on stderr, and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		io.WriteString(stderr, usage)
		return exitUsage
	}
	var cmd string
	rest := args[1:]
	switch a := args[0]; a {
	case "-h", "-help", "--help":
		io.WriteString(stdout, usage)
		return exitOK
	case "help":
		if len(args) == 1 {
			io.WriteString(stdout, usage)
			return exitOK
		}
		text, ok := helpTexts[args[1]]
		if !ok {
			return fail(stderr, usagef("help: unknown topic %q (want %s)", args[1], strings.Join(helpTopics(), ", ")))
		}
		io.WriteString(stdout, text)
		return exitOK
	case "scorecard", "funnel", "leaderboard", "forecast":
		cmd = a
	case "report":
		if len(args) < 2 || strings.HasPrefix(args[1], "-") {
			if len(args) >= 2 && isHelp(args[1]) {
				io.WriteString(stdout, helpTexts["report"])
				return exitOK
			}
			return fail(stderr, usagef("report: name the report: lost-reasons, lead-sources or pipeline (see salesperf help report)"))
		}
		switch args[1] {
		case "lost-reasons", "lead-sources", "pipeline":
			cmd = args[1]
		default:
			return fail(stderr, usagef("report: unknown report %q (want lost-reasons, lead-sources or pipeline)", args[1]))
		}
		rest = args[2:]
	default:
		return fail(stderr, usagef("unknown subcommand %q (want scorecard, funnel, leaderboard, forecast, report or help)", a))
	}
	o, err := parseFlags(cmd, rest)
	if errors.Is(err, flag.ErrHelp) {
		io.WriteString(stdout, helpTexts[helpName(cmd)])
		return exitOK
	}
	if err != nil {
		return fail(stderr, err)
	}
	d, err := load(o, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	res, err := commands[cmd](o, d)
	if err != nil {
		return fail(stderr, err)
	}
	if err := res.write(stdout, o.format); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

func isHelp(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// fail writes err as one line starting with "salesperf: " and returns its
// exit code: 2 for a usage or data error, 1 otherwise.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "salesperf: "+oneLine(err))
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitInternal
}

// nowLabel says when the report stands: "as of the end of 2017-12-31" for
// a day's end, "as of 2026-02-16 09:00 EST" otherwise.
func (d *data) nowLabel() string {
	t := d.asOf.In(d.cal.Location)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return "as of the end of " + t.AddDate(0, 0, -1).Format("2006-01-02")
	}
	return "as of " + t.Format("2006-01-02 15:04 MST")
}

// baseNotes are the notes every report starts with.
func baseNotes(d *data, s span) []string {
	notes := []string{
		fmt.Sprintf("data: %s, %s; span: %s; amounts in %s", d.source, d.nowLabel(), s.label(), d.currency),
	}
	if n := d.leftOutNote(); n != "" {
		notes = append(notes, n)
	}
	if n := d.laterNote(); n != "" {
		notes = append(notes, n)
	}
	return notes
}
