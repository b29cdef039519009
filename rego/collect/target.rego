# METADATA
# description: |
#   Rules on the collection itself: targets that were collected only in part or not at
#   all. An audit that could not see a system must never pass silently.
package vern.collect

# _target_resource is the finding resource of a collection target: db:<name> is the
# database postgres://<name>, site:<host> the site site://<host>, processors the processor
# registry. A target of any other form keeps its name, so a new target kind still yields
# a finding.
_target_resource(name) := sprintf("postgres://%s", [trim_prefix(name, "db:")]) if {
	startswith(name, "db:")
} else := sprintf("site://%s", [trim_prefix(name, "site:")]) if {
	startswith(name, "site:")
} else := "processor://registry" if {
	name == "processors"
} else := sprintf("target://%s", [name])

# _target_text is the string under key of a target, or "" when absent or not a string.
_target_text(t, key) := trim_space(v) if {
	is_object(t)
	v := t[key]
	is_string(v)
} else := ""

# _targets_with(status) are the targets whose collection ended with this status, by name.
_targets_with(status) := {name: t |
	some name, t in input.targets
	_target_text(t, "status") == status
}

# _sentence ends s with a full stop unless it already ends with one, so a reason and a fix
# read as two sentences.
_sentence(s) := s if {
	regex.match(`[.!?]$`, s)
} else := sprintf("%s.", [s])

# _explained is a target's reason followed by its fix, when there is one.
_explained(reason, "") := _sentence(reason)

_explained(reason, fix) := sprintf("%s Fix: %s", [_sentence(reason), _sentence(fix)]) if fix != ""

_explained_nb(reason, "") := _sentence(reason)

_explained_nb(reason, fix) := sprintf("%s Retting: %s", [_sentence(reason), _sentence(fix)]) if fix != ""
