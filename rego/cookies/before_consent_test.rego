package vern.cookies_test

import data.vern.cookies
import data.vern.lib

test_fail_analytics_cookie_before_consent if {
	lib.fired_on(cookies.deny, "cookies.before_consent", "site://www.example.no/cookie/www.example.no/_ga") with input as site_input([cookie("_ga", "analytics", "catalog", before)], [])
}

test_fail_unclassified_cookie_counts_as_non_essential if {
	lib.fired(cookies.deny, "cookies.before_consent") with input as site_input([cookie("x1", "", "unclassified", before)], [])
}

test_fail_storage_before_consent if {
	lib.fired_on(cookies.deny, "cookies.before_consent", "site://www.example.no/storage/tracker") with input as site_input(
		[],
		[{"key": "tracker", "kind": "local", "source": "unclassified", "phases": {"before": {"first_seen": "/"}}}],
	)
}

test_success_necessary_cookie_before_consent if {
	not lib.fired(cookies.deny, "cookies.before_consent") with input as site_input([cookie("PHPSESSID", "necessary", "catalog", before)], [])
}

test_success_declaration_wins_over_catalog if {
	not lib.fired(cookies.deny, "cookies.before_consent") with input as site_input([cookie("sess_42", "", "unclassified", before)], [])
}

test_success_cookie_only_after_accept if {
	not lib.fired(cookies.deny, "cookies.before_consent") with input as site_input([cookie("_ga", "analytics", "catalog", accept_only)], [])
}

test_fail_blocked_cookie_says_it_was_tried if {
	blocked := {"before": object.union(before.before, {"blocked": true})}
	some f in cookies.deny with input as site_input([cookie("_ga", "analytics", "catalog", blocked)], [])
	f.rule == "cookies.before_consent"
	contains(f.message, "the site tried to set it (blocked by the browser) before the visitor has made a choice")
	contains(f.message_nb, "forsøkte å sette den")
}

test_success_consent_record_named_by_autoconsent if {
	not lib.fired(cookies.deny, "cookies.before_consent") with input as site_input([cookie("cc_cookie", "necessary", "autoconsent", before)], [])
}
