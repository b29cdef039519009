package vern.db

import data.vern.lib

# METADATA
# title: Erasure leaves a personal data column behind
# description: |
#   The dataset's erased_when condition decides which rows count as erased or anonymised,
#   but it does not name a column where vern detected personal data: rows it calls erased
#   may still hold that data (Art. 17, Art. 5(1)(e)).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_17
#     description: GDPR Article 17
# custom:
#   id: db.erasure_incomplete
#   severity: medium
#   kind: drift
#   promise: [retention]
#   ropa: [erasure]
#   legal: ["GDPR Art. 17(1)", "GDPR Art. 5(1)(e)"]
#   remediation: |
#     Make the erasure or anonymisation job clear this column too and add it to erased_when
#     (e.g. "... AND column IS NULL").
#   nb:
#     title: Sletting etterlater en kolonne med personopplysninger
#     description: |
#       Datasettets erased_when bestemmer hvilke rader som regnes som slettet eller
#       anonymisert, men nevner ikke en kolonne der vern fant personopplysninger: rader som
#       regnes som slettet kan fortsatt ha disse opplysningene (art. 17, art. 5 nr. 1 bokstav e).
#     remediation: |
#       La slette- eller anonymiseringsjobben tømme også denne kolonnen, og ta den med i
#       erased_when (f.eks. "... AND kolonne IS NULL").
deny contains f if {
	some db, doc in _dbs
	some table, m in doc.datasets
	some column in object.get(m, "unerased", [])
	f := lib.finding(rego.metadata.chain(), {
		"resource": _column_resource(db, table, column),
		"target": _resource(db, table),
		"message": sprintf(
			"erased_when of %s does not cover column %s, which holds personal data (%s).",
			[table, column, concat(", ", object.get(doc.personal, [table, column], []))],
		),
		"message_nb": sprintf(
			"erased_when for %s dekker ikke kolonnen %s, som har personopplysninger (%s).",
			[table, column, concat(", ", object.get(doc.personal, [table, column], []))],
		),
		"details": {
			"kinds": object.get(doc.personal, [table, column], []),
			"erased_when_columns": object.get(m, "erased_when", []),
		},
	})
}
