package salesperf

import "strings"

// Dict interns strings to dense ids 0, 1, 2… in the order they are first
// seen, so that a column of names (owners, stages, sources) is a column of
// small integers, and a segment by that column is a slice indexed by id
// instead of a map keyed by string. Tables whose keys must agree share a
// Dict: a [DealTable]'s owners and an [ActivityTable]'s reps use the same
// Reps Dict, so that one rep is one id in both.
//
// The zero Dict is empty and ready to use; a nil *Dict reads as empty
// ([Dict.Len] 0, [Dict.Lookup] finds nothing) but cannot intern. A Dict is
// not safe for concurrent interning; reading ([Dict.Name], [Dict.Lookup],
// [Dict.Len]) from many goroutines is safe while nobody interns. Ids are
// uint32: a Dict holds up to 2³² distinct strings.
type Dict struct {
	ids   map[string]uint32
	names []string
}

// ID returns the id of s, interning s if it is new: the first string
// interned gets 0, the next new one 1, and so on. Interning copies s, so
// that a Dict never keeps alive the larger string (a CSV row) that s may
// be a part of. It does not allocate when s is known.
func (d *Dict) ID(s string) uint32 {
	if id, ok := d.ids[s]; ok {
		return id
	}
	return d.add(strings.Clone(s))
}

// IDBytes returns the id of the string b holds, interning it (a copy) if
// new, like [Dict.ID]. It does not allocate when the string is known:
// importers pass a cell of the row they are reading, and may reuse b.
func (d *Dict) IDBytes(b []byte) uint32 {
	if id, ok := d.ids[string(b)]; ok { // the conversion does not allocate
		return id
	}
	return d.add(string(b))
}

func (d *Dict) add(s string) uint32 {
	if d.ids == nil {
		d.ids = make(map[string]uint32)
	}
	id := uint32(len(d.names))
	d.ids[s] = id
	d.names = append(d.names, s)
	return id
}

// Lookup returns the id of s and true, or 0 and false when s was never
// interned (a rep with no deals in the table). It never interns.
func (d *Dict) Lookup(s string) (uint32, bool) {
	if d == nil {
		return 0, false
	}
	id, ok := d.ids[s]
	return id, ok
}

// Name returns the string whose id is id: Name(ID(s)) == s. It panics if
// id ≥ Len(), as an id from another Dict may be.
func (d *Dict) Name(id uint32) string { return d.names[id] }

// Len returns the number of strings interned: ids run from 0 to Len()−1.
func (d *Dict) Len() int {
	if d == nil {
		return 0
	}
	return len(d.names)
}
