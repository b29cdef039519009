// Package rulesdoc renders the rule catalog from the rules' metadata: a terminal table, the
// markdown table README.md carries, and one rule's full explanation.
package rulesdoc

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/errwriter"
	"github.com/alarmlink/vern/internal/findings"
)

// texts returns a rule's title, description and remediation in lang, falling back to English
// where a Norwegian text is missing.
func texts(r findings.Rule, lang string) (title, desc, fix string) {
	title, desc, fix = r.Title, r.Description, r.Remediation
	if config.Language(lang) == config.LangNorwegian && r.NB != nil {
		if r.NB.Title != "" {
			title = r.NB.Title
		}
		if r.NB.Description != "" {
			desc = r.NB.Description
		}
		if r.NB.Remediation != "" {
			fix = r.NB.Remediation
		}
	}
	return title, desc, fix
}

// Table writes the catalog as an aligned terminal table.
func Table(w io.Writer, rules []findings.Rule, lang string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	out := errwriter.New(tw)
	out.Println("ID\tSEVERITY\tKIND\tTITLE")
	for _, r := range rules {
		title, _, _ := texts(r, lang)
		out.Printf("%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Kind, title)
	}
	if err := out.Err(); err != nil {
		return err
	}
	return tw.Flush()
}

// Markdown writes the catalog as a markdown table, the one README.md carries.
func Markdown(w io.Writer, rules []findings.Rule, lang string) error {
	var b strings.Builder
	b.WriteString("| id | severity | kind | title | law |\n|---|---|---|---|---|\n")
	for _, r := range rules {
		title, _, _ := texts(r, lang)
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", r.ID, r.Severity, r.Kind, cell(title), cell(strings.Join(r.Legal, "; ")))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Explain writes one rule's full text.
func Explain(w io.Writer, r findings.Rule, lang string) error {
	title, desc, fix := texts(r, lang)
	var b strings.Builder
	fmt.Fprintf(&b, "%s  [%s, %s]\n%s\n\n%s\n", r.ID, r.Severity, r.Kind, title, desc)
	if len(r.Legal) > 0 {
		fmt.Fprintf(&b, "\nLaw: %s\n", strings.Join(r.Legal, "; "))
	}
	for _, l := range r.Links {
		fmt.Fprintf(&b, "  %s\n", l.Ref)
	}
	if fix != "" {
		fmt.Fprintf(&b, "\nHow to fix:\n%s\n", fix)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func cell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.ReplaceAll(s, "\n", " ")
}
