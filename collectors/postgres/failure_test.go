package postgres

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/pgcluster"
	"github.com/jackc/pgx/v5"
)

// TestFailedTargets runs a good target beside a broken one: the broken one fails with a
// clear reason that carries no value or secret, and the good one's evidence is intact.
func TestFailedTargets(t *testing.T) {
	c := needCluster(t)
	good := c.DSNFor(selectRole, rolePass, "crm")
	tests := []struct {
		name   string
		dsn    func(t *testing.T) string
		tweak  func(*config.Database)
		hooks  func(t *testing.T) func(string) error
		reason string
	}{
		{name: "unreachable", dsn: func(*testing.T) string {
			return "postgres://vern:secret-pw@127.0.0.1:1/crm?sslmode=disable"
		}, reason: "connection refused"},
		{name: "wrong password", dsn: func(*testing.T) string {
			return c.DSNFor(selectRole, "wrong-secret-pw", "crm")
		}, reason: "password authentication failed"},
		{name: "statement timeout", dsn: func(*testing.T) string { return good }, tweak: func(d *config.Database) {
			ds := d.Datasets["public.inquiries"]
			ds.ExemptWhen = "pg_sleep(2) IS NULL"
			d.Datasets["public.inquiries"] = ds
			d.StatementTimeout = "300ms"
		}, reason: "statement_timeout (300ms)"},
		{name: "table dropped during the scan", dsn: func(*testing.T) string {
			return c.DSNFor(selectRole, rolePass, "crm_drop")
		}, hooks: func(t *testing.T) func(string) error {
			return func(point string) error {
				if point != HookAfterCatalog {
					return nil
				}
				conn, err := pgx.Connect(context.Background(), c.DSN("crm_drop"))
				if err != nil {
					return err
				}
				defer func() { _ = conn.Close(context.Background()) }()
				_, err = conn.Exec(context.Background(), "DROP TABLE web_sessions")
				return err
			}
		}, reason: `"public.web_sessions" does not exist (the table was dropped`},
		{name: "cluster stopped during the scan", dsn: func(t *testing.T) string {
			return stoppable(t).DSN("crm")
		}, hooks: func(t *testing.T) func(string) error {
			return func(point string) error {
				if point == HookAfterCatalog {
					return stoppable(t).Stop()
				}
				return nil
			}
		}, reason: "during the scan"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := fixtureConfig(map[string]string{"crm": good, "broken": tc.dsn(t)})
			if tc.tweak != nil {
				d := cfg.Inventory.Databases["broken"]
				tc.tweak(&d)
				cfg.Inventory.Databases["broken"] = d
			}
			var hooks func(string) error
			if tc.hooks != nil {
				hooks = tc.hooks(t)
			}
			// The broken target is collected with the hooks, the good one without, concurrently.
			ev, err := collect.Run(context.Background(), cfg, []collect.Collector{hooked{New(), hooks}},
				collect.Env{}, collect.Options{})
			if err != nil {
				t.Fatal(err)
			}
			b := ev.Targets["db:broken"]
			if b.Status != evidence.StatusFailed {
				t.Fatalf("db:broken status %s, want failed", b.Status)
			}
			if !strings.Contains(b.Reason, tc.reason) {
				t.Errorf("reason %q does not say %q", b.Reason, tc.reason)
			}
			if b.Fix == "" {
				t.Error("no fix given")
			}
			for _, secret := range []string{"secret-pw", rolePass, c.Password} {
				if strings.Contains(b.Reason, secret) {
					t.Errorf("reason %q leaks a password", b.Reason)
				}
			}
			assertNoSentinel(t, "reason", b.Reason)
			g := ev.Targets["db:crm"]
			if g.Status != evidence.StatusOK {
				t.Fatalf("db:crm %s: %s", g.Status, g.Reason)
			}
			var doc evidence.Database
			if err := json.Unmarshal(g.Data, &doc); err != nil || doc.Datasets["public.inquiries"].Retention.Expired != 5 {
				t.Errorf("db:crm evidence damaged: %v", err)
			}
		})
	}
}

// hooked passes the hooks only to the db:broken target.
type hooked struct {
	collect.Collector
	hooks func(string) error
}

func (h hooked) Collect(ctx context.Context, cfg *config.Config, target string, env collect.Env) (collect.Result, error) {
	if target == "db:broken" {
		env.Hooks = h.hooks
	}
	return h.Collector.Collect(ctx, cfg, target, env)
}

var stoppables = map[string]*pgcluster.Cluster{}

// stoppable is a second cluster, with the fixture, that a test may stop.
func stoppable(t *testing.T) *pgcluster.Cluster {
	t.Helper()
	if c := stoppables[t.Name()]; c != nil {
		return c
	}
	c := pgcluster.ForTest(t, pgcluster.Options{})
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, c.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = admin.Close(ctx) }()
	if _, err := admin.Exec(ctx, "CREATE DATABASE crm"); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, c.DSN("crm"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close(ctx) }()
	if _, err := conn.Exec(ctx, fixtureSQL); err != nil {
		t.Fatal(err)
	}
	stoppables[t.Name()] = c
	return c
}

func TestRedactMasksValues(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{name: "fodselsnummer", in: `invalid input syntax for type integer: "02029227481"`, want: `invalid input syntax for type integer: "[redacted]"`},
		{name: "email", in: `bad value sentinel.kari@example.invalid here`, want: `bad value [redacted] here`},
		{name: "password", in: `password=hunter2 host=x`, want: `password=[redacted] host=x`},
		{name: "short numbers kept", in: `SQLSTATE 57014 at line 12`, want: `SQLSTATE 57014 at line 12`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := redact(tc.in); got != tc.want {
				t.Errorf("redact(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
