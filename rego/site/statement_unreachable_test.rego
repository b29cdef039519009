package vern.site_test

import data.vern.lib
import data.vern.site

test_fail_statement_404 if {
	lib.fired_on(site.deny, "site.statement_unreachable", "site://www.example.no/page/personvern") with input as site_input({"statement": {"path": "/personvern", "reachable": false, "status": 404, "error": "HTTP 404"}})
}

test_success_statement_loads if {
	not lib.fired(site.deny, "site.statement_unreachable") with input as site_input({})
}

test_success_no_statement_configured if {
	not lib.fired(site.deny, "site.statement_unreachable") with input as site_input({"statement": {"path": "", "reachable": false}})
}
