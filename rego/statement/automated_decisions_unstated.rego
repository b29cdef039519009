package vern.statement

import data.vern.lib

# METADATA
# title: The statement says nothing on automated decisions or profiling
# description: |
#   Art. 13(2)(f) requires the statement to say whether decisions based solely on automated
#   processing, including profiling, within the meaning of Art. 22(1) and (4) are made,
#   and, if they are, to give meaningful information about the logic involved and the
#   significance and envisaged consequences for the data subject. Silence leaves the data
#   subject unable to tell; a statement that such decisions are made must also explain the
#   logic.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#     description: GDPR Article 13
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_22
#     description: GDPR Article 22
#   - ref: https://lovdata.no/dokument/NL/lov/2018-06-15-38
#     description: Personopplysningsloven (incorporates the GDPR, § 1)
# custom:
#   id: statement.automated_decisions_unstated
#   severity: low
#   kind: statement
#   legal: ["GDPR Art. 13(2)(f)", "GDPR Art. 22(1)", "GDPR Art. 22(4)", "personopplysningsloven § 1"]
#   remediation: |
#     Say in the statement whether automated decisions or profiling with legal or similarly
#     significant effects take place (for example "we do not make decisions about you by
#     automated means alone"), and record it under automated_decisions in declaration.yaml
#     (used: false, or used: true with logic describing the logic and its consequences).
#   nb:
#     title: Erklæringen sier ingenting om automatiserte avgjørelser eller profilering
#     description: |
#       Artikkel 13 nr. 2 bokstav f krever at erklæringen opplyser om det treffes
#       avgjørelser utelukkende basert på automatisert behandling, herunder profilering, som
#       nevnt i artikkel 22 nr. 1 og 4, og i så fall gir relevant informasjon om den
#       underliggende logikken og om betydningen og de forventede konsekvensene for den
#       registrerte. Taushet gjør at den registrerte ikke kan vite det; en erklæring om at
#       slike avgjørelser treffes, må også forklare logikken.
#     remediation: |
#       Opplys i erklæringen om det forekommer automatiserte avgjørelser eller profilering
#       med rettsvirkning eller tilsvarende betydelig virkning (for eksempel «vi treffer ikke
#       avgjørelser om deg utelukkende ved automatisert behandling»), og før det inn under
#       automated_decisions i declaration.yaml (used: false, eller used: true med logic som
#       beskriver logikken og konsekvensene).
deny contains f if {
	some gap in _automated_decisions_gaps
	f := lib.finding(rego.metadata.chain(), object.union(
		{
			"resource": "declaration://automated_decisions",
			"target": "declaration://automated_decisions",
		},
		gap,
	))
}

# _automated_decisions_gaps are what the statement leaves out: whether automated decisions
# take place at all, or, when they do, the logic involved.
_automated_decisions_gaps contains gap if {
	not _automated_decisions_stated
	gap := {
		"message": "The statement does not say whether automated decisions or profiling take place.",
		"message_nb": "Erklæringen sier ikke om det treffes automatiserte avgjørelser eller foregår profilering.",
		"details": {"stated": false, "used": false, "logic_stated": false},
	}
}

_automated_decisions_gaps contains gap if {
	ad := input.declaration.automated_decisions
	ad.used == true
	_text(ad, "logic") == ""
	gap := {
		"message": sprintf("%s %s", [
			"The statement says automated decisions or profiling take place",
			"but does not explain the logic involved.",
		]),
		"message_nb": sprintf("%s %s", [
			"Erklæringen sier at det treffes automatiserte avgjørelser eller foregår profilering,",
			"men forklarer ikke logikken.",
		]),
		"details": {"stated": true, "used": true, "logic_stated": false},
	}
}

_automated_decisions_stated if is_object(input.declaration.automated_decisions)
