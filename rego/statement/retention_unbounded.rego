package vern.statement

import data.vern.lib

# METADATA
# title: A retention rule sets no end to storage
# description: |
#   Art. 13(2)(a) requires the period for which data are stored or the criteria used to
#   determine it. A minimum period, such as the five years of the Bookkeeping Act
#   (bokføringsloven § 13), says how long data must be kept but not when they will be
#   deleted, so on its own it gives neither a period nor criteria for deletion and invites
#   storage beyond what Art. 5(1)(e) allows. A rule that states no period at all is
#   unbounded too. The rule needs a maximum (max) or a criterion that ends storage
#   (until).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#     description: GDPR Article 13
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
#     description: GDPR Article 5
#   - ref: https://lovdata.no/dokument/NL/lov/2004-11-19-73
#     description: Bokføringsloven (statutory minimum periods, § 13)
# custom:
#   id: statement.retention_unbounded
#   severity: medium
#   kind: statement
#   ropa: [erasure]
#   legal: ["GDPR Art. 13(2)(a)", "GDPR Art. 5(1)(e)", "personopplysningsloven § 1"]
#   remediation: |
#     Say in the statement when the data are deleted once the minimum has passed (for
#     example "deleted at the end of the fifth year after the end of the financial year")
#     and add max or until to the rule in declaration.yaml.
#   nb:
#     title: En lagringsregel setter ingen grense for lagringen
#     description: |
#       Artikkel 13 nr. 2 bokstav a krever at erklæringen oppgir hvor lenge opplysningene
#       lagres, eller kriteriene som brukes for å fastsette det. En minste lagringstid, som
#       de fem årene i bokføringsloven § 13, sier hvor lenge opplysningene må oppbevares, men
#       ikke når de slettes. Alene gir den verken en lagringstid eller kriterier for sletting,
#       og den åpner for lagring ut over det artikkel 5 nr. 1 bokstav e tillater. En regel som
#       ikke oppgir noen lagringstid i det hele tatt, er også ubegrenset. Regelen trenger en
#       øvre grense (max) eller et kriterium som avslutter lagringen (until).
#     remediation: |
#       Oppgi i erklæringen når opplysningene slettes etter at minstetiden er ute (for
#       eksempel «slettes ved utløpet av det femte året etter regnskapsårets slutt»), og
#       legg til max eller until på regelen i declaration.yaml.
deny contains f if {
	some id, r in _retention
	not _retention_bounded(r)
	min := _min_label(r)
	f := lib.finding(rego.metadata.chain(), {
		"resource": sprintf("declaration://retention/%s", [id]),
		"target": "declaration://retention",
		"message": _retention_unbounded_message(id, min),
		"message_nb": _retention_unbounded_message_nb(id, min),
		"details": {
			"retention": id,
			"min": _text(r, "min"),
			"min_period": _period(r, "min_period"),
			"law": _text(r, "law"),
		},
	})
}

# _retention_bounded holds when the rule ends storage: a maximum period or an `until`
# criterion.
_retention_bounded(r) if _text(r, "max") != ""

_retention_bounded(r) if _period(r, "max_period") != {}

_retention_bounded(r) if _text(r, "until") != ""

# _min_label is the minimum as the statement words it, else as a period, else "".
_min_label(r) := _text(r, "min") if {
	_text(r, "min") != ""
} else := lib.period_text(_period(r, "min_period")) if {
	_period(r, "min_period") != {}
} else := ""

# _period is the calendar period under key, or {} when absent or not a period.
_period(obj, key) := p if {
	is_object(obj)
	p := obj[key]
	is_object(p)
} else := {}

_retention_unbounded_message(id, "") := sprintf(
	"The retention rule %q states neither a period nor a criterion for deletion.",
	[id],
)

_retention_unbounded_message(id, min) := msg if {
	min != ""
	msg := sprintf(
		"The retention rule %q keeps data for at least %s but states no maximum and no criterion for deletion.",
		[id, min],
	)
}

_retention_unbounded_message_nb(id, "") := sprintf(
	"Lagringsregelen %q oppgir verken lagringstid eller kriterium for sletting.",
	[id],
)

_retention_unbounded_message_nb(id, min) := msg if {
	min != ""
	msg := sprintf(
		"Lagringsregelen %q lagrer opplysningene i minst %s, men oppgir ingen øvre grense og intet kriterium for sletting.",
		[id, min],
	)
}
