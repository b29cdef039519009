package vern.db

import data.vern.lib

# METADATA
# title: Personal data the statement does not declare
# description: |
#   A column holds a kind of personal data that none of the statement's categories covers,
#   so people are not told it is processed (Art. 13(1)(c), 5(1)(a)). Special categories are
#   reported by db.special_category instead.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#     description: GDPR Article 13
# custom:
#   id: db.undeclared_data
#   severity: high
#   kind: drift
#   promise: [categories]
#   ropa: [data, undeclared]
#   legal: ["GDPR Art. 13(1)(c)", "GDPR Art. 5(1)(a)"]
#   remediation: |
#     Stop storing the data, or declare it: add the data kind to a category of
#     declaration.yaml and publish the change in the privacy statement.
#   nb:
#     title: Personopplysninger som erklæringen ikke oppgir
#     description: |
#       En kolonne har en type personopplysninger som ingen kategori i erklæringen dekker, så
#       de registrerte får ikke vite at den behandles (art. 13 nr. 1 bokstav c, art. 5 nr. 1
#       bokstav a). Særlige kategorier meldes av db.special_category.
#     remediation: |
#       Slutt å lagre opplysningene, eller oppgi dem: legg datatypen til en kategori i
#       declaration.yaml og publiser endringen i personvernerklæringen.
deny contains f if {
	some db, doc in _dbs
	kinds := doc.personal[table][column]
	undeclared := _gaps[kinds].undeclared
	count(undeclared) > 0
	f := lib.finding(rego.metadata.chain(), {
		"resource": _column_resource(db, table, column),
		"target": _resource(db, table),
		"message": sprintf(
			"Column %s.%s holds %s, which no declared category covers.",
			[table, column, concat(", ", undeclared)],
		),
		"message_nb": sprintf(
			"Kolonnen %s.%s har %s, som ingen oppgitt kategori dekker.",
			[table, column, concat(", ", undeclared)],
		),
		"details": {"kinds": undeclared, "table": table, "column": column},
	})
}
