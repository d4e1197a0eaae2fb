package metrics

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	sp "github.com/salesperf/salesperf"
	"github.com/shopspring/decimal"
)

// DefaultSizeBounds are the bucket bounds [DealSize] uses when none are
// given: 0, 1,000, 5,000, 10,000, 50,000 and 100,000 USD, making the
// buckets [0, 1000), [1000, 5000), [5000, 10000), [10000, 50000),
// [50000, 100000) and 100,000 USD or more. Deals in other currencies are
// counted in [DealSizes].Other. It returns a new slice on every call.
func DefaultSizeBounds() []sp.Money {
	out := make([]sp.Money, 0, 6)
	for _, major := range []int64{0, 1_000, 5_000, 10_000, 50_000, 100_000} {
		out = append(out, sp.NewMoney(major*100, "USD"))
	}
	return out
}

// DealSize is the size of the won deals: how many, their total, average,
// smallest, median and largest amount per currency, and how many fall in
// each size bucket. Only won deals are counted; the cohort is the
// caller's (usually the close date).
//
// Per currency c, over the n won deals in c with amounts sorted as
// x[0] ≤ … ≤ x[n-1]: Total = Σ x, the average is Total / n (as
// [AverageDealSize], but per currency, and with the won deals that have
// no amount left out of n instead of counted as zero), and the median is
// that of [Summary] (type 7): x[(n−1)/2] when n is odd, (x[n/2−1] + x[n/2]) / 2
// when n is even, exactly (it can be half a minor unit finer than the
// currency: 10.005 USD between 10.00 and 10.01; round it to present it).
//
// bounds are the lower bounds of the size buckets, in increasing order
// and one currency: bucket i counts the won deals in that currency with
// bounds[i] ≤ amount < bounds[i+1], and the last bucket is open-ended
// (amount ≥ the last bound). Amounts below the first bound are counted
// in Below, won deals in any other currency in Other: they are never put
// in a bucket of another currency. No bounds means [DefaultSizeBounds].
// Won deals with no amount (the zero Money) are counted in NoAmount and
// in no currency. Over no won deal, every count is 0 and Currencies is
// empty.
//
// The state keeps the exact distribution of the amounts: per currency,
// the count of each distinct amount in minor units, so medians and
// buckets of merged parts are those of the whole and the buckets are
// computed only when the result is presented. Memory grows with the
// number of distinct amounts (one map entry, about 20–40 bytes, per
// distinct amount and currency), not with the number of deals; adding a
// deal does not allocate except when an amount or a currency first
// appears. An amount outside the int64 range of minor units, or finer
// than its currency, is kept exactly too, by its decimal string, on a
// slower path that allocates.
//
// DealSize panics if a bound has no currency, the bounds are in several
// currencies, or they are not strictly increasing.
//
// Column form: reads status, amount (the won rows compacted by
// [WhereDeals] and [StatusIn], each amount read as int64 minor units and
// its currency id, the exact amount only for the rows the table spilled).
func DealSize(bounds ...sp.Money) Aggregator[*sp.Deal, DealSizeState, DealSizes] {
	if len(bounds) == 0 {
		bounds = DefaultSizeBounds()
	}
	bounds = slices.Clone(bounds)
	cur := bounds[0].Currency()
	for i, b := range bounds {
		if b.Currency() == "" {
			panic(fmt.Sprintf("metrics: DealSize: bound %d (%v) has no currency", i, b))
		}
		if b.Currency() != cur {
			panic(fmt.Sprintf("metrics: DealSize: bounds in several currencies: %s and %s", cur, b.Currency()))
		}
		if i > 0 {
			if c, _ := bounds[i-1].Cmp(b); c >= 0 {
				panic(fmt.Sprintf("metrics: DealSize: bounds not increasing: %v then %v", bounds[i-1], b))
			}
		}
	}
	a := Aggregator[*sp.Deal, DealSizeState, DealSizes]{
		Add:    func(s *DealSizeState, d *sp.Deal) { s.add(d.Amount, 1) },
		Merge:  func(dst, src *DealSizeState) { dst.merge(src) },
		Result: func(s *DealSizeState) DealSizes { return s.result(bounds) },
	}
	a.setDealCols(sp.DealFieldAmount, func(c cols[DealSizeState], b DealBatch) {
		am, sel := amountsOf(&b), b.Sel
		for j, k := range b.Keys {
			if k == Skip {
				continue
			}
			i := j
			if sel != nil {
				i = int(sel[j])
			}
			s := c.at(k)
			if cur, minor, m, spilled := am.row(i); spilled {
				s.add(m, 1)
			} else {
				s.addMinor(cur, minor)
			}
		}
	})
	// Only the won deals: the filter's column form compacts them.
	return WhereDeals(a, StatusIn(sp.Won))
}

