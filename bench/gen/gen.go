// Package gen writes a large synthetic CRM for the scale benchmarks of
// issue 9: an org chart, deals and activities as CSV files that
// [csvimport] reads through [Mapping].
//
// The data is deterministic: the same [Config] writes the same bytes, on
// any machine (math/rand/v2's PCG, no map iteration, no clock). It is
// written as it is generated, so memory stays bounded whatever the size:
// deals are generated in order of creation and written at once; the
// activities of each block of [BlockDeals] consecutive deals are collected,
// ordered by time and written, so the activities file is roughly
// chronological, as a CRM export ordered by date, and consecutive rows
// belong to different reps.
//
// The shape, as issue 9 specifies it:
//
//   - 5 regions, 4 managers per region (20), 10 reps per manager (200);
//     each rep has one membership (manager, team, region) that holds on
//     every day; OrgFile lists the reps only.
//   - Deals are created uniformly over three years, [Start] to [End], each
//     owned by a rep drawn uniformly, from one of 8 [Sources]. The amount is
//     lognormal with median 20,000.00 USD (σ = 0.6), in whole cents; the
//     cycle lognormal with median 40 days (σ = 0.6), to the second. A deal
//     whose close falls before End is closed: won with its owner's win
//     probability (between 0.20 and 0.45, drawn once per rep), else lost;
//     the others are open at End, with no close date.
//   - Activities are spread over the deals, about Activities/Deals each
//     (uniform between 0 and twice the remaining average), the total exact;
//     each is done by the deal's owner at an instant uniform in the deal's
//     life (created to close, or to End for an open deal), of one of the
//     seven [Kinds] with fixed weights.
package gen

import (
	"bufio"
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"time"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/csvimport"
)

// The org chart's size.
const (
	Regions           = 5
	ManagersPerRegion = 4
	RepsPerManager    = 10
	Managers          = Regions * ManagersPerRegion // 20
	Reps              = Managers * RepsPerManager   // 200
)

// BlockDeals is the number of consecutive deals whose activities are
// ordered by time together.
const BlockDeals = 1024

// Start and End bound the creation of deals: three calendar years, 2022
// to 2024, in UTC. End is also the as-of instant: a deal not closed by then
// is open.
var (
	Start = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	End   = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
)

// Sources are the deals' lead sources.
var Sources = [8]string{"web", "referral", "outbound", "partner", "event", "webinar", "paid search", "social"}

// Kinds are the seven activity kinds generated, in the order scorecards
// list them.
var Kinds = [7]sp.ActivityKind{sp.Call, sp.Email, sp.Social, sp.MeetingScheduled, sp.MeetingHeld, sp.Demo, sp.Proposal}

// kindWeights are the kinds' shares in percent, in the order of Kinds.
var kindWeights = [7]int{30, 35, 8, 8, 8, 6, 5}

// The stage names written in deals.csv.
const (
	StageWon  = "Closed Won"
	StageLost = "Closed Lost"
)

// openStages are the stages of open deals.
var openStages = [3]string{"Qualification", "Proposal", "Negotiation"}

// The files Write creates in its directory.
const (
	OrgFile        = "org.csv"
	DealsFile      = "deals.csv"
	ActivitiesFile = "activities.csv"
)

// The headers of the files.
const (
	OrgHeader        = "person,manager,team,region"
	DealsHeader      = "id,owner,source,stage,amount,created,closed"
	ActivitiesHeader = "id,rep,deal,kind,at"
)

// TimeLayout is the layout of every timestamp in the files (RFC 3339 in
// UTC, to the second).
const TimeLayout = "2006-01-02T15:04:05Z"

// Config says how much data to generate and from which seed.
type Config struct {
	Deals      int    // number of deals; 1,000,000 in issue 9
	Activities int    // number of activities; 10,000,000 in issue 9
	Seed       uint64 // the same seed writes the same files
}

