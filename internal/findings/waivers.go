package findings

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/alarmlink/vern/internal/config"
)

// UnwaivableRule is the rule no waiver may cover: an incomplete collection is never an
// accepted risk.
const UnwaivableRule = "collect.failed"

// expiringWithin is how close to its expiry a waiver is flagged.
const expiringWithin = 30 * 24 * time.Hour

// ApplyWaivers marks the findings covered by a waiver in force at now and returns notes on
// the waivers themselves: expired ones (no longer applied: fail closed), ones expiring
// within 30 days, ones that match nothing and ones refused. targets are the run's targets: a
// waiver about a target that failed or was not collected is not evaluated this run, which
// says nothing about whether it still matches.
func ApplyWaivers(fs []Finding, waivers []config.Waiver, now time.Time, targets []TargetStatus) []string {
	var notes []string
	used := make([]bool, len(waivers))
	for i := range fs {
		for wi, w := range waivers {
			if w.Rule != fs[i].Rule {
				continue
			}
			if ok, _ := path.Match(w.Resource, fs[i].Resource); !ok {
				continue
			}
			used[wi] = true
			if fs[i].Rule == UnwaivableRule {
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
		where := fmt.Sprintf("waiver %d (%s on %s, line %d)", wi+1, w.Rule, w.Resource, w.Line)
		expires, err := time.Parse("2006-01-02", w.Expires)
		switch {
		case w.Rule == UnwaivableRule:
			notes = append(notes, where+": refused: collect.failed cannot be waived")
		case err != nil:
			notes = append(notes, where+": expiry date unreadable; not applied")
		case !now.Before(expires.Add(24 * time.Hour)):
			notes = append(notes, fmt.Sprintf("%s: expired on %s and no longer applies; renew it or fix the findings", where, w.Expires))
		case expires.Sub(now) <= expiringWithin:
			notes = append(notes, fmt.Sprintf("%s: expires on %s, within 30 days", where, w.Expires))
		case !used[wi] && !evaluated(w.Resource, targets):
			notes = append(notes, where+": not evaluated this run: its target was not collected; it is kept as it is")
		case !used[wi]:
			notes = append(notes, where+": matches no finding; remove it")
		}
	}
	return notes
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
		if t.Status == "failed" {
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
		return "db:" + first, true
	case "site":
		return "site:" + first, true
	case "processor":
		return "processors", true
	}
	return "", false
}
