package csvimport_test

import (
	"io"
	"strings"
	"testing/iotest"
)

// failingReader reads s, then fails with err.
func failingReader(s string, err error) io.Reader {
	return io.MultiReader(strings.NewReader(s), iotest.ErrReader(err))
}
