package vern.db_test

import data.vern.db
import data.vern.lib

test_fail_health_data_undeclared if {
	lib.fired_on(db.deny, "db.special_category", "postgres://crm/public.customers/diagnose") with input as _with_column("public.customers", "diagnose", ["user.health_and_medical"])
}

test_success_health_data_with_condition if {
	doc := json.patch(_with_column("public.customers", "diagnose", ["user.health_and_medical"]), [
		{"op": "add", "path": "/inventory/databases/crm/datasets/public.customers/categories/-", "value": "health"},
		{
			"op": "add", "path": "/inventory/databases/crm/datasets/public.customers/special",
			"value": {"condition": "explicit_consent"},
		},
	])
	not lib.fired(db.deny, "db.special_category") with input as doc
}
