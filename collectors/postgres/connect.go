package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"strings"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/sirupsen/logrus"
)

var durationRE = regexp.MustCompile(`^[0-9]+ ?(ms|s|min|h)?$`)

// connect opens the session: application_name vern, read-only by default, statement and
// lock timeouts, and a search_path of pg_catalog so no user function shadows the
// catalog's.
func (r *run) connect(ctx context.Context) (*pgx.Conn, error) {
	if r.db.DSN == "" {
		return nil, &collect.Failure{Reason: fmt.Sprintf("collect postgres %s: no dsn", r.name),
			Fix: fmt.Sprintf("set databases.%s.dsn in vern.yaml (through an ${ENV} variable)", r.name)}
	}
	pc, err := pgx.ParseConfig(r.db.DSN)
	if err != nil {
		// The parser's message may quote the DSN, password included: say only that it failed.
		return nil, &collect.Failure{Reason: fmt.Sprintf("collect postgres %s: the dsn cannot be parsed", r.name),
			Fix: "write the dsn as postgres://user:password@host:port/db or as key=value pairs"}
	}
	st, lt := r.timeouts()
	pc.ConnectTimeout = r.c.opts.ConnectTimeout
	pc.RuntimeParams["application_name"] = "vern"
	pc.RuntimeParams["default_transaction_read_only"] = "on"
	pc.RuntimeParams["statement_timeout"] = st
	pc.RuntimeParams["lock_timeout"] = lt
	pc.RuntimeParams["idle_in_transaction_session_timeout"] = "10min"
	pc.RuntimeParams["search_path"] = "pg_catalog"
	conn, err := pgx.ConnectConfig(ctx, pc)
	if err != nil {
		return nil, r.fail(fmt.Sprintf("connect to %s:%d as %s", pc.Host, pc.Port, pc.User), err)
	}
	return conn, nil
}

func (r *run) timeouts() (string, string) {
	st, lt := r.db.StatementTimeout, r.db.LockTimeout
	if st == "" {
		st = DefaultStatementTimeout
	}
	if lt == "" {
		lt = DefaultLockTimeout
	}
	return st, lt
}

// checkInventory rejects settings and predicates that cannot be run safely, before any
// connection is made.
func (r *run) checkInventory() error {
	for _, v := range []struct{ key, val string }{{"statement_timeout", r.db.StatementTimeout}, {"lock_timeout", r.db.LockTimeout}} {
		if v.val != "" && !durationRE.MatchString(v.val) {
			return &collect.Failure{Reason: fmt.Sprintf("collect postgres %s: %s %q is not a duration", r.name, v.key, v.val),
				Fix: "write it like 30s, 500ms or 2min"}
		}
	}
	for key, ds := range r.db.Datasets {
		for _, p := range []struct{ field, sql string }{{"exempt_when", ds.ExemptWhen}, {"erased_when", ds.ErasedWhen}} {
			if err := checkPredicate(p.sql); err != nil {
				return &collect.Failure{Reason: fmt.Sprintf("collect postgres %s: dataset %s: %s %v", r.name, key, p.field, err),
					Fix: "write a single boolean SQL condition on the table's columns"}
			}
		}
		if strings.Count(key, ".") != 1 {
			return &collect.Failure{Reason: fmt.Sprintf("collect postgres %s: dataset %q is not schema.table", r.name, key),
				Fix: "key datasets by schema and table, e.g. public.customers"}
		}
	}
	return nil
}

// fail turns an error into a failed target's reason and fix. PostgreSQL's own messages
// can quote values (a failed cast names its input), so only messages of classes that
// name objects are kept; the rest are reported by SQLSTATE.
func (r *run) fail(step string, err error) error {
	reason, fix := describe(err, r)
	return &collect.Failure{Reason: fmt.Sprintf("collect postgres %s: %s: %s", r.name, step, reason), Fix: fix}
}

func describe(err error, r *run) (string, string) {
	st, lt := r.timeouts()
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		msg := redact(pe.Message)
		switch {
		case pe.Code == "28P01":
			return "password authentication failed", "check the password the dsn's environment variable holds"
		case pe.Code == "28000":
			return "the server refused the login: " + msg, "allow the role to connect (pg_hba.conf, CONNECT privilege)"
		case pe.Code == "3D000":
			return msg, "check the database name in the dsn"
		case pe.Code == "57014":
			return fmt.Sprintf("query cancelled by statement_timeout (%s)", st),
				"raise statement_timeout for this database in vern.yaml, or index the columns the dataset's predicates use"
		case pe.Code == "55P03":
			return fmt.Sprintf("a lock was not granted within lock_timeout (%s)", lt),
				"collect when no migration holds the table's locks, or raise lock_timeout"
		case pe.Code == "42P01":
			return msg + " (the table was dropped or renamed during the scan)", "collect again once schema changes are done"
		case pe.Code == "42501":
			return msg, "grant vern's role SELECT on the table (or pg_read_all_data)"
		case pe.Code == "42703":
			return msg, "fix the column names of the dataset in vern.yaml"
		case strings.HasPrefix(pe.Code, "57P"), strings.HasPrefix(pe.Code, "08"):
			return "the server went away during the scan: " + msg, "check that the server is running and collect again"
		case strings.HasPrefix(pe.Code, "42"), strings.HasPrefix(pe.Code, "53"), strings.HasPrefix(pe.Code, "54"),
			strings.HasPrefix(pe.Code, "55"), strings.HasPrefix(pe.Code, "25"), strings.HasPrefix(pe.Code, "40"):
			return fmt.Sprintf("%s (SQLSTATE %s)", msg, pe.Code), "check the dataset's predicates in vern.yaml"
		}
		return fmt.Sprintf("query failed with SQLSTATE %s", pe.Code), "check the dataset's predicates in vern.yaml"
	}
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timed out", "check that the server is reachable from here and not overloaded"
	case errors.Is(err, context.Canceled):
		return "cancelled", ""
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), strings.Contains(err.Error(), "conn closed"),
		strings.Contains(err.Error(), "connection reset"), strings.Contains(err.Error(), "broken pipe"):
		return "the connection to the server was lost during the scan", "check that the server is running and collect again"
	case strings.Contains(err.Error(), "connection refused"):
		return "connection refused: no server listens there", "check the host and port of the dsn and that the server runs"
	case strings.Contains(err.Error(), "no such host"):
		return "the host name does not resolve", "check the host of the dsn"
	}
	return redact(err.Error()), "check the server's log"
}

var (
	digitsRE   = regexp.MustCompile(`[0-9][0-9 .\-]{4,}[0-9]`)
	emailishRE = regexp.MustCompile(`[^\s"'@]+@[^\s"'@]+`)
	quotedRE   = regexp.MustCompile(`(?i)(password|passwd|pwd)=\S+`)
)

// redact masks what could be a value or a secret in a message that is not ours: runs of
// digits, e-mail-like words and password assignments.
func redact(s string) string {
	s = quotedRE.ReplaceAllString(s, "$1=[redacted]")
	s = emailishRE.ReplaceAllString(s, "[redacted]")
	return digitsRE.ReplaceAllStringFunc(s, func(m string) string {
		if len(strings.Trim(m, " .-")) < 6 {
			return m
		}
		return "[redacted]"
	})
}

func (r *run) log() *logrus.Entry { return r.env.Log }
