// Command scorecard computes the sales scorecard by owner — win rate,
// won amount and sales cycle over won deals — with Apache Beam, over
// generated deals, and prints the owners with the most won amount.
//
//	go run ./examples/scorecard                   # in process, on Prism
//	go run ./examples/scorecard -deals 1000000 -owners 200
//
// The metric is one salesperf aggregator, registered by name in init()
// and run by beam.CombinePerKey through spbeam.CombineFn; the same
// aggregator folded with segment.By gives the same figures.
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"slices"
	"sync"
	"text/tabwriter"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	sp "github.com/salesperf/salesperf"
	spbeam "github.com/salesperf/salesperf/beam"
	"github.com/salesperf/salesperf/beam/internal/dealgen"
	"github.com/salesperf/salesperf/metrics"
	"github.com/salesperf/salesperf/segment"
)

// Card is one owner's scorecard.
type Card struct {
	WinRate   metrics.Rate    // won / (won + lost), by close
	WonAmount sp.Sum          // exact, per currency
	Cycle     metrics.Summary // days from created to closed, won deals
}

// scorecard is the aggregator: three metrics in one pass, presented as a
// Card. Its state is Pair[Rate, Pair[Sum, Histogram]], which marshals
// to JSON exactly, so Register's default coder fits.
func scorecard() metrics.Aggregator[*sp.Deal, metrics.Pair[metrics.Rate, metrics.Pair[sp.Sum, metrics.Histogram]], Card] {
	both := metrics.Both(metrics.WinRate(), metrics.Both(metrics.WonAmount(), metrics.SalesCycle(nil, sp.Won)))
	return metrics.Then(both, func(r metrics.Pair[metrics.Rate, metrics.Pair[sp.Sum, metrics.Summary]]) Card {
		return Card{WinRate: r.A, WonAmount: r.B.A, Cycle: r.B.B}
	})
}

type state = metrics.Pair[metrics.Rate, metrics.Pair[sp.Sum, metrics.Histogram]]

func init() {
	// Registered by name: a CombineFn cannot hold the aggregator's
	// functions, so each worker finds them here.
	spbeam.Register("scorecard", scorecard())
	register.DoFn2x0[int, func(string, *sp.Deal)](&genFn{})
	register.Emitter2[string, *sp.Deal]()
	register.DoFn2x0[string, Card](&collectFn{})
	// Card holds a Sum, whose fields are unexported: code it as JSON.
	beam.RegisterCoder(reflect.TypeFor[Card](), encCard, decCard)
}

func encCard(c Card) ([]byte, error)       { return json.Marshal(c) }
func decCard(b []byte) (c Card, err error) { err = json.Unmarshal(b, &c); return }

// genFn generates one shard of the deals, keyed by owner (segment.Owner).
type genFn struct {
	N, Owners, Shards int
	Seed              uint64
}

func (f *genFn) ProcessElement(shard int, emit func(string, *sp.Deal)) {
	for i := shard; i < f.N; i += f.Shards {
		d := dealgen.Deal(i, f.Owners, f.Seed)
		emit(segment.Owner(&d), &d)
	}
}

// cards receives the results. Prism runs in this process; on a
// distributed runner, write them with a textio sink instead.
var cards sync.Map // owner → Card

type collectFn struct{}

func (collectFn) ProcessElement(owner string, c Card) { cards.Store(owner, c) }

func main() {
	n := flag.Int("deals", 200_000, "deals to generate")
	owners := flag.Int("owners", 200, "distinct owners")
	top := flag.Int("top", 10, "owners to print")
	seed := flag.Uint64("seed", 1, "generator seed")
	flag.Parse()
	beam.Init()

	const shards = 8
	p, s := beam.NewPipelineWithRoot()
	keyed := beam.ParDo(s, &genFn{N: *n, Owners: *owners, Shards: shards, Seed: *seed},
		beam.CreateList(s, []int{0, 1, 2, 3, 4, 5, 6, 7}))
	byOwner := beam.CombinePerKey(s, spbeam.Of[*sp.Deal, state, Card]("scorecard"), keyed)
	beam.ParDo0(s, collectFn{}, byOwner)
	if _, err := prism.Execute(context.Background(), p); err != nil {
		fmt.Fprintln(os.Stderr, "scorecard:", err)
		os.Exit(1)
	}

	type row struct {
		owner string
		card  Card
		won   sp.Money
	}
	var rows []row
	cards.Range(func(k, v any) bool {
		c := v.(Card)
		won, err := c.WonAmount.Single()
		if err != nil {
			won = sp.Money{}
		}
		rows = append(rows, row{k.(string), c, won})
		return true
	})
	slices.SortFunc(rows, func(a, b row) int {
		if c, _ := b.won.Cmp(a.won); c != 0 {
			return c
		}
		return cmp.Compare(a.owner, b.owner)
	})
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "owner\twon\tlost\twin rate\twon amount\tcycle mean\tcycle median\t")
	for _, r := range rows[:min(*top, len(rows))] {
		rate := "-"
		if _, ok := r.card.WinRate.Value(); ok {
			rate = r.card.WinRate.Quotient(3)
		}
		mean := "-"
		if m, ok := r.card.Cycle.MeanDecimal(1, sp.RoundHalfEven); ok {
			mean = m.StringFixed(1)
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%s\t%s\t%s\t%g\t\n", r.owner, r.card.WinRate.Num,
			r.card.WinRate.Den-r.card.WinRate.Num, rate, r.won, mean, r.card.Cycle.Median)
	}
	w.Flush()
	fmt.Printf("%d owners, %d deals\n", len(rows), *n)
}
