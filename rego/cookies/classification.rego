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
# description: |
#   cookie_classes maps each site's name to the classification of its cookies, index for
#   index with its data.cookies: {"purpose", "source"} (source left out where source(c) is
#   undefined). Rules look a cookie up here instead of classifying it again.
cookie_classes[name] := _classes(t.data.cookies) if some name, t in sites

# METADATA
# description: storage_classes is cookie_classes for a site's storage keys (data.storage).
storage_classes[name] := _classes(t.data.storage) if some name, t in sites

# Without a cookie list in the declaration only the catalog classifies, which takes one
# call per item instead of several.
_classes(items) := [_catalog_class(c) | some c in items] if _known_none

else := [_class(c) | some c in items]

# _catalog_class is _class when the declaration lists no cookies.
_catalog_class(c) := {"purpose": c.purpose, "source": c.source} if {
	c.source in _collected_sources
	c.purpose != ""
} else := {"purpose": "unclassified", "source": s} if {
	s := c.source
} else := {"purpose": "unclassified"}

# _class is defined for every item, so the classes stay index for index with the items.
_class(c) := {"purpose": purpose(c), "source": s} if {
	s := source(c)
} else := {"purpose": purpose(c)} if {
	purpose(c)
} else := {}

# METADATA
# description: purpose is the effective purpose of a cookie or storage key.
purpose(c) := ks[0].purpose if {
	ks := _declared(c)
	count(ks) > 0
} else := c.purpose if {
	c.source in _collected_sources
	c.purpose != ""
} else := "unclassified"

# _collected_sources are the classifications made at collection: the catalog, and the
# consent platforms' choice records that autoconsent's rules name.
_collected_sources := {"catalog", "autoconsent"}

# METADATA
# description: source says where the purpose came from (declaration, catalog, autoconsent,
#   unclassified).
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

# _known_exact maps a name to the entries that name it exactly: a complete object, so a
# cookie's lookup is one index, not an evaluation per name.
_known_exact := {name: {x | some x in _known; not x.prefix; x.name == name} |
	some k in _known
	not k.prefix
	name := k.name
}

_known_prefix contains k if {
	some k in _known
	k.prefix
}

# _declared is the declaration's entries that classify c, in the order of their sets.
_declared(c) := [] if {
	_known_none
} else := array.concat(
	[k | some k in _known_exact[n]; _domain_ok(k, d)],
	[k | some k in _known_prefix; startswith(n, k.name); _domain_ok(k, d)],
) if {
	n := _name(c)
	d := object.get(c, "domain", "")
}

# _known_none holds when the declaration lists no cookies, the common case on large sites.
_known_none if count([k | some k in _known]) == 0

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

# _written_en says how a cookie was written in a phase: a cookie the browser refused to
# store was still one the site tried to set, and the finding says so.
_written_en(ph) := ": the site tried to set it (blocked by the browser)" if ph.blocked

else := " is written"

_written_nb(ph) := ": nettstedet forsøkte å sette den (blokkert av nettleseren)" if ph.blocked

else := " skrives"
