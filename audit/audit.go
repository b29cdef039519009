package audit

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports"
)

// AuditOptions configures a whole audit: collect, evaluate, report.
type AuditOptions struct {
	ConfigPath string
	// LookupEnv resolves ${NAME} in the inventory; nil means the process environment.
	LookupEnv func(name string) (string, bool)
	OutDir    string
	// Formats are the report formats to write (json is always written).
	Formats Formats
	FailOn  string
	Lang    string
	// RulesDir adds user rules.
	RulesDir string
	// Now overrides the evaluation's "now"; zero means the collection time.
	Now time.Time
	// Previous is the previous run's findings, for "what changed".
	Previous *findings.Document
	// ReportURL links to where the HTML report is published.
	ReportURL string
	// Chain links the collected evidence to the previous night's and signs it.
	Chain ChainOptions

	Sources Sources
	Targets []string
	Version string
	Log     *logrus.Entry
}

// AuditResult is what an audit produced.
type AuditResult struct {
	Evidence *evidence.Evidence
	Findings *findings.Document
	// OutputErr is the error writing outputs, if any: the findings stand, but an output is
	// missing.
	OutputErr error
}

// Audit loads the configuration, collects every target, writes the evidence, evaluates the
// rules and writes the reports. Invalid input is an error of kind KindInvalid; a failed
// target is recorded and makes the gate incomplete; an output that could not be written is
// the result's OutputErr.
func Audit(ctx context.Context, opts AuditOptions) (*AuditResult, error) {
	ch, err := opts.Chain.load()
	if err != nil {
		return nil, err
	}
	l, err := loader(opts.LookupEnv)
	if err != nil {
		return nil, err
	}
	cfg, err := l.Load(opts.ConfigPath)
	if err != nil {
		return nil, invalid(err)
	}
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return nil, undelivered(fmt.Errorf("create output folder: %w", err))
	}
	src := opts.Sources
	src.Env.Log = opts.Log
	ev, err := gather(ctx, cfg, opts.Targets, src, opts.Version, ch)
	if err != nil {
		return nil, err
	}
	res := &AuditResult{Evidence: ev}
	evPath := filepath.Join(opts.OutDir, "evidence.json")
	if err := evidence.Write(evPath, ev); err != nil {
		res.OutputErr = err
	}
	doc, err := EvaluateEvidence(ctx, EvidenceOptions{
		Evidence: ev, Now: opts.Now, FailOn: opts.FailOn,
		Waivers: cfg.Waivers, WaiversSHA256: cfg.Hashes["waivers"],
		RulesDir: opts.RulesDir, VernVersion: opts.Version,
	})
	if err != nil {
		return res, invalid(err)
	}
	if err := Interrupted(ctx); err != nil {
		return res, err
	}
	res.Findings = doc
	if werr := WriteReports(opts.OutDir, opts.Formats, &reports.Input{
		Findings: doc, Evidence: ev, Previous: opts.Previous, Lang: opts.Lang, ReportURL: opts.ReportURL,
	}); werr != nil && res.OutputErr == nil {
		res.OutputErr = werr
	}
	return res, nil
}
