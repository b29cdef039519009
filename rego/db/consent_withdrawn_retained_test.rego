package vern.db_test

import data.vern.db

test_fail_rows_kept_after_withdrawal if {
	doc := json.patch(_base, [{
		"op": "replace", "path": "/targets/db:crm/data/datasets/public.newsletter/consent/withdrawn_retained", "value": 2,
	}])
	fs := [f | some f in db.deny with input as doc; f.rule == "db.consent_withdrawn_retained"]
	count(fs) == 1
	fs[0].count == 2
	fs[0].details.grace == "30 days"
}

test_success_withdrawn_rows_erased if {
	count([f | some f in db.deny with input as _base; f.rule == "db.consent_withdrawn_retained"]) == 0
}
