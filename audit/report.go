package audit

import (
	"fmt"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports"
)

// ReportOptions configures writing reports from findings.
type ReportOptions struct {
	FindingsPath string
	// EvidencePath is the evidence the findings came from; empty: reports without it.
	EvidencePath string
	OutDir       string
	Formats      Formats
	Lang         string
	Previous     *findings.Document
	ReportURL    string
}

// ReportResult is what Report wrote from.
type ReportResult struct {
	Findings *findings.Document
	Evidence *evidence.Evidence
}

// Report reads findings (and the evidence beside them, which must be what they were
// evaluated from) and writes the reports. A report that cannot be written is an error of
// kind KindDelivery.
func Report(opts ReportOptions) (*ReportResult, error) {
	doc, err := findings.Read(opts.FindingsPath)
	if err != nil {
		return nil, invalid(err)
	}
	var ev *evidence.Evidence
	if opts.EvidencePath != "" {
		if ev, err = evidence.Read(opts.EvidencePath); err != nil {
			return nil, invalid(err)
		}
		if doc.Hashes["evidence"] != "" && doc.Hashes["evidence"] != ev.SHA256 {
			return nil, invalid(fmt.Errorf("report: %s was not evaluated from %s (evidence hashes differ); pass the evidence the findings came from", opts.FindingsPath, opts.EvidencePath))
		}
	}
	if err := WriteReports(opts.OutDir, opts.Formats, &reports.Input{
		Findings: doc, Evidence: ev, Previous: opts.Previous, Lang: opts.Lang, ReportURL: opts.ReportURL,
	}); err != nil {
		return nil, undelivered(err)
	}
	return &ReportResult{Findings: doc, Evidence: ev}, nil
}
