package csvimport

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// numFormat is how numbers are written: the thousands separator ("" for
// none) and the decimal separator.
type numFormat struct {
	thousands string
	point     byte
}

func newNumFormat(thousands rune, decimalComma bool) (numFormat, error) {
	f := numFormat{point: '.'}
	if decimalComma {
		f.point = ','
	}
	if thousands != 0 {
		if !utf8.ValidRune(thousands) || unicode.IsDigit(thousands) || thousands == '-' || thousands == '+' {
			return f, fmt.Errorf("thousands separator %q", thousands)
		}
		if thousands == rune(f.point) {
			return f, fmt.Errorf("thousands separator %q is the decimal separator", thousands)
		}
		f.thousands = string(thousands)
	}
	return f, nil
}

// maxNumberLen bounds the length of a number cell, to keep parsing cheap
// on hostile input.
const maxNumberLen = 100

// number parses an optional sign, digits (grouped by three with the
// thousands separator, if one is set) and optionally the decimal separator
// and more digits. It returns the value as coef × 10^-scale, and big (the
// plain digits, with a sign and a point) when coef would overflow.
func (f numFormat) number(s string) (coef int64, scale int, big string, ok bool) {
	return number(f, s)
}

// number is numFormat.number on a cell of either form.
func number[S cellText](f numFormat, s S) (coef int64, scale int, big string, ok bool) {
	if len(s) == 0 || len(s) > maxNumberLen {
		return 0, 0, "", false
	}
	neg := false
	i := 0
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		i++
	}
	var buf [maxNumberLen]byte
	n := 0
	if neg {
		buf[n] = '-'
		n++
	}
	digits, group, groups := 0, 0, 0
	overflow := false
	add := func(c byte) {
		buf[n] = c
		n++
		d := int64(c - '0')
		if coef > (math.MaxInt64-d)/10 {
			overflow = true
		} else {
			coef = coef*10 + d
		}
		digits++
	}
	// Integer part.
	for i < len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			add(c)
			group++
			i++
			continue
		case f.thousands != "" && len(s)-i >= len(f.thousands) && string(s[i:i+len(f.thousands)]) == f.thousands:
			if group == 0 || group > 3 || groups > 0 && group != 3 {
				return 0, 0, "", false
			}
			groups++
			group = 0
			i += len(f.thousands)
			if i == len(s) || s[i] < '0' || s[i] > '9' {
				return 0, 0, "", false
			}
			continue
		}
		break
	}
	if groups > 0 && group != 3 {
		return 0, 0, "", false
	}
	// Fraction.
	if i < len(s) && s[i] == f.point {
		i++
		buf[n] = '.'
		n++
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			add(s[i])
			i++
		}
		scale = i - start
		if scale == 0 {
			return 0, 0, "", false
		}
	}
	if i != len(s) || digits == 0 {
		return 0, 0, "", false
	}
	if neg {
		coef = -coef
	}
	if overflow {
		return 0, scale, string(buf[:n]), true
	}
	return coef, scale, "", true
}

// money parses an amount cell in currency c. A code before or after the
// number ("USD 1234.50", "1234.50 USD") gives the currency instead.
func (f numFormat) money(s string, c sp.Currency) (sp.Money, error) {
	if len(s) > 4 && s[3] == ' ' && isCode(s[:3]) {
		c, s = sp.Currency(strings.ToUpper(s[:3])), strings.TrimSpace(s[4:])
	} else if n := len(s); n > 4 && s[n-4] == ' ' && isCode(s[n-3:]) {
		c, s = sp.Currency(strings.ToUpper(s[n-3:])), strings.TrimSpace(s[:n-4])
	}
	coef, scale, big, ok := f.number(s)
	if !ok {
		return sp.Money{}, syntax(s)
	}
	digits, known := c.Digits()
	if !known {
		return sp.Money{}, fmt.Errorf("%w: %q", sp.ErrUnknownCurrency, string(c))
	}
	if big == "" && scale <= digits {
		p := int64(1)
		for range digits - scale {
			p *= 10
		}
		if v := coef * p; v/p == coef {
			return sp.NewMoney(v, c), nil
		}
	}
	if big == "" {
		return sp.MoneyFromDecimal(decimal.New(coef, -int32(scale)), c), nil
	}
	d, err := decimal.NewFromString(big)
	if err != nil {
		return sp.Money{}, syntax(s)
	}
	return sp.MoneyFromDecimal(d, c), nil
}

// integer parses a whole number (thousands separators allowed).
func (f numFormat) integer(s string) (int64, bool) {
	coef, scale, big, ok := f.number(s)
	return coef, ok && scale == 0 && big == ""
}

