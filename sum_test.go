package salesperf_test

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	sp "github.com/salesperf/salesperf"
)

func sumOfMoney(ms ...sp.Money) *sp.Sum {
	var s sp.Sum
	for _, m := range ms {
		s.Add(m)
	}
	return &s
}

func totals(s *sp.Sum) []string {
	var out []string
	for m := range s.All() {
		out = append(out, m.String())
	}
	return out
}

func TestSumMixedCurrencies(t *testing.T) {
	s := sumOfMoney(
		sp.MustParseMoney("1234.50 USD"),
		sp.MustParseMoney("10 JPY"),
		sp.Money{}, // no-op
		sp.MustParseMoney("0.50 USD"),
		sp.MustParseMoney("5 EUR"),
		sp.MustParseMoney("-2 JPY"),
	)
	if diff := cmp.Diff("5.00 EUR + 8 JPY + 1235.00 USD", s.String()); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"5.00 EUR", "8 JPY", "1235.00 USD"}, totals(s)); diff != "" {
		t.Errorf("All (-want +got):\n%s", diff)
	}
	if s.Len() != 3 {
		t.Errorf("Len = %d, want 3", s.Len())
	}
	if diff := cmp.Diff(sp.MustParseMoney("1235 USD"), s.Of("USD")); diff != "" {
		t.Errorf("Of(USD) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(sp.NewMoney(0, "GBP"), s.Of("GBP")); diff != "" {
		t.Errorf("Of(GBP) (-want +got):\n%s", diff)
	}
	_, err := s.Single()
	if !errors.Is(err, sp.ErrMixedCurrency) {
		t.Fatalf("Single error = %v, want ErrMixedCurrency", err)
	}
	if diff := cmp.Diff("salesperf: sum: mixed currencies: EUR, JPY, USD", err.Error()); diff != "" {
		t.Errorf("Single message (-want +got):\n%s", diff)
	}
}

