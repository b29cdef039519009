package vern.statement

import data.vern.lib

# METADATA
# title: The statement omits a right of the data subject
# description: |
#   Art. 13(2) requires the statement to tell data subjects of their rights: under point
#   (b) the rights of access (Art. 15), rectification (Art. 16), erasure (Art. 17),
#   restriction of processing (Art. 18), objection (Art. 21) and data portability
#   (Art. 20); under point (c) the right to withdraw consent at any time (Art. 7(3)) where
#   processing rests on consent; and under point (d) the right to lodge a complaint with a
#   supervisory authority (Art. 77), in Norway Datatilsynet. One finding is raised for each
#   right the statement leaves out.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#     description: GDPR Article 13
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_12
#     description: GDPR Article 12
#   - ref: https://lovdata.no/dokument/NL/lov/2018-06-15-38
#     description: Personopplysningsloven (incorporates the GDPR, § 1; Datatilsynet, § 20)
# custom:
#   id: statement.rights_missing
#   severity: medium
#   kind: statement
#   legal:
#     - GDPR Art. 13(2)(b)
#     - GDPR Art. 13(2)(c)
#     - GDPR Art. 13(2)(d)
#     - GDPR Art. 12(1)
#     - personopplysningsloven § 1
#   remediation: |
#     Add the right to the statement's list of rights, in plain words and with how to use
#     it (whom to contact), and add its id to rights in declaration.yaml.
#   nb:
#     title: Erklæringen utelater en av den registrertes rettigheter
#     description: |
#       Artikkel 13 nr. 2 krever at erklæringen opplyser den registrerte om rettighetene
#       sine: etter bokstav b retten til innsyn (artikkel 15), retting (artikkel 16), sletting
#       (artikkel 17), begrensning av behandlingen (artikkel 18), protest (artikkel 21) og
#       dataportabilitet (artikkel 20); etter bokstav c retten til når som helst å trekke
#       tilbake samtykke (artikkel 7 nr. 3) når behandlingen bygger på samtykke; og etter
#       bokstav d retten til å klage til en tilsynsmyndighet (artikkel 77), i Norge
#       Datatilsynet. Det gis ett funn for hver rettighet erklæringen utelater.
#     remediation: |
#       Ta rettigheten med i erklæringens liste over rettigheter, med enkle ord og med hvordan
#       den brukes (hvem man kontakter), og legg id-en til under rights i declaration.yaml.
deny contains f if {
	some right, r in _rights
	_right_required(right)
	not _declared_rights[right]
	f := lib.finding(rego.metadata.chain(), {
		"resource": sprintf("declaration://rights/%s", [right]),
		"target": "declaration://rights",
		"message": sprintf(
			"The statement does not tell data subjects of their %s (%s), as %s requires.",
			[r.en, r.article, r.point],
		),
		"message_nb": sprintf(
			"Erklæringen opplyser ikke om %s (%s), slik %s krever.",
			[r.nb, r.article_nb, r.point_nb],
		),
		"details": {"right": right, "required_by": r.point, "article": r.article},
	})
}

# _rights are the rights Art. 13(2)(b)-(d) requires the statement to name, by the id used
# under rights in declaration.yaml.
_rights := {
	"access": _right_b("right of access to their personal data", "retten til innsyn i personopplysningene", "15"),
	"rectification": _right_b("right to rectification", "retten til retting", "16"),
	"erasure": _right_b("right to erasure", "retten til sletting", "17"),
	"restriction": _right_b("right to restriction of processing", "retten til begrensning av behandlingen", "18"),
	"object": _right_b("right to object to processing", "retten til å protestere mot behandlingen", "21"),
	"portability": _right_b("right to data portability", "retten til dataportabilitet", "20"),
	"withdraw_consent": {
		"en": "right to withdraw consent at any time",
		"nb": "retten til når som helst å trekke tilbake samtykket",
		"article": "GDPR Art. 7(3)",
		"article_nb": "artikkel 7 nr. 3",
		"point": "GDPR Art. 13(2)(c)",
		"point_nb": "artikkel 13 nr. 2 bokstav c",
	},
	"complaint": {
		"en": "right to lodge a complaint with a supervisory authority (Datatilsynet)",
		"nb": "retten til å klage til tilsynsmyndigheten (Datatilsynet)",
		"article": "GDPR Art. 77",
		"article_nb": "artikkel 77",
		"point": "GDPR Art. 13(2)(d)",
		"point_nb": "artikkel 13 nr. 2 bokstav d",
	},
}

_right_b(en, nb, article) := {
	"en": en,
	"nb": nb,
	"article": sprintf("GDPR Art. %s", [article]),
	"article_nb": sprintf("artikkel %s", [article]),
	"point": "GDPR Art. 13(2)(b)",
	"point_nb": "artikkel 13 nr. 2 bokstav b",
}

# _right_required holds for every right except withdraw_consent, which Art. 13(2)(c)
# requires only where some processing rests on consent.
_right_required(right) if right != "withdraw_consent"

_right_required("withdraw_consent") if _consent_based

_consent_based if count(_consent_purposes) > 0

_consent_based if {
	some cp in _cookie_purposes
	cp.basis == "consent"
}

# _declared_rights are the ids under rights, given as objects ({right: access}) or bare ids.
_declared_rights := {id |
	some r in _list("rights")
	id := _right_id(r)
	id != ""
}

_right_id(r) := trim_space(r) if is_string(r)

_right_id(r) := _text(r, "right") if is_object(r)
