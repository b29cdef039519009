package findings

import "testing"

func TestParentResource(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"column to table", "postgres://crm/public.t/col", "postgres://crm/public.t"},
		{"table to database", "postgres://crm/public.t", "postgres://crm"},
		{"database to nothing", "postgres://crm", ""},
		{"cookie to its domain", "site://h/cookie/.h/_ga", "site://h/cookie/.h"},
		{"declaration entry to section", "declaration://purposes/marketing", "declaration://purposes"},
		{"no scheme", "plain", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := ParentResource(tc.in); got != tc.want {
				t.Errorf("ParentResource(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
