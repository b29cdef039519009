package audit

import (
	"context"
	"errors"
	"time"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports"
)

// EvaluateOptions configures the evaluation of evidence files.
type EvaluateOptions struct {
	// EvidencePaths are the evidence files; several (one per target of a CI matrix) are
	// merged first.
	EvidencePaths []string
	// KeyPath is an ed25519 public key (PEM) every file must be signed with; empty: none.
	KeyPath string
	// WaiversPath is a waivers file to apply instead of the waivers recorded in the
	// evidence; empty: the recorded ones.
	WaiversPath string
	// OutDir receives findings.json and the reports.
	OutDir  string
	Formats Formats
	// Now is the evaluation's "now"; zero means the evidence's collection time.
	Now       time.Time
	FailOn    string
	RulesDir  string
	Lang      string
	Previous  *findings.Document
	ReportURL string
	// Version is recorded in findings.json.
	Version string
}

// EvaluateResult is what an evaluation produced.
type EvaluateResult struct {
	Evidence *evidence.Evidence
	Findings *findings.Document
	// OutputErr is the error writing the reports, if any: the findings stand, but an output
	// is missing.
	OutputErr error
}

// ErrNoEvidence is an evaluation given no evidence file.
var ErrNoEvidence = errors.New("evaluate: no evidence given")

// Evaluate merges the evidence files, applies the waivers recorded in them (or those of
// WaiversPath), judges every target of the recorded inventory (one missing from the files is
// not collected, never a silent pass), evaluates the rules and writes the reports. It
// touches no system.
func Evaluate(ctx context.Context, opts EvaluateOptions) (*EvaluateResult, error) {
	if len(opts.EvidencePaths) == 0 {
		return nil, invalid(ErrNoEvidence)
	}
	merge := MergeOptions{SameWaivers: opts.WaiversPath == ""}
	if opts.KeyPath != "" {
		var err error
		if merge.Key, err = evidence.ReadPublicKey(opts.KeyPath); err != nil {
			return nil, invalid(err)
		}
	}
	ev, err := MergeFiles(opts.EvidencePaths, merge)
	if err != nil {
		return nil, invalid(err)
	}
	// The waivers of the inventory the evidence was collected with, unless WaiversPath
	// names others: a fanned-out collection then judges as Audit does.
	waivers, waiversHash := ev.Waivers, ev.Hashes["waivers"]
	if opts.WaiversPath != "" {
		l, lerr := loader(nil)
		if lerr != nil {
			return nil, lerr
		}
		if waivers, waiversHash, err = l.LoadWaivers(opts.WaiversPath); err != nil {
			return nil, invalid(err)
		}
	}
	doc, err := EvaluateEvidence(ctx, EvidenceOptions{
		Expected: expectedTargets(ev),
		Evidence: ev, Now: opts.Now, FailOn: opts.FailOn, Waivers: waivers, WaiversSHA256: waiversHash,
		RulesDir: opts.RulesDir, VernVersion: opts.Version,
	})
	if err != nil {
		return nil, invalid(err)
	}
	if err := Interrupted(ctx); err != nil {
		return nil, err
	}
	res := &EvaluateResult{Evidence: ev, Findings: doc}
	res.OutputErr = WriteReports(opts.OutDir, opts.Formats, &reports.Input{
		Findings: doc, Evidence: ev, Previous: opts.Previous, Lang: opts.Lang, ReportURL: opts.ReportURL,
	})
	return res, nil
}
