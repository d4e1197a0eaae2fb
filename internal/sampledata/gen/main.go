// Command gen writes the sample data file of package sampledata,
// data.tsv.gz, from the deterministic generator in package synth. It is
// run by go generate in the sampledata directory:
//
//	go generate ./internal/sampledata
//
// Running it twice writes the same bytes.
package main

import (
	"compress/gzip"
	"flag"
	"fmt"
	"os"

	"github.com/salesperf/salesperf/internal/sampledata/internal/synth"
)

func main() {
	out := flag.String("o", "data.tsv.gz", "the file to write")
	flag.Parse()
	if err := write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func write(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		f.Close()
		return err
	}
	// The gzip header keeps no name and no time, so the bytes depend on
	// the data alone.
	if err := synth.Encode(zw, synth.Generate()); err != nil {
		f.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
