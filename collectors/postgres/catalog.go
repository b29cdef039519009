package postgres

import (
	"context"
	"sort"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/jackc/pgx/v5"
)

func (r *run) readServer(ctx context.Context) error {
	return r.timed("server", func() error {
		err := r.tx.QueryRow(ctx, `SELECT current_setting('server_version'), current_database(), current_user`).
			Scan(&r.doc.ServerVersion, &r.doc.Database, &r.doc.User)
		if err != nil {
			return r.fail("read server settings", err)
		}
		return nil
	})
}

var relKinds = map[string]string{"r": "table", "p": "partitioned_table", "v": "view", "m": "materialized_view", "f": "foreign_table"}

// Partitions are left out and rolled up into their partitioned table: their estimates are
// summed and their number kept. A row estimate of -1 (never analysed) stays -1 unless some
// partition has one.
const tablesSQL = `
SELECT c.oid, n.nspname, c.relname, c.relkind::text, coalesce(d.description, ''),
       CASE WHEN c.relkind = 'p' THEN coalesce(p.est, -1) ELSE c.reltuples::float8 END,
       coalesce(p.leaves, 0)::int,
       coalesce((SELECT bool_or(a.grantee = 0 AND a.privilege_type = 'SELECT') FROM aclexplode(c.relacl) a), false),
       c.relispopulated, has_table_privilege(c.oid, 'SELECT')
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
LEFT JOIN LATERAL (
  SELECT sum(l.reltuples) FILTER (WHERE l.reltuples >= 0)::float8 AS est, count(*) AS leaves
  FROM pg_partition_tree(c.oid) t JOIN pg_class l ON l.oid = t.relid
  WHERE t.isleaf AND c.relkind = 'p'
) p ON true
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY($1::text[]))
ORDER BY 2, 3`

const columnsSQL = `
SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnum::int, a.attnotnull,
       coalesce(d.description, ''),
       EXISTS (SELECT 1 FROM pg_constraint p WHERE p.contype = 'p' AND p.conrelid = a.attrelid AND a.attnum = ANY (p.conkey))
FROM pg_attribute a
LEFT JOIN pg_description d ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped`

const grantsSQL = `
SELECT c.oid, coalesce(r.rolname, 'PUBLIC'), a.privilege_type
FROM pg_class c
CROSS JOIN LATERAL aclexplode(c.relacl) a
LEFT JOIN pg_roles r ON r.oid = a.grantee AND a.grantee <> 0
WHERE c.oid = ANY($1::oid[])
ORDER BY 1, 2, 3`

const foreignKeysSQL = `
SELECT con.conrelid, con.conname, fn.nspname || '.' || fc.relname, con.confdeltype::text,
       array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),
       array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)
FROM pg_constraint con
JOIN pg_class fc ON fc.oid = coalesce(pg_partition_root(con.confrelid), con.confrelid)
JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype = 'f' AND con.conparentid = 0 AND con.conrelid = ANY($1::oid[])
ORDER BY 1, 2`

// viewSourcesSQL finds the relations each view's rewrite rule reads.
const viewSourcesSQL = `
SELECT DISTINCT v.oid, n.nspname || '.' || t.relname
FROM pg_class v
JOIN pg_rewrite r ON r.ev_class = v.oid
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
JOIN pg_class t ON t.oid = d.refobjid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE v.oid = ANY($1::oid[]) AND v.relkind IN ('v', 'm') AND t.oid <> v.oid
ORDER BY 1, 2`

var onDelete = map[string]string{"a": "no_action", "r": "restrict", "c": "cascade", "n": "set_null", "d": "set_default"}

// readCatalog reads schemas, relations, columns, comments, estimates, grants and foreign
// keys from pg_catalog (not information_schema, which hides what the role may not use).
func (r *run) readCatalog(ctx context.Context) error {
	return r.timed("catalog", func() error {
		schemas := r.db.Schemas
		if schemas == nil {
			schemas = []string{}
		}
		rows, err := r.tx.Query(ctx, tablesSQL, schemas)
		if err != nil {
			return r.fail("read catalog", err)
		}
		r.oids = map[string]uint32{}
		byOID := map[uint32]*evidence.Table{}
		var oids []uint32
		seen := map[string]bool{}
		for rows.Next() {
			var oid uint32
			var kind string
			var est float64
			var populated, readable bool
			t := &evidence.Table{Columns: map[string]*evidence.Column{}}
			if err := rows.Scan(&oid, &t.Schema, &t.Name, &kind, &t.Comment, &est, &t.Partitions, &t.PublicSelect,
				&populated, &readable); err != nil {
				rows.Close()
				return r.fail("read catalog", err)
			}
			t.Kind = relKinds[kind]
			t.RowEstimate = int64(est)
			if est < 0 {
				t.RowEstimate = -1
			}
			key := t.Schema + "." + t.Name
			r.skip(key, t, populated, readable)
			r.doc.Tables[key] = t
			r.oids[key] = oid
			byOID[oid] = t
			oids = append(oids, oid)
			if !seen[t.Schema] {
				seen[t.Schema] = true
				r.doc.Schemas = append(r.doc.Schemas, t.Schema)
			}
		}
		if err := rows.Err(); err != nil {
			return r.fail("read catalog", err)
		}
		if err := r.readColumns(ctx, oids, byOID); err != nil {
			return err
		}
		if err := r.readGrants(ctx, oids, byOID); err != nil {
			return err
		}
		if err := r.readViewSources(ctx, oids, byOID); err != nil {
			return err
		}
		return r.readForeignKeys(ctx, oids, byOID)
	})
}

