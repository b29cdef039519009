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

_reject_facts contains facts if {
	some facts in _cookie_reject
}

_reject_facts contains facts if {
	some facts in _storage_reject
}

_cookie_reject contains facts if {
	some t in sites
	some c in t.data.cookies
	ph := c.phases.reject
	ph.after_choice
	not essential(c)
	facts := {
		"resource": cookie_resource(t, c),
		"target": target(t),
		"message": sprintf(
			"Cookie %q (%s, %s) is written after the visitor rejected cookies.",
			[c.name, c.domain, purpose(c)],
		),
		"message_nb": sprintf(
			"Informasjonskapselen %q (%s, %s) skrives etter at den besøkende avviste.",
			[c.name, c.domain, purpose(c)],
		),
		"details": {"purpose": purpose(c), "source": source(c), "party": c.party, "set_by": ph.set_by, "blocked": ph.blocked},
	}
}

_storage_reject contains facts if {
	some t in sites
	some s in t.data.storage
	ph := s.phases.reject
	ph.after_choice
	not essential(s)
	facts := {
		"resource": storage_resource(t, s),
		"target": target(t),
		"message": sprintf("%sStorage key %q (%s) is written after the visitor rejected.", [s.kind, s.key, purpose(s)]),
		"message_nb": sprintf(
			"Lagringsnøkkelen %q i %sStorage (%s) skrives etter at den besøkende avviste.",
			[s.key, s.kind, purpose(s)],
		),
		"details": {"purpose": purpose(s), "source": source(s), "kind": s.kind},
	}
}
