package vern.statement_test

import data.vern.lib
import data.vern.statement

_retention_categories := {
	"contact": {"title": "Kontaktinformasjon"},
	"payment": {"title": "Betalingsinformasjon"},
	"technical": {"title": "Teknisk informasjon"},
}

test_fail_category_without_any_retention if {
	lib.fired_on(
		statement.deny,
		"statement.retention_missing",
		"declaration://categories/contact",
	) with input as {"declaration": {"categories": {"contact": {}}, "retention": null}}
}

test_fail_category_not_listed_by_rules if {
	fs := statement.deny with input as {"declaration": {
		"categories": _retention_categories,
		"retention": {"accounting": {"categories": ["payment"], "min_period": {"months": 60}}},
	}}
	lib.count_of(fs, "statement.retention_missing") == 2
	lib.fired_on(fs, "statement.retention_missing", "declaration://categories/contact")
	lib.fired_on(fs, "statement.retention_missing", "declaration://categories/technical")
}

test_fail_rule_names_purpose_without_categories if {
	lib.fired_on(
		statement.deny,
		"statement.retention_missing",
		"declaration://categories/contact",
	) with input as {"declaration": {
		"categories": {"contact": {}},
		"purposes": {"marketing": {"basis": "consent"}},
		"retention": {"marketing": {"purposes": ["marketing"], "until": "consent_withdrawn"}},
	}}
}

test_fail_rule_names_undeclared_purpose if {
	lib.fired(statement.deny, "statement.retention_missing") with input as {"declaration": {
		"categories": {"contact": {}},
		"retention": {"marketing": {"purposes": ["marketing"], "until": "consent_withdrawn"}},
	}}
}

test_fail_details_and_target if {
	fs := statement.deny with input as {"declaration": {"categories": {"cookies": {"title": "Cookies"}}}}
	some f in fs
	f.rule == "statement.retention_missing"
	f.target == "declaration://retention"
	f.details == {"category": "cookies", "title": "Cookies"}
}

test_success_covered_directly_and_through_purpose if {
	not lib.fired(statement.deny, "statement.retention_missing") with input as {"declaration": {
		"categories": _retention_categories,
		"purposes": {"analytics": {"basis": "consent", "categories": ["technical"]}},
		"retention": {
			"inquiries": {"categories": ["contact"], "max_period": {"months": 12}},
			"accounting": {"categories": ["payment"], "min_period": {"months": 60}},
			"analytics": {"purposes": ["analytics"], "max_period": {"months": 13}},
		},
	}}
}

test_success_no_categories if {
	not lib.fired(statement.deny, "statement.retention_missing") with input as {"declaration": {"categories": null}}
}

test_success_empty_declaration if {
	not lib.fired(statement.deny, "statement.retention_missing") with input as {"declaration": {}}
}
