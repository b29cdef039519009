package postgres

import (
	"fmt"
	"sort"
	"strings"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// periodOverSQL is the condition "the period p that began at start has ended by $1",
// counted in calendar months as PostgreSQL's interval arithmetic does
// (a month after 31 January is the last day of February). The first term only lets the
// server use an index on col: start is never before col, and clamping to a month's end
// shortens a period by at most three days.
func periodOverSQL(col, start string, p config.Period) string {
	iv := fmt.Sprintf("make_interval(months => %d, days => %d)", p.Months, p.Days)
	return fmt.Sprintf(`%[1]s < $1::timestamptz - %[3]s + interval '4 days'
AND (%[2]s) + %[3]s < $1::timestamptz`, col, start, iv)
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
