package vern.statement_test

import data.vern.lib
import data.vern.statement

test_fail_minimum_without_maximum if {
	lib.fired_on(
		statement.deny,
		"statement.retention_unbounded",
		"declaration://retention/accounting",
	) with input as {"declaration": {"retention": {"accounting": {
		"categories": ["payment"],
		"min": "5 years",
		"min_period": {"months": 60},
		"law": "bokføringsloven",
	}}}}
}

test_fail_minimum_as_a_period_only if {
	fs := statement.deny with input as {"declaration": {"retention": {"accounting": {"min_period": {"months": 60}}}}}
	some f in fs
	f.rule == "statement.retention_unbounded"
	f.details == {"retention": "accounting", "min": "", "min_period": {"months": 60}, "law": ""}
	contains(f.message, "at least 5 years")
}

test_fail_blank_max_and_until if {
	lib.fired(statement.deny, "statement.retention_unbounded") with input as {"declaration": {"retention": {
		"accounting": {"min": "5 years", "max": "", "until": " ", "max_period": {}},
	}}}
}

test_fail_rule_without_any_period if {
	fs := statement.deny with input as {"declaration": {"retention": {"misc": {"categories": ["contact"]}}}}
	some f in fs
	f.rule == "statement.retention_unbounded"
	f.resource == "declaration://retention/misc"
	contains(f.message, "neither a period nor a criterion")
}

test_fail_rule_declared_as_null if {
	lib.fired_on(
		statement.deny,
		"statement.retention_unbounded",
		"declaration://retention/misc",
	) with input as {"declaration": {"retention": {"misc": null}}}
}

test_success_minimum_with_maximum if {
	not lib.fired(statement.deny, "statement.retention_unbounded") with input as {"declaration": {"retention": {
		"accounting": {"min": "5 years", "min_period": {"months": 60}, "max": "6 years", "max_period": {"months": 72}},
	}}}
}

test_success_minimum_with_until if {
	not lib.fired(statement.deny, "statement.retention_unbounded") with input as {"declaration": {"retention": {
		"accounting": {"min": "5 years", "until": "end of the fifth year after the financial year"},
	}}}
}

test_success_maximum_in_days_only if {
	not lib.fired(statement.deny, "statement.retention_unbounded") with input as {"declaration": {"retention": {
		"inquiries": {"categories": ["contact"], "max_period": {"months": 12}},
	}}}
}

test_success_until_only if {
	not lib.fired(statement.deny, "statement.retention_unbounded") with input as {"declaration": {"retention": {
		"marketing": {"purposes": ["marketing"], "until": "consent_withdrawn"},
	}}}
}

test_success_no_retention_section if {
	not lib.fired(statement.deny, "statement.retention_unbounded") with input as {"declaration": {"retention": null}}
}
