// Command postgres benchmarks vern's PostgreSQL collector on generated databases: bench,
// with an inquiries table of 1 M and then 5 M rows, a subscribers table of a fifth of that
// and a user_accounts table with a password column; and wide, with 500 tables of 12
// columns. Run it through run.sh.
//
// The headline is a whole `vern collect` of bench, process start included, against psql
// running the same aggregates: a fresh psql process, one read-only repeatable-read
// transaction with the settings vern's connection sets, and each of vern's measurement
// queries (captured from vern itself, so the text is identical) run once. vern's extra
// work is what the ratio shows: starting, reading the catalog, sampling, writing the
// evidence. The two sides alternate, and medians of several runs are reported.
//
// The 500-table figure is a whole `vern collect` of wide, for the binary under test and,
// when run.sh is given one, for a binary built from an earlier revision.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/alarmlink/vern/collectors/postgres"
	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/pgcluster"
	"github.com/jackc/pgx/v5"
)

// runs is how many times each side is measured; medians are reported.
const runs = 11

func main() {
	if len(os.Args) > 2 && os.Args[1] == "collect" {
		// Child mode: one whole collection, measured from outside by /usr/bin/time -v.
		if _, err := collectOnce(os.Args[2], nil); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	sizes := flag.String("rows", "1000000,5000000", "inquiry row counts, ascending")
	tables := flag.Int("tables", 500, "tables of 12 columns in the wide database")
	vern := flag.String("vern", "", "the vern binary under test")
	before := flag.String("before", "", "a vern binary of an earlier revision, for the before figures (optional)")
	flag.Parse()
	if *vern == "" {
		fmt.Fprintln(os.Stderr, "bench: -vern is required (run.sh builds it)")
		os.Exit(2)
	}
	if err := run(*sizes, *tables, *vern, *before); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(sizes string, tables int, vern, before string) error {
	ctx := context.Background()
	c, err := pgcluster.Start(ctx, pgcluster.Options{Settings: map[string]string{"shared_buffers": "256MB", "max_wal_size": "4GB"}})
	if err != nil {
		return err
	}
	defer func() {
		if err := c.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}()
	admin, err := pgx.Connect(ctx, c.DSN("postgres"))
	if err != nil {
		return err
	}
	for _, db := range []string{"bench", "wide"} {
		if _, err := admin.Exec(ctx, "CREATE DATABASE "+db); err != nil {
			return err
		}
	}
	if err := admin.Close(ctx); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "vern-pgbench-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(dir) }() // a temporary directory: a leftover is harmless
	cfgPath, err := writeInventory(dir)
	if err != nil {
		return err
	}
	env := append(os.Environ(), "BENCH_DSN="+c.DSN("bench"), "WIDE_DSN="+c.DSN("wide"))

	wide, err := pgx.Connect(ctx, c.DSN("wide"))
	if err != nil {
		return err
	}
	start := time.Now()
	err = exec1(ctx, wide, wideSQL(tables)+"ANALYZE;")
	err = errors.Join(err, wide.Close(ctx))
	if err != nil {
		return err
	}
	fmt.Printf("wide database: %d tables of 12 columns built in %s\n", tables, time.Since(start).Round(time.Millisecond))
	fmt.Printf("whole vern collect of the %d-table database (median of %d):\n", tables, runs)
	for _, b := range []struct{ name, bin string }{{"after", vern}, {"before", before}} {
		if b.bin == "" {
			continue
		}
		ds, err := timeRuns(func() error { return vernCollect(b.bin, cfgPath, evidence.DBTarget("wide").String(), dir, env) })
		if err != nil {
			return fmt.Errorf("%s: %w", b.name, err)
		}
		fmt.Printf("  %-6s %7.0f ms  (%s)\n", b.name, ms(median(ds)), spread(ds))
	}

	dsn := c.DSN("bench")
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close(ctx) }()
	if err := exec1(ctx, conn, benchSchemaSQL); err != nil {
		return err
	}
	have := 0
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(s)
		if err != nil {
			return err
		}
		start := time.Now()
		if err := exec1(ctx, conn, fmt.Sprintf(fillSQL, have+1, n, have/5+1, n/5)); err != nil {
			return err
		}
		have = n
		fmt.Printf("\n== %d inquiry rows, %d subscriber rows (generated in %s)\n", n, n/5, time.Since(start).Round(time.Millisecond))
		if err := measure(dsn, vern, before, cfgPath, dir, env); err != nil {
			return err
		}
	}
	return nil
}

