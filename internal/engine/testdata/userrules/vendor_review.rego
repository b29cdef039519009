# METADATA
# description: Alarmlink's own rules.
package vern.custom

import data.vern.lib

# METADATA
# title: Every processor has a named vendor
# description: Alarmlink links each processor to a vendor id so site findings find their DPA.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_28
# custom:
#   id: custom.processor_vendor_missing
#   severity: low
#   kind: drift
#   promise: [recipients]
#   legal: ["GDPR Art. 28"]
#   remediation: Add vendor to the processor's YAML.
deny contains f if {
	some id, p in input.processors
	not p.vendor
	f := lib.finding(rego.metadata.chain(), {
		"resource": sprintf("processor://%s", [id]),
		"target": sprintf("processor://%s", [id]),
		"message": "no vendor",
	})
}
