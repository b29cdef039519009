package vern.site

import data.vern.cookies
import data.vern.lib

# METADATA
# title: The published statement differs from the declaration
# description: |
#   The "last updated" date the statement page shows, or the hash of its text when the
#   declaration pins one, differs from the declaration. Either the statement changed and the
#   declaration was not reviewed, or the site shows an old version.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_12
#     description: GDPR Article 12
# custom:
#   id: site.statement_outdated
#   severity: medium
#   kind: drift
#   promise: [statement]
#   legal: ["GDPR Art. 12(1)", "GDPR Art. 5(2)"]
#   remediation: |
#     Review the declaration against the published statement and update statement.updated
#     (and statement.sha256) in declaration.yaml, or publish the current statement.
#   nb:
#     title: Den publiserte erklæringen avviker fra deklarasjonen
#     description: |
#       Datoen for «sist oppdatert» på erklæringssiden, eller hashen av teksten når
#       deklarasjonen angir en, avviker fra deklarasjonen. Enten er erklæringen endret uten at
#       deklarasjonen er gjennomgått, eller nettstedet viser en gammel versjon.
#     remediation: |
#       Gå gjennom deklarasjonen mot den publiserte erklæringen og oppdater statement.updated
#       (og statement.sha256) i declaration.yaml, eller publiser gjeldende erklæring.
deny contains f if {
	some t in cookies.sites
	st := t.data.statement
	st.reachable
	differs := [d | some d in ["updated", "sha256"]; _differs(st, d)]
	count(differs) > 0
	f := lib.finding(rego.metadata.chain(), {
		"resource": _page_resource(t, st.path),
		"target": cookies.target(t),
		"message": sprintf("The published statement differs from the declaration: %s.", [concat(", ", differs)]),
		"message_nb": sprintf("Den publiserte erklæringen avviker fra deklarasjonen: %s.", [concat(", ", differs)]),
		"details": {
			"differs": differs, "published_updated": object.get(st, "updated", ""), "declared_updated": _declared("updated"),
			"published_sha256": object.get(st, "sha256", ""), "declared_sha256": _declared("sha256"),
		},
	})
}

_declared(key) := object.get(object.get(input, ["declaration", "statement"], {}), key, "")

_differs(st, "updated") if {
	published := object.get(st, "updated", "")
	published != ""
	_declared("updated") != ""
	published != substring(_declared("updated"), 0, 10)
}

_differs(st, "sha256") if {
	_declared("sha256") != ""
	lower(_declared("sha256")) != object.get(st, "sha256", "")
}
