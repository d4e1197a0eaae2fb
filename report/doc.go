// Package report builds the reports a sales manager reads — lost reasons,
// lead sources, pipeline by stage, trends period over period, deal risk —
// as rows, from the metrics and segments of the metrics and segment
// packages. Each report's rows print as an aligned text table
// ([Table.WriteText]).
//
// Reports take the records already chosen by the caller: the cohort (lost
// in this quarter, open as of today) is a filter on the input, named in
// each report's doc. Records a report leaves out on purpose (a deal in a
// stage the pipeline does not know, an amount in another currency than
// the one compared) are counted in the report, never dropped silently.
package report
