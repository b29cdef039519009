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
