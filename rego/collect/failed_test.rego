package vern.collect_test

import data.vern.collect
import data.vern.lib

test_fail_failed_database_with_fix if {
	fs := collect.deny with input as {"targets": {"db:crm": {
		"name": "db:crm",
		"kind": "postgres",
		"status": "failed",
		"reason": "connect: password authentication failed for user \"vern_reader\"",
		"fix": "check the password in CRM_DATABASE_URL",
	}}}
	lib.count_of(fs, "collect.failed") == 1
	some f in fs
	f.rule == "collect.failed"
	f.resource == "postgres://crm"
	f.details.fix == "check the password in CRM_DATABASE_URL"
	contains(f.message, "password authentication failed")
	endswith(f.message, "Fix: check the password in CRM_DATABASE_URL.")
	contains(f.message_nb, "Retting: check the password")
}

test_fail_failed_site_without_fix if {
	fs := collect.deny with input as {"targets": {"site:www.alarmlink.no": {
		"status": "failed",
		"reason": "dns lookup failed.",
	}}}
	some f in fs
	f.rule == "collect.failed"
	f.resource == "site://www.alarmlink.no"
	f.message == "The target site:www.alarmlink.no could not be collected: dns lookup failed."
	not contains(f.message, "Fix:")
}

test_fail_failed_processors if {
	lib.fired_on(
		collect.deny,
		"collect.failed",
		"processor://registry",
	) with input as {"targets": {"processors": {"status": "failed"}}}
}

test_fail_unknown_target_kind_keeps_its_name if {
	lib.fired_on(
		collect.deny,
		"collect.failed",
		"target://ldap:people",
	) with input as {"targets": {"ldap:people": {"status": "failed", "reason": "timeout"}}}
}

test_fail_missing_status_fails_closed if {
	fs := collect.deny with input as {"targets": {"db:crm": {"name": "db:crm"}, "db:erp": {"status": "skipped"}}}
	lib.count_of(fs, "collect.failed") == 2
	some f in fs
	f.resource == "postgres://erp"
	f.details.reason == "unknown collection status \"skipped\""
}

test_fail_each_failed_target if {
	lib.count_of(collect.deny, "collect.failed") == 2 with input as {"targets": {
		"db:crm": {"status": "failed"},
		"db:erp": {"status": "ok"},
		"site:a.no": {"status": "failed"},
		"site:b.no": {"status": "partial"},
	}}
}

test_success_ok_and_partial_targets if {
	not lib.fired(collect.deny, "collect.failed") with input as {"targets": {
		"db:crm": {"status": "ok"},
		"site:www.alarmlink.no": {"status": "partial", "reason": "browser none"},
	}}
}

test_success_no_targets_to_fail if {
	not lib.fired(collect.deny, "collect.failed") with input as {"targets": null}
}
