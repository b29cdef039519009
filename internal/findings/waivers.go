package findings

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// expiringWithin is how close to its expiry a waiver is flagged.
const expiringWithin = 30 * 24 * time.Hour

// What a note on a waiver says of it.
const (
	WaiverRefused      = "refused"
	WaiverUnreadable   = "unreadable"
	WaiverExpired      = "expired"
	WaiverExpiring     = "expiring"
	WaiverNotEvaluated = "not_evaluated"
	WaiverUnused       = "unused"
)

// WaiverNote is a note on one waiver of waivers.yaml: which waiver (its number, rule,
// resource and line) and what is the matter with it, as data, so that every report can
// say it in its own language.
type WaiverNote struct {
	Waiver   int    `json:"waiver"`
	Rule     string `json:"rule"`
	Resource string `json:"resource"`
	Line     int    `json:"line,omitempty"`
	Note     string `json:"note"`
	Expires  string `json:"expires,omitempty"`
}

// String is the note in English, as findings.json's waiver_notes carry it.
func (n WaiverNote) String() string {
	where := fmt.Sprintf("waiver %d (%s on %s, line %d)", n.Waiver, n.Rule, n.Resource, n.Line)
	switch n.Note {
	case WaiverRefused:
		return where + ": refused: collect.failed cannot be waived"
	case WaiverUnreadable:
		return where + ": expiry date unreadable; not applied"
	case WaiverExpired:
		return fmt.Sprintf("%s: expired on %s and no longer applies; renew it or fix the findings", where, n.Expires)
	case WaiverExpiring:
		return fmt.Sprintf("%s: expires on %s, within 30 days", where, n.Expires)
	case WaiverNotEvaluated:
		return where + ": not evaluated this run: its target was not collected; it is kept as it is"
	}
	return where + ": matches no finding; remove it"
}

// ApplyWaivers marks the findings covered by a waiver in force at now and returns notes on
// the waivers themselves: expired ones (no longer applied: fail closed), ones expiring
// within 30 days, ones that match nothing and ones refused. targets are the run's targets: a
// waiver about a target that failed or was not collected is not evaluated this run, which
// says nothing about whether it still matches.
func ApplyWaivers(fs []Finding, waivers []config.Waiver, now time.Time, targets []TargetStatus) []WaiverNote {
	var notes []WaiverNote
	used := make([]bool, len(waivers))
	// unwaivable holds the rules whose findings no waiver may cover (custom.unwaivable):
	// an incomplete collection is never an accepted risk.
	unwaivable := map[string]bool{}
	for i := range fs {
		if fs[i].Unwaivable {
			unwaivable[fs[i].Rule] = true
		}
	}
	for i := range fs {
		for wi, w := range waivers {
			if w.Rule != fs[i].Rule {
				continue
			}
			if ok, _ := path.Match(w.Resource, fs[i].Resource); !ok {
				continue
			}
			used[wi] = true
			if fs[i].Unwaivable {
				continue
			}
			expires, err := time.Parse("2006-01-02", w.Expires)
			if err != nil || !now.Before(expires.Add(24*time.Hour)) {
				continue
			}
			fs[i].Waiver = &Waiver{
				Justification: w.Justification,
				ApprovedBy:    w.ApprovedBy,
				Created:       w.Created,
				Expires:       w.Expires,
				Resource:      w.Resource,
				Expiring:      expires.Sub(now) <= expiringWithin,
			}
			break
		}
	}
	for wi, w := range waivers {
		note := WaiverNote{Waiver: wi + 1, Rule: w.Rule, Resource: w.Resource, Line: w.Line, Expires: w.Expires}
		expires, err := time.Parse("2006-01-02", w.Expires)
		switch {
		case unwaivable[w.Rule]:
			note.Note = WaiverRefused
		case err != nil:
			note.Note = WaiverUnreadable
		case !now.Before(expires.Add(24 * time.Hour)):
			note.Note = WaiverExpired
		case expires.Sub(now) <= expiringWithin:
			note.Note = WaiverExpiring
		case !used[wi] && !evaluated(w.Resource, targets):
			note.Note = WaiverNotEvaluated
		case !used[wi]:
			note.Note = WaiverUnused
		default:
			continue
		}
		notes = append(notes, note)
	}
	return notes
}

// WaiverNoteTexts writes notes in English, one line each.
func WaiverNoteTexts(notes []WaiverNote) []string {
	var out []string
	for _, n := range notes {
		out = append(out, n.String())
	}
	return out
}

// evaluated reports whether the targets a waiver's resource glob lies in were all collected
// (in full or in part) this run. Resources outside any target (declaration://) always are.
func evaluated(resource string, targets []TargetStatus) bool {
	pattern, ok := targetPattern(resource)
	if !ok {
		return true
	}
	matched := false
	for _, t := range targets {
		if ok, _ := path.Match(pattern, t.Name); !ok {
			continue
		}
		if t.Status == evidence.StatusFailed {
			return false
		}
		matched = true
	}
	return matched
}

// targetPattern turns a resource glob into a glob of the target names that hold it:
// postgres://crm/... → db:crm, site://www.example.no/... → site:www.example.no,
// processor://... → processors.
func targetPattern(resource string) (string, bool) {
	scheme, rest, ok := strings.Cut(resource, "://")
	if !ok {
		return "", false
	}
	first, _, _ := strings.Cut(rest, "/")
	switch scheme {
	case "postgres":
		return evidence.DBTarget(first).String(), true
	case "site":
		return evidence.SiteTarget(first).String(), true
	case "processor":
		return evidence.ProcessorsTarget().String(), true
	}
	return "", false
}
