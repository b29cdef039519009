package vern.processor_test

import data.vern.lib
import data.vern.processor

test_fail_registry_names_no_document if {
	p := json.remove(good_processor, ["agreement"])
	inp := json.remove(world(p, good_record), ["targets"])
	lib.fired_on(processor.deny, "processor.agreement_missing", "processor://nordlys") with input as inp
}

test_fail_document_not_found if {
	rec := {"role": "processor", "document": {"status": "missing", "path": "processors/nordlys.md"}}
	some f in processor.deny with input as world(good_processor, rec)
	f.rule == "processor.agreement_missing"
	contains(f.message, "processors/nordlys.md not found")
}

test_fail_joint_controller_without_arrangement_names_art_26 if {
	p := json.patch(good_processor, [
		{"op": "replace", "path": "/role", "value": "joint_controller"},
		{"op": "remove", "path": "/agreement"},
	])
	some f in processor.deny with input as world(p, {"document": {"status": "missing"}})
	f.rule == "processor.agreement_missing"
	contains(f.message, "Art. 26 arrangement")
	f.details.role == "joint_controller"
}

test_fail_site_vendor_without_registry_entry if {
	inp := object.union(world(good_processor, good_record), {"targets": {"site:www.alarmlink.no": {
		"name": "site:www.alarmlink.no", "kind": "site", "status": "ok",
		"data": {"vendors": {"meta": {"cookies": ["_fbp"], "phases": ["accept"]}, "nordlys": {"phases": ["before"]}}},
	}}})
	found(processor.deny) == {["processor.agreement_missing", "processor://meta"]} with input as inp
}

test_success_site_vendor_linked_by_vendor_id if {
	p := json.patch(good_processor, [{"op": "replace", "path": "/vendor", "value": "meta"}])
	inp := object.union(world(p, good_record), {"targets": {"site:www.alarmlink.no": {
		"name": "site:www.alarmlink.no", "kind": "site", "status": "ok",
		"data": {"vendors": {"meta": {"phases": ["accept"]}}},
	}}})
	not lib.fired(processor.deny, "processor.agreement_missing") with input as inp
}

test_success_failed_site_target_is_not_judged if {
	inp := object.union(world(good_processor, good_record), {"targets": {"site:x": {
		"name": "site:x", "kind": "site", "status": "failed",
		"data": {"vendors": {"meta": {}}},
	}}})
	not lib.fired(processor.deny, "processor.agreement_missing") with input as inp
}

test_success_document_found if {
	not lib.fired(processor.deny, "processor.agreement_missing") with input as world(good_processor, good_record)
}
