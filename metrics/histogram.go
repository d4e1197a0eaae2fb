package metrics

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// denseLimit bounds the values a Histogram counts in its dense array
// (0 ≤ v < denseLimit); others go to a map. 4096 days is over eleven
// years of sales cycle; the array costs at most 32 KiB per state.
const denseLimit = 4096

// Histogram is the exact distribution of whole numbers (days of sales
// cycle, minutes of response time): how many times each value occurred.
// Its quantiles are exact, not estimated, and two histograms merge by
// adding their counts, so the median of merged parts is the median of
// the whole. Memory grows with the number of distinct values, not with
// the number of records. The zero Histogram is empty.
type Histogram struct {
	dense  []int64         // dense[v] is the count of v, for 0 ≤ v < len(dense)
	sparse map[int64]int64 // counts of values outside the dense range
	n      int64
	sum    int64
}

// Add counts one occurrence of v. It allocates only when v is the largest
// small value yet (the array grows) or a value outside [0, 4096) first
// appears.
func (h *Histogram) Add(v int64) {
	h.n++
	h.sum += v
	if v >= 0 && v < denseLimit {
		if v >= int64(len(h.dense)) {
			h.grow(v)
		}
		h.dense[v]++
		return
	}
	if h.sparse == nil {
		h.sparse = make(map[int64]int64)
	}
	h.sparse[v]++
}

func (h *Histogram) grow(v int64) {
	n := max(int(v)+1, 2*len(h.dense), 64)
	n = min(n, denseLimit)
	h.dense = append(h.dense, make([]int64, n-len(h.dense))...)
}

// addCount counts c occurrences of v.
func (h *Histogram) addCount(v, c int64) {
	h.n += c
	h.sum += v * c
	if v >= 0 && v < denseLimit {
		if v >= int64(len(h.dense)) {
			h.grow(v)
		}
		h.dense[v] += c
		return
	}
	if h.sparse == nil {
		h.sparse = make(map[int64]int64)
	}
	h.sparse[v] += c
}

// Merge adds o's counts to h; o is unchanged.
func (h *Histogram) Merge(o *Histogram) {
	if len(o.dense) > len(h.dense) {
		h.grow(int64(len(o.dense) - 1))
	}
	for v, c := range o.dense {
		h.dense[v] += c
	}
	for v, c := range o.sparse {
		if h.sparse == nil {
			h.sparse = make(map[int64]int64)
		}
		h.sparse[v] += c
	}
	h.n += o.n
	h.sum += o.sum
}

// N returns the number of values counted.
func (h *Histogram) N() int64 { return h.n }

// Sum returns the sum of the values counted.
func (h *Histogram) Sum() int64 { return h.sum }

// Bins returns each distinct value with its count, in increasing order of
// value. Values with a zero count are left out.
func (h *Histogram) Bins() []Bin {
	var out []Bin
	var low, high []int64
	for v := range h.sparse {
		if h.sparse[v] == 0 {
			continue
		}
		if v < 0 {
			low = append(low, v)
		} else {
			high = append(high, v)
		}
	}
	slices.Sort(low)
	slices.Sort(high)
	for _, v := range low {
		out = append(out, Bin{v, h.sparse[v]})
	}
	for v, c := range h.dense {
		if c != 0 {
			out = append(out, Bin{int64(v), c})
		}
	}
	for _, v := range high {
		out = append(out, Bin{v, h.sparse[v]})
	}
	return out
}

// Bin is one distinct value of a [Histogram] and how many times it occurred.
type Bin struct {
	Value int64 `json:"value"`
	Count int64 `json:"count"`
}

