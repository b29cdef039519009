package issues

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
)

// Labels vern manages. Other labels on an issue (a team's own) are kept as they are.
const (
	labelVern       = "vern"
	labelWaived     = "vern:waived"
	labelRulePrefix = "vern:"
	labelSevPrefix  = "severity:"
)

// IssueID is the identity of the issue for one rule on one target: a hash of the two, so it
// survives changes of wording, severity and items.
func IssueID(rule, target string) string {
	sum := sha256.Sum256([]byte("vern\x00" + rule + "\x00" + target))
	return hex.EncodeToString(sum[:16])
}

// marker is the hidden line that carries an issue's identity in its body.
func marker(id string) string { return "<!-- vern:id=" + id + " -->" }

var markerLine = regexp.MustCompile(`^<!-- vern:id=([0-9a-f]{32}) -->$`)

// markerID returns the identity in a body, or "" for an issue vern did not create. Only a
// whole line counts, so a name quoted inside the body cannot pose as a marker.
func markerID(body string) string {
	for _, line := range strings.Split(body, "\n") {
		if m := markerLine.FindStringSubmatch(strings.TrimRight(line, "\r")); m != nil {
			return m[1]
		}
	}
	return ""
}

// Comment events: the marker on a comment vern writes when it changes an issue's state, so a
// comment already posted by an interrupted run is not posted again.
const (
	eventResolved      = "resolved"
	eventWaived        = "waived"
	eventReturned      = "returned"
	eventWaiverExpired = "waiver-expired"
)

func eventMarker(event, id string) string {
	return "<!-- vern:event=" + event + " id=" + id + " -->"
}

var eventLine = regexp.MustCompile(`^<!-- vern:event=([a-z-]+) id=([0-9a-f]{32}) -->$`)

// commentEvent returns the event a comment of vern records for issue id, or "".
func commentEvent(body, id string) string {
	for _, line := range strings.Split(body, "\n") {
		if m := eventLine.FindStringSubmatch(strings.TrimRight(line, "\r")); m != nil && m[2] == id {
			return m[1]
		}
	}
	return ""
}

// managedLabel reports whether vern owns a label: it sets and removes these; others stay.
func managedLabel(name string, extra map[string]bool) bool {
	return name == labelVern || strings.HasPrefix(name, labelRulePrefix) ||
		strings.HasPrefix(name, labelSevPrefix) || extra[name]
}
