package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/alarmlink/vern/collectors/postgres"
)

// benchStatementTimeout is the statement_timeout of the bench's inventory; psql's session
// gets the same.
const benchStatementTimeout = "10min"

// retentionSQL and consentSQL are the aggregates vern runs, with now() written in for the
// collection's clock. Their plans match vern's (same index, same heap pages; checked with
// EXPLAIN (ANALYZE, BUFFERS)), and warm they run in the same time as vern's text.
const retentionSQL = `SELECT count(*), coalesce(floor(extract(epoch FROM now() - min("created_at")::timestamptz) / 86400), 0)::int
FROM "public"."inquiries" WHERE "created_at" < now() - make_interval(days => 365)
AND true AND NOT coalesce((customer_id IS NOT NULL), false) AND NOT coalesce((full_name IS NULL AND email IS NULL), false)`

const consentSQL = `SELECT count(*) FILTER (WHERE "consent_given_at" IS NULL),
 count(*) FILTER (WHERE "consent_withdrawn_at" < now() - make_interval(days => 30))
FROM "public"."newsletter_subscribers"
WHERE ("consent_given_at" IS NULL OR "consent_withdrawn_at" < now() - make_interval(days => 30))
AND true AND NOT coalesce((email IS NULL), false)`

// sampleSQL makes psql sample every stored table of public the way vern does before it
// measures datasets: the first 100 rows, or 100 rows of a fixed page sample when the
// table is large, each column cut to 4096 characters as text. \gexec runs the generated
// queries; their rows go to /dev/null.
const sampleSQL = `SELECT format('SELECT %s FROM %I.%I%s LIMIT 100',
  string_agg(format('left(%I::text, 4096)', a.attname), ', ' ORDER BY a.attnum), n.nspname, c.relname,
  CASE WHEN c.reltuples > 2000
    THEN format(' TABLESAMPLE SYSTEM (%s) REPEATABLE (7)', round((100 * 100 * 4 / c.reltuples)::numeric, 6)) END)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'm') AND a.attnum > 0 AND NOT a.attisdropped
GROUP BY n.nspname, c.relname, c.reltuples ORDER BY n.nspname, c.relname
`

// sessionScript is one psql session run as vern runs a collection: one read-only
// repeatable-read transaction, sampling first, then retention and consent once each, in
// vern's order.
var sessionScript = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\n\\o /dev/null\n" + sampleSQL + "\\gexec\n\\o\n" +
	"\\timing on\n" + retentionSQL + ";\n" + consentSQL + ";\nROLLBACK;\n"

// sessionOptions are the settings vern's connection sets (collectors/postgres/connect.go).
var sessionOptions = "PGOPTIONS=-c default_transaction_read_only=on -c statement_timeout=" + benchStatementTimeout +
	" -c lock_timeout=" + postgres.DefaultLockTimeout + " -c idle_in_transaction_session_timeout=10min -c search_path=pg_catalog"

var timeRE = regexp.MustCompile(`Time: ([0-9.]+) ms`)

// psqlLikeVern runs one fresh psql session the way vern runs a collection and returns the
// retention and consent times.
func psqlLikeVern(dsn string) (time.Duration, time.Duration, error) {
	cmd := exec.Command("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-f", "-")
	cmd.Env = append(os.Environ(), sessionOptions)
	cmd.Stdin = strings.NewReader(sessionScript)
	ds, err := psqlTimings(cmd, 3)
	if err != nil {
		return 0, 0, err
	}
	return ds[0], ds[1], nil
}

// psqlWarm runs q runs times in one psql session. After the first run the server process
// has mapped the shared buffers the query reads, which a fresh session, such as each of
// vern's collections, has not: this is the warm view, reported beside the like-for-like one.
func psqlWarm(dsn, q string) ([]time.Duration, error) {
	args := []string{"-X", "-q", "-d", dsn, "-c", `\timing on`}
	for i := 0; i < runs; i++ {
		args = append(args, "-c", q)
	}
	return psqlTimings(exec.Command("psql", args...), runs)
}

func psqlTimings(cmd *exec.Cmd, want int) ([]time.Duration, error) {
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("psql: %w: %s", err, out)
	}
	var ds []time.Duration
	for _, m := range timeRE.FindAllStringSubmatch(string(out), -1) {
		f, _ := strconv.ParseFloat(m[1], 64)
		ds = append(ds, time.Duration(f*float64(time.Millisecond)))
	}
	if len(ds) != want {
		return nil, fmt.Errorf("psql printed %d timings, want %d: %s", len(ds), want, out)
	}
	return ds, nil
}
