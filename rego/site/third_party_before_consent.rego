package vern.site

import data.vern.cookies
import data.vern.lib

# METADATA
# title: Third-party tracker contacted before consent
# description: |
#   Before any choice the pages made requests to a tracking vendor's host, or to a host that
#   set or read cookies. Such requests read or store information on the visitor's device and
#   pass their address to the third party, which needs consent first. Content hosts, fonts
#   and the consent platform itself are listed in the evidence, not reported.
# related_resources:
#   - ref: https://lovdata.no/dokument/NL/lov/2024-12-13-76/KAPITTEL_3#%C2%A73-15
#     description: ekomloven § 3-15
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6
#     description: GDPR Article 6
# custom:
#   id: site.third_party_before_consent
#   severity: medium
#   kind: law
#   promise: [cookies]
#   legal: ["ekomloven § 3-15", "GDPR Art. 6(1)(a)", "GDPR Art. 26"]
#   remediation: |
#     Load the vendor's script or pixel only after the visitor accepts its purpose in the
#     consent banner.
#   nb:
#     title: Tredjepart for sporing kontaktet før samtykke
#     description: |
#       Før noe valg var gjort sendte sidene forespørsler til en sporingsleverandør eller til
#       en vert som satte eller leste informasjonskapsler. Slike forespørsler leser eller
#       lagrer informasjon på enheten og gir tredjeparten den besøkendes adresse, og krever
#       samtykke først. Innholdsverter, skrifttyper og samtykkeplattformen listes i bevisene,
#       men rapporteres ikke.
#     remediation: |
#       Last leverandørens skript eller piksel først når den besøkende har godtatt formålet i
#       samtykkebanneret.
deny contains f if {
	some t in cookies.sites
	some r in t.data.requests
	ph := r.phases.before
	category := object.get(r, "category", "")
	not category in {"cdn", "fonts", "consent"}
	reasons := _reasons(category, ph)
	count(reasons) > 0
	f := lib.finding(rego.metadata.chain(), {
		"resource": sprintf("site://%s/request/%s", [t.data.host, r.host]),
		"target": cookies.target(t),
		"message": sprintf("Before any choice the site contacts %s (%s).", [r.host, concat(", ", reasons)]),
		"message_nb": sprintf("Før noe valg er gjort kontakter nettstedet %s (%s).", [r.host, concat(", ", reasons)]),
		"count": ph.count,
		"details": {
			"vendor": object.get(r, "vendor", ""), "category": category, "first_seen": ph.first_seen,
			"sets_cookies": ph.sets_cookies, "sends_cookies": ph.sends_cookies,
		},
	})
}

_reasons(category, ph) := [reason |
	some reason in ["tracking vendor", "sets cookies", "sends cookies"]
	_reason(category, ph, reason)
]

_reason(category, _, "tracking vendor") if category in {"analytics", "marketing"}

_reason(_, ph, "sets cookies") if ph.sets_cookies

_reason(_, ph, "sends cookies") if ph.sends_cookies
