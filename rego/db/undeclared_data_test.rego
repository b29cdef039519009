package vern.db_test

import data.vern.db
import data.vern.lib

test_fail_undeclared_kind if {
	lib.fired_on(db.deny, "db.undeclared_data", "postgres://crm/public.web_sessions/ip") with input as _with_column("public.web_sessions", "ip", ["user.device.ip_address"])
}

test_success_kind_under_declared_kind if {
	# user.contact.address.street lies under the declared user.contact.address.
	not lib.fired(db.deny, "db.undeclared_data") with input as _with_column("public.customers", "street", ["user.contact.address.street"])
}

test_success_special_category_left_to_its_rule if {
	not lib.fired(db.deny, "db.undeclared_data") with input as _with_column("public.customers", "religion", ["user.demographic.religious_belief"])
}
