package vern.bad

# METADATA
# title: Misspelt promise kind
# custom:
#   id: bad.promise
#   severity: low
#   kind: drift
#   promise: [purpose]
deny contains f if {
	f := {"rule": "bad.promise", "resource": "r"}
}
