# METADATA
# description: |
#   Builds findings from the metadata of the rule that calls it, so a rule's id, title,
#   severity, kind, legal citations and remediation are written once, in its METADATA.
package vern.lib

# METADATA
# description: |
#   finding turns a rule's metadata chain and the facts of one violation into a finding.
#   facts holds resource, target, message and optionally message_nb, count and details.
finding(chain, facts) := object.union(
	{
		"rule": chain[0].annotations.custom.id,
		"title": chain[0].annotations.title,
		"severity": chain[0].annotations.custom.severity,
		"kind": chain[0].annotations.custom.kind,
		"legal": object.get(chain[0].annotations.custom, "legal", []),
		"remediation": object.get(chain[0].annotations.custom, "remediation", ""),
	},
	facts,
)

# METADATA
# description: fired holds when a deny set has a finding of the rule with this id.
fired(deny, id) if {
	some f in deny
	f.rule == id
}

# METADATA
# description: fired_on holds when a deny set has a finding of the rule on this resource.
fired_on(deny, id, resource) if {
	some f in deny
	f.rule == id
	f.resource == resource
}

# METADATA
# description: count_of is the number of findings of a rule in a deny set.
count_of(deny, id) := count([f | some f in deny; f.rule == id])
