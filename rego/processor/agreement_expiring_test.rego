package vern.processor_test

import data.vern.lib
import data.vern.processor

_expiring_on(date) := world(
	json.patch(good_processor, [{"op": "replace", "path": "/agreement/expires", "value": date}]),
	json.patch(good_record, [{"op": "replace", "path": "/expires", "value": date}]),
)

test_fail_expires_in_30_days if {
	some f in processor.deny with input as _expiring_on("2026-12-24")
	f.rule == "processor.agreement_expiring"
	f.details.days_left == 29
}

test_fail_expires_today if {
	lib.fired(processor.deny, "processor.agreement_expiring") with input as _expiring_on("2026-11-25")
}

test_fail_expires_on_the_59th_day if {
	lib.fired(processor.deny, "processor.agreement_expiring") with input as _expiring_on("2027-01-23")
}

test_success_expires_after_60_days if {
	not lib.fired(processor.deny, "processor.agreement_expiring") with input as _expiring_on("2027-01-25")
}

test_success_already_expired_is_not_expiring if {
	not lib.fired(processor.deny, "processor.agreement_expiring") with input as _expiring_on("2026-11-24")
}
