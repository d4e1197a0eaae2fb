package salesperf

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func TestDictIDsDenseInFirstSeenOrder(t *testing.T) {
	var d Dict // the zero Dict is ready to use
	var got []uint32
	for _, s := range []string{"bob", "ann", "bob", "", "cy", "ann", ""} {
		got = append(got, d.ID(s))
	}
	if diff := cmp.Diff([]uint32{0, 1, 0, 2, 3, 1, 2}, got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if d.Len() != 4 {
		t.Errorf("Len = %d, want 4", d.Len())
	}
	var names []string
	for id := range uint32(d.Len()) {
		names = append(names, d.Name(id))
	}
	if diff := cmp.Diff([]string{"bob", "ann", "", "cy"}, names); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
}

func TestDictProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		strs := rapid.SliceOf(rapid.SampledFrom([]string{"", "ann", "bob", "Zoë", "a|b", "ann ", "ANN"})).Draw(t, "strings")
		viaBytes := rapid.SliceOfN(rapid.Bool(), len(strs), len(strs)).Draw(t, "viaBytes")
		var d Dict
		first := map[string]uint32{} // the model: ids in order of first sight
		for i, s := range strs {
			want, seen := first[s]
			if !seen {
				want = uint32(len(first))
				first[s] = want
			}
			if id, ok := d.Lookup(s); ok != seen || (ok && id != want) {
				t.Fatalf("Lookup(%q) before ID = %d, %v; want %d, %v", s, id, ok, want, seen)
			}
			var got uint32
			if viaBytes[i] {
				got = d.IDBytes([]byte(s))
			} else {
				got = d.ID(s)
			}
			if got != want {
				t.Fatalf("id of %q = %d, want %d", s, got, want)
			}
			if d.Name(got) != s {
				t.Fatalf("Name(%d) = %q, want %q", got, d.Name(got), s)
			}
		}
		if d.Len() != len(first) {
			t.Fatalf("Len = %d, want %d", d.Len(), len(first))
		}
	})
}

func TestDictLookupNeverInterns(t *testing.T) {
	var d Dict
	d.ID("ann")
	if id, ok := d.Lookup("bob"); ok || id != 0 {
		t.Errorf("Lookup(bob) = %d, %v; want 0, false", id, ok)
	}
	if d.Len() != 1 {
		t.Errorf("Len after Lookup = %d, want 1", d.Len())
	}
	if id, ok := d.Lookup("ann"); !ok || id != 0 {
		t.Errorf("Lookup(ann) = %d, %v; want 0, true", id, ok)
	}
}

func TestDictNil(t *testing.T) {
	var d *Dict
	if d.Len() != 0 {
		t.Errorf("nil Dict Len = %d, want 0", d.Len())
	}
	if id, ok := d.Lookup("ann"); ok || id != 0 {
		t.Errorf("nil Dict Lookup = %d, %v; want 0, false", id, ok)
	}
}

func TestDictNamePanicsOutOfRange(t *testing.T) {
	var d Dict
	d.ID("ann")
	defer func() {
		if recover() == nil {
			t.Error("Name(1) of a one-name Dict did not panic")
		}
	}()
	_ = d.Name(1)
}

func TestDictKeepsItsOwnCopy(t *testing.T) {
	var d Dict
	row := []byte("ann,bob")
	id := d.IDBytes(row[:3])
	copy(row, "zzz") // the importer reuses its buffer
	if d.Name(id) != "ann" {
		t.Errorf("Name after the buffer changed = %q, want ann", d.Name(id))
	}
	line := strings.Repeat("x", 1000) + "cy"
	id = d.ID(line[1000:])
	if got := d.Name(id); got != "cy" {
		t.Errorf("Name = %q, want cy", got)
	}
}

func TestDictIDBytesDoesNotAllocateForAKnownName(t *testing.T) {
	var d Dict
	d.ID("ann")
	d.ID("bob")
	cell := []byte("bob")
	allocs := testing.AllocsPerRun(100, func() {
		if d.IDBytes(cell) != 1 {
			t.Fatal("wrong id")
		}
	})
	if allocs != 0 {
		t.Errorf("IDBytes of a known name allocates %v times, want 0", allocs)
	}
	allocs = testing.AllocsPerRun(100, func() { d.ID("ann") })
	if allocs != 0 {
		t.Errorf("ID of a known name allocates %v times, want 0", allocs)
	}
}
