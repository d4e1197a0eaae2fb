package csvimport_test

import (
	"strings"
	"testing"
	"unsafe"

	sp "github.com/salesperf/salesperf"
	"github.com/salesperf/salesperf/csvimport"
)

// TestInterned: equal owner and stage cells come out as one string, and
// across files of the same Reader (a deal's owner and an activity's rep).
func TestInterned(t *testing.T) {
	r := csvimport.Reader{
		Mapping: csvimport.Mapping{
			Deals:      csvimport.DealColumns{ID: "id", Owner: "owner", Stage: "stage"},
			Activities: csvimport.ActivityColumns{ID: "id", Rep: "rep", Kind: "kind", At: "at"},
			Stages:     map[string]sp.Status{"Won": sp.Won, "Open": sp.Open},
		},
		Reject: func(rj csvimport.Rejected) { t.Fatal(rj.Err) },
	}
	deals, err := r.Deals(strings.NewReader("id,owner,stage\nD1,Ann,Open\nD2, Ann ,Open\nD3,Bob,Open\n"))
	if err != nil {
		t.Fatal(err)
	}
	var ds []sp.Deal
	for d := range deals {
		ds = append(ds, d)
	}
	acts, err := r.Activities(strings.NewReader("id,rep,kind,at\nA1,Ann,call,2026-01-05\n"))
	if err != nil {
		t.Fatal(err)
	}
	var as []sp.Activity
	for a := range acts {
		as = append(as, a)
	}
	same := func(a, b string) bool { return a == b && unsafe.StringData(a) == unsafe.StringData(b) }
	if !same(ds[0].Owner, ds[1].Owner) || !same(ds[0].Stage, ds[2].Stage) || !same(ds[0].Owner, as[0].Rep) {
		t.Errorf("owners %q %q, stages %q %q, rep %q: not one string each", ds[0].Owner, ds[1].Owner, ds[0].Stage, ds[2].Stage, as[0].Rep)
	}
	if ds[2].Owner != "Bob" {
		t.Errorf("owner %q, want Bob", ds[2].Owner)
	}
}
