package vern.cookies_test

import data.vern.cookies
import data.vern.lib

test_fail_marketing_not_declared if {
	lib.fired_on(cookies.deny, "cookies.purpose_undeclared", "site://www.example.no/cookie/www.example.no/_fbp") with input as site_input([cookie("_fbp", "marketing", "catalog", accept_only)], [])
}

test_success_declared_purpose if {
	not lib.fired(cookies.deny, "cookies.purpose_undeclared") with input as site_input([cookie("_ga", "analytics", "catalog", accept_only)], [])
}

test_success_declaration_reclassifies if {
	not lib.fired(cookies.deny, "cookies.purpose_undeclared") with input as site_input([cookie("own_pref", "marketing", "catalog", accept_only)], [])
}
