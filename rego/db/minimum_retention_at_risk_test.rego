package vern.db_test

import data.vern.db
import data.vern.lib

test_fail_cascade_into_min_retention if {
	doc := json.patch(_base, [{
		"op": "add", "path": "/targets/db:crm/data/datasets/public.invoices",
		"value": {"table": "public.invoices", "exists": true, "cascades": [{"from": "public.customers", "path": ["invoices_customer_fk"]}]},
	}])
	lib.fired_on(db.deny, "db.minimum_retention_at_risk", "postgres://crm/public.invoices") with input as doc
}

test_success_no_cascade if {
	doc := json.patch(_base, [{
		"op": "add", "path": "/targets/db:crm/data/datasets/public.invoices",
		"value": {"table": "public.invoices", "exists": true},
	}])
	not lib.fired(db.deny, "db.minimum_retention_at_risk") with input as doc
}
