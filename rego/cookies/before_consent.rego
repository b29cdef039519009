package vern.cookies

import data.vern.lib

# METADATA
# title: Non-essential cookie or storage written before consent
# description: |
#   Since 1 January 2025 the electronic communications act (ekomloven § 3-15) requires
#   consent to the GDPR standard before a non-essential cookie or similar technology is
#   stored or read. The site wrote this cookie or storage key on a visit where no choice had
#   been made. Unclassified cookies count as non-essential.
# related_resources:
#   - ref: https://lovdata.no/dokument/NL/lov/2024-12-13-76/KAPITTEL_3#%C2%A73-15
#     description: ekomloven § 3-15
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_7
#     description: GDPR Article 7
# custom:
#   id: cookies.before_consent
#   severity: high
#   kind: law
#   promise: [cookies]
#   legal: ["ekomloven § 3-15", "GDPR Art. 4(11)", "GDPR Art. 7"]
#   remediation: |
#     Load the script that writes it only after the visitor accepts its purpose in the
#     consent banner, or declare it as strictly necessary if it is.
#   nb:
#     title: Ikke-nødvendig informasjonskapsel eller lagring skrevet før samtykke
#     description: |
#       Fra 1. januar 2025 krever ekomloven § 3-15 samtykke etter GDPR-standard før
#       ikke-nødvendige informasjonskapsler eller lignende teknologi lagres eller leses.
#       Nettstedet skrev denne informasjonskapselen eller lagringsnøkkelen før noe valg var
#       gjort. Uklassifiserte informasjonskapsler regnes som ikke-nødvendige.
#     remediation: |
#       Last skriptet som skriver den først når den besøkende har godtatt formålet i
#       samtykkebanneret, eller erklær den som strengt nødvendig hvis den er det.
deny contains f if {
	some facts in _before_facts
	f := lib.finding(rego.metadata.chain(), facts)
}

# The facts are arrays, not sets: a set of objects is sorted each time it is iterated, and
# deny removes duplicates anyway.
_before_facts := array.concat(_cookie_before, _storage_before)

_cookie_before := [facts |
	some name, t in sites
	tgt := target(t)
	classes := cookie_classes[name]
	some i, c in t.data.cookies
	ph := c.phases.before
	cl := classes[i]
	not cl.purpose == "necessary"
	facts := {
		"resource": cookie_resource(t, c),
		"target": tgt,
		"message": sprintf(
			"Cookie %q (%s, %s)%s before the visitor has made a choice.",
			[c.name, c.domain, cl.purpose, _written_en(ph)],
		),
		"message_nb": sprintf(
			"Informasjonskapselen %q (%s, %s)%s før den besøkende har gjort et valg.",
			[c.name, c.domain, cl.purpose, _written_nb(ph)],
		),
		"details": {
			"purpose": cl.purpose, "source": cl.source, "party": c.party, "first_seen": ph.first_seen,
			"set_by": ph.set_by, "blocked": ph.blocked,
		},
	}
]

_storage_before := [facts |
	some name, t in sites
	tgt := target(t)
	classes := storage_classes[name]
	some i, s in t.data.storage
	ph := s.phases.before
	cl := classes[i]
	not cl.purpose == "necessary"
	facts := {
		"resource": storage_resource(t, s),
		"target": tgt,
		"message": sprintf(
			"%sStorage key %q (%s) is written before the visitor has made a choice.",
			[s.kind, s.key, cl.purpose],
		),
		"message_nb": sprintf(
			"Lagringsnøkkelen %q i %sStorage (%s) skrives før den besøkende har gjort et valg.",
			[s.key, s.kind, cl.purpose],
		),
		"details": {"purpose": cl.purpose, "source": cl.source, "kind": s.kind, "first_seen": ph.first_seen},
	}
]
