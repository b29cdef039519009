package postgres

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/alarmlink/vern/collectors/postgres/detect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/jackc/pgx/v5"
)

// Exact count checks.
const (
	CheckPlaintextPassword = "plaintext_password"
	CheckCardNumber        = "card_number"
	CheckNationalID        = "national_id"
)

// part is one measurement of a table: its select-list expressions, where their results
// go, and the condition that alone bounds the rows it needs (empty when it needs them all).
type part struct {
	exprs []string
	dests []any
	where string
	// now is set when the expressions use the collection's clock ($1).
	now  bool
	done func()
}

// measureTables computes every aggregate vern needs from each table (retention, consent,
// plain-text passwords, card numbers, national identity numbers) in one scan per table,
// with FILTER clauses; only counts and an age come back. A table that needs a single
// measurement keeps that measurement's WHERE clause, so its indexes still serve.
func (r *run) measureTables(ctx context.Context) error {
	for _, key := range slices.Sorted(maps.Keys(r.db.Datasets)) {
		r.doc.Datasets[key] = &evidence.DatasetMeasure{Table: key}
	}
	for _, key := range slices.Sorted(maps.Keys(r.doc.Tables)) {
		t := r.doc.Tables[key]
		m := r.doc.Datasets[key]
		if m != nil && stored[t.Kind] {
			m.Exists = true
		}
		if !stored[t.Kind] || t.Skipped != "" {
			continue
		}
		var parts []part
		if m != nil {
			parts = append(parts, r.datasetParts(key, t, r.db.Datasets[key], m)...)
		}
		parts = append(parts, r.exactParts(key, t)...)
		if len(parts) == 0 {
			continue
		}
		if err := r.timed("measure "+key, func() error { return r.scan(ctx, key, t, parts) }); err != nil {
			return err
		}
	}
	return nil
}

func (r *run) scan(ctx context.Context, key string, t *evidence.Table, parts []part) error {
	var exprs []string
	var dests []any
	for _, p := range parts {
		exprs = append(exprs, p.exprs...)
		dests = append(dests, p.dests...)
	}
	q := "SELECT " + strings.Join(exprs, ",\n  ") + "\nFROM " + pgx.Identifier{t.Schema, t.Name}.Sanitize()
	if len(parts) == 1 && parts[0].where != "" {
		q += "\nWHERE " + parts[0].where
	}
	if r.c.opts.Measurements != nil {
		r.c.opts.Measurements(key, q)
	}
	args := []any{pgx.QueryExecModeSimpleProtocol}
	for _, p := range parts {
		if p.now {
			args = append(args, r.now)
			break
		}
	}
	if err := r.tx.QueryRow(ctx, q, args...).Scan(dests...); err != nil {
		return r.fail("measure "+key, err)
	}
	for _, p := range parts {
		if p.done != nil {
			p.done()
		}
	}
	return nil
}

// datasetParts are the retention and consent measurements of a declared dataset.
func (r *run) datasetParts(key string, t *evidence.Table, ds config.Dataset, m *evidence.DatasetMeasure) []part {
	var parts []part
	rule := r.cfg.Declaration.Retention[ds.Retention]
	if max, ok := period(rule.MaxPeriod, rule.Max); ok && ds.Timestamp != "" {
		ts := pgx.Identifier{ds.Timestamp}.Sanitize()
		start := ts
		if rule.From == config.RetentionFromFinancialYearEnd {
			start = financialYearEndSQL(ts, r.cfg.Declaration.Controller.FinancialYearEnd)
		}
		cond := periodOverSQL(ts, start, max) + " AND " + notEither(ds.ExemptWhen, ds.ErasedWhen)
		rm := &evidence.RetentionMeasure{Max: max.String(), From: rule.From, Timestamp: ds.Timestamp}
		parts = append(parts, part{
			exprs: []string{fmt.Sprintf("count(*) FILTER (WHERE %s)", cond),
				fmt.Sprintf("coalesce(floor(extract(epoch FROM $1::timestamptz - (min(%s) FILTER (WHERE %s))::timestamptz) / 86400), 0)::int", ts, cond)},
			dests: []any{&rm.Expired, &rm.OldestDays},
			where: cond,
			now:   true,
			done:  func() { m.Retention = rm },
		})
	}
	if ds.Consent != nil && ds.Consent.Given != "" {
		c := ds.Consent
		given := pgx.Identifier{c.Given}.Sanitize()
		grace, _ := period(c.GracePeriod, c.Grace)
		cm := &evidence.ConsentMeasure{Given: c.Given, Withdrawn: c.Withdrawn, Grace: grace.String()}
		withdrawnOld := "false"
		if c.Withdrawn != "" {
			w := pgx.Identifier{c.Withdrawn}.Sanitize()
			withdrawnOld = periodOverSQL(w, w, grace)
		}
		kept := notEither("", ds.ErasedWhen)
		parts = append(parts, part{
			exprs: []string{fmt.Sprintf("count(*) FILTER (WHERE %s IS NULL AND %s)", given, kept),
				fmt.Sprintf("count(*) FILTER (WHERE (%s) AND %s)", withdrawnOld, kept)},
			dests: []any{&cm.Missing, &cm.WithdrawnRetained},
			where: fmt.Sprintf("(%s IS NULL OR %s) AND %s", given, withdrawnOld, kept),
			now:   true,
			done:  func() { m.Consent = cm },
		})
	}
	if ds.ErasedWhen != "" {
		r.measureErasure(key, t, ds, m)
	}
	if _, ok := period(rule.MinPeriod, rule.Min); ok {
		m.Cascades = cascadesInto(key, r.doc.Tables)
	}
	return parts
}

// exactParts are the exact counts over every row of a table's password, card and
// national-id columns, all checked in the database.
func (r *run) exactParts(key string, t *evidence.Table) []part {
	ts := r.sampler[key]
	var parts []part
	for _, c := range orderedColumns(t) {
		acc := ts.columns[c.Name]
		if !detect.Sampleable(c.Type) || c.Link != "" {
			continue
		}
		col := pgx.Identifier{c.Name}.Sanitize() + "::text"
		add := func(check, matches, checked string) {
			ec := &evidence.ExactCount{}
			c := c
			parts = append(parts, part{
				exprs: []string{matches, checked},
				dests: []any{&ec.Matches, &ec.Checked},
				done:  func() { setExact(c, check, *ec) },
			})
		}
		switch {
		case acc.PasswordColumn():
			add(CheckPlaintextPassword,
				fmt.Sprintf("count(*) FILTER (WHERE %[1]s <> '' AND %[1]s !~ %[2]s)", col, sqlString(detect.HashPattern)),
				fmt.Sprintf("count(%s)", col))
		case acc.CardColumn():
			add(CheckCardNumber, fmt.Sprintf("count(*) FILTER (WHERE %s)", detect.CardSQL(col, acc.CardNamed())),
				fmt.Sprintf("count(*) FILTER (WHERE %s ~ '[0-9]{4}')", col))
		}
		if acc.NationalIDColumn(r.doc.Threshold) {
			add(CheckNationalID, fmt.Sprintf("count(*) FILTER (WHERE %s)", detect.NationalIDSQL(col)),
				fmt.Sprintf("count(%s)", col))
		}
	}
	return parts
}

// sqlString quotes s as a standard SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func setExact(c *evidence.Column, check string, ec evidence.ExactCount) {
	if c.Exact == nil {
		c.Exact = map[string]evidence.ExactCount{}
	}
	c.Exact[check] = ec
}
