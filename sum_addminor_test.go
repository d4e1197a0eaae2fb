package salesperf_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	sp "github.com/salesperf/salesperf"
)

// TestSumAddMinor checks AddMinor against hand-computed totals: the fast
// path, a second currency, the exact spill past int64, an unknown
// currency (whole units, as NewMoney takes them), a zero that creates an
// entry, and the no-currency no-op.
func TestSumAddMinor(t *testing.T) {
	type add struct {
		c     sp.Currency
		minor int64
	}
	tests := []struct {
		name string
		adds []add
		want []string // s.All() as strings, sorted by currency
		n    int      // s.Len()
	}{
		{"empty", nil, nil, 0},
		{"one currency", []add{{"USD", 1050}, {"USD", 25}}, []string{"10.75 USD"}, 1},
		{"negative", []add{{"USD", 100}, {"USD", -250}}, []string{"-1.50 USD"}, 1},
		{"two currencies", []add{{"USD", 1}, {"JPY", 500}, {"USD", 2}, {"JPY", 5}}, []string{"505 JPY", "0.03 USD"}, 2},
		{"zero creates the entry", []add{{"EUR", 0}}, []string{"0.00 EUR"}, 1},
		{"no currency is a no-op", []add{{"", 0}, {"USD", 7}, {"", 0}}, []string{"0.07 USD"}, 1},
		{"overflow spills exactly", []add{{"USD", math.MaxInt64}, {"USD", 1}, {"USD", math.MaxInt64}},
			[]string{"184467440737095516.15 USD"}, 1},
		{"negative overflow", []add{{"JPY", math.MinInt64}, {"JPY", -1}}, []string{"-9223372036854775809 JPY"}, 1},
		{"overflow in the second currency", []add{{"EUR", 1}, {"USD", math.MaxInt64}, {"USD", 2}},
			[]string{"0.01 EUR", "92233720368547758.09 USD"}, 2},
		{"unknown currency in whole units", []add{{"XYZ", 0}, {"XYZ", 5}, {"XYZ", 2}}, []string{"7 XYZ"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s sp.Sum
			for _, a := range tt.adds {
				s.AddMinor(a.c, a.minor)
			}
			if d := cmp.Diff(tt.want, totals(&s)); d != "" {
				t.Errorf("totals (-want +got):\n%s", d)
			}
			if s.Len() != tt.n {
				t.Errorf("Len = %d, want %d", s.Len(), tt.n)
			}
		})
	}
}

// TestSumAddMinorIsAdd checks that AddMinor(c, x) is Add(NewMoney(x, c))
// on any sequence, mixed with Add.
func TestSumAddMinorIsAdd(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		curs := []sp.Currency{"USD", "JPY", "BHD", "XYZ", ""}
		n := rapid.IntRange(0, 40).Draw(t, "n")
		var got, want sp.Sum
		for i := range n {
			c := rapid.SampledFrom(curs).Draw(t, "c")
			var x int64
			if rapid.Bool().Draw(t, "big") {
				x = rapid.Int64().Draw(t, "x")
			} else {
				x = rapid.Int64Range(-1000, 1000).Draw(t, "x")
			}
			// NewMoney(x, "") with x ≠ 0 is an amount with no currency,
			// which Add keeps under ""; AddMinor must do the same.
			if i%3 == 2 { // interleave with Add
				got.Add(sp.NewMoney(x, c))
			} else {
				got.AddMinor(c, x)
			}
			want.Add(sp.NewMoney(x, c))
		}
		if !got.Equal(&want) || got.String() != want.String() {
			t.Fatalf("AddMinor gives %v, Add gives %v", got, want)
		}
	})
}

// BenchmarkSumAddMinor compares AddMinor over columns of minor units with
// Add(NewMoney(…)) over the same values (the row form's work per deal),
// and reports the ratio.
func BenchmarkSumAddMinor(b *testing.B) {
	ms, _ := benchAmounts()
	minor := make([]int64, len(ms))
	for i, m := range ms {
		minor[i], _ = m.Minor()
	}
	var addNs float64
	b.Run("Add(NewMoney)", func(b *testing.B) {
		b.ReportAllocs()
		var s sp.Sum
		for b.Loop() {
			s = sp.Sum{}
			for _, x := range minor {
				s.Add(sp.NewMoney(x, "USD"))
			}
		}
		addNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N*benchN)
		b.ReportMetric(addNs, "ns/add")
	})
	b.Run("AddMinor", func(b *testing.B) {
		b.ReportAllocs()
		var s sp.Sum
		var c sp.Currency = "USD"
		for b.Loop() {
			s = sp.Sum{}
			for _, x := range minor {
				s.AddMinor(c, x)
			}
		}
		ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N*benchN)
		b.ReportMetric(ns, "ns/add")
		if addNs > 0 {
			b.ReportMetric(ns/addNs, "x-Add")
		}
	})
}
