package vern.db

import data.vern.lib

# METADATA
# title: No subject key reaches a table with personal data
# description: |
#   An access, erasure or portability request starts from the person's identity: the
#   subject's table (declared with subject.key, or the personal table other tables refer
#   to) or a dataset's declared key column. This dataset holds personal data, but no
#   chain of foreign keys leads to it from a subject key and it declares no key column of
#   its own, so a request answered from the schema misses its rows (Art. 12(3), 15, 17, 20).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_15
#     description: GDPR Article 15
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_17
#     description: GDPR Article 17
# custom:
#   id: db.subject_unreachable
#   severity: medium
#   kind: drift
#   promise: [rights]
#   legal: ["GDPR Art. 12(3)", "GDPR Art. 15", "GDPR Art. 17", "GDPR Art. 20"]
#   remediation: |
#     Link the table to the person: add a foreign key to the subject's table, or declare
#     the column that identifies the person in vern.yaml (subject: {key: email}) and make
#     the access and erasure routines search it.
#   nb:
#     title: Ingen identitetsnøkkel når en tabell med personopplysninger
#     description: |
#       En forespørsel om innsyn, sletting eller dataportabilitet starter fra personens
#       identitet: den registrertes tabell (oppgitt med subject.key, eller tabellen med
#       personopplysninger som andre tabeller viser til) eller en nøkkelkolonne oppgitt for
#       datasettet. Dette datasettet har personopplysninger, men ingen kjede av fremmednøkler
#       fører dit fra en identitetsnøkkel, og det oppgir ingen nøkkelkolonne selv, så en
#       forespørsel besvart ut fra skjemaet går glipp av radene (art. 12 nr. 3, 15, 17, 20).
#     remediation: |
#       Knytt tabellen til personen: legg til en fremmednøkkel til den registrertes tabell,
#       eller oppgi kolonnen som identifiserer personen i vern.yaml (subject: {key: email}),
#       og la innsyns- og sletterutinene søke i den.
deny contains f if {
	some db, _ in _dbs
	some table in _subject_judged[db]
	not _subject_reached[db][table]
	roots := sort(_subject_roots[db])
	resource := _resource(db, table)
	f := lib.finding(rego.metadata.chain(), {
		"resource": resource,
		"target": resource,
		"message": sprintf(
			"Table %s holds personal data, but no foreign key leads to it from a subject key (%s) %s.",
			[table, _roots_text(roots), "and it declares no subject key of its own"],
		),
		"message_nb": sprintf(
			"Tabellen %s har personopplysninger, men ingen fremmednøkkel fører dit fra en identitetsnøkkel (%s) %s.",
			[table, _roots_text(roots), "og den oppgir ingen selv"],
		),
		"details": {"roots": roots},
	})
}

_roots_text(roots) := concat(", ", roots) if count(roots) > 0

_roots_text(roots) := "none found" if count(roots) == 0

# _subject_judged are the datasets whose table exists and holds personal data, detected or
# declared by categories.
_subject_judged[db] := {table |
	some table, ds in _inventory_datasets[db]
	doc.tables[table]
	_holds_personal(doc, table, ds)
} if {
	some db, doc in _dbs
}

_holds_personal(doc, table, _) if doc.personal[table]

_holds_personal(_, _, ds) if count(object.get(ds, "categories", [])) > 0

# _fk_edges lists each foreign key between two distinct tables of the catalog as
# [child, parent].
_fk_edges[db] := {[child, fk.table] |
	some child, t in doc.tables
	some fk in object.get(t, "foreign_keys", [])
	fk.table != child
	doc.tables[fk.table]
} if {
	some db, doc in _dbs
}

# _fk_children and _fk_parents are the graph both ways, with every table as a node:
# graph.reachable marks only the nodes that are keys of its graph.
_fk_children[db] := object.union(_fk_nodes[db], {parent: {e[0] | some e in edges; e[1] == parent} |
	some [_, parent] in edges
}) if {
	some db, edges in _fk_edges
}

# Going up stops at a table that identifies people by itself (an employee, the customer's
# sales rep): its rows are another person's.
_fk_parents[db] := object.union(_fk_nodes[db], {child: {e[1] | some e in edges; e[0] == child; not persons[e[1]]} |
	some [child, _] in edges
}) if {
	some db, edges in _fk_edges
	persons := {t: true | some t, columns in _dbs[db].personal; _has_direct(columns)}
}

_fk_nodes[db] := {t: set() | some t, _ in doc.tables} if {
	some db, doc in _dbs
}

# _declared_roots are the datasets that declare a subject key whose columns all exist.
_declared_roots[db] := {table |
	some table, ds in _inventory_datasets[db]
	key := ds.subject.key
	cols := doc.tables[table].columns
	every c in split(key, ",") {
		cols[trim_space(c)]
	}
} if {
	some db, doc in _dbs
}

# _inferred_root is the personal table with a direct identifier that the most other tables
# refer to, the first by name on a tie.
_inferred_root[db] := min({t | some t, n in counts; n == max_n}) if {
	some db, doc in _dbs
	children := object.get(_fk_children, db, {})
	counts := {t: count(children[t]) |
		some t, columns in doc.personal
		doc.tables[t]
		not _ignored_tables[db][t]
		_has_direct(columns)
		count(children[t]) > 0
	}
	count(counts) > 0
	max_n := max({n | some n in counts})
}

_has_direct(columns) if {
	some kinds in columns
	some k in kinds
	some d in ["user.name", "user.contact.email", "user.contact.phone_number", "user.government_id"]
	d in _lineage(k)
}

_subject_roots[db] := _declared_roots[db] | {r | r := _inferred_root[db]} if {
	some db, _ in _dbs
}

# _subject_reached are the tables reached going down the foreign keys from a root (rows
# that belong to the person) and then up from those (rows they refer to).
_subject_reached[db] := graph.reachable(object.get(_fk_parents, db, {}), down) if {
	some db, roots in _subject_roots
	down := graph.reachable(object.get(_fk_children, db, {}), roots)
}
