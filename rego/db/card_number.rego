package vern.db

import data.vern.lib

# METADATA
# title: Full payment card numbers stored
# description: |
#   A column whose name or content says card holds full card numbers (a known issuer
#   prefix, 13-19 digits and a valid Luhn check digit; KID payment references are not
#   counted). Card numbers must not be kept outside a PCI DSS environment, and their theft
#   enables fraud (Art. 32, Art. 5(1)(c)).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_32
#     description: GDPR Article 32
# custom:
#   id: db.card_number
#   severity: critical
#   kind: law
#   ropa: [security]
#   legal: ["GDPR Art. 32(1)(a)", "GDPR Art. 5(1)(c)", "PCI DSS 3.4"]
#   remediation: |
#     Keep only the payment provider's token and the masked number (first six, last four),
#     erase the full numbers and purge them from backups.
#   nb:
#     title: Fullstendige kortnumre lagret
#     description: |
#       En kolonne der navnet eller innholdet sier kort har fullstendige kortnumre (kjent
#       utsteder, 13-19 sifre og gyldig Luhn-kontrollsiffer; KID-numre telles ikke).
#       Kortnumre skal ikke lagres utenfor et PCI DSS-miljø, og tyveri av dem gir svindel
#       (art. 32, art. 5 nr. 1 bokstav c).
#     remediation: |
#       Behold bare betalingsleverandørens token og det maskerte nummeret (seks første, fire
#       siste), slett de fullstendige numrene og fjern dem fra sikkerhetskopier.
deny contains f if {
	some [db, table, column, exact] in _exact
	n := exact.card_number.matches
	n > 0
	f := lib.finding(rego.metadata.chain(), {
		"resource": _column_resource(db, table, column),
		"target": _resource(db, table),
		"message": sprintf("%d values of %s.%s are full payment card numbers.", [n, table, column]),
		"message_nb": sprintf("%d verdier i %s.%s er fullstendige kortnumre.", [n, table, column]),
		"count": n,
		"details": {"checked": exact.card_number.checked},
	})
}
