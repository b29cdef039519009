package vern.collect_test

import data.vern.collect
import data.vern.lib

test_fail_partial_site if {
	fs := collect.deny with input as {"targets": {"site:www.alarmlink.no": {
		"name": "site:www.alarmlink.no",
		"kind": "site",
		"status": "partial",
		"reason": "browser none: cookies set by scripts were not observed",
	}}}
	lib.count_of(fs, "collect.partial") == 1
	some f in fs
	f.rule == "collect.partial"
	f.resource == "site://www.alarmlink.no"
	f.target == "site://www.alarmlink.no"
	f.details.reason == "browser none: cookies set by scripts were not observed"
	f.message == concat("", [
		"The target site:www.alarmlink.no was collected only in part: ",
		"browser none: cookies set by scripts were not observed.",
	])
}

test_fail_partial_database_resource if {
	lib.fired_on(
		collect.deny,
		"collect.partial",
		"postgres://crm",
	) with input as {"targets": {"db:crm": {"status": "partial", "reason": "row sampling denied."}}}
}

test_fail_partial_processors_resource if {
	lib.fired_on(
		collect.deny,
		"collect.partial",
		"processor://registry",
	) with input as {"targets": {"processors": {"status": "partial", "reason": "2 documents unreadable"}}}
}

test_fail_partial_without_reason if {
	fs := collect.deny with input as {"targets": {"db:erp": {"status": "partial", "reason": ""}}}
	some f in fs
	f.rule == "collect.partial"
	f.details.reason == "no reason recorded"
}

test_fail_partial_with_fix if {
	fs := collect.deny with input as {"targets": {"site:example.no": {
		"status": "partial",
		"reason": "Chromium not found",
		"fix": "install chromium",
	}}}
	some f in fs
	f.rule == "collect.partial"
	f.message == "The target site:example.no was collected only in part: Chromium not found. Fix: install chromium."
}

test_success_complete_targets if {
	not lib.fired(collect.deny, "collect.partial") with input as {"targets": {
		"db:crm": {"status": "ok"},
		"processors": {"status": "ok"},
	}}
}

test_success_failed_is_not_partial if {
	not lib.fired(collect.deny, "collect.partial") with input as {"targets": {"db:crm": {"status": "failed"}}}
}

test_success_no_targets if {
	not lib.fired(collect.deny, "collect.partial") with input as {"targets": {}}
}

test_success_targets_absent if {
	not lib.fired(collect.deny, "collect.partial") with input as {}
}