// DealSizeState is the partial state of [DealSize]: the exact
// distribution of won amounts per currency and the count of won deals
// with no amount. The zero DealSizeState is empty. It marshals to JSON as
// {"no_amount":1,"amounts":{"USD":[{"amount":"1000.00","count":3},…]}},
// each currency's distinct amounts in increasing order.
type DealSizeState struct {
	won      int64
	noAmount int64
	total    sp.Sum
	sets     []amountSet // one per currency, in order of first appearance
}

// amountSet is the exact multiset of the amounts of one currency.
type amountSet struct {
	cur   sp.Currency
	minor map[int64]int64  // amount in minor units → count
	exact map[string]int64 // canonical decimal (major units) → count, for amounts not in the fast form
}

// set returns the multiset of currency c, creating it.
func (s *DealSizeState) set(c sp.Currency) *amountSet {
	for i := range s.sets {
		if s.sets[i].cur == c {
			return &s.sets[i]
		}
	}
	s.sets = append(s.sets, amountSet{cur: c})
	return &s.sets[len(s.sets)-1]
}

// add counts n won deals of amount m.
func (s *DealSizeState) add(m sp.Money, n int64) {
	s.won += n
	c := m.Currency()
	if c == "" {
		s.noAmount += n
		return
	}
	set := s.set(c)
	if v, ok := m.Minor(); ok {
		if set.minor == nil {
			set.minor = make(map[int64]int64)
		}
		set.minor[v] += n
		if n == 1 {
			s.total.Add(m)
		} else {
			s.total.Add(sp.MoneyFromDecimal(m.Decimal().Mul(decimal.NewFromInt(n)), c))
		}
		return
	}
	if set.exact == nil {
		set.exact = make(map[string]int64)
	}
	set.exact[m.Decimal().String()] += n
	s.total.Add(sp.MoneyFromDecimal(m.Decimal().Mul(decimal.NewFromInt(n)), c))
}

// addMinor counts one won deal of amount minor in currency c, an amount
// with an int64 minor form: s.add(salesperf.NewMoney(minor, c), 1)
// without building the Money (the column form's path).
func (s *DealSizeState) addMinor(c sp.Currency, minor int64) {
	s.won++
	if c == "" {
		s.noAmount++
		return
	}
	set := s.set(c)
	if set.minor == nil {
		set.minor = make(map[int64]int64)
	}
	set.minor[minor]++
	s.total.AddMinor(c, minor)
}

func (s *DealSizeState) merge(o *DealSizeState) {
	s.won += o.won
	s.noAmount += o.noAmount
	s.total.Merge(&o.total)
	for i := range o.sets {
		src := &o.sets[i]
		dst := s.set(src.cur)
		if len(src.minor) > 0 && dst.minor == nil {
			dst.minor = make(map[int64]int64, len(src.minor))
		}
		for v, n := range src.minor {
			dst.minor[v] += n
		}
		if len(src.exact) > 0 && dst.exact == nil {
			dst.exact = make(map[string]int64, len(src.exact))
		}
		for v, n := range src.exact {
			dst.exact[v] += n
		}
	}
}

