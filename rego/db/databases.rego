# METADATA
# description: |
#   Rules on PostgreSQL databases: what the postgres collector found (detected personal data,
#   grants, foreign keys, retention and consent counts) judged against the declaration and
#   the inventory's datasets.
package vern.db

# _dbs maps each collected database (a postgres target that did not fail) to its evidence.
_dbs[name] := t.data if {
	some tname, t in input.targets
	t.kind == "postgres"
	t.status != "failed"
	is_object(t.data)
	name := trim_prefix(tname, "db:")
}

# _inventory_datasets maps each database of the inventory to its datasets by table, built
# once so that a table's lookup is one index.
_inventory_datasets := {db: object.get(d, "datasets", {}) | some db, d in object.get(input.inventory, "databases", {})}

_dataset(db, table) := _inventory_datasets[db][table]

_resource(db, table) := sprintf("postgres://%s/%s", [db, table])

_column_resource(db, table, column) := sprintf("postgres://%s/%s/%s", [db, table, column])

# _declared_kinds are the data kinds of every declared category.
_declared_kinds contains kind if {
	some category in input.declaration.categories
	some kind in object.get(category, "data", [])
}

# _dataset_kinds are the data kinds of a dataset's categories.
_dataset_kinds(ds) := {kind |
	some c in object.get(ds, "categories", [])
	some kind in object.get(input.declaration.categories, [c, "data"], [])
}

# _lineage is a kind and the kinds above it: user.contact.email, user.contact, user.
_lineage(kind) := {concat(".", array.slice(parts, 0, i)) |
	parts := split(kind, ".")
	some i in numbers.range(1, count(parts))
}

# _covered holds when kind equals or lies under one of the kinds in declared.
_covered(kind, declared) if {
	some k in _lineage(kind)
	k in declared
}

_special(kind) if {
	some k in _lineage(kind)
	k in data.vern.reference.fides.special
}

_special(kind) if {
	some k in _lineage(kind)
	k in data.vern.reference.fides.criminal
}

# _ignored_tables maps a database to its tables with personal data that the inventory
# ignores, matched once per database rather than once per table.
_ignored_tables[db] := {table |
	some pattern in patterns
	some table, _ in doc.personal
	glob.match(pattern, ["."], table)
} if {
	some db, doc in _dbs
	patterns := _ignore_patterns[db]
}

_ignore_patterns := {db: object.get(d, "ignore", []) | some db, d in object.get(input.inventory, "databases", {})}

# _kind_gap is how the declaration treats a detected kind: "special" (Art. 9 and 10 data),
# "undeclared" (no declared category covers it) or "declared". It has a value for every
# kind, so it is worked out once per kind rather than once per column.
_kind_gap(kind) := "special" if {
	_special(kind)
} else := "undeclared" if {
	not _covered(kind, _declared_kinds)
} else := "declared"

# _kind_gaps holds the sorted kinds of a column's list that are special and that are
# undeclared; a function of the list alone, so columns with the same kinds share it.
_kind_gaps(kinds) := {gap: sort({k | some k in kinds; _kind_gap(k) == gap}) | some gap in ["special", "undeclared"]}

# _gaps maps each distinct list of kinds detected in a column to its _kind_gaps, so a
# column's gaps are one lookup.
_gaps := {kinds: _kind_gaps(kinds) | some kinds in _kind_lists}

_kind_lists contains kinds if {
	some doc in _dbs
	some columns in doc.personal
	some kinds in columns
}

# _special_found holds when some column holds special category data.
_special_found if {
	some gaps in _gaps
	count(gaps.special) > 0
}

# _exact lists every column with exact counts as [db, table, column, counts]: the rules that
# read them share one pass over all columns.
_exact := [[db, table, column, exact] |
	some db, doc in _dbs
	exact := doc.tables[table].columns[column].exact
]

# _detection is the strongest detection of kind in a column, for details.
_detection(db, table, column, kind) := d if {
	some d in _dbs[db].tables[table].columns[column].detections
	d.kind == kind
}

_consent_purposes contains id if {
	some id, p in input.declaration.purposes
	p.basis == "consent"
}
