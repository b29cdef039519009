package audit

import (
	"context"
	"fmt"
	"os"

	"github.com/alarmlink/vern/internal/engine"
	"github.com/alarmlink/vern/internal/findings"
	vernrego "github.com/alarmlink/vern/rego"
)

// RulesDirError is a folder of user rules that is not a folder.
type RulesDirError struct {
	Dir string
}

func (e *RulesDirError) Error() string {
	return fmt.Sprintf("load rules from %s: not a folder; user rules are a folder of .rego files", e.Dir)
}

// RulesOptions configures loading the rule catalog.
type RulesOptions struct {
	// Dir adds user rules to the built-in ones; empty means the built-in rules alone.
	Dir string
}

// RuleSet is the rule catalog: the built-in rules and the user's.
type RuleSet struct {
	// ByID holds every rule by its id.
	ByID map[string]findings.Rule
	// Sorted lists the rules in catalog order.
	Sorted []findings.Rule
}

// Rules compiles the built-in rules and those of opts.Dir. A rule that does not compile is
// invalid input.
func Rules(ctx context.Context, opts RulesOptions) (*RuleSet, error) {
	eng, err := loadEngine(ctx, opts.Dir)
	if err != nil {
		return nil, err
	}
	return &RuleSet{ByID: eng.Rules, Sorted: eng.Sorted()}, nil
}

// RuleTestsResult is the outcome of the rules' Rego tests.
type RuleTestsResult struct {
	// Results holds every test run, in the tester's order.
	Results []engine.TestResult
	// Failed counts the tests that neither passed nor were skipped.
	Failed int
}

// RuleTests runs the Rego tests of the built-in rules and, when dir is set, of the rules in
// dir. A failing test is a result, not an error; rules that do not load are invalid input.
func RuleTests(ctx context.Context, dir string) (*RuleTestsResult, error) {
	if err := checkRulesDir(dir); err != nil {
		return nil, err
	}
	results, err := engine.RunTests(ctx, engine.Options{Bundle: vernrego.Bundle, RulesDir: dir})
	if err != nil {
		return nil, invalid(err)
	}
	res := &RuleTestsResult{Results: results}
	for _, r := range results {
		if !r.Passed && !r.Skipped {
			res.Failed++
		}
	}
	return res, nil
}

// loadEngine compiles the built-in rules and those in dir.
func loadEngine(ctx context.Context, dir string) (*engine.Engine, error) {
	if err := checkRulesDir(dir); err != nil {
		return nil, err
	}
	eng, err := engine.New(ctx, engine.Options{Bundle: vernrego.Bundle, RulesDir: dir})
	return eng, invalid(err)
}

// checkRulesDir refuses a user rules path that is a file, with an error a caller can point
// at its own option; a path that does not exist is left to the engine to report.
func checkRulesDir(dir string) error {
	if dir == "" {
		return nil
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return invalid(&RulesDirError{Dir: dir})
	}
	return nil
}
