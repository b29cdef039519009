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
	}{
		{"exact resource", Finding{Rule: "db.public_grant", Resource: "postgres://crm/public.t"}, w("db.public_grant", "postgres://crm/public.t", "2026-12-31"), true, false, ""},
		{"glob resource", Finding{Rule: "db.public_grant", Resource: "postgres://crm/public.t"}, w("db.public_grant", "postgres://crm/*", "2026-12-31"), true, false, ""},
		{"other rule", Finding{Rule: "db.card_number", Resource: "postgres://crm/public.t"}, w("db.public_grant", "postgres://crm/*", "2026-12-31"), false, false, "matches no finding"},
		{"expired stops applying", Finding{Rule: "db.public_grant", Resource: "postgres://crm/public.t"}, w("db.public_grant", "postgres://crm/public.t", "2026-05-31"), false, false, "expired on 2026-05-31"},
		{"expires today still applies", Finding{Rule: "db.public_grant", Resource: "postgres://crm/public.t"}, w("db.public_grant", "postgres://crm/public.t", "2026-06-01"), true, true, "within 30 days"},
		{"expiring within 30 days is flagged", Finding{Rule: "db.public_grant", Resource: "postgres://crm/public.t"}, w("db.public_grant", "postgres://crm/public.t", "2026-06-20"), true, true, "within 30 days"},
		{"collect.failed refused", Finding{Rule: UnwaivableRule, Resource: "postgres://crm"}, w(UnwaivableRule, "postgres://crm", "2026-12-31"), false, false, "cannot be waived"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fs := []Finding{tc.finding}
			notes := ApplyWaivers(fs, []config.Waiver{tc.waiver}, now)
			if fs[0].Waived() != tc.waived {
				t.Fatalf("waived = %v, want %v", fs[0].Waived(), tc.waived)
			}
			if tc.waived && fs[0].Waiver.Expiring != tc.expiring {
				t.Errorf("expiring = %v, want %v", fs[0].Waiver.Expiring, tc.expiring)
			}
			joined := strings.Join(notes, "\n")
			if tc.noteSubstr == "" && joined != "" {
				t.Errorf("unexpected notes: %s", joined)
			}
			if !strings.Contains(joined, tc.noteSubstr) {
				t.Errorf("notes %q lack %q", joined, tc.noteSubstr)
			}
		})
	}
}
