package vern.site_test

import data.vern.lib
import data.vern.site

test_fail_page_without_link if {
	lib.fired_on(site.deny, "site.statement_link_missing", "site://www.example.no/page/kontakt") with input as site_input({"pages": [
		{"path": "/", "status": 200, "links_statement": true},
		{"path": "/kontakt", "status": 200, "links_statement": false},
	]})
}

test_success_every_page_links if {
	not lib.fired(site.deny, "site.statement_link_missing") with input as site_input({"pages": [
		{"path": "/", "status": 200, "links_statement": true},
		{"path": "/personvern", "status": 200, "links_statement": false},
		{"path": "/borte", "status": 0, "links_statement": false, "error": "timed out"},
	]})
}
