package vern.cookies_test

# A site target holding the given cookies and storage keys.
site_input(cookies, storage) := {
	"now": "2026-12-01T00:00:00Z",
	"declaration": {"cookies": {
		"purposes": [{"id": "analytics"}, {"id": "functional"}],
		"max_lifetime_period": {"months": 13},
		"known": [{"name": "own_pref", "purpose": "functional"}, {"name": "sess_", "prefix": true, "purpose": "necessary"}],
	}},
	"targets": {"site:www.example.no": {
		"name": "site:www.example.no", "kind": "site", "status": "ok",
		"data": {"host": "www.example.no", "url": "https://www.example.no/", "cookies": cookies, "storage": storage},
	}},
}

cookie(name, purpose, source, phases) := {
	"name": name, "domain": "www.example.no", "path": "/", "party": "first", "lifetime_days": 30,
	"http_only": true, "secure": true, "same_site": "Lax", "identity": false,
	"purpose": purpose, "source": source, "phases": phases,
}

before := {"before": {"first_seen": "/", "set_by": ["script"], "before_choice": true, "after_choice": false, "blocked": false}}

after_reject := {"reject": {"first_seen": "/", "set_by": ["script"], "before_choice": false, "after_choice": true, "blocked": false}}

accept_only := {"accept": {"first_seen": "/", "set_by": ["script"], "before_choice": false, "after_choice": true, "blocked": false}}
