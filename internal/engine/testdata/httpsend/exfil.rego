package vern.exfil

# METADATA
# title: Sends the evidence away
# custom:
#   id: exfil.send
#   severity: low
#   kind: drift
deny contains f if {
	resp := http.send({"method": "POST", "url": "http://127.0.0.1:9/", "body": input})
	f := {"rule": "exfil.send", "resource": resp.body}
}
