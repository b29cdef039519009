package vern.processor_test

import data.vern.lib
import data.vern.processor

test_fail_scan_without_text_layer if {
	rec := {"document": {"status": "unreadable", "format": "pdf", "reason": "the document yields no text"}}
	lib.fired_on(
		processor.deny, "processor.agreement_unreadable",
		"processor://nordlys",
	) with input as world(good_processor, rec)
}

test_fail_broken_pdf if {
	rec := {"document": {"status": "error", "format": "pdf", "reason": "parse pdf: malformed"}}
	some f in processor.deny with input as world(good_processor, rec)
	f.rule == "processor.agreement_unreadable"
	f.details.status == "error"
}

test_success_readable_document if {
	not lib.fired(processor.deny, "processor.agreement_unreadable") with input as world(good_processor, good_record)
}

test_success_missing_document_is_not_unreadable if {
	rec := {"document": {"status": "missing"}}
	not lib.fired(processor.deny, "processor.agreement_unreadable") with input as world(good_processor, rec)
}
