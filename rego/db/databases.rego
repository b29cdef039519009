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

_datasets(db) := object.get(input.inventory, ["databases", db, "datasets"], {})

_dataset(db, table) := _datasets(db)[table]

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

_ignored(db, table) if {
	some pattern in object.get(input.inventory, ["databases", db, "ignore"], [])
	glob.match(pattern, ["."], table)
}

# _detection is the strongest detection of kind in a column, for details.
_detection(db, table, column, kind) := d if {
	some d in _dbs[db].tables[table].columns[column].detections
	d.kind == kind
}

_consent_purposes contains id if {
	some id, p in input.declaration.purposes
	p.basis == "consent"
}
