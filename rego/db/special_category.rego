package vern.db

import data.vern.lib

# METADATA
# title: Special category data stored where it is not declared
# description: |
#   Health, biometric, genetic data, religious or political beliefs, ethnic origin and sexual
#   orientation (Art. 9) and criminal convictions (Art. 10) may only be processed under one
#   of the conditions of Art. 9(2) or Art. 10. vern found such data in a table whose dataset
#   does not declare it with its condition.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_9
#     description: GDPR Article 9
# custom:
#   id: db.special_category
#   severity: high
#   kind: law
#   promise: [categories]
#   ropa: [data, undeclared]
#   legal: ["GDPR Art. 9(1)", "GDPR Art. 10"]
#   remediation: |
#     Remove the data, or declare it: a category covering it on the dataset and the Art. 9(2)
#     condition relied on under special.condition in vern.yaml, published in the statement.
#   nb:
#     title: Særlige kategorier lagret uten å være oppgitt
#     description: |
#       Helse-, biometriske og genetiske opplysninger, religiøs eller politisk oppfatning,
#       etnisk opprinnelse og seksuell legning (art. 9) og straffedommer (art. 10) kan bare
#       behandles etter vilkårene i art. 9 nr. 2 eller art. 10. vern fant slike opplysninger i
#       en tabell der datasettet ikke oppgir dem med vilkår.
#     remediation: |
#       Fjern opplysningene, eller oppgi dem: en kategori som dekker dem i datasettet og
#       vilkåret i art. 9 nr. 2 under special.condition i vern.yaml, publisert i erklæringen.
deny contains f if {
	_special_found
	some db, doc in _dbs
	kinds := doc.personal[table][column]
	candidates := _gaps[kinds].special
	count(candidates) > 0
	special := [k | some k in candidates; not _special_declared(db, table, k)]
	count(special) > 0
	f := lib.finding(rego.metadata.chain(), {
		"resource": _column_resource(db, table, column),
		"target": _resource(db, table),
		"message": sprintf(
			"Column %s.%s holds special category data (%s) that its dataset does not declare with a condition.",
			[table, column, concat(", ", special)],
		),
		"message_nb": sprintf(
			"Kolonnen %s.%s har særlige kategorier (%s) som datasettet ikke oppgir med vilkår.",
			[table, column, concat(", ", special)],
		),
		"details": {"kinds": special},
	})
}

_special_declared(db, table, kind) if {
	ds := _dataset(db, table)
	_covered(kind, _dataset_kinds(ds))
	object.get(ds, ["special", "condition"], "") != ""
}
