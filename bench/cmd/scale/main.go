// Command scale generates the data of issue 9, loads it and computes the
// scorecard with every implementation of package scorecard, and prints
// their costs as ratios to the hand-tuned loop:
//
//	go run ./bench/cmd/scale -dir /tmp/scale -deals 1000000 -activities 10000000
//
// The data is generated in -dir unless it already holds files of the same
// size and seed (-regen forces it). Each implementation runs in a process
// of its own (the command runs itself with -child), so that its peak memory
// (VmHWM, the peak resident set) is its own. In each, the load (CSV files
// into memory) is timed once; the aggregation is run -runs times with one
// goroutine and with two, alternating, and the fastest run of each is
// kept, with the smallest CPU time (user + system, getrusage) of each: on a
// machine busy with other work the second goroutine may get no core of its
// own, and the CPU ratio then still shows what the split costs (near 1:
// no extra work, so two free cores give nearly 2× unless memory bandwidth
// is the limit). The machine's load average is printed before and after.
// Allocations are counted with runtime.MemStats over one run. The scorecards of all the
// implementations are compared (a SHA-256 of their printed form), and the
// command fails if they differ.
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/salesperf/salesperf/bench/gen"
	"github.com/salesperf/salesperf/bench/scorecard"
)

// impls are the implementations measured, the reference first.
var impls = []string{"tuned", "table", "api", "naive"}

// result is what a child process reports.
type result struct {
	Impl        string
	LoadNs      int64
	LoadAllocs  uint64
	LoadBytes   uint64
	LiveHeap    uint64 // HeapAlloc after a GC, once loaded: the data's size in memory
	AggNs       int64  // fastest of the runs, one goroutine
	AggAllocs   uint64 // one run, one goroutine
	AggBytes    uint64
	Agg2Ns      int64 // fastest of the runs, two goroutines with a merge (0: not measured)
	AggCPU      int64 // CPU time (user + system) of the fastest-CPU run, one goroutine
	Agg2CPU     int64 // likewise, two goroutines
	PeakRSS     int64 // VmHWM in bytes
	PeakHeapSys uint64
	Digest      string
}

func main() {
	dir := flag.String("dir", "/tmp/scale", "directory of the CSV files")
	deals := flag.Int("deals", 1_000_000, "deals to generate")
	acts := flag.Int("activities", 10_000_000, "activities to generate")
	seed := flag.Uint64("seed", 9, "generator seed")
	regen := flag.Bool("regen", false, "generate even if the files exist")
	runs := flag.Int("runs", 5, "aggregation runs per implementation (the fastest is kept)")
	only := flag.String("impl", strings.Join(impls, ","), "implementations to measure, comma-separated; the first is the reference")
	child := flag.String("child", "", "internal: measure one implementation and print its result as JSON")
	flag.Parse()
	if *child != "" {
		r, err := measure(*child, *dir, *runs)
		if err != nil {
			fail(err)
		}
		json.NewEncoder(os.Stdout).Encode(r)
		return
	}
	if err := run(*dir, gen.Config{Deals: *deals, Activities: *acts, Seed: *seed}, *regen, *runs, strings.Split(*only, ",")); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "scale:", err)
	os.Exit(1)
}

