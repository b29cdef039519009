package vern.db

import data.vern.lib

# METADATA
# title: Cascading deletes can remove rows that must be kept
# description: |
#   The dataset falls under a retention rule with a minimum (e.g. five years under
#   bokføringsloven), but ON DELETE CASCADE foreign keys let a delete elsewhere (an erasure
#   request on a customer) remove its rows before the minimum has passed.
# related_resources:
#   - ref: https://lovdata.no/lov/2004-11-19-73/§13
#     description: Bokføringsloven § 13
# custom:
#   id: db.minimum_retention_at_risk
#   severity: medium
#   kind: law
#   promise: [retention]
#   ropa: [erasure]
#   legal: ["bokføringsloven § 13", "GDPR Art. 17(3)(b)"]
#   remediation: |
#     Change the foreign keys to ON DELETE RESTRICT (or anonymise the parent instead of
#     deleting it) so the rows are kept for the minimum period.
#   nb:
#     title: Kaskadesletting kan fjerne rader som skal oppbevares
#     description: |
#       Datasettet omfattes av en lagringsregel med minstetid (f.eks. fem år etter
#       bokføringsloven), men fremmednøkler med ON DELETE CASCADE lar en sletting et annet
#       sted (en sletteforespørsel for en kunde) fjerne radene før minstetiden er ute.
#     remediation: |
#       Endre fremmednøklene til ON DELETE RESTRICT (eller anonymiser forelderen i stedet
#       for å slette den) så radene oppbevares i minstetiden.
deny contains f if {
	some db, doc in _dbs
	some table, m in doc.datasets
	cascades := object.get(m, "cascades", [])
	count(cascades) > 0
	from := sort({c.from | some c in cascades})
	f := lib.finding(rego.metadata.chain(), {
		"resource": _resource(db, table),
		"target": _resource(db, table),
		"message": sprintf(
			"Deleting rows of %s cascades into %s, which must be kept for a minimum period.",
			[concat(", ", from), table],
		),
		"message_nb": sprintf(
			"Sletting av rader i %s kaskaderer til %s, som skal oppbevares i en minstetid.",
			[concat(", ", from), table],
		),
		"details": {"cascades": cascades, "retention": object.get(_dataset(db, table), "retention", "")},
	})
}
