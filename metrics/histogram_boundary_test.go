package metrics

import (
	"math/big"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestSummaryBoundaries checks Summary, whichever path it takes, against
// a reference worked in exact rationals from the sorted (value, count)
// pairs: values on both sides of the dense array's end (4095, 4096),
// negative values, values far out, and counts large enough to cross the
// dense path's 2⁴⁰ limit.
func TestSummaryBoundaries(t *testing.T) {
	value := rapid.OneOf(
		rapid.Int64Range(denseLimit-3, denseLimit+3),
		rapid.Int64Range(-3, 3),
		rapid.Int64Range(0, 50),
		rapid.Int64Range(-100_000, 100_000),
	)
	count := rapid.OneOf(rapid.Int64Range(1, 4), rapid.Int64Range(1<<38, 1<<42))
	rapid.Check(t, func(t *rapid.T) {
		counts := map[int64]int64{}
		var h Histogram
		for range rapid.IntRange(1, 12).Draw(t, "bins") {
			v, c := value.Draw(t, "value"), count.Draw(t, "count")
			if rapid.Bool().Draw(t, "one by one") && c < 5 {
				for range c {
					h.Add(v)
				}
			} else {
				var o Histogram
				o.addCount(v, c)
				h.Merge(&o)
			}
			counts[v] += c
		}
		got := h.Summary()

		vals := make([]int64, 0, len(counts))
		var n, sum int64
		for v, c := range counts {
			vals = append(vals, v)
			n += c
			sum += v * c
		}
		slices.Sort(vals)
		kth := func(k int64) int64 { // the k-th smallest value, 0-based
			for _, v := range vals {
				if k < counts[v] {
					return v
				}
				k -= counts[v]
			}
			t.Fatalf("rank %d beyond %d values", k, n)
			return 0
		}
		q := func(num, den int64) float64 { // type 7, exactly
			pos := new(big.Rat).SetFrac64((n-1)*num, den)
			k := new(big.Int).Quo(pos.Num(), pos.Denom()).Int64()
			x0 := kth(k)
			if k+1 >= n {
				f, _ := new(big.Rat).SetInt64(x0).Float64()
				return f
			}
			frac := new(big.Rat).Sub(pos, new(big.Rat).SetInt64(k))
			x := new(big.Rat).Mul(frac, new(big.Rat).SetInt64(kth(k+1)-x0))
			f, _ := x.Add(x, new(big.Rat).SetInt64(x0)).Float64()
			return f
		}
		want := Summary{N: n, Sum: sum, Min: vals[0], Max: vals[len(vals)-1], Median: q(1, 2), P90: q(9, 10)}
		if got != want {
			t.Fatalf("Summary %+v, want %+v", got, want)
		}
	})
}
