package vern.site

import data.vern.cookies
import data.vern.lib

# METADATA
# title: Non-essential cookies but no way to refuse
# description: |
#   The site uses non-essential cookies, but no button to refuse them was found on the start
#   page (neither vern.yaml's selectors, a known consent platform nor a button such as
#   "Avvis alle" or "Kun nødvendige"). Refusing must be as easy as accepting.
# related_resources:
#   - ref: https://lovdata.no/dokument/NL/lov/2024-12-13-76/KAPITTEL_3#%C2%A73-15
#     description: ekomloven § 3-15
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_7
#     description: GDPR Article 7
# custom:
#   id: site.consent_banner_missing
#   severity: high
#   kind: law
#   promise: [cookies]
#   legal: ["ekomloven § 3-15", "GDPR Art. 7(3)", "GDPR Art. 4(11)"]
#   remediation: |
#     Add a consent banner whose first layer has a refusal as visible as the acceptance, or set
#     consent.reject in vern.yaml to the selector of the banner's refusal button.
#   nb:
#     title: Ikke-nødvendige informasjonskapsler, men ingen mulighet til å avslå
#     description: |
#       Nettstedet bruker ikke-nødvendige informasjonskapsler, men ingen knapp for å avslå ble
#       funnet på forsiden (verken selektorene i vern.yaml, en kjent samtykkeplattform eller en
#       knapp som «Avvis alle» eller «Kun nødvendige»). Det skal være like lett å avslå som å
#       godta.
#     remediation: |
#       Legg inn et samtykkebanner med en avslagsknapp like synlig som godta-knappen på første
#       nivå, eller sett consent.reject i vern.yaml til selektoren for avslagsknappen.
deny contains f if {
	some name, t in cookies.sites
	t.data.consent.checked
	not t.data.consent.reject
	n := count(_non_essential[name])
	n > 0
	f := lib.finding(rego.metadata.chain(), {
		"resource": cookies.target(t),
		"target": cookies.target(t),
		"message": sprintf("The site sets %d non-essential cookies but offers no way to refuse them.", [n]),
		"message_nb": sprintf(
			"Nettstedet setter %d ikke-nødvendige informasjonskapsler, men gir ingen mulighet til å avslå.",
			[n],
		),
		"count": n,
		"details": {"accept_found": t.data.consent.accept, "platform": object.get(t.data.consent, "platform", "")},
	})
}
