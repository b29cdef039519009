package vern.processor_test

import data.vern.lib
import data.vern.processor

reviewed(stale) := object.union(good_record, {
	"document": {"status": "found", "path": "processors/nordlys.md", "format": "md", "sha256": "b2"},
	"review": {"by": "Kari Revisor", "date": "2026-10-01", "sha256": "a1", "stale": stale},
})

test_fail_review_of_another_version if {
	lib.fired_on(
		processor.deny, "processor.review_stale",
		"processor://nordlys/review",
	) with input as world(good_processor, reviewed(true))
}

test_fail_anchor_no_longer_resolves if {
	rec := object.union(reviewed(false), {"review": {"by": "K", "date": "2026-10-01", "sha256": "b2", "stale": false, "unresolved": ["h: \"9. Revisjon\" no longer resolves"]}})
	some f in processor.deny with input as world(good_processor, rec)
	f.rule == "processor.review_stale"
	f.details.unresolved == "h: \"9. Revisjon\" no longer resolves"
}

test_success_current_review if {
	not lib.fired(processor.deny, "processor.review_stale") with input as world(good_processor, reviewed(false))
}

test_success_no_review if {
	not lib.fired(processor.deny, "processor.review_stale") with input as world(good_processor, good_record)
}
