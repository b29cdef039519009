// Package demo runs vern's whole pipeline on the bundled Alarmlink example: the statement,
// a demo CRM database loaded into a local PostgreSQL, the processor agreements on file and
// the demo website served from the binary. A part that cannot run is reported as not checked
// with the reason and the fix, never as passed.
package demo

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/sirupsen/logrus"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/examples/alarmlink"
	"github.com/alarmlink/vern/examples/alarmlink/demosite"
	"github.com/alarmlink/vern/internal/collect"
)

// Environment variables the demo inventory (examples/alarmlink/vern.demo.yaml) reads.
const (
	dsnVar  = "VERN_DEMO_CRM_DSN"
	siteVar = "VERN_DEMO_SITE_URL"
)

// Options configures a demo run.
type Options struct {
	OutDir  string
	Lang    string
	Formats audit.Formats
	// Sources are the collectors that collect the demo targets (vern's own unless set) and
	// their environment.
	Sources audit.Sources
	Version string
	Log     *logrus.Entry
	Out     io.Writer
	// AfterLoad runs on the demo database once it is loaded; tests use it to plant values
	// that must never reach an output.
	AfterLoad func(ctx context.Context, dsn string) error
}

// Run sets up the demo targets, audits them and returns the audit's result.
func Run(ctx context.Context, opts Options) (*audit.AuditResult, error) {
	work, err := os.MkdirTemp("", "vern-demo-")
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	defer func() {
		if err := os.RemoveAll(work); err != nil {
			opts.Log.WithError(err).Warn("demo: the temporary folder could not be removed")
		}
	}()
	if err := extract(work); err != nil {
		return nil, err
	}
	vars := map[string]string{}
	var notes []unavailable

	db, err := prepareDatabase(ctx, opts.Log)
	if err != nil {
		notes = append(notes, unavailable{target: "db:crm", reason: err.Error(),
			fix: "install PostgreSQL (apt-get install -y postgresql) or set " + DatabaseURLEnv + " to a server where vern may create a database"})
		vars[dsnVar] = "postgres://unavailable.invalid/none"
	} else {
		defer db.stop()
		opts.Log.WithField("where", db.where).Info("demo database loaded")
		vars[dsnVar] = db.dsn
		if opts.AfterLoad != nil {
			if err := opts.AfterLoad(ctx, db.dsn); err != nil {
				return nil, fmt.Errorf("demo: after load: %w", err)
			}
		}
	}

	siteURL, stopSite, err := demosite.Serve(ctx, "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo: serve the demo site: %w", err)
	}
	defer stopSite()
	vars[siteVar] = siteURL
	opts.Log.WithField("url", siteURL).Info("demo site served")

	own := opts.Sources.All()
	wrapped := make([]collect.Collector, 0, len(own))
	for _, c := range own {
		wrapped = append(wrapped, withUnavailable(c, notes))
	}
	return audit.Audit(ctx, audit.AuditOptions{
		ConfigPath: filepath.Join(work, "vern.demo.yaml"),
		LookupEnv: func(name string) (string, bool) {
			v, ok := vars[name]
			return v, ok
		},
		OutDir: opts.OutDir, Formats: opts.Formats, FailOn: string(audit.DefaultFailOn), Lang: opts.Lang,
		Sources: audit.Sources{Collectors: wrapped, Env: opts.Sources.Env}, Version: opts.Version, Log: opts.Log,
	})
}

// extract writes the embedded example into dir, so the demo runs from the binary alone.
func extract(dir string) error {
	return alarmlink.Extract(dir)
}
