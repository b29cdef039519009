package vern.db_test

import data.vern.db
import data.vern.lib

test_fail_unmapped_table if {
	lib.fired_on(db.deny, "db.unmapped_personal_data", "postgres://crm/public.web_sessions") with input as _with_column("public.web_sessions", "ip", ["user.device.ip_address"])
}

test_success_datasets_and_ignored_tables if {
	not lib.fired(db.deny, "db.unmapped_personal_data") with input as _base
}

test_success_ignored_by_glob if {
	not lib.fired(db.deny, "db.unmapped_personal_data") with input as _with_column("audit.log", "email", ["user.contact.email"])
}

test_success_failed_target_is_not_judged if {
	doc := json.patch(_with_column("public.web_sessions", "ip", ["user.device.ip_address"]), [{
		"op": "replace", "path": "/targets/db:crm/status", "value": "failed",
	}])
	not lib.fired(db.deny, "db.unmapped_personal_data") with input as doc
}

_with_link(table) := json.patch(_base, [{
	"op": "add", "path": sprintf("%s/tables/%s", [_data, table]),
	"value": {"public_select": false, "columns": {"customer_id": {"link": "foreign_key"}}, "personal_links": [{
		"name": "visits_customer_id_fkey", "columns": ["customer_id"], "table": "public.customers",
		"ref_columns": ["id"], "on_delete": "no_action",
	}]},
}])

test_fail_table_linked_to_personal_data if {
	lib.fired_on(db.deny, "db.unmapped_personal_data", "postgres://crm/public.visits") with input as _with_link("public.visits")
}

test_success_linked_table_ignored_or_a_dataset if {
	not lib.fired(db.deny, "db.unmapped_personal_data") with input as _with_link("audit.visits")
	not lib.fired(db.deny, "db.unmapped_personal_data") with input as _with_link("public.invoices")
}