// RepName returns the name of rep i (0 ≤ i < Reps): "rep-001".
func RepName(i int) string { return fmt.Sprintf("rep-%03d", i+1) }

// ManagerName returns the name of manager i (0 ≤ i < Managers): "mgr-01".
func ManagerName(i int) string { return fmt.Sprintf("mgr-%02d", i+1) }

// RegionName returns the name of region i (0 ≤ i < Regions): "region-1".
func RegionName(i int) string { return fmt.Sprintf("region-%d", i+1) }

// ManagerOf returns the index of rep i's manager.
func ManagerOf(rep int) int { return rep / RepsPerManager }

// RegionOf returns the index of manager m's region.
func RegionOf(m int) int { return m / ManagersPerRegion }

// Mapping returns the csvimport Mapping that reads the files Write creates:
// deals (id, owner, source, stage, amount in USD, created, closed),
// activities (id, rep, deal, kind, at) and memberships (person, manager,
// team, region; undated). Timestamps are read with TimeLayout first.
func Mapping() csvimport.Mapping {
	return csvimport.Mapping{
		Deals: csvimport.DealColumns{
			ID: "id", Owner: "owner", Source: "source", Stage: "stage",
			Amount: "amount", Created: "created", Closed: "closed",
		},
		Activities: csvimport.ActivityColumns{
			ID: "id", Rep: "rep", Deal: "deal", Kind: "kind", At: "at",
		},
		Memberships: csvimport.MembershipColumns{
			Person: "person", Manager: "manager", Team: "team", Region: "region",
		},
		DateFormats: []string{TimeLayout, "2006-01-02"},
		Currency:    "USD",
		Stages: map[string]sp.Status{
			openStages[0]: sp.Open, openStages[1]: sp.Open, openStages[2]: sp.Open,
			StageWon: sp.Won, StageLost: sp.Lost,
		},
	}
}

// Write generates the data of c and writes OrgFile, DealsFile and
// ActivitiesFile in dir, which must exist. It panics if c.Deals < 1 or
// c.Activities < 0.
func Write(dir string, c Config) (err error) {
	if c.Deals < 1 || c.Activities < 0 {
		panic("gen: invalid config")
	}
	if err := writeOrg(filepath.Join(dir, OrgFile)); err != nil {
		return err
	}
	df, err := os.Create(filepath.Join(dir, DealsFile))
	if err != nil {
		return err
	}
	defer closeInto(df, &err)
	af, err := os.Create(filepath.Join(dir, ActivitiesFile))
	if err != nil {
		return err
	}
	defer closeInto(af, &err)
	dw := bufio.NewWriterSize(df, 1<<20)
	aw := bufio.NewWriterSize(af, 1<<20)
	if err := generate(c, dw, aw); err != nil {
		return err
	}
	if err := dw.Flush(); err != nil {
		return err
	}
	return aw.Flush()
}

func closeInto(f *os.File, err *error) {
	if e := f.Close(); e != nil && *err == nil {
		*err = e
	}
}

func writeOrg(path string) error {
	b := []byte(OrgHeader + "\n")
	for r := range Reps {
		m := ManagerOf(r)
		b = fmt.Appendf(b, "%s,%s,team-%02d,%s\n", RepName(r), ManagerName(m), m+1, RegionName(RegionOf(m)))
	}
	return os.WriteFile(path, b, 0o644)
}

// activity is one generated activity before it is written.
type activity struct {
	at   int64 // Unix seconds
	deal int32
	rep  uint8
	kind uint8
}

