package vern.processor_test

import data.vern.processor

# Shared fixtures: a complete, current agreement with an EEA processor, and builders that
# vary one thing at a time.

now := "2026-11-25T12:00:00Z"

processor_elements := [
	"subject_matter", "duration", "nature_purpose", "data_types", "data_subjects",
	"a", "b", "c", "d", "e", "f", "g", "h",
]

all_found := {e: {"found": true, "page": 1, "line": 3, "excerpt": "..."} | some e in processor_elements}

good_record := {
	"role": "processor",
	"document": {"status": "found", "path": "processors/nordlys.md", "format": "md", "pages": 1},
	"elements": all_found,
	"signed": "2024-03-01",
	"expires": "2028-03-01",
}

good_processor := {
	"id": "nordlys",
	"name": "Nordlys Drift AS",
	"kind": "hosting",
	"role": "processor",
	"country": "NO",
	"data_location": ["NO"],
	"vendor": "nordlys",
	"agreement": {"document": "nordlys.md", "signed": "2024-03-01", "expires": "2028-03-01"},
	"transfer": {"mechanism": "none"},
}

declaration := {"recipients": [{"kind": "it_operations"}, {"kind": "public_authority"}]}

# world is an input with one processor "nordlys" and its record.
world(p, rec) := {
	"now": now,
	"declaration": declaration,
	"processors": {"nordlys": p},
	"targets": {"processors": {
		"name": "processors", "kind": "processors", "status": "ok",
		"data": {"detector": "clauses/1", "processors": {"nordlys": rec}},
	}},
}

# findings are the [rule, resource] pairs every processor rule yields for an input.
findings(inp) := {[f.rule, f.resource] | some f in processor.deny with input as inp}

# found is the set of [rule, resource] pairs of the rules in deny.
found(deny) := {[f.rule, f.resource] | some f in deny}
