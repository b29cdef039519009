package vern.db_test

import data.vern.db

_accounts(matches) := json.patch(_base, [{
	"op": "add", "path": "/targets/db:crm/data/tables/public.accounts",
	"value": {"columns": {"password": {"exact": {"plaintext_password": {"matches": matches, "checked": 50}}}}},
}])

test_fail_plaintext_passwords if {
	fs := [f | some f in db.deny with input as _accounts(4); f.rule == "db.plaintext_password"]
	count(fs) == 1
	fs[0].count == 4
	fs[0].resource == "postgres://crm/public.accounts/password"
}

test_success_hashed_passwords if {
	count([f | some f in db.deny with input as _accounts(0); f.rule == "db.plaintext_password"]) == 0
}
