package vern.db

import data.vern.lib

# METADATA
# title: National identity numbers stored without a declared need
# description: |
#   Fødselsnummer, D-nummer and H-nummer may only be processed when there is a factual need
#   for secure identification and the method is necessary to achieve it
#   (personopplysningsloven § 12). vern found such numbers where the dataset does not
#   declare them, or declares no justification.
# related_resources:
#   - ref: https://lovdata.no/lov/2018-06-15-38/§12
#     description: Personopplysningsloven § 12
# custom:
#   id: db.national_id
#   severity: high
#   kind: law
#   promise: [categories]
#   ropa: [data, undeclared]
#   legal: ["personopplysningsloven § 12", "GDPR Art. 87"]
#   remediation: |
#     Remove the numbers where there is no need for secure identification. Where there is,
#     declare the dataset's category covering national identification numbers and state the
#     justification under national_id in vern.yaml.
#   nb:
#     title: Fødselsnumre lagret uten oppgitt behov
#     description: |
#       Fødselsnummer, D-nummer og H-nummer kan bare behandles når det er saklig behov for
#       sikker identifisering og metoden er nødvendig (personopplysningsloven § 12). vern fant
#       slike numre der datasettet ikke oppgir dem, eller ikke oppgir noen begrunnelse.
#     remediation: |
#       Fjern numrene der det ikke er behov for sikker identifisering. Der det er behov: oppgi
#       en kategori som dekker fødselsnummer i datasettet og skriv begrunnelsen under
#       national_id i vern.yaml.
deny contains f if {
	kind := data.vern.reference.fides.national_id
	some db, doc in _dbs
	kinds := doc.personal[table][column]
	kind in kinds
	reason := _national_id_gap(db, table, kind)
	d := object.get(doc.tables, [table, "columns", column, "detections"], [])
	counts := _counts(d, kind)
	f := lib.finding(rego.metadata.chain(), {
		"resource": _column_resource(db, table, column),
		"target": _resource(db, table),
		"message": sprintf("Column %s.%s stores national identity numbers: %s.", [table, column, reason[0]]),
		"message_nb": sprintf("Kolonnen %s.%s lagrer fødselsnumre: %s.", [table, column, reason[1]]),
		"details": {
			"kinds": [kind],
			"gap": reason[2],
			"matched": counts[0],
			"sampled": counts[1],
			"synthetic": counts[2],
		},
	})
}

# _counts is [matched, sampled, synthetic] of the first detection of kind, or zeros.
_counts(detections, kind) := counts[0] if {
	counts := [[x.matched, x.sampled, object.get(x, "synthetic", 0)] | some x in detections; x.kind == kind]
	count(counts) > 0
} else := [0, 0, 0]

_national_id_gap(db, table, _) := [
	"the table is not a dataset of vern.yaml",
	"tabellen er ikke et datasett i vern.yaml",
	"not_a_dataset",
] if {
	not _inventory_datasets[db][table]
}

_national_id_gap(db, table, kind) := [
	"the dataset's categories do not declare them",
	"datasettets kategorier oppgir dem ikke",
	"undeclared",
] if {
	ds := _inventory_datasets[db][table]
	not _covered(kind, _dataset_kinds(ds))
}

_national_id_gap(db, table, kind) := [
	"the dataset states no justification (national_id.justification)",
	"datasettet oppgir ingen begrunnelse (national_id.justification)",
	"no_justification",
] if {
	ds := _inventory_datasets[db][table]
	_covered(kind, _dataset_kinds(ds))
	object.get(ds, ["national_id", "justification"], "") == ""
}