func (r *run) readColumns(ctx context.Context, oids []uint32, byOID map[uint32]*evidence.Table) error {
	rows, err := r.tx.Query(ctx, columnsSQL, oids)
	if err != nil {
		return r.fail("read columns", err)
	}
	defer rows.Close()
	for rows.Next() {
		var oid uint32
		c := &evidence.Column{}
		var primary bool
		if err := rows.Scan(&oid, &c.Name, &c.Type, &c.Position, &c.NotNull, &c.Comment, &primary); err != nil {
			return r.fail("read columns", err)
		}
		// A surrogate key (a number or uuid) is a link; a natural key (an e-mail
		// address, a session id) is data and is sampled like any column.
		if primary && surrogateType(c.Type) {
			c.Link = "primary_key"
		}
		if t := byOID[oid]; t != nil {
			t.Columns[c.Name] = c
		}
	}
	if err := rows.Err(); err != nil {
		return r.fail("read columns", err)
	}
	return nil
}

func (r *run) readGrants(ctx context.Context, oids []uint32, byOID map[uint32]*evidence.Table) error {
	rows, err := r.tx.Query(ctx, grantsSQL, oids)
	if err != nil {
		return r.fail("read grants", err)
	}
	defer rows.Close()
	for rows.Next() {
		var oid uint32
		var grantee, priv string
		if err := rows.Scan(&oid, &grantee, &priv); err != nil {
			return r.fail("read grants", err)
		}
		if t := byOID[oid]; t != nil {
			if t.Grants == nil {
				t.Grants = map[string][]string{}
			}
			t.Grants[grantee] = append(t.Grants[grantee], priv)
		}
	}
	if err := rows.Err(); err != nil {
		return r.fail("read grants", err)
	}
	return nil
}

func (r *run) readForeignKeys(ctx context.Context, oids []uint32, byOID map[uint32]*evidence.Table) error {
	rows, err := r.tx.Query(ctx, foreignKeysSQL, oids)
	if err != nil {
		return r.fail("read foreign keys", err)
	}
	defer rows.Close()
	for rows.Next() {
		var oid uint32
		var fk evidence.ForeignKey
		var action string
		if err := rows.Scan(&oid, &fk.Name, &fk.Table, &action, &fk.Columns, &fk.RefColumns); err != nil {
			return r.fail("read foreign keys", err)
		}
		fk.OnDelete = onDelete[action]
		if t := byOID[oid]; t != nil {
			t.ForeignKeys = append(t.ForeignKeys, fk)
			for _, name := range fk.Columns {
				if c := t.Columns[name]; c != nil {
					c.Link = "foreign_key"
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		return r.fail("read foreign keys", err)
	}
	for _, t := range byOID {
		sort.Slice(t.ForeignKeys, func(i, j int) bool { return t.ForeignKeys[i].Name < t.ForeignKeys[j].Name })
	}
	return nil
}

// skip marks the tables whose rows vern does not read: those the inventory ignores (never
// read, not sampled, not counted), materialized views never populated (they hold no rows
// and reading one is an error), and those the role may not SELECT.
func (r *run) skip(key string, t *evidence.Table, populated, readable bool) {
	switch {
	case r.ignored(key):
		t.Skipped, t.Note = "ignored", "under ignore: in the inventory; not read"
	case t.Kind == "materialized_view" && !populated:
		t.Skipped, t.Note = "not_populated", "materialized view not populated (never refreshed): it holds no rows; skipped"
	case !readable && stored[t.Kind]:
		t.Skipped, t.Note = "no_privilege", "the role may not SELECT this table; not sampled or measured"
		r.doc.Unreadable = append(r.doc.Unreadable, evidence.UnreadableTable{Table: key,
			Fix: "GRANT SELECT ON " + pgx.Identifier{t.Schema, t.Name}.Sanitize() + " TO " + pgx.Identifier{r.doc.User}.Sanitize() + ";"})
	}
}

func (r *run) readViewSources(ctx context.Context, oids []uint32, byOID map[uint32]*evidence.Table) error {
	rows, err := r.tx.Query(ctx, viewSourcesSQL, oids)
	if err != nil {
		return r.fail("read view sources", err)
	}
	defer rows.Close()
	for rows.Next() {
		var oid uint32
		var src string
		if err := rows.Scan(&oid, &src); err != nil {
			return r.fail("read view sources", err)
		}
		if t := byOID[oid]; t != nil {
			t.ReadsFrom = append(t.ReadsFrom, src)
		}
	}
	if err := rows.Err(); err != nil {
		return r.fail("read view sources", err)
	}
	return nil
}

func surrogateType(pgType string) bool {
	switch pgType {
	case "integer", "bigint", "smallint", "uuid":
		return true
	}
	return false
}
