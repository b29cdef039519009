// Package postgres is vern's PostgreSQL collector. For each database of the inventory it
// reads the catalog from pg_catalog, samples a bounded number of rows per table to detect
// personal data (counts only leave the sampler), and measures each declared dataset's
// retention, erasure and consent with aggregates pushed down into SQL, so no rows travel.
// Everything runs in one read-only transaction with statement and lock timeouts.
package postgres

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/gobwas/glob"
	"github.com/jackc/pgx/v5"
)

// Defaults of a collection.
const (
	DefaultSampleRows       = 100
	DefaultThreshold        = 0.5
	DefaultStatementTimeout = "60s"
	DefaultLockTimeout      = "5s"
)

// Kind names the collector, and prefixes its targets' hook points.
const Kind = "postgres"

// Hook points a collection passes through, in order; collect.Env.Hook is called with each.
// They are named as collect.HookPoint says: "postgres/<point>".
const (
	HookConnected    = Kind + "/connected"
	HookAfterCatalog = Kind + "/after_catalog"
	HookAfterSample  = Kind + "/after_sample"
	HookAfterExact   = Kind + "/after_exact"
	HookAfterDataset = Kind + "/after_datasets"
)

// Options tunes the collector. The zero value uses the defaults.
type Options struct {
	// SampleRows caps the rows sampled per table when the inventory does not set
	// sample_rows.
	SampleRows int
	// Threshold is the confidence at or above which a detection counts as personal data.
	Threshold float64
	// ConnectTimeout bounds connecting; 0 means 10 s.
	ConnectTimeout time.Duration
	// Trace, when set, receives the name (never the text or values) and duration of each
	// query, for benchmarks.
	Trace func(query string, d time.Duration)
	// Measurements, when set, receives the text of each table's measurement query (its
	// one scan), for benchmarks that run the same aggregates elsewhere. The text holds
	// identifiers and the inventory's predicates, never values; $1 is the clock.
	Measurements func(table, sql string)
}

// Collector collects db:<name> targets.
type Collector struct {
	opts Options
}

// New returns the collector with default options.
func New() collect.Collector { return NewWithOptions(Options{}) }

// NewWithOptions returns the collector with opts.
func NewWithOptions(opts Options) *Collector {
	if opts.SampleRows <= 0 {
		opts.SampleRows = DefaultSampleRows
	}
	if opts.Threshold <= 0 {
		opts.Threshold = DefaultThreshold
	}
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = 10 * time.Second
	}
	return &Collector{opts: opts}
}

// Kind is "postgres".
func (c *Collector) Kind() string { return Kind }

// Targets is db:<name> for each database of the inventory, sorted.
func (c *Collector) Targets(cfg *config.Config) []string {
	var out []string
	for name := range cfg.Inventory.Databases {
		out = append(out, evidence.DBTarget(name).String())
	}
	sort.Strings(out)
	return out
}

// Collect snapshots one database. Any error, including a query timeout or a table that
// disappears mid-scan, fails the target with a reason that carries no values or secrets.
func (c *Collector) Collect(ctx context.Context, cfg *config.Config, target string, env collect.Env) (collect.Result, error) {
	t, err := evidence.ParseTarget(target)
	name := t.Name
	dbc, ok := cfg.Inventory.Databases[name]
	if err != nil || t.Kind != evidence.TargetDB || !ok {
		return collect.Result{}, &collect.Failure{Reason: fmt.Sprintf("collect postgres: unknown target %q", target),
			Fix: "name a database of vern.yaml as db:<name>"}
	}
	r := &run{c: c, name: name, db: dbc, cfg: cfg, env: env, now: env.Now().UTC()}
	for _, p := range dbc.Ignore {
		g, err := glob.Compile(p, '.')
		if err != nil {
			return collect.Result{}, &collect.Failure{Reason: fmt.Sprintf("collect postgres %s: ignore pattern %q does not parse", name, p),
				Fix: "write ignore entries as schema.table, with * and ? as wildcards"}
		}
		r.ignore = append(r.ignore, g)
	}
	doc, err := r.collect(ctx)
	if err != nil {
		return collect.Result{}, err
	}
	if len(doc.Unreadable) > 0 {
		var fixes []string
		for _, u := range doc.Unreadable {
			fixes = append(fixes, u.Fix)
		}
		return collect.Result{Data: doc, Partial: true, Reason: fmt.Sprintf("%d table(s) could not be read by role %s: %s",
			len(doc.Unreadable), doc.User, strings.Join(fixes, " "))}, nil
	}
	return collect.Result{Data: doc}, nil
}

// run is one collection of one database.
type run struct {
	c    *Collector
	name string
	db   config.Database
	cfg  *config.Config
	env  collect.Env
	now  time.Time
	tx   pgx.Tx
	doc  *evidence.Database
	// catalog facts the later steps need, by "schema.table".
	oids    map[string]uint32
	sampler map[string]*tableSample
	// ignore are the inventory's ignore: patterns (globs over "schema.table", as the
	// rules match them); the tables they match are never read.
	ignore []*glob.Pattern
}

func (r *run) collect(ctx context.Context) (*evidence.Database, error) {
	if err := r.checkInventory(); err != nil {
		return nil, err
	}
	conn, err := r.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = conn.Close(cctx)
	}()
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, r.fail("begin read-only transaction", err)
	}
	r.tx = tx
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = tx.Rollback(cctx)
	}()
	sample := r.db.SampleRows
	if sample <= 0 {
		sample = r.c.opts.SampleRows
	}
	r.doc = &evidence.Database{Name: r.name, SampleRows: sample, Threshold: r.c.opts.Threshold,
		Tables: map[string]*evidence.Table{}, Personal: map[string]map[string][]string{},
		Datasets: map[string]*evidence.DatasetMeasure{}, Schemas: []string{}}

	steps := []struct {
		hook string
		fn   func(context.Context) error
	}{
		{HookConnected, r.readServer},
		{HookAfterCatalog, r.readCatalog},
		{HookAfterSample, r.sampleTables},
		{HookAfterExact, r.measureTables},
		{HookAfterDataset, func(context.Context) error { return nil }},
	}
	for _, s := range steps {
		if err := s.fn(ctx); err != nil {
			return nil, err
		}
		if err := r.hook(s.hook); err != nil {
			return nil, err
		}
	}
	r.log().WithField("tables", len(r.doc.Tables)).WithField("personal_tables", len(r.doc.Personal)).
		Info("postgres collected")
	return r.doc, nil
}

func (r *run) hook(point string) error {
	if err := r.env.Hook(point); err != nil {
		return &collect.Failure{Reason: fmt.Sprintf("collect postgres %s: at %s: %s", r.name, point, redact(err.Error()))}
	}
	return nil
}

// timed runs fn and reports its duration to the trace.
func (r *run) timed(query string, fn func() error) error {
	start := time.Now()
	err := fn()
	if r.c.opts.Trace != nil {
		r.c.opts.Trace(query, time.Since(start))
	}
	return err
}

// ignored reports whether the inventory's ignore: matches the table.
func (r *run) ignored(key string) bool {
	for _, g := range r.ignore {
		if g.Match(key) {
			return true
		}
	}
	return false
}
