package findings

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
)

// Fingerprint identifies a finding across runs: a hash of its rule and resource only, so it
// stays the same while counts and messages change.
func Fingerprint(rule, resource string) string {
	s := sha256.Sum256([]byte(rule + "\x00" + resource))
	return hex.EncodeToString(s[:16])
}

var severityRank = map[string]int{SeverityCritical: 0, SeverityHigh: 1, SeverityMedium: 2, SeverityLow: 3, SeverityInfo: 4}

// SeverityRank orders severities: 0 is critical; unknown levels sort last.
func SeverityRank(s string) int {
	if r, ok := severityRank[s]; ok {
		return r
	}
	return len(severityRank)
}

// AtLeast reports whether severity s is at or above threshold.
func AtLeast(s, threshold string) bool { return SeverityRank(s) <= SeverityRank(threshold) }

// ValidSeverity reports whether s is a severity level.
func ValidSeverity(s string) bool {
	_, ok := severityRank[s]
	return ok
}

// Sort orders findings by severity, rule and resource, as findings.json lists them.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if ra, rb := SeverityRank(a.Severity), SeverityRank(b.Severity); ra != rb {
			return ra < rb
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Resource < b.Resource
	})
}
