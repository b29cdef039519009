package vern.processor_test

import data.vern.lib
import data.vern.processor

test_fail_expired_per_registry if {
	p := json.patch(good_processor, [{"op": "replace", "path": "/agreement/expires", "value": "2026-11-01"}])
	rec := json.patch(good_record, [{"op": "replace", "path": "/expires", "value": "2026-11-01"}])
	some f in processor.deny with input as world(p, rec)
	f.rule == "processor.agreement_expired"
	f.details.days_ago == 24
}

test_fail_expired_per_document_when_registry_is_silent if {
	p := json.remove(good_processor, ["agreement/expires"])
	rec := json.patch(good_record, [{"op": "replace", "path": "/expires", "value": "2025-05-02"}])
	lib.fired_on(processor.deny, "processor.agreement_expired", "processor://nordlys") with input as world(p, rec)
}

test_fail_judged_against_input_now if {
	inp := object.union(world(good_processor, good_record), {"now": "2030-01-01T00:00:00Z"})
	lib.fired(processor.deny, "processor.agreement_expired") with input as inp
}

test_success_in_force_on_its_expiry_day if {
	p := json.patch(good_processor, [{"op": "replace", "path": "/agreement/expires", "value": "2026-11-25"}])
	rec := json.patch(good_record, [{"op": "replace", "path": "/expires", "value": "2026-11-25"}])
	not lib.fired(processor.deny, "processor.agreement_expired") with input as world(p, rec)
}

test_success_no_expiry_date if {
	p := json.remove(good_processor, ["agreement/expires"])
	rec := json.remove(good_record, ["expires"])
	not lib.fired(processor.deny, "processor.agreement_expired") with input as world(p, rec)
}

test_success_current if {
	not lib.fired(processor.deny, "processor.agreement_expired") with input as world(good_processor, good_record)
}