// Summary returns the count, sum, minimum, maximum, median and 90th
// percentile of the values. Quantiles interpolate linearly between the
// closest ranks (R's default, type 7; numpy's "linear"): with the n
// values sorted as x[0] ≤ … ≤ x[n-1] and h = (n−1)·q, the q-quantile is
// x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). The median of 1, 2, 3, 10 is
// 2.5, and its 90th percentile 7.9.
func (h *Histogram) Summary() Summary {
	if s, ok := h.denseSummary(); ok {
		return s
	}
	bins := h.Bins()
	if len(bins) == 0 {
		return Summary{}
	}
	return Summary{
		N: h.n, Sum: h.sum,
		Min: bins[0].Value, Max: bins[len(bins)-1].Value,
		Median: quantile(bins, h.n, 0.5),
		P90:    quantile(bins, h.n, 0.9),
	}
}

// denseSummary is Summary without allocating, for the usual histogram
// whose values are all in the dense array (days of sales cycle): it
// walks the array once for the minimum, the maximum and the four ranks
// the median and the 90th percentile interpolate between, and computes
// those in integers. It reports false when it does not apply (values
// outside the array, or too large for the integer arithmetic); Summary
// then takes the general path, whose results these equal.
func (h *Histogram) denseSummary() (Summary, bool) {
	if h.n == 0 || len(h.sparse) > 0 || h.n > 1<<40 {
		return Summary{}, false
	}
	// q = t/10: the rank h = (n−1)·t/10 is k = ⌊h⌋ plus r/10.
	k5, r5 := (h.n-1)*5/10, (h.n-1)*5%10
	k9, r9 := (h.n-1)*9/10, (h.n-1)*9%10
	want := [4]int64{k5, min(k5+1, h.n-1), k9, min(k9+1, h.n-1)}
	var at [4]int64
	found := 0
	lo, hi, seen := int64(-1), int64(-1), int64(0)
	for v, c := range h.dense {
		if c == 0 {
			continue
		}
		if lo < 0 {
			lo = int64(v)
		}
		hi = int64(v)
		// The k-th smallest value (0-based) is the first v with k below
		// the count of values ≤ v, as rank takes it from the bins.
		for i, k := range want {
			if k >= seen && k < seen+c {
				at[i] = int64(v)
				found++
			}
		}
		seen += c
	}
	if lo < 0 || found != len(want) {
		return Summary{}, false
	}
	return Summary{N: h.n, Sum: h.sum, Min: lo, Max: hi,
		Median: tenths(at[0], at[1], r5), P90: tenths(at[2], at[3], r9)}, true
}

// tenths is x0 + (r/10)·(x1 − x0) rounded to a float64, as quantile
// computes it in decimal: 10·x0 + r·(x1 − x0) is an exact integer well
// below 2⁵³ (dense values are below 4096), and dividing it by 10 in
// floating point rounds it correctly, as the decimal's Float64 does.
func tenths(x0, x1, r int64) float64 {
	if r == 0 {
		return float64(x0)
	}
	return float64(10*x0+r*(x1-x0)) / 10
}

// Quantile returns the q-quantile (0 ≤ q ≤ 1) of the values, as Summary
// defines it, and false when there are none. It panics if q is outside
// [0, 1].
func (h *Histogram) Quantile(q float64) (float64, bool) {
	if q < 0 || q > 1 || math.IsNaN(q) {
		panic(fmt.Sprintf("metrics: quantile %v outside [0, 1]", q))
	}
	if h.n == 0 {
		return 0, false
	}
	return quantile(h.Bins(), h.n, q), true
}

// quantile is the type-7 q-quantile of n values given as sorted bins. It
// computes in decimal from q's shortest representation (0.9, not
// 0.90000000000000002), so that the p90 of 1, 2, 3, 10 is 7.9 and not
// 7.900000000000001; only the final value is rounded to a float64.
func quantile(bins []Bin, n int64, q float64) float64 {
	h := decimal.NewFromFloat(q).Mul(decimal.NewFromInt(n - 1))
	lo := h.Floor()
	frac := h.Sub(lo)
	k := lo.IntPart()
	x0 := rank(bins, k)
	if frac.IsZero() || k+1 >= n {
		return float64(x0)
	}
	x1 := rank(bins, k+1)
	v, _ := decimal.NewFromInt(x0).Add(frac.Mul(decimal.NewFromInt(x1 - x0))).Float64()
	return v
}

