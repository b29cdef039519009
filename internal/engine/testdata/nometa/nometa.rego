package vern.nometa

deny contains f if {
	f := {"rule": "nometa.x", "resource": "r"}
}
