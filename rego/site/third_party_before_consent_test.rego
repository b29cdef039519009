package vern.site_test

import data.vern.lib
import data.vern.site

test_fail_tracker_host_before_consent if {
	lib.fired_on(site.deny, "site.third_party_before_consent", "site://www.example.no/request/connect.facebook.net") with input as site_input({"requests": [request("connect.facebook.net", "marketing", false, false)]})
}

test_fail_unknown_host_setting_cookies if {
	lib.fired(site.deny, "site.third_party_before_consent") with input as site_input({"requests": [request("t.example.com", "", true, false)]})
}

test_success_fonts_and_cdn if {
	not lib.fired(site.deny, "site.third_party_before_consent") with input as site_input({"requests": [
		request("fonts.gstatic.com", "fonts", false, false),
		request("cdn.example.net", "", false, false),
		request("consent.cookiebot.com", "consent", true, false),
	]})
}
