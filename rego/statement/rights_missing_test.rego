package vern.statement_test

import data.vern.lib
import data.vern.statement

_all_rights := [
	{"right": "access"},
	{"right": "rectification"},
	{"right": "erasure"},
	{"right": "restriction"},
	{"right": "object"},
	{"right": "portability"},
	{"right": "withdraw_consent"},
	{"right": "complaint"},
]

_consent_purpose := {"marketing": {"basis": "consent", "categories": ["contact"]}}

test_fail_restriction_missing_from_seed_statement if {
	fs := statement.deny with input as {"declaration": {
		"purposes": _consent_purpose,
		"rights": [
			{"right": "access"}, {"right": "rectification"}, {"right": "erasure"},
			{"right": "withdraw_consent"}, {"right": "object"}, {"right": "portability"},
			{"right": "complaint"},
		],
	}}
	lib.count_of(fs, "statement.rights_missing") == 1
	some f in fs
	f.rule == "statement.rights_missing"
	f.resource == "declaration://rights/restriction"
	f.target == "declaration://rights"
	f.details == {"right": "restriction", "required_by": "GDPR Art. 13(2)(b)", "article": "GDPR Art. 18"}
}

test_fail_no_rights_without_consent if {
	fs := statement.deny with input as {"declaration": {"rights": null, "purposes": {"a": {"basis": "contract"}}}}
	lib.count_of(fs, "statement.rights_missing") == 7
	not lib.fired_on(fs, "statement.rights_missing", "declaration://rights/withdraw_consent")
}

test_fail_no_rights_with_consent if {
	lib.count_of(statement.deny, "statement.rights_missing") == 8 with input as {"declaration": {
		"purposes": _consent_purpose,
	}}
}

test_fail_withdraw_consent_for_consent_cookie_purpose if {
	fs := statement.deny with input as {"declaration": {
		"rights": [r | some r in _all_rights; r.right != "withdraw_consent"],
		"cookies": {"purposes": [{"id": "analytics", "basis": "consent"}]},
	}}
	lib.fired_on(fs, "statement.rights_missing", "declaration://rights/withdraw_consent")
	some f in fs
	f.details.required_by == "GDPR Art. 13(2)(c)"
}

test_fail_complaint_names_point_d if {
	fs := statement.deny with input as {"declaration": {"rights": [r | some r in _all_rights; r.right != "complaint"]}}
	some f in fs
	f.rule == "statement.rights_missing"
	f.details == {"right": "complaint", "required_by": "GDPR Art. 13(2)(d)", "article": "GDPR Art. 77"}
	contains(f.message_nb, "Datatilsynet")
}

test_fail_blank_right_entries_do_not_count if {
	lib.fired_on(
		statement.deny,
		"statement.rights_missing",
		"declaration://rights/access",
	) with input as {"declaration": {"rights": [{"right": ""}, " ", {}]}}
}

test_success_all_rights if {
	not lib.fired(statement.deny, "statement.rights_missing") with input as {"declaration": {
		"purposes": _consent_purpose,
		"rights": _all_rights,
	}}
}

test_success_bare_ids if {
	not lib.fired(statement.deny, "statement.rights_missing") with input as {"declaration": {"rights": [
		"access", "rectification", "erasure", "restriction", "object", "portability", "complaint",
	]}}
}

test_success_withdraw_consent_not_required_without_consent if {
	not lib.fired_on(
		statement.deny,
		"statement.rights_missing",
		"declaration://rights/withdraw_consent",
	) with input as {"declaration": {"purposes": {"delivery": {"basis": "contract"}}, "rights": []}}
}
