package vern.db

import data.vern.lib

# METADATA
# title: Rows kept after consent was withdrawn
# description: |
#   When consent is withdrawn, data processed on that basis must be erased unless another
#   ground applies (Art. 17(1)(b)); the statement promises deletion on withdrawal. Rows whose
#   consent was withdrawn longer ago than the grace period are not erased.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_17
#     description: GDPR Article 17
# custom:
#   id: db.consent_withdrawn_retained
#   severity: high
#   kind: drift
#   promise: [purposes, retention]
#   ropa: [erasure]
#   legal: ["GDPR Art. 17(1)(b)", "GDPR Art. 7(3)"]
#   remediation: |
#     Erase or anonymise rows once consent is withdrawn (within the grace period) and make
#     erased_when describe the erased state.
#   nb:
#     title: Rader beholdt etter at samtykket er trukket tilbake
#     description: |
#       Når samtykket trekkes tilbake, skal opplysninger behandlet på det grunnlaget slettes
#       om ikke et annet grunnlag gjelder (art. 17 nr. 1 bokstav b); erklæringen lover
#       sletting. Rader der samtykket ble trukket tilbake for lenger siden enn fristen er ikke slettet.
#     remediation: |
#       Slett eller anonymiser rader når samtykket trekkes tilbake (innen fristen), og la
#       erased_when beskrive slettet tilstand.
deny contains f if {
	some db, doc in _dbs
	some table, m in doc.datasets
	n := m.consent.withdrawn_retained
	n > 0
	f := lib.finding(rego.metadata.chain(), {
		"resource": _resource(db, table),
		"target": _resource(db, table),
		"message": sprintf(
			"%d rows of %s had their consent withdrawn longer ago than the grace of %s and are not erased.",
			[n, table, _grace(m.consent)],
		),
		"message_nb": sprintf(
			"%d rader i %s fikk samtykket trukket tilbake for lenger siden enn fristen på %s og er ikke slettet.",
			[n, table, lib.period_nb(_grace(m.consent))],
		),
		"count": n,
		"details": {"grace": _grace(m.consent), "withdrawn": object.get(m.consent, "withdrawn", "")},
	})
}

# _grace is the declared grace after a withdrawal; none declared is no grace at all.
_grace(consent) := object.get(consent, "grace", "0 days")
