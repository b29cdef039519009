package vern.site_test

import data.vern.lib
import data.vern.site

test_fail_other_date if {
	lib.fired(site.deny, "site.statement_outdated") with input as site_input({"statement": {
		"path": "/personvern", "reachable": true,
		"updated": "2024-01-01",
	}})
}

test_fail_hash_differs if {
	lib.fired(site.deny, "site.statement_outdated") with input as object.union(
		site_input({}),
		{"declaration": {"statement": {"updated": "2025-09-10", "sha256": "def"}}},
	)
}

test_success_same_date_and_no_hash if {
	not lib.fired(site.deny, "site.statement_outdated") with input as site_input({})
}

test_success_same_hash if {
	not lib.fired(site.deny, "site.statement_outdated") with input as object.union(
		site_input({}),
		{"declaration": {"statement": {"updated": "2025-09-10", "sha256": "ABC"}}},
	)
}
