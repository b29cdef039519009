package vern.cookies_test

import data.vern.cookies
import data.vern.lib

test_fail_unknown_cookie if {
	lib.fired_on(cookies.deny, "cookies.unclassified", "site://www.example.no/cookie/www.example.no/zz") with input as site_input([cookie("zz", "", "unclassified", before)], [])
}

test_success_catalog_cookie if {
	not lib.fired(cookies.deny, "cookies.unclassified") with input as site_input([cookie("_ga", "analytics", "catalog", before)], [])
}

test_success_declared_cookie if {
	not lib.fired(cookies.deny, "cookies.unclassified") with input as site_input([cookie("own_pref", "", "unclassified", before)], [])
}
