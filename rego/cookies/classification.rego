# METADATA
# description: |
#   Rules on the cookies, storage keys and third-party requests the site collector saw,
#   judged against the declaration's cookie policy (ekomloven § 3-15, consent to GDPR
#   standard since 1 January 2025). This file classifies what was seen: the declaration's own
#   cookie list first, then the catalog's purpose recorded at collection, else unclassified.
package vern.cookies

# METADATA
# description: sites is every collected site target by name.
sites[name] := t if {
	some name, t in input.targets
	t.kind == "site"
	is_object(t.data)
}

# METADATA
# description: purpose is the effective purpose of a cookie or storage key.
purpose(c) := ks[0].purpose if {
	ks := _declared(c)
	count(ks) > 0
} else := c.purpose if {
	c.source == "catalog"
	c.purpose != ""
} else := "unclassified"

# METADATA
# description: source says where the purpose came from (declaration, catalog, unclassified).
source(c) := "declaration" if {
	count(_declared(c)) > 0
} else := c.source

# METADATA
# description: |
#   essential holds for strictly necessary cookies and keys; an unclassified one is not.
essential(c) if purpose(c) == "necessary"

# METADATA
# description: target is a site's target resource.
target(t) := sprintf("site://%s", [t.data.host])

# METADATA
# description: cookie_resource is the resource of one cookie of a site.
cookie_resource(t, c) := sprintf("site://%s/cookie/%s/%s", [t.data.host, c.domain, c.name])

# METADATA
# description: storage_resource is the resource of one storage key of a site.
storage_resource(t, s) := sprintf("site://%s/storage/%s", [t.data.host, s.key])

_known := object.get(object.get(input, ["declaration", "cookies"], {}), "known", [])

_known_exact[k.name] contains k if {
	some k in _known
	not k.prefix
}

_known_prefix contains k if {
	some k in _known
	k.prefix
}

_declared(c) := array.concat(
	[k | some k in _known_exact[_name(c)]; _domain_ok(k, object.get(c, "domain", ""))],
	[k | some k in _known_prefix; startswith(_name(c), k.name); _domain_ok(k, object.get(c, "domain", ""))],
)

# A storage key is classified by its key as a cookie is by its name.
_name(c) := object.get(c, "name", object.get(c, "key", ""))

_domain_ok(k, _) if object.get(k, "domain", "") == ""

_domain_ok(k, d) if {
	kd := trim_left(object.get(k, "domain", ""), ".")
	kd != ""
	_on_domain(d, kd)
}

_on_domain(d, kd) if d == kd

_on_domain(d, kd) if endswith(d, concat("", [".", kd]))
