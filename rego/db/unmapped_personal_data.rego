package vern.db

import data.vern.lib

# METADATA
# title: A table holds personal data the inventory does not map
# description: |
#   vern detected personal data in a table that is neither a dataset of vern.yaml nor
#   ignored there, so no category, purpose or retention rule of the statement is tied to it.
#   Records of processing (Art. 30) and retention (Art. 5(1)(e)) cannot be shown for it.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_30
#     description: GDPR Article 30
# custom:
#   id: db.unmapped_personal_data
#   severity: medium
#   kind: drift
#   legal: ["GDPR Art. 30(1)", "GDPR Art. 5(2)"]
#   remediation: |
#     Add the table as a dataset in vern.yaml with its categories, purposes and retention
#     rule, or, when the detection is wrong or the data is not personal, list it under ignore.
#   nb:
#     title: En tabell har personopplysninger som inventaret ikke kartlegger
#     description: |
#       vern fant personopplysninger i en tabell som verken er et datasett i vern.yaml eller
#       ignorert der, så ingen kategori, formål eller lagringsregel i erklæringen er knyttet
#       til den. Protokoll (art. 30) og lagringstid (art. 5 nr. 1 bokstav e) kan ikke vises.
#     remediation: |
#       Legg tabellen inn som datasett i vern.yaml med kategorier, formål og lagringsregel,
#       eller før den opp under ignore dersom funnet er feil eller dataene ikke er personopplysninger.
deny contains f if {
	some db, doc in _dbs
	some table, columns in doc.personal
	not _inventory_datasets[db][table]
	not _ignored_tables[db][table]
	kinds := sort({k | some ks in columns; some k in ks})
	resource := _resource(db, table)
	f := lib.finding(rego.metadata.chain(), {
		"resource": resource,
		"target": resource,
		"message": sprintf(
			"Table %s holds personal data (%s) in %d columns but is neither a dataset nor ignored in vern.yaml.",
			[table, concat(", ", kinds), count(columns)],
		),
		"message_nb": sprintf(
			"Tabellen %s har personopplysninger (%s) i %d kolonner, men er verken datasett eller ignorert i vern.yaml.",
			[table, concat(", ", kinds), count(columns)],
		),
		"details": {"columns": sort(object.keys(columns)), "kinds": kinds},
	})
}
