package vern.cookies

import data.vern.lib

# METADATA
# title: Cookie neither declared nor known
# description: |
#   The cookie is not in the declaration's cookie list nor in vern's catalog, so its purpose
#   is unknown. Until it is classified it is treated as non-essential.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#     description: GDPR Article 13
# custom:
#   id: cookies.unclassified
#   severity: low
#   kind: drift
#   promise: [cookies]
#   legal: ["GDPR Art. 13(1)(c)", "ekomloven § 3-15"]
#   remediation: |
#     Find out what sets the cookie and why, then list it under cookies.known in
#     declaration.yaml with its purpose (and remove it if it has none).
#   nb:
#     title: Informasjonskapsel som verken er erklært eller kjent
#     description: |
#       Informasjonskapselen står verken i erklæringens liste eller i vern sin katalog, så
#       formålet er ukjent. Inntil den er klassifisert regnes den som ikke-nødvendig.
#     remediation: |
#       Finn ut hva som setter informasjonskapselen og hvorfor, og før den opp under
#       cookies.known i declaration.yaml med formål (eller fjern den om den ikke har noe).
deny contains f if {
	some name, t in sites
	tgt := target(t)
	classes := cookie_classes[name]
	some i, c in t.data.cookies
	classes[i].source == "unclassified"
	f := lib.finding(rego.metadata.chain(), {
		"resource": cookie_resource(t, c),
		"target": tgt,
		"message": sprintf("Cookie %q on %s is neither declared nor in the catalog.", [c.name, c.domain]),
		"message_nb": sprintf("Informasjonskapselen %q på %s er verken erklært eller i katalogen.", [c.name, c.domain]),
		"details": {"party": c.party, "lifetime_days": c.lifetime_days},
	})
}
