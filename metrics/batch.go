package metrics

import sp "github.com/salesperf/salesperf"

// Skip is the key of a row that a batch leaves out: a column form skips
// every row whose key is Skip (a filter wrote it, or the segment key has
// no segment for the row).
const Skip = ^uint32(0)

// DealBatch is a batch of consecutive rows of a deal table handed to a
// column form ([Aggregator.DealRows]): rows Lo … Lo+len(Keys)−1 of T, row
// Lo+i going to the state Keys[i] (or nowhere when it is [Skip]).
type DealBatch struct {
	T       *sp.DealTable
	Lo      int
	Keys    []uint32
	Scratch *Scratch // per-goroutine buffers for filters; nil makes them allocate
}

// ActivityBatch is a batch of consecutive rows of an activity table, like
// [DealBatch].
type ActivityBatch struct {
	T       *sp.ActivityTable
	Lo      int
	Keys    []uint32
	Scratch *Scratch
}

// Scratch holds key buffers that column-form filters reuse from batch to
// batch, so that a fold allocates them once, not once per batch. A fold
// gives each goroutine its own Scratch; a Scratch is not safe for
// concurrent use. The zero Scratch is ready to use.
type Scratch struct {
	free [][]uint32
}

// Get returns a buffer of n keys (its contents are unspecified). Return it
// with Put when done.
func (s *Scratch) Get(n int) []uint32 {
	if s == nil || len(s.free) == 0 {
		return make([]uint32, n, max(n, 1024))
	}
	b := s.free[len(s.free)-1]
	s.free = s.free[:len(s.free)-1]
	if cap(b) < n {
		return make([]uint32, n)
	}
	return b[:n]
}

// Put returns a buffer that Get gave.
func (s *Scratch) Put(b []uint32) {
	if s != nil {
		s.free = append(s.free, b)
	}
}
