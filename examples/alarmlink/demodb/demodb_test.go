package demodb

import (
	"context"
	"testing"
	"time"

	"github.com/alarmlink/vern/collectors/postgres/detect"
	"github.com/alarmlink/vern/internal/pgcluster"
	"github.com/jackc/pgx/v5"
)

func TestLoadCreatesTheDemoCRM(t *testing.T) {
	c := pgcluster.ForTest(t, pgcluster.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := Load(ctx, c.DSN("postgres")); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, c.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close(ctx) }()
	rows, err := conn.Query(ctx, "SELECT fnr FROM customers UNION ALL SELECT fnr FROM credit_checks")
	if err != nil {
		t.Fatal(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) == 0 {
		t.Fatal("no national identity numbers in the demo")
	}
	for _, id := range ids {
		if !detect.CheckNationalID(id).Valid {
			t.Errorf("demo national identity number at position %d has invalid control digits", len(id))
		}
	}
}
