package vern.statement_test

import data.vern.lib
import data.vern.statement

_no_transfers := {"transfers": null}

test_fail_us_processor_without_declared_transfer if {
	fs := statement.deny with input as {
		"declaration": _no_transfers,
		"processors": {"mailer": {"id": "mailer", "kind": "email_marketing", "country": "US", "data_location": ["US"]}},
	}
	lib.count_of(fs, "statement.transfer_undeclared") == 1
	some f in fs
	f.rule == "statement.transfer_undeclared"
	f.resource == "processor://mailer"
	f.target == "declaration://transfers"
	f.details == {"processor": "mailer", "countries": ["US"], "adequacy": {"US": "dpf"}}
}

test_fail_eea_company_storing_outside if {
	fs := statement.deny with input as {
		"declaration": {"transfers": [{"country": "US"}]},
		"processors": {"crm": {"country": "IE", "data_location": ["IE", "us", "IN"]}},
	}
	some f in fs
	f.rule == "statement.transfer_undeclared"
	f.details.countries == ["IN"]
	f.details.adequacy == {"IN": "none"}
}

test_fail_adequate_country_still_needs_declaring if {
	fs := statement.deny with input as {
		"declaration": {"transfers": []},
		"processors": {"hosting": {"country": "NO", "data_location": ["CH", "GB"]}},
	}
	some f in fs
	f.rule == "statement.transfer_undeclared"
	f.details.countries == ["CH", "GB"]
	f.details.adequacy == {"CH": "full", "GB": "full"}
	contains(f.message, "CH, GB")
}

test_fail_non_eea_establishment_without_locations if {
	lib.fired_on(
		statement.deny,
		"statement.transfer_undeclared",
		"processor://support",
	) with input as {"declaration": {}, "processors": {"support": {"country": "GB"}}}
}

test_fail_one_finding_per_processor if {
	lib.count_of(statement.deny, "statement.transfer_undeclared") == 2 with input as {
		"declaration": {"transfers": [{"country": ""}]},
		"processors": {
			"a": {"country": "US"},
			"b": {"country": "NO", "data_location": ["SG"]},
			"c": {"country": "SE", "data_location": ["SE", "FI"]},
		},
	}
}

test_success_processors_inside_eea if {
	not lib.fired(statement.deny, "statement.transfer_undeclared") with input as {
		"declaration": {"transfers": []},
		"processors": {
			"crm": {"country": "NO", "data_location": ["NO"]},
			"accounting": {"country": "SE", "data_location": ["eu"]},
			"backup": {"country": "IS", "data_location": []},
		},
	}
}

test_success_transfer_declared if {
	not lib.fired(statement.deny, "statement.transfer_undeclared") with input as {
		"declaration": {"transfers": [{"country": "us", "mechanism": "dpf"}, {"country": "GB"}]},
		"processors": {"mailer": {"country": "US", "data_location": ["US", "GB", "DE"]}},
	}
}

test_success_processor_without_country if {
	not lib.fired(statement.deny, "statement.transfer_undeclared") with input as {
		"declaration": {},
		"processors": {"unknown": {"country": "", "data_location": null}, "bare": {}},
	}
}

test_success_no_processors if {
	not lib.fired(statement.deny, "statement.transfer_undeclared") with input as {"declaration": {}}
}
