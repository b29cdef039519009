package vern.statement_test

import data.vern.lib
import data.vern.statement

test_fail_automated_decisions_absent if {
	lib.fired_on(
		statement.deny,
		"statement.automated_decisions_unstated",
		"declaration://automated_decisions",
	) with input as {"declaration": {"controller": {"name": "Alarmlink AS"}}}
}

test_fail_automated_decisions_null if {
	lib.fired(
		statement.deny,
		"statement.automated_decisions_unstated",
	) with input as {"declaration": {"automated_decisions": null}}
}

test_fail_automated_decisions_used_without_logic if {
	fs := statement.deny with input as {"declaration": {"automated_decisions": {"used": true, "logic": " "}}}
	some f in fs
	f.rule == "statement.automated_decisions_unstated"
	f.details == {"stated": true, "used": true, "logic_stated": false}
}

test_success_automated_decisions_not_used if {
	not lib.fired(
		statement.deny,
		"statement.automated_decisions_unstated",
	) with input as {"declaration": {"automated_decisions": {"used": false}}}
}

test_success_automated_decisions_used_with_logic if {
	not lib.fired(
		statement.deny,
		"statement.automated_decisions_unstated",
	) with input as {"declaration": {"automated_decisions": {
		"used": true,
		"logic": "kredittvurdering ved bestilling: avslag ved betalingsanmerkning",
	}}}
}

test_success_automated_decisions_empty_object_means_not_used if {
	# used: false is the zero value: a stated "no" reaches the rules as {} or {"used": false}.
	not lib.fired(
		statement.deny,
		"statement.automated_decisions_unstated",
	) with input as {"declaration": {"automated_decisions": {}}}
}
