// Package reports turns a findings document (with the evidence beside it) into the outputs
// people read: one file per format behind the small Format interface, and an explicit
// registry of the formats. Reports never see collectors.
package reports

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
)

// Input is everything a report may draw on.
type Input struct {
	Findings *findings.Document
	// Evidence is the snapshot the findings came from; nil when not at hand.
	Evidence *evidence.Evidence
	// Previous is the previous run's findings, for "what changed"; may be nil.
	Previous *findings.Document
	// Lang is "en" or "nb".
	Lang string
	// ReportURL links to the published HTML report, when known.
	ReportURL string
}

// Format is one output format.
type Format interface {
	// Name is the format's --format name.
	Name() string
	// FileName is the file the format writes in an output folder.
	FileName() string
	// Write renders the report.
	Write(w io.Writer, in *Input) error
}

// MultiFileFormat is a format that writes more than one file into the output folder (the
// record of processing as CSV and XLSX). WriteAll writes its Files; Write and FileName
// still give its main file, for a caller that wants one stream.
type MultiFileFormat interface {
	Format
	// Files renders the report as named files.
	Files(in *Input) ([]File, error)
}

// File is one rendered file of a MultiFileFormat.
type File struct {
	Name string
	Data []byte
}

// registry lists the formats in the order they are written.
var registry = []Format{
	JSON{},
	HTML{},
	SARIF{},
	JUnit{},
	Markdown{},
	ROPA{},
}

// Names lists the valid --format names.
func Names() []string {
	var n []string
	for _, f := range registry {
		n = append(n, f.Name())
	}
	sort.Strings(n)
	return n
}

// Get returns the format with this name, or an error naming the valid ones.
func Get(name string) (Format, error) {
	for _, f := range registry {
		if f.Name() == name {
			return f, nil
		}
	}
	return nil, fmt.Errorf("unknown format %q: choose from %s", name, strings.Join(Names(), ", "))
}

// Parse checks a comma-separated --format list and returns its formats.
func Parse(list string) ([]Format, error) {
	var out []Format
	seen := map[string]bool{}
	for _, n := range strings.Split(list, ",") {
		n = strings.TrimSpace(n)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		f, err := Get(n)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// WriteAll renders each format into dir. Each file is written atomically, and a format that
// fails does not stop the others; the errors are joined.
func WriteAll(dir string, formats []Format, in *Input) error {
	var errs []string
	for _, f := range formats {
		if mf, ok := f.(MultiFileFormat); ok {
			files, err := mf.Files(in)
			if err != nil {
				errs = append(errs, fmt.Sprintf("render %s: %v", f.Name(), err))
				continue
			}
			for _, file := range files {
				if err := evidence.WriteFileAtomic(filepath.Join(dir, file.Name), file.Data); err != nil {
					errs = append(errs, err.Error())
				}
			}
			continue
		}
		var buf bytes.Buffer
		if err := f.Write(&buf, in); err != nil {
			errs = append(errs, fmt.Sprintf("render %s: %v", f.Name(), err))
			continue
		}
		path := filepath.Join(dir, f.FileName())
		if err := evidence.WriteFileAtomic(path, buf.Bytes()); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("write reports: %s", strings.Join(errs, "; "))
	}
	return nil
}
