package audit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/exitcode"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/reports"
)

// Options configures a whole audit: collect, evaluate, report.
type Options struct {
	ConfigPath string
	// LookupEnv resolves ${NAME} in the inventory; nil means the process environment.
	LookupEnv func(name string) (string, bool)
	OutDir    string
	// Formats are the report formats to write (json is always written).
	Formats []reports.Format
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

	// BeforeWrite, when set, runs on the collected evidence before it is written: it links
	// it to the previous evidence and signs it (audit --previous-evidence, --sign-key).
	BeforeWrite func(*evidence.Evidence) error

	Collectors []collect.Collector
	Env        collect.Env
	Targets    []string
	Version    string
	Log        *logrus.Entry
}

// Result is what an audit produced.
type Result struct {
	Evidence *evidence.Evidence
	Findings *findings.Document
	// ExitCode is the run's exit code: the gate's, or 4 when an output could not be written.
	ExitCode int
	// OutputErr is the error writing outputs, if any.
	OutputErr error
}

// Run loads the configuration, collects every target, writes the evidence, evaluates the
// rules and writes the reports. Invalid input is returned as an error with exit code 2; a
// failed target is recorded and makes the gate exit 3.
func Run(ctx context.Context, opts Options) (*Result, error) {
	cfg, err := config.Loader{LookupEnv: opts.LookupEnv}.Load(opts.ConfigPath)
	if err != nil {
		return nil, exitcode.Wrap(exitcode.Usage, err)
	}
	if err := os.MkdirAll(opts.OutDir, 0o755); err != nil {
		return nil, exitcode.Wrap(exitcode.Delivery, fmt.Errorf("create output folder: %w", err))
	}
	env := opts.Env
	env.Log = opts.Log
	ev, err := collect.Run(ctx, cfg, opts.Collectors, env, collect.Options{Targets: opts.Targets, VernVersion: opts.Version})
	if err != nil {
		return nil, exitcode.Wrap(exitcode.Usage, err)
	}
	if err := Interrupted(ctx); err != nil {
		return nil, err
	}
	if opts.BeforeWrite != nil {
		if err := opts.BeforeWrite(ev); err != nil {
			return nil, err
		}
	}
	res := &Result{Evidence: ev}
	evPath := filepath.Join(opts.OutDir, "evidence.json")
	if err := evidence.Write(evPath, ev); err != nil {
		res.OutputErr = err
	}
	doc, err := Evaluate(ctx, EvaluateOptions{
		Evidence: ev, Now: opts.Now, FailOn: opts.FailOn,
		Waivers: cfg.Waivers, WaiversSHA256: cfg.Hashes["waivers"],
		RulesDir: opts.RulesDir, VernVersion: opts.Version,
	})
	if err != nil {
		return res, exitcode.Wrap(exitcode.Usage, err)
	}
	if err := Interrupted(ctx); err != nil {
		return res, err
	}
	res.Findings = doc
	res.ExitCode = doc.Gate.ExitCode
	if werr := WriteReports(opts.OutDir, opts.Formats, &reports.Input{
		Findings: doc, Evidence: ev, Previous: opts.Previous, Lang: opts.Lang, ReportURL: opts.ReportURL,
	}); werr != nil && res.OutputErr == nil {
		res.OutputErr = werr
	}
	if res.OutputErr != nil {
		res.ExitCode = exitcode.Max(res.ExitCode, exitcode.Delivery)
	}
	return res, nil
}

// WriteReports writes findings.json and the chosen formats into dir.
func WriteReports(dir string, formats []reports.Format, in *reports.Input) error {
	list := []reports.Format{reports.JSON{}}
	for _, f := range formats {
		if f.Name() != (reports.JSON{}).Name() {
			list = append(list, f)
		}
	}
	return reports.WriteAll(dir, list, in)
}

// ErrInterrupted is the error of a run stopped by SIGINT or SIGTERM.
var ErrInterrupted = errors.New("interrupted: stopped before writing any further output; every file already written is whole")

// Interrupted returns ErrInterrupted with exit code 130 once ctx is cancelled (the command
// layer cancels it on SIGINT and SIGTERM), so that nothing is written from a run cut short.
func Interrupted(ctx context.Context) error {
	if ctx.Err() == nil {
		return nil
	}
	return exitcode.Wrap(exitcode.Interrupted, ErrInterrupted)
}
