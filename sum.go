package salesperf

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Sum is a running total of money kept per currency, so that amounts in
// different currencies are never mixed silently. The zero Sum is empty and
// ready to use; a nil *Sum reads as empty.
//
// Adding does not allocate in the common case: the first currency's total
// is an int64 of minor units held inline, and every other currency gets an
// entry in a small slice when it first appears. A total that would overflow
// int64 minor units, or an amount finer than its currency's minor unit,
// spills exactly into a decimal held beside the int64, so a Sum is never
// wrong, only slower.
//
// A currency keeps its entry once added, even when its total returns to
// zero (adding +x and -x, or a zero amount in that currency): [Sum.Len],
// [Sum.All], [Sum.Single] and [Sum.Equal] all see it.
//
// Sums merge ([Sum.Merge]) and serialise to JSON, so partial totals from
// shards or batches combine into the total of the whole. A Sum is not safe
// for concurrent updates.
//
// Do not copy a non-empty Sum by assignment and then update either copy:
// the totals of the second and later currencies live in shared storage, so
// an update to one copy can show in the other. Keep Sums behind pointers
// (as aggregator states are), and take an independent copy with
// [Sum.Clone].
type Sum struct {
	first sumEntry   // the first currency added, when used
	used  bool       // first holds an entry
	rest  []sumEntry // the other currencies, in order of first appearance
}

// sumEntry is one currency's total: minor (in minor units) + extra (exact,
// in major units). For a currency that is not known minor is always 0.
type sumEntry struct {
	cur   Currency
	minor int64
	extra decimal.Decimal
	known bool // cur.Known(): minor may be non-zero
}

// Clone returns an independent copy of s: updating one does not change
// the other.
func (s *Sum) Clone() Sum {
	var c Sum
	c.Merge(s)
	return c
}

// Add adds m to the total of its currency. The zero Money (no currency)
// is a no-op; a zero amount in a currency creates that currency's entry.
func (s *Sum) Add(m Money) {
	// Fast path, kept small. When s is empty, first.cur is "" and only the
	// zero Money matches: adding its 0 is the no-op it should be.
	e := &s.first
	r := e.minor + m.minor
	if m.dec == nil && m.cur == e.cur && (e.minor^r)&(m.minor^r) >= 0 {
		e.minor = r
		return
	}
	s.addSlow(m)
}

// AddMinor adds minor minor units of currency c to c's total: exactly
// s.Add(NewMoney(minor, c)), without building the Money. It is the fast
// path for columns of minor units (a deal table's Amount and Currency):
// when c is the first currency added it is an int64 addition and does not
// allocate; a total that would overflow int64 spills exactly, as in Add.
// For a c that is not known (see [Currency.Known]) minor is taken as whole
// units, as NewMoney takes it; AddMinor(c, 0) creates c's entry and
// AddMinor("", 0) is a no-op.
func (s *Sum) AddMinor(c Currency, minor int64) {
	e := &s.first
	r := e.minor + minor
	if c == e.cur && e.known && (e.minor^r)&(minor^r) >= 0 {
		e.minor = r
		return
	}
	s.addMinorSlow(c, minor)
}

func (s *Sum) addMinorSlow(c Currency, minor int64) {
	if minor != 0 && !c.Known() {
		s.addSlow(NewMoney(minor, c))
		return
	}
	if c == "" {
		return
	}
	s.entry(c).addMinor(minor)
}

func (s *Sum) addSlow(m Money) {
	if m.isNone() {
		return
	}
	s.entry(m.cur).add(m)
}

func (e *sumEntry) add(m Money) {
	if m.dec == nil {
		e.addMinor(m.minor)
	} else {
		e.extra = e.extra.Add(*m.dec)
	}
}

func (e *sumEntry) addMinor(x int64) {
	r := e.minor + x
	if (e.minor^r)&(x^r) < 0 {
		e.spill(x)
		return
	}
	e.minor = r
}

// spill moves the int64 part to the exact part and starts it again at x.
func (e *sumEntry) spill(x int64) {
	d := currencyDigits[e.cur]
	e.extra = e.extra.Add(decimal.New(e.minor, -int32(d)))
	e.minor = x
}

// total returns the entry's total as Money.
func (e *sumEntry) total() Money {
	if e.extra.IsZero() {
		return Money{minor: e.minor, cur: e.cur}
	}
	d := currencyDigits[e.cur]
	return MoneyFromDecimal(e.extra.Add(decimal.New(e.minor, -int32(d))), e.cur)
}

// entry returns c's entry, creating it.
func (s *Sum) entry(c Currency) *sumEntry {
	if !s.used {
		s.used, s.first = true, sumEntry{cur: c, known: c.Known()}
		return &s.first
	}
	if s.first.cur == c {
		return &s.first
	}
	for i := range s.rest {
		if s.rest[i].cur == c {
			return &s.rest[i]
		}
	}
	s.rest = append(s.rest, sumEntry{cur: c, known: c.Known()})
	return &s.rest[len(s.rest)-1]
}

// find returns c's entry or nil.
func (s *Sum) find(c Currency) *sumEntry {
	if s == nil || !s.used {
		return nil
	}
	if s.first.cur == c {
		return &s.first
	}
	for i := range s.rest {
		if s.rest[i].cur == c {
			return &s.rest[i]
		}
	}
	return nil
}

// sorted returns a copy of the entries sorted by currency code.
func (s *Sum) sorted() []sumEntry {
	if s == nil || !s.used {
		return nil
	}
	es := make([]sumEntry, 0, 1+len(s.rest))
	es = append(es, s.first)
	es = append(es, s.rest...)
	slices.SortFunc(es, func(a, b sumEntry) int { return cmp.Compare(a.cur, b.cur) })
	return es
}

