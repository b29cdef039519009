package vern.db_test

import data.vern.db
import data.vern.lib

test_fail_consent_purpose_without_consent_columns if {
	doc := json.patch(_base, [{"op": "remove", "path": "/inventory/databases/crm/datasets/public.newsletter/consent"}])
	lib.fired_on(db.deny, "db.consent_untracked", "postgres://crm/public.newsletter") with input as doc
}

test_success_consent_columns_named if {
	not lib.fired(db.deny, "db.consent_untracked") with input as _base
}
