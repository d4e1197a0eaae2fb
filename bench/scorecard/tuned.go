package scorecard

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/salesperf/salesperf/bench/gen"
)

// TunedData is the data of the hand-tuned loop: columns of small integers,
// with reps, managers and regions interned to dense ids. Only the columns
// the scorecard reads are kept.
type TunedData struct {
	RepNames, ManagerNames, RegionNames []string
	RepManager                          []int32 // rep id → manager id
	ManagerRegion                       []int32 // manager id → region id

	Owner   []uint16 // deal → rep id
	Status  []uint8  // deal → statusOpen, statusWon, statusLost
	Cents   []int64  // deal → amount in USD cents
	Created []int32  // deal → day number (days since 1970-01-01, UTC) of creation
	Closed  []int32  // deal → day number of close; 0 for an open deal

	MinClosed, MaxClosed int32 // the range of Closed over closed deals

	ActRep  []uint16 // activity → rep id
	ActKind []uint8  // activity → index in gen.Kinds
}

const (
	statusOpen = iota + 1
	statusWon
	statusLost
)

var errFormat = errors.New("scorecard: unexpected format")

// LoadTuned reads the files of gen.Write in dir with a parser written for
// their layout (fields without quotes, fixed timestamp layout, amounts with
// two decimals), line by line through a 1 MiB buffer, interning names with
// a map lookup that does not allocate.
func LoadTuned(dir string) (*TunedData, error) {
	d := &TunedData{MinClosed: 1 << 30, MaxClosed: -1 << 30}
	reps, managers, regions := map[string]int{}, map[string]int{}, map[string]int{}
	intern := func(m map[string]int, names *[]string, b []byte) int {
		if id, ok := m[string(b)]; ok {
			return id
		}
		s := string(b)
		m[s] = len(*names)
		*names = append(*names, s)
		return m[s]
	}
	var f [8][]byte
	err := scanLines(filepath.Join(dir, gen.OrgFile), func(line []byte) error {
		if SplitFields(line, f[:4]) != 4 {
			return errFormat
		}
		r, m := intern(reps, &d.RepNames, f[0]), intern(managers, &d.ManagerNames, f[1])
		g := intern(regions, &d.RegionNames, f[3])
		for len(d.RepManager) <= r {
			d.RepManager = append(d.RepManager, -1)
		}
		for len(d.ManagerRegion) <= m {
			d.ManagerRegion = append(d.ManagerRegion, -1)
		}
		d.RepManager[r], d.ManagerRegion[m] = int32(m), int32(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = scanLines(filepath.Join(dir, gen.DealsFile), func(line []byte) error {
		if SplitFields(line, f[:7]) != 7 {
			return errFormat
		}
		rep, ok := reps[string(f[1])]
		if !ok {
			return fmt.Errorf("scorecard: rep %q not in the org", f[1])
		}
		var st uint8
		switch string(f[3]) {
		case gen.StageWon:
			st = statusWon
		case gen.StageLost:
			st = statusLost
		default:
			st = statusOpen
		}
		cents, ok1 := ParseCents(f[4])
		created, ok2 := parseDay(f[5])
		var closed int32
		ok3 := true
		if st != statusOpen {
			closed, ok3 = parseDay(f[6])
			d.MinClosed, d.MaxClosed = min(d.MinClosed, closed), max(d.MaxClosed, closed)
		}
		if !ok1 || !ok2 || !ok3 {
			return errFormat
		}
		d.Owner = append(d.Owner, uint16(rep))
		d.Status = append(d.Status, st)
		d.Cents = append(d.Cents, cents)
		d.Created = append(d.Created, created)
		d.Closed = append(d.Closed, closed)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = scanLines(filepath.Join(dir, gen.ActivitiesFile), func(line []byte) error {
		if SplitFields(line, f[:5]) != 5 {
			return errFormat
		}
		rep, ok := reps[string(f[1])]
		if !ok {
			return fmt.Errorf("scorecard: rep %q not in the org", f[1])
		}
		k := kindIndex(f[3])
		if k < 0 {
			return errFormat
		}
		d.ActRep = append(d.ActRep, uint16(rep))
		d.ActKind = append(d.ActKind, uint8(k))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// kindIndex returns the index in gen.Kinds of a kind's name, or -1.
func kindIndex(b []byte) int {
	switch string(b) {
	case "call":
		return 0
	case "email":
		return 1
	case "social":
		return 2
	case "meeting scheduled":
		return 3
	case "meeting held":
		return 4
	case "demo":
		return 5
	case "proposal":
		return 6
	}
	return -1
}

// scanLines calls line for every line of the file after the header,
// without its end of line.
func scanLines(path string, line func([]byte) error) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	r := bufio.NewReaderSize(file, 1<<20)
	for n := 1; ; n++ {
		b, err := r.ReadSlice('\n')
		if err == io.EOF && len(b) == 0 {
			return nil
		}
		if err != nil && err != io.EOF {
			return err
		}
		b = bytes.TrimSuffix(bytes.TrimSuffix(b, []byte{'\n'}), []byte{'\r'})
		if n == 1 {
			continue
		}
		if e := line(b); e != nil {
			return fmt.Errorf("%s:%d: %w", path, n, e)
		}
	}
}

// SplitFields cuts line at commas into f and returns the number of
// fields, or -1 if there are more than len(f) or a field is quoted: the
// hand-tuned parser's splitter, also the baseline of csvimport's load
// benchmark.
func SplitFields(line []byte, f [][]byte) int {
	n := 0
	for {
		if n == len(f) {
			return -1
		}
		i := bytes.IndexByte(line, ',')
		if i < 0 {
			f[n] = line
			n++
			break
		}
		f[n], line = line[:i], line[i+1:]
		n++
	}
	for _, x := range f[:n] {
		if len(x) > 0 && x[0] == '"' {
			return -1
		}
	}
	return n
}

// ParseCents reads an amount with exactly two decimals, "1234.56", as
// 123456 cents; false for any other form (or beyond 2^62).
func ParseCents(b []byte) (int64, bool) {
	n := len(b)
	if n < 4 || b[n-3] != '.' {
		return 0, false
	}
	var v int64
	for i, c := range b {
		if i == n-3 {
			continue
		}
		if c < '0' || c > '9' || v > (1<<62)/10 {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	return v, true
}

// parseDay reads the date of "2006-01-02T15:04:05Z" as a day number.
func parseDay(b []byte) (int32, bool) {
	if len(b) != 20 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[19] != 'Z' {
		return 0, false
	}
	y, ok1 := digits(b[0:4])
	m, ok2 := digits(b[5:7])
	dd, ok3 := digits(b[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || dd < 1 || dd > 31 {
		return 0, false
	}
	return int32(daysFromCivil(y, m, dd)), true
}

func digits(b []byte) (int, bool) {
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// tunedLine is the exact state of one rep.
type tunedLine struct {
	created, won, lost, cents, cycle int64
	kinds                            [NumKinds]int64
}

// tunedPart is the state of one worker: a line per rep id and the won
// cents per month index (relative to the month of d.MinClosed).
type tunedPart struct {
	lines  []tunedLine
	months []int64
}

// monthTable returns, for every day number in [MinClosed, MaxClosed], the
// index of its month counted from the month of MinClosed.
func (d *TunedData) monthTable() []int32 {
	if d.MaxClosed < d.MinClosed {
		return nil
	}
	y0, m0, _ := civil(int64(d.MinClosed))
	t := make([]int32, d.MaxClosed-d.MinClosed+1)
	for i := range t {
		y, m, _ := civil(int64(d.MinClosed) + int64(i))
		t[i] = int32((y-y0)*12 + m - m0)
	}
	return t
}

func (d *TunedData) fold(p *tunedPart, monthOf []int32, deals, acts [2]int) {
	lines := p.lines
	owner, status, cents := d.Owner[deals[0]:deals[1]], d.Status[deals[0]:deals[1]], d.Cents[deals[0]:deals[1]]
	created, closed := d.Created[deals[0]:deals[1]], d.Closed[deals[0]:deals[1]]
	for i, o := range owner {
		l := &lines[o]
		l.created++
		switch status[i] {
		case statusWon:
			l.won++
			l.cents += cents[i]
			l.cycle += int64(closed[i] - created[i])
			p.months[monthOf[closed[i]-d.MinClosed]] += cents[i]
		case statusLost:
			l.lost++
		}
	}
	kind := d.ActKind[acts[0]:acts[1]]
	for i, r := range d.ActRep[acts[0]:acts[1]] {
		lines[r].kinds[kind[i]]++
	}
}

// Compute computes the scorecard in one pass over the deal columns and one
// over the activity columns, with the states in slices indexed by rep id.
func (d *TunedData) Compute() Scorecard { return d.ComputeWorkers(1) }

// ComputeWorkers computes the scorecard with n goroutines, each folding a
// contiguous part of the rows, and sums their states. It panics if n < 1.
func (d *TunedData) ComputeWorkers(n int) Scorecard {
	if n < 1 {
		panic("scorecard: workers < 1")
	}
	monthOf := d.monthTable()
	nMonths := 0
	if len(monthOf) > 0 {
		nMonths = int(monthOf[len(monthOf)-1]) + 1
	}
	parts := make([]tunedPart, n)
	var wg sync.WaitGroup
	for w := range n {
		parts[w] = tunedPart{lines: make([]tunedLine, len(d.RepNames)), months: make([]int64, nMonths)}
		deals := [2]int{len(d.Owner) * w / n, len(d.Owner) * (w + 1) / n}
		acts := [2]int{len(d.ActRep) * w / n, len(d.ActRep) * (w + 1) / n}
		if n == 1 {
			d.fold(&parts[w], monthOf, deals, acts)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.fold(&parts[w], monthOf, deals, acts)
		}()
	}
	wg.Wait()
	all := parts[0]
	for _, p := range parts[1:] {
		for i := range all.lines {
			all.lines[i].add(&p.lines[i])
		}
		for i := range all.months {
			all.months[i] += p.months[i]
		}
	}
	return d.present(all)
}

func (l *tunedLine) add(o *tunedLine) {
	l.created += o.created
	l.won += o.won
	l.lost += o.lost
	l.cents += o.cents
	l.cycle += o.cycle
	for k := range l.kinds {
		l.kinds[k] += o.kinds[k]
	}
}

func (d *TunedData) present(p tunedPart) Scorecard {
	managers := make([]tunedLine, len(d.ManagerNames))
	regions := make([]tunedLine, len(d.RegionNames))
	sc := Scorecard{Rep: map[string]Line{}, Manager: map[string]Line{}, Region: map[string]Line{}, Month: map[string]int64{}}
	for r := range p.lines {
		l := &p.lines[r]
		if l.created == 0 && l.kinds == [NumKinds]int64{} {
			continue // no data: the others leave such a rep out too
		}
		m := d.RepManager[r]
		managers[m].add(l)
		regions[d.ManagerRegion[m]].add(l)
		sc.Rep[d.RepNames[r]] = l.line()
	}
	for m := range managers {
		if managers[m].created > 0 || managers[m].kinds != [NumKinds]int64{} {
			sc.Manager[d.ManagerNames[m]] = managers[m].line()
		}
	}
	for g := range regions {
		if regions[g].created > 0 || regions[g].kinds != [NumKinds]int64{} {
			sc.Region[d.RegionNames[g]] = regions[g].line()
		}
	}
	if len(p.months) > 0 {
		y0, m0, _ := civil(int64(d.MinClosed))
		for i, c := range p.months {
			if c != 0 {
				mi := m0 - 1 + i
				sc.Month[monthKey(y0+mi/12, mi%12+1)] = c
			}
		}
	}
	return sc
}

func (l *tunedLine) line() Line {
	return Line{
		Created: l.created, Won: l.won, Lost: l.lost, WonCents: l.cents, CycleDays: l.cycle,
		AvgWon: avgWonTuned(l.cents, l.won), MeanCycle: meanCycleTuned(l.cycle, l.won), Kinds: l.kinds,
	}
}
