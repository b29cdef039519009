package vern.statement

# Helpers shared by the statement rules. The declaration reaches the rules as the JSON of
# config.Declaration, where an absent map or list is null: every helper below tolerates
# null, missing keys and values of the wrong type, so a gap in the declaration becomes a
# finding rather than an evaluation error. Sets used for lookups are complete rules, built
# once per evaluation: OPA re-evaluates a partial set for every key looked up in it.

# _art6_bases are the six lawful bases of GDPR Art. 6(1)(a)-(f), as declaration ids.
_art6_bases := {
	"consent",
	"contract",
	"legal_obligation",
	"vital_interests",
	"public_task",
	"legitimate_interest",
}

# _text is the trimmed string under key in obj, or "" when obj is no object, the key is
# absent or the value is no string.
_text(obj, key) := trim_space(v) if {
	is_object(obj)
	v := obj[key]
	is_string(v)
} else := ""

# _object is the declaration section under key when it is an object, else {}.
_object(key) := v if {
	v := input.declaration[key]
	is_object(v)
} else := {}

# _list is the declaration section under key when it is a list, else [].
_list(key) := v if {
	v := input.declaration[key]
	is_array(v)
} else := []

# _strings is the list of non-blank strings of obj[key], or [] when absent.
_strings(obj, key) := [trim_space(s) |
	is_object(obj)
	some s in obj[key]
	is_string(s)
	trim_space(s) != ""
]

_purposes := _object("purposes")

_categories := _object("categories")

_retention := _object("retention")

# _basis is the declared basis of the purpose with this id, or "" when none is stated.
_basis(id) := _text(p, "basis") if {
	p := _purposes[id]
} else := ""

# _consent_purposes are the ids of declared purposes that rest on consent.
_consent_purposes := {id |
	some id, p in _purposes
	_text(p, "basis") == "consent"
}

# _cookie_purposes are the declared cookie purposes as {id, purpose, basis}, whether given
# as objects or as bare ids: purpose defaults to the id, basis is the cookie purpose's own
# ("" when it states none).
_cookie_purposes := {cp |
	some x in _object("cookies").purposes
	cp := _cookie_purpose(x)
	cp.id != ""
}

_cookie_purpose(x) := {"id": trim_space(x), "purpose": trim_space(x), "basis": ""} if is_string(x)

_cookie_purpose(x) := {"id": id, "purpose": _or(_text(x, "purpose"), id), "basis": _text(x, "basis")} if {
	is_object(x)
	id := _text(x, "id")
}

# _or is s unless it is blank, else fallback.
_or(s, _) := s if s != ""

_or("", fallback) := fallback
