package vern.processor_test

import data.vern.lib
import data.vern.processor

_of_kind(kind) := world(json.patch(good_processor, [{"op": "replace", "path": "/kind", "value": kind}]), good_record)

test_fail_kind_outside_declared_recipients if {
	some f in processor.deny with input as _of_kind("advertising")
	f.rule == "processor.recipient_undeclared"
	f.target == "declaration://recipients"
	f.details.lineage == ["advertising", "marketing"]
}

test_fail_unknown_kind if {
	lib.fired(processor.deny, "processor.recipient_undeclared") with input as _of_kind("astrology")
}

test_fail_no_kind if {
	lib.fired(processor.deny, "processor.recipient_undeclared") with input as _of_kind("")
}

test_fail_no_recipients_declared if {
	inp := json.patch(world(good_processor, good_record), [{"op": "replace", "path": "/declaration", "value": {}}])
	lib.fired(processor.deny, "processor.recipient_undeclared") with input as inp
}

test_success_kind_under_declared_parent if {
	not lib.fired(processor.deny, "processor.recipient_undeclared") with input as _of_kind("crm")
}

test_success_kind_declared_itself if {
	not lib.fired(processor.deny, "processor.recipient_undeclared") with input as _of_kind("it_operations")
}
