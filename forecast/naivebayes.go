package forecast

import (
	"math"
	"slices"

	sp "github.com/salesperf/salesperf"
)

// Constants of Odoo's predictive lead scoring that NaiveBayes follows.
const (
	// NBSmoothing is added to every won and lost count of the frequency
	// table before it is used (Odoo: "should be +1 but it weighs too much
	// on small record sets").
	NBSmoothing = 0.1
	// NBMinMulti is the least number of closed records (won + lost, with
	// smoothing) a value of a multi-valued field needs to be used: Odoo
	// ignores tags seen on fewer than 50 closed leads.
	NBMinMulti = 50
	// NBMinProbability and NBMaxProbability clamp the probability: Odoo
	// reports between 0.01% and 99.99%.
	NBMinProbability = 0.0001
	NBMaxProbability = 0.9999
)

// WonLost is how many closed records were won and how many lost.
type WonLost struct {
	Won  int64 `json:"won"`
	Lost int64 `json:"lost"`
}

// NaiveBayes is the win-probability model of Odoo CRM's predictive lead
// scoring, made to give the same probabilities from the same records: a
// frequency table of the closed records' field values, read with naive
// Bayes.
//
// The table (Add) counts, for each field value, the closed records that
// had it and were won or lost. The stage is special: a won record counts
// toward every stage (it went through them all; in Odoo it sits in the won
// stage, so its Stage is not read), a lost one toward the stage it was
// lost at and every earlier one. A lost record without a stage (Stage -1)
// is not counted in the stage table; a multi-valued field counts each
// distinct value once per record.
//
// A record is scored (Probability) from the smoothed counts, c' = c + 0.1
// (NBSmoothing):
//
//	prior         P(won) = won'(first stage) / (won'(first stage) + lost'(first stage))
//	              (without stages, Total smoothed the same way)
//	stage s       P(s | won) = won'(s) / won'(first stage), P(s | lost) = lost'(s) / lost'(first stage)
//	field value v P(v | won) = won'(v) / Σ won'(values of the field), likewise lost
//	score         S(won) = P(won) × Π P(x | won), S(lost) = P(lost) × Π P(x | lost)
//	probability   p = S(won) / (S(won) + S(lost)), clamped to [0.0001, 0.9999]
//
// A value the table has not seen (or a stage no record counted toward)
// is skipped, as Odoo skips it; values of a multi-valued field seen on
// fewer than 50 closed records (won' + lost' < 50, NBMinMulti) are
// ignored both when scoring and in the field's totals. Odoo rounds the
// percentage to two decimals; Probability does not (it would only make
// ties). Odoo keeps one table per sales team and falls back to all teams;
// fit one NaiveBayes per team for that. Odoo gives 0 to a lead without a
// stage and 100 to a lead in a won stage; Probability reports a record
// without a stage as not scorable when the table has stages.
//
// The zero NaiveBayes has no stages and no multi-valued fields; set
// Stages to the number of open stages of the pipeline (see
// DealScoring.Stages) before adding. The table keeps whole counts, so it
// survives a JSON round trip and Merge adds two tables exactly.
type NaiveBayes struct {
	Stages  int                           `json:"stages"`          // number of open stages; 0 for records without stages
	Multi   []string                      `json:"multi,omitempty"` // names of the multi-valued fields
	Total   WonLost                       `json:"total"`           // every closed record added
	ByStage []WonLost                     `json:"byStage,omitempty"`
	ByValue map[string]map[string]WonLost `json:"byValue,omitempty"` // field name → value → counts
}

// Add counts the closed example e in the table and reports whether it did:
// an example whose outcome is not Won or Lost is not counted. A lost
// example's stage outside [0, Stages) is not counted (the rest of e is).
func (nb *NaiveBayes) Add(e *Example) bool {
	var c WonLost
	switch e.Outcome {
	case sp.Won:
		c.Won = 1
	case sp.Lost:
		c.Lost = 1
	default:
		return false
	}
	nb.Total.add(c)
	if nb.Stages > 0 && len(nb.ByStage) < nb.Stages {
		nb.ByStage = append(nb.ByStage, make([]WonLost, nb.Stages-len(nb.ByStage))...)
	}
	last := -1 // the last stage the record counts toward
	switch {
	case e.Outcome == sp.Won:
		last = nb.Stages - 1
	case e.Stage < nb.Stages:
		last = e.Stage
	}
	for s := 0; s <= last; s++ {
		nb.ByStage[s].add(c)
	}
	if nb.ByValue == nil {
		nb.ByValue = map[string]map[string]WonLost{}
	}
	for i, f := range e.Fields {
		if slices.Contains(e.Fields[:i], f) {
			continue // a value counts once per record
		}
		m := nb.ByValue[f.Name]
		if m == nil {
			m = map[string]WonLost{}
			nb.ByValue[f.Name] = m
		}
		v := m[f.Value]
		v.add(c)
		m[f.Value] = v
	}
	return true
}

