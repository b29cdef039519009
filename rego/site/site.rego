# METADATA
# description: |
#   Rules on a website as a whole: third-party requests before consent, the consent banner
#   and the privacy statement page (reachable, linked from every page, up to date).
package vern.site

import data.vern.cookies

_page_resource(t, path) := sprintf("site://%s/page/%s", [t.data.host, trim_left(path, "/")])

_statement_path(t) := object.get(object.get(t.data, "statement", {}), "path", "")

# _non_essential maps a site's name to the names of its non-essential cookies.
_non_essential[name] := {c.name |
	some i, c in t.data.cookies
	not classes[i].purpose == "necessary"
} if {
	some name, t in cookies.sites
	classes := cookies.cookie_classes[name]
}
