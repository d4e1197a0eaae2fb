package scorecard

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/salesperf/salesperf/bench/gen"
	"github.com/shopspring/decimal"
)

// NaiveDeal and NaiveActivity are the records of the naive loop: what a Go
// programmer writes first, with strings, time.Time and decimal.Decimal.
type NaiveDeal struct {
	ID, Owner, Source, Stage string
	Amount                   decimal.Decimal
	Created, Closed          time.Time
}

// NaiveActivity is one activity of the naive loop.
type NaiveActivity struct {
	ID, Rep, Deal, Kind string
	At                  time.Time
}

// NaiveData is the data of the naive loop, with the org as two maps.
type NaiveData struct {
	Deals           []NaiveDeal
	Activities      []NaiveActivity
	ManagerOf       map[string]string // rep → manager
	RegionOfManager map[string]string // manager → region
}

// LoadNaive reads the files of gen.Write in dir with encoding/csv,
// time.Parse and decimal.NewFromString.
func LoadNaive(dir string) (*NaiveData, error) {
	d := NaiveData{ManagerOf: map[string]string{}, RegionOfManager: map[string]string{}}
	err := readCSV(filepath.Join(dir, gen.OrgFile), func(rec []string) error {
		d.ManagerOf[rec[0]] = rec[1]
		d.RegionOfManager[rec[1]] = rec[3]
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readCSV(filepath.Join(dir, gen.DealsFile), func(rec []string) error {
		amount, err := decimal.NewFromString(rec[4])
		if err != nil {
			return err
		}
		created, err := time.Parse(time.RFC3339, rec[5])
		if err != nil {
			return err
		}
		var closed time.Time
		if rec[6] != "" {
			if closed, err = time.Parse(time.RFC3339, rec[6]); err != nil {
				return err
			}
		}
		d.Deals = append(d.Deals, NaiveDeal{ID: rec[0], Owner: rec[1], Source: rec[2], Stage: rec[3], Amount: amount, Created: created, Closed: closed})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readCSV(filepath.Join(dir, gen.ActivitiesFile), func(rec []string) error {
		at, err := time.Parse(time.RFC3339, rec[4])
		if err != nil {
			return err
		}
		d.Activities = append(d.Activities, NaiveActivity{ID: rec[0], Rep: rec[1], Deal: rec[2], Kind: rec[3], At: at})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// readCSV calls row for every record of the file after the header.
func readCSV(path string, row func([]string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	if _, err := r.Read(); err != nil {
		return err
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := row(rec); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
}

type naiveLine struct {
	created, won, lost int64
	wonAmount          decimal.Decimal
	cycleDays          int64
	kinds              map[string]int64
}

// Compute computes the scorecard with maps keyed by name, decimal sums and
// time.Time arithmetic.
func (d *NaiveData) Compute() Scorecard {
	reps := map[string]*naiveLine{}
	line := func(m map[string]*naiveLine, k string) *naiveLine {
		l, ok := m[k]
		if !ok {
			l = &naiveLine{kinds: map[string]int64{}}
			m[k] = l
		}
		return l
	}
	months := map[string]decimal.Decimal{}
	for _, deal := range d.Deals {
		l := line(reps, deal.Owner)
		l.created++
		switch deal.Stage {
		case gen.StageWon:
			l.won++
			l.wonAmount = l.wonAmount.Add(deal.Amount)
			l.cycleDays += civilDays(deal.Created, deal.Closed)
			month := deal.Closed.Format("2006-01")
			months[month] = months[month].Add(deal.Amount)
		case gen.StageLost:
			l.lost++
		}
	}
	for _, a := range d.Activities {
		line(reps, a.Rep).kinds[a.Kind]++
	}
	managers, regions := map[string]*naiveLine{}, map[string]*naiveLine{}
	for rep, l := range reps {
		m := d.ManagerOf[rep]
		for _, dst := range []*naiveLine{line(managers, m), line(regions, d.RegionOfManager[m])} {
			dst.created += l.created
			dst.won += l.won
			dst.lost += l.lost
			dst.wonAmount = dst.wonAmount.Add(l.wonAmount)
			dst.cycleDays += l.cycleDays
			for k, n := range l.kinds {
				dst.kinds[k] += n
			}
		}
	}
	sc := Scorecard{Rep: naiveLines(reps), Manager: naiveLines(managers), Region: naiveLines(regions), Month: map[string]int64{}}
	for m, amount := range months {
		sc.Month[m] = amount.Shift(2).IntPart()
	}
	return sc
}

// civilDays returns the calendar days between the UTC dates of two
// instants.
func civilDays(from, to time.Time) int64 {
	y1, m1, d1 := from.UTC().Date()
	y2, m2, d2 := to.UTC().Date()
	a := time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)
	b := time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC)
	return int64(b.Sub(a).Hours()) / 24
}

func naiveLines(m map[string]*naiveLine) map[string]Line {
	out := make(map[string]Line, len(m))
	for k, l := range m {
		o := Line{Created: l.created, Won: l.won, Lost: l.lost, WonCents: l.wonAmount.Shift(2).IntPart(), CycleDays: l.cycleDays, AvgWon: "–", MeanCycle: "–"}
		if l.won > 0 {
			n := decimal.NewFromInt(l.won)
			o.AvgWon = l.wonAmount.DivRound(n, 2).StringFixed(2) + " USD"
			o.MeanCycle = decimal.NewFromInt(l.cycleDays).DivRound(n, 2).StringFixed(2)
		}
		for i, kind := range gen.Kinds {
			o.Kinds[i] = l.kinds[kind.String()]
		}
		out[k] = o
	}
	return out
}
