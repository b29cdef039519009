# METADATA
# description: |
#   Rules on processors and joint controllers: the registry (processors/*.yaml) and what the
#   processors collector found in each agreement, judged against GDPR Art. 28 (Art. 26 for
#   joint controllers), the declared recipients and the transfer rules of Chapter V. Clause
#   findings are indicators for an auditor to verify at the page and line given.
package vern.processor

import data.vern.lib

# Helpers shared by the processor rules. Registry entries reach the rules as the JSON of
# config.Processor and the collector's document as evidence.Processors; every helper
# tolerates absent keys and nulls, so a gap becomes a finding, not an evaluation error.

# _records maps processor id to its collected record, when the processors target was
# collected (a failed target is collect.failed's finding, not ours).
_records := r if {
	t := input.targets.processors
	t.status != "failed"
	r := t.data.processors
	is_object(r)
} else := {}

_registry := r if {
	r := input.processors
	is_object(r)
} else := {}

# _text is the trimmed string under key in obj, or "".
_text(obj, key) := trim_space(v) if {
	is_object(obj)
	v := obj[key]
	is_string(v)
} else := ""

_role(p) := r if {
	r := _text(p, "role")
	r != ""
} else := "processor"

_joint(p) if _role(p) == "joint_controller"

_name(id) := n if {
	n := _text(_registry[id], "name")
	n != ""
} else := id

_resource(id) := sprintf("processor://%s", [id])

_agreement(p) := a if {
	a := p.agreement
	is_object(a)
} else := {}

# _document_status is the collected status of the processor's document, "" when the
# processors target holds no record of it.
_document_status(id) := s if {
	s := _records[id].document.status
	is_string(s)
} else := ""

_now_ns := lib.now_ns

_day_ns := 86400000000000

# _expiry_end_ns is the first instant after the agreement's expiry date (an agreement is
# in force through the day it expires): the collected effective date (the registry's, else
# the document's), else the registry's.
_expiry_end_ns(id) := time.parse_ns("2006-01-02", _expires(id)) + _day_ns

_expires(id) := d if {
	d := _text(_records[id], "expires")
	d != ""
} else := d if {
	d := _text(_agreement(_registry[id]), "expires")
	d != ""
}

_expired(id) if _now_ns >= _expiry_end_ns(id)

# _days_left is the number of whole days from now to the end of the expiry date (0 on the
# day itself); _days_ago the whole days since the expiry date began.
_days_left(id) := floor((_expiry_end_ns(id) - _now_ns) / _day_ns)

_days_ago(id) := floor(((_now_ns - _expiry_end_ns(id)) + _day_ns) / _day_ns)
