package vern.statement

import data.vern.lib

# METADATA
# title: A category of personal data has no retention period
# description: |
#   Art. 13(2)(a) requires the statement to give the period for which personal data will
#   be stored or, where that is not possible, the criteria used to determine it, and
#   Art. 5(1)(e) forbids keeping data longer than its purposes need. A declared category
#   is covered when a retention rule names it directly or names a purpose that uses it.
#   A category that no rule covers has no stated period at all.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#     description: GDPR Article 13
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
#     description: GDPR Article 5
#   - ref: https://lovdata.no/dokument/NL/lov/2018-06-15-38
#     description: Personopplysningsloven (incorporates the GDPR, § 1)
# custom:
#   id: statement.retention_missing
#   severity: medium
#   kind: statement
#   ropa: [erasure]
#   legal: ["GDPR Art. 13(2)(a)", "GDPR Art. 5(1)(e)", "personopplysningsloven § 1"]
#   remediation: |
#     State in the statement how long the category is kept, or the criteria that decide it
#     (for example "until the customer relationship ends, then 12 months"), and add a rule
#     under retention in declaration.yaml that lists the category, or a purpose that uses
#     it, with max, until or both.
#   nb:
#     title: En kategori personopplysninger mangler lagringstid
#     description: |
#       Artikkel 13 nr. 2 bokstav a krever at erklæringen oppgir hvor lenge
#       personopplysningene vil bli lagret, eller, når det ikke er mulig, kriteriene som
#       brukes for å fastsette lagringstiden, og artikkel 5 nr. 1 bokstav e forbyr å lagre
#       opplysninger lenger enn formålene krever. En oppgitt kategori er dekket når en
#       lagringsregel nevner den direkte eller nevner et formål som bruker den. En kategori
#       som ingen regel dekker, har ingen oppgitt lagringstid.
#     remediation: |
#       Oppgi i erklæringen hvor lenge kategorien lagres, eller kriteriene som avgjør det
#       (for eksempel «til kundeforholdet opphører, deretter 12 måneder»), og legg til en
#       regel under retention i declaration.yaml som nevner kategorien, eller et formål som
#       bruker den, med max, until eller begge.
deny contains f if {
	some id, c in _categories
	not _retained_categories[id]
	f := lib.finding(rego.metadata.chain(), {
		"resource": sprintf("declaration://categories/%s", [id]),
		"target": "declaration://retention",
		"message": sprintf(
			"No retention rule covers the category %q, directly or through a purpose that uses it.",
			[id],
		),
		"message_nb": sprintf(
			"Ingen lagringsregel dekker kategorien %q, verken direkte eller gjennom et formål som bruker den.",
			[id],
		),
		"details": {"category": id, "title": _text(c, "title")},
	})
}

# _retained_categories are the categories some retention rule covers: those it lists and
# those of the purposes it lists. A complete set, built once, so each category is a single
# lookup (a partial set would be re-evaluated for every key looked up).
_retained_categories := {c |
	some r in _retention
	some c in _strings(r, "categories")
} | {c |
	some r in _retention
	some p in _strings(r, "purposes")
	some c in _strings(_purposes[p], "categories")
}