// sizeBin is one distinct amount and how many won deals had it.
type sizeBin struct {
	amount sp.Money
	n      int64
}

// sorted returns the distinct amounts of the set in increasing order.
func (a *amountSet) sorted() []sizeBin {
	type count struct{ v, n int64 }
	counts := make([]count, 0, len(a.minor))
	for v, n := range a.minor {
		if n != 0 {
			counts = append(counts, count{v, n})
		}
	}
	slices.SortFunc(counts, func(x, y count) int { return cmp.Compare(x.v, y.v) })
	fast := make([]sizeBin, len(counts))
	for i, c := range counts {
		fast[i] = sizeBin{sp.NewMoney(c.v, a.cur), c.n}
	}
	if len(a.exact) == 0 {
		return fast
	}
	exact := make([]sizeBin, 0, len(a.exact))
	for k, n := range a.exact {
		d, err := decimal.NewFromString(k)
		if err != nil || n == 0 {
			continue // keys are written by add and checked by UnmarshalJSON
		}
		exact = append(exact, sizeBin{sp.MoneyFromDecimal(d, a.cur), n})
	}
	byAmount := func(x, y sizeBin) int { c, _ := x.amount.Cmp(y.amount); return c }
	slices.SortFunc(exact, byAmount)
	out := make([]sizeBin, 0, len(fast)+len(exact))
	for len(fast) > 0 && len(exact) > 0 {
		if byAmount(fast[0], exact[0]) <= 0 {
			out, fast = append(out, fast[0]), fast[1:]
		} else {
			out, exact = append(out, exact[0]), exact[1:]
		}
	}
	return append(append(out, fast...), exact...)
}

func (s *DealSizeState) result(bounds []sp.Money) DealSizes {
	r := DealSizes{Won: s.won, NoAmount: s.noAmount, Buckets: make([]SizeBucket, len(bounds))}
	for i, b := range bounds {
		r.Buckets[i].Min = b
		if i+1 < len(bounds) {
			r.Buckets[i].Below = bounds[i+1]
		}
	}
	bucketCur := bounds[0].Currency()
	for i := range s.sets {
		set := &s.sets[i]
		bins := set.sorted()
		if len(bins) == 0 {
			continue
		}
		var n int64
		for _, b := range bins {
			n += b.n
		}
		r.Currencies = append(r.Currencies, CurrencySize{
			Currency: set.cur, N: n, Total: s.total.Of(set.cur),
			Min: bins[0].amount, Median: medianAmount(bins, n), Max: bins[len(bins)-1].amount,
		})
		if set.cur != bucketCur {
			r.Other += n
			continue
		}
		j := -1 // bucket of the current bin; -1 is below the first bound
		for _, b := range bins {
			for j+1 < len(bounds) {
				if c, _ := b.amount.Cmp(bounds[j+1]); c < 0 {
					break
				}
				j++
			}
			if j < 0 {
				r.Below += b.n
			} else {
				r.Buckets[j].N += b.n
			}
		}
	}
	slices.SortFunc(r.Currencies, func(a, b CurrencySize) int { return cmp.Compare(a.Currency, b.Currency) })
	return r
}

// medianAmount is the type-7 median of n amounts given as sorted bins:
// the middle amount, or the exact midpoint of the two middle ones.
func medianAmount(bins []sizeBin, n int64) sp.Money {
	at := func(k int64) sp.Money {
		for _, b := range bins {
			if k < b.n {
				return b.amount
			}
			k -= b.n
		}
		return bins[len(bins)-1].amount
	}
	lo := at((n - 1) / 2)
	if n%2 == 1 {
		return lo
	}
	hi := at(n / 2)
	if lo.Equal(hi) {
		return lo
	}
	half := decimal.New(5, -1)
	return sp.MoneyFromDecimal(lo.Decimal().Add(hi.Decimal()).Mul(half), lo.Currency())
}

