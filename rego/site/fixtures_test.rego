package vern.site_test

site_input(extra) := {
	"declaration": {"statement": {"updated": "2025-09-10"}, "cookies": {"purposes": [{"id": "analytics"}]}},
	"targets": {"site:www.example.no": {
		"name": "site:www.example.no", "kind": "site", "status": "ok",
		"data": object.union(
			{
				"host": "www.example.no", "url": "https://www.example.no/", "cookies": [], "storage": [], "requests": [],
				"pages": [], "consent": {"checked": true, "accept": true, "reject": true},
				"statement": {"path": "/personvern", "reachable": true, "status": 200, "updated": "2025-09-10", "sha256": "abc"},
			},
			extra,
		),
	}},
}

request(host, category, sets, sends) := {"host": host, "category": category, "phases": {"before": {
	"count": 2, "first_seen": "/",
	"sets_cookies": sets, "sends_cookies": sends,
}}}
