package findings

import (
	"sort"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/exitcode"
)

// Gate results.
const (
	GatePassed     = "passed"
	GateFailed     = "failed"
	GateIncomplete = "incomplete"
)

// Judge computes the gate from the findings and the targets' statuses: an unwaived finding
// at or above failOn fails it (exit 1); a target that could not be collected makes it
// incomplete (exit 3) whatever failOn says. The highest exit code wins.
func Judge(fs []Finding, targets []TargetStatus, failOn Severity) Gate {
	g := Gate{Result: GatePassed, FailOn: failOn, ExitCode: exitcode.OK}
	for _, f := range fs {
		if !f.Waived() && f.Severity.AtLeast(failOn) {
			g.Failing++
		}
		if f.Rule == UnwaivableRule {
			g.ExitCode = exitcode.Max(g.ExitCode, exitcode.Incomplete)
		}
	}
	for _, t := range targets {
		switch t.Status {
		case evidence.StatusFailed:
			g.ExitCode = exitcode.Max(g.ExitCode, exitcode.Incomplete)
			g.Failed = append(g.Failed, t.Name)
		case evidence.StatusPartial:
			g.Partial = append(g.Partial, t.Name)
		}
	}
	sort.Strings(g.Partial)
	sort.Strings(g.Failed)
	if g.Failing > 0 {
		g.ExitCode = exitcode.Max(g.ExitCode, exitcode.Findings)
		g.Result = GateFailed
	}
	if g.ExitCode == exitcode.Incomplete {
		g.Result = GateIncomplete
	}
	return g
}

// Summarise counts findings by severity, kind and area.
func Summarise(fs []Finding) Summary {
	s := Summary{BySeverity: map[Severity]int{}, ByKind: map[string]int{}, ByArea: map[string]int{}}
	for _, sev := range Severities {
		s.BySeverity[sev] = 0
	}
	for _, f := range fs {
		s.Total++
		if f.Waived() {
			s.Waived++
			continue
		}
		s.BySeverity[f.Severity]++
		s.ByKind[f.Kind]++
		s.ByArea[f.Area]++
	}
	return s
}
