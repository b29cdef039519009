package vern.db

import data.vern.lib

# METADATA
# title: A consent-based dataset does not record consent
# description: |
#   The dataset serves a purpose whose legal basis is consent, but vern.yaml names no column
#   that records when consent was given: the controller cannot demonstrate consent
#   (Art. 7(1)) or act on its withdrawal (Art. 7(3)).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_7
#     description: GDPR Article 7
# custom:
#   id: db.consent_untracked
#   severity: high
#   kind: drift
#   promise: [purposes]
#   legal: ["GDPR Art. 7(1)", "GDPR Art. 7(3)", "GDPR Art. 6(1)(a)"]
#   remediation: |
#     Record consent (when it was given and withdrawn) in the table and name the columns under
#     consent: {given, withdrawn, grace} in vern.yaml.
#   nb:
#     title: Et samtykkebasert datasett registrerer ikke samtykke
#     description: |
#       Datasettet tjener et formål med samtykke som behandlingsgrunnlag, men vern.yaml nevner
#       ingen kolonne som viser når samtykket ble gitt: den behandlingsansvarlige kan ikke
#       påvise samtykket (art. 7 nr. 1) eller følge opp at det trekkes tilbake (art. 7 nr. 3).
#     remediation: |
#       Registrer samtykke (når det ble gitt og trukket tilbake) i tabellen og oppgi kolonnene
#       under consent: {given, withdrawn, grace} i vern.yaml.
deny contains f if {
	some db, database in input.inventory.databases
	some table, ds in object.get(database, "datasets", {})
	purposes := {p | some p in object.get(ds, "purposes", []); p in _consent_purposes}
	count(purposes) > 0
	object.get(ds, ["consent", "given"], "") == ""
	f := lib.finding(rego.metadata.chain(), {
		"resource": _resource(db, table),
		"target": _resource(db, table),
		"message": sprintf(
			"Dataset %s serves the consent-based purposes %s but names no consent column.",
			[table, concat(", ", sort(purposes))],
		),
		"message_nb": sprintf(
			"Datasettet %s tjener de samtykkebaserte formålene %s, men oppgir ingen samtykkekolonne.",
			[table, concat(", ", sort(purposes))],
		),
		"details": {"purposes": sort(purposes)},
	})
}
