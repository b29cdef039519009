package vern.statement

import data.vern.lib

# METADATA
# title: The statement does not say whether giving the data is required
# description: |
#   Art. 13(2)(e) requires the statement to say whether providing personal data is a
#   statutory or contractual requirement, or a requirement necessary to enter into a
#   contract, whether the data subject is obliged to provide the data, and what the
#   possible consequences of not providing them are (for example that an alarm service
#   cannot be delivered without an installation address).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#     description: GDPR Article 13
#   - ref: https://lovdata.no/dokument/NL/lov/2018-06-15-38
#     description: Personopplysningsloven (incorporates the GDPR, § 1)
# custom:
#   id: statement.requirement_unstated
#   severity: low
#   kind: statement
#   legal: ["GDPR Art. 13(2)(e)", "personopplysningsloven § 1"]
#   remediation: |
#     Say in the statement which data people must give and why (law or contract), which
#     are voluntary, and what happens if they are not given; record the passage under
#     requirement (text, source) in declaration.yaml.
#   nb:
#     title: Erklæringen sier ikke om det er påkrevd å gi opplysningene
#     description: |
#       Artikkel 13 nr. 2 bokstav e krever at erklæringen opplyser om det å gi
#       personopplysninger er lovpålagt eller avtalefestet, eller et krav som må oppfylles
#       for å inngå en avtale, om den registrerte har plikt til å gi opplysningene, og hvilke
#       konsekvenser det kan få om de ikke gis (for eksempel at en alarmtjeneste ikke kan
#       leveres uten installasjonsadresse).
#     remediation: |
#       Opplys i erklæringen hvilke opplysninger man må gi og hvorfor (lov eller avtale),
#       hvilke som er frivillige, og hva som skjer om de ikke gis; før avsnittet inn under
#       requirement (text, source) i declaration.yaml.
deny contains f if {
	not _requirement_stated
	f := lib.finding(rego.metadata.chain(), {
		"resource": "declaration://requirement",
		"target": "declaration://requirement",
		"message": sprintf("%s %s", [
			"The statement does not say whether giving the personal data is required,",
			"or what follows from not giving it.",
		]),
		"message_nb": sprintf("%s %s", [
			"Erklæringen sier ikke om det er påkrevd å gi personopplysningene,",
			"eller hva som følger av å ikke gi dem.",
		]),
	})
}

# _requirement_stated holds when the declaration carries the statement's words on it.
_requirement_stated if _text(input.declaration.requirement, "text") != ""

_requirement_stated if _text(input.declaration.requirement, "source") != ""