// measure compares whole processes: vern collect of db:bench against psql running vern's
// own measurement queries in one fresh session.
func measure(dsn, vern, before, cfgPath, dir string, env []string) error {
	queries, err := measurementQueries(dsn)
	if err != nil {
		return err
	}
	script := psqlScript(queries)
	for _, b := range []struct{ name, bin string }{{"after", vern}, {"before", before}} {
		if b.bin == "" {
			continue
		}
		var vs, ps []time.Duration
		for i := 0; i < runs; i++ {
			v := func() error {
				s := time.Now()
				err := vernCollect(b.bin, cfgPath, evidence.DBTarget("bench").String(), dir, env)
				vs = append(vs, time.Since(s))
				return err
			}
			p := func() error {
				s := time.Now()
				err := psqlRun(dsn, script)
				ps = append(ps, time.Since(s))
				return err
			}
			first, second := v, p
			if i%2 == 1 {
				first, second = p, v
			}
			if err := first(); err != nil {
				return err
			}
			if err := second(); err != nil {
				return err
			}
		}
		fmt.Printf("  %-6s whole vern collect %7.1f ms  psql, same %d aggregates %7.1f ms  ratio %.2f   (vern %s, psql %s)\n",
			b.name, ms(median(vs)), len(queries), ms(median(ps)), ms(median(vs))/ms(median(ps)), spread(vs), spread(ps))
	}
	rss, err := peakRSS(dsn)
	if err != nil {
		return err
	}
	fmt.Printf("  peak RSS of a whole collection: %.1f MB\n", float64(rss)/1024)
	return nil
}

func timeRuns(fn func() error) ([]time.Duration, error) {
	var ds []time.Duration
	for i := 0; i < runs; i++ {
		s := time.Now()
		if err := fn(); err != nil {
			return nil, err
		}
		ds = append(ds, time.Since(s))
	}
	return ds, nil
}

func spread(ds []time.Duration) string {
	s := sorted(ds)
	return fmt.Sprintf("%.1f–%.1f", ms(s[0]), ms(s[len(s)-1]))
}

// inventory is what both collections read: the demo's declaration and the two bench
// databases, their DSNs from the environment.
func inventory() *config.Config {
	return &config.Config{
		Declaration: config.Declaration{Retention: map[string]config.Retention{
			"inquiries": {Max: "12 months"}, "marketing": {Until: "consent_withdrawn"}}},
		Inventory: config.Inventory{Databases: map[string]config.Database{"bench": {StatementTimeout: benchStatementTimeout,
			Datasets: benchDatasets()}}},
	}
}

func benchDatasets() map[string]config.Dataset {
	return map[string]config.Dataset{
		"public.inquiries": {Retention: "inquiries", Timestamp: "created_at", ExemptWhen: "customer_id IS NOT NULL",
			ErasedWhen: "full_name IS NULL AND email IS NULL"},
		"public.newsletter_subscribers": {Retention: "marketing", ErasedWhen: "email IS NULL",
			Consent: &config.Consent{Given: "consent_given_at", Withdrawn: "consent_withdrawn_at", Grace: "30 days"}},
	}
}

func collectOnce(dsn string, measurements func(table, sql string)) (*evidence.Evidence, error) {
	col := postgres.NewWithOptions(postgres.Options{Measurements: measurements})
	cfg := inventory()
	db := cfg.Inventory.Databases["bench"]
	db.DSN = dsn
	cfg.Inventory.Databases["bench"] = db
	ev, err := collect.Run(context.Background(), cfg, []collect.Collector{col}, collect.Env{}, collect.Options{})
	if err != nil {
		return nil, err
	}
	if t := ev.Targets[evidence.DBTarget("bench").String()]; t.Status != evidence.StatusOK {
		return nil, fmt.Errorf("collection failed: %s", t.Reason)
	}
	return ev, nil
}

