package vern.collect

import data.vern.lib

# METADATA
# title: A target was collected only in part
# description: |
#   The target was collected in a reduced mode (for example a site crawled with
#   --browser none, or a database whose catalog was readable but not its rows), so some of
#   the checks on it could not run and their absence of findings proves nothing. The
#   controller must be able to demonstrate compliance (Art. 5(2)) and review its measures
#   regularly (Art. 24(1), Art. 32(1)(d)); a partial audit is weaker evidence for both.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
#     description: GDPR Article 5
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_24
#     description: GDPR Article 24
# custom:
#   id: collect.partial
#   severity: high
#   kind: drift
#   promise: [cookies]
#   legal: ["GDPR Art. 5(2)", "GDPR Art. 24(1)", "GDPR Art. 32(1)(d)"]
#   remediation: |
#     Remove the cause named in the finding (install the browser, grant the read-only role
#     SELECT on the tables, ...) and collect the target again in full.
#   nb:
#     title: Et mål ble bare delvis innhentet
#     description: |
#       Målet ble innhentet i redusert modus (for eksempel et nettsted gjennomgått med
#       --browser none, eller en database der katalogen var lesbar, men ikke radene), så
#       noen av kontrollene kunne ikke kjøres, og fravær av funn beviser ingenting for dem.
#       Den behandlingsansvarlige skal kunne påvise at regelverket etterleves (artikkel 5
#       nr. 2) og jevnlig vurdere tiltakene sine (artikkel 24 nr. 1 og artikkel 32 nr. 1
#       bokstav d); en delvis revisjon er et svakere bevis for begge deler.
#     remediation: |
#       Fjern årsaken som er oppgitt i funnet (installer nettleseren, gi den lesende rollen
#       SELECT på tabellene, ...) og innhent målet på nytt i sin helhet.
deny contains f if {
	some name, t in _targets_with("partial")
	resource := _target_resource(name)
	reason := _or_unknown(_target_text(t, "reason"))
	fix := _target_text(t, "fix")
	f := lib.finding(rego.metadata.chain(), {
		"resource": resource,
		"target": resource,
		"message": sprintf("The target %s was collected only in part: %s", [name, _explained(reason, fix)]),
		"message_nb": sprintf("Målet %s ble bare delvis innhentet: %s", [name, _explained_nb(reason, fix)]),
		"details": {"target": name, "kind": _target_text(t, "kind"), "reason": reason, "fix": fix},
	})
}

_or_unknown("") := "no reason recorded"

_or_unknown(s) := s if s != ""
