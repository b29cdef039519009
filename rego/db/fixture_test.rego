package vern.db_test

# _base is a small, clean input: every db rule stays silent on it. Each test changes one
# thing with json.patch.
_base := {
	"declaration": {
		"categories": {
			"basic": {"data": ["user.name"]},
			"contact": {"data": ["user.contact.email", "user.contact.phone_number", "user.contact.address"]},
			"payment": {"data": ["user.financial"]},
			"identity": {"data": ["user.government_id.national_identification_number"]},
			"health": {"data": ["user.health_and_medical"]},
		},
		"purposes": {
			"customer_admin": {"basis": "contract", "categories": ["basic", "contact", "identity", "health"]},
			"marketing": {"basis": "consent", "categories": ["contact"]},
			"legal_obligation": {"basis": "legal_obligation", "categories": ["payment"]},
		},
	},
	"inventory": {"databases": {"crm": {
		"datasets": {
			"public.customers": {"categories": ["basic", "contact"], "purposes": ["customer_admin"]},
			"public.newsletter": {
				"categories": ["contact"], "purposes": ["marketing"], "subject": {"key": "email"},
				"consent": {"given": "consent_given_at", "withdrawn": "consent_withdrawn_at", "grace": "30 days"},
			},
			"public.invoices": {"categories": ["payment"], "purposes": ["legal_obligation"]},
		},
		"ignore": ["public.products", "audit.*"],
	}}},
	"targets": {"db:crm": {"name": "db:crm", "kind": "postgres", "status": "ok", "data": {
		"name": "crm",
		"tables": {
			"public.customers": {"public_select": false, "columns": {
				"email": {"detections": [{"kind": "user.contact.email", "matched": 40, "sampled": 40}]},
				"full_name": {"detections": [{"kind": "user.name", "matched": 0, "sampled": 40}]},
			}},
			"public.newsletter": {"public_select": false, "columns": {"email": {}}},
			"public.invoices": {
				"public_select": false, "foreign_keys": [{
					"name": "invoices_customer_id_fkey", "columns": ["customer_id"], "table": "public.customers",
					"ref_columns": ["id"], "on_delete": "restrict",
				}],
				"columns": {"customer_id": {}, "card_masked": {
					"detections": [{"kind": "user.financial.credit_card", "matched": 0, "sampled": 10}],
					"exact": {"card_number": {"matches": 0, "checked": 10}},
				}},
			},
			"public.products": {"public_select": true, "columns": {"name": {}}},
		},
		"personal": {
			"public.customers": {"email": ["user.contact.email"], "full_name": ["user.name"]},
			"public.newsletter": {"email": ["user.contact.email"]},
			"public.invoices": {"card_masked": ["user.financial.credit_card"]},
			"public.products": {"name": ["user.name"]},
		},
		"datasets": {
			"public.customers": {"table": "public.customers", "exists": true},
			"public.newsletter": {"table": "public.newsletter", "exists": true, "consent": {
				"given": "consent_given_at", "withdrawn": "consent_withdrawn_at",
				"grace": "30 days", "missing": 0, "withdrawn_retained": 0,
			}},
		},
	}}},
}

_data := "/targets/db:crm/data"

# _with adds a column with detected kinds to a table of the base input.
_with_column(table, column, kinds) := json.patch(_base, [
	{"op": "add", "path": sprintf("%s/personal/%s", [_data, table]), "value": {column: kinds}},
	{"op": "add", "path": sprintf("%s/tables/%s", [_data, table]), "value": {"public_select": false, "columns": {column: {}}}},
])
