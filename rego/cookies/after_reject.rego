package vern.cookies

import data.vern.lib

# METADATA
# title: Non-essential cookie or storage written after "reject"
# description: |
#   After the visitor refused, the site still wrote (or renewed) a non-essential cookie or
#   storage key. A refusal must be as effective as an acceptance; storing anything but
#   strictly necessary data after it is processing without consent.
# related_resources:
#   - ref: https://lovdata.no/dokument/NL/lov/2024-12-13-76/KAPITTEL_3#%C2%A73-15
#     description: ekomloven § 3-15
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_7
#     description: GDPR Article 7
# custom:
#   id: cookies.after_reject
#   severity: critical
#   kind: law
#   promise: [cookies]
#   legal: ["ekomloven § 3-15", "GDPR Art. 6(1)(a)", "GDPR Art. 7(3)"]
#   remediation: |
#     Make the banner's refusal stop every script that writes the cookie, and check that
#     nothing renews it on later pages.
#   nb:
#     title: Ikke-nødvendig informasjonskapsel eller lagring skrevet etter «avvis»
#     description: |
#       Etter at den besøkende avviste, skrev (eller fornyet) nettstedet likevel en
#       ikke-nødvendig informasjonskapsel eller lagringsnøkkel. Et avslag skal virke like godt
#       som et samtykke; å lagre annet enn strengt nødvendige data etterpå er behandling uten
#       samtykke.
#     remediation: |
#       Sørg for at avslaget i banneret stopper alle skript som skriver informasjonskapselen,
#       og at ingenting fornyer den på senere sider.
deny contains f if {
	some facts in _reject_facts
	f := lib.finding(rego.metadata.chain(), facts)
}

# The facts are arrays, not sets: a set of objects is sorted each time it is iterated, and
# deny removes duplicates anyway.
_reject_facts := array.concat(_cookie_reject, _storage_reject)

_cookie_reject := [facts |
	some name, t in sites
	tgt := target(t)
	classes := cookie_classes[name]
	some i, c in t.data.cookies
	ph := c.phases.reject
	ph.after_choice
	cl := classes[i]
	not cl.purpose == "necessary"
	facts := {
		"resource": cookie_resource(t, c),
		"target": tgt,
		"message": sprintf(
			"Cookie %q (%s, %s)%s after the visitor rejected cookies.",
			[c.name, c.domain, cl.purpose, _written_en(ph)],
		),
		"message_nb": sprintf(
			"Informasjonskapselen %q (%s, %s)%s etter at den besøkende avviste.",
			[c.name, c.domain, cl.purpose, _written_nb(ph)],
		),
		"details": {"purpose": cl.purpose, "source": cl.source, "party": c.party, "set_by": ph.set_by, "blocked": ph.blocked},
	}
]

_storage_reject := [facts |
	some name, t in sites
	tgt := target(t)
	classes := storage_classes[name]
	some i, s in t.data.storage
	ph := s.phases.reject
	ph.after_choice
	cl := classes[i]
	not cl.purpose == "necessary"
	facts := {
		"resource": storage_resource(t, s),
		"target": tgt,
		"message": sprintf("%sStorage key %q (%s) is written after the visitor rejected.", [s.kind, s.key, cl.purpose]),
		"message_nb": sprintf(
			"Lagringsnøkkelen %q i %sStorage (%s) skrives etter at den besøkende avviste.",
			[s.key, s.kind, cl.purpose],
		),
		"details": {"purpose": cl.purpose, "source": cl.source, "kind": s.kind},
	}
]
