package vern.cookies

import data.vern.lib

# METADATA
# title: Cookie purpose not declared in the statement
# description: |
#   The site uses a cookie for a purpose (such as marketing) that the statement does not
#   list among its cookie purposes, so visitors are not told about it (GDPR Art. 13(1)(c)).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#     description: GDPR Article 13
# custom:
#   id: cookies.purpose_undeclared
#   severity: high
#   kind: drift
#   legal: ["GDPR Art. 13(1)(c)", "GDPR Art. 5(1)(a)", "ekomloven § 3-15"]
#   remediation: |
#     Remove the cookie, or describe its purpose in the statement and add it to
#     cookies.purposes in declaration.yaml.
#   nb:
#     title: Formålet med informasjonskapselen er ikke oppgitt i erklæringen
#     description: |
#       Nettstedet bruker en informasjonskapsel til et formål (for eksempel markedsføring)
#       som erklæringen ikke nevner blant formålene med informasjonskapsler, så besøkende får
#       ikke vite om det (GDPR art. 13 nr. 1 bokstav c).
#     remediation: |
#       Fjern informasjonskapselen, eller beskriv formålet i erklæringen og legg det til under
#       cookies.purposes i declaration.yaml.
deny contains f if {
	some name, t in sites
	tgt := target(t)
	classes := cookie_classes[name]
	some i, c in t.data.cookies
	cl := classes[i]
	p := cl.purpose
	not p in _unreported_purposes
	f := lib.finding(rego.metadata.chain(), {
		"resource": cookie_resource(t, c),
		"target": tgt,
		"message": sprintf("Cookie %q is used for %s, which the statement does not declare.", [c.name, p]),
		"message_nb": sprintf("Informasjonskapselen %q brukes til %s, som erklæringen ikke oppgir.", [c.name, p]),
		"details": {"purpose": p, "source": cl.source, "vendor": object.get(c, "vendor", "")},
	})
}

# _unreported_purposes are the purposes that need no declaration, and the declared ones: a
# complete set, so a cookie's check is one lookup.
_unreported_purposes := {"necessary", "unclassified"} | {p.id |
	some p in object.get(object.get(input, ["declaration", "cookies"], {}), "purposes", [])
}