func TestSumSingle(t *testing.T) {
	tests := []struct {
		reason string
		s      *sp.Sum
		want   sp.Money
	}{
		{"empty", &sp.Sum{}, sp.Money{}},
		{"nil", nil, sp.Money{}},
		{"only zero Money", sumOfMoney(sp.Money{}, sp.Money{}), sp.Money{}},
		{"one currency", sumOfMoney(sp.MustParseMoney("1.10 EUR"), sp.MustParseMoney("2.20 EUR")), sp.MustParseMoney("3.30 EUR")},
		{"back to zero keeps the entry", sumOfMoney(sp.MustParseMoney("5 USD"), sp.MustParseMoney("-5 USD")), sp.NewMoney(0, "USD")},
		{"zero amount makes an entry", sumOfMoney(sp.NewMoney(0, "JPY")), sp.NewMoney(0, "JPY")},
		{"finer amounts", sumOfMoney(sp.MustParseMoney("0.005 USD"), sp.MustParseMoney("0.005 USD")), sp.MustParseMoney("0.01 USD")},
	}
	for _, tt := range tests {
		got, err := tt.s.Single()
		if err != nil {
			t.Errorf("%s: Single: %v", tt.reason, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: Single (-want +got):\n%s", tt.reason, diff)
		}
	}
	if got := (&sp.Sum{}).String(); got != "0" {
		t.Errorf("empty Sum String = %q, want \"0\"", got)
	}
	if n := sumOfMoney(sp.MustParseMoney("5 USD"), sp.MustParseMoney("-5 USD")).Len(); n != 1 {
		t.Errorf("Len after +5 -5 = %d, want 1 (the entry is kept)", n)
	}
}

func TestSumOverflow(t *testing.T) {
	var s sp.Sum
	big := sp.NewMoney(math.MaxInt64, "USD")
	s.Add(big)
	s.Add(big)
	s.Add(sp.NewMoney(1, "JPY"))
	s.Add(sp.NewMoney(math.MaxInt64, "JPY"))
	s.Add(sp.NewMoney(math.MaxInt64, "JPY"))
	if diff := cmp.Diff("18446744073709551615 JPY + 184467440737095516.14 USD", s.String()); diff != "" {
		t.Errorf("after overflow (-want +got):\n%s", diff)
	}
	s.Add(big.Neg())
	s.Add(big.Neg())
	s.Add(sp.NewMoney(-1, "USD"))
	got := s.Of("USD")
	if diff := cmp.Diff(moneyForm{"-0.01 USD", -1, true}, moneyFormOf(got)); diff != "" {
		t.Errorf("back from overflow (-want +got):\n%s", diff)
	}
}

func TestSumConvert(t *testing.T) {
	var r sp.Rates
	r.Set("EUR", "USD", utcDay(2026, 1, 1), decOf("1.0830"))
	r.Set("JPY", "USD", utcDay(2026, 1, 1), decOf("0.0064"))
	on := utcDay(2026, 3, 14)
	s := sumOfMoney(sp.MustParseMoney("100.00 USD"), sp.MustParseMoney("10000 JPY"), sp.MustParseMoney("5.00 EUR"))
	tests := []struct {
		mode sp.RoundingMode
		want string
	}{
		// 100.00 + 64.00 + 5.415 rounded once per currency.
		{sp.RoundHalfEven, "169.42 USD"},
		{sp.RoundDown, "169.41 USD"},
	}
	for _, tt := range tests {
		got, err := s.Convert(&r, "USD", on, tt.mode)
		if err != nil {
			t.Errorf("Convert %v: %v", tt.mode, err)
		}
		if diff := cmp.Diff(tt.want, got.String()); diff != "" {
			t.Errorf("Convert %v (-want +got):\n%s", tt.mode, diff)
		}
	}
	empty, err := (&sp.Sum{}).Convert(nil, "EUR", on, sp.RoundHalfEven)
	if err != nil || empty != sp.NewMoney(0, "EUR") {
		t.Errorf("empty Sum Convert = %v, %v; want 0.00 EUR", empty, err)
	}
	s.Add(sp.MustParseMoney("1 GBP"))
	s.Add(sp.MustParseMoney("1 CHF"))
	_, err = s.Convert(&r, "USD", on, sp.RoundHalfEven)
	want := "salesperf: missing exchange rate: no CHF→USD rate on or before 2026-03-14\n" +
		"salesperf: missing exchange rate: no GBP→USD rate on or before 2026-03-14"
	if !errors.Is(err, sp.ErrMissingRate) || err.Error() != want {
		t.Errorf("Convert with missing rates: %v, want\n%s", err, want)
	}
	if _, err := s.Convert(&r, "XYZ", on, sp.RoundHalfEven); !errors.Is(err, sp.ErrUnknownCurrency) {
		t.Errorf("Convert to XYZ: %v", err)
	}
}

func TestSumJSON(t *testing.T) {
	s := sumOfMoney(sp.MustParseMoney("1234.50 USD"), sp.MustParseMoney("10 JPY"), sp.MustParseMoney("0.001 EUR"),
		sp.MustParseMoney("100000000000000000000 KWD"))
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"EUR":"0.001","JPY":"10","KWD":"100000000000000000000.000","USD":"1234.50"}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("MarshalJSON (-want +got):\n%s", diff)
	}
	var back sp.Sum
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !back.Equal(s) {
		t.Errorf("round trip: %v, want %v", back, s)
	}
	if b, _ := json.Marshal(&sp.Sum{}); string(b) != "{}" {
		t.Errorf("empty Sum JSON = %s", b)
	}
	if err := back.UnmarshalJSON([]byte(`{"USD":"1,5"}`)); !errors.Is(err, sp.ErrSyntax) {
		t.Errorf("bad amount: %v, want ErrSyntax", err)
	}
	if err := back.UnmarshalJSON([]byte(`[1]`)); !errors.Is(err, sp.ErrSyntax) {
		t.Errorf("not an object: %v, want ErrSyntax", err)
	}
}