func isCode(s string) bool {
	for i := range len(s) {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// currency parses a currency cell: a code, or a name ending in the code in
// parentheses ("US Dollar (USD)").
func currency(s string) (sp.Currency, error) {
	if n := len(s); n >= 5 && s[n-1] == ')' && s[n-5] == '(' {
		s = s[n-4 : n-1]
	}
	return sp.ParseCurrency(s)
}

// time returns the instant in column i; the zero time for an empty cell.
func (w *row) time(i int) time.Time {
	s := w.get(i)
	if s == "" {
		return time.Time{}
	}
	v, ok := w.t.instant(s)
	if !ok {
		w.bad(i, syntax(s))
	}
	return v
}

// date returns the civil date in column i, as written; the zero Date for
// an empty cell.
func (w *row) date(i int) sp.Date {
	v := w.time(i)
	if v.IsZero() {
		return sp.Date{}
	}
	return sp.DateOf(v)
}

// money returns the amount in column i, in the currency of column ci when
// it is mapped and not empty, else the Mapping's; the zero Money for an
// empty cell.
func (w *row) money(i, ci int) sp.Money {
	s := w.get(i)
	if s == "" {
		return sp.Money{}
	}
	c := w.t.r.Mapping.Currency
	if cs := w.get(ci); cs != "" {
		var err error
		if c, err = currency(cs); err != nil {
			w.bad(ci, fmt.Errorf("%w: %q", sp.ErrUnknownCurrency, cs))
			return sp.Money{}
		}
	}
	m, err := w.t.num.money(s, c)
	if err != nil {
		if errors.Is(err, sp.ErrUnknownCurrency) && ci >= 0 {
			i = ci
		}
		w.bad(i, err)
	}
	return m
}

// integer returns the whole number in column i; 0 for an empty cell.
func (w *row) integer(i int) int64 {
	s := w.get(i)
	if s == "" {
		return 0
	}
	n, ok := w.t.num.integer(s)
	if !ok {
		w.bad(i, syntax(s))
	}
	return n
}

// norm folds a name for matching: lower case, with '_' and '-' read as
// spaces and runs of spaces as one.
func norm(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r == '_' || r == '-' {
			return ' '
		}
		return unicode.ToLower(r)
	}, s)), " ")
}

// lookup finds s in m exactly, else ignoring case.
func lookup[V any](m map[string]V, s string) (V, bool) {
	if v, ok := m[s]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, s) {
			return v, true
		}
	}
	var zero V
	return zero, false
}

// byName gives the status a stage name implies under StageByName.
func byName(stage string) sp.Status {
	st := sp.Open
	for _, word := range strings.FieldsFunc(stage, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		switch {
		case strings.EqualFold(word, "won"):
			return sp.Won
		case strings.EqualFold(word, "lost"):
			st = sp.Lost
		}
	}
	return st
}

// status parses a status cell.
func status(s string) (sp.Status, bool) {
	switch {
	case strings.EqualFold(s, "open"):
		return sp.Open, true
	case strings.EqualFold(s, "won"):
		return sp.Won, true
	case strings.EqualFold(s, "lost"):
		return sp.Lost, true
	}
	return 0, false
}

var categoryNames = map[string]sp.ForecastCategory{
	"pipeline": sp.CategoryPipeline, "best case": sp.CategoryBestCase, "bestcase": sp.CategoryBestCase,
	"commit": sp.CategoryCommit, "closed": sp.CategoryClosed, "closed won": sp.CategoryClosed,
	"omitted": sp.CategoryOmitted, "omit": sp.CategoryOmitted, "not forecasted": sp.CategoryOmitted,
}

// category parses a forecast-category cell; "" is NoCategory.
func category(s string) (sp.ForecastCategory, bool) {
	if s == "" {
		return sp.NoCategory, true
	}
	if c, ok := categoryNames[s]; ok { // the keys are normalised
		return c, true
	}
	c, ok := categoryNames[norm(s)]
	return c, ok
}

// kind parses an activity-kind cell with the Mapping's Kinds, then the
// kinds' names.
func kind(kinds map[string]sp.ActivityKind, s string) (sp.ActivityKind, bool) {
	if k, ok := lookup(kinds, s); ok {
		return k, true
	}
	for k := sp.Call; k < sp.CustomKind; k++ { // the common case: a kind's own name
		if k.String() == s {
			return k, true
		}
	}
	n := norm(s)
	for k := sp.Call; k < sp.CustomKind; k++ {
		if k.String() == n {
			return k, true
		}
	}
	return 0, false
}

// timeCategory parses a time-category cell; "" is Uncategorized.
func timeCategory(cats map[string]sp.TimeCategory, s string) (sp.TimeCategory, bool) {
	if s == "" {
		return sp.Uncategorized, true
	}
	if c, ok := lookup(cats, s); ok {
		return c, true
	}
	for c := sp.Prospecting; c < sp.CustomCategory; c++ {
		if c.String() == s {
			return c, true
		}
	}
	n := norm(s)
	for c := sp.Prospecting; c < sp.CustomCategory; c++ {
		if c.String() == n {
			return c, true
		}
	}
	return 0, false
}

// duration parses a duration cell: a Go duration ("1h30m"), a clock form
// ("1:30", "1:30:00": hours, minutes, seconds), or a plain number of unit.
func duration(s string, unit time.Duration) (time.Duration, bool) {
	if unit == 0 {
		unit = time.Minute
	}
	if strings.ContainsAny(s, "hmsuµn") {
		d, err := time.ParseDuration(s)
		return d, err == nil
	}
	if strings.Contains(s, ":") {
		parts := strings.Split(s, ":")
		if len(parts) > 3 {
			return 0, false
		}
		var d time.Duration
		units := []time.Duration{time.Hour, time.Minute, time.Second}
		for i, p := range parts {
			n, err := strconv.ParseUint(p, 10, 31)
			if err != nil || i > 0 && (len(p) != 2 || n >= 60) {
				return 0, false
			}
			d += time.Duration(n) * units[i]
		}
		return d, true
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) || math.Abs(x*float64(unit)) > math.MaxInt64/2 {
		return 0, false
	}
	return time.Duration(math.Round(x * float64(unit))), true
}
