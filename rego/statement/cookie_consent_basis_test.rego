package vern.statement_test

import data.vern.lib
import data.vern.statement

test_fail_analytics_inherits_legitimate_interest if {
	fs := statement.deny with input as {"declaration": {
		"purposes": {"analytics": {"basis": "legitimate_interest", "interest": "analyse, drift og forbedring"}},
		"cookies": {"purposes": [{"id": "analytics"}, {"id": "functional"}]},
	}}
	lib.count_of(fs, "statement.cookie_consent_basis") == 1
	some f in fs
	f.rule == "statement.cookie_consent_basis"
	f.resource == "declaration://cookies/analytics"
	f.target == "declaration://cookies"
	f.details == {"cookie_purpose": "analytics", "purpose": "analytics", "basis": "legitimate_interest"}
}

test_fail_own_basis_overrides_consent_purpose if {
	lib.fired_on(
		statement.deny,
		"statement.cookie_consent_basis",
		"declaration://cookies/marketing",
	) with input as {"declaration": {
		"purposes": {"marketing": {"basis": "consent"}},
		"cookies": {"purposes": [{"id": "marketing", "basis": "legitimate_interest"}]},
	}}
}

test_fail_referenced_purpose_not_consent if {
	lib.fired_on(
		statement.deny,
		"statement.cookie_consent_basis",
		"declaration://cookies/analytics",
	) with input as {"declaration": {
		"purposes": {"analytics": {"basis": "consent"}, "improvement": {"basis": "legitimate_interest"}},
		"cookies": {"purposes": [{"id": "analytics", "purpose": "improvement"}]},
	}}
}

test_fail_no_basis_anywhere if {
	fs := statement.deny with input as {"declaration": {"cookies": {"purposes": [{"id": "marketing"}]}}}
	some f in fs
	f.rule == "statement.cookie_consent_basis"
	f.details.basis == ""
	contains(f.message, "no stated basis")
}

test_fail_bare_id_with_blank_purpose_basis if {
	lib.fired_on(
		statement.deny,
		"statement.cookie_consent_basis",
		"declaration://cookies/analytics",
	) with input as {"declaration": {
		"purposes": {"analytics": {"basis": " "}},
		"cookies": {"purposes": ["analytics"]},
	}}
}

test_success_own_consent_basis if {
	not lib.fired(statement.deny, "statement.cookie_consent_basis") with input as {"declaration": {
		"purposes": {"analytics": {"basis": "legitimate_interest"}},
		"cookies": {"purposes": [{"id": "analytics", "basis": "consent"}]},
	}}
}

test_success_inherited_consent if {
	not lib.fired(statement.deny, "statement.cookie_consent_basis") with input as {"declaration": {
		"purposes": {"marketing": {"basis": "consent"}, "newsletter": {"basis": "consent"}},
		"cookies": {"purposes": [{"id": "marketing"}, {"id": "analytics", "purpose": "newsletter"}]},
	}}
}

test_success_necessary_and_functional_need_no_consent if {
	not lib.fired(statement.deny, "statement.cookie_consent_basis") with input as {"declaration": {
		"purposes": {"functional": {"basis": "legitimate_interest"}},
		"cookies": {"purposes": [{"id": "necessary"}, {"id": "functional"}]},
	}}
}

test_success_no_cookie_purposes if {
	not lib.fired(statement.deny, "statement.cookie_consent_basis") with input as {"declaration": {
		"cookies": {"purposes": null},
	}}
}

test_success_no_cookies_section if {
	not lib.fired(statement.deny, "statement.cookie_consent_basis") with input as {"declaration": {}}
}
