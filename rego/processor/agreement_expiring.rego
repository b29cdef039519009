package vern.processor

import data.vern.lib

# METADATA
# title: A processor's agreement expires within 60 days
# description: |
#   The agreement's expiry date (from the registry, else from the document) falls within
#   the next 60 days. Renewing it in time keeps the processing governed by a contract
#   (Art. 28(3)). Dates are judged against the evaluation's time.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_28
#     description: GDPR Article 28
# custom:
#   id: processor.agreement_expiring
#   severity: low
#   kind: law
#   promise: [recipients]
#   ropa: [processors]
#   legal:
#     - GDPR Art. 28(3)
#     - personopplysningsloven § 1
#   remediation: |
#     Start the renewal with the supplier now; when signed, put the new document beside the
#     registry entry and update agreement.expires.
#   nb:
#     title: En databehandleravtale utløper innen 60 dager
#     description: |
#       Avtalens utløpsdato (fra registeret, ellers fra dokumentet) er innen de neste 60
#       dagene. Fornyes den i tide, forblir behandlingen regulert av en avtale (artikkel 28
#       nr. 3). Datoer vurderes mot evalueringstidspunktet.
#     remediation: |
#       Start fornyelsen med leverandøren nå; når den er signert, legg det nye dokumentet ved
#       oppføringen i registeret og oppdater agreement.expires.
deny contains f if {
	some id, _ in _registry
	not _expired(id)
	days := _days_left(id)
	days < _expiring_days
	f := lib.finding(rego.metadata.chain(), {
		"resource": _resource(id),
		"target": _resource(id),
		"message": sprintf("The agreement with %q expires on %s, in %d days.", [_name(id), _expires(id), days]),
		"message_nb": sprintf("Avtalen med %q utløper %s, om %d dager.", [_name(id), _expires(id), days]),
		"details": {"processor": id, "expires": _expires(id), "days_left": days},
	})
}

_expiring_days := 60
