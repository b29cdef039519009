package vern.site_test

import data.vern.lib
import data.vern.site

_ga := {"name": "_ga", "domain": "www.example.no", "purpose": "analytics", "source": "catalog", "phases": {}}

test_fail_no_reject_button if {
	lib.fired_on(site.deny, "site.consent_banner_missing", "site://www.example.no") with input as site_input({
		"cookies": [_ga],
		"consent": {"checked": true, "accept": true, "reject": false},
	})
}

test_success_reject_found if {
	not lib.fired(site.deny, "site.consent_banner_missing") with input as site_input({"cookies": [_ga]})
}

test_success_only_necessary_cookies if {
	not lib.fired(site.deny, "site.consent_banner_missing") with input as site_input({
		"cookies": [{"name": "PHPSESSID", "domain": "www.example.no", "purpose": "necessary", "source": "catalog"}],
		"consent": {"checked": true, "accept": false, "reject": false},
	})
}

test_success_not_checked_without_browser if {
	not lib.fired(site.deny, "site.consent_banner_missing") with input as site_input({
		"cookies": [_ga],
		"consent": {"checked": false, "accept": false, "reject": false},
	})
}
