// Package collect defines what a collector is and runs collectors over the targets of an
// inventory. Collectors know nothing of findings: they return plain evidence documents.
package collect

import (
	"context"
	"io"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/alarmlink/vern/internal/config"
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

// Env carries run-wide settings and dependencies into collectors. A collector is always
// handed an Env with Log and Now set: Run fills them (WithDefaults), and a caller that calls
// Collect itself passes env.WithDefaults(), so no collector checks for nil or picks a
// fallback of its own.
type Env struct {
	// Log receives the collection's log; never nil in a collector (a discarding logger when
	// the caller gives none).
	Log *logrus.Entry
	// Now is the collection's one clock: the evidence's start and collection times and what
	// a collector measures against (retention, consent), so a test fixes them all at once.
	// Never nil in a collector (time.Now when the caller gives none).
	Now func() time.Time
	// Progress is shown on a terminal for long work; nil when stdout is not a terminal.
	Progress Progress
	// Hooks lets tests inject faults at named points of a collection, named as HookPoint
	// says (postgres.HookAfterCatalog); nil in production. Collectors call it through Hook.
	Hooks func(point string) error
}

// WithDefaults returns e with a discarding logger when Log is nil and time.Now when Now is
// nil, the Env every collector may rely on.
func (e Env) WithDefaults() Env {
	if e.Log == nil {
		e.Log = DiscardLog()
	}
	if e.Now == nil {
		e.Now = time.Now
	}
	return e
}

// DiscardLog is a logger that writes nothing, for a collection whose caller wants no log.
func DiscardLog() *logrus.Entry {
	l := logrus.New()
	l.SetOutput(io.Discard)
	return logrus.NewEntry(l)
}

// Hook calls the test hook at point and returns its error; without hooks it does nothing.
func (e Env) Hook(point string) error {
	if e.Hooks == nil {
		return nil
	}
	return e.Hooks(point)
}

// HookPoint names a point of a collection a test hook can fire at: the collector's kind, a
// slash and the point ("postgres/after_catalog", "site/before_phase_reject"). The slash
// keeps a hook point apart from a rule id, which joins its area and name with a dot.
func HookPoint(kind, point string) string { return kind + "/" + point }

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
