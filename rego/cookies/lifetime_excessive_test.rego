package vern.cookies_test

import data.vern.cookies
import data.vern.lib

test_fail_two_year_cookie if {
	lib.fired(cookies.deny, "cookies.lifetime_excessive") with input as site_input([object.union(cookie("_ga", "analytics", "catalog", before), {"lifetime_days": 730})], [])
}

test_fail_default_maximum_without_declaration if {
	lib.fired(cookies.deny, "cookies.lifetime_excessive") with input as object.remove(
		site_input([object.union(cookie("_ga", "analytics", "catalog", before), {"lifetime_days": 400})], []),
		["declaration"],
	)
}

test_success_within_maximum if {
	not lib.fired(cookies.deny, "cookies.lifetime_excessive") with input as site_input([object.union(cookie("_ga", "analytics", "catalog", before), {"lifetime_days": 396})], [])
}
