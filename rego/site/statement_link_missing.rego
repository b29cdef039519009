package vern.site

import data.vern.cookies
import data.vern.lib

# METADATA
# title: Page without a link to the privacy statement
# description: |
#   A crawled page does not link to the privacy statement. The information Art. 13 requires
#   must be easily accessible (Art. 12(1)), which in practice means a link on every page.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_12
#     description: GDPR Article 12
# custom:
#   id: site.statement_link_missing
#   severity: medium
#   kind: law
#   promise: [statement]
#   legal: ["GDPR Art. 12(1)", "GDPR Art. 13(1)"]
#   remediation: Put a link to the privacy statement in the footer of every page template.
#   nb:
#     title: Side uten lenke til personvernerklæringen
#     description: |
#       En side mangler lenke til personvernerklæringen. Informasjonen art. 13 krever skal
#       være lett tilgjengelig (art. 12 nr. 1), som i praksis betyr en lenke på hver side.
#     remediation: Legg en lenke til personvernerklæringen i bunnteksten i alle sidemaler.
deny contains f if {
	some t in cookies.sites
	statement := _statement_path(t)
	statement != ""
	some pg in t.data.pages
	object.get(pg, "error", "") == ""
	pg.status < 400
	not pg.links_statement
	pg.path != statement
	f := lib.finding(rego.metadata.chain(), {
		"resource": _page_resource(t, pg.path),
		"target": cookies.target(t),
		"message": sprintf("Page %s has no link to the privacy statement (%s).", [pg.path, statement]),
		"message_nb": sprintf("Siden %s har ingen lenke til personvernerklæringen (%s).", [pg.path, statement]),
		"details": {"path": pg.path, "statement": statement},
	})
}