func run(dir string, c gen.Config, regen bool, runs int, names []string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	stamp := filepath.Join(dir, "config.json")
	want, _ := json.Marshal(c)
	if got, err := os.ReadFile(stamp); regen || err != nil || !bytes.Equal(got, want) {
		fmt.Fprintf(os.Stderr, "generating %d deals and %d activities in %s…\n", c.Deals, c.Activities, dir)
		os.Remove(stamp)
		t := time.Now()
		if err := gen.Write(dir, c); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "generated in %v\n", time.Since(t).Round(time.Millisecond))
		if err := os.WriteFile(stamp, want, 0o644); err != nil {
			return err
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	fmt.Printf("load average before: %s\n", loadavg())
	var results []result
	for _, name := range names {
		fmt.Fprintf(os.Stderr, "measuring %s…\n", name)
		cmd := exec.Command(exe, "-child", name, "-dir", dir, "-runs", strconv.Itoa(runs))
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		var r result
		if err := json.Unmarshal(out, &r); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		results = append(results, r)
	}
	fmt.Printf("load average after:  %s\n\n", loadavg())
	records := float64(c.Deals + c.Activities)
	printTable(os.Stdout, c, results, records)
	for _, r := range results[1:] {
		if r.Digest != results[0].Digest {
			return fmt.Errorf("%s's scorecard differs from %s's", r.Impl, results[0].Impl)
		}
	}
	fmt.Printf("\nAll %d scorecards agree (SHA-256 of the printed scorecard %s…).\n", len(results), results[0].Digest[:16])
	return nil
}

func printTable(w io.Writer, c gen.Config, rs []result, records float64) {
	ref := rs[0]
	ratio := func(x, r float64) string {
		if r == 0 || x == 0 {
			return "–"
		}
		return fmt.Sprintf("%.1f×", x/r)
	}
	ms := func(ns int64) string {
		if ns == 0 {
			return "–"
		}
		return fmt.Sprintf("%.1f ms", float64(ns)/1e6)
	}
	mb := func(b float64) string { return fmt.Sprintf("%.0f MB", b/1e6) }
	fmt.Fprintf(w, "%d deals, %d activities; GOMAXPROCS %d; ratios to %s\n\n", c.Deals, c.Activities, runtime.GOMAXPROCS(0), ref.Impl)
	fmt.Fprintln(w, "| implementation | load | ratio | load allocs/record | aggregation (1 goroutine) | ratio | ns/record | agg. allocs | 2 goroutines | speed-up | CPU 2 g. / 1 g. | data in memory | ratio | peak RSS | ratio |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, r := range rs {
		speedup, cpu := "–", "–"
		if r.Agg2Ns > 0 {
			speedup = fmt.Sprintf("%.2f×", float64(r.AggNs)/float64(r.Agg2Ns))
		}
		if r.Agg2CPU > 0 && r.AggCPU > 0 {
			cpu = fmt.Sprintf("%.2f", float64(r.Agg2CPU)/float64(r.AggCPU))
		}
		fmt.Fprintf(w, "| %s | %.2f s | %s | %.1f | %s | %s | %.1f | %d | %s | %s | %s | %s | %s | %s | %s |\n",
			r.Impl,
			float64(r.LoadNs)/1e9, ratio(float64(r.LoadNs), float64(ref.LoadNs)),
			float64(r.LoadAllocs)/records,
			ms(r.AggNs), ratio(float64(r.AggNs), float64(ref.AggNs)), float64(r.AggNs)/records,
			r.AggAllocs,
			ms(r.Agg2Ns), speedup, cpu,
			mb(float64(r.LiveHeap)), ratio(float64(r.LiveHeap), float64(ref.LiveHeap)),
			mb(float64(r.PeakRSS)), ratio(float64(r.PeakRSS), float64(ref.PeakRSS)))
	}
}

// computer is an implementation once loaded.
type computer interface {
	Compute() scorecard.Scorecard
}

type workers interface {
	ComputeWorkers(n int) scorecard.Scorecard
}

func measure(name, dir string, runs int) (result, error) {
	r := result{Impl: name}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	t := time.Now()
	var c computer
	var err error
	switch name {
	case "tuned":
		c, err = scorecard.LoadTuned(dir)
	case "table":
		c, err = scorecard.LoadTable(dir)
	case "api":
		c, err = scorecard.LoadAPI(dir)
	case "naive":
		c, err = scorecard.LoadNaive(dir)
	default:
		return r, fmt.Errorf("unknown implementation %q", name)
	}
	if err != nil {
		return r, err
	}
	r.LoadNs = time.Since(t).Nanoseconds()
	runtime.ReadMemStats(&after)
	r.LoadAllocs, r.LoadBytes = after.Mallocs-before.Mallocs, after.TotalAlloc-before.TotalAlloc
	runtime.GC()
	runtime.ReadMemStats(&after)
	r.LiveHeap = after.HeapAlloc

	// The runs with one goroutine and with two alternate, so that both see
	// the same load from the rest of the machine; the fastest of each is kept.
	var sc scorecard.Scorecard
	w, parallel := c.(workers)
	for i := range runs {
		runtime.ReadMemStats(&before)
		cpu := cpuTime()
		t := time.Now()
		sc = c.Compute()
		ns := time.Since(t).Nanoseconds()
		cpu = cpuTime() - cpu
		runtime.ReadMemStats(&after)
		if i == 0 || ns < r.AggNs {
			r.AggNs = ns
		}
		if i == 0 || cpu < r.AggCPU {
			r.AggCPU = cpu
		}
		r.AggAllocs, r.AggBytes = after.Mallocs-before.Mallocs, after.TotalAlloc-before.TotalAlloc
		if !parallel {
			continue
		}
		cpu = cpuTime()
		t = time.Now()
		sc2 := w.ComputeWorkers(2)
		ns = time.Since(t).Nanoseconds()
		cpu = cpuTime() - cpu
		if i == 0 || ns < r.Agg2Ns {
			r.Agg2Ns = ns
		}
		if i == 0 || cpu < r.Agg2CPU {
			r.Agg2CPU = cpu
		}
		if digest(&sc2) != digest(&sc) {
			return r, errors.New("two goroutines disagree with one")
		}
	}
	r.Digest = digest(&sc)
	runtime.ReadMemStats(&after)
	r.PeakHeapSys = after.HeapSys
	r.PeakRSS, err = vmHWM()
	return r, err
}

func digest(sc *scorecard.Scorecard) string {
	h := sha256.New()
	sc.Print(h)
	return hex.EncodeToString(h.Sum(nil))
}

// cpuTime returns the CPU time (user and system) the process has used, in
// nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// loadavg returns the first three fields of /proc/loadavg: the machine's
// load over 1, 5 and 15 minutes.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// vmHWM returns the process's peak resident set size from /proc/self/status.
func vmHWM() (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("no VmHWM in /proc/self/status")
}
