package vern.statement_test

import data.vern.lib
import data.vern.statement

test_fail_controller_without_contact if {
	lib.fired_on(
		statement.deny,
		"statement.controller_contact_missing",
		"declaration://controller",
	) with input as {"declaration": {"controller": {"name": "Alarmlink AS"}}}
}

test_fail_controller_with_empty_contact if {
	lib.fired(
		statement.deny,
		"statement.controller_contact_missing",
	) with input as {"declaration": {"controller": {"name": "Alarmlink AS", "contact": {"email": ""}}}}
}

test_success_controller_with_email if {
	not lib.fired(
		statement.deny,
		"statement.controller_contact_missing",
	) with input as {"declaration": {"controller": {"name": "A", "contact": {"email": "personvern@example.no"}}}}
}

test_fail_controller_absent if {
	lib.fired(statement.deny, "statement.controller_contact_missing") with input as {"declaration": {}}
}
