package vern.db_test

import data.vern.db
import data.vern.lib

test_fail_public_select_on_personal_table if {
	doc := json.patch(_base, [{"op": "replace", "path": "/targets/db:crm/data/tables/public.customers/public_select", "value": true}])
	lib.fired_on(db.deny, "db.public_grant", "postgres://crm/public.customers") with input as doc
}

test_success_public_select_without_personal_data if {
	doc := json.patch(_base, [{"op": "remove", "path": "/targets/db:crm/data/personal/public.products"}])
	not lib.fired(db.deny, "db.public_grant") with input as doc
}
