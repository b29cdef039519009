package vern.db

import data.vern.lib

# METADATA
# title: Rows of a consent-based dataset without consent
# description: |
#   The dataset's purpose rests on consent, but rows that are not erased have no consent
#   recorded: their processing has no legal basis (Art. 6(1)(a), Art. 7(1)).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_7
#     description: GDPR Article 7
# custom:
#   id: db.consent_missing
#   severity: high
#   kind: law
#   promise: [purposes]
#   legal: ["GDPR Art. 6(1)(a)", "GDPR Art. 7(1)"]
#   remediation: |
#     Stop processing these rows for the consent-based purpose and erase them, or obtain and
#     record consent.
#   nb:
#     title: Rader i et samtykkebasert datasett uten samtykke
#     description: |
#       Datasettets formål bygger på samtykke, men rader som ikke er slettet har ikke
#       registrert samtykke: behandlingen mangler grunnlag (art. 6 nr. 1 bokstav a, art. 7 nr. 1).
#     remediation: |
#       Stans behandlingen av radene for det samtykkebaserte formålet og slett dem, eller
#       innhent og registrer samtykke.
deny contains f if {
	some db, doc in _dbs
	some table, m in doc.datasets
	n := m.consent.missing
	n > 0
	f := lib.finding(rego.metadata.chain(), {
		"resource": _resource(db, table),
		"target": _resource(db, table),
		"message": sprintf("%d rows of %s have no consent recorded in %s and are not erased.", [n, table, m.consent.given]),
		"message_nb": sprintf(
			"%d rader i %s har ikke registrert samtykke i %s og er ikke slettet.",
			[n, table, m.consent.given],
		),
		"count": n,
		"details": {"given": m.consent.given},
	})
}
