package vern.db_test

import data.vern.db
import data.vern.lib

# _call_log adds a dataset keyed by a phone number only, with no foreign key to anyone.
_call_log := json.patch(_base, [
	{"op": "add", "path": "/inventory/databases/crm/datasets/public.call_log", "value": {
		"categories": ["contact"], "purposes": ["customer_admin"],
	}},
	{"op": "add", "path": sprintf("%s/tables/public.call_log", [_data]), "value": {
		"public_select": false, "columns": {"caller_phone": {}},
	}},
	{"op": "add", "path": sprintf("%s/personal/public.call_log", [_data]), "value": {
		"caller_phone": ["user.contact.phone_number"],
	}},
])

test_fail_table_without_path_to_the_subject if {
	lib.fired_on(db.deny, "db.subject_unreachable", "postgres://crm/public.call_log") with input as _call_log
	lib.count_of(db.deny, "db.subject_unreachable") == 1 with input as _call_log
}

test_fail_declared_key_column_missing if {
	doc := json.patch(_call_log, [{
		"op": "add", "path": "/inventory/databases/crm/datasets/public.call_log/subject", "value": {"key": "customer_id"},
	}])
	lib.fired_on(db.deny, "db.subject_unreachable", "postgres://crm/public.call_log") with input as doc
}

test_fail_no_subject_table_to_infer if {
	doc := json.patch(_base, [{"op": "remove", "path": sprintf("%s/tables/public.invoices/foreign_keys", [_data])}])
	lib.fired_on(db.deny, "db.subject_unreachable", "postgres://crm/public.invoices") with input as doc
	lib.fired_on(db.deny, "db.subject_unreachable", "postgres://crm/public.customers") with input as doc
	not lib.fired_on(db.deny, "db.subject_unreachable", "postgres://crm/public.newsletter") with input as doc
}

test_fail_shared_lookup_table_is_no_path if {
	# call_log and customers both refer to a lookup table: that joins other people's rows.
	fk := {"name": "x_region_fkey", "columns": ["region_id"], "table": "public.regions", "ref_columns": ["id"]}
	doc := json.patch(_call_log, [
		{"op": "add", "path": sprintf("%s/tables/public.regions", [_data]), "value": {"columns": {"id": {}}}},
		{"op": "add", "path": sprintf("%s/tables/public.call_log/foreign_keys", [_data]), "value": [fk]},
		{"op": "add", "path": sprintf("%s/tables/public.customers/foreign_keys", [_data]), "value": [fk]},
	])
	lib.fired_on(db.deny, "db.subject_unreachable", "postgres://crm/public.call_log") with input as doc
}

test_success_declared_key_column if {
	doc := json.patch(_call_log, [{
		"op": "add", "path": "/inventory/databases/crm/datasets/public.call_log/subject", "value": {"key": "caller_phone"},
	}])
	not lib.fired(db.deny, "db.subject_unreachable") with input as doc
}

test_success_foreign_key_chain_to_the_inferred_subject if {
	doc := json.patch(_call_log, [{
		"op": "add", "path": sprintf("%s/tables/public.call_log/foreign_keys", [_data]), "value": [{
			"name": "call_log_invoice_id_fkey", "columns": ["invoice_id"], "table": "public.invoices",
			"ref_columns": ["id"], "on_delete": "cascade",
		}],
	}])
	not lib.fired(db.deny, "db.subject_unreachable") with input as doc
}

test_success_tables_outside_the_inventory_are_not_judged if {
	not lib.fired(db.deny, "db.subject_unreachable") with input as _with_column("public.web_sessions", "ip", ["user.device.ip_address"])
}

test_fail_another_persons_table_is_no_path if {
	# customers refer to an employee table (their sales rep): the employee's rows are not theirs.
	fk := {"name": "x_employee_fkey", "columns": ["employee_id"], "table": "public.employees", "ref_columns": ["id"]}
	doc := json.patch(_call_log, [
		{"op": "add", "path": sprintf("%s/tables/public.employees", [_data]), "value": {"columns": {"id": {}}}},
		{"op": "add", "path": sprintf("%s/personal/public.employees", [_data]), "value": {"name": ["user.name"]}},
		{"op": "add", "path": "/inventory/databases/crm/datasets/public.employees", "value": {"categories": ["basic"]}},
		{"op": "add", "path": sprintf("%s/tables/public.customers/foreign_keys", [_data]), "value": [fk]},
	])
	lib.fired_on(db.deny, "db.subject_unreachable", "postgres://crm/public.employees") with input as doc
}
