package vern.cookies

import data.vern.lib

# METADATA
# title: Session cookie without HttpOnly, SameSite or Secure
# description: |
#   A cookie carrying a login or session identifier lacks HttpOnly (scripts can read it),
#   SameSite (it is sent on cross-site requests) or, on https, Secure. That leaves the
#   visitor's session open to theft, against the security of processing.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_32
#     description: GDPR Article 32
# custom:
#   id: cookies.insecure
#   severity: low
#   kind: law
#   promise: [cookies]
#   legal: ["GDPR Art. 32(1)", "GDPR Art. 25(1)"]
#   remediation: Set HttpOnly, SameSite=Lax (or Strict) and, on https, Secure on the cookie.
#   nb:
#     title: Sesjonsinformasjonskapsel uten HttpOnly, SameSite eller Secure
#     description: |
#       En informasjonskapsel med innloggings- eller sesjonsidentifikator mangler HttpOnly
#       (skript kan lese den), SameSite (den sendes med forespørsler fra andre nettsteder)
#       eller, på https, Secure. Det gjør sesjonen sårbar, i strid med kravet til sikkerhet.
#     remediation: Sett HttpOnly, SameSite=Lax (eller Strict) og, på https, Secure.
deny contains f if {
	some t in sites
	tgt := target(t)
	https := _https(t)
	some c in t.data.cookies
	c.identity
	missing := array.concat(
		array.concat(["HttpOnly" | not c.http_only], ["SameSite" | object.get(c, "same_site", "") == ""]),
		["Secure" | https; not c.secure],
	)
	count(missing) > 0
	f := lib.finding(rego.metadata.chain(), {
		"resource": cookie_resource(t, c),
		"target": tgt,
		"message": sprintf("Session cookie %q lacks %s.", [c.name, concat(", ", missing)]),
		"message_nb": sprintf("Sesjonsinformasjonskapselen %q mangler %s.", [c.name, concat(", ", missing)]),
		"details": {"missing": missing},
	})
}

# _https holds when the site is served over https, where session cookies need Secure.
_https(t) := startswith(t.data.url, "https://") if {
	t.data.url
} else := false
