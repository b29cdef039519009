package vern.db

import data.vern.lib

# METADATA
# title: Every database role can read a table with personal data
# description: |
#   SELECT on the table is granted to PUBLIC, so every role that can log in to the database,
#   now or later, reads its personal data. Access is not limited to those who need it
#   (Art. 32(1)(b), Art. 25(2)).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_32
#     description: GDPR Article 32
# custom:
#   id: db.public_grant
#   severity: high
#   kind: law
#   ropa: [security]
#   legal: ["GDPR Art. 32(1)(b)", "GDPR Art. 25(2)"]
#   remediation: |
#     REVOKE SELECT ON the table FROM PUBLIC and grant it to the roles that need it.
#   nb:
#     title: Alle databaseroller kan lese en tabell med personopplysninger
#     description: |
#       SELECT på tabellen er gitt til PUBLIC, så enhver rolle som kan logge inn i databasen,
#       nå eller senere, leser personopplysningene. Tilgangen er ikke begrenset til dem som
#       trenger den (art. 32 nr. 1 bokstav b, art. 25 nr. 2).
#     remediation: |
#       REVOKE SELECT ON tabellen FROM PUBLIC og gi tilgang til rollene som trenger den.
deny contains f if {
	some db, doc in _dbs
	some table, columns in doc.personal
	doc.tables[table].public_select == true
	resource := _resource(db, table)
	f := lib.finding(rego.metadata.chain(), {
		"resource": resource,
		"target": resource,
		"message": sprintf("PUBLIC may SELECT from %s, which holds personal data in %d columns.", [table, count(columns)]),
		"message_nb": sprintf(
			"PUBLIC kan lese (SELECT) %s, som har personopplysninger i %d kolonner.",
			[table, count(columns)],
		),
		"details": {"columns": sort(object.keys(columns))},
	})
}
