package engine

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	vernrego "github.com/alarmlink/vern/rego"
)

func TestNewRejectsBadUserRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		dir     string
		wantErr string
	}{
		{"http.send is not available", "testdata/httpsend", "http.send"},
		{"deny without metadata", "testdata/nometa", "without a rule-scope # METADATA"},
		{"unknown severity", "testdata/badseverity", `custom.severity "urgent"`},
		{"misspelt promise kind", "testdata/badpromise", `custom.promise "purpose" is not a kind of promise`},
		{"missing folder", "testdata/none", "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := New(context.Background(), Options{Bundle: vernrego.Bundle, RulesDir: tc.dir})
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("New(%s) error = %v, want it to mention %q", tc.dir, err, tc.wantErr)
			}
		})
	}
}

func TestForbiddenBuiltins(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"http.send", "net.lookup_ip_addr", "net.cidr_contains", "opa.runtime", "time.now_ns"} {
		if !forbiddenBuiltin(name) {
			t.Errorf("%s should be forbidden", name)
		}
	}
	for _, b := range capabilities().Builtins {
		if forbiddenBuiltin(b.Name) {
			t.Errorf("capabilities still list %s", b.Name)
		}
	}
}

func TestUserRulesEvaluateWithBuiltins(t *testing.T) {
	t.Parallel()
	eng, err := New(context.Background(), Options{Bundle: vernrego.Bundle, RulesDir: "testdata/userrules"})
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := eng.Rules["custom.processor_vendor_missing"]; !ok || r.Builtin {
		t.Fatalf("user rule missing or marked built-in: %+v", r)
	}
	if !eng.Rules["statement.controller_contact_missing"].Builtin {
		t.Error("built-in rule not marked built-in")
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ev := &evidence.Evidence{
		CollectedAt: now,
		Declaration: config.Declaration{Controller: config.Controller{Name: "Alarmlink AS"}},
		Processors:  map[string]config.Processor{"nordlys-crm": {ID: "nordlys-crm", Name: "Nordlys", Kind: "crm"}},
		Locations:   map[string]config.Location{"processor://nordlys-crm": {File: "processors/nordlys-crm.yaml", Line: 1}, "declaration://controller": {File: "declaration.yaml", Line: 4}},
		Targets:     map[string]*evidence.Target{},
	}
	fs, err := eng.Evaluate(context.Background(), ev, now)
	if err != nil {
		t.Fatal(err)
	}
	byRule := map[string]int{}
	for _, f := range fs {
		byRule[f.Rule]++
		if f.Fingerprint == "" || f.Area == "" || f.Title == "" {
			t.Errorf("finding %s lacks fingerprint, area or title: %+v", f.Rule, f)
		}
		switch f.Rule {
		case "custom.processor_vendor_missing":
			if f.Location == nil || f.Location.File != "processors/nordlys-crm.yaml" {
				t.Errorf("user finding location = %+v", f.Location)
			}
		case "statement.controller_contact_missing":
			if f.Location == nil || f.Location.Line != 4 {
				t.Errorf("controller finding location = %+v", f.Location)
			}
		}
	}
	for _, id := range []string{"custom.processor_vendor_missing", "statement.controller_contact_missing"} {
		if byRule[id] != 1 {
			t.Errorf("%s fired %d times, want 1 (all: %v)", id, byRule[id], byRule)
		}
	}
}

func TestRunTestsWithUserRules(t *testing.T) {
	t.Parallel()
	results, err := RunTests(context.Background(), Options{Bundle: vernrego.Bundle, RulesDir: "testdata/userrules"})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, r := range results {
		if strings.HasPrefix(r.Package, "data.vern.custom_test") {
			seen++
			if !r.Passed {
				t.Errorf("%s failed: %s", r.Name, r.Error)
			}
		}
	}
	if seen != 2 {
		t.Errorf("ran %d user tests, want 2", seen)
	}
}

// TestLocationsUnderRoot: locations are reported under the inventory's folder relative to
// the collection's working directory, so SARIF and annotations point into the repository.
func TestLocationsUnderRoot(t *testing.T) {
	t.Parallel()
	eng, err := New(context.Background(), Options{Bundle: vernrego.Bundle})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ev := &evidence.Evidence{
		CollectedAt: now, Root: "compliance",
		Declaration: config.Declaration{Controller: config.Controller{Name: "A"}},
		Locations:   map[string]config.Location{"declaration://controller": {File: "declaration.yaml", Line: 4}},
		Targets:     map[string]*evidence.Target{},
	}
	fs, err := eng.Evaluate(context.Background(), ev, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Rule == "statement.controller_contact_missing" {
			if f.Location == nil || f.Location.File != "compliance/declaration.yaml" || f.Location.Line != 4 {
				t.Errorf("location = %+v, want compliance/declaration.yaml:4", f.Location)
			}
			return
		}
	}
	t.Fatal("statement.controller_contact_missing did not fire")
}
