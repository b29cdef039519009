package vern.statement

import data.vern.lib

# METADATA
# title: A purpose has no legal basis
# description: |
#   Processing is lawful only on one of the six bases of Art. 6(1), and Art. 13(1)(c)
#   requires the statement to give the legal basis of each purpose together with the
#   purpose itself. A purpose declared with no basis, or with a value that is none of
#   consent, contract, legal_obligation, vital_interests, public_task or
#   legitimate_interest, leaves the data subject unable to tell why the processing is
#   allowed and which rights follow from it.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6
#     description: GDPR Article 6
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#     description: GDPR Article 13
#   - ref: https://lovdata.no/dokument/NL/lov/2018-06-15-38
#     description: Personopplysningsloven (incorporates the GDPR, § 1)
# custom:
#   id: statement.purpose_without_basis
#   severity: high
#   kind: statement
#   legal: ["GDPR Art. 6(1)", "GDPR Art. 13(1)(c)", "GDPR Art. 5(1)(a)", "personopplysningsloven § 1"]
#   remediation: |
#     Decide which Art. 6(1) basis the purpose rests on, state it in the statement next to
#     the purpose, and set purposes.<id>.basis in declaration.yaml to one of consent,
#     contract, legal_obligation, vital_interests, public_task or legitimate_interest. If no
#     basis applies, the processing must stop.
#   nb:
#     title: Et formål mangler behandlingsgrunnlag
#     description: |
#       Behandling er bare lovlig på ett av de seks grunnlagene i artikkel 6 nr. 1, og
#       artikkel 13 nr. 1 bokstav c krever at erklæringen oppgir behandlingsgrunnlaget for
#       hvert formål sammen med selve formålet. Et formål uten grunnlag, eller med en verdi
#       som ikke er samtykke (consent), avtale (contract), rettslig forpliktelse
#       (legal_obligation), vitale interesser (vital_interests), allmennhetens interesse eller
#       offentlig myndighet (public_task) eller berettiget interesse (legitimate_interest),
#       gjør at den registrerte ikke kan se hvorfor behandlingen er tillatt og hvilke
#       rettigheter som følger av den.
#     remediation: |
#       Avklar hvilket grunnlag i artikkel 6 nr. 1 formålet bygger på, oppgi det i
#       erklæringen ved siden av formålet, og sett purposes.<id>.basis i declaration.yaml til
#       consent, contract, legal_obligation, vital_interests, public_task eller
#       legitimate_interest. Finnes det ikke noe grunnlag, må behandlingen opphøre.
deny contains f if {
	some id, p in _purposes
	basis := _text(p, "basis")
	not _art6_bases[basis]
	f := lib.finding(rego.metadata.chain(), {
		"resource": sprintf("declaration://purposes/%s", [id]),
		"target": "declaration://purposes",
		"message": _purpose_basis_message(id, basis),
		"message_nb": _purpose_basis_message_nb(id, basis),
		"details": {"purpose": id, "title": _text(p, "title"), "basis": basis},
	})
}

_purpose_basis_message(id, "") := sprintf("The purpose %q states no legal basis under GDPR Art. 6(1).", [id])

_purpose_basis_message(id, basis) := msg if {
	basis != ""
	msg := sprintf("The purpose %q gives %q as its basis, which is none of the six bases of GDPR Art. 6(1).", [id, basis])
}

_purpose_basis_message_nb(id, "") := sprintf(
	"Formålet %q oppgir ikke noe behandlingsgrunnlag etter personvernforordningen artikkel 6 nr. 1.",
	[id],
)

_purpose_basis_message_nb(id, basis) := msg if {
	basis != ""
	msg := sprintf(
		"Formålet %q oppgir %q som grunnlag, som ikke er noen av de seks grunnlagene i artikkel 6 nr. 1.",
		[id, basis],
	)
}
