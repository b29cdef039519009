package plan

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestNightlyWorkflowUsesThePlan holds the nightly workflow to the plan's matrix: every
// matrix.<key> it reads is a key of MatrixEntry, the matrix comes from `vern plan --format
// github-matrix`, one failed target does not cancel the others, and the join always runs
// and fails closed. actionlint (scripts/test.sh) checks the rest of its syntax.
func TestNightlyWorkflowUsesThePlan(t *testing.T) {
	b, err := os.ReadFile("../../.github/workflows/nightly-audit.yml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	entry, _ := json.Marshal(MatrixEntry{})
	var keys map[string]any
	if err := json.Unmarshal(entry, &keys); err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`matrix\.([a-z_]+)`).FindAllStringSubmatch(text, -1) {
		if _, ok := keys[m[1]]; !ok {
			t.Errorf("the workflow reads matrix.%s, which vern plan does not write", m[1])
		}
	}
	var wf struct {
		Jobs map[string]struct {
			If       string   `yaml:"if"`
			Needs    []string `yaml:"needs"`
			Strategy struct {
				FailFast *bool  `yaml:"fail-fast"`
				Matrix   string `yaml:"matrix"`
			} `yaml:"strategy"`
			Steps []struct {
				Run  string `yaml:"run"`
				Uses string `yaml:"uses"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	// needs is a string or a list; the collect job's is a string.
	text2 := strings.Replace(text, "needs: plan\n", "needs: [plan]\n", 1)
	if err := yaml.Unmarshal([]byte(text2), &wf); err != nil {
		t.Fatal(err)
	}
	collect, join := wf.Jobs["collect"], wf.Jobs["join"]
	if collect.Strategy.FailFast == nil || *collect.Strategy.FailFast {
		t.Error("collect: fail-fast must be false, so one failed target does not cancel the others")
	}
	if collect.Strategy.Matrix != "${{ fromJSON(needs.plan.outputs.matrix) }}" {
		t.Errorf("collect: matrix %q does not come from the plan job", collect.Strategy.Matrix)
	}
	if !strings.Contains(text, "--format github-matrix") {
		t.Error("the plan job does not run vern plan --format github-matrix")
	}
	if !strings.HasPrefix(join.If, "always()") {
		t.Errorf("join: if %q; it must always run", join.If)
	}
	var evaluates, uploads bool
	for _, s := range join.Steps {
		evaluates = evaluates || strings.Contains(s.Run, " evaluate ")
	}
	for _, s := range collect.Steps {
		uploads = uploads || strings.HasPrefix(s.Uses, "actions/upload-artifact@")
	}
	if !evaluates || !uploads {
		t.Errorf("evaluates %v, uploads evidence %v", evaluates, uploads)
	}
	if !strings.Contains(text, `COLLECT: ${{ needs.collect.result }}`) || !strings.Contains(text, "code=3") {
		t.Error("the join's verdict does not exit 3 when a target job failed")
	}
}
