package engine

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	vernrego "github.com/alarmlink/vern/rego"
)

// TestRuleLinks pins what the built-in rules' METADATA says they check (custom.promise,
// custom.ropa, custom.unwaivable), and that a user rule can say it too: the promise matrix
// and the record of processing place findings by these alone.
func TestRuleLinks(t *testing.T) {
	t.Parallel()
	eng, err := New(context.Background(), Options{Bundle: vernrego.Bundle, RulesDir: "testdata/userrules"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		rule       string
		promises   []string
		ropa       []string
		unwaivable bool
	}{
		{"retention past its maximum", "db.retention_exceeded", []string{"retention"}, []string{"erasure"}, false},
		{"consent withdrawn", "db.consent_withdrawn_retained", []string{"purposes", "retention"}, []string{"erasure"}, false},
		{"purpose undeclared", "db.purpose_undeclared", []string{"purposes", "categories"}, []string{"data"}, false},
		{"national id", "db.national_id", []string{"categories"}, []string{"data", "undeclared"}, false},
		{"unreachable subject", "db.subject_unreachable", []string{"rights"}, nil, false},
		{"public grant breaks no promise", "db.public_grant", nil, []string{"security"}, false},
		{"unmapped table", "db.unmapped_personal_data", nil, []string{"undeclared"}, false},
		{"clause missing", "processor.clause_missing", []string{"recipients"}, []string{"processors"}, false},
		{"recipient undeclared is no recipient's promise", "processor.recipient_undeclared", nil, []string{"processors"}, false},
		{"transfer unsafeguarded", "processor.transfer_unsafeguarded", []string{"transfers"}, []string{"transfers"}, false},
		{"transfer undeclared", "statement.transfer_undeclared", []string{"transfers"}, []string{"transfers"}, false},
		{"statement link", "site.statement_link_missing", []string{"statement"}, nil, false},
		{"cookie before consent", "cookies.before_consent", []string{"cookies"}, nil, false},
		{"cookie purpose undeclared", "cookies.purpose_undeclared", nil, nil, false},
		{"collection failed", "collect.failed", []string{"cookies"}, nil, true},
		{"collection partial", "collect.partial", []string{"cookies"}, nil, false},
		{"user rule names its promise", "custom.processor_vendor_missing", []string{"recipients"}, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, ok := eng.Rules[tc.rule]
			if !ok {
				t.Fatalf("no rule %s", tc.rule)
			}
			if !slices.Equal(r.Promises, tc.promises) || !slices.Equal(r.Ropa, tc.ropa) || r.Unwaivable != tc.unwaivable {
				t.Errorf("%s: promise %v ropa %v unwaivable %v, want %v %v %v", tc.rule, r.Promises, r.Ropa, r.Unwaivable,
					tc.promises, tc.ropa, tc.unwaivable)
			}
		})
	}
	var unwaivable []string
	for id, r := range eng.Rules {
		if r.Unwaivable {
			unwaivable = append(unwaivable, id)
		}
	}
	if strings.Join(unwaivable, ",") != "collect.failed" {
		t.Errorf("unwaivable rules = %v, want collect.failed alone", unwaivable)
	}
}

func TestRuleLinksShape(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		custom  map[string]any
		wantErr string
	}{
		{"none", map[string]any{}, ""},
		{"known kinds", map[string]any{"promise": []any{"purposes", "retention"}, "ropa": []any{"erasure"}, "unwaivable": true}, ""},
		{"promise not a list", map[string]any{"promise": "purposes"}, "must be a list"},
		{"promise not a name", map[string]any{"promise": []any{3}}, "not a name"},
		{"unknown kind", map[string]any{"promise": []any{"purpose"}}, "not a kind of promise"},
		{"bad column", map[string]any{"ropa": []any{"Data Column"}}, "not a column name"},
		{"unwaivable not a bool", map[string]any{"unwaivable": "yes"}, "true or false"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ruleLinks(tc.custom)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("error %v, want it to mention %q", err, tc.wantErr)
			}
		})
	}
}

func TestKindParents(t *testing.T) {
	t.Parallel()
	b, err := LoadBundle(vernrego.Bundle, "", false)
	if err != nil {
		t.Fatal(err)
	}
	parents := kindParents(b.Reference)
	tests := []struct{ name, kind, parent string }{
		{"crm under it operations", "crm", "it_operations"},
		{"email marketing under marketing", "email_marketing", "marketing"},
		{"a root has no parent", "it_operations", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := parents[tc.kind]; got != tc.parent {
				t.Errorf("parent of %s = %q, want %q", tc.kind, got, tc.parent)
			}
		})
	}
}

// TestFindingsCarryUnwaivable checks that a finding of an unwaivable rule says so itself,
// so waivers and the gate need no rule ids.
func TestFindingsCarryUnwaivable(t *testing.T) {
	t.Parallel()
	eng, err := New(context.Background(), Options{Bundle: vernrego.Bundle})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ev := &evidence.Evidence{
		CollectedAt: now,
		Declaration: config.Declaration{Controller: config.Controller{Name: "Alarmlink AS"}},
		Targets: map[string]*evidence.Target{
			"db:crm": {Name: "db:crm", Kind: "postgres", Status: evidence.StatusFailed, Reason: "connect refused"},
		},
	}
	fs, err := eng.Evaluate(context.Background(), ev, now)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range fs {
		if f.Unwaivable != eng.Rules[f.Rule].Unwaivable {
			t.Errorf("%s: finding unwaivable %v, rule %v", f.Rule, f.Unwaivable, eng.Rules[f.Rule].Unwaivable)
		}
		if f.Unwaivable {
			seen++
		}
	}
	if seen != 1 {
		t.Errorf("%d unwaivable findings for one failed target, want 1", seen)
	}
}