// Merge adds every total of o into s (s += o), leaving o unchanged; o may
// be s itself (doubling it) or nil. Merging is associative and
// commutative, and the zero Sum is its identity, so sums of any partition
// of the amounts merge into the sum of all of them.
func (s *Sum) Merge(o *Sum) {
	if o == nil || !o.used {
		return
	}
	if o == s {
		c := Sum{first: s.first, used: true, rest: slices.Clone(s.rest)}
		o = &c
	}
	s.mergeEntry(&o.first)
	for i := range o.rest {
		s.mergeEntry(&o.rest[i])
	}
}

func (s *Sum) mergeEntry(oe *sumEntry) {
	e := s.entry(oe.cur)
	e.addMinor(oe.minor)
	if !oe.extra.IsZero() {
		e.extra = e.extra.Add(oe.extra)
	}
}

// Len returns the number of currencies with an entry, including those
// whose total is zero.
func (s *Sum) Len() int {
	if s == nil || !s.used {
		return 0
	}
	return 1 + len(s.rest)
}

// Single returns the total when s holds exactly one currency, and the zero
// Money (no currency) when s is empty. When s holds more than one currency
// it returns an error wrapping [ErrMixedCurrency] that lists them
// ("salesperf: sum: mixed currencies: EUR, USD"); convert with
// [Sum.Convert] instead.
func (s *Sum) Single() (Money, error) {
	switch s.Len() {
	case 0:
		return Money{}, nil
	case 1:
		return s.first.total(), nil
	}
	es := s.sorted()
	names := make([]string, len(es))
	for i := range es {
		names[i] = currencyName(es[i].cur)
	}
	return Money{}, fmt.Errorf("salesperf: sum: %w: %s", ErrMixedCurrency, strings.Join(names, ", "))
}

// Of returns the total in currency c; a zero amount in c if s has none.
func (s *Sum) Of(c Currency) Money {
	if e := s.find(c); e != nil {
		return e.total()
	}
	return Money{cur: c}
}

// All returns an iterator over the totals, one per currency, sorted by
// currency code. The iterator sees s as it is when iteration starts.
func (s *Sum) All() iter.Seq[Money] {
	return func(yield func(Money) bool) {
		for _, e := range s.sorted() {
			if !yield(e.total()) {
				return
			}
		}
	}
}

// Equal reports whether s and o hold the same currencies with the same
// totals. A nil *Sum equals an empty one.
func (s *Sum) Equal(o *Sum) bool {
	if s.Len() != o.Len() {
		return false
	}
	for _, e := range s.sorted() {
		oe := o.find(e.cur)
		if oe == nil || !e.total().Equal(oe.total()) {
			return false
		}
	}
	return true
}

// Convert returns the total of s in currency to: each currency's total is
// converted with [Rates.Convert] at its rate on the day of on and rounded
// once with mode, and the converted totals are added. The total already in
// to is rounded with mode too (it only changes if finer than to's minor
// unit). An empty Sum converts to zero in to. Every missing rate is
// reported, as an [errors.Join] of errors wrapping [ErrMissingRate] that
// name the pair and the date; a to that is not known gives an error
// wrapping [ErrUnknownCurrency]. Convert panics if mode is not a defined
// [RoundingMode].
func (s *Sum) Convert(r *Rates, to Currency, on time.Time, mode RoundingMode) (Money, error) {
	mode.valid()
	if !to.Known() {
		return Money{}, fmt.Errorf("salesperf: convert sum: %w %q", ErrUnknownCurrency, string(to))
	}
	var errs []error
	total := Money{cur: to}
	for _, e := range s.sorted() {
		m, err := r.Convert(e.total(), to, on, mode)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		total, _ = total.Add(m) // same currency: cannot fail
	}
	if errs != nil {
		return Money{}, errors.Join(errs...)
	}
	return total, nil
}

// String returns the totals sorted by currency code and joined with " + ":
// "10 JPY + 1234.50 USD"; "0" for an empty Sum.
func (s Sum) String() string {
	es := s.sorted()
	if len(es) == 0 {
		return "0"
	}
	parts := make([]string, len(es))
	for i := range es {
		parts[i] = es[i].total().String()
	}
	return strings.Join(parts, " + ")
}

// MarshalJSON writes s as a JSON object from currency code to the exact
// total as a decimal string, sorted by code: {"JPY":"10","USD":"1234.50"}.
// An empty Sum is {}. It never depends on the decimal package's settings.
// It has a value receiver so that a Sum inside another value (a struct
// field, a map value) marshals too.
func (s Sum) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range s.sorted() {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(string(e.cur))
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.WriteByte('"')
		b.WriteString(e.total().Amount())
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON replaces s with the totals in data, as written by
// [Sum.MarshalJSON]; the round trip is exact. Currency codes are taken as
// they are (an unknown code is kept, as Sum keeps it); an empty code (no
// currency) or an amount that does not parse gives an error wrapping
// [ErrSyntax]. JSON null leaves s unchanged, as encoding/json does for
// other types. On error s is unchanged.
func (s *Sum) UnmarshalJSON(data []byte) error {
	var raw map[string]string
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("salesperf: unmarshal sum: %w: %v", ErrSyntax, err)
	}
	if raw == nil { // null
		return nil
	}
	var n Sum
	for k, v := range raw {
		c := Currency(k)
		if c == "" {
			return fmt.Errorf("salesperf: unmarshal sum: empty currency code: %w", ErrSyntax)
		}
		m, ok := parseAmount(v, c)
		if !ok {
			return fmt.Errorf("salesperf: unmarshal sum: %s: %w: %q", currencyName(c), ErrSyntax, v)
		}
		n.entry(c).add(m)
	}
	*s = n
	return nil
}
