package reports

import (
	"slices"
	"testing"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/internal/promises"
)

// A declaration may name one kind of recipient twice; each promise keeps its own facts.
func TestMatrixRecipientsOfOneKind(t *testing.T) {
	ev := &evidence.Evidence{Declaration: config.Declaration{Recipients: []config.Recipient{
		{Kind: "carrier", Examples: []string{"first group"}},
		{Kind: "carrier", Examples: []string{"second group"}, When: "on request"},
	}}}
	doc := &findings.Document{Promises: []findings.PromiseSection{{Section: promises.SectionRecipients, Promises: []findings.Promise{
		{Key: "declaration://recipients/carrier", ID: "carrier", Status: promises.Kept},
		{Key: "declaration://recipients/carrier", ID: "carrier", Status: promises.Kept},
	}}}}
	secs := buildMatrix(&Input{Findings: doc, Evidence: ev}, "en")
	if len(secs) != 1 || len(secs[0].Rows) != 2 {
		t.Fatalf("want one section of two rows, got %+v", secs)
	}
	cases := []struct {
		name string
		row  int
		want string
	}{
		{name: "first entry", row: 0, want: "first group"},
		{name: "second entry", row: 1, want: "second group"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if facts := secs[0].Rows[tc.row].Facts; !slices.Contains(facts, tc.want) {
				t.Errorf("row %d facts = %q, want %q among them", tc.row, facts, tc.want)
			}
		})
	}
}
