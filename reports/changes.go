package reports

import (
	"github.com/alarmlink/vern/internal/findings"
)

// changesView is what changed since the previous run, matched by fingerprint.
type changesView struct {
	Have       bool
	PreviousAt string
	New        []changeRow
	Resolved   []changeRow
	Open       []changeRow
}

type changeRow struct {
	Anchor, Rule, Resource string
	Severity               findings.Severity
	Waived                 bool
}

// diffRuns compares the current findings with the previous run's.
func diffRuns(cur, prev *findings.Document) changesView {
	if prev == nil {
		return changesView{}
	}
	v := changesView{Have: true, PreviousAt: stamp(prev.EvaluatedAt)}
	before := map[string]bool{}
	for i := range prev.Findings {
		before[fingerprintOf(&prev.Findings[i])] = true
	}
	now := map[string]bool{}
	for _, f := range sortedFindings(cur) {
		fp := fingerprintOf(&f)
		now[fp] = true
		row := changeRow{Anchor: anchor(f.Fingerprint, f.Rule, f.Resource), Rule: f.Rule, Severity: f.Severity, Resource: f.Resource, Waived: f.Waived()}
		if before[fp] {
			v.Open = append(v.Open, row)
		} else {
			v.New = append(v.New, row)
		}
	}
	for _, f := range sortedFindings(prev) {
		if !now[fingerprintOf(&f)] {
			v.Resolved = append(v.Resolved, changeRow{Rule: f.Rule, Severity: f.Severity, Resource: f.Resource})
		}
	}
	return v
}

func fingerprintOf(f *findings.Finding) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	return findings.Fingerprint(f.Rule, f.Resource)
}
