package vern.statement

import data.vern.lib

# METADATA
# title: A purpose rests on legitimate interest without naming the interest
# description: |
#   Where processing rests on Art. 6(1)(f), Art. 13(1)(d) requires the statement to name
#   the legitimate interests pursued by the controller or a third party. Without them the
#   data subject cannot weigh the interest against their own, and so cannot use the right
#   to object under Art. 21 in an informed way. The interest must be stated for each
#   purpose that rests on it.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#     description: GDPR Article 13
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6
#     description: GDPR Article 6
#   - ref: https://lovdata.no/dokument/NL/lov/2018-06-15-38
#     description: Personopplysningsloven (incorporates the GDPR, § 1)
# custom:
#   id: statement.legitimate_interest_unnamed
#   severity: medium
#   kind: statement
#   legal: ["GDPR Art. 13(1)(d)", "GDPR Art. 6(1)(f)", "personopplysningsloven § 1"]
#   remediation: |
#     Name in the statement the concrete interest the purpose serves (for example "to detect
#     and prevent fraud against our alarm services") and record it as
#     purposes.<id>.interest in declaration.yaml. Keep the balancing test that supports it
#     on file.
#   nb:
#     title: Et formål bygger på berettiget interesse uten at interessen er angitt
#     description: |
#       Når behandlingen bygger på artikkel 6 nr. 1 bokstav f, krever artikkel 13 nr. 1
#       bokstav d at erklæringen angir de berettigede interessene som forfølges av den
#       behandlingsansvarlige eller en tredjepart. Uten dem kan den registrerte ikke veie
#       interessen mot sine egne, og kan heller ikke bruke retten til å protestere etter
#       artikkel 21 på et opplyst grunnlag. Interessen må oppgis for hvert formål som bygger
#       på den.
#     remediation: |
#       Angi i erklæringen den konkrete interessen formålet skal ivareta (for eksempel «å
#       avdekke og hindre svindel mot alarmtjenestene våre») og før den inn som
#       purposes.<id>.interest i declaration.yaml. Ta vare på interesseavveiningen som
#       underbygger den.
deny contains f if {
	some id, p in _purposes
	_text(p, "basis") == "legitimate_interest"
	_text(p, "interest") == ""
	f := lib.finding(rego.metadata.chain(), {
		"resource": sprintf("declaration://purposes/%s", [id]),
		"target": "declaration://purposes",
		"message": sprintf(
			"The purpose %q rests on legitimate interest (GDPR Art. 6(1)(f)) but the statement does not name the interest.",
			[id],
		),
		"message_nb": sprintf(
			"Formålet %q bygger på berettiget interesse (artikkel 6 nr. 1 bokstav f), men erklæringen angir ikke interessen.",
			[id],
		),
		"details": {"purpose": id, "title": _text(p, "title"), "basis": "legitimate_interest"},
	})
}
