package postgres

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/alarmlink/vern/examples/alarmlink/demodb"
	"github.com/alarmlink/vern/internal/pgcluster"
	"github.com/jackc/pgx/v5"
)

// fixtureSQL is Alarmlink's demo CRM (its planted violations and clean controls are the
// fixture) with sentinel values planted over two of its rows: values that must never
// appear in any output.
var fixtureSQL = demodb.SQL + `
UPDATE customers SET email = 'sentinel.kari@example.invalid' WHERE email = 'beta.provesen@example.invalid';
UPDATE user_accounts SET password = 'Hemmelig-Sentinel-2024' WHERE password = 'sommer2024';
`

// shared is the cluster the integration tests share: the fixture database crm, a copy
// crm_drop for the test that drops a table mid-scan, and two least-privilege roles.
var shared *pgcluster.Cluster

const (
	selectRole  = "vern_select"
	readAllRole = "vern_readall"
	rolePass    = "role-pass-not-a-secret"
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	c, err := pgcluster.Start(ctx, pgcluster.Options{})
	if err != nil {
		if os.Getenv("CI") != "" {
			fmt.Fprintf(os.Stderr, "start a throwaway PostgreSQL cluster: %v\n", err)
			return 1
		}
		fmt.Fprintf(os.Stderr, "skipping PostgreSQL integration tests: %v\n", err)
		return m.Run()
	}
	defer func() {
		if err := c.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}()
	if err := setupFixture(ctx, c); err != nil {
		fmt.Fprintf(os.Stderr, "load fixture: %v\n%s\n", err, c.Log())
		return 1
	}
	shared = c
	return m.Run()
}

func setupFixture(ctx context.Context, c *pgcluster.Cluster) error {
	admin, err := pgx.Connect(ctx, c.DSN("postgres"))
	if err != nil {
		return err
	}
	defer func() { _ = admin.Close(ctx) }()
	for _, q := range []string{
		"CREATE DATABASE crm",
		"CREATE ROLE " + selectRole + " LOGIN PASSWORD '" + rolePass + "'",
		"CREATE ROLE " + readAllRole + " LOGIN PASSWORD '" + rolePass + "' IN ROLE pg_read_all_data",
	} {
		if _, err := admin.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	crm, err := pgx.Connect(ctx, c.DSN("crm"))
	if err != nil {
		return err
	}
	if _, err := crm.Exec(ctx, fixtureSQL); err != nil {
		_ = crm.Close(ctx)
		return fmt.Errorf("fixture: %w", err)
	}
	for _, q := range []string{
		"GRANT USAGE ON SCHEMA public TO " + selectRole,
		"GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + selectRole,
		"ANALYZE inquiries",
	} {
		if _, err := crm.Exec(ctx, q); err != nil {
			_ = crm.Close(ctx)
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	// The template must have no session left when it is copied.
	if err := crm.Close(ctx); err != nil {
		return fmt.Errorf("close crm: %w", err)
	}
	_, err = admin.Exec(ctx, "CREATE DATABASE crm_drop TEMPLATE crm")
	return err
}

// needCluster skips (or, under CI, fails) a test when the shared cluster is missing.
func needCluster(t *testing.T) *pgcluster.Cluster {
	t.Helper()
	if shared == nil {
		if os.Getenv("CI") != "" {
			t.Fatal("no PostgreSQL cluster")
		}
		t.Skip("no PostgreSQL cluster")
	}
	return shared
}
