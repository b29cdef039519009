package vern.db

import data.vern.lib

# METADATA
# title: Rows kept past the declared maximum retention
# description: |
#   Personal data may be kept no longer than necessary (storage limitation, Art. 5(1)(e)),
#   and the statement names a maximum. The dataset holds rows older than that maximum that
#   are neither exempt (exempt_when) nor erased (erased_when).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
#     description: GDPR Article 5
# custom:
#   id: db.retention_exceeded
#   severity: high
#   kind: drift
#   promise: [retention]
#   ropa: [erasure]
#   legal: ["GDPR Art. 5(1)(e)", "GDPR Art. 17(1)(a)", "GDPR Art. 13(2)(a)"]
#   remediation: |
#     Delete or anonymise the rows past the retention period, and schedule the job that
#     keeps doing it; if rows are exempt, say which in exempt_when.
#   nb:
#     title: Rader lagret lenger enn oppgitt maksimal lagringstid
#     description: |
#       Personopplysninger skal ikke lagres lenger enn nødvendig (lagringsbegrensning, art. 5
#       nr. 1 bokstav e), og erklæringen oppgir en maksimal lagringstid. Datasettet har rader
#       eldre enn dette som verken er unntatt (exempt_when) eller slettet (erased_when).
#     remediation: |
#       Slett eller anonymiser radene som har passert lagringstiden, og planlegg jobben som
#       fortsetter å gjøre det; er rader unntatt, beskriv hvilke i exempt_when.
deny contains f if {
	some db, doc in _dbs
	some table, m in doc.datasets
	n := m.retention.expired
	n > 0
	f := lib.finding(rego.metadata.chain(), {
		"resource": _resource(db, table),
		"target": _resource(db, table),
		"message": sprintf(
			"%d rows of %s are kept past the declared maximum of %s (the oldest is %d days old), neither exempt nor erased.",
			[n, table, m.retention.max, m.retention.oldest_days],
		),
		"message_nb": sprintf(
			"%d rader i %s er lagret lenger enn oppgitt maksimum på %s (den eldste er %d dager gammel), %s.",
			[n, table, lib.period_nb(m.retention.max), m.retention.oldest_days, "verken unntatt eller slettet"],
		),
		"count": n,
		"details": {
			"max": m.retention.max,
			"from": object.get(m.retention, "from", ""),
			"oldest_days": m.retention.oldest_days,
			"timestamp": m.retention.timestamp,
			"retention": object.get(_dataset(db, table), "retention", ""),
		},
	})
}
