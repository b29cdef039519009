package vern.processor_test

import data.vern.lib
import data.vern.processor

test_fail_one_finding_per_missing_element if {
	rec := json.patch(good_record, [
		{"op": "replace", "path": "/elements/h", "value": {"found": false}},
		{"op": "remove", "path": "/elements/data_subjects"},
	])
	found(processor.deny) == {
		["processor.clause_missing", "processor://nordlys/clause/h"],
		["processor.clause_missing", "processor://nordlys/clause/data_subjects"],
	} with input as world(good_processor, rec)
}

test_fail_negated_element_points_at_the_sentence if {
	rec := json.patch(good_record, [{"op": "replace", "path": "/elements/d", "value": {
		"found": false, "negated": true, "page": 2, "line": 14,
		"excerpt": "may engage sub-processors without authorisation",
	}}])
	some f in processor.deny with input as world(good_processor, rec)
	f.resource == "processor://nordlys/clause/d"
	f.details.negated == true
	f.details.page == 2
	contains(f.message, "refuses")
	contains(f.message, "page 2, line 14")
}

test_fail_partly_found_element_names_the_missing_part if {
	rec := json.patch(good_record, [{"op": "replace", "path": "/elements/d", "value": {
		"found": false, "page": 1, "line": 9, "missing": ["flow_down"],
	}}])
	some f in processor.deny with input as world(good_processor, rec)
	f.rule == "processor.clause_missing"
	contains(f.message, "missing: flow_down")
}

test_fail_joint_arrangement_judged_on_art_26 if {
	p := json.patch(good_processor, [{"op": "replace", "path": "/role", "value": "joint_controller"}])
	rec := {
		"role": "joint_controller",
		"document": {"status": "found"},
		"elements": {"responsibilities": {"found": true, "page": 1, "line": 2}, "rights_information": {"found": true}},
	}
	want := {["processor.clause_missing", "processor://nordlys/clause/essence"]}
	found(processor.deny) == want with input as world(p, rec)
}

test_success_complete_agreement if {
	not lib.fired(processor.deny, "processor.clause_missing") with input as world(good_processor, good_record)
}

test_success_no_clause_findings_without_a_readable_document if {
	rec := {"document": {"status": "unreadable"}}
	not lib.fired(processor.deny, "processor.clause_missing") with input as world(good_processor, rec)
}

test_fail_conflicting_provision_names_both_places if {
	conflict := {"found": false, "negated": true, "status": "conflict", "page": 1, "line": 12, "conflict": {"page": 2, "line": 4}}
	rec := object.union(good_record, {"elements": object.union(all_found, {"g": conflict})})
	some f in processor.deny with input as world(good_processor, rec)
	f.rule == "processor.clause_missing"
	f.details.element == "g"
	f.details.conflict.line == 4
	contains(f.message, "line 4, which conflicts with a grant at page 1, line 12")
}

test_success_partial_collection_is_not_missing_clauses if {
	rec := {"role": "processor", "document": {"status": "found", "language": "de"}, "partial": true, "partial_reason": "language de not supported, not checked"}
	not lib.fired(processor.deny, "processor.clause_missing") with input as world(good_processor, rec)
}

test_fail_referenced_annex_not_supplied_is_reported_as_such if {
	ref := {"found": false, "status": "referenced_not_supplied", "page": 1, "line": 7}
	rec := object.union(good_record, {"elements": object.union(all_found, {"data_types": ref})})
	some f in processor.deny with input as world(good_processor, rec)
	f.rule == "processor.clause_missing"
	f.details.status == "referenced_not_supplied"
	contains(f.message, "leaves to an annex that is not on file the types of personal data")
	contains(f.message, "referenced at page 1, line 7")
}
