package postgres

import (
	"context"
	"fmt"

	"github.com/alarmlink/vern/collectors/postgres/detect"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/jackc/pgx/v5"
)

// Exact count checks.
const (
	CheckPlaintextPassword = "plaintext_password"
	CheckCardNumber        = "card_number"
)

// countExact counts, over every row, the plain-text passwords of password columns (in the
// database, against the hash pattern) and the full card numbers of card columns (streamed
// through memory after a digit pre-filter, checked and dropped).
func (r *run) countExact(ctx context.Context) error {
	for _, key := range sortedKeys(r.doc.Tables) {
		t := r.doc.Tables[key]
		if !stored[t.Kind] || t.Skipped != "" {
			continue
		}
		ts := r.sampler[key]
		for _, c := range orderedColumns(t) {
			acc := ts.columns[c.Name]
			if !detect.Sampleable(c.Type) || c.Link != "" {
				continue
			}
			var err error
			switch {
			case acc.PasswordColumn():
				err = r.timed("passwords "+key, func() error { return r.countPasswords(ctx, t, c) })
			case acc.CardColumn():
				err = r.timed("cards "+key, func() error { return r.countCards(ctx, t, c, acc) })
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *run) countPasswords(ctx context.Context, t *evidence.Table, c *evidence.Column) error {
	q := fmt.Sprintf(`SELECT count(*) FILTER (WHERE v <> '' AND v !~ $1), count(v) FROM (SELECT %s::text AS v FROM %s) s`,
		pgx.Identifier{c.Name}.Sanitize(), pgx.Identifier{t.Schema, t.Name}.Sanitize())
	var ec evidence.ExactCount
	if err := r.tx.QueryRow(ctx, q, detect.HashPattern).Scan(&ec.Matches, &ec.Checked); err != nil {
		return r.fail(fmt.Sprintf("count plain-text passwords in %s.%s", t.Schema, t.Name), err)
	}
	setExact(c, CheckPlaintextPassword, ec)
	return nil
}

func (r *run) countCards(ctx context.Context, t *evidence.Table, c *evidence.Column, acc *detect.Column) error {
	q := fmt.Sprintf(`SELECT left(%[1]s::text, %[3]d) FROM %[2]s WHERE %[1]s::text ~ '[0-9]{4}'`,
		pgx.Identifier{c.Name}.Sanitize(), pgx.Identifier{t.Schema, t.Name}.Sanitize(), maxValueBytes)
	rows, err := r.tx.Query(ctx, q)
	if err != nil {
		return r.fail(fmt.Sprintf("count card numbers in %s.%s", t.Schema, t.Name), err)
	}
	defer rows.Close()
	var ec evidence.ExactCount
	for rows.Next() {
		raw := rows.RawValues()[0]
		ec.Checked++
		if acc.CountCards(string(raw)) {
			ec.Matches++
		}
	}
	if err := rows.Err(); err != nil {
		return r.fail(fmt.Sprintf("count card numbers in %s.%s", t.Schema, t.Name), err)
	}
	setExact(c, CheckCardNumber, ec)
	return nil
}

func setExact(c *evidence.Column, check string, ec evidence.ExactCount) {
	if c.Exact == nil {
		c.Exact = map[string]evidence.ExactCount{}
	}
	c.Exact[check] = ec
}
