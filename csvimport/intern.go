package csvimport

import "strings"

// maxNames bounds the strings a Reader interns: past it, a cell it has
// not seen keeps sharing its row's string, so that a column of distinct
// values (account names, say) cannot make the table grow without end.
const maxNames = 1 << 14

// name returns the trimmed (and replaced) cell of column i as get does,
// interned: equal cells of the columns that repeat a few names (owners,
// stages, sources…) share one string, copied out of the first row that
// had it, instead of each keeping its own row alive. A name already seen
// costs a map lookup and no allocation.
func (w *row) name(i int) string {
	s := w.get(i)
	if s == "" {
		return ""
	}
	r := w.t.r
	if v, ok := r.names[s]; ok {
		return v
	}
	if r.names == nil {
		r.names = make(map[string]string)
	}
	if len(r.names) >= maxNames {
		return s
	}
	v := strings.Clone(s)
	r.names[v] = v
	return v
}
