// Package collect defines what a collector is and runs collectors over the targets of an
// inventory. Collectors know nothing of findings: they return plain evidence documents.
package collect

import (
	"context"

	"github.com/alarmlink/vern/internal/config"
	"github.com/sirupsen/logrus"
)

// Collector snapshots one kind of system. A new collector is one package implementing this
// interface plus one line in the collectors package's registry.
type Collector interface {
	// Kind names the collector ("postgres", "processors", "site").
	Kind() string
	// Targets lists the target names this collector serves in cfg (db:crm, site:host,
	// processors). The names are unique across collectors.
	Targets(cfg *config.Config) []string
	// Collect snapshots one target. It returns the collector's document (marshalled into
	// evidence as the target's data) and the outcome. A returned error marks the target
	// failed; Result.Status partial marks a reduced mode.
	Collect(ctx context.Context, cfg *config.Config, target string, env Env) (Result, error)
}

// Result is what a collector hands back for one target.
type Result struct {
	// Data is the collector's document; it must hold no personal data values.
	Data any
	// Partial is set when the target was collected in a reduced mode; Reason says which.
	Partial bool
	Reason  string
}

// Env carries run-wide settings and dependencies into collectors.
type Env struct {
	Log *logrus.Entry
	// Browser is the site collector's mode, a site.Browser ("chromium" by default, or
	// "none"); a string here because the collectors build on this package.
	Browser string
	// Progress is shown on a terminal for long work; nil when stdout is not a terminal.
	Progress Progress
	// Hooks lets tests inject faults at named points of a collection (e.g.
	// "postgres.after_catalog"); nil in production.
	Hooks func(point string) error
}

// Progress receives coarse progress of long collections.
type Progress interface {
	// Step reports that done of total units of target's work are finished.
	Step(target string, done, total int)
}

// Failure is an error with a fix a user can act on; collectors return it so the evidence
// carries both the reason and the fix.
type Failure struct {
	Reason string
	Fix    string
	Err    error
}

func (f *Failure) Error() string {
	if f.Err != nil {
		return f.Reason + ": " + f.Err.Error()
	}
	return f.Reason
}

func (f *Failure) Unwrap() error { return f.Err }
