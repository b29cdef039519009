package vern.processor

import data.vern.lib

# METADATA
# title: A processor's agreement has expired
# description: |
#   The agreement's expiry date (from the registry, else from the document) has passed, so
#   the processing it governed is no longer governed by a contract as Art. 28(3) requires
#   (Art. 26 for joint controllers). Dates are judged against the evaluation's time.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_28
#     description: GDPR Article 28
# custom:
#   id: processor.agreement_expired
#   severity: high
#   kind: law
#   promise: [recipients]
#   ropa: [processors]
#   legal:
#     - GDPR Art. 28(3)
#     - GDPR Art. 26(1)
#     - personopplysningsloven § 1
#   remediation: |
#     Renew the agreement with the supplier (or stop the processing), put the new document
#     beside the registry entry and update agreement.signed and agreement.expires.
#   nb:
#     title: En databehandleravtale er utløpt
#     description: |
#       Avtalens utløpsdato (fra registeret, ellers fra dokumentet) er passert, slik at
#       behandlingen ikke lenger er regulert av en avtale slik artikkel 28 nr. 3 krever
#       (artikkel 26 for felles behandlingsansvarlige). Datoer vurderes mot
#       evalueringstidspunktet.
#     remediation: |
#       Forny avtalen med leverandøren (eller stans behandlingen), legg det nye dokumentet ved
#       oppføringen i registeret og oppdater agreement.signed og agreement.expires.
deny contains f if {
	some id, _ in _registry
	_expired(id)
	days := _days_ago(id)
	f := lib.finding(rego.metadata.chain(), {
		"resource": _resource(id),
		"target": _resource(id),
		"message": sprintf("The agreement with %q expired on %s, %d days ago.", [_name(id), _expires(id), days]),
		"message_nb": sprintf("Avtalen med %q utløp %s, for %d dager siden.", [_name(id), _expires(id), days]),
		"details": {"processor": id, "expires": _expires(id), "days_ago": days},
	})
}
