package vern.cookies_test

import data.vern.cookies

# The classes the rules look cookies up in agree with purpose and source, with and without
# a cookie list in the declaration (the second takes the catalog-only path).

classes_cookies := [
	cookie("own_pref", "", "unclassified", before),
	cookie("sess_id", "functional", "catalog", before),
	cookie("_ga", "analytics", "catalog", before),
	cookie("_x", "", "catalog", before),
	cookie("zz", "", "unclassified", before),
]

test_classes_match_purpose_and_source if {
	doc := site_input(classes_cookies, [{"key": "own_pref", "kind": "local", "source": "unclassified", "phases": before}])
	classes := cookies.cookie_classes["site:www.example.no"] with input as doc
	classes == [{"purpose": cookies.purpose(c), "source": cookies.source(c)} | some c in classes_cookies] with input as doc
	classes[0] == {"purpose": "functional", "source": "declaration"}
	classes[1] == {"purpose": "necessary", "source": "declaration"}
	cookies.storage_classes["site:www.example.no"] == [{"purpose": "functional", "source": "declaration"}] with input as doc
}

test_classes_without_declared_cookies if {
	doc := json.remove(site_input(classes_cookies, []), ["declaration/cookies/known"])
	classes := cookies.cookie_classes["site:www.example.no"] with input as doc
	classes == [{"purpose": cookies.purpose(c), "source": cookies.source(c)} | some c in classes_cookies] with input as doc
	classes == [
		{"purpose": "unclassified", "source": "unclassified"},
		{"purpose": "functional", "source": "catalog"},
		{"purpose": "analytics", "source": "catalog"},
		{"purpose": "unclassified", "source": "catalog"},
		{"purpose": "unclassified", "source": "unclassified"},
	]
}

test_classes_keep_order_without_source if {
	doc := json.remove(site_input([object.remove(cookie("a", "", "", before), ["source"]), cookie("b", "x", "catalog", before)], []), ["declaration/cookies/known"])
	cookies.cookie_classes["site:www.example.no"] == [{"purpose": "unclassified"}, {"purpose": "x", "source": "catalog"}] with input as doc
}
