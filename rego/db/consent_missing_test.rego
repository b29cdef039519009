package vern.db_test

import data.vern.db

test_fail_rows_without_consent if {
	doc := json.patch(_base, [{"op": "replace", "path": "/targets/db:crm/data/datasets/public.newsletter/consent/missing", "value": 3}])
	fs := [f | some f in db.deny with input as doc; f.rule == "db.consent_missing"]
	count(fs) == 1
	fs[0].count == 3
}

test_success_all_rows_consented if {
	count([f | some f in db.deny with input as _base; f.rule == "db.consent_missing"]) == 0
}
