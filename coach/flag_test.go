package coach

import "flag"

// powerTableFlag runs the full power tables of docs/coaching.md:
// go test ./coach -run PowerTable -v -args -coach.powertable.
var powerTableFlag = flag.Bool("coach.powertable", false, "run the full power tables of docs/coaching.md (slow under -race)")
