package vern.statement_test

import data.vern.lib
import data.vern.statement

test_fail_legitimate_interest_without_interest_key if {
	lib.fired_on(
		statement.deny,
		"statement.legitimate_interest_unnamed",
		"declaration://purposes/security",
	) with input as {"declaration": {"purposes": {"security": {"basis": "legitimate_interest"}}}}
}

test_fail_legitimate_interest_with_blank_interest if {
	lib.fired_on(
		statement.deny,
		"statement.legitimate_interest_unnamed",
		"declaration://purposes/analytics",
	) with input as {"declaration": {"purposes": {"analytics": {"basis": "legitimate_interest", "interest": " "}}}}
}

test_fail_legitimate_interest_with_non_string_interest if {
	lib.fired(
		statement.deny,
		"statement.legitimate_interest_unnamed",
	) with input as {"declaration": {"purposes": {"analytics": {"basis": "legitimate_interest", "interest": null}}}}
}

test_fail_counts_each_purpose if {
	lib.count_of(statement.deny, "statement.legitimate_interest_unnamed") == 2 with input as {"declaration": {"purposes": {
		"analytics": {"basis": "legitimate_interest"},
		"security": {"basis": "legitimate_interest", "interest": ""},
		"fraud": {"basis": "legitimate_interest", "interest": "hindre svindel"},
	}}}
}

test_success_legitimate_interest_named if {
	not lib.fired(
		statement.deny,
		"statement.legitimate_interest_unnamed",
	) with input as {"declaration": {"purposes": {"analytics": {
		"basis": "legitimate_interest",
		"interest": "analyse, drift og forbedring",
	}}}}
}

test_success_other_basis_without_interest if {
	not lib.fired(
		statement.deny,
		"statement.legitimate_interest_unnamed",
	) with input as {"declaration": {"purposes": {"marketing": {"basis": "consent"}, "personalization": {}}}}
}

test_success_no_purposes if {
	not lib.fired(statement.deny, "statement.legitimate_interest_unnamed") with input as {"declaration": {}}
}