// Merge adds the counts of src to nb, as if nb had been given src's
// records too. Both must have the same Stages and Multi; Merge panics if
// not. src is unchanged and shares no memory with nb.
func (nb *NaiveBayes) Merge(src *NaiveBayes) {
	if nb.Stages != src.Stages || !slices.Equal(nb.Multi, src.Multi) {
		panic("forecast: NaiveBayes.Merge of tables with different stages or multi-valued fields")
	}
	nb.Total.add(src.Total)
	if len(src.ByStage) > len(nb.ByStage) {
		nb.ByStage = append(nb.ByStage, make([]WonLost, len(src.ByStage)-len(nb.ByStage))...)
	}
	for i, c := range src.ByStage {
		nb.ByStage[i].add(c)
	}
	for name, vals := range src.ByValue {
		if nb.ByValue == nil {
			nb.ByValue = map[string]map[string]WonLost{}
		}
		m := nb.ByValue[name]
		if m == nil {
			m = map[string]WonLost{}
			nb.ByValue[name] = m
		}
		for v, c := range vals {
			x := m[v]
			x.add(c)
			m[v] = x
		}
	}
}

// Probability returns the probability that the record e is won (see
// NaiveBayes for the formula), and false when it cannot be computed: the
// table has no won or no lost record, or it has stages and e's stage is
// outside them (no stage known).
func (nb *NaiveBayes) Probability(e *Example) (float64, bool) {
	var teamWon, teamLost float64
	if nb.Stages > 0 {
		if e.Stage < 0 || e.Stage >= nb.Stages || e.Stage >= len(nb.ByStage) || len(nb.ByStage) == 0 {
			return 0, false
		}
		first := nb.ByStage[0]
		if first.Won+first.Lost == 0 {
			return 0, false
		}
		teamWon, teamLost = nbSmooth(first.Won), nbSmooth(first.Lost)
	} else {
		if nb.Total.Won+nb.Total.Lost == 0 {
			return 0, false
		}
		teamWon, teamLost = nbSmooth(nb.Total.Won), nbSmooth(nb.Total.Lost)
	}
	// Scores in logarithms: the same quotient as Odoo's products, without
	// underflow on records with many values.
	logWon := math.Log(teamWon / (teamWon + teamLost))
	logLost := math.Log(teamLost / (teamWon + teamLost))
	if nb.Stages > 0 {
		if c := nb.ByStage[e.Stage]; c.Won+c.Lost > 0 {
			logWon += math.Log(nbSmooth(c.Won) / teamWon)
			logLost += math.Log(nbSmooth(c.Lost) / teamLost)
		}
	}
	for i, f := range e.Fields {
		if slices.Contains(e.Fields[:i], f) {
			continue
		}
		vals := nb.ByValue[f.Name]
		c, seen := vals[f.Value]
		multi := slices.Contains(nb.Multi, f.Name)
		if !seen || multi && !nbKept(c) {
			continue
		}
		// Totals from whole counts, so the sum does not depend on the
		// map's order: Σ (c + 0.1) = Σ c + 0.1 n.
		var won, lost, n int64
		for _, x := range vals {
			if !multi || nbKept(x) {
				won, lost, n = won+x.Won, lost+x.Lost, n+1
			}
		}
		wonTotal := float64(won) + NBSmoothing*float64(n)
		lostTotal := float64(lost) + NBSmoothing*float64(n)
		logWon += math.Log(nbSmooth(c.Won) / wonTotal)
		logLost += math.Log(nbSmooth(c.Lost) / lostTotal)
	}
	p := 1 / (1 + math.Exp(logLost-logWon))
	return min(max(p, NBMinProbability), NBMaxProbability), true
}

func (c *WonLost) add(o WonLost) { c.Won += o.Won; c.Lost += o.Lost }

func nbSmooth(n int64) float64 { return float64(n) + NBSmoothing }

// kept reports whether a value of a multi-valued field has been seen on
// enough closed records to be used.
func nbKept(c WonLost) bool { return nbSmooth(c.Won)+nbSmooth(c.Lost) >= NBMinMulti }
