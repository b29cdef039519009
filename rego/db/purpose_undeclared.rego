package vern.db

import data.vern.lib

# METADATA
# title: A dataset holds a category none of its purposes declares
# description: |
#   Data collected for specified purposes may not be used for others (purpose limitation,
#   Art. 5(1)(b)). The dataset holds a category that none of the purposes it serves lists
#   among its categories in the declaration.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
#     description: GDPR Article 5
# custom:
#   id: db.purpose_undeclared
#   severity: medium
#   kind: drift
#   promise: [purposes, categories]
#   ropa: [data]
#   legal: ["GDPR Art. 5(1)(b)", "GDPR Art. 13(1)(c)"]
#   remediation: |
#     Give the dataset a purpose that declares the category, add the category to one of its
#     purposes in declaration.yaml (and the statement), or stop keeping that data there.
#   nb:
#     title: Et datasett har en kategori som ingen av formålene oppgir
#     description: |
#       Opplysninger samlet inn for bestemte formål kan ikke brukes til andre
#       (formålsbegrensning, art. 5 nr. 1 bokstav b). Datasettet har en kategori som ingen av
#       formålene det tjener oppgir i erklæringen.
#     remediation: |
#       Knytt datasettet til et formål som oppgir kategorien, legg kategorien til et av
#       formålene i declaration.yaml (og erklæringen), eller slutt å lagre disse opplysningene der.
deny contains f if {
	some db, database in input.inventory.databases
	some table, ds in object.get(database, "datasets", {})
	served := {c |
		some p in object.get(ds, "purposes", [])
		some c in object.get(input.declaration.purposes, [p, "categories"], [])
	}
	missing := sort({c | some c in object.get(ds, "categories", []); not c in served})
	count(missing) > 0
	f := lib.finding(rego.metadata.chain(), {
		"resource": _resource(db, table),
		"target": _resource(db, table),
		"message": sprintf(
			"Dataset %s holds the categories %s, which none of its purposes (%s) declares.",
			[table, concat(", ", missing), concat(", ", object.get(ds, "purposes", []))],
		),
		"message_nb": sprintf(
			"Datasettet %s har kategoriene %s, som ingen av formålene (%s) oppgir.",
			[table, concat(", ", missing), concat(", ", object.get(ds, "purposes", []))],
		),
		"details": {"categories": missing, "purposes": object.get(ds, "purposes", [])},
	})
}
