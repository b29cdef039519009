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

test_fail_says_requested_and_kept if {
	some f in cookies.deny with input as site_input([object.union(cookie("_ga", "analytics", "catalog", before), {"lifetime_days": 730, "kept_days": 400})], [])
	f.rule == "cookies.lifetime_excessive"
	contains(f.message, "730 days")
	contains(f.message, "keeps it 400")
	f.details.kept_days == 400
}

test_fail_kept_days_derived_when_not_recorded if {
	some f in cookies.deny with input as site_input([object.union(cookie("_ga", "analytics", "catalog", before), {"lifetime_days": 730})], [])
	f.rule == "cookies.lifetime_excessive"
	f.details.kept_days == 400
}
