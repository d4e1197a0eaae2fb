package metrics

import (
	"errors"
	"strings"
	"testing"

	sp "github.com/salesperf/salesperf"
)

// TestHistogramDecodeOverflow checks that a serialised histogram whose
// count or sum does not fit int64 is refused with an error naming the
// value, instead of decoding into a wrapped count (a negative n) or sum
// and a silently wrong mean and median.
func TestHistogramDecodeOverflow(t *testing.T) {
	for _, tc := range []struct{ in, value string }{
		{`{"bins":[{"value":1,"count":9223372036854775807},{"value":2,"count":1}]}`, "value 2"},
		{`{"bins":[{"value":5000000000,"count":5000000000}]}`, "value 5000000000"},
		{`{"bins":[{"value":-9223372036854775807,"count":1},{"value":-2,"count":1}]}`, "value -2"},
		{`{"bins":[{"value":4611686018427387904,"count":1},{"value":4611686018427387904,"count":1}]}`, "value 4611686018427387904"},
	} {
		var h Histogram
		err := h.UnmarshalJSON([]byte(tc.in))
		if !errors.Is(err, sp.ErrOutOfRange) || !strings.Contains(err.Error(), tc.value) {
			t.Errorf("%s: err %v, want salesperf.ErrOutOfRange naming %s (summary %+v)", tc.in, err, tc.value, h.Summary())
		}
	}
	// At the limits, without overflow.
	var h Histogram
	in := `{"bins":[{"value":-1,"count":1},{"value":0,"count":9223372036854775806}]}`
	if err := h.UnmarshalJSON([]byte(in)); err != nil || h.N() != 1<<63-1 || h.Sum() != -1 {
		t.Errorf("%s: err %v, n %d, sum %d", in, err, h.N(), h.Sum())
	}
}
