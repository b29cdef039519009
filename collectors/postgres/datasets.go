package postgres

import (
	"context"
	"fmt"
	"sort"
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
		rule := r.cfg.Declaration.Retention[ds.Retention]
		if max, ok := period(rule.MaxPeriod, rule.Max); ok && ds.Timestamp != "" {
			err := r.timed("retention "+key, func() error { return r.measureRetention(ctx, t, ds, rule, max, m) })
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
		if _, ok := period(rule.MinPeriod, rule.Min); ok {
			m.Cascades = cascadesInto(key, r.doc.Tables)
		}
	}
	return nil
}

func (r *run) measureRetention(ctx context.Context, t *evidence.Table, ds config.Dataset, rule config.Retention, max config.Period, m *evidence.DatasetMeasure) error {
	ts := pgx.Identifier{ds.Timestamp}.Sanitize()
	start := ts
	if rule.From == config.RetentionFromFinancialYearEnd {
		start = financialYearEndSQL(ts, r.cfg.Declaration.Controller.FinancialYearEnd)
	}
	q := fmt.Sprintf(`SELECT count(*), coalesce(floor(extract(epoch FROM $1::timestamptz - min(%[1]s)::timestamptz) / 86400), 0)::int
FROM %[2]s WHERE %[3]s AND %[4]s`,
		ts, pgx.Identifier{t.Schema, t.Name}.Sanitize(), periodOverSQL(ts, start), notEither(ds.ExemptWhen, ds.ErasedWhen))
	rm := &evidence.RetentionMeasure{Max: max.String(), From: rule.From, Timestamp: ds.Timestamp}
	if err := r.tx.QueryRow(ctx, q, pgx.QueryExecModeSimpleProtocol, r.now, max.Months, max.Days).Scan(&rm.Expired, &rm.OldestDays); err != nil {
		return r.fail("measure retention of "+m.Table, err)
	}
	m.Retention = rm
	return nil
}

func (r *run) measureConsent(ctx context.Context, t *evidence.Table, ds config.Dataset, m *evidence.DatasetMeasure) error {
	c := ds.Consent
	given := pgx.Identifier{c.Given}.Sanitize()
	grace, _ := period(c.GracePeriod, c.Grace)
	cm := &evidence.ConsentMeasure{Given: c.Given, Withdrawn: c.Withdrawn, Grace: grace.String()}
	withdrawnOld := "false"
	if c.Withdrawn != "" {
		w := pgx.Identifier{c.Withdrawn}.Sanitize()
		withdrawnOld = periodOverSQL(w, w)
	}
	q := fmt.Sprintf(`SELECT count(*) FILTER (WHERE %[1]s IS NULL), count(*) FILTER (WHERE %[2]s)
FROM %[3]s WHERE (%[1]s IS NULL OR %[2]s) AND %[4]s AND $2::int IS NOT NULL AND $3::int IS NOT NULL`,
		given, withdrawnOld, pgx.Identifier{t.Schema, t.Name}.Sanitize(), notEither("", ds.ErasedWhen))
	if err := r.tx.QueryRow(ctx, q, pgx.QueryExecModeSimpleProtocol, r.now, grace.Months, grace.Days).Scan(&cm.Missing, &cm.WithdrawnRetained); err != nil {
		return r.fail("measure consent of "+m.Table, err)
	}
	m.Consent = cm
	return nil
}

// periodOverSQL is the condition "the period ($2 months and $3 days) that began at start
// has ended by $1", counted in calendar months as PostgreSQL's interval arithmetic does
// (a month after 31 January is the last day of February). The first term only lets the
// server use an index on col: start is never before col, and clamping to a month's end
// shortens a period by at most three days.
func periodOverSQL(col, start string) string {
	return fmt.Sprintf(`%[1]s < $1::timestamptz - make_interval(months => $2::int, days => $3::int) + interval '4 days'
AND (%[2]s) + make_interval(months => $2::int, days => $3::int) < $1::timestamptz`, col, start)
}

// financialYearEndSQL is the instant the financial year containing ts ends, for a year
// whose last month is endMonth (bokføringsloven § 13 counts from there).
func financialYearEndSQL(ts string, endMonth int) string {
	if endMonth < 1 || endMonth > 12 {
		endMonth = 12
	}
	return fmt.Sprintf(`make_timestamptz(extract(year FROM %[1]s)::int + (extract(month FROM %[1]s)::int > %[2]d)::int, %[2]d, 1, 0, 0, 0) + interval '1 month'`, ts, endMonth)
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

// period prefers the loader's parsed period and otherwise reads the text ("12 months")
// itself, for callers that build a configuration in code; ok is false when there is none.
func period(p *config.Period, text string) (config.Period, bool) {
	if p != nil {
		return *p, !p.IsZero()
	}
	q, err := config.ParsePeriod(text)
	return q, err == nil && !q.IsZero()
}
