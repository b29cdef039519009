package findings

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSeverityRank(t *testing.T) {
	tests := []struct {
		name      string
		sev       Severity
		threshold Severity
		rank      int
		valid     bool
		atLeast   bool
	}{
		{name: "critical at high", sev: SeverityCritical, threshold: SeverityHigh, rank: 0, valid: true, atLeast: true},
		{name: "high at high", sev: SeverityHigh, threshold: SeverityHigh, rank: 1, valid: true, atLeast: true},
		{name: "medium at high", sev: SeverityMedium, threshold: SeverityHigh, rank: 2, valid: true, atLeast: false},
		{name: "low at info", sev: SeverityLow, threshold: SeverityInfo, rank: 3, valid: true, atLeast: true},
		{name: "info at low", sev: SeverityInfo, threshold: SeverityLow, rank: 4, valid: true, atLeast: false},
		{name: "unknown ranks last", sev: "severe", threshold: SeverityInfo, rank: 5, valid: false, atLeast: false},
		{name: "empty is no level", sev: "", threshold: SeverityInfo, rank: 5, valid: false, atLeast: false},
		{name: "case matters", sev: "High", threshold: SeverityHigh, rank: 5, valid: false, atLeast: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.sev.Rank(); got != tc.rank {
				t.Errorf("Rank() = %d, want %d", got, tc.rank)
			}
			if got := tc.sev.Valid(); got != tc.valid {
				t.Errorf("Valid() = %v, want %v", got, tc.valid)
			}
			if got := tc.sev.AtLeast(tc.threshold); got != tc.atLeast {
				t.Errorf("AtLeast(%s) = %v, want %v", tc.threshold, got, tc.atLeast)
			}
		})
	}
}

func TestSeverityJSON(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{name: "finding", in: Finding{Rule: "db.public_grant", Severity: SeverityHigh},
			want: `"severity":"high"`},
		{name: "summary", in: Summary{BySeverity: map[Severity]int{SeverityLow: 1, SeverityCritical: 2}},
			want: `"by_severity":{"critical":2,"low":1}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), tc.want) {
				t.Fatalf("json = %s, want it to hold %s", b, tc.want)
			}
		})
	}
}
