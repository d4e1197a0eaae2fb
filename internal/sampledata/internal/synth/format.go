package synth

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// The data file is UTF-8 text, one record a line, fields separated by
// tabs, in sections that each start with a line "# NAME COUNT":
//
//	pipelines      name, then one field per stage: name=kind=probability (kind o, w or l)
//	memberships    person manager team region from until
//	deals          id owner creator pipeline stage status amount created closed expectedClose
//	               category lostReason source region industry product account attrs
//	               stageHistory amountHistory expectedCloseHistory categoryHistory
//	activities     id rep deal lead kind customKind at duration category customCategory outcome
//	leads          id source owner created actions firstTouch convertedDeal converted disqualified disqualifyReason
//	targets        level who metric activity grain start amount count
//	subscriptions  id customer amount billingMonths start end changes
//	rates          from to start values (comma-separated, in 10⁻⁴)
//	problems       record id field sentinel
//
// Instants are whole minutes since the Unix epoch; instants in histories and
// lead actions are minutes after the record's Created. Dates are
// 2026-01-31, money is "1234.50 USD", durations are minutes, kinds and
// categories their numeric constants, statuses o, w, l (0 when invalid).
// A list is entries separated by ";", each "offset=value"; attributes are
// "key=value" pairs. An empty field is the zero value.

