package promises

import "github.com/alarmlink/vern/internal/findings"

// builder holds what building one matrix needs.
type builder struct {
	in      Input
	m       *matrix
	cov     coverage
	checked map[string][]string
	tables  map[string]dataset
}

// Build returns the promise matrix: every declared promise by section, with its status,
// coverage and the findings linked to it, then the entries findings name that the
// declaration leaves out, and last the findings tied to no promise, by what holds them.
func Build(in Input) []findings.PromiseSection {
	sets := datasets(in.Inventory)
	b := &builder{in: in, m: newMatrix(), cov: newCoverage(in.Targets), tables: map[string]dataset{}}
	b.checked = checkedBy(sets, b.cov)
	for _, d := range sets {
		b.tables[d.resource] = d
	}
	b.addDeclared()
	fs := append([]findings.Finding(nil), in.Findings...)
	findings.Sort(fs)
	for i := range fs {
		b.place(&fs[i])
	}
	return b.m.result()
}

// place links a finding to the promises it concerns; one that concerns none is listed as
// an undeclared entry of the declaration or under what holds it.
func (b *builder) place(f *findings.Finding) {
	ref := findings.PromiseFinding{Rule: f.Rule, Resource: f.Resource, Fingerprint: f.Fingerprint, Severity: f.Severity,
		Waived: f.Waived()}
	placed := false
	for _, k := range b.keys(f) {
		if r := b.m.lookup[k]; r != nil {
			r.Findings = append(r.Findings, ref)
			placed = true
		}
	}
	if placed {
		return
	}
	r := b.unplaced(f)
	r.Findings = append(r.Findings, ref)
}
