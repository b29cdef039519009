package vern.processor

import data.vern.lib

# METADATA
# title: A processor transfers data outside the EEA without a safeguard
# description: |
#   Chapter V allows personal data to leave the EEA only to a country the Commission has
#   found adequate (Art. 45), within the decision's scope, or with appropriate safeguards
#   (Art. 46: standard contractual clauses, binding corporate rules). The United States are
#   adequate only for organisations certified under the EU-US Data Privacy Framework, and
#   Canada only for commercial organisations (as processors are). Both where the processor
#   is established and where it stores and processes the data are judged. A transfer to an
#   adequate country is lawful; whether the statement names it is
#   statement.transfer_undeclared's concern.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_44
#     description: GDPR Article 44
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_45
#     description: GDPR Article 45
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_46
#     description: GDPR Article 46
# custom:
#   id: processor.transfer_unsafeguarded
#   severity: high
#   kind: law
#   promise: [transfers]
#   ropa: [transfers]
#   legal:
#     - GDPR Art. 44
#     - GDPR Art. 45
#     - GDPR Art. 46
#     - GDPR Art. 28(3)(a)
#     - personopplysningsloven § 1
#   remediation: |
#     Agree the Commission's standard contractual clauses (with a transfer impact assessment)
#     or rely on the processor's approved binding corporate rules, and record the mechanism
#     under transfer in the registry; for a US processor, check its Data Privacy Framework
#     certification and set dpf_certified. Or have the processor keep the data in the EEA.
#   nb:
#     title: En databehandler overfører opplysninger ut av EØS uten garantier
#     description: |
#       Kapittel V tillater at personopplysninger overføres ut av EØS bare til et land
#       Kommisjonen har funnet å ha tilstrekkelig beskyttelsesnivå (artikkel 45), innenfor
#       beslutningens virkeområde, eller med nødvendige garantier (artikkel 46: standard
#       personvernbestemmelser, bindende virksomhetsregler). USA omfattes bare for
#       virksomheter sertifisert under EU-US Data Privacy Framework, og Canada bare for
#       kommersielle virksomheter (slik databehandlere er). Både hvor databehandleren er
#       etablert og hvor den lagrer og behandler opplysningene vurderes. En overføring til et
#       land med tilstrekkelig beskyttelsesnivå er lovlig; om erklæringen nevner den, er
#       statement.transfer_undeclared sin sak.
#     remediation: |
#       Avtal Kommisjonens standard personvernbestemmelser (med vurdering av
#       overføringen) eller bruk databehandlerens godkjente bindende virksomhetsregler, og
#       oppgi mekanismen under transfer i registeret; for en amerikansk databehandler,
#       kontroller sertifiseringen under Data Privacy Framework og sett dpf_certified. Eller
#       la databehandleren holde opplysningene innenfor EØS.
deny contains f if {
	some id, p in _registry
	countries := _unsafeguarded(p)
	count(countries) > 0
	list := concat(", ", sort(countries))
	f := lib.finding(rego.metadata.chain(), {
		"resource": _resource(id),
		"target": _resource(id),
		"message": sprintf("The processor %q is established or keeps data in %s, outside the EEA, %s (declared: %s).", [
			_name(id), list, "with neither an adequacy decision that covers it nor SCC/BCR", _mechanism(p),
		]),
		"message_nb": sprintf("Databehandleren %q er etablert i eller lagrer opplysninger i %s, %s %s %s (oppgitt: %s).", [
			_name(id), list, "utenfor EØS,", "uten en beslutning om tilstrekkelig beskyttelsesnivå",
			"som dekker den og uten SCC/BCR", _mechanism(p),
		]),
		"details": {
			"processor": id,
			"countries": sort(countries),
			"mechanism": _mechanism(p),
			"dpf_certified": object.get(p, "dpf_certified", false) == true,
			"adequacy": {c: _scope(c) | some c in countries},
		},
	})
}

# _unsafeguarded are the processor's countries outside the EEA that no adequacy decision
# in scope and no declared safeguard covers.
_unsafeguarded(p) := {c |
	some c in _countries(p)
	not c in _eea
	not _safeguarded(p, c)
}

_countries(p) := {upper(trim_space(c)) |
	some c in array.concat([_text(p, "country")], object.get(p, "data_location", []))
	is_string(c)
	trim_space(c) != ""
}

_eea := {c | some c in data.vern.reference.countries.eea} | {"EU", "EEA"}

_mechanism(p) := m if {
	m := lower(_text(object.get(p, "transfer", {}), "mechanism"))
	m != ""
} else := "none"

_scope(c) := object.get(data.vern.reference.countries.adequacy[c], "scope", "full") if {
	data.vern.reference.countries.adequacy[c]
} else := "none"

# Appropriate safeguards under Art. 46 cover any country.
_safeguarded(p, _) if _mechanism(p) in {"scc", "bcr"}

_safeguarded(_, c) if _scope(c) == "full"

# Canada's decision covers organisations subject to PIPEDA: commercial ones, as processors
# selling a service are.
_safeguarded(_, c) if _scope(c) == "commercial"

# The US decision covers only organisations certified under the Data Privacy Framework.
_safeguarded(p, c) if {
	_scope(c) == "dpf"
	_dpf(p)
}

_dpf(p) if p.dpf_certified == true

_dpf(p) if _mechanism(p) == "dpf"
