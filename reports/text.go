package reports

import (
	"errors"
	"sort"
	"strings"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/findings"
)

// kinds lists the finding kinds in the order reports group them.
var kinds = []string{findings.KindDrift, findings.KindLaw, findings.KindStatement}

// areas lists the rule areas in the order reports group them; others follow by name.
var areas = []string{"statement", "db", "processor", "cookies", "site", "collect"}

func areaRank(a string) int {
	for i, v := range areas {
		if v == a {
			return i
		}
	}
	return len(areas)
}

// sortedFindings returns the document's findings ordered by severity, rule and resource,
// without changing the document.
func sortedFindings(doc *findings.Document) []findings.Finding {
	out := append([]findings.Finding(nil), doc.Findings...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if ra, rb := a.Severity.Rank(), b.Severity.Rank(); ra != rb {
			return ra < rb
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Resource < b.Resource
	})
	return out
}

// areaOf is the finding's area, derived from its rule id when the engine left it empty.
func areaOf(f *findings.Finding) string {
	if f.Area != "" {
		return f.Area
	}
	if i := strings.IndexByte(f.Rule, '.'); i > 0 {
		return f.Rule[:i]
	}
	return f.Rule
}

// ruleText holds a rule's texts in one language.
type ruleText struct {
	Title, Description, Remediation string
}

// ruleTexts returns the rule's texts in lang, falling back to English field by field and to
// the finding's own title and remediation for rules the document does not describe.
func ruleTexts(doc *findings.Document, f *findings.Finding, lang string) ruleText {
	r, ok := doc.Rules[f.Rule]
	t := ruleText{Title: f.Title, Remediation: f.Remediation}
	if ok {
		t = ruleText{Title: r.Title, Description: r.Description, Remediation: r.Remediation}
		if t.Title == "" {
			t.Title = f.Title
		}
		if t.Remediation == "" {
			t.Remediation = f.Remediation
		}
		if normLang(lang) == config.LangNorwegian && r.NB != nil {
			t.Title = pick(r.NB.Title, t.Title)
			t.Description = pick(r.NB.Description, t.Description)
			t.Remediation = pick(r.NB.Remediation, t.Remediation)
		}
	}
	if t.Title == "" {
		t.Title = f.Rule
	}
	t.Description = strings.TrimSpace(t.Description)
	t.Remediation = strings.TrimSpace(t.Remediation)
	return t
}

// message returns the finding's message in lang.
func message(f *findings.Finding, lang string) string {
	if normLang(lang) == config.LangNorwegian && f.MessageNB != "" {
		return f.MessageNB
	}
	return f.Message
}

// severityLabel is a severity's name in lang.
func severityLabel(lang string, s findings.Severity) string {
	if l := tr(lang, "sev."+string(s)); l != "sev."+string(s) {
		return l
	}
	return string(s)
}

// kindLabel is a kind's long name in lang.
func kindLabel(lang, k string) string {
	if l := tr(lang, "kind."+k); l != "kind."+k {
		return l
	}
	return k
}

// areaLabel is an area's name in lang.
func areaLabel(lang, a string) string {
	if l := tr(lang, "area."+a); l != "area."+a {
		return l
	}
	return a
}

func pick[S ~string](s, fallback S) S {
	if strings.TrimSpace(string(s)) != "" {
		return s
	}
	return fallback
}

// locate returns where a finding should be pointed at: its own location, else the location
// of its resource or target recorded in the evidence, else nil.
func locate(in *Input, f *findings.Finding) *findings.Location {
	if f.Location != nil && f.Location.File != "" {
		return f.Location
	}
	if in.Evidence != nil {
		for _, key := range []string{f.Resource, f.Target} {
			if l, ok := in.Evidence.Locations[key]; ok && l.File != "" {
				return &findings.Location{File: l.File, Line: l.Line, Column: l.Column}
			}
		}
	}
	return nil
}

// checkInput refuses an input without a findings document, which every report draws on.
func checkInput(in *Input) error {
	if in == nil || in.Findings == nil {
		return errors.New("no findings document")
	}
	return nil
}
