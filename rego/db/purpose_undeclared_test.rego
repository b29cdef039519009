package vern.db_test

import data.vern.db
import data.vern.lib

test_fail_category_no_purpose_declares if {
	doc := json.patch(_base, [{
		"op": "add", "path": "/inventory/databases/crm/datasets/public.customers/categories/-", "value": "payment",
	}])
	lib.fired_on(db.deny, "db.purpose_undeclared", "postgres://crm/public.customers") with input as doc
}

test_success_categories_within_purposes if {
	not lib.fired(db.deny, "db.purpose_undeclared") with input as _base
}
