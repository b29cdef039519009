package findings

// Severity is how grave a finding is: a rule's custom.severity, a finding's severity and
// the gate's --fail-on threshold.
type Severity string

// Severity levels, most severe first.
const (
	SeverityCritical Severity = "critical"
	SeverityHigh     Severity = "high"
	SeverityMedium   Severity = "medium"
	SeverityLow      Severity = "low"
	SeverityInfo     Severity = "info"
)

// Severities lists the levels from most to least severe; a level's index is its rank.
var Severities = []Severity{SeverityCritical, SeverityHigh, SeverityMedium, SeverityLow, SeverityInfo}

// Rank orders severities: 0 is critical; an unknown level ranks after info, so a finding
// of a user rule with a misspelt level still sorts and never passes as graver than it is.
func (s Severity) Rank() int {
	for i, v := range Severities {
		if v == s {
			return i
		}
	}
	return len(Severities)
}

// Valid reports whether s is a severity level.
func (s Severity) Valid() bool { return s.Rank() < len(Severities) }

// AtLeast reports whether s is at or above threshold.
func (s Severity) AtLeast(threshold Severity) bool { return s.Rank() <= threshold.Rank() }