// measurementQueries collects once in-process and keeps the text of vern's measurement
// queries, the clock written as now() for psql.
func measurementQueries(dsn string) ([]string, error) {
	var qs []string
	_, err := collectOnce(dsn, func(_, q string) { qs = append(qs, strings.ReplaceAll(q, "$1::timestamptz", "now()")) })
	return qs, err
}

var rssRE = regexp.MustCompile(`Maximum resident set size \(kbytes\): ([0-9]+)`)

func peakRSS(dsn string) (int, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, err
	}
	out, err := exec.Command("/usr/bin/time", "-v", self, "collect", dsn).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("/usr/bin/time: %w: %s", err, out)
	}
	m := rssRE.FindStringSubmatch(string(out))
	if m == nil {
		return 0, fmt.Errorf("no peak RSS in: %s", out)
	}
	return strconv.Atoi(m[1])
}

func median(ds []time.Duration) time.Duration {
	return sorted(ds)[len(ds)/2]
}

func sorted(ds []time.Duration) []time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func exec1(ctx context.Context, conn *pgx.Conn, sql string) error {
	_, err := conn.Exec(ctx, sql)
	return err
}

// benchSchemaSQL is the measured database: inquiries (retention), subscribers (consent)
// and user accounts with a password column (an exact count over every row).
const benchSchemaSQL = `CREATE TABLE inquiries (id bigint PRIMARY KEY, customer_id int, full_name text, email text, phone text,
  message text, created_at timestamptz NOT NULL);
CREATE TABLE newsletter_subscribers (id bigint PRIMARY KEY, email text, consent_given_at timestamptz,
  consent_withdrawn_at timestamptz);
CREATE TABLE user_accounts (id bigint PRIMARY KEY, username text, password text);
INSERT INTO user_accounts SELECT g, 'user' || g, CASE WHEN g % 100 = 0 THEN 'sommer' || g ELSE md5(g::text) END
FROM generate_series(1, 20000) g;
`

func wideSQL(tables int) string {
	return fmt.Sprintf(`DO $$
BEGIN
  FOR i IN 1..%d LOOP
    EXECUTE format('CREATE TABLE t%%s (id int PRIMARY KEY, c1 text, c2 text, c3 text, c4 int, c5 text, c6 timestamptz,
      c7 text, c8 numeric, c9 text, c10 text, c11 bool)', i);
    EXECUTE format('INSERT INTO t%%s SELECT g, ''ref-'' || g, ''x'' || g || ''@example.invalid'', md5(g::text), g,
      ''tekst '' || g, now(), ''+4791'' || lpad(g::text, 6, ''0''), g * 1.5, ''a'', ''b'', g %%%% 2 = 0
      FROM generate_series(1, 200) g', i);
  END LOOP;
END $$;
`, tables)
}

// fillSQL adds inquiry rows from..to and subscriber rows from..to. One row in ten is
// older than a year and one in four of those belongs to no customer; one subscriber in 50
// lacks consent and one in 40 withdrew it long ago.
const fillSQL = `
DROP INDEX IF EXISTS inquiries_created_at;
DROP INDEX IF EXISTS subscribers_withdrawn;
INSERT INTO inquiries SELECT g, CASE WHEN g %% 4 = 0 THEN NULL ELSE g %% 100000 END,
  'Navn ' || g, 'p' || g || '@example.invalid', '9' || lpad((g %% 10000000)::text, 7, '0'), 'Ønsker tilbud',
  now() - ((g %% 1000) * interval '1 day' * CASE WHEN g %% 10 = 0 THEN 1 ELSE 0.3 END)
FROM generate_series(%d, %d) g;
INSERT INTO newsletter_subscribers SELECT g, 's' || g || '@example.invalid',
  CASE WHEN g %% 50 = 0 THEN NULL ELSE now() - interval '400 days' END,
  CASE WHEN g %% 40 = 0 THEN now() - interval '90 days' END
FROM generate_series(%d, %d) g;
CREATE INDEX inquiries_created_at ON inquiries (created_at);
CREATE INDEX subscribers_withdrawn ON newsletter_subscribers (consent_withdrawn_at);
ANALYZE;
`
