package vern.bad

# METADATA
# title: Bad severity
# custom:
#   id: bad.severity
#   severity: urgent
#   kind: drift
deny contains f if {
	f := {"rule": "bad.severity", "resource": "r"}
}
