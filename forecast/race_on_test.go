//go:build race

package forecast_test

// raceEnabled is true when the tests run under the race detector, which
// makes the long simulations ten times slower: those run in a separate
// step of .ci/run without it.
const raceEnabled = true
