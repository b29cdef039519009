package vern.processor

import data.vern.lib

# METADATA
# title: A processor's kind is not among the statement's recipients
# description: |
#   Art. 13(1)(e) requires the statement to name the recipients or categories of recipients
#   of the personal data. A processor receives the data; its kind (hosting, crm,
#   email_marketing, ...) must equal or lie under one of the recipient kinds the statement
#   declares (the kind tree in the reference data), or the statement does not tell people
#   who gets their data.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#     description: GDPR Article 13
# custom:
#   id: processor.recipient_undeclared
#   severity: medium
#   kind: drift
#   ropa: [processors]
#   legal:
#     - GDPR Art. 13(1)(e)
#     - GDPR Art. 5(1)(a)
#     - personopplysningsloven § 1
#   remediation: |
#     Add the recipient category to the statement and to recipients in declaration.yaml, or
#     correct the processor's kind in its registry entry.
#   nb:
#     title: En databehandlers type er ikke blant mottakerne i erklæringen
#     description: |
#       Artikkel 13 nr. 1 bokstav e krever at erklæringen oppgir mottakerne eller
#       kategoriene av mottakere av personopplysningene. En databehandler mottar
#       opplysningene; typen (hosting, crm, email_marketing, ...) må være lik eller ligge
#       under en av mottakertypene erklæringen oppgir (typetreet i referansedataene), ellers
#       forteller ikke erklæringen hvem som får opplysningene.
#     remediation: |
#       Legg mottakerkategorien til i erklæringen og under recipients i declaration.yaml,
#       eller rett databehandlerens kind i registeret.
deny contains f if {
	some id, p in _registry
	kind := _text(p, "kind")
	not _declared_covers(kind)
	f := lib.finding(rego.metadata.chain(), {
		"resource": _resource(id),
		"target": "declaration://recipients",
		"message": sprintf(
			"The processor %q is of kind %q, which no recipient the statement declares covers (declared: %s).",
			[_name(id), kind, _declared_list],
		),
		"message_nb": sprintf(
			"Databehandleren %q er av typen %q, som ingen mottaker i erklæringen dekker (oppgitt: %s).",
			[_name(id), kind, _declared_list],
		),
		"details": {"processor": id, "kind": kind, "declared": sort(_declared_kinds), "lineage": sort(_lineage(kind))},
	})
}

_declared_kinds := {k |
	some r in object.get(input, ["declaration", "recipients"], [])
	k := _text(r, "kind")
	k != ""
}

_declared_list := concat(", ", sort(_declared_kinds)) if count(_declared_kinds) > 0

else := "none"

# _kind_graph points each kind at its parent in the reference kind tree.
_kind_graph := {k: parents |
	some k, parent in data.vern.reference.kinds.parents
	parents := [x | x := parent; is_string(x)]
}

# _lineage is a kind and every kind above it.
_lineage(kind) := {kind} | graph.reachable(_kind_graph, {kind})

_declared_covers(kind) if {
	kind != ""
	some k in _lineage(kind)
	k in _declared_kinds
}