func TestSumEqualMerge(t *testing.T) {
	a := sumOfMoney(sp.MustParseMoney("1 USD"), sp.MustParseMoney("2 EUR"))
	b := sumOfMoney(sp.MustParseMoney("2 EUR"), sp.MustParseMoney("1 USD"))
	if !a.Equal(b) {
		t.Errorf("%v not Equal to %v", a, b)
	}
	if a.Equal(sumOfMoney(sp.MustParseMoney("1 USD"))) || a.Equal(nil) || !(&sp.Sum{}).Equal(nil) {
		t.Error("Equal with different currencies or nil")
	}
	if sumOfMoney(sp.NewMoney(0, "USD")).Equal(&sp.Sum{}) {
		t.Error("a zero USD entry Equal to an empty Sum")
	}
	a.Merge(a)
	if diff := cmp.Diff("4.00 EUR + 2.00 USD", a.String()); diff != "" {
		t.Errorf("Merge with itself (-want +got):\n%s", diff)
	}
	a.Merge(nil)
	if diff := cmp.Diff("4.00 EUR + 2.00 USD", a.String()); diff != "" {
		t.Errorf("Merge nil (-want +got):\n%s", diff)
	}
}

// genMoneys draws a slice of amounts in a few currencies, many of them near
// the int64 limits so that totals overflow and come back.
func genMoneys() *rapid.Generator[[]sp.Money] {
	return rapid.SliceOfN(genMoney(), 0, 60)
}

// reference totals with decimal arithmetic.
func refTotals(ms []sp.Money) map[sp.Currency]decimal.Decimal {
	ref := map[sp.Currency]decimal.Decimal{}
	for _, m := range ms {
		ref[m.Currency()] = ref[m.Currency()].Add(m.Decimal())
	}
	return ref
}

func TestSumMatchesDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ms := genMoneys().Draw(t, "amounts")
		s := sumOfMoney(ms...)
		ref := refTotals(ms)
		if s.Len() != len(ref) {
			t.Fatalf("Len = %d, want %d", s.Len(), len(ref))
		}
		for c, want := range ref {
			got := s.Of(c)
			if !got.Decimal().Equal(want) {
				t.Fatalf("Of(%s) = %v, decimal says %s", c, got, want)
			}
			if canon := sp.MoneyFromDecimal(want, c); got != canon && !got.Equal(canon) {
				t.Fatalf("Of(%s) = %#v not canonical", c, got)
			}
		}
	})
}

func TestSumSplitMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ms := genMoneys().Draw(t, "amounts")
		whole := sumOfMoney(ms...)
		cuts := rapid.SliceOfN(rapid.IntRange(0, len(ms)), 0, 5).Draw(t, "cuts")
		slices.Sort(cuts)
		var merged sp.Sum
		prev := 0
		for _, c := range append(cuts, len(ms)) {
			merged.Merge(sumOfMoney(ms[prev:c]...))
			prev = c
		}
		if !merged.Equal(whole) {
			t.Fatalf("merged parts %v != whole %v", &merged, whole)
		}
	})
}

func TestSumMergeLaws(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := sumOfMoney(genMoneys().Draw(t, "a")...)
		b := sumOfMoney(genMoneys().Draw(t, "b")...)
		c := sumOfMoney(genMoneys().Draw(t, "c")...)
		// (a+b)+c
		var left sp.Sum
		left.Merge(a)
		left.Merge(b)
		left.Merge(c)
		// a+(b+c)
		var bc sp.Sum
		bc.Merge(b)
		bc.Merge(c)
		var right sp.Sum
		right.Merge(a)
		right.Merge(&bc)
		if !left.Equal(&right) {
			t.Fatalf("(a+b)+c = %v, a+(b+c) = %v", &left, &right)
		}
		// zero identity, both sides
		var z1 sp.Sum
		z1.Merge(a)
		z2 := sumOfMoney(genMoneys().Draw(t, "a2")...)
		*z2 = sp.Sum{}
		z2.Merge(a)
		z2.Merge(&sp.Sum{})
		if !z1.Equal(a) || !z2.Equal(a) {
			t.Fatalf("zero Sum not an identity: %v, %v, want %v", &z1, z2, a)
		}
		// commutative
		var ab, ba sp.Sum
		ab.Merge(a)
		ab.Merge(b)
		ba.Merge(b)
		ba.Merge(a)
		if !ab.Equal(&ba) {
			t.Fatalf("a+b = %v, b+a = %v", &ab, &ba)
		}
	})
}

