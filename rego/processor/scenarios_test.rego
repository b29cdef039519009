package vern.processor_test

# Each scenario changes one thing in a complete, current, in-EEA agreement and yields
# exactly its findings, over all processor rules.

test_success_complete_current_eea_agreement_yields_nothing if {
	count(findings(world(good_processor, good_record))) == 0
}

test_fail_scenario_expired if {
	p := json.patch(good_processor, [{"op": "replace", "path": "/agreement/expires", "value": "2026-10-01"}])
	rec := json.patch(good_record, [{"op": "replace", "path": "/expires", "value": "2026-10-01"}])
	findings(world(p, rec)) == {["processor.agreement_expired", "processor://nordlys"]}
}

test_fail_scenario_expiring if {
	p := json.patch(good_processor, [{"op": "replace", "path": "/agreement/expires", "value": "2027-01-10"}])
	rec := json.patch(good_record, [{"op": "replace", "path": "/expires", "value": "2027-01-10"}])
	findings(world(p, rec)) == {["processor.agreement_expiring", "processor://nordlys"]}
}

test_fail_scenario_missing_document if {
	rec := {"role": "processor", "document": {"status": "missing", "reason": "no such file"}}
	findings(world(good_processor, rec)) == {["processor.agreement_missing", "processor://nordlys"]}
}

test_fail_scenario_unreadable_pdf if {
	rec := {"role": "processor", "document": {"status": "unreadable", "format": "pdf", "reason": "no text"}}
	findings(world(good_processor, rec)) == {["processor.agreement_unreadable", "processor://nordlys"]}
}

test_fail_scenario_undeclared_recipient_kind if {
	p := json.patch(good_processor, [{"op": "replace", "path": "/kind", "value": "email_marketing"}])
	findings(world(p, good_record)) == {["processor.recipient_undeclared", "processor://nordlys"]}
}

test_fail_scenario_us_without_dpf_or_scc if {
	p := json.patch(good_processor, [
		{"op": "replace", "path": "/country", "value": "US"},
		{"op": "replace", "path": "/data_location", "value": ["US"]},
	])
	findings(world(p, good_record)) == {["processor.transfer_unsafeguarded", "processor://nordlys"]}
}

test_success_scenario_adequacy_country_is_no_unsafeguarded_transfer if {
	p := json.patch(good_processor, [{"op": "replace", "path": "/data_location", "value": ["JP"]}])
	count(findings(world(p, good_record))) == 0
}

test_fail_scenario_joint_controller_without_arrangement if {
	p := json.patch(good_processor, [
		{"op": "replace", "path": "/role", "value": "joint_controller"},
		{"op": "replace", "path": "/kind", "value": "social_media"},
		{"op": "remove", "path": "/agreement"},
	])
	rec := {"role": "joint_controller", "document": {"status": "missing", "reason": "none named"}}
	inp := json.patch(world(p, rec), [{"op": "add", "path": "/declaration/recipients/-", "value": {"kind": "marketing"}}])
	findings(inp) == {["processor.agreement_missing", "processor://nordlys"]}
}

test_fail_scenario_clause_missing if {
	rec := json.patch(good_record, [{"op": "replace", "path": "/elements/h", "value": {"found": false}}])
	findings(world(good_processor, rec)) == {["processor.clause_missing", "processor://nordlys/clause/h"]}
}
