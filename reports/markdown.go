package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
)

// StepSummaryLimit is GitHub's limit on a step summary ($GITHUB_STEP_SUMMARY): 1 MiB.
const StepSummaryLimit = 1 << 20

// Markdown writes summary.md for $GITHUB_STEP_SUMMARY or a merge request note: the gate's
// verdict, a counts table, the findings by severity, the targets' statuses and the waived
// findings. It stays under MaxBytes (StepSummaryLimit when 0), cutting the findings table
// with a note when it must.
type Markdown struct {
	MaxBytes int
}

// Name implements Format.
func (Markdown) Name() string { return "markdown" }

// FileName implements Format.
func (Markdown) FileName() string { return "summary.md" }

// Write implements Format.
func (m Markdown) Write(w io.Writer, in *Input) error {
	if err := checkInput(in); err != nil {
		return fmt.Errorf("write markdown: %w", err)
	}
	lang := string(normLang(in.Lang))
	doc := in.Findings
	limit := m.MaxBytes
	if limit <= 0 {
		limit = StepSummaryLimit
	}
	var head, tail strings.Builder

	icon := map[string]string{"passed": "✅", "failed": "❌", "incomplete": "⚠️"}[doc.Gate.Result]
	fmt.Fprintf(&head, "## %s %s\n\n", icon, mdText(gateLine(doc, lang)))
	fmt.Fprintf(&head, "%s: %s · %s: %s", tr(lang, "report.generated"), doc.EvaluatedAt.UTC().Format("2006-01-02 15:04 MST"),
		tr(lang, "report.version"), mdText(doc.VernVersion))
	if in.ReportURL != "" {
		fmt.Fprintf(&head, " · [%s](%s)", tr(lang, "md.report"), mdURL(in.ReportURL))
	}
	head.WriteString("\n\n")

	fmt.Fprintf(&head, "| %s | %s | %s | %s |\n|---|--:|--:|--:|\n", tr(lang, "severity"), tr(lang, "counts.open"),
		tr(lang, "counts.waived"), tr(lang, "counts.total"))
	open, waived := map[findings.Severity]int{}, map[findings.Severity]int{}
	for i := range doc.Findings {
		if doc.Findings[i].Waived() {
			waived[doc.Findings[i].Severity]++
		} else {
			open[doc.Findings[i].Severity]++
		}
	}
	for _, s := range findings.Severities {
		fmt.Fprintf(&head, "| %s | %d | %d | %d |\n", severityLabel(lang, s), open[s], waived[s], open[s]+waived[s])
	}
	fmt.Fprintf(&head, "| **%s** | **%d** | **%d** | **%d** |\n\n", tr(lang, "counts.total"),
		doc.Summary.Total-doc.Summary.Waived, doc.Summary.Waived, doc.Summary.Total)

	// Promises, targets and waivers are written before the findings are cut to fit, so they
	// always fit.
	writePromiseTable(&tail, in, lang)
	if len(doc.Targets) > 0 {
		fmt.Fprintf(&tail, "\n### %s\n\n| %s | %s | %s | %s |\n|---|---|---|---|\n", tr(lang, "md.targets"),
			tr(lang, "target"), tr(lang, "kind"), tr(lang, "status"), tr(lang, "reason"))
		for _, t := range doc.Targets {
			st := mdText(string(t.Status))
			if t.Status != evidence.StatusOK {
				st = "**" + st + "**"
			}
			fmt.Fprintf(&tail, "| %s | %s | %s | %s |\n", mdText(t.Name), mdText(t.Kind), st, mdText(t.Reason))
		}
	}
	var waivedRows []findings.Finding
	for _, f := range sortedFindings(doc) {
		if f.Waived() {
			waivedRows = append(waivedRows, f)
		}
	}
	if len(waivedRows) > 0 {
		fmt.Fprintf(&tail, "\n### %s\n\n| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n", tr(lang, "md.waived"),
			tr(lang, "rule"), tr(lang, "resource"), tr(lang, "md.approved"), tr(lang, "md.expires"), tr(lang, "waiver"))
		for _, f := range waivedRows {
			exp := mdText(f.Waiver.Expires)
			if f.Waiver.Expiring {
				exp += " ⏳"
			}
			fmt.Fprintf(&tail, "| `%s` | %s | %s | %s | %s |\n", mdCode(f.Rule), mdText(f.Resource), mdText(f.Waiver.ApprovedBy),
				exp, mdText(f.Waiver.Justification))
		}
	}

	var rows strings.Builder
	all := sortedFindings(doc)
	fmt.Fprintf(&rows, "### %s\n\n", tr(lang, "md.findings"))
	if len(all) == 0 {
		rows.WriteString(tr(lang, "console.none") + "\n")
	} else {
		fmt.Fprintf(&rows, "| %s | %s | %s | %s | %s |\n|---|---|---|--:|---|\n", tr(lang, "severity"), tr(lang, "rule"),
			tr(lang, "resource"), tr(lang, "count"), tr(lang, "message"))
	}
	// Keep room for the note and a margin for the byte count of the longest row.
	budget := limit - head.Len() - tail.Len() - 1024
	shown := 0
	for i := range all {
		f := &all[i]
		sev := severityLabel(lang, f.Severity)
		if f.Waived() {
			sev = "~~" + sev + "~~ " + tr(lang, "waived")
		}
		cnt := ""
		if f.Count != nil {
			cnt = strconv.FormatInt(*f.Count, 10)
		}
		row := fmt.Sprintf("| %s | `%s` | %s | %s | %s |\n", sev, mdCode(f.Rule), mdText(f.Resource), cnt, mdText(message(f, lang)))
		if rows.Len()+len(row) > budget {
			break
		}
		rows.WriteString(row)
		shown++
	}
	if shown < len(all) {
		fmt.Fprintf(&rows, "\n> %s\n", trf(lang, "md.truncated", shown, len(all)))
	}
	out := head.String() + rows.String() + tail.String()
	if _, err := io.WriteString(w, out); err != nil {
		return fmt.Errorf("write markdown: %w", err)
	}
	return nil
}

// mdText escapes text for a GitHub-flavoured markdown table cell: HTML is neutralised,
// markdown punctuation is backslash-escaped and line breaks become spaces.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		case '\\', '`', '*', '_', '[', ']', '|', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			if r < 0x20 || r == 0x7f {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCode makes a string safe inside a one-backtick code span within a table cell.
func mdCode(s string) string {
	return strings.NewReplacer("`", "'", "|", "\\|", "\n", " ", "\r", " ").Replace(s)
}

// mdURL keeps a link target from closing the link early.
func mdURL(s string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(s)
}
