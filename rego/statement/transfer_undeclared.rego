package vern.statement

import data.vern.lib

# METADATA
# title: A processor outside the EEA is not declared as a transfer
# description: |
#   Art. 13(1)(f) requires the statement to say where the controller intends to transfer
#   personal data to a third country, whether an adequacy decision of the Commission
#   exists, and, where it does not, which safeguards apply and how to obtain a copy of
#   them. A processor established in, or storing or processing data in, a country outside
#   the EEA receives such a transfer (Art. 44), and this holds for adequate countries too:
#   adequacy makes the transfer lawful, but the statement must still name it. The finding
#   lists the countries the statement leaves out and whether an adequacy decision covers
#   each (full, or limited in scope such as the EU-US Data Privacy Framework).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#     description: GDPR Article 13
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_44
#     description: GDPR Article 44
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_45
#     description: GDPR Article 45
#   - ref: https://lovdata.no/dokument/NL/lov/2018-06-15-38
#     description: Personopplysningsloven (incorporates the GDPR, § 1)
# custom:
#   id: statement.transfer_undeclared
#   severity: high
#   kind: statement
#   promise: [transfers]
#   ropa: [transfers]
#   legal:
#     - GDPR Art. 13(1)(f)
#     - GDPR Art. 44
#     - GDPR Art. 45
#     - GDPR Art. 46
#     - personopplysningsloven § 1
#   remediation: |
#     Name the third country in the statement, say whether an adequacy decision covers it,
#     and otherwise which safeguards (standard contractual clauses, binding corporate rules)
#     apply and how to get a copy; add it under transfers in declaration.yaml. Or, if the
#     processor can keep the data within the EEA, correct its country and data_location in
#     the registry.
#   nb:
#     title: En databehandler utenfor EØS er ikke oppgitt som overføring
#     description: |
#       Artikkel 13 nr. 1 bokstav f krever at erklæringen opplyser om at den
#       behandlingsansvarlige har til hensikt å overføre personopplysninger til et tredjeland,
#       om det foreligger en beslutning fra Kommisjonen om tilstrekkelig beskyttelsesnivå, og,
#       hvis ikke, hvilke garantier som gjelder og hvordan man får en kopi av dem. En
#       databehandler som er etablert i, eller lagrer eller behandler opplysninger i, et land
#       utenfor EØS, mottar en slik overføring (artikkel 44). Det gjelder også land med
#       beslutning om tilstrekkelig beskyttelsesnivå: beslutningen gjør overføringen lovlig,
#       men erklæringen må likevel nevne den. Funnet viser landene erklæringen utelater, og om
#       en beslutning om tilstrekkelig beskyttelsesnivå dekker hvert av dem (fullt ut, eller
#       med begrenset virkeområde, slik som EU-US Data Privacy Framework).
#     remediation: |
#       Nevn tredjelandet i erklæringen, opplys om det foreligger en beslutning om
#       tilstrekkelig beskyttelsesnivå, og ellers hvilke garantier (standard
#       personvernbestemmelser, bindende virksomhetsregler) som gjelder og hvordan man får en
#       kopi; legg landet til under transfers i declaration.yaml. Eller, om databehandleren
#       kan holde opplysningene innenfor EØS, rett country og data_location i registeret.
deny contains f if {
	some id, p in input.processors
	countries := _undeclared_countries(p)
	count(countries) > 0
	list := concat(", ", sort(countries))
	f := lib.finding(rego.metadata.chain(), {
		"resource": sprintf("processor://%s", [id]),
		"target": "declaration://transfers",
		"message": sprintf(
			"The processor %q is established or keeps data in %s, outside the EEA, %s",
			[id, list, "but the statement declares no transfer there."],
		),
		"message_nb": sprintf(
			"Databehandleren %q er etablert i eller lagrer opplysninger i %s, utenfor EØS, %s",
			[id, list, "men erklæringen oppgir ingen overføring dit."],
		),
		"details": {
			"processor": id,
			"countries": sort(countries),
			"adequacy": {c: _adequacy_scope(c) | some c in countries},
		},
	})
}

# _undeclared_countries are the processor's countries outside the EEA that the statement's
# transfers do not name.
_undeclared_countries(p) := {c |
	some c in _processor_countries(p)
	not _eea[c]
	not _declared_transfers[c]
}

# _processor_countries are where the processor is established and where it keeps data, as
# upper-case codes.
_processor_countries(p) := {upper(c) |
	some c in array.concat([_text(p, "country")], _strings(p, "data_location"))
	c != ""
}

# _eea holds the EEA members, and "EU"/"EEA" for registries that name the region rather
# than a country.
_eea := {c | some c in data.vern.reference.countries.eea} | {"EU", "EEA"}

_declared_transfers := {upper(c) |
	some t in _list("transfers")
	c := _text(t, "country")
	c != ""
}

# _adequacy_scope is the scope of the Commission's adequacy decision for the country
# ("full", or a limited scope such as "dpf"), or "none".
_adequacy_scope(c) := object.get(a, "scope", "full") if {
	a := data.vern.reference.countries.adequacy[c]
} else := "none"
