package issues

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/findings"
)

// reportMarker starts the body's last section, the link to the run's report. The link changes
// every night, so it is left out when vern decides whether an issue needs an update.
const reportMarker = "<!-- vern:report -->"

// maxTitle is kept below GitHub's limit of 256 characters.
const maxTitle = 200

// desired is the issue one rule on one target should have.
type desired struct {
	id, rule, target string
	severity         findings.Severity
	title, body      string
	// labels are the labels vern manages on this issue, sorted.
	labels []string
	// waived is true when a waiver covers every finding of the group.
	waived bool
	waiver *findings.Waiver
	items  []findings.Finding
}

// buildDesired groups findings into one issue per rule and target, in a stable order.
func buildDesired(doc *findings.Document, lang, reportURL string, extra []string) []*desired {
	groups := map[string]*desired{}
	for _, f := range doc.Findings {
		target := f.Target
		if target == "" {
			target = f.Resource
		}
		id := IssueID(f.Rule, target)
		d := groups[id]
		if d == nil {
			d = &desired{id: id, rule: f.Rule, target: target, waived: true}
			groups[id] = d
		}
		d.items = append(d.items, f)
		if f.Severity.Rank() < d.severity.Rank() || d.severity == "" {
			d.severity = f.Severity
		}
		if f.Waiver == nil {
			d.waived = false
		}
	}
	out := make([]*desired, 0, len(groups))
	for _, d := range groups {
		sortItems(d.items)
		if d.waived {
			d.waiver = earliestExpiry(d.items)
		}
		r := ruleOf(doc, d.rule, d.items[0])
		d.title = title(r, lang, d.target)
		d.body = render(d, r, lang, reportURL)
		d.labels = labelsFor(d, extra)
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].rule != out[j].rule {
			return out[i].rule < out[j].rule
		}
		return out[i].target < out[j].target
	})
	return out
}

func sortItems(items []findings.Finding) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.Fingerprint < b.Fingerprint
	})
}

func earliestExpiry(items []findings.Finding) *findings.Waiver {
	var w *findings.Waiver
	for _, f := range items {
		if f.Waiver != nil && (w == nil || f.Waiver.Expires < w.Expires) {
			w = f.Waiver
		}
	}
	return w
}

// ruleOf returns the rule's metadata, or what the finding itself carries for an unknown rule.
func ruleOf(doc *findings.Document, id string, f findings.Finding) findings.Rule {
	if r, ok := doc.Rules[id]; ok {
		return r
	}
	return findings.Rule{ID: id, Title: f.Title, Description: f.Message, Severity: f.Severity,
		Legal: f.Legal, Remediation: f.Remediation}
}

func ruleText(r findings.Rule, lang string) (title, description, remediation string) {
	title, description, remediation = r.Title, r.Description, r.Remediation
	if config.Language(lang) == config.LangNorwegian && r.NB != nil {
		title = firstOf(r.NB.Title, title)
		description = firstOf(r.NB.Description, description)
		remediation = firstOf(r.NB.Remediation, remediation)
	}
	return title, description, remediation
}

