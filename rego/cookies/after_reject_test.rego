package vern.cookies_test

import data.vern.cookies
import data.vern.lib

test_fail_marketing_cookie_after_reject if {
	lib.fired_on(cookies.deny, "cookies.after_reject", "site://www.example.no/cookie/www.example.no/_fbp") with input as site_input([cookie("_fbp", "marketing", "catalog", after_reject)], [])
}

test_fail_storage_after_reject if {
	lib.fired(cookies.deny, "cookies.after_reject") with input as site_input(
		[],
		[{"key": "t", "kind": "local", "source": "unclassified", "phases": {"reject": {"after_choice": true}}}],
	)
}

test_success_written_only_before_the_click if {
	not lib.fired(cookies.deny, "cookies.after_reject") with input as site_input([cookie("_fbp", "marketing", "catalog", {"reject": {"before_choice": true, "after_choice": false}})], [])
}

test_success_consent_cookie_after_reject if {
	not lib.fired(cookies.deny, "cookies.after_reject") with input as site_input([cookie("CookieConsent", "necessary", "catalog", after_reject)], [])
}

test_success_consent_record_after_reject if {
	not lib.fired(cookies.deny, "cookies.after_reject") with input as site_input([cookie("klaro", "necessary", "catalog", after_reject)], [])
}

test_fail_blocked_cookie_after_reject_says_it_was_tried if {
	blocked := {"reject": object.union(after_reject.reject, {"blocked": true})}
	some f in cookies.deny with input as site_input([cookie("_ga", "analytics", "catalog", blocked)], [])
	f.rule == "cookies.after_reject"
	contains(f.message, "the site tried to set it (blocked by the browser) after the visitor rejected cookies")
}
