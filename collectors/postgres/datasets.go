package postgres

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/jackc/pgx/v5"
)

// measureDatasets measures each declared dataset with aggregates computed by the server:
// only counts and an age come back. The predicates of vern.yaml are ANDed in as written
// (checked for separators and comments before connecting); conditions on the timestamp
// and consent columns let the server use their indexes.
func (r *run) measureDatasets(ctx context.Context) error {
	for _, key := range sortedKeys(r.db.Datasets) {
		ds := r.db.Datasets[key]
		m := &evidence.DatasetMeasure{Table: key}
		r.doc.Datasets[key] = m
		t, ok := r.doc.Tables[key]
		if !ok || !stored[t.Kind] {
			continue
		}
		m.Exists = true
		if t.Skipped != "" {
			continue
		}
		rule := r.cfg.Declaration.Retention[ds.Retention]
		if days := retentionDays(rule.MaxDays, rule.Max); days > 0 && ds.Timestamp != "" {
			err := r.timed("retention "+key, func() error { return r.measureRetention(ctx, t, ds, days, m) })
			if err != nil {
				return err
			}
		}
		if ds.ErasedWhen != "" {
			r.measureErasure(key, t, ds, m)
		}
		if ds.Consent != nil && ds.Consent.Given != "" {
			err := r.timed("consent "+key, func() error { return r.measureConsent(ctx, t, ds, m) })
			if err != nil {
				return err
			}
		}
		if retentionDays(rule.MinDays, rule.Min) > 0 {
			m.Cascades = cascadesInto(key, r.doc.Tables)
		}
	}
	return nil
}

func (r *run) measureRetention(ctx context.Context, t *evidence.Table, ds config.Dataset, days int, m *evidence.DatasetMeasure) error {
	ts := pgx.Identifier{ds.Timestamp}.Sanitize()
	q := fmt.Sprintf(`SELECT count(*), coalesce(floor(extract(epoch FROM $1::timestamptz - min(%[1]s)::timestamptz) / 86400), 0)::int
FROM %[2]s WHERE %[1]s < $1::timestamptz - make_interval(days => $2::int) AND %[3]s`,
		ts, pgx.Identifier{t.Schema, t.Name}.Sanitize(), notEither(ds.ExemptWhen, ds.ErasedWhen))
	rm := &evidence.RetentionMeasure{MaxDays: days, Timestamp: ds.Timestamp}
	if err := r.tx.QueryRow(ctx, q, pgx.QueryExecModeSimpleProtocol, r.now, days).Scan(&rm.Expired, &rm.OldestDays); err != nil {
		return r.fail("measure retention of "+m.Table, err)
	}
	m.Retention = rm
	return nil
}

func (r *run) measureConsent(ctx context.Context, t *evidence.Table, ds config.Dataset, m *evidence.DatasetMeasure) error {
	c := ds.Consent
	given := pgx.Identifier{c.Given}.Sanitize()
	cm := &evidence.ConsentMeasure{Given: c.Given, Withdrawn: c.Withdrawn, GraceDays: retentionDays(c.GraceDays, c.Grace)}
	withdrawnOld := "false"
	if c.Withdrawn != "" {
		withdrawnOld = fmt.Sprintf("%s < $1::timestamptz - make_interval(days => $2::int)", pgx.Identifier{c.Withdrawn}.Sanitize())
	}
	q := fmt.Sprintf(`SELECT count(*) FILTER (WHERE %[1]s IS NULL), count(*) FILTER (WHERE %[2]s)
FROM %[3]s WHERE (%[1]s IS NULL OR %[2]s) AND %[4]s AND $2::int IS NOT NULL`,
		given, withdrawnOld, pgx.Identifier{t.Schema, t.Name}.Sanitize(), notEither("", ds.ErasedWhen))
	if err := r.tx.QueryRow(ctx, q, pgx.QueryExecModeSimpleProtocol, r.now, cm.GraceDays).Scan(&cm.Missing, &cm.WithdrawnRetained); err != nil {
		return r.fail("measure consent of "+m.Table, err)
	}
	m.Consent = cm
	return nil
}

// measureErasure lists the personal columns erased_when does not name: rows it calls
// erased may still hold them.
func (r *run) measureErasure(key string, t *evidence.Table, ds config.Dataset, m *evidence.DatasetMeasure) {
	named := identifiers(ds.ErasedWhen)
	for name := range t.Columns {
		if named[name] || named[strings.ToLower(name)] {
			m.ErasedWhen = append(m.ErasedWhen, name)
		}
	}
	for col := range r.doc.Personal[key] {
		if !named[col] && !named[strings.ToLower(col)] {
			m.Unerased = append(m.Unerased, col)
		}
	}
	sort.Strings(m.ErasedWhen)
	sort.Strings(m.Unerased)
}

// notEither is the SQL condition "neither exempt nor erased"; a NULL outcome of a
// predicate counts as false, so a row is only left out when the predicate says so.
func notEither(exempt, erased string) string {
	parts := []string{"true"}
	for _, p := range []string{exempt, erased} {
		if strings.TrimSpace(p) != "" {
			parts = append(parts, "NOT coalesce(("+p+"), false)")
		}
	}
	return strings.Join(parts, " AND ")
}

// cascadesInto finds every chain of ON DELETE CASCADE foreign keys through which a delete
// elsewhere removes rows of table key.
func cascadesInto(key string, tables map[string]*evidence.Table) []evidence.Cascade {
	var out []evidence.Cascade
	var walk func(table string, path []string, seen map[string]bool)
	walk = func(table string, path []string, seen map[string]bool) {
		t := tables[table]
		if t == nil || len(path) > 8 {
			return
		}
		for _, fk := range t.ForeignKeys {
			if fk.OnDelete != "cascade" || seen[fk.Table] {
				continue
			}
			p := append([]string{fk.Name}, path...)
			out = append(out, evidence.Cascade{From: fk.Table, Path: p})
			seen[fk.Table] = true
			walk(fk.Table, p, seen)
			delete(seen, fk.Table)
		}
	}
	walk(key, nil, map[string]bool{key: true})
	sort.Slice(out, func(i, j int) bool {
		if out[i].From != out[j].From {
			return out[i].From < out[j].From
		}
		return strings.Join(out[i].Path, ",") < strings.Join(out[j].Path, ",")
	})
	return out
}

// retentionDays prefers the loader's normalised days and otherwise reads "12 months",
// "5 years", "30 days" or "2 weeks" itself.
func retentionDays(days int, text string) int {
	if days > 0 {
		return days
	}
	f := strings.Fields(strings.ToLower(text))
	if len(f) != 2 {
		return 0
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n <= 0 {
		return 0
	}
	unit := strings.TrimSuffix(f[1], "s")
	switch unit {
	case "day", "dag", "dager":
		return n
	case "week", "uke", "uker":
		return 7 * n
	case "month", "måned", "måneder":
		return n * 365 / 12
	case "year", "år":
		return 365 * n
	}
	return 0
}
