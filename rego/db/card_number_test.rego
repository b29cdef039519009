package vern.db_test

import data.vern.db

test_fail_full_card_numbers if {
	doc := json.patch(_base, [{
		"op": "replace", "path": "/targets/db:crm/data/tables/public.invoices/columns/card_masked/exact/card_number/matches",
		"value": 5,
	}])
	fs := [f | some f in db.deny with input as doc; f.rule == "db.card_number"]
	count(fs) == 1
	fs[0].count == 5
	fs[0].resource == "postgres://crm/public.invoices/card_masked"
}

test_success_masked_cards if {
	count([f | some f in db.deny with input as _base; f.rule == "db.card_number"]) == 0
}
