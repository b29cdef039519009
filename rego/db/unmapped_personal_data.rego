package vern.db

import data.vern.lib

# METADATA
# title: A table holds personal data the inventory does not map
# description: |
#   vern detected personal data in a table (or a foreign key linking each row to a table
#   with personal data) that is neither a dataset of vern.yaml nor ignored there, so no
#   category, purpose or retention rule of the statement is tied to it.
#   Records of processing (Art. 30) and retention (Art. 5(1)(e)) cannot be shown for it.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_30
#     description: GDPR Article 30
# custom:
#   id: db.unmapped_personal_data
#   severity: medium
#   kind: drift
#   ropa: [undeclared]
#   legal: ["GDPR Art. 30(1)", "GDPR Art. 5(2)"]
#   remediation: |
#     Add the table as a dataset in vern.yaml with its categories, purposes and retention
#     rule, or, when the detection is wrong or the data is not personal, list it under ignore.
#   nb:
#     title: En tabell har personopplysninger som inventaret ikke kartlegger
#     description: |
#       vern fant personopplysninger i en tabell (eller en fremmednøkkel som knytter hver rad
#       til en tabell med personopplysninger) som verken er et datasett i vern.yaml eller
#       ignorert der, så ingen kategori, formål eller lagringsregel i erklæringen er knyttet
#       til den. Protokoll (art. 30) og lagringstid (art. 5 nr. 1 bokstav e) kan ikke vises.
#     remediation: |
#       Legg tabellen inn som datasett i vern.yaml med kategorier, formål og lagringsregel,
#       eller før den opp under ignore dersom funnet er feil eller dataene ikke er personopplysninger.
deny contains f if {
	some [db, table, message, message_nb, details] in _unmapped
	resource := _resource(db, table)
	f := lib.finding(rego.metadata.chain(), {
		"resource": resource,
		"target": resource,
		"message": message,
		"message_nb": message_nb,
		"details": details,
	})
}

_unmapped contains [db, table, message, message_nb, details] if {
	some db, doc in _dbs
	some table, columns in doc.personal
	not _inventory_datasets[db][table]
	not _ignored_tables[db][table]
	kinds := sort({k | some ks in columns; some k in ks})
	message := sprintf(
		"Table %s holds personal data (%s) in %d columns but is neither a dataset nor ignored in vern.yaml.",
		[table, concat(", ", kinds), count(columns)],
	)
	message_nb := sprintf(
		"Tabellen %s har personopplysninger (%s) i %d kolonner, men er verken datasett eller ignorert i vern.yaml.",
		[table, concat(", ", kinds), count(columns)],
	)
	details := {"columns": sort(object.keys(columns)), "kinds": kinds}
}

# A table with no personal column whose foreign key points at a table with personal data
# is personal too: each of its rows is about the person the link names.
_unmapped contains [db, table, message, message_nb, details] if {
	some db, doc in _dbs
	some table, t in doc.tables
	links := object.get(t, "personal_links", [])
	count(links) > 0
	not doc.personal[table]
	not _inventory_datasets[db][table]
	not _ignored_link(db, table)
	linked := sort({l.table | some l in links})
	message := sprintf(
		"Table %s links each row to personal data in %s but is neither a dataset nor ignored in vern.yaml.",
		[table, concat(", ", linked)],
	)
	message_nb := sprintf(
		"Tabellen %s knytter hver rad til personopplysninger i %s, men er verken datasett eller ignorert i vern.yaml.",
		[table, concat(", ", linked)],
	)
	details := {"links": sort({l.name | some l in links}), "linked_tables": linked}
}

_ignored_link(db, table) if {
	some pattern in _ignore_patterns[db]
	glob.match(pattern, ["."], table)
}
