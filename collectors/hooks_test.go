package collectors

import (
	"regexp"
	"strings"
	"testing"

	"github.com/alarmlink/vern/collectors/postgres"
	"github.com/alarmlink/vern/collectors/processors"
	"github.com/alarmlink/vern/collectors/site"
	"github.com/alarmlink/vern/internal/evidence"
)

var (
	// hookPointPattern is collect.HookPoint's format: "<collector>/<point>".
	hookPointPattern = regexp.MustCompile(`^[a-z]+/[a-z_]+$`)
	// ruleIDPattern is how rule ids look ("cookies.after_reject"); no hook point may.
	ruleIDPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$`)
)

// TestHookPointNames: every collector's hook points follow one scheme, start with the kind
// of the collector that passes them, are distinct and cannot be read as a rule id.
func TestHookPointNames(t *testing.T) {
	t.Parallel()
	kinds := map[string]bool{}
	for _, c := range All() {
		kinds[c.Kind()] = true
	}
	tests := []struct {
		name, point, kind string
	}{
		{"postgres connected", postgres.HookConnected, postgres.Kind},
		{"postgres after catalog", postgres.HookAfterCatalog, postgres.Kind},
		{"postgres after sample", postgres.HookAfterSample, postgres.Kind},
		{"postgres after exact", postgres.HookAfterExact, postgres.Kind},
		{"postgres after datasets", postgres.HookAfterDataset, postgres.Kind},
		{"processors document", processors.HookDocument, processors.Target},
		{"site before the before-consent phase", site.HookBeforePhase(evidence.PhaseBefore), site.Kind},
		{"site before the reject phase", site.HookBeforePhase(evidence.PhaseReject), site.Kind},
		{"site before the accept phase", site.HookBeforePhase(evidence.PhaseAccept), site.Kind},
	}
	seen := map[string]string{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !hookPointPattern.MatchString(tc.point) {
				t.Errorf("%q is not <collector>/<point>", tc.point)
			}
			if ruleIDPattern.MatchString(tc.point) {
				t.Errorf("%q reads as a rule id", tc.point)
			}
			if !kinds[tc.kind] || !strings.HasPrefix(tc.point, tc.kind+"/") {
				t.Errorf("%q does not start with its collector's kind %q (kinds: %v)", tc.point, tc.kind, kinds)
			}
			if other, dup := seen[tc.point]; dup {
				t.Errorf("%q is also %s", tc.point, other)
			}
			seen[tc.point] = tc.name
		})
	}
}
