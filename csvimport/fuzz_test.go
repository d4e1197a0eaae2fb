package csvimport_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/csvimport"
)

// fuzzMapping reads a header with every kind of deal cell.
func fuzzMapping() csvimport.Mapping {
	return csvimport.Mapping{
		Deals: csvimport.DealColumns{ID: "id", Owner: "owner", Stage: "stage", Status: "status", Amount: "amount",
			Currency: "currency", Created: "created", Closed: "closed", ExpectedClose: "expected", Category: "category",
			StageEntered: map[string]string{"Demo": "demo"}, Attrs: map[string]string{"note": "note"}},
		Currency:    "USD",
		Thousands:   ',',
		DateFormats: []string{"2006-01-02", "1/2/2006", "2006-01-02 15:04:05"},
		Stages:      map[string]sp.Status{"Demo": sp.Open, "Won": sp.Won, "Lost": sp.Lost},
		OtherStages: csvimport.StageByName,
		Replace:     map[string]map[string]string{"stage": {"W": "Won"}},
	}
}

var fuzzSentinels = []error{csvimport.ErrFieldCount, sp.ErrSyntax, sp.ErrMissingID, sp.ErrDuplicateID, sp.ErrMissingOwner,
	sp.ErrMissingDate, sp.ErrCloseBeforeCreate, sp.ErrClosedWithoutDate, sp.ErrOpenWithCloseDate, sp.ErrInvalidStatus,
	sp.ErrUnknownStage, sp.ErrNegativeAmount, sp.ErrPrecision, sp.ErrUnknownCurrency, sp.ErrHistoryOrder,
	sp.ErrHistoryMismatch, sp.ErrHistoryAfterClose, sp.ErrInvalidValue}

// FuzzDeals reads arbitrary input as a deals file. Whatever it is, the
// reader does not panic; it either refuses the file with one error
// (ErrMissingColumn, ErrNotCSV) or accounts for every row: each is
// yielded as a deal the root validator accepts, or rejected with problems
// that name the row's line and wrap a sentinel.
func FuzzDeals(f *testing.F) {
	header := "id,owner,stage,status,amount,currency,created,closed,expected,category,demo,note\n"
	for _, s := range []string{
		header + "1,a,Demo,,,,2026-01-01,,,,,\n",
		header + "2,a,Won,,\"1,234.50\",EUR,2026-01-01,2026-01-05,,commit,2026-01-02,x\n",
		header + "3,a,Closed Lost,,0,,1/2/2026,1/3/2026,,,,\"a\nb\"\n",
		header + "4,a,W,won,12 JPY,,2026-01-01 10:00:00,2026-01-01 09:00:00,2026-02-01,,,\n",
		"\xEF\xBB\xBF" + strings.ReplaceAll(header+"5,a,Demo,open,,,,,,,,\n6,b\n", "\n", "\r\n"),
		header + "7,a,\"Demo,x\n",
		"id\n1\n",
		"\x00\x01",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rejected := 0
		r := csvimport.Reader{Mapping: fuzzMapping(), UniqueIDs: true, Reject: func(rj csvimport.Rejected) {
			rejected++
			if rj.Record != "deal" || rj.Line < 2 {
				t.Fatalf("rejected %+v", rj)
			}
			var joined interface{ Unwrap() []error }
			if !errors.As(rj.Err, &joined) || len(joined.Unwrap()) == 0 {
				t.Fatalf("rejected without problems: %v", rj.Err)
			}
			for _, e := range joined.Unwrap() {
				var ve *sp.ValidationError
				var le *csvimport.LineError
				if !errors.As(e, &ve) || ve.Record != "deal" || ve.Field == "" || !errors.As(e, &le) || le.Line != rj.Line {
					t.Fatalf("problem %#v (line %d)", e, rj.Line)
				}
				known := false
				for _, s := range fuzzSentinels {
					known = known || errors.Is(e, s)
				}
				if !known {
					t.Fatalf("problem without a sentinel: %v", e)
				}
			}
		}}
		deals, err := r.Deals(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, csvimport.ErrMissingColumn) && !errors.Is(err, csvimport.ErrNotCSV) {
				t.Fatalf("open: %v", err)
			}
			return
		}
		v := sp.Validator{Reject: func(rj sp.Rejected) { t.Fatalf("yielded an invalid deal: %v", rj.Err) }}
		n := 0
		for d := range deals {
			n++
			v.Deal(&d)
			if d.Status < sp.Open || d.Status > sp.Lost {
				t.Fatalf("status %v", d.Status)
			}
		}
		if err := r.Err(); err != nil {
			t.Fatal(err)
		}
		rep := r.Report()
		if rep.Checked["deal"] != n+rejected || rep.Rejected["deal"] != rejected {
			t.Fatalf("%d yielded, %d rejected; report %v", n, rejected, rep)
		}
	})
}
