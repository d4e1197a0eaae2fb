package metrics

import sp "github.com/salesperf/salesperf"

// amountCols reads the amount of the rows of a deal batch: Amount and
// Currency sliced to the batch, the spilled rows, and the currency of the
// last id seen (a deal table's amounts are mostly in one currency), so
// that adding a row's amount builds no string and no Money.
type amountCols struct {
	minor  []int64
	cur    []uint16
	spill  map[int]sp.Money // nil when the table spilled nothing
	lo     int
	names  *sp.Dict
	lastID int32
	last   sp.Currency
}

// amountsOf returns the amount reader of batch b; add takes the row
// relative to b.Lo (j, or Sel[j]).
func amountsOf(b *DealBatch) amountCols {
	t, n := b.T, b.span()
	a := amountCols{minor: t.Amount[b.Lo : b.Lo+n], cur: t.Currency[b.Lo : b.Lo+n], lo: b.Lo, names: t.Currencies, lastID: -1}
	if len(t.Spill) > 0 {
		a.spill = t.Spill
	}
	return a
}

// add adds the amount of row lo+i to s: s.Add(t.AmountOf(lo+i)).
func (a *amountCols) add(s *sp.Sum, i int) {
	x := a.minor[i]
	if x == 0 && a.spill != nil {
		if m, ok := a.spill[a.lo+i]; ok {
			s.Add(m)
			return
		}
	}
	if id := a.cur[i]; int32(id) != a.lastID {
		a.lastID, a.last = int32(id), sp.Currency(a.names.Name(uint32(id)))
	}
	s.AddMinor(a.last, x)
}

// row returns the amount of row lo+i: its currency and minor units, as
// salesperf.NewMoney(minor, c) would take them, or, when the row spilled
// (no int64 minor form), the exact amount in m and spilled true.
func (a *amountCols) row(i int) (c sp.Currency, minor int64, m sp.Money, spilled bool) {
	x := a.minor[i]
	if x == 0 && a.spill != nil {
		if m, ok := a.spill[a.lo+i]; ok {
			return "", 0, m, true
		}
	}
	if id := a.cur[i]; int32(id) != a.lastID {
		a.lastID, a.last = int32(id), sp.Currency(a.names.Name(uint32(id)))
	}
	return a.last, x, sp.Money{}, false
}
