package metrics

import (
	"unsafe"

	sp "github.com/salesperf/salesperf"
)

// Count counts the values it sees: the number of deals, activities or
// leads. Combine it with [WhereDeals] or [WhereActivities] to count a
// subset: WhereDeals(Count[*salesperf.Deal](), StatusIn(salesperf.Won)).
// State and result: the count.
//
// Column form: for deal and activity tables alike; reads no field.
func Count[T any]() Aggregator[T, int64, int64] {
	a := Aggregator[T, int64, int64]{
		Add:    func(s *int64, _ T) { *s++ },
		Merge:  func(dst, src *int64) { *dst += *src },
		Result: func(s *int64) int64 { return *s },
	}
	a.setDealCols(0, func(c cols[int64], b DealBatch) { countKeys(c, b.Keys) })
	a.setActivityCols(0, func(c cols[int64], b ActivityBatch) { countKeys(c, b.Keys) })
	return a
}

// countKeys adds one to the state of each key that is not Skip.
func countKeys(c cols[int64], keys []uint32) {
	for _, k := range keys {
		if k != Skip {
			*c.at(k)++
		}
	}
}

// DealCounts is the number of deals by status: Deals = every deal folded
// (the deals created, when the deals are chosen by created date), Won,
// Lost and Open. Won + Lost + Open = Deals for valid deals.
type DealCounts struct {
	Deals int64 `json:"deals"`
	Won   int64 `json:"won"`
	Lost  int64 `json:"lost"`
	Open  int64 `json:"open"`
}

// Counts counts deals by status in one pass. The cohort is the caller's:
// fold the deals created in a period for "deals created", those closed in
// it for "won" and "lost".
//
// Column form: reads status.
func Counts() Aggregator[*sp.Deal, DealCounts, DealCounts] {
	a := Aggregator[*sp.Deal, DealCounts, DealCounts]{
		Add: func(s *DealCounts, d *sp.Deal) {
			s.Deals++
			switch d.Status {
			case sp.Won:
				s.Won++
			case sp.Lost:
				s.Lost++
			case sp.Open:
				s.Open++
			}
		},
		Merge: func(dst, src *DealCounts) {
			dst.Deals += src.Deals
			dst.Won += src.Won
			dst.Lost += src.Lost
			dst.Open += src.Open
		},
		Result: func(s *DealCounts) DealCounts { return *s },
	}
	a.setDealCols(sp.DealFieldStatus, func(c cols[DealCounts], b DealBatch) {
		status, sel := b.T.Status[b.Lo:b.Lo+b.span()], b.Sel
		for j, k := range b.Keys {
			if k == Skip {
				continue
			}
			i := j
			if sel != nil {
				i = int(sel[j])
			}
			// Without a branch on the status: one count by slot (Won,
			// Lost, Open; Deals for an invalid status) and Deals for the
			// valid ones.
			s, st := (*[4]int64)(unsafe.Pointer(c.at(k))), uint8(status[i])
			s[countSlot[st]]++
			s[0] += int64(countValid[st])
		}
	})
	return a
}

// The slot of each status in a DealCounts seen as [4]int64 (Deals, Won,
// Lost, Open), and 1 for the valid statuses: Counts' column form adds
// one to slot countSlot[st] and countValid[st] to Deals.
var countSlot, countValid = func() (slot, valid [256]uint8) {
	slot[uint8(sp.Won)], slot[uint8(sp.Lost)], slot[uint8(sp.Open)] = 1, 2, 3
	valid[uint8(sp.Won)], valid[uint8(sp.Lost)], valid[uint8(sp.Open)] = 1, 1, 1
	return
}()

// DealCounts is four int64 in the order Deals, Won, Lost, Open: Counts'
// column form indexes it as a [4]int64. These fail to compile otherwise.
var (
	_ [0]struct{} = [unsafe.Sizeof(DealCounts{}) - 32]struct{}{}
	_ [0]struct{} = [unsafe.Offsetof(DealCounts{}.Won) - 8]struct{}{}
	_ [0]struct{} = [unsafe.Offsetof(DealCounts{}.Lost) - 16]struct{}{}
	_ [0]struct{} = [unsafe.Offsetof(DealCounts{}.Open) - 24]struct{}{}
)

// IsWon reports whether a deal is won; a filter for [Where]. For a
// filter that keeps the column form use StatusIn(salesperf.Won) with
// [WhereDeals].
func IsWon(d *sp.Deal) bool { return d.Status == sp.Won }

// IsLost reports whether a deal is lost; a filter for [Where].
func IsLost(d *sp.Deal) bool { return d.Status == sp.Lost }

// IsOpen reports whether a deal is open; a filter for [Where].
func IsOpen(d *sp.Deal) bool { return d.Status == sp.Open }

// IsClosed reports whether a deal is won or lost; a filter for [Where].
func IsClosed(d *sp.Deal) bool { return d.Status == sp.Won || d.Status == sp.Lost }
