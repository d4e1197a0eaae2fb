package metrics

import sp "github.com/salesperf/salesperf"

// Skip is the key of a row that a batch leaves out: a column form skips
// every row whose key is Skip (the segment key has no segment for the
// row, or a caller masked it).
const Skip = ^uint32(0)

// DealBatch is a batch of rows of a deal table handed to a column form
// ([Aggregator.DealRows]).
//
// Without a selection vector (Sel nil) the batch is the consecutive rows
// Lo … Lo+len(Keys)−1 of T: row Lo+j goes to the state Keys[j].
//
// With one (Sel not nil) the batch is only the rows Lo+Sel[0],
// Lo+Sel[1], …: row Lo+Sel[j] goes to the state Keys[j]. Sel is strictly
// ascending, non-negative, and len(Sel) == len(Keys); the rows between
// are not in the batch. [WhereDeals] hands its inner column form such a
// batch: the rows that passed its filter, compacted, so that the inner
// form neither tests nor skips the others.
//
// In either case a key may be [Skip]: that row goes nowhere. A batch
// covers fewer than 2³¹ rows from Lo (Sel's entries, and the row offsets
// the filters compact into, are int32): fold a larger table in batches
// (segment.FoldTable's are 1,024 rows).
type DealBatch struct {
	T    *sp.DealTable
	Lo   int
	Keys []uint32
	// Sel, when not nil, is the selection vector: Keys[j] is the key of
	// row Lo+Sel[j].
	Sel     []int32
	Scratch *Scratch // per-goroutine buffers for filters; nil makes them allocate
}

// ActivityBatch is a batch of rows of an activity table, like
// [DealBatch]: rows Lo+j, or Lo+Sel[j] when Sel is not nil, going to the
// states Keys[j] (none for [Skip]).
type ActivityBatch struct {
	T    *sp.ActivityTable
	Lo   int
	Keys []uint32
	// Sel, when not nil, is the selection vector, as in DealBatch.
	Sel     []int32
	Scratch *Scratch
}

// span returns the number of rows from Lo that the batch covers: its
// column slices are [Lo, Lo+span).
func (b *DealBatch) span() int { return spanOf(b.Keys, b.Sel) }

// span returns the number of rows from Lo that the batch covers.
func (b *ActivityBatch) span() int { return spanOf(b.Keys, b.Sel) }

func spanOf(keys []uint32, sel []int32) int {
	if sel == nil {
		return len(keys)
	}
	if len(sel) == 0 {
		return 0
	}
	return int(sel[len(sel)-1]) + 1
}

// Scratch holds buffers that column-form filters reuse from batch to
// batch (keys, selection vectors, masks), so that a fold allocates them
// once, not once per batch. A fold gives each goroutine its own Scratch;
// a Scratch is not safe for concurrent use. The zero Scratch is ready to
// use.
type Scratch struct {
	free  [][]uint32
	sels  [][]int32
	masks [][]bool
}

// Get returns a buffer of n keys (its contents are unspecified). Return it
// with Put when done.
func (s *Scratch) Get(n int) []uint32 {
	if s == nil {
		return make([]uint32, n)
	}
	return get(&s.free, n)
}

// Put returns a buffer that Get gave.
func (s *Scratch) Put(b []uint32) {
	if s != nil {
		s.free = append(s.free, b)
	}
}

// getSel returns a selection buffer of n entries; putSel returns it.
func (s *Scratch) getSel(n int) []int32 {
	if s == nil {
		return make([]int32, n)
	}
	return get(&s.sels, n)
}

func (s *Scratch) putSel(b []int32) {
	if s != nil {
		s.sels = append(s.sels, b)
	}
}

// getMask returns a mask of n entries; putMask returns it.
func (s *Scratch) getMask(n int) []bool {
	if s == nil {
		return make([]bool, n)
	}
	return get(&s.masks, n)
}

func (s *Scratch) putMask(b []bool) {
	if s != nil {
		s.masks = append(s.masks, b)
	}
}

// get pops a buffer of at least n entries from free, or makes one.
func get[E any](free *[][]E, n int) []E {
	f := *free
	if len(f) == 0 {
		return make([]E, n, max(n, 1024))
	}
	b := f[len(f)-1]
	*free = f[:len(f)-1]
	if cap(b) < n {
		return make([]E, n)
	}
	return b[:n]
}

// b2i is 1 for true and 0 for false, without a branch (the compiler
// turns it into a SETcc): filters use it to advance an output index by
// the outcome of a test instead of branching on it.
func b2i(b bool) int {
	var i int
	if b {
		i = 1
	}
	return i
}

// compact writes the entries j of a batch (keys, sel) whose keep[j] is
// true and whose key is not Skip into outK and outS, in order, as a
// selection vector (sel nil means entry j is row j), and returns how
// many it wrote. It writes every entry and advances by 0 or 1, so that
// random outcomes cost no mispredicted branch. outK and outS must hold
// len(keys) entries.
func compact(keys []uint32, sel []int32, keep []bool, outK []uint32, outS []int32) int {
	n := 0
	keep, outK, outS = keep[:len(keys)], outK[:len(keys)], outS[:len(keys)]
	if sel == nil {
		for j, k := range keys {
			outK[n], outS[n] = k, int32(j)
			n += b2i(keep[j]) & b2i(k != Skip)
		}
		return n
	}
	sel = sel[:len(keys)]
	for j, k := range keys {
		outK[n], outS[n] = k, sel[j]
		n += b2i(keep[j]) & b2i(k != Skip)
	}
	return n
}
