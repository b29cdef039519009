package vern.db_test

import data.vern.db

test_fail_rows_past_retention if {
	doc := json.patch(_base, [{
		"op": "add", "path": "/targets/db:crm/data/datasets/public.customers/retention",
		"value": {"max": "12 months", "timestamp": "created_at", "expired": 7, "oldest_days": 800},
	}])
	fs := [f | some f in db.deny with input as doc; f.rule == "db.retention_exceeded"]
	count(fs) == 1
	fs[0].count == 7
	fs[0].resource == "postgres://crm/public.customers"
}

test_success_no_rows_past_retention if {
	doc := json.patch(_base, [{
		"op": "add", "path": "/targets/db:crm/data/datasets/public.customers/retention",
		"value": {"max": "12 months", "timestamp": "created_at", "expired": 0, "oldest_days": 0},
	}])
	count([f | some f in db.deny with input as doc; f.rule == "db.retention_exceeded"]) == 0
}
