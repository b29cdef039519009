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

// Sort orders findings by severity, rule and resource, as findings.json lists them.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if ra, rb := a.Severity.Rank(), b.Severity.Rank(); ra != rb {
			return ra < rb
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Resource < b.Resource
	})
}
