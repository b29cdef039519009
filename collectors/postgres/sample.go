package postgres

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/alarmlink/vern/collectors/postgres/detect"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/jackc/pgx/v5"
)

// maxValueBytes bounds what one sampled value may cost: longer text is cut in the database.
const maxValueBytes = 4096

// tableSample keeps each column's accumulator for the exact counts that follow.
type tableSample struct {
	columns map[string]*detect.Column
}

// stored relations are sampled and indexed as personal data; views and foreign tables
// get name signals only (their data lives elsewhere).
var stored = map[string]bool{"table": true, "partitioned_table": true, "materialized_view": true}

// sampleTables samples each stored table and records detections. Values are checked as
// they arrive and dropped; only counts are kept. Key columns are links, not data: they are
// not sampled, and a table whose foreign key points at a table with personal data records
// that link.
func (r *run) sampleTables(ctx context.Context) error {
	keys := slices.Sorted(maps.Keys(r.doc.Tables))
	r.sampler = map[string]*tableSample{}
	for i, key := range keys {
		t := r.doc.Tables[key]
		ts := &tableSample{columns: map[string]*detect.Column{}}
		r.sampler[key] = ts
		cols := orderedColumns(t)
		var sampled []*evidence.Column
		for _, c := range cols {
			markSurrogate(c)
			ts.columns[c.Name] = detect.NewColumn(c.Name, c.Type, r.now)
			if stored[t.Kind] && t.Skipped == "" && c.Link == "" && detect.Sampleable(c.Type) {
				sampled = append(sampled, c)
			}
		}
		if len(sampled) > 0 {
			err := r.timed("sample "+key, func() error { return r.sampleTable(ctx, t, sampled, ts) })
			if err != nil {
				return err
			}
		}
		dets := map[string][]evidence.Detection{}
		for _, c := range cols {
			if c.Link == "" && t.Skipped != "ignored" {
				dets[c.Name] = ts.columns[c.Name].Detections()
			}
		}
		res := detect.ResolveTable(key, ts.columns, dets, r.doc.Threshold)
		for _, c := range cols {
			c.Detections = dets[c.Name]
		}
		if stored[t.Kind] && t.Skipped != "ignored" {
			t.Subject = res.Subject
			r.index(key, t, res.Business)
		}
		if r.env.Progress != nil {
			r.env.Progress.Step(evidence.DBTarget(r.name).String(), i+1, len(keys))
		}
	}
	for _, key := range keys {
		t := r.doc.Tables[key]
		for _, fk := range t.ForeignKeys {
			if _, personal := r.doc.Personal[fk.Table]; personal && fk.Table != key {
				t.PersonalLinks = append(t.PersonalLinks, fk)
			}
		}
	}
	return nil
}

// markSurrogate marks integer and uuid columns named as identifiers (id, customer_id,
// CustomerId) that no constraint declares: they are keys too.
func markSurrogate(c *evidence.Column) {
	if c.Link != "" {
		return
	}
	if !surrogateType(c.Type) {
		return
	}
	if detect.NamesData(c.Name, c.Type) {
		return
	}
	n := strings.ToLower(c.Name)
	if n == "id" || strings.HasSuffix(n, "_id") || strings.HasSuffix(c.Name, "Id") || strings.HasSuffix(c.Name, "ID") {
		c.Link = "surrogate_key"
	}
}

func (r *run) sampleTable(ctx context.Context, t *evidence.Table, cols []*evidence.Column, ts *tableSample) error {
	limit := r.doc.SampleRows
	exprs := make([]string, len(cols))
	for i, c := range cols {
		exprs[i] = fmt.Sprintf("left(%s::text, %d)", pgx.Identifier{c.Name}.Sanitize(), maxValueBytes)
	}
	from := pgx.Identifier{t.Schema, t.Name}.Sanitize()
	base := "SELECT " + strings.Join(exprs, ", ") + " FROM " + from
	queries := []string{}
	// Large tables: sample pages (SYSTEM), enough for the cap several times over, with a
	// fixed seed so two runs on the same data agree. Small or unanalysed tables: the first
	// rows up to the cap.
	if est := t.RowEstimate; est > int64(limit)*20 {
		pct := 100 * float64(limit) * 4 / float64(est)
		queries = append(queries, base+" TABLESAMPLE SYSTEM ("+strconv.FormatFloat(pct, 'f', 6, 64)+") REPEATABLE (7)")
	}
	queries = append(queries, base)
	for _, q := range queries {
		n, err := r.feed(ctx, q+" LIMIT "+strconv.Itoa(limit), cols, ts)
		if err != nil {
			return r.fail("sample "+t.Schema+"."+t.Name, err)
		}
		if n > 0 {
			t.Sampled = n
			return nil
		}
	}
	return nil
}

// feed streams rows into the accumulators. A sample that returned nothing leaves them
// untouched, so the fallback query can run.
func (r *run) feed(ctx context.Context, q string, cols []*evidence.Column, ts *tableSample) (int, error) {
	rows, err := r.tx.Query(ctx, q)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		for i, raw := range rows.RawValues() {
			if raw != nil {
				ts.columns[cols[i].Name].Add(string(raw))
			}
		}
	}
	return n, rows.Err()
}

// index records the table's personal columns at or above the threshold, and the
// business contact columns of an organisation's table apart from them.
func (r *run) index(key string, t *evidence.Table, business []string) {
	isBusiness := map[string]bool{}
	for _, b := range business {
		isBusiness[b] = true
	}
	for name, c := range t.Columns {
		var kinds []string
		for _, d := range c.Detections {
			if d.Confidence >= r.doc.Threshold {
				kinds = append(kinds, d.Kind)
			}
		}
		if len(kinds) == 0 {
			continue
		}
		sort.Strings(kinds)
		if isBusiness[name] {
			if r.doc.Business == nil {
				r.doc.Business = map[string]map[string][]string{}
			}
			if r.doc.Business[key] == nil {
				r.doc.Business[key] = map[string][]string{}
			}
			r.doc.Business[key][name] = kinds
			continue
		}
		if r.doc.Personal[key] == nil {
			r.doc.Personal[key] = map[string][]string{}
		}
		r.doc.Personal[key][name] = kinds
	}
}

func orderedColumns(t *evidence.Table) []*evidence.Column {
	cols := make([]*evidence.Column, 0, len(t.Columns))
	for _, c := range t.Columns {
		cols = append(cols, c)
	}
	sort.Slice(cols, func(i, j int) bool { return cols[i].Position < cols[j].Position })
	return cols
}
