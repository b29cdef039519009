package pgcluster

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestClusterStartsWithScramAndStops(t *testing.T) {
	c := ForTest(t, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	conn, err := pgx.Connect(ctx, c.DSN("postgres"))
	if err != nil {
		t.Fatalf("connect: %v\n%s", err, c.Log())
	}
	var method string
	if err := conn.QueryRow(ctx, "SHOW password_encryption").Scan(&method); err != nil {
		t.Fatal(err)
	}
	if err := conn.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if method != "scram-sha-256" {
		t.Errorf("password_encryption = %q, want scram-sha-256", method)
	}

	_, err = pgx.Connect(ctx, c.DSNFor(Superuser, "wrong", "postgres"))
	if err == nil || !strings.Contains(err.Error(), "password authentication failed") {
		t.Errorf("wrong password: err = %v, want password authentication failed", err)
	}

	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := pgx.Connect(ctx, c.DSN("postgres")); err == nil {
		t.Error("connect after Stop succeeded")
	}
}

func TestFindBinMissing(t *testing.T) {
	t.Parallel()
	_, err := Start(context.Background(), Options{BinDir: "/nonexistent/bin"})
	if err == nil {
		t.Fatal("Start with a missing bin dir succeeded")
	}
	if ErrNotInstalled.Error() == "" || !strings.Contains(ErrNotInstalled.Error(), "apt-get install -y postgresql") {
		t.Errorf("ErrNotInstalled = %q", ErrNotInstalled)
	}
}
