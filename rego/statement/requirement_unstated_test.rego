package vern.statement_test

import data.vern.lib
import data.vern.statement

test_fail_requirement_absent if {
	lib.fired_on(
		statement.deny,
		"statement.requirement_unstated",
		"declaration://requirement",
	) with input as {"declaration": {"controller": {"name": "Alarmlink AS"}}}
}

test_fail_requirement_null if {
	lib.fired(statement.deny, "statement.requirement_unstated") with input as {"declaration": {"requirement": null}}
}

test_fail_requirement_empty_object if {
	lib.fired(statement.deny, "statement.requirement_unstated") with input as {"declaration": {"requirement": {}}}
}

test_fail_requirement_blank_text if {
	lib.fired(
		statement.deny,
		"statement.requirement_unstated",
	) with input as {"declaration": {"requirement": {"text": " ", "source": ""}}}
}

test_success_requirement_text if {
	not lib.fired(statement.deny, "statement.requirement_unstated") with input as {"declaration": {"requirement": {
		"text": "Navn og installasjonsadresse er nødvendig for å inngå avtale om alarmtjeneste.",
	}}}
}

test_success_requirement_source_only if {
	not lib.fired(statement.deny, "statement.requirement_unstated") with input as {"declaration": {"requirement": {
		"source": "Uten adresse kan vi ikke levere tjenesten.",
	}}}
}
