package engine

import (
	"context"
	"fmt"
	"time"

	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego test.
type TestResult struct {
	Package  string
	Name     string
	File     string
	Passed   bool
	Skipped  bool
	Error    string
	Duration time.Duration
}

// RunTests runs the Rego tests (test_* rules) of opts.Bundle and, when opts.RulesDir is set,
// of the user's rules, with the same capabilities and reference data as an audit.
func RunTests(ctx context.Context, opts Options) ([]TestResult, error) {
	b, err := LoadBundle(opts.Bundle, opts.RulesDir, true)
	if err != nil {
		return nil, err
	}
	c, err := compile(b)
	if err != nil {
		return nil, err
	}
	store := referenceStore(b)
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return nil, fmt.Errorf("run rule tests: %w", err)
	}
	defer store.Abort(ctx, txn)
	ch, err := tester.NewRunner().
		SetCompiler(c).
		SetStore(store).
		SetModules(b.Modules).
		SetTimeout(30*time.Second).
		RaiseBuiltinErrors(true).
		RunTests(ctx, txn)
	if err != nil {
		return nil, fmt.Errorf("run rule tests: %w", err)
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{Package: r.Package, Name: r.Name, Duration: r.Duration, Skipped: r.Skip}
		if r.Location != nil {
			tr.File = fmt.Sprintf("%s:%d", r.Location.File, r.Location.Row)
		}
		switch {
		case r.Error != nil:
			tr.Error = r.Error.Error()
		case r.Fail:
			tr.Error = "test failed"
		default:
			tr.Passed = !r.Skip
		}
		out = append(out, tr)
	}
	return out, nil
}