func generate(c Config, dw, aw *bufio.Writer) error {
	rng := rand.New(rand.NewPCG(c.Seed, 0x5ca1ab1e))
	var winP [Reps]float64
	for i := range winP {
		winP[i] = 0.20 + 0.25*rng.Float64()
	}
	var repNames [Reps]string
	for i := range repNames {
		repNames[i] = RepName(i)
	}
	start, end := Start.Unix(), End.Unix()
	span := float64(end - start)
	remaining := c.Activities
	var line []byte
	block := make([]activity, 0, BlockDeals*(c.Activities/c.Deals+1)*2)
	nextAct := 0
	if _, err := dw.WriteString(DealsHeader + "\n"); err != nil {
		return err
	}
	if _, err := aw.WriteString(ActivitiesHeader + "\n"); err != nil {
		return err
	}
	for i := range c.Deals {
		created := start + int64((float64(i)+rng.Float64())*span/float64(c.Deals))
		rep := rng.IntN(Reps)
		source := Sources[rng.IntN(len(Sources))]
		cents := int64(math.Round(2_000_000 * math.Exp(0.6*rng.NormFloat64())))
		cents = max(cents, 100)
		cycle := int64(40 * 86400 * math.Exp(0.6*rng.NormFloat64()))
		closed := created + max(cycle, 60)
		stage, open := "", closed >= end
		switch {
		case open:
			stage = openStages[rng.IntN(len(openStages))]
		case rng.Float64() < winP[rep]:
			stage = StageWon
		default:
			stage = StageLost
		}
		line = appendDeal(line[:0], i, repNames[rep], source, stage, cents, created, closed, open)
		if _, err := dw.Write(line); err != nil {
			return err
		}

		n := remaining
		if i < c.Deals-1 {
			mean := float64(remaining) / float64(c.Deals-i)
			n = min(int(rng.Float64()*2*mean+0.5), remaining)
		}
		remaining -= n
		last := closed
		if open {
			last = end
		}
		for range n {
			k := 0
			for w := rng.IntN(100); w >= kindWeights[k]; k++ {
				w -= kindWeights[k]
			}
			block = append(block, activity{
				at:   created + rng.Int64N(last-created),
				deal: int32(i),
				rep:  uint8(rep),
				kind: uint8(k),
			})
		}
		if (i+1)%BlockDeals == 0 || i == c.Deals-1 {
			slices.SortStableFunc(block, func(a, b activity) int { return cmp.Compare(a.at, b.at) })
			for _, a := range block {
				line = appendActivity(line[:0], nextAct, repNames[a.rep], int(a.deal), Kinds[a.kind].String(), a.at)
				nextAct++
				if _, err := aw.Write(line); err != nil {
					return err
				}
			}
			block = block[:0]
		}
	}
	return nil
}

func appendDeal(b []byte, i int, owner, source, stage string, cents, created, closed int64, open bool) []byte {
	b = appendID(b, 'D', i)
	b = append(b, ',')
	b = append(b, owner...)
	b = append(b, ',')
	b = append(b, source...)
	b = append(b, ',')
	b = append(b, stage...)
	b = append(b, ',')
	b = appendCents(b, cents)
	b = append(b, ',')
	b = appendTime(b, created)
	b = append(b, ',')
	if !open {
		b = appendTime(b, closed)
	}
	return append(b, '\n')
}

func appendActivity(b []byte, i int, rep string, deal int, kind string, at int64) []byte {
	b = appendID(b, 'A', i)
	b = append(b, ',')
	b = append(b, rep...)
	b = append(b, ',')
	b = appendID(b, 'D', deal)
	b = append(b, ',')
	b = append(b, kind...)
	b = append(b, ',')
	b = appendTime(b, at)
	return append(b, '\n')
}

// appendID appends prefix and i+1 on at least 8 digits: "D00000001".
func appendID(b []byte, prefix byte, i int) []byte {
	return fmt.Appendf(b, "%c%08d", prefix, i+1)
}

// appendCents appends a positive amount in cents as "20000.00".
func appendCents(b []byte, cents int64) []byte {
	return fmt.Appendf(b, "%d.%02d", cents/100, cents%100)
}

func appendTime(b []byte, unix int64) []byte {
	return time.Unix(unix, 0).UTC().AppendFormat(b, TimeLayout)
}
