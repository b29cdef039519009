package engine

import (
	"context"
	"reflect"
	"slices"
	"testing"

	vernrego "github.com/alarmlink/vern/rego"
)

// The catalog read without compiling is the compiled engine's, rule for rule.
func TestCatalogIsTheEnginesRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts Options
	}{
		{name: "built-in rules", opts: Options{Bundle: vernrego.Bundle}},
		{name: "with user rules", opts: Options{Bundle: vernrego.Bundle, RulesDir: "testdata/userrules"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cat, err := Catalog(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			eng, err := New(context.Background(), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(cat, eng.Rules) {
				t.Errorf("catalog has %d rules, the engine %d, or they differ", len(cat), len(eng.Rules))
			}
			if got := Unwaivable(cat); !slices.Equal(got, []string{"collect.failed"}) {
				t.Errorf("unwaivable rules = %v, want [collect.failed]", got)
			}
		})
	}
}
