package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/errwriter"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
)

// WriteConsole writes the terminal view of a findings document: the gate line, the counts
// and a table of findings (severity, rule, resource, count), in English. Names that came
// from the evidence are stripped of control characters, so a hostile cookie name cannot
// move the cursor or recolour the terminal.
func WriteConsole(w io.Writer, doc *findings.Document) error {
	return writeConsole(w, doc, string(config.LangEnglish))
}

// WriteConsoleLang is WriteConsole in the given language ("en" or "nb").
func WriteConsoleLang(w io.Writer, doc *findings.Document, lang string) error {
	return writeConsole(w, doc, lang)
}

func writeConsole(w io.Writer, doc *findings.Document, lang string) error {
	if doc == nil {
		return fmt.Errorf("write console: no findings document")
	}
	var b strings.Builder
	b.WriteString(gateLine(doc, lang))
	b.WriteByte('\n')
	var parts []string
	for _, s := range findings.Severities {
		parts = append(parts, fmt.Sprintf("%s %d", severityLabel(lang, s), doc.Summary.BySeverity[s]))
	}
	parts = append(parts, fmt.Sprintf("%s %d", tr(lang, "counts.waived"), doc.Summary.Waived))
	parts = append(parts, fmt.Sprintf("%s %d", tr(lang, "counts.total"), doc.Summary.Total))
	b.WriteString(strings.Join(parts, " · "))
	b.WriteString("\n\n")

	if len(doc.Findings) == 0 {
		b.WriteString(tr(lang, "console.none"))
		b.WriteByte('\n')
	} else {
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		out := errwriter.New(tw)
		out.Printf("%s\t%s\t%s\t%s\n", strings.ToUpper(tr(lang, "severity")), strings.ToUpper(tr(lang, "rule")),
			strings.ToUpper(tr(lang, "resource")), strings.ToUpper(tr(lang, "count")))
		for _, f := range sortedFindings(doc) {
			sev := severityLabel(lang, f.Severity)
			if f.Waived() {
				sev += " (" + tr(lang, "waived") + ")"
			}
			cnt := ""
			if f.Count != nil {
				cnt = strconv.FormatInt(*f.Count, 10)
			}
			out.Printf("%s\t%s\t%s\t%s\n", sev, plain(f.Rule), plain(f.Resource), cnt)
		}
		if err := out.Err(); err != nil {
			return fmt.Errorf("write console: %w", err)
		}
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("write console: %w", err)
		}
	}
	var bad []string
	for _, t := range doc.Targets {
		if t.Status != evidence.StatusOK {
			s := plain(t.Name) + " (" + plain(string(t.Status))
			if t.Reason != "" {
				s += ": " + plain(t.Reason)
			}
			bad = append(bad, s+")")
		}
	}
	if len(bad) > 0 {
		fmt.Fprintf(&b, "\n%d %s: %s\n", len(bad), tr(lang, "console.targets"), strings.Join(bad, "; "))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write console: %w", err)
	}
	return nil
}

// gateLine is the one-line verdict.
func gateLine(doc *findings.Document, lang string) string {
	res := doc.Gate.Result
	if l := tr(lang, "gate."+res); l != "gate."+res {
		res = l
	}
	line := trf(lang, "gate.line", strings.ToUpper(res), doc.Gate.Failing, severityLabel(lang, doc.Gate.FailOn), doc.Gate.ExitCode)
	if len(doc.Gate.Failed) > 0 {
		line += trf(lang, "gate.failed_targets", plainList(doc.Gate.Failed))
	}
	if len(doc.Gate.Partial) > 0 {
		line += trf(lang, "gate.partial_targets", plainList(doc.Gate.Partial))
	}
	return line
}

// plainList joins target names for the verdict line.
func plainList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = plain(n)
	}
	return strings.Join(out, ", ")
}

// plain makes a string safe for a terminal or a single line: control characters (escape
// sequences, newlines, tabs that would break the table) are written as Go escapes.
func plain(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == unicode.ReplacementChar }) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