// DealSizes is the result of [DealSize]: the size of the won deals per
// currency and their distribution in size buckets.
//
// Won = NoAmount + the N of every currency, and, for the buckets'
// currency, its N = Below + the buckets' counts; Other is the N of every
// other currency.
type DealSizes struct {
	Won        int64          `json:"won"`        // won deals folded
	NoAmount   int64          `json:"no_amount"`  // won deals with no amount (the zero Money), in no currency
	Currencies []CurrencySize `json:"currencies"` // one per currency, sorted by code; empty over no amount
	Buckets    []SizeBucket   `json:"buckets"`    // the size distribution in the bounds' currency, every bucket listed
	Below      int64          `json:"below"`      // won deals in the bounds' currency below the first bound
	Other      int64          `json:"other"`      // won deals in other currencies, in no bucket
}

// Of returns the figures of currency c, and false when no won deal is in c.
func (r DealSizes) Of(c sp.Currency) (CurrencySize, bool) {
	for _, s := range r.Currencies {
		if s.Currency == c {
			return s, true
		}
	}
	return CurrencySize{}, false
}

// Single returns the figures when the won deals are in one currency, the
// zero CurrencySize (N = 0) when there is none, and an error wrapping
// salesperf.ErrMixedCurrency, naming them, when there are several
// (segment by currency, or use Of).
func (r DealSizes) Single() (CurrencySize, error) {
	switch len(r.Currencies) {
	case 0:
		return CurrencySize{}, nil
	case 1:
		return r.Currencies[0], nil
	}
	codes := make([]string, len(r.Currencies))
	for i, c := range r.Currencies {
		codes[i] = string(c.Currency)
	}
	return CurrencySize{}, fmt.Errorf("metrics: deal size: %w: %s", sp.ErrMixedCurrency, strings.Join(codes, ", "))
}

// String formats each currency's figures, separated by "; ", then the
// non-empty buckets: "USD: n=4, average 4125.00 USD, median 3750.00 USD;
// [1000.00 USD, 5000.00 USD): 2, ≥ 10000.00 USD: 1", with a note of the
// deals below the first bound, in other currencies and with no amount
// when there are any. Over no won deal it is "– (n=0)".
func (r DealSizes) String() string {
	var parts []string
	for _, c := range r.Currencies {
		parts = append(parts, string(c.Currency)+": "+c.String())
	}
	if len(parts) == 0 {
		parts = append(parts, "– (n=0)")
	}
	var buckets []string
	if r.Below != 0 {
		buckets = append(buckets, "below "+r.Buckets[0].Min.String()+": "+strconv.FormatInt(r.Below, 10))
	}
	for _, b := range r.Buckets {
		if b.N != 0 {
			buckets = append(buckets, b.String())
		}
	}
	if r.Other != 0 {
		buckets = append(buckets, "other currencies: "+strconv.FormatInt(r.Other, 10))
	}
	if r.NoAmount != 0 {
		buckets = append(buckets, "no amount: "+strconv.FormatInt(r.NoAmount, 10))
	}
	if len(buckets) > 0 {
		parts = append(parts, strings.Join(buckets, ", "))
	}
	return strings.Join(parts, "; ")
}

// CurrencySize is the size of the won deals in one currency: how many (N),
// their Total, and the smallest, median and largest amount, all exact.
// Median is the type-7 median (see [DealSize]) and can be half a minor
// unit finer than the currency; round it with Money.Round to present it.
type CurrencySize struct {
	Currency sp.Currency `json:"currency"`
	N        int64       `json:"n"`
	Total    sp.Money    `json:"total"`
	Min      sp.Money    `json:"min"`
	Median   sp.Money    `json:"median"`
	Max      sp.Money    `json:"max"`
}