func firstOf(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func title(r findings.Rule, lang, target string) string {
	t, _, _ := ruleText(r, lang)
	s := oneLine(firstOf(t, r.ID) + ": " + target)
	if runes := []rune(s); len(runes) > maxTitle {
		s = string(runes[:maxTitle-1]) + "…"
	}
	return s
}

func labelsFor(d *desired, extra []string) []string {
	l := []string{labelVern, labelRulePrefix + d.rule, labelSevPrefix + string(d.severity)}
	if d.waived {
		l = append(l, labelWaived)
	}
	l = append(l, extra...)
	return sortedSet(l)
}

func sortedSet(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// render writes the issue body. It depends on the findings only (no dates, no run ids), so
// unchanged findings give a byte-identical body.
func render(d *desired, r findings.Rule, lang, reportURL string) string {
	tx := wordsFor(lang)
	_, description, remediation := ruleText(r, lang)
	var b strings.Builder
	line := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }

	line("%s", marker(d.id))
	line("**%s:** %s · **%s:** %s · **%s:** %s", tx.text("severity"), tx.severityName(d.severity), tx.text("rule"), code(d.rule), tx.text("issue.target"), code(d.target))
	line("")
	line("### %s", tx.text("issue.what_is_wrong"))
	line("")
	line("%s", paragraph(firstOf(description, d.items[0].Message)))
	line("")
	line("### %s", tx.text("issue.evidence"))
	line("")
	renderItems(&b, d.items, lang, tx)

	legal := legalRefs(r, d.items)
	if len(legal) > 0 {
		line("")
		line("### %s", tx.text("legal"))
		line("")
		for _, l := range legal {
			line("- %s", inline(l))
		}
	}
	if fix := firstOf(remediation, d.items[0].Remediation); fix != "" {
		line("")
		line("### %s", tx.text("issue.fix"))
		line("")
		line("%s", paragraph(fix))
	}
	if d.waived && d.waiver != nil {
		line("")
		line("### %s", tx.text("issue.waived"))
		line("")
		line("- %s: %s", tx.text("issue.justification"), inline(d.waiver.Justification))
		line("- %s: %s", tx.text("issue.approved_by"), code(d.waiver.ApprovedBy))
		line("- %s: %s", tx.text("issue.expires"), code(d.waiver.Expires))
	} else {
		line("")
		line("### %s", tx.text("issue.waive"))
		line("")
		line("%s", tx.text("issue.waive_how"))
		line("")
		renderWaiverSnippet(&b, d, tx)
	}
	line("")
	line("---")
	line("<sub>%s</sub>", tx.text("issue.footer"))
	if reportURL != "" {
		line("")
		line("%s", reportMarker)
		line("[%s](<%s>)", tx.text("issue.report"), linkTarget(reportURL))
	}
	return b.String()
}

func renderItems(b *strings.Builder, items []findings.Finding, lang string, tx words) {
	var total int64
	counted, waived, located := false, false, false
	for _, f := range items {
		if f.Location != nil {
			located = true
		}
		if f.Count != nil {
			counted = true
			total += *f.Count
		}
		if f.Waiver != nil {
			waived = true
		}
	}
	summary := fmt.Sprintf("%d %s", len(items), tx.text("issue.items"))
	if counted {
		summary += fmt.Sprintf(" · %s: %d %s", tx.text("count"), total, tx.text("issue.total"))
	}
	fmt.Fprintf(b, "%s\n\n", summary)

	head := []string{tx.text("resource"), tx.text("issue.col.finding")}
	if counted {
		head = append(head, tx.text("count"))
	}
	head = append(head, tx.text("issue.col.details"))
	if located {
		head = append(head, tx.text("issue.col.source"))
	}
	if waived {
		head = append(head, tx.text("issue.col.waived"))
	}
	fmt.Fprintf(b, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
	for _, f := range items {
		msg := f.Message
		if config.Language(lang) == config.LangNorwegian && f.MessageNB != "" {
			msg = f.MessageNB
		}
		row := []string{code(f.Resource), inline(msg)}
		if counted {
			n := ""
			if f.Count != nil {
				n = strconv.FormatInt(*f.Count, 10)
			}
			row = append(row, n)
		}
		row = append(row, details(f.Details))
		if located {
			src := ""
			if f.Location != nil {
				src = code(fmt.Sprintf("%s:%d", f.Location.File, f.Location.Line))
			}
			row = append(row, src)
		}
		if waived {
			w := ""
			if f.Waiver != nil {
				w = tx.text("yes")
			}
			row = append(row, w)
		}
		fmt.Fprintf(b, "| %s |\n", strings.Join(row, " | "))
	}
}

func legalRefs(r findings.Rule, items []findings.Finding) []string {
	all := append([]string(nil), r.Legal...)
	for _, f := range items {
		all = append(all, f.Legal...)
	}
	return sortedSet(all)
}

// renderWaiverSnippet shows the waivers.yaml entry that would waive this issue's findings.
func renderWaiverSnippet(b *strings.Builder, d *desired, tx words) {
	var resources []string
	for _, f := range d.items {
		resources = append(resources, f.Resource)
	}
	snippet := fmt.Sprintf("waivers:\n  - rule: %s\n    resource: %s\n    justification: %s\n    approved_by: %s\n"+
		"    created: YYYY-MM-DD\n    expires: YYYY-MM-DD\n",
		quote(d.rule), quote(resourceGlob(resources)), quote("<"+tx.text("issue.waive_justification")+">"), quote("<"+tx.text("issue.waive_approver")+">"))
	fence := fenceFor(snippet)
	fmt.Fprintf(b, "%syaml\n%s%s\n", fence, snippet, fence)
}

// resourceGlob is the one resource, or the common prefix of several followed by "*".
func resourceGlob(resources []string) string {
	rs := sortedSet(resources)
	if len(rs) == 1 {
		return rs[0]
	}
	prefix := rs[0]
	for _, r := range rs[1:] {
		for !strings.HasPrefix(r, prefix) {
			_, size := utf8.DecodeLastRuneInString(prefix)
			prefix = prefix[:len(prefix)-size]
		}
	}
	return prefix + "*"
}

// quote is a YAML double-quoted scalar (JSON strings are valid YAML).
func quote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

func fenceFor(s string) string {
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// details renders a finding's details (names and numbers only, by contract) in key order.
func details(m map[string]any) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, inline(k)+": "+value(m[k]))
	}
	return strings.Join(parts, "; ")
}

func value(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return code(x)
	case bool, float64, float32, int, int64, json.Number:
		return inline(fmt.Sprint(x))
	case []any:
		var ss []string
		for _, e := range x {
			ss = append(ss, value(e))
		}
		sort.Strings(ss)
		return strings.Join(ss, ", ")
	case []string:
		ss := make([]string, len(x))
		for i, e := range x {
			ss[i] = code(e)
		}
		sort.Strings(ss)
		return strings.Join(ss, ", ")
	default:
		// encoding/json writes map keys sorted, so nested values stay deterministic.
		j, err := json.Marshal(x)
		if err != nil {
			return code(fmt.Sprint(x))
		}
		return code(string(j))
	}
}

// code renders a name as a code span: never markup, never a mention, safe in a table.
func code(s string) string {
	s = strings.ReplaceAll(oneLine(s), "|", `\|`)
	if s == "" {
		return ""
	}
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if fence != "`" || strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// inline renders text on one line of a table or list, with markup characters escaped.
func inline(s string) string {
	return textEscaper.Replace(oneLine(s))
}

// textEscaper keeps text from becoming markup; a zero-width space after "@" keeps a name
// such as "@team" from notifying anyone.
var textEscaper = strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;", "@", "@\u200b")

// paragraph renders free text with HTML escaped, so a rule's text cannot hide a marker.
func paragraph(s string) string {
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;", "@", "@\u200b", "\r", "")
	return strings.TrimSpace(r.Replace(s))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func linkTarget(u string) string {
	return strings.NewReplacer(">", "%3E", "<", "%3C", " ", "%20", "\n", "", "\r", "").Replace(u)
}

// comparable is the part of a body that decides whether an issue needs an update.
func comparable(body string) string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	if i := strings.Index(body, reportMarker); i >= 0 {
		body = body[:i]
	}
	return strings.TrimRight(body, "\n")
}
