package vern.site

import data.vern.cookies
import data.vern.lib

# METADATA
# title: The privacy statement page does not load
# description: |
#   The statement page configured for the site did not load (an error status, a timeout or
#   a network error), so visitors cannot read the information Art. 13 requires.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_12
#     description: GDPR Article 12
# custom:
#   id: site.statement_unreachable
#   severity: high
#   kind: law
#   promise: [statement]
#   legal: ["GDPR Art. 12(1)", "GDPR Art. 13(1)"]
#   remediation: Publish the statement at the configured path, or correct the statement path in vern.yaml.
#   nb:
#     title: Personvernerklæringen lar seg ikke åpne
#     description: |
#       Siden med personvernerklæringen lastet ikke (feilstatus, tidsavbrudd eller
#       nettverksfeil), så besøkende kan ikke lese informasjonen art. 13 krever.
#     remediation: Publiser erklæringen på den oppgitte stien, eller rett stien i vern.yaml.
deny contains f if {
	some t in cookies.sites
	statement := _statement_path(t)
	statement != ""
	not t.data.statement.reachable
	f := lib.finding(rego.metadata.chain(), {
		"resource": _page_resource(t, statement),
		"target": cookies.target(t),
		"message": sprintf("The privacy statement %s does not load (%s).", [statement, _why(t.data.statement)]),
		"message_nb": sprintf("Personvernerklæringen %s lar seg ikke åpne (%s).", [statement, _why(t.data.statement)]),
		"details": {"status": object.get(t.data.statement, "status", 0), "error": object.get(t.data.statement, "error", "")},
	})
}

_why(st) := st.error if {
	object.get(st, "error", "") != ""
} else := sprintf("HTTP %d", [object.get(st, "status", 0)])