// Encode writes d in the data file format.
func Encode(w io.Writer, d *Data) error {
	e := &encoder{w: bufio.NewWriter(w)}
	ds := &d.Dataset
	e.section("pipelines", len(ds.Pipelines))
	for _, p := range ds.Pipelines {
		f := []string{e.s(p.Name)}
		for _, s := range p.Stages {
			f = append(f, e.s(s.Name)+"="+stageKinds[s.Kind]+"="+s.Probability.String())
		}
		e.line(f...)
	}
	e.section("memberships", len(ds.Memberships))
	for _, m := range ds.Memberships {
		e.line(e.s(m.Person), e.s(m.Manager), e.s(m.Team), e.s(m.Region), date(m.From), date(m.Until))
	}
	e.section("deals", len(ds.Deals))
	for i := range ds.Deals {
		d := &ds.Deals[i]
		var attrs []string
		for _, k := range slices.Sorted(maps.Keys(d.Attrs)) {
			attrs = append(attrs, e.s(k)+"="+e.s(d.Attrs[k]))
		}
		var sh, ah, eh, ch []string
		for _, h := range d.StageHistory {
			sh = append(sh, e.off(h.At, d.Created)+"="+e.s(h.Stage))
		}
		for _, h := range d.AmountHistory {
			ah = append(ah, e.off(h.At, d.Created)+"="+h.Amount.String())
		}
		for _, h := range d.ExpectedCloseHistory {
			eh = append(eh, e.off(h.At, d.Created)+"="+date(h.ExpectedClose))
		}
		for _, h := range d.CategoryHistory {
			ch = append(ch, e.off(h.At, d.Created)+"="+strconv.Itoa(int(h.Category)))
		}
		e.line(e.s(d.ID), e.s(d.Owner), e.s(d.Creator), e.s(d.Pipeline), e.s(d.Stage), statuses[d.Status],
			d.Amount.String(), e.t(d.Created), e.t(d.Closed), date(d.ExpectedClose), strconv.Itoa(int(d.Category)),
			e.s(d.LostReason), e.s(d.Source), e.s(d.Region), e.s(d.Industry), e.s(d.Product), e.s(d.Account),
			strings.Join(attrs, ";"), strings.Join(sh, ";"), strings.Join(ah, ";"), strings.Join(eh, ";"), strings.Join(ch, ";"))
	}
	e.section("activities", len(ds.Activities))
	for i := range ds.Activities {
		a := &ds.Activities[i]
		if a.Duration%time.Minute != 0 {
			e.fail(fmt.Errorf("activity %s: duration %v is not whole minutes", a.ID, a.Duration))
		}
		e.line(e.s(a.ID), e.s(a.Rep), e.s(a.Deal), e.s(a.Lead), strconv.Itoa(int(a.Kind)), e.s(a.CustomKind), e.t(a.At),
			strconv.FormatInt(int64(a.Duration/time.Minute), 10), strconv.Itoa(int(a.Category)), e.s(a.CustomCategory), e.s(a.Outcome))
	}
	e.section("leads", len(ds.Leads))
	for i := range ds.Leads {
		l := &ds.Leads[i]
		var acts []string
		for _, a := range l.Actions {
			acts = append(acts, e.off(a.At, l.Created)+"="+e.s(a.Name))
		}
		e.line(e.s(l.ID), e.s(l.Source), e.s(l.Owner), e.t(l.Created), strings.Join(acts, ";"), e.t(l.FirstTouch),
			e.s(l.ConvertedDeal), e.t(l.Converted), e.t(l.Disqualified), e.s(l.DisqualifyReason))
	}
	e.section("targets", len(ds.Targets))
	cal := Calendar()
	for _, t := range ds.Targets {
		if cal.PeriodOfDate(t.Period.Start, t.Period.Grain) != t.Period {
			e.fail(fmt.Errorf("target %v: period not of the sample calendar", t.Period))
		}
		amount := ""
		if t.Metric.IsMoney() {
			amount = t.Amount.String()
		}
		e.line(strconv.Itoa(int(t.Level)), e.s(t.Who), strconv.Itoa(int(t.Metric)), strconv.Itoa(int(t.Activity)),
			t.Period.Grain.String(), date(t.Period.Start), amount, strconv.FormatInt(t.Count, 10))
	}
	e.section("subscriptions", len(ds.Subscriptions))
	for _, s := range ds.Subscriptions {
		var ch []string
		for _, c := range s.Changes {
			ch = append(ch, date(c.From)+"="+c.Amount.String())
		}
		e.line(e.s(s.ID), e.s(s.Customer), s.Amount.String(), strconv.Itoa(s.BillingMonths), date(s.Start), date(s.End), strings.Join(ch, ";"))
	}
	e.section("rates", len(d.Rates))
	for _, r := range d.Rates {
		vs := make([]string, len(r.Values))
		for i, v := range r.Values {
			vs[i] = strconv.FormatInt(v, 10)
		}
		e.line(string(r.From), string(r.To), date(r.Start), strings.Join(vs, ","))
	}
	e.section("problems", len(d.Problems))
	for _, p := range d.Problems {
		e.line(e.s(p.Record), e.s(p.ID), e.s(p.Field), e.s(p.Err))
	}
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

var (
	stageKinds = map[sp.StageKind]string{sp.OpenStage: "o", sp.WonStage: "w", sp.LostStage: "l"}
	statuses   = map[sp.Status]string{0: "0", sp.Open: "o", sp.Won: "w", sp.Lost: "l"}
)

type encoder struct {
	w   *bufio.Writer
	err error
}

func (e *encoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

func (e *encoder) section(name string, n int) { fmt.Fprintf(e.w, "# %s %d\n", name, n) }

func (e *encoder) line(f ...string) {
	e.w.WriteString(strings.Join(f, "\t"))
	e.w.WriteByte('\n')
}

// s checks that a text field holds none of the format's separators.
func (e *encoder) s(v string) string {
	if strings.ContainsAny(v, "\t\n;=#") {
		e.fail(fmt.Errorf("field %q holds a separator", v))
	}
	return v
}

// t writes an instant as minutes since the epoch; "" for the zero time.
func (e *encoder) t(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if t.Unix()%60 != 0 || t.Nanosecond() != 0 {
		e.fail(fmt.Errorf("instant %v is not a whole minute", t))
	}
	return strconv.FormatInt(t.Unix()/60, 10)
}

// off writes an instant as minutes after base.
func (e *encoder) off(t, base time.Time) string {
	d := t.Sub(base)
	if d%time.Minute != 0 {
		e.fail(fmt.Errorf("instant %v is not a whole minute after %v", t, base))
	}
	return strconv.FormatInt(int64(d/time.Minute), 10)
}

func date(d sp.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// Decode reads a data file written by Encode. Instants are in the sample's
// location.
func Decode(r io.Reader) (*Data, error) {
	dec := &decoder{loc: nyLoc}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	d := &Data{}
	ds := &d.Dataset
	var section string
	cal := Calendar()
	line := 0
	var f []string
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.HasPrefix(text, "# ") {
			var n int
			if _, err := fmt.Sscanf(text, "# %s %d", &section, &n); err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
			switch section {
			case "deals":
				ds.Deals = make([]sp.Deal, 0, n)
			case "activities":
				ds.Activities = make([]sp.Activity, 0, n)
			case "leads":
				ds.Leads = make([]sp.Lead, 0, n)
			}
			continue
		}
		f = splitTabs(text, f[:0])
		want := fieldCounts[section]
		if want == 0 || len(f) < want || (section != "pipelines" && len(f) != want) {
			return nil, fmt.Errorf("line %d: %d fields in section %q", line, len(f), section)
		}
		switch section {
		case "pipelines":
			p := sp.Pipeline{Name: f[0]}
			for _, s := range f[1:] {
				parts := strings.Split(s, "=")
				if len(parts) != 3 {
					dec.fail(fmt.Errorf("stage %q", s))
					continue
				}
				kind := sp.StageKind(slices.Index([]string{"", "o", "w", "l"}, parts[1]))
				prob, err := decimal.NewFromString(parts[2])
				dec.fail(err)
				p.Stages = append(p.Stages, sp.Stage{Name: parts[0], Kind: kind, Probability: prob})
			}
			ds.Pipelines = append(ds.Pipelines, p)
		case "memberships":
			ds.Memberships = append(ds.Memberships, sp.Membership{Person: f[0], Manager: f[1], Team: f[2], Region: f[3],
				From: dec.date(f[4]), Until: dec.date(f[5])})
		case "deals":
			x := sp.Deal{ID: f[0], Owner: f[1], Creator: f[2], Pipeline: f[3], Stage: f[4],
				Status: sp.Status(strings.Index("0owl", f[5])), Amount: dec.money(f[6]), Created: dec.t(f[7]), Closed: dec.t(f[8]),
				ExpectedClose: dec.date(f[9]), Category: sp.ForecastCategory(dec.int(f[10])), LostReason: f[11],
				Source: f[12], Region: f[13], Industry: f[14], Product: f[15], Account: f[16]}
			if f[17] != "" {
				x.Attrs = make(map[string]string)
				for _, kv := range strings.Split(f[17], ";") {
					k, v, _ := strings.Cut(kv, "=")
					x.Attrs[k] = v
				}
			}
			dec.list(f[18], func(off, v string) {
				x.StageHistory = append(x.StageHistory, sp.StageChange{At: dec.off(x.Created, off), Stage: v})
			})
			dec.list(f[19], func(off, v string) {
				x.AmountHistory = append(x.AmountHistory, sp.AmountChange{At: dec.off(x.Created, off), Amount: dec.money(v)})
			})
			dec.list(f[20], func(off, v string) {
				x.ExpectedCloseHistory = append(x.ExpectedCloseHistory, sp.ExpectedCloseChange{At: dec.off(x.Created, off), ExpectedClose: dec.date(v)})
			})
			dec.list(f[21], func(off, v string) {
				x.CategoryHistory = append(x.CategoryHistory, sp.CategoryChange{At: dec.off(x.Created, off), Category: sp.ForecastCategory(dec.int(v))})
			})
			ds.Deals = append(ds.Deals, x)
		case "activities":
			ds.Activities = append(ds.Activities, sp.Activity{ID: f[0], Rep: f[1], Deal: f[2], Lead: f[3],
				Kind: sp.ActivityKind(dec.int(f[4])), CustomKind: f[5], At: dec.t(f[6]),
				Duration: time.Duration(dec.int(f[7])) * time.Minute, Category: sp.TimeCategory(dec.int(f[8])),
				CustomCategory: f[9], Outcome: f[10]})
		case "leads":
			x := sp.Lead{ID: f[0], Source: f[1], Owner: f[2], Created: dec.t(f[3]), FirstTouch: dec.t(f[5]),
				ConvertedDeal: f[6], Converted: dec.t(f[7]), Disqualified: dec.t(f[8]), DisqualifyReason: f[9]}
			dec.list(f[4], func(off, v string) {
				x.Actions = append(x.Actions, sp.LeadAction{At: dec.off(x.Created, off), Name: v})
			})
			ds.Leads = append(ds.Leads, x)
		case "targets":
			var g sp.Grain
			dec.fail(g.UnmarshalText([]byte(f[4])))
			t := sp.Target{Level: sp.Level(dec.int(f[0])), Who: f[1], Metric: sp.TargetMetric(dec.int(f[2])),
				Activity: sp.ActivityKind(dec.int(f[3])), Count: int64(dec.int(f[7]))}
			if g != 0 {
				t.Period = cal.PeriodOfDate(dec.date(f[5]), g)
			}
			if f[6] != "" {
				t.Amount = dec.money(f[6])
			}
			ds.Targets = append(ds.Targets, t)
		case "subscriptions":
			s := sp.Subscription{ID: f[0], Customer: f[1], Amount: dec.money(f[2]), BillingMonths: dec.int(f[3]),
				Start: dec.date(f[4]), End: dec.date(f[5])}
			dec.list(f[6], func(from, v string) {
				s.Changes = append(s.Changes, sp.SubscriptionChange{From: dec.date(from), Amount: dec.money(v)})
			})
			ds.Subscriptions = append(ds.Subscriptions, s)
		case "rates":
			rs := RateSeries{From: sp.Currency(f[0]), To: sp.Currency(f[1]), Start: dec.date(f[2])}
			for _, v := range strings.Split(f[3], ",") {
				rs.Values = append(rs.Values, int64(dec.int(v)))
			}
			d.Rates = append(d.Rates, rs)
		case "problems":
			d.Problems = append(d.Problems, Problem{Record: f[0], ID: f[1], Field: f[2], Err: f[3]})
		}
		if dec.err != nil {
			return nil, fmt.Errorf("line %d: %v", line, dec.err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return d, nil
}

// fieldCounts is the number of fields of a line of each section (the
// least, for pipelines).
var fieldCounts = map[string]int{"pipelines": 1, "memberships": 6, "deals": 22, "activities": 11, "leads": 10,
	"targets": 8, "subscriptions": 7, "rates": 4, "problems": 4}

// splitTabs appends the tab-separated fields of s to f.
func splitTabs(s string, f []string) []string {
	for {
		i := strings.IndexByte(s, '\t')
		if i < 0 {
			return append(f, s)
		}
		f = append(f, s[:i])
		s = s[i+1:]
	}
}

type decoder struct {
	loc *time.Location
	err error
}

func (d *decoder) fail(err error) {
	if err != nil && d.err == nil {
		d.err = err
	}
}

func (d *decoder) int(s string) int {
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	d.fail(err)
	return n
}

func (d *decoder) t(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	d.fail(err)
	return time.Unix(n*60, 0).In(d.loc)
}

func (d *decoder) off(base time.Time, s string) time.Time {
	return base.Add(time.Duration(d.int(s)) * time.Minute)
}

func (d *decoder) date(s string) sp.Date {
	if s == "" {
		return sp.Date{}
	}
	x, err := sp.ParseDate(s)
	d.fail(err)
	return x
}

func (d *decoder) money(s string) sp.Money {
	m, err := sp.ParseMoney(s)
	d.fail(err)
	return m
}

// list calls fn with the two sides of each "a=b" entry of s.
func (d *decoder) list(s string, fn func(a, b string)) {
	if s == "" {
		return
	}
	for e := range strings.SplitSeq(s, ";") {
		a, b, ok := strings.Cut(e, "=")
		if !ok {
			d.fail(errors.New("list entry without '='"))
			return
		}
		fn(a, b)
	}
}
