package config

import (
	"strings"
	"testing"
)

// TestSQLExprProblem scans expressions at the level of PostgreSQL's tokens: what is inside a
// string, a quoted identifier or a dollar-quoted string is text, whatever it looks like.
func TestSQLExprProblem(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, expr, problem string // problem "" means the expression is accepted
	}{
		{"comparison", "customer_id IS NOT NULL", ""},
		{"semicolon in a string", "status = 'a;b'", ""},
		{"doubled quote in a string", "note = 'it''s; -- fine'", ""},
		{"escape string", `note = E'\'; DROP TABLE x; --'`, ""},
		{"quoted identifier", `"weird;--col" IS NULL`, ""},
		{"dollar quote", "note = $$a; /* b */$$", ""},
		{"tagged dollar quote", "note = $t$a$$;$t$", ""},
		{"positional parameter is not a dollar quote", "id = $1", ""},
		{"subquery", "EXISTS (SELECT 1 FROM orders WHERE orders.customer_id = customers.id)", ""},
		{"is distinct from and time zone", "created_at AT TIME ZONE 'UTC' IS DISTINCT FROM updated_at", ""},
		{"keyword inside an identifier", "updated_at IS NULL AND deleted IS FALSE", ""},
		{"semicolon", "true; DROP TABLE x", "';' ends the statement"},
		{"line comment", "a = 1 -- and b = 2", "comment (--)"},
		{"block comment", "a = 1 /* b */", "comment (/* */)"},
		{"statement", "DELETE FROM x", "DELETE is a statement"},
		{"statement in a subquery", "EXISTS (UPDATE x SET a = 1 RETURNING 1)", "UPDATE is a statement"},
		{"union at top level", "a = 1 UNION SELECT 1", "UNION starts a clause"},
		{"unbalanced close", "a = 1) OR (1 = 1", "never opened"},
		{"unbalanced open", "(a = 1", "never closed"},
		{"unclosed string", "a = 'x", "string literal is not closed"},
		{"unclosed escape string", `a = E'x\'`, "string literal is not closed"},
		{"unclosed identifier", `"a = 1`, "quoted identifier is not closed"},
		{"unclosed dollar quote", "a = $q$x", "dollar-quoted string is not closed"},
		{"empty", "   ", "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, _ := sqlExprProblem(tc.expr)
			switch {
			case tc.problem == "" && got != "":
				t.Errorf("%q refused: %s", tc.expr, got)
			case tc.problem != "" && !strings.Contains(got, tc.problem):
				t.Errorf("%q: problem %q, want %q", tc.expr, got, tc.problem)
			}
		})
	}
}
