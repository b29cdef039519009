package vern.db_test

import data.vern.db
import data.vern.lib

_nid := "user.government_id.national_identification_number"

test_fail_national_id_in_unmapped_table if {
	lib.fired_on(db.deny, "db.national_id", "postgres://crm/public.credit_checks/fnr") with input as _with_column("public.credit_checks", "fnr", [_nid])
}

test_fail_national_id_undeclared_in_dataset if {
	lib.fired_on(db.deny, "db.national_id", "postgres://crm/public.customers/fnr") with input as _with_column("public.customers", "fnr", [_nid])
}

test_fail_national_id_without_justification if {
	doc := json.patch(_with_column("public.customers", "fnr", [_nid]), [{
		"op": "add", "path": "/inventory/databases/crm/datasets/public.customers/categories/-", "value": "identity",
	}])
	lib.fired_on(db.deny, "db.national_id", "postgres://crm/public.customers/fnr") with input as doc
}

test_success_national_id_declared_and_justified if {
	doc := json.patch(_with_column("public.customers", "fnr", [_nid]), [
		{"op": "add", "path": "/inventory/databases/crm/datasets/public.customers/categories/-", "value": "identity"},
		{
			"op": "add", "path": "/inventory/databases/crm/datasets/public.customers/national_id",
			"value": {"justification": "sikker identifisering ved kredittvurdering"},
		},
	])
	not lib.fired(db.deny, "db.national_id") with input as doc
}