func TestSumOrderDoesNotMatter(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ms := genMoneys().Draw(t, "amounts")
		perm := rapid.Permutation(ms).Draw(t, "permutation")
		if a, b := sumOfMoney(ms...), sumOfMoney(perm...); !a.Equal(b) {
			t.Fatalf("%v != %v", a, b)
		}
	})
}

func TestSumJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := sumOfMoney(genMoneys().Draw(t, "amounts")...)
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back sp.Sum
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if !back.Equal(s) || back.String() != s.String() {
			t.Fatalf("JSON %s gave %v, want %v", b, &back, s)
		}
	})
}

// TestSumSpillMerge adds beyond int64 minor units in the first currency
// and in a later one, merges spilled sums, and checks that totals come back
// to the fast form once they fit again. MaxInt64 cents twice is
// 184467440737095516.14 USD.
func TestSumSpillMerge(t *testing.T) {
	max, min := sp.NewMoney(math.MaxInt64, "USD"), sp.NewMoney(math.MinInt64, "USD")
	maxJ := sp.NewMoney(math.MaxInt64, "JPY")
	up := sumOfMoney(sp.NewMoney(1, "EUR"), max, maxJ, max, maxJ, sp.NewMoney(3, "JPY"))
	down := sumOfMoney(min, min, sp.NewMoney(5, "USD"), maxJ.Neg(), maxJ.Neg())
	if diff := cmp.Diff([]string{"0.01 EUR", "18446744073709551617 JPY", "184467440737095516.14 USD"}, totals(up)); diff != "" {
		t.Errorf("spilled (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"-18446744073709551614 JPY", "-184467440737095516.11 USD"}, totals(down)); diff != "" {
		t.Errorf("spilled down (-want +got):\n%s", diff)
	}

	both := sumOfMoney()
	both.Merge(up)
	both.Merge(down)
	if diff := cmp.Diff([]string{"0.01 EUR", "3 JPY", "0.03 USD"}, totals(both)); diff != "" {
		t.Errorf("merged (-want +got):\n%s", diff)
	}
	for _, c := range []sp.Currency{"EUR", "JPY", "USD"} {
		if _, ok := both.Of(c).Minor(); !ok {
			t.Errorf("merged total %v is not back in the fast form", both.Of(c))
		}
	}

	// Merge the other way round, and a spilled sum into itself.
	other := sumOfMoney()
	other.Merge(down)
	other.Merge(up)
	if !other.Equal(both) {
		t.Errorf("down+up = %v, up+down = %v", other, both)
	}
	up.Merge(up)
	if diff := cmp.Diff([]string{"0.02 EUR", "36893488147419103234 JPY", "368934881474191032.28 USD"}, totals(up)); diff != "" {
		t.Errorf("doubled (-want +got):\n%s", diff)
	}

	// Adding the negation of a spilled total gives exactly zero.
	up.Add(sp.MustParseMoney("-368934881474191032.28 USD"))
	if got := up.Of("USD"); moneyFormOf(got) != (moneyForm{"0.00 USD", 0, true}) {
		t.Errorf("spilled total minus itself = %+v, want 0.00 USD in the fast form", moneyFormOf(got))
	}
}

// TestSumNearOverflowMatchesDecimal adds amounts near the int64 limits in
// a few currencies, in any split, and compares every total with decimal
// arithmetic.
func TestSumNearOverflowMatchesDecimal(t *testing.T) {
	gen := rapid.Custom(func(t *rapid.T) sp.Money {
		c := rapid.SampledFrom([]sp.Currency{"USD", "JPY", "KWD"}).Draw(t, "currency")
		near := rapid.Int64Range(0, 3).Draw(t, "near")
		if rapid.Bool().Draw(t, "negative") {
			return sp.NewMoney(math.MinInt64+near, c)
		}
		return sp.NewMoney(math.MaxInt64-near, c)
	})
	rapid.Check(t, func(t *rapid.T) {
		ms := rapid.SliceOf(rapid.OneOf(gen, genMoney())).Draw(t, "amounts")
		cut := rapid.IntRange(0, len(ms)).Draw(t, "cut")
		a, b := sumOfMoney(ms[:cut]...), sumOfMoney(ms[cut:]...)
		a.Merge(b)
		for c, want := range refTotals(ms) {
			if got := a.Of(c).Decimal(); !got.Equal(want) {
				t.Fatalf("total of %s = %s, decimal says %s", c, got, want)
			}
		}
	})
}

// TestSumJSONEdges covers what UnmarshalJSON must refuse or keep.
func TestSumJSONEdges(t *testing.T) {
	s := sumOfMoney(sp.NewMoney(math.MaxInt64, "USD"), sp.NewMoney(math.MaxInt64, "USD"), sp.NewMoney(5, "XYZ"))
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"USD":"184467440737095516.14","XYZ":"5"}`, string(b)); diff != "" {
		t.Errorf("MarshalJSON of a spilled sum (-want +got):\n%s", diff)
	}
	var back sp.Sum
	if err := json.Unmarshal(b, &back); err != nil || !back.Equal(s) {
		t.Errorf("round trip = %v, %v; want %v", &back, err, s)
	}

	// JSON null leaves the Sum as it is, as encoding/json does for other types.
	if err := json.Unmarshal([]byte(`null`), &back); err != nil || !back.Equal(s) {
		t.Errorf("null: %v, %v; want the Sum unchanged", &back, err)
	}
	// A total with no currency cannot be in a Sum.
	for _, in := range []string{`{"":"5"}`, `{"":"0"}`} {
		err := back.UnmarshalJSON([]byte(in))
		if !errors.Is(err, sp.ErrSyntax) {
			t.Errorf("UnmarshalJSON(%s) = %v, want ErrSyntax", in, err)
		}
	}
	if !back.Equal(s) {
		t.Errorf("after failed unmarshals: %v, want unchanged %v", &back, s)
	}
}

// TestSumCopyIndependence documents that merging into a zero Sum is the
// way to get an independent copy: a plain struct copy shares the storage
// of the second and later currencies.
func TestSumCopyIndependence(t *testing.T) {
	s := sumOfMoney(sp.NewMoney(1, "USD"), sp.NewMoney(2, "EUR"))
	var c sp.Sum
	c.Merge(s)
	c.Add(sp.NewMoney(10, "EUR"))
	c.Add(sp.NewMoney(10, "USD"))
	if diff := cmp.Diff([]string{"0.02 EUR", "0.01 USD"}, totals(s)); diff != "" {
		t.Errorf("original changed through its copy (-want +got):\n%s", diff)
	}
}

func TestSumClone(t *testing.T) {
	var s sp.Sum
	s.Add(sp.MustParseMoney("1.00 USD"))
	s.Add(sp.MustParseMoney("2.00 EUR"))
	c := s.Clone()
	c.Add(sp.MustParseMoney("5.00 EUR"))
	if got := s.String(); got != "2.00 EUR + 1.00 USD" {
		t.Errorf("original after updating the clone = %s, want 2.00 EUR + 1.00 USD", got)
	}
	if got := c.String(); got != "7.00 EUR + 1.00 USD" {
		t.Errorf("clone = %s, want 7.00 EUR + 1.00 USD", got)
	}
}
