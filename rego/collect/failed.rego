package vern.collect

import data.vern.lib

# METADATA
# title: A target could not be collected
# description: |
#   The target could not be collected at all, so none of the checks on it ran: the audit
#   is incomplete and the gate exits 3 whatever --fail-on says, and this finding cannot be
#   waived. A target whose status is missing or unknown is treated the same way, so a
#   damaged evidence file never passes. The controller must be able to demonstrate
#   compliance (Art. 5(2)) and test its measures regularly (Art. 24(1), Art. 32(1)(d)).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
#     description: GDPR Article 5
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_32
#     description: GDPR Article 32
# custom:
#   id: collect.failed
#   severity: critical
#   kind: drift
#   promise: [cookies]
#   unwaivable: true
#   legal: ["GDPR Art. 5(2)", "GDPR Art. 24(1)", "GDPR Art. 32(1)(d)"]
#   remediation: |
#     Follow the fix named in the finding (for example set the database's DSN variable,
#     let the runner reach the host, or start the database) and collect the target again.
#   nb:
#     title: Et mål kunne ikke innhentes
#     description: |
#       Målet kunne ikke innhentes i det hele tatt, så ingen av kontrollene av det ble
#       kjørt: revisjonen er ufullstendig, kontrollen avsluttes med kode 3 uansett hva
#       --fail-on sier, og funnet kan ikke unntas. Et mål uten status eller med ukjent
#       status behandles på samme måte, slik at en skadet evidensfil aldri slipper gjennom.
#       Den behandlingsansvarlige skal kunne påvise at regelverket etterleves (artikkel 5
#       nr. 2) og jevnlig teste tiltakene sine (artikkel 24 nr. 1 og artikkel 32 nr. 1
#       bokstav d).
#     remediation: |
#       Følg rettingen som er oppgitt i funnet (for eksempel sett DSN-variabelen for
#       databasen, gi kjøreren tilgang til verten eller start databasen) og innhent målet
#       på nytt.
deny contains f if {
	some name, t in input.targets
	status := _target_text(t, "status")
	not _collected[status]
	resource := _target_resource(name)
	reason := _failure_reason(t, status)
	fix := _target_text(t, "fix")
	f := lib.finding(rego.metadata.chain(), {
		"resource": resource,
		"target": resource,
		"message": sprintf("The target %s could not be collected: %s", [name, _explained(reason, fix)]),
		"message_nb": sprintf("Målet %s kunne ikke innhentes: %s", [name, _explained_nb(reason, fix)]),
		"details": {
			"target": name,
			"kind": _target_text(t, "kind"),
			"status": status,
			"reason": reason,
			"fix": fix,
		},
	})
}

# _collected are the statuses of a target that was collected, in full or in part.
_collected := {"ok", "partial"}

_failure_reason(t, status) := reason if {
	reason := _target_text(t, "reason")
	reason != ""
} else := "no reason recorded" if {
	status == "failed"
} else := sprintf("unknown collection status %q", [status])
