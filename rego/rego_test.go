package rego_test

import (
	"context"

	"github.com/open-policy-agent/opa/v1/ast"
	"strings"
	"testing"

	"github.com/alarmlink/vern/internal/engine"
	"github.com/alarmlink/vern/rego"
)

// TestRegoRules runs every Rego test of the built-in bundle, one Go subtest each, so `go
// test` reports failing rule tests by name.
func TestRegoRules(t *testing.T) {
	results, err := engine.RunTests(context.Background(), engine.Options{Bundle: rego.Bundle})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) == 0 {
		t.Fatal("no Rego tests found")
	}
	for _, r := range results {
		name := strings.TrimPrefix(r.Package, "data.") + "." + r.Name
		t.Run(name, func(t *testing.T) {
			if r.Skipped {
				t.Skip("todo test")
			}
			if !r.Passed {
				t.Errorf("%s: %s", r.File, r.Error)
			}
		})
	}
}

// TestEveryRuleHasTests checks the bundle's convention: each rule file has a test file
// with at least one test_fail_ and one test_success_ case.
func TestEveryRuleHasTests(t *testing.T) {
	b, err := engine.LoadBundle(rego.Bundle, "", true)
	if err != nil {
		t.Fatal(err)
	}
	for name := range b.Modules {
		if strings.HasSuffix(name, "_test.rego") || strings.HasPrefix(name, "rego/lib/") {
			continue
		}
		if !hasDeny(b.Modules[name].Rules) {
			continue // a file of shared private helpers
		}
		testName := strings.TrimSuffix(name, ".rego") + "_test.rego"
		tm, ok := b.Modules[testName]
		if !ok {
			t.Errorf("%s has no %s", name, testName)
			continue
		}
		var fail, success bool
		for _, r := range tm.Rules {
			n := r.Head.Name.String()
			if n == "" {
				n = r.Head.Ref().String()
			}
			fail = fail || strings.HasPrefix(n, "test_fail_")
			success = success || strings.HasPrefix(n, "test_success_")
		}
		if !fail || !success {
			t.Errorf("%s: needs test_fail_* and test_success_* cases (fail=%v success=%v)", testName, fail, success)
		}
	}
}

func hasDeny(rules []*ast.Rule) bool {
	for _, r := range rules {
		if r.Head.Ref().String() == "deny" {
			return true
		}
	}
	return false
}
