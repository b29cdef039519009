package vern.statement_test

import data.vern.lib
import data.vern.statement

test_fail_purpose_without_basis_key if {
	lib.fired_on(
		statement.deny,
		"statement.purpose_without_basis",
		"declaration://purposes/personalization",
	) with input as {"declaration": {"purposes": {"personalization": {"title": "Tilpasset brukeropplevelse"}}}}
}

test_fail_purpose_with_blank_basis if {
	lib.fired_on(
		statement.deny,
		"statement.purpose_without_basis",
		"declaration://purposes/marketing",
	) with input as {"declaration": {"purposes": {"marketing": {"basis": "  "}}}}
}

test_fail_purpose_declared_as_null if {
	lib.fired_on(
		statement.deny,
		"statement.purpose_without_basis",
		"declaration://purposes/support",
	) with input as {"declaration": {"purposes": {"support": null}}}
}

test_fail_purpose_with_unknown_basis if {
	fs := statement.deny with input as {"declaration": {"purposes": {"analytics": {"basis": "legitimate_interests"}}}}
	some f in fs
	f.rule == "statement.purpose_without_basis"
	f.details == {"purpose": "analytics", "title": "", "basis": "legitimate_interests"}
	f.target == "declaration://purposes"
	contains(f.message, "none of the six bases")
}

test_fail_only_the_purposes_without_basis if {
	lib.count_of(statement.deny, "statement.purpose_without_basis") == 2 with input as {"declaration": {"purposes": {
		"delivery": {"basis": "contract"},
		"personalization": {},
		"security": {"basis": ""},
	}}}
}

test_success_every_art6_basis if {
	not lib.fired(statement.deny, "statement.purpose_without_basis") with input as {"declaration": {"purposes": {
		"a": {"basis": "consent"},
		"b": {"basis": "contract"},
		"c": {"basis": "legal_obligation"},
		"d": {"basis": "vital_interests"},
		"e": {"basis": "public_task"},
		"f": {"basis": "legitimate_interest", "interest": "drift"},
	}}}
}

test_success_no_purposes_declared if {
	not lib.fired(statement.deny, "statement.purpose_without_basis") with input as {"declaration": {"purposes": null}}
}

test_success_purposes_key_absent if {
	not lib.fired(statement.deny, "statement.purpose_without_basis") with input as {"declaration": {}}
}
