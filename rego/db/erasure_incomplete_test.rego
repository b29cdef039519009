package vern.db_test

import data.vern.db
import data.vern.lib

test_fail_column_left_out_of_erased_when if {
	doc := json.patch(_base, [{
		"op": "add", "path": "/targets/db:crm/data/datasets/public.customers/unerased", "value": ["full_name"],
	}])
	lib.fired_on(db.deny, "db.erasure_incomplete", "postgres://crm/public.customers/full_name") with input as doc
}

test_success_erased_when_covers_all if {
	doc := json.patch(_base, [{
		"op": "add", "path": "/targets/db:crm/data/datasets/public.customers/unerased", "value": [],
	}])
	not lib.fired(db.deny, "db.erasure_incomplete") with input as doc
}
