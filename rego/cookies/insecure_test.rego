package vern.cookies_test

import data.vern.cookies
import data.vern.lib

test_fail_session_cookie_without_httponly_samesite if {
	f := [f | some f in cookies.deny; f.rule == "cookies.insecure"] with input as site_input(
		[object.union(cookie("sessionid", "necessary", "catalog", before), {"identity": true, "http_only": false, "same_site": ""})],
		[],
	)
	f[0].details.missing == ["HttpOnly", "SameSite"]
}

test_fail_session_cookie_not_secure_on_https if {
	lib.fired(cookies.deny, "cookies.insecure") with input as site_input([object.union(cookie("sessionid", "necessary", "catalog", before), {"identity": true, "secure": false})], [])
}

test_success_hardened_session_cookie if {
	not lib.fired(cookies.deny, "cookies.insecure") with input as site_input([object.union(cookie("sessionid", "necessary", "catalog", before), {"identity": true})], [])
}

test_success_non_identity_cookie if {
	not lib.fired(cookies.deny, "cookies.insecure") with input as site_input([object.union(cookie("_ga", "analytics", "catalog", before), {"http_only": false, "same_site": ""})], [])
}
