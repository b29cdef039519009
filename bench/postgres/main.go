// Command postgres benchmarks vern's PostgreSQL collector on a generated database: an
// inquiries table of 1 M and then 5 M rows, a subscribers table of a fifth of that, and 500
// further tables of 12 columns. It compares vern's retention and consent queries with psql
// running the same aggregates on the same server, times the whole collection and measures
// its peak memory with /usr/bin/time -v. Run it through run.sh.
//
// The comparison is like for like. Each of vern's collections opens a fresh session, and a
// fresh server process pays for mapping every shared buffer it reads for the first time
// (page faults: about 2,400 and 10 ms for the retention query at 1 M rows, whatever the
// client). So psql is measured the same way: a fresh session per run with the settings
// vern's connection sets, one BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY transaction,
// every table sampled first, then each query once, timed by \timing as vern's trace times
// its own round trip. The two sides alternate, and medians of several runs are reported.
// psql repeating a query warm in one session is reported beside it for reference: that
// view is faster than any fresh session, vern's or psql's, can be.
package main

import (
	"context"
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
	tables := flag.Int("tables", 500, "further tables of 12 columns")
	flag.Parse()
	if err := run(*sizes, *tables); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(sizes string, tables int) error {
	ctx := context.Background()
	c, err := pgcluster.Start(ctx, pgcluster.Options{Settings: map[string]string{"shared_buffers": "256MB", "max_wal_size": "4GB"}})
	if err != nil {
		return err
	}
	defer c.Stop()
	admin, err := pgx.Connect(ctx, c.DSN("postgres"))
	if err != nil {
		return err
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE bench"); err != nil {
		return err
	}
	admin.Close(ctx)
	dsn := c.DSN("bench")
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	start := time.Now()
	if err := exec1(ctx, conn, schemaSQL(tables)); err != nil {
		return err
	}
	fmt.Printf("500-table schema built in %s\n", time.Since(start).Round(time.Millisecond))
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
		if err := measure(dsn); err != nil {
			return err
		}
	}
	return nil
}

func measure(dsn string) error {
	var ret, con, whole, pret, pcon []time.Duration
	vern := func() error {
		s := time.Now()
		traces, err := collectOnce(dsn, map[string]bool{"retention public.inquiries": true, "consent public.newsletter_subscribers": true})
		if err != nil {
			return err
		}
		whole = append(whole, time.Since(s))
		ret = append(ret, traces["retention public.inquiries"])
		con = append(con, traces["consent public.newsletter_subscribers"])
		return nil
	}
	psql := func() error {
		r, c, err := psqlLikeVern(dsn)
		pret, pcon = append(pret, r), append(pcon, c)
		return err
	}
	for i := 0; i < runs; i++ {
		// Alternate who goes first, so neither side always follows the other.
		first, second := vern, psql
		if i%2 == 1 {
			first, second = psql, vern
		}
		if err := first(); err != nil {
			return err
		}
		if err := second(); err != nil {
			return err
		}
	}
	wret, err := psqlWarm(dsn, retentionSQL)
	if err != nil {
		return err
	}
	wcon, err := psqlWarm(dsn, consentSQL)
	if err != nil {
		return err
	}
	fmt.Printf("like for like (each side: a fresh session, one read-only transaction, 502 tables sampled, the query run once; median of %d):\n", runs)
	line("retention query", ret, pret)
	line("consent query", con, pcon)
	fmt.Printf("warm psql for reference (the query repeated %d times in one session, median; vern's collection never runs warm):\n", runs)
	line("retention query", ret, wret)
	line("consent query", con, wcon)
	fmt.Printf("whole collection (catalog, sampling 502 tables, exact counts, datasets): %.0f ms (median of %d)\n", ms(median(whole)), runs)
	rss, err := peakRSS(dsn)
	if err != nil {
		return err
	}
	fmt.Printf("peak RSS of a whole collection: %.1f MB\n", float64(rss)/1024)
	return nil
}

// line prints one comparison: medians, the ratio of the medians, and each side's range,
// so a noisy run shows as one.
func line(name string, vern, psql []time.Duration) {
	fmt.Printf("  %-16s vern %7.1f ms  psql %7.1f ms  ratio %.2f   (vern %s, psql %s)\n", name+":",
		ms(median(vern)), ms(median(psql)), ms(median(vern))/ms(median(psql)), spread(vern), spread(psql))
}

func spread(ds []time.Duration) string {
	s := sorted(ds)
	return fmt.Sprintf("%.1f–%.1f", ms(s[0]), ms(s[len(s)-1]))
}

func collectOnce(dsn string, want map[string]bool) (map[string]time.Duration, error) {
	traces := map[string]time.Duration{}
	col := postgres.NewWithOptions(postgres.Options{Trace: func(q string, d time.Duration) {
		if want[q] {
			traces[q] = d
		}
	}})
	cfg := &config.Config{
		Declaration: config.Declaration{Retention: map[string]config.Retention{
			"inquiries": {Max: "12 months"}, "marketing": {Until: "consent_withdrawn"}}},
		Inventory: config.Inventory{Databases: map[string]config.Database{"bench": {DSN: dsn, StatementTimeout: benchStatementTimeout,
			Datasets: map[string]config.Dataset{
				"public.inquiries": {Retention: "inquiries", Timestamp: "created_at", ExemptWhen: "customer_id IS NOT NULL",
					ErasedWhen: "full_name IS NULL AND email IS NULL"},
				"public.newsletter_subscribers": {Retention: "marketing", ErasedWhen: "email IS NULL",
					Consent: &config.Consent{Given: "consent_given_at", Withdrawn: "consent_withdrawn_at", Grace: "30 days"}},
			}}}},
	}
	ev, err := collect.Run(context.Background(), cfg, []collect.Collector{col}, collect.Env{}, collect.Options{})
	if err != nil {
		return nil, err
	}
	if t := ev.Targets["db:bench"]; t.Status != evidence.StatusOK {
		return nil, fmt.Errorf("collection failed: %s", t.Reason)
	}
	return traces, nil
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

func schemaSQL(tables int) string {
	var b strings.Builder
	b.WriteString(`CREATE TABLE inquiries (id bigint PRIMARY KEY, customer_id int, full_name text, email text, phone text,
  message text, created_at timestamptz NOT NULL);
CREATE TABLE newsletter_subscribers (id bigint PRIMARY KEY, email text, consent_given_at timestamptz,
  consent_withdrawn_at timestamptz);
`)
	b.WriteString(fmt.Sprintf(`DO $$
BEGIN
  FOR i IN 1..%d LOOP
    EXECUTE format('CREATE TABLE t%%s (id int PRIMARY KEY, c1 text, c2 text, c3 text, c4 int, c5 text, c6 timestamptz,
      c7 text, c8 numeric, c9 text, c10 text, c11 bool)', i);
    EXECUTE format('INSERT INTO t%%s SELECT g, ''ref-'' || g, ''x'' || g || ''@example.invalid'', md5(g::text), g,
      ''tekst '' || g, now(), ''+4791'' || lpad(g::text, 6, ''0''), g * 1.5, ''a'', ''b'', g %%%% 2 = 0
      FROM generate_series(1, 200) g', i);
  END LOOP;
END $$;
`, tables))
	return b.String()
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
