package findings

import (
	"sort"

	"github.com/alarmlink/vern/internal/evidence"
)

// The gate's exit codes, recorded as gate.exit_code in findings.json (DESIGN.md): a CI step
// reads them from the document as the process does from vern's exit. When several apply,
// the highest wins.
const (
	// GateExitPassed: no unwaived finding at or above fail-on, every target collected.
	GateExitPassed = 0
	// GateExitFailed: unwaived findings at or above fail-on.
	GateExitFailed = 1
	// GateExitIncomplete: a target could not be collected; never a silent pass.
	GateExitIncomplete = 3
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
	g := Gate{Result: GatePassed, FailOn: failOn, ExitCode: GateExitPassed}
	for _, f := range fs {
		if !f.Waived() && f.Severity.AtLeast(failOn) {
			g.Failing++
		}
		if f.Unwaivable {
			g.ExitCode = max(g.ExitCode, GateExitIncomplete)
		}
	}
	for _, t := range targets {
		switch t.Status {
		case evidence.StatusFailed:
			g.ExitCode = max(g.ExitCode, GateExitIncomplete)
			g.Failed = append(g.Failed, t.Name)
		case evidence.StatusPartial:
			g.Partial = append(g.Partial, t.Name)
		}
	}
	sort.Strings(g.Partial)
	sort.Strings(g.Failed)
	if g.Failing > 0 {
		g.ExitCode = max(g.ExitCode, GateExitFailed)
		g.Result = GateFailed
	}
	if g.ExitCode == GateExitIncomplete {
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
