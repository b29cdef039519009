package config

import (
	"slices"
	"testing"
)

func TestUnwaivableRules(t *testing.T) {
	t.Parallel()
	if got := unwaivableRules(); !slices.Equal(got, []string{"collect.failed"}) {
		t.Errorf("unwaivable built-in rules = %v, want [collect.failed]", got)
	}
	tests := []struct {
		name string
		rule string
		want bool
	}{
		{"failed collection", "collect.failed", true},
		{"partial collection may be waived", "collect.partial", false},
		{"an ordinary rule", "db.public_grant", false},
		{"an unknown rule", "custom.rule", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := unwaivable(tc.rule); got != tc.want {
				t.Errorf("unwaivable(%s) = %v, want %v", tc.rule, got, tc.want)
			}
		})
	}
}

func TestMetadataBlocks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"none", "package vern.x\n\ndeny contains f if { true }\n", nil},
		{"one block ends at the rule", "package vern.x\n\n# METADATA\n# title: T\n# custom:\n#   id: x.y\ndeny contains f if { true }\n",
			[]string{"title: T\ncustom:\n  id: x.y\n"}},
		{"two blocks", "# METADATA\n# a: 1\npackage vern.x\n# METADATA\n# b: 2\ndeny contains f if { true }\n",
			[]string{"a: 1\n", "b: 2\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := metadataBlocks(tc.src); !slices.Equal(got, tc.want) {
				t.Errorf("metadataBlocks = %q, want %q", got, tc.want)
			}
		})
	}
}
