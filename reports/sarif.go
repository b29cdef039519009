package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/alarmlink/vern/internal/findings"
)

// sarifSchema is the SARIF 2.1.0 schema the output declares.
const sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// SARIF writes results.sarif (SARIF 2.1.0) for GitHub code scanning: every rule with its help
// text and security-severity, every result located at the file and line of the declaration or
// inventory entry it concerns, vern's fingerprint as a partial fingerprint, and waived
// findings as accepted suppressions.
type SARIF struct {
	// PathPrefix is prepended to each location's file, for a config kept in a subfolder of the
	// repository (GitHub resolves SARIF paths against the repository root).
	PathPrefix string
	// Category is the run's automationDetails.id; "vern/privacy/" when empty.
	Category string
}

// Name implements Format.
func (SARIF) Name() string { return "sarif" }

// FileName implements Format.
func (SARIF) FileName() string { return "results.sarif" }

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool              sarifTool              `json:"tool"`
	AutomationDetails sarifAutomation        `json:"automationDetails"`
	Invocations       []sarifInvocation      `json:"invocations,omitempty"`
	Results           []sarifResult          `json:"results"`
	Properties        map[string]any         `json:"properties,omitempty"`
	ColumnKind        string                 `json:"columnKind,omitempty"`
	OriginalURIBase   map[string]sarifArtLoc `json:"originalUriBaseIds,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Language       string      `json:"language,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name,omitempty"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool `json:"executionSuccessful"`
	ExitCode            int  `json:"exitCode"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtLoc  `json:"artifactLocation"`
	Region           *sarifRegion `json:"region,omitempty"`
}

type sarifArtLoc struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

// securitySeverity maps vern's severities onto GitHub's security-severity scores
// (critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9).
var securitySeverity = map[findings.Severity]string{
	findings.SeverityCritical: "9.5",
	findings.SeverityHigh:     "8.0",
	findings.SeverityMedium:   "5.5",
	findings.SeverityLow:      "3.0",
	findings.SeverityInfo:     "0.0",
}

// sarifLevel maps a severity onto a SARIF level.
func sarifLevel(sev findings.Severity) string {
	switch sev {
	case findings.SeverityCritical, findings.SeverityHigh:
		return "error"
	case findings.SeverityMedium, findings.SeverityLow:
		return "warning"
	}
	return "note"
}

// Write implements Format.
func (s SARIF) Write(w io.Writer, in *Input) error {
	if err := checkInput(in); err != nil {
		return fmt.Errorf("write sarif: %w", err)
	}
	lang := string(normLang(in.Lang))
	doc := in.Findings
	all := sortedFindings(doc)

	// Rules: every rule evaluated, plus any rule a finding names that the document does not
	// describe (a user rule from an older findings file), in id order.
	ids := map[string]bool{}
	for id := range doc.Rules {
		ids[id] = true
	}
	example := map[string]*findings.Finding{}
	for i := range all {
		ids[all[i].Rule] = true
		if example[all[i].Rule] == nil {
			example[all[i].Rule] = &all[i]
		}
	}
	var order []string
	for id := range ids {
		order = append(order, id)
	}
	sort.Strings(order)
	index := map[string]int{}
	var rules []sarifRule
	for i, id := range order {
		index[id] = i
		r, ok := doc.Rules[id]
		f := example[id]
		if !ok {
			r = findings.Rule{ID: id, Title: f.Title, Severity: f.Severity, Kind: f.Kind, Area: areaOf(f), Legal: f.Legal, Remediation: f.Remediation}
		}
		t := ruleTexts(doc, &findings.Finding{Rule: id, Title: r.Title, Remediation: r.Remediation}, lang)
		desc := pick(t.Description, t.Title)
		rule := sarifRule{
			ID:                   id,
			Name:                 sarifRuleName(id),
			ShortDescription:     sarifText{Text: t.Title},
			FullDescription:      sarifText{Text: desc},
			Help:                 sarifHelp(r, t, lang),
			DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity)},
			Properties: map[string]any{
				"security-severity": securitySeverity[r.Severity],
				"precision":         "high",
				"problem.severity":  sarifProblemSeverity(r.Severity),
				"tags":              dedupe([]string{"privacy", "gdpr", r.Kind, pick(r.Area, areaOf(&findings.Finding{Rule: id}))}),
			},
		}
		if rule.Properties["security-severity"] == "" {
			rule.Properties["security-severity"] = "0.0"
		}
		if len(r.Links) > 0 {
			rule.HelpURI = r.Links[0].Ref
		}
		rules = append(rules, rule)
	}

	results := make([]sarifResult, 0, len(all))
	for i := range all {
		f := &all[i]
		loc := locate(in, f)
		file, line, col := fallbackFile(in), 1, 0
		if loc != nil {
			file, line, col = loc.File, loc.Line, loc.Column
		}
		if line < 1 {
			line = 1
		}
		msg := message(f, lang)
		if !strings.Contains(msg, f.Resource) {
			msg += " (" + f.Resource + ")"
		}
		res := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: index[f.Rule],
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{Text: msg},
			Locations: []sarifLocation{{
				PhysicalLocation: sarifPhysical{
					ArtifactLocation: sarifArtLoc{URI: sarifURI(s.PathPrefix, file)},
					Region:           &sarifRegion{StartLine: line, StartColumn: col},
				},
				LogicalLocations: []sarifLogical{{FullyQualifiedName: f.Resource, Kind: "resource"}},
			}},
			PartialFingerprints: map[string]string{"vernFingerprint/v1": f.Fingerprint},
			Properties:          map[string]any{"resource": f.Resource, "target": f.Target, "severity": f.Severity, "kind": f.Kind},
		}
		if f.Count != nil {
			res.Properties["count"] = *f.Count
		}
		if f.Waived() {
			res.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted",
				Justification: fmt.Sprintf("%s (%s, %s)", f.Waiver.Justification, f.Waiver.ApprovedBy, f.Waiver.Expires)}}
		}
		results = append(results, res)
	}

	category := s.Category
	if category == "" {
		category = "vern/privacy/"
	}
	log := sarifLog{
		Schema:  sarifSchema,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name:           "vern",
				Version:        doc.VernVersion,
				InformationURI: "https://github.com/alarmlink/vern",
				Language:       lang,
				Rules:          rules,
			}},
			AutomationDetails: sarifAutomation{ID: category},
			Invocations: []sarifInvocation{{
				ExecutionSuccessful: doc.Gate.Result != "incomplete",
				ExitCode:            doc.Gate.ExitCode,
			}},
			Results:    results,
			ColumnKind: "unicodeCodePoints",
			Properties: map[string]any{"gate": doc.Gate.Result, "failOn": doc.Gate.FailOn, "failing": doc.Gate.Failing,
				"evaluatedAt": doc.EvaluatedAt.UTC().Format("2006-01-02T15:04:05Z")},
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("write sarif: %w", err)
	}
	return nil
}

// sarifHelp is a rule's help: description, remediation, legal references and links.
func sarifHelp(r findings.Rule, t ruleText, lang string) sarifText {
	var txt, md strings.Builder
	if t.Description != "" {
		txt.WriteString(t.Description + "\n\n")
		md.WriteString(t.Description + "\n\n")
	}
	if t.Remediation != "" {
		fmt.Fprintf(&txt, "%s: %s\n\n", tr(lang, "remediation"), t.Remediation)
		fmt.Fprintf(&md, "**%s:** %s\n\n", tr(lang, "remediation"), t.Remediation)
	}
	if len(r.Legal) > 0 {
		fmt.Fprintf(&txt, "%s: %s\n", tr(lang, "legal"), strings.Join(r.Legal, "; "))
		fmt.Fprintf(&md, "**%s:** %s\n", tr(lang, "legal"), mdText(strings.Join(r.Legal, "; ")))
	}
	for _, l := range r.Links {
		d := pick(l.Description, l.Ref)
		fmt.Fprintf(&txt, "%s: %s\n", d, l.Ref)
		fmt.Fprintf(&md, "\n- [%s](%s)", mdText(d), mdURL(l.Ref))
	}
	return sarifText{Text: strings.TrimSpace(pick(txt.String(), t.Title)), Markdown: strings.TrimSpace(pick(md.String(), t.Title))}
}

// sarifRuleName turns statement.purpose_without_basis into StatementPurposeWithoutBasis.
func sarifRuleName(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		if r == '.' || r == '_' || r == '-' {
			up = true
			continue
		}
		if up && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		up = false
		b.WriteRune(r)
	}
	return b.String()
}

func sarifProblemSeverity(sev findings.Severity) string {
	switch sev {
	case findings.SeverityCritical, findings.SeverityHigh:
		return "error"
	case findings.SeverityMedium, findings.SeverityLow:
		return "warning"
	}
	return "recommendation"
}

// sarifURI joins a prefix and a relative path into a URI reference, percent-encoding what a
// file name may hold but a URI may not.
func sarifURI(prefix, file string) string {
	p := strings.TrimSuffix(prefix, "/")
	if p != "" {
		file = p + "/" + strings.TrimPrefix(file, "./")
	}
	return strings.NewReplacer("%", "%25", " ", "%20", "#", "%23", "?", "%3F").Replace(file)
}

// fallbackFile is the file a result without a location is pinned to: the declaration,
// whose promises every finding is ultimately about.
func fallbackFile(in *Input) string {
	if in.Evidence != nil && in.Evidence.Inventory.Declaration != "" {
		return in.Evidence.Inventory.Declaration
	}
	return "declaration.yaml"
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	out := s[:0]
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
