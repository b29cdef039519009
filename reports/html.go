package reports

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
)

//go:embed html/report.tmpl html/report.css html/report.js
var htmlFiles embed.FS

// HTML writes report.html for auditors and data protection officers: one self-contained
// file that reads offline and prints to PDF. Its Content-Security-Policy forbids every
// network request; the inline style and script are allowed by their sha256 hashes, computed
// here from the exact bytes written. Everything taken from findings or evidence is escaped
// by html/template, so a hostile page title or cookie name shows as text.
type HTML struct{}

// Name implements Format.
func (HTML) Name() string { return "html" }

// FileName implements Format.
func (HTML) FileName() string { return "report.html" }

var (
	htmlOnce sync.Once
	htmlTmpl *template.Template
	htmlCSS  string
	htmlJS   string
	htmlErr  error
)

func loadHTML() {
	css, err := htmlFiles.ReadFile("html/report.css")
	if err != nil {
		htmlErr = err
		return
	}
	js, err := htmlFiles.ReadFile("html/report.js")
	if err != nil {
		htmlErr = err
		return
	}
	htmlCSS, htmlJS = string(css), string(js)
	htmlTmpl, htmlErr = template.New("report.tmpl").Funcs(template.FuncMap{
		// Replaced per render with the report's language.
		"t":      func(string) string { return "" },
		"sev":    func(string) string { return "" },
		"status": func(string) string { return "" },
		"phase":  func(string) string { return "" },
		"mark":   func(string) string { return "" },
		"word":   func(string, string) string { return "" },
		"join":   strings.Join,
	}).ParseFS(htmlFiles, "html/report.tmpl")
}

// cspHash is the CSP source expression allowing exactly this inline content.
func cspHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

// contentSecurityPolicy forbids all fetches, frames, forms and base changes; only the
// report's own inline style and script run, and images only from data: URLs.
func contentSecurityPolicy(css, js string) string {
	return "default-src 'none'; style-src " + cspHash(css) + "; script-src " + cspHash(js) +
		"; img-src data:; base-uri 'none'; form-action 'none'"
}

type kv struct{ Key, Value string }

type labelCount struct {
	Key, Label string
	Count      int
}

type severityRow struct {
	Key          findings.Severity
	Label        string
	Open, Waived int
}

type findingGroup struct {
	Kind, KindLabel, Area, AreaLabel string
	Rows                             []findingRow
}

type findingRow struct {
	Anchor, SevLabel, Kind, Rule, Resource, Message, Count, Location string
	Severity                                                         findings.Severity
	// WaiverQuote is the waiver's justification in its author's words; WaiverText who
	// approved it and until when.
	WaiverQuote, WaiverText string
	Rank                    int
	CountN                  int64
	Waived                  bool
}

type ruleView struct {
	ID, Title, Description, Remediation, KindLabel, AreaLabel string
	Severity                                                  findings.Severity
	Legal                                                     []string
	Links                                                     []findings.Link
	Count                                                     int
}

type htmlView struct {
	Lang, CSP                           string
	CSS                                 template.CSS
	JS                                  template.JS
	Controller, Version                 string
	EvaluatedAt, StartedAt, CollectedAt string
	Gate                                findings.Gate
	GateLabel, GateLine                 string
	Total, Waived                       int
	SeverityRows                        []severityRow
	KindOptions                         []labelCount
	Chart                               chartView
	HaveEvidence                        bool
	EvidenceHash                        string
	Chain                               *findings.ChainHead
	Hashes                              []kv
	Targets                             []targetView
	Matrix                              []*matrixSection
	MatrixCounts                        []labelCount
	Ropa                                *ropaView
	Groups                              []findingGroup
	Rules                               []ruleView
	Inventory                           inventoryView
	PhaseNames                          []string
	Scope                               []string
	ScopeTargets                        []targetView
	Uncollected                         []string
	WaiverNotes                         []string
	Changes                             changesView
}