// Average returns the average deal size, Total / N, kept as its parts:
// present it with [Average.Value] and a rounding mode. It has no value
// when N is 0.
func (c CurrencySize) Average() Average {
	var t sp.Sum
	if c.N != 0 {
		t.Add(c.Total)
	}
	return Average{Total: t, N: c.N}
}

// String formats the figures with the average and the median rounded half
// to even: "n=4, average 4125.00 USD, median 3750.00 USD", or "– (n=0)".
func (c CurrencySize) String() string {
	if c.N == 0 {
		return "– (n=0)"
	}
	return "n=" + strconv.FormatInt(c.N, 10) + ", average " + c.Average().String() +
		", median " + c.Median.Round(sp.RoundHalfEven).String()
}

// SizeBucket is one bucket of a [DealSizes] distribution: N won deals with
// Min ≤ amount < Below. Below is the zero Money for the last, open-ended
// bucket (amount ≥ Min).
type SizeBucket struct {
	Min   sp.Money `json:"min"`
	Below sp.Money `json:"below"`
	N     int64    `json:"n"`
}

// String formats the bucket as "[1000.00 USD, 5000.00 USD): 3", or
// "≥ 100000.00 USD: 1" for the open-ended one.
func (b SizeBucket) String() string {
	n := strconv.FormatInt(b.N, 10)
	if b.Below.Currency() == "" {
		return "≥ " + b.Min.String() + ": " + n
	}
	return "[" + b.Min.String() + ", " + b.Below.String() + "): " + n
}

// dealSizeJSON is the serialised form of a DealSizeState.
type dealSizeJSON struct {
	NoAmount int64                        `json:"no_amount"`
	Amounts  map[sp.Currency][]amountJSON `json:"amounts"`
}

type amountJSON struct {
	Amount string `json:"amount"` // in major units, as Money.Amount writes it
	Count  int64  `json:"count"`
}

// MarshalJSON encodes the state as the count of won deals with no amount
// and, per currency, the distinct amounts in increasing order with their
// counts, so that a partial state computed elsewhere can be shipped and
// merged.
func (s DealSizeState) MarshalJSON() ([]byte, error) {
	j := dealSizeJSON{NoAmount: s.noAmount, Amounts: map[sp.Currency][]amountJSON{}}
	for i := range s.sets {
		bins := s.sets[i].sorted()
		if len(bins) == 0 {
			continue
		}
		out := make([]amountJSON, len(bins))
		for k, b := range bins {
			out[k] = amountJSON{Amount: b.amount.Amount(), Count: b.n}
		}
		j.Amounts[s.sets[i].cur] = out
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes what MarshalJSON encoded, replacing s's contents.
// An empty currency code, an amount that does not parse or a negative
// count is an error; s is then unchanged.
func (s *DealSizeState) UnmarshalJSON(data []byte) error {
	var j dealSizeJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("metrics: deal size state: %w", err)
	}
	if j.NoAmount < 0 {
		return fmt.Errorf("metrics: deal size state: negative no_amount %d", j.NoAmount)
	}
	var out DealSizeState
	out.add(sp.Money{}, j.NoAmount)
	for _, cur := range slices.Sorted(maps.Keys(j.Amounts)) {
		if cur == "" {
			return fmt.Errorf("metrics: deal size state: %w: empty currency code", sp.ErrSyntax)
		}
		for _, a := range j.Amounts[cur] {
			d, err := decimal.NewFromString(a.Amount)
			if err != nil {
				return fmt.Errorf("metrics: deal size state: %w: amount %q", sp.ErrSyntax, a.Amount)
			}
			if a.Count < 0 {
				return fmt.Errorf("metrics: deal size state: negative count %d for %s %s", a.Count, a.Amount, cur)
			}
			if a.Count > 0 {
				out.add(sp.MoneyFromDecimal(d, cur), a.Count)
			}
		}
	}
	*s = out
	return nil
}
