# METADATA
# description: |
#   Builds findings from the metadata of the rule that calls it, so a rule's id, title,
#   severity, kind, legal citations and remediation are written once, in its METADATA.
package vern.lib

# METADATA
# description: |
#   finding turns a rule's metadata chain and the facts of one violation into a finding.
#   facts holds resource, target, message and optionally message_nb, count and details.
#   The finding carries the rule's id; vern fills in its title, severity, kind, legal
#   citations and remediation from the same METADATA, so findings stay small on large
#   evidence and no metadata is repeated.
finding(chain, facts) := object.union(facts, {"rule": chain[0].annotations.custom.id})

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
