// Package demodb holds Alarmlink's demo CRM database, used by `vern demo`: synthetic data
// only (invented names, synthetic national identity numbers with valid control digits),
// with a few realistic gaps for the rules to find.
package demodb

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// SQL is the demo database's schema and data.
//
//go:embed crm.sql
var SQL string

// Load creates the demo tables and rows in the (empty) database dsn points at.
func Load(ctx context.Context, dsn string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return fmt.Errorf("load demo database: connect: %w", err)
	}
	defer func() { _ = conn.Close(ctx) }()
	// Without arguments pgx uses the simple protocol, which runs the whole script.
	if _, err := conn.Exec(ctx, SQL); err != nil {
		return fmt.Errorf("load demo database: %w", err)
	}
	if _, err := conn.Exec(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("load demo database: analyze: %w", err)
	}
	return nil
}
