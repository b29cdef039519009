package vern.lib_test

import data.vern.lib

_chain := [{"annotations": {
	"title": "T",
	"custom": {"id": "x.y", "severity": "high", "kind": "law", "legal": ["GDPR Art. 5"], "remediation": "R"},
}}]

test_success_finding_takes_metadata if {
	f := lib.finding(_chain, {"resource": "r", "target": "t", "message": "m"})
	f.rule == "x.y"
	f.resource == "r"
}

test_success_fired if {
	lib.fired({{"rule": "a"}}, "a")
	lib.count_of({{"rule": "a", "resource": "1"}, {"rule": "a", "resource": "2"}}, "a") == 2
}

test_fail_fired_other_rule if {
	not lib.fired({{"rule": "a"}}, "b")
}
