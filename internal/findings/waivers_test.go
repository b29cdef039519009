package findings

import (
	"strings"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/config"
)

func TestApplyWaivers(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	w := func(rule, res, expires string) config.Waiver {
		return config.Waiver{Rule: rule, Resource: res, Justification: "j", ApprovedBy: "dpo", Created: "2026-01-01", Expires: expires, Line: 3}
	}
	tests := []struct {
		name       string
		finding    Finding
		waiver     config.Waiver
		waived     bool
		expiring   bool
		noteSubstr string
		targets    []TargetStatus // nil: db:crm collected
	}{
		{"exact resource", Finding{Rule: "db.public_grant", Resource: "postgres://crm/public.t"}, w("db.public_grant", "postgres://crm/public.t", "2026-12-31"), true, false, "", nil},
		{"glob resource", Finding{Rule: "db.public_grant", Resource: "postgres://crm/public.t"}, w("db.public_grant", "postgres://crm/*", "2026-12-31"), true, false, "", nil},
		{"other rule", Finding{Rule: "db.card_number", Resource: "postgres://crm/public.t"}, w("db.public_grant", "postgres://crm/*", "2026-12-31"), false, false, "matches no finding", nil},
		{"expired stops applying", Finding{Rule: "db.public_grant", Resource: "postgres://crm/public.t"}, w("db.public_grant", "postgres://crm/public.t", "2026-05-31"), false, false, "expired on 2026-05-31", nil},
		{"expires today still applies", Finding{Rule: "db.public_grant", Resource: "postgres://crm/public.t"}, w("db.public_grant", "postgres://crm/public.t", "2026-06-01"), true, true, "within 30 days", nil},
		{"expiring within 30 days is flagged", Finding{Rule: "db.public_grant", Resource: "postgres://crm/public.t"}, w("db.public_grant", "postgres://crm/public.t", "2026-06-20"), true, true, "within 30 days", nil},
		{"collect.failed refused", Finding{Rule: "collect.failed", Resource: "postgres://crm", Unwaivable: true}, w("collect.failed", "postgres://crm", "2026-12-31"), false, false, "cannot be waived", nil},
		{"any unwaivable rule refused", Finding{Rule: "custom.never_waived", Resource: "postgres://crm", Unwaivable: true}, w("custom.never_waived", "postgres://crm", "2026-12-31"), false, false, "cannot be waived", nil},
		{"target failed: not evaluated", Finding{Rule: "collect.failed", Resource: "postgres://crm", Unwaivable: true}, w("db.public_grant", "postgres://crm/*", "2026-12-31"), false, false,
			"not evaluated this run", []TargetStatus{{Name: "db:crm", Status: "failed"}}},
		{"target not collected: not evaluated", Finding{Rule: "cookies.insecure", Resource: "site://www.example.no/cookie/x/y"}, w("db.public_grant", "postgres://crm/*", "2026-12-31"), false, false,
			"not evaluated this run", []TargetStatus{{Name: "site:www.example.no", Status: "ok"}}},
		{"one of the sites failed: not evaluated", Finding{Rule: "db.public_grant", Resource: "postgres://crm/public.t"}, w("site.statement_link_missing", "site://*/page/kontakt", "2026-12-31"), false, false,
			"not evaluated this run", []TargetStatus{{Name: "site:a.example.no", Status: "ok"}, {Name: "site:b.example.no", Status: "failed"}}},
		{"partial target is evaluated", Finding{Rule: "db.card_number", Resource: "postgres://crm/public.t"}, w("db.public_grant", "postgres://crm/*", "2026-12-31"), false, false,
			"matches no finding; remove it", []TargetStatus{{Name: "db:crm", Status: "partial"}}},
		{"declaration always evaluated", Finding{Rule: "db.card_number", Resource: "postgres://crm/public.t"}, w("statement.requirement_unstated", "declaration://requirement", "2026-12-31"), false, false,
			"matches no finding; remove it", []TargetStatus{{Name: "db:crm", Status: "failed"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fs := []Finding{tc.finding}
			targets := tc.targets
			if targets == nil {
				targets = []TargetStatus{{Name: "db:crm", Status: "ok"}}
			}
			notes := ApplyWaivers(fs, []config.Waiver{tc.waiver}, now, targets)
			if fs[0].Waived() != tc.waived {
				t.Fatalf("waived = %v, want %v", fs[0].Waived(), tc.waived)
			}
			if tc.waived && fs[0].Waiver.Expiring != tc.expiring {
				t.Errorf("expiring = %v, want %v", fs[0].Waiver.Expiring, tc.expiring)
			}
			joined := strings.Join(WaiverNoteTexts(notes), "\n")
			if tc.noteSubstr == "" && joined != "" {
				t.Errorf("unexpected notes: %s", joined)
			}
			if !strings.Contains(joined, tc.noteSubstr) {
				t.Errorf("notes %q lack %q", joined, tc.noteSubstr)
			}
			if strings.Contains(tc.noteSubstr, "not evaluated") && strings.Contains(joined, "remove it") {
				t.Errorf("a waiver whose target was not collected is told to be removed: %s", joined)
			}
		})
	}
}
