package promises

import (
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/internal/rights"
)

// Input is what the matrix is built from.
type Input struct {
	// Declaration, Inventory and Processors are what the evidence was collected against.
	Declaration config.Declaration
	Inventory   config.Inventory
	Processors  map[string]config.Processor
	// Targets are the targets' collection statuses: a promise only a failed target could
	// check is unchecked, not kept.
	Targets []findings.TargetStatus
	// Findings are the judged findings (waivers applied); Rules their rules' metadata,
	// whose Promises say which kinds of promise each rule checks.
	Findings []findings.Finding
	Rules    map[string]findings.Rule
	// KindParents is the recipient kind tree (kind → parent), from the rule bundle's
	// reference data.
	KindParents map[string]string
	// Reach is each collected database's rights plan; nil when it is not known.
	Reach []*rights.Database
}

// FromEvidence gathers the input from the evidence and the judged findings document.
// Without the evidence nothing is known to have been checked: the targets are left out
// too, so no promise is kept but those the declaration settles.
func FromEvidence(ev *evidence.Evidence, doc *findings.Document, kindParents map[string]string) Input {
	in := Input{KindParents: kindParents}
	if doc != nil {
		in.Findings, in.Rules = doc.Findings, doc.Rules
	}
	if ev == nil {
		return in
	}
	if doc != nil {
		in.Targets = doc.Targets
	}
	in.Declaration, in.Inventory, in.Processors = ev.Declaration, ev.Inventory, ev.Processors
	in.Reach = reachability(ev)
	return in
}

// reachability is the rights plan of each collected database that holds datasets with
// personal data; nil when the plan cannot be made.
func reachability(ev *evidence.Evidence) []*rights.Database {
	p, err := rights.FromEvidence(ev)
	if err != nil {
		return nil
	}
	var out []*rights.Database
	for _, db := range p.Databases {
		if db.Judged > 0 {
			out = append(out, db)
		}
	}
	return out
}
