package reports

import (
	"testing"

	"github.com/alarmlink/vern/internal/evidence"
)

// TestElementStatus reads an element's status from evidence with and without the status
// field: evidence written before statuses were kept still shows a conflict, not a grant.
func TestElementStatus(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		el    evidence.Element
		want  string
		class string
	}{
		{"kept status", evidence.Element{Status: evidence.ElementReferenced}, evidence.ElementReferenced, "partial"},
		{"confirmed", evidence.Element{Found: true, Status: evidence.ElementConfirmed}, evidence.ElementConfirmed, "ok"},
		{"old grant", evidence.Element{Found: true}, evidence.ElementFound, "ok"},
		{"old negated grant", evidence.Element{Found: true, Negated: true}, evidence.ElementConflict, "partial"},
		{"old missing", evidence.Element{}, evidence.ElementMissing, "failed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := elementStatus(c.el)
			if got != c.want || statusClass(got) != c.class {
				t.Errorf("status %q class %q, want %q %q", got, statusClass(got), c.want, c.class)
			}
			if tr("nb", "element."+got) == "element."+got || tr("en", "element."+got) == "element."+got {
				t.Errorf("status %q has no text in both languages", got)
			}
		})
	}
}