// rank returns the k-th smallest value (0-based) of the bins.
func rank(bins []Bin, k int64) int64 {
	for _, b := range bins {
		if k < b.Count {
			return b.Value
		}
		k -= b.Count
	}
	return bins[len(bins)-1].Value
}

// histogramJSON is the serialised form: the bins, sparse and sorted.
type histogramJSON struct {
	Bins []Bin `json:"bins"`
}

// MarshalJSON encodes the histogram as its sorted bins,
// {"bins":[{"value":12,"count":3},…]}, so that a partial state computed
// elsewhere can be shipped and merged.
func (h Histogram) MarshalJSON() ([]byte, error) {
	bins := h.Bins()
	if bins == nil {
		bins = []Bin{}
	}
	return json.Marshal(histogramJSON{Bins: bins})
}

// UnmarshalJSON decodes what MarshalJSON encoded, replacing h's contents.
// It refuses a negative count, and counts whose number or sum of values
// does not fit an int64 (an error wrapping salesperf.ErrOutOfRange that
// names the value), rather than keep a wrapped count.
func (h *Histogram) UnmarshalJSON(data []byte) error {
	var j histogramJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("metrics: histogram: %w", err)
	}
	*h = Histogram{}
	for _, b := range j.Bins {
		if b.Count < 0 {
			return fmt.Errorf("metrics: histogram: negative count %d for value %d", b.Count, b.Value)
		}
		vc := b.Value * b.Count
		n, sum := h.n+b.Count, h.sum+vc
		if b.Count != 0 && vc/b.Count != b.Value || n < h.n || (h.sum^sum)&(vc^sum) < 0 {
			*h = Histogram{}
			return fmt.Errorf("metrics: histogram: %w: %d occurrences of value %d take the count or the sum beyond int64",
				sp.ErrOutOfRange, b.Count, b.Value)
		}
		h.addCount(b.Value, b.Count)
	}
	return nil
}

// Summary describes a distribution of whole numbers: how many (N), their
// Sum, the smallest and largest, the median and the 90th percentile. The
// zero Summary describes no values; Min, Max, Median and P90 are then 0
// and meaningless — check N, or use Mean's ok.
type Summary struct {
	N      int64   `json:"n"`
	Sum    int64   `json:"sum"`
	Min    int64   `json:"min"`
	Max    int64   `json:"max"`
	Median float64 `json:"median"`
	P90    float64 `json:"p90"`
}

// Mean returns Sum / N, and false when N is 0.
func (s Summary) Mean() (float64, bool) {
	if s.N == 0 {
		return 0, false
	}
	return float64(s.Sum) / float64(s.N), true
}

// MeanDecimal returns Sum / N rounded to places decimal places with mode,
// exactly, and false when N is 0.
func (s Summary) MeanDecimal(places int32, mode sp.RoundingMode) (decimal.Decimal, bool) {
	if s.N == 0 {
		return decimal.Zero, false
	}
	return mode.Quo(decimal.NewFromInt(s.Sum), decimal.NewFromInt(s.N), places), true
}

// String formats the summary as "mean 51.8, median 45, p90 110 (n=4238)"
// with one decimal where needed, or "– (n=0)".
func (s Summary) String() string {
	if s.N == 0 {
		return "– (n=0)"
	}
	m, _ := s.MeanDecimal(1, sp.RoundHalfEven)
	return fmt.Sprintf("mean %s, median %s, p90 %s (n=%d)", m.StringFixed(1),
		trimFloat(s.Median), trimFloat(s.P90), s.N)
}

// trimFloat formats x with at most one decimal, rounded half to even.
func trimFloat(x float64) string {
	d := sp.RoundHalfEven.Round(decimal.NewFromFloat(x), 1)
	return d.String()
}