// Write implements Format.
func (HTML) Write(w io.Writer, in *Input) error {
	if err := checkInput(in); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	htmlOnce.Do(loadHTML)
	if htmlErr != nil {
		return fmt.Errorf("write html: load templates: %w", htmlErr)
	}
	lang := string(normLang(in.Lang))
	v := buildHTMLView(in, lang)
	t, err := htmlTmpl.Clone()
	if err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	t.Funcs(template.FuncMap{
		"t":   func(k string) string { return tr(lang, k) },
		"sev": func(s findings.Severity) string { return severityLabel(lang, s) },
		"status": func(s string) string {
			return tr(lang, "matrix."+s)
		},
		"phase": func(s string) string { return tr(lang, "phase."+s) },
		"word":  func(group, s string) string { return word(lang, group, s) },
		"mark": func(s string) string {
			if s == "" {
				return ""
			}
			return tr(lang, "mark."+s)
		},
	})
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

func buildHTMLView(in *Input, lang string) *htmlView {
	doc := in.Findings
	v := &htmlView{
		Lang: lang, CSP: contentSecurityPolicy(htmlCSS, htmlJS), CSS: template.CSS(htmlCSS), JS: template.JS(htmlJS),
		Version: doc.VernVersion, EvaluatedAt: stamp(doc.EvaluatedAt), Gate: doc.Gate, GateLine: gateLine(doc, lang),
		Total: len(doc.Findings), WaiverNotes: waiverNoteTexts(lang, doc),
	}
	v.GateLabel = tr(lang, "gate."+doc.Gate.Result)
	ev := in.Evidence
	if ev != nil {
		v.HaveEvidence = true
		v.Controller = ev.Declaration.Controller.Name
		v.StartedAt, v.CollectedAt = stamp(ev.StartedAt), stamp(ev.CollectedAt)
		v.EvidenceHash = ev.SHA256
	} else {
		v.CollectedAt = stamp(doc.CollectedAt)
	}
	if v.EvidenceHash == "" {
		v.EvidenceHash = doc.Hashes["evidence"]
	}
	v.Chain = doc.Chain
	for _, k := range slices.Sorted(maps.Keys(doc.Hashes)) {
		v.Hashes = append(v.Hashes, kv{k, doc.Hashes[k]})
	}

	open, waived := map[findings.Severity]int{}, map[findings.Severity]int{}
	byKind, byArea := map[string]int{}, map[string]int{}
	for i := range doc.Findings {
		f := &doc.Findings[i]
		if f.Waived() {
			waived[f.Severity]++
			v.Waived++
			continue
		}
		open[f.Severity]++
		byKind[f.Kind]++
		byArea[areaOf(f)]++
	}
	for _, s := range findings.Severities {
		v.SeverityRows = append(v.SeverityRows, severityRow{Key: s, Label: severityLabel(lang, s), Open: open[s], Waived: waived[s]})
	}
	for _, k := range kinds {
		v.KindOptions = append(v.KindOptions, labelCount{Key: k, Label: kindLabel(lang, k), Count: byKind[k]})
	}
	v.Chart = buildChart(lang, open, byKind, byArea)

	// Targets: the evidence's when at hand, else findings.json's statuses.
	if ev != nil {
		v.Inventory = buildInventory(ev)
		v.Targets = v.Inventory.Targets
	} else {
		for _, t := range doc.Targets {
			v.Targets = append(v.Targets, targetView{Name: t.Name, Kind: t.Kind, Status: string(t.Status), Reason: t.Reason, Fix: t.Fix})
		}
	}
	v.PhaseNames = phaseOrder

	v.Matrix = buildMatrix(in, lang)
	counts := matrixCounts(v.Matrix)
	for _, s := range []string{statusKept, statusBroken, statusWaived, statusUnchecked, statusUndeclared} {
		if counts[s] > 0 {
			v.MatrixCounts = append(v.MatrixCounts, labelCount{Key: s, Label: tr(lang, "matrix."+s), Count: counts[s]})
		}
	}

	v.Ropa = buildRopaView(in, lang)
	v.Groups, v.Rules = buildFindingGroups(in, lang)

	for _, k := range []string{"scope.backups", "scope.logs", "scope.mailboxes", "scope.loggedin", "scope.subprocessors",
		"scope.paper", "scope.practice"} {
		v.Scope = append(v.Scope, tr(lang, k))
	}
	for _, t := range v.Targets {
		if t.Status != string(evidence.StatusOK) {
			v.ScopeTargets = append(v.ScopeTargets, t)
		}
	}
	if ev != nil {
		for _, db := range slices.Sorted(maps.Keys(ev.Inventory.Databases)) {
			name := evidence.DBTarget(db).String()
			if _, ok := ev.Targets[name]; !ok {
				v.Uncollected = append(v.Uncollected, name)
			}
		}
	}
	v.Changes = diffRuns(doc, in.Previous)
	return v
}

// buildFindingGroups groups the findings by kind and area, and lists each rule that fired
// once with its long texts.
func buildFindingGroups(in *Input, lang string) ([]findingGroup, []ruleView) {
	doc := in.Findings
	groups := map[string]*findingGroup{}
	ruleCount := map[string]int{}
	ruleOf := map[string]*findings.Finding{}
	all := sortedFindings(doc)
	for i := range all {
		f := &all[i]
		area := areaOf(f)
		key := f.Kind + "\x00" + area
		g := groups[key]
		if g == nil {
			g = &findingGroup{Kind: f.Kind, KindLabel: kindLabel(lang, f.Kind), Area: area, AreaLabel: areaLabel(lang, area)}
			groups[key] = g
		}
		row := findingRow{
			Anchor: anchor(f.Fingerprint, f.Rule, f.Resource), Severity: f.Severity, SevLabel: severityLabel(lang, f.Severity),
			Kind: f.Kind, Rule: f.Rule, Resource: f.Resource, Message: message(f, lang), Rank: f.Severity.Rank(),
			Waived: f.Waived(),
		}
		if f.Count != nil {
			row.CountN = *f.Count
			row.Count = strconv.FormatInt(*f.Count, 10)
		}
		if l := locate(in, f); l != nil {
			row.Location = fmt.Sprintf("%s:%d", l.File, l.Line)
		}
		if f.Waiver != nil {
			row.WaiverQuote = f.Waiver.Justification
			row.WaiverText = trf(lang, "waiver.by", f.Waiver.ApprovedBy, f.Waiver.Expires)
			if f.Waiver.Expiring {
				row.WaiverText += " (" + tr(lang, "waiver.expiring") + ")"
			}
		}
		g.Rows = append(g.Rows, row)
		ruleCount[f.Rule]++
		if ruleOf[f.Rule] == nil {
			ruleOf[f.Rule] = f
		}
	}
	var out []findingGroup
	for _, g := range groups {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		ki, kj := kindRank(out[i].Kind), kindRank(out[j].Kind)
		if ki != kj {
			return ki < kj
		}
		if ai, aj := areaRank(out[i].Area), areaRank(out[j].Area); ai != aj {
			return ai < aj
		}
		return out[i].Area < out[j].Area
	})

	var rules []ruleView
	for _, id := range slices.Sorted(maps.Keys(ruleOf)) {
		f := ruleOf[id]
		t := ruleTexts(doc, f, lang)
		r := doc.Rules[id]
		rv := ruleView{ID: id, Title: t.Title, Description: t.Description, Remediation: t.Remediation, Severity: pick(r.Severity, f.Severity),
			KindLabel: kindLabel(lang, pick(r.Kind, f.Kind)), AreaLabel: areaLabel(lang, areaOf(f)), Legal: r.Legal, Links: r.Links,
			Count: ruleCount[id]}
		if len(rv.Legal) == 0 {
			rv.Legal = f.Legal
		}
		rules = append(rules, rv)
	}
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].Severity.Rank() < rules[j].Severity.Rank() })
	return out, rules
}

func kindRank(k string) int {
	for i, v := range kinds {
		if v == k {
			return i
		}
	}
	return len(kinds)
}

// htmlEscape writes s escaped as html/template escapes text.
func htmlEscape(w io.Writer, s string) error {
	template.HTMLEscape(w, []byte(s))
	return nil
}
